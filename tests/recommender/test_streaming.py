"""The streamed recompute and the command line's streamed output: same answers as
all_top, rendered exactly as before, whatever the chunking; bad input writes nothing."""
import dataclasses
import json
import random

import pytest
from click.testing import CliRunner

from matchmaking.recommender import Recommender, bulk, cli, describe
from matchmaking.recommender.cli import recommend

from .support import recombined


def _records(docs, owner):
    return [{**dataclasses.asdict(d), owner: "某单位"} for d in docs]


def _write(tmp_path, programmes, needs):
    for name, records in (("programmes", _records(programmes, "school")), ("needs", _records(needs, "enterprise"))):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return tmp_path


def _rendered_as_before(best, own_ids, own_key, list_key) -> str:
    """What the command wrote before streaming: one json.dumps per line over all_top."""
    def item(s):
        return {"id": s.id, "score": round(s.score, 4), "reasons": [describe(r) for r in s.reasons]}
    return "".join(json.dumps({own_key: i, list_key: [item(s) for s in best[i]]}, ensure_ascii=False) + "\n"
                   for i in own_ids)


@pytest.fixture(scope="module")
def docs():
    found = recombined(60, 90)  # duplicates mixed in: ties at the cut
    if found is None:
        pytest.skip("dev set missing")
    return found


@pytest.mark.parametrize("direction,top", [("needs", 5), ("programmes", 4), ("needs", 1), ("needs", 500),
                                           ("programmes", 500)])
def test_the_output_is_the_engines_all_top_as_it_was_written_before(tmp_path, docs, direction, top):
    programmes, needs = docs
    best = Recommender().fit(programmes, needs).all_top(top, direction)
    if direction == "needs":
        expected = _rendered_as_before(best, [n.id for n in needs], "need_id", "programmes")
    else:
        expected = _rendered_as_before(best, [p.id for p in programmes], "programme_id", "needs")
    result = CliRunner().invoke(recommend, ["--data", str(_write(tmp_path, programmes, needs)),
                                            "--top", str(top), "--direction", direction])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


@pytest.mark.parametrize("direction", ["needs", "programmes"])
def test_an_empty_other_side_gives_every_item_an_empty_list(tmp_path, docs, direction):
    programmes, needs = docs
    if direction == "needs":
        programmes, own, key = [], needs, "need_id"
    else:
        needs, own, key = [], programmes, "programme_id"
    result = CliRunner().invoke(recommend, ["--data", str(_write(tmp_path, programmes, needs)), "--top", "3",
                                            "--direction", direction])
    assert result.exit_code == 0, result.output
    other = "programmes" if direction == "needs" else "needs"
    assert result.stdout == "".join(json.dumps({key: d.id, other: []}, ensure_ascii=False) + "\n" for d in own)


@pytest.mark.parametrize("direction", ["needs", "programmes"])
def test_small_chunks_give_the_same_bytes_as_one_chunk_and_are_written_as_they_come(tmp_path, docs, direction,
                                                                                    monkeypatch):
    data = _write(tmp_path, *docs)
    args = ["--data", str(data), "--top", "3", "--direction", direction]
    monkeypatch.setattr(cli, "CHUNK_PAIRS", 10**9)
    whole = CliRunner().invoke(recommend, args)
    writes = []
    real_echo = cli.click.echo

    def echo(message=None, **kwargs):
        writes.append(message)
        real_echo(message, **kwargs)

    monkeypatch.setattr(cli, "CHUNK_PAIRS", 7)
    monkeypatch.setattr(bulk, "CHUNK", 16)  # kernel chunks too
    monkeypatch.setattr(cli.click, "echo", echo)
    chunked = CliRunner().invoke(recommend, args)
    assert whole.exit_code == chunked.exit_code == 0
    assert chunked.stdout == whole.stdout and whole.stdout.count("\n") == len(docs[1 if direction == "needs" else 0])
    assert len(writes) > 10 and all(w.endswith(b"\n") for w in writes)


@pytest.mark.parametrize("direction", ["needs", "programmes"])
def test_iter_top_equals_all_top_after_changes(docs, direction):
    programmes, needs = docs
    engine = Recommender().fit(programmes, needs)
    rng = random.Random(5)
    engine.remove_programme(programmes[3].id)
    engine.remove_need(needs[7].id)
    engine.upsert_need(dataclasses.replace(rng.choice(needs), id="N-new"))
    engine.upsert_programme(dataclasses.replace(programmes[10], description=programmes[20].description))
    expected = engine.all_top(4, direction)
    for chunk_pairs in (1, 13, 10**6):
        streamed = [pair for block in bulk.iter_top(engine, 4, direction, chunk_pairs) for pair in block]
        assert [i for i, _ in streamed] == list(expected)  # every stored id, slot order
        assert dict(streamed) == expected


def test_blocks_are_built_only_when_reached(docs, monkeypatch):
    engine = Recommender().fit(*docs)
    calls = []
    real = type(engine)._suggestion_parts

    def counting(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(engine), "_suggestion_parts", counting)
    for direction in ("needs", "programmes"):
        calls.clear()
        stream = bulk.iter_blocks(engine, 3, direction, chunk_pairs=9)
        first = next(stream)
        assert len(first.ids) == 3 and len(calls) == 1
        rest = list(stream)
        assert len(calls) == 1 + len(rest)


def test_bad_input_stops_before_any_computing_and_writes_nothing(tmp_path, docs, monkeypatch):
    programmes, needs = docs
    data = _write(tmp_path, programmes, needs)
    with open(data / "needs.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"id": "N-last", "title": "x"}\n')

    def no_fit(*args, **kwargs):
        raise AssertionError("fitted on bad input")

    monkeypatch.setattr(Recommender, "fit", no_fit)
    result = CliRunner().invoke(recommend, ["--data", str(data), "--top", "3"])
    assert result.exit_code == 2 and result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("错误：")
    assert f"needs.jsonl:{len(needs) + 1}:" in message


def test_score_texts_are_json_of_the_rounded_score():
    rng = random.Random(2)
    scores = [rng.random() for _ in range(20000)] + [0.0, 1.0, 0.5, 0.00005, 0.12345, 0.99995]
    scores += [q / 10000 + d for q in range(0, 10000, 7) for d in (0.0, 5e-5, -5e-5) if 0 <= q / 10000 + d <= 1]
    assert cli._score_texts(scores) == [json.dumps(round(s, 4)) for s in scores]
