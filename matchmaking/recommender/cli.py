"""Command line: ``recommend`` and ``evaluate`` over exchange-format files, no database.

Plain click commands (the web package registers them into its ``matchmaking`` group);
they run exactly the engine the site uses. Bad input ends with one line on stderr,
"错误：<file>:<line>: <message>", exit status 2, and nothing on stdout: all input is read
and checked before anything is computed. ``recommend`` then ranks only the direction asked
for and streams its lines chunk by chunk (bulk.iter_top), so the reasons of all
suggestions and the whole output never sit in memory at once.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import baselines, bulk, metrics, tuning
from .dataio import DataError, read_needs, read_programmes, read_qrels
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


class _Json(dict):
    """json.dumps(value, ensure_ascii=False) of each distinct key, computed once."""

    def __init__(self, render=None):
        super().__init__()
        self._render = render

    def __missing__(self, key):
        found = self[key] = json.dumps(self._render(key) if self._render else key, ensure_ascii=False)
        return found


class _Lines:
    """JSON Lines of one direction, byte for byte what json.dumps(line, ensure_ascii=False)
    gives for {own_key: id, list_key: [{"id", "score", "reasons"} ...]} (the score rounded
    to 4 places, the reasons described), with each id and reason encoded once."""

    def __init__(self, own_key: str, list_key: str):
        self.head = f'{{{json.dumps(own_key)}: '
        self.middle = f', {json.dumps(list_key)}: ['
        self.ids = _Json()

    def __call__(self, block) -> str:
        ids, head, middle = self.ids, self.head, self.middle
        reason = _Json(describe).__getitem__  # per block: term lists rarely repeat across blocks
        out = []
        for item_id, suggestions in block:
            items = ", ".join([f'{{"id": {ids[s.id]}, "score": {round(s.score, 4)!r}, '
                               f'"reasons": [{", ".join(map(reason, s.reasons))}]}}' for s in suggestions])
            out.append(f"{head}{ids[item_id]}{middle}{items}]}}\n")
        return "".join(out)


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
        for block in bulk.iter_top(engine, top, direction, CHUNK_PAIRS):
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
