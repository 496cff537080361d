"""Command line: ``recommend`` and ``evaluate`` over exchange-format files, no database.

Plain click commands (the web package registers them into its ``matchmaking`` group);
they run exactly the engine the site uses. Bad input ends with one line on stderr,
"错误：<file>:<line>: <message>", exit status 2, and nothing on stdout: all input is read
and checked before anything is computed. ``recommend`` then ranks only the direction asked
for and streams its lines chunk by chunk (bulk.iter_blocks), so the reasons of all
suggestions and the whole output never sit in memory at once.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import numpy as np

from . import baselines, bulk, metrics, tuning
from .dataio import DataError, read_needs, read_programmes, read_qrels
from .documents import Reason
from .engine import Recommender
from .explain import describe


def _fail(err: Exception) -> None:
    click.echo(f"错误：{err}", err=True)
    sys.exit(2)


def _read(data_dir: Path):
    if not data_dir.is_dir():
        raise DataError(data_dir, None, "directory not found")
    return read_programmes(data_dir / "programmes.jsonl"), read_needs(data_dir / "needs.jsonl")


#: Suggestions per written chunk (the reasons of one chunk exist at a time).
CHUNK_PAIRS = bulk.SUGGEST_CHUNK


#: json.dumps(value, ensure_ascii=False) for one value, without building an encoder per call.
_dumps = json.JSONEncoder(ensure_ascii=False).encode


class _Json(dict):
    """_dumps(render(key)) of each distinct key, computed once."""

    def __init__(self, render=lambda key: key):
        super().__init__()
        self._render = render

    def __missing__(self, key):
        found = self[key] = _dumps(self._render(key))
        return found


#: repr(round(score, 4)) of every score in [0, 1], indexed by round(score * 10⁴).
_SCORE_TEXT = [repr(q / 10000) for q in range(10001)]


def _score_texts(scores: list[float]) -> list[str]:
    """repr(round(s, 4)) of each score in [0, 1] (what json.dumps writes for it), looked up
    rather than rounded one by one. q / 10000 is the float nearest q·10⁻⁴, which is what
    round() returns; scores within 10⁻⁶ of a rounding boundary, where scaling by 10⁴ could
    land on the wrong side, are rounded by round() itself."""
    x = np.asarray(scores, dtype=np.float64) * 10000.0
    q = np.rint(x)
    unsure = np.flatnonzero(np.abs(np.abs(x - q) - 0.5) < 1e-6)
    q = q.astype(np.int64).tolist()
    out = list(map(_SCORE_TEXT.__getitem__, q))
    for i in unsure.tolist():
        out[i] = repr(round(scores[i], 4))
    return out


class _Lines:
    """JSON Lines of one direction, byte for byte what json.dumps(line, ensure_ascii=False)
    gives for {own_key: id, list_key: [{"id", "score", "reasons"} ...]} with the score
    rounded to 4 places and the reasons described (``describe``). Written from a block's
    unassembled parts (bulk.Block): each id, term list and structured reason tuple is
    encoded once, and no Suggestion objects are made."""

    def __init__(self, own_key: str, list_key: str):
        self.head = f"{{{_dumps(own_key)}: "
        self.middle = f", {_dumps(list_key)}: ["
        self.ids = _Json()

    def __call__(self, block) -> str:
        parts, ids = block.parts, self.ids
        # Per block: term lists rarely repeat across blocks, so this cache stays small.
        terms = _Json(lambda t: describe(Reason("shared_terms", t)))
        alone = [", ".join(_dumps(describe(r)) for r in s) for s in parts.structured]
        after = [", " + text if text else "" for text in alone]
        reasons = [terms[t] + after[w] if t else alone[w] for t, w in zip(parts.terms, parts.which)]
        items = [f'{{"id": {ids[o]}, "score": {s}, "reasons": [{r}]}}'
                 for o, s, r in zip(parts.ids, _score_texts(parts.scores), reasons)]
        head, middle, join = self.head, self.middle, ", ".join
        return "".join([f"{head}{ids[i]}{middle}{join(items[a:b])}]}}\n"
                        for i, a, b in zip(block.ids, block.starts, block.ends)])


@click.command("recommend")
@click.option("--data", "data_dir", required=True, type=click.Path(path_type=Path),
              help="Directory holding programmes.jsonl and needs.jsonl (data/FORMAT.md).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Suggestions per item.")
@click.option("--direction", default="needs", show_default=True, type=click.Choice(["needs", "programmes"]),
              help="needs: one line per need with its programmes; programmes: the reverse.")
def recommend(data_dir: Path, top: int, direction: str) -> None:
    """Write the best programmes for every need (or needs for every programme) as JSON Lines."""
    try:
        programmes, needs = _read(data_dir)
    except DataError as err:
        _fail(err)
    lines = _Lines("need_id", "programmes") if direction == "needs" else _Lines("programme_id", "needs")
    with bulk.gc_paused():  # millions of small acyclic objects (bulk.gc_paused)
        engine = Recommender().fit(programmes, needs)
        del programmes, needs  # the engine keeps what it needs
        for block in bulk.iter_blocks(engine, top, direction, CHUNK_PAIRS):
            # UTF-8 bytes go straight to the binary stream, flushed: no ANSI scan of the text.
            click.echo(lines(block).encode("utf-8"), nl=False)


@click.command("evaluate")
@click.option("--data", "data_dir", required=True, type=click.Path(path_type=Path),
              help="Directory holding programmes.jsonl, needs.jsonl and qrels.tsv.")
@click.option("--folds", default=6, show_default=True, type=click.IntRange(min=0),
              help="Held-out check: tune weights on k-1 folds of needs, score the fold left out (0: skip).")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the fold split.")
def evaluate(data_dir: Path, folds: int, seed: int) -> None:
    """Print nDCG@10, MRR and P@5 of the engine and of two baselines on judged data."""
    try:
        programmes, needs = _read(data_dir)
        qrels = read_qrels(data_dir / "qrels.tsv", {n.id for n in needs}, {p.id for p in programmes})
    except DataError as err:
        _fail(err)
    judged = [n.id for n in needs if n.id in qrels]
    engine = Recommender().fit(programmes, needs)
    rows = [
        ("engine (shipped weights)", metrics.evaluate(tuning.engine_rankings(engine, judged), qrels, judged)),
        ("BM25, jieba words", metrics.evaluate(baselines.bm25_rankings(programmes, needs), qrels, judged)),
        ("TF-IDF, character bigrams", metrics.evaluate(baselines.char_bigram_rankings(programmes, needs), qrels, judged)),
    ]
    click.echo(f"{len(programmes)} programmes, {len(needs)} needs, {len(judged)} judged needs "
               f"(gain 2^grade-1; MRR and P@5 count grade >= {metrics.GOOD})")
    click.echo(f"{'system':40s} {'nDCG@10':>8s} {'MRR':>8s} {'P@5':>8s}")
    for name, s in rows:
        click.echo(f"{name:40s} {s.ndcg10:8.4f} {s.mrr:8.4f} {s.p5:8.4f}")
    if folds >= 2 and len(judged) >= folds:
        held, _ = tuning.cross_validate(programmes, needs, qrels, k=folds, seed=seed)
        name = f"engine, held-out ({folds} folds, seed {seed})"
        click.echo(f"{name:40s} {held.ndcg10:8.4f} {held.mrr:8.4f} {held.p5:8.4f}")


#: The same two commands without building the web application (no app, no database):
#: ``python -m matchmaking.recommender.cli recommend --data DIR``.
standalone = click.Group("recommender", commands=[recommend, evaluate],
                         help="The recommender's commands without the web application.")

if __name__ == "__main__":
    standalone(prog_name="python -m matchmaking.recommender.cli")
