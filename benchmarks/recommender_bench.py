"""Recommender benchmark: full recompute and single-item latency on synthetic data.

Generates 20,000 programmes and 50,000 needs (sizes adjustable) by recombining the
phrases, skills and titles of the judged dev set (../shared/data/dev) within each
cluster, with some cross-cluster mixing, and writes them as FORMAT.md JSON Lines. A
child process then reads them with the CLI's reader, fits the engine, computes top-20
both ways, and times single-item updates; its peak RSS is the memory figure. The same
run times the plain approach (scikit-learn cosine_similarity on the dense matrix, on a
slice, extrapolated) and prints the ratio.

    .venv/bin/python benchmarks/recommender_bench.py [--programmes 20000] [--needs 50000]

Not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "data" / "dev"
PHRASE_SPLIT = re.compile(r"[，。；、：:;,\n]")


def _load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _pools(docs):
    """Per cluster: titles, skills and description phrases, plus the templates."""
    pools = {}
    for d in docs:
        p = pools.setdefault(d["cluster"], {"titles": [], "skills": [], "phrases": [], "docs": []})
        p["titles"].append(d["title"])
        p["skills"].extend(d["skills"])
        p["phrases"].extend(x.strip() for x in PHRASE_SPLIT.split(d["description"]) if len(x.strip()) >= 2)
        p["docs"].append(d)
    return pools


def _description(rng, pool, other):
    parts = rng.sample(pool["phrases"], min(len(pool["phrases"]), rng.randint(6, 14)))
    if rng.random() < 0.25:
        parts += rng.sample(other["phrases"], 2)
        rng.shuffle(parts)
    text = ""
    for part in parts:
        sep = rng.choice("，，、；")
        if len(text) + len(part) > 380:
            break
        text += part + sep
    text = text[:-1] + "。"
    if len(text) < 60:
        text += "。".join(rng.sample(pool["phrases"], 4)) + "。"
    return text


def generate(n_programmes: int, n_needs: int, out_dir: Path, seed: int = 7) -> None:
    """Write programmes.jsonl and needs.jsonl of synthetic but realistic documents."""
    from matchmaking.referencedata import DISTRICT_NAMES

    rng = random.Random(seed)
    dev_p, dev_n = _load(DEV / "programmes.jsonl"), _load(DEV / "needs.jsonl")
    pools_p, pools_n = _pools(dev_p), _pools(dev_n)
    clusters = sorted(pools_p)
    districts = DISTRICT_NAMES + ["三江新区", "翠屏区", "叙州区"] * 2
    suffixes = ["", "", "", "（订单班）", "（现代学徒制试点）", "（二期）", "（提升班）", "方向"]

    def pick(pools, docs):
        d = rng.choice(docs)
        return d, pools[d["cluster"]], pools[rng.choice(clusters)]

    with open(out_dir / "programmes.jsonl", "w", encoding="utf-8") as handle:
        for i in range(n_programmes):
            t, pool, other = pick(pools_p, dev_p)
            skills = rng.sample(pool["skills"], rng.randint(3, 8))
            if rng.random() < 0.2:
                skills.append(rng.choice(other["skills"]))
            doc = {
                "id": f"P{i:06d}", "school": "宜宾职业技术学院", "title": rng.choice(pool["titles"]) + rng.choice(suffixes),
                "cluster": t["cluster"], "level": t["level"], "district": rng.choice(districts),
                "description": _description(rng, pool, other), "skills": skills,
                "capacity": rng.randint(20, 200), "modes": t["modes"],
            }
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(out_dir / "needs.jsonl", "w", encoding="utf-8") as handle:
        for i in range(n_needs):
            t, pool, other = pick(pools_n, dev_n)
            skills = rng.sample(pool["skills"], rng.randint(3, 8))
            if rng.random() < 0.2:
                skills.append(rng.choice(other["skills"]))
            doc = {
                "id": f"N{i:06d}", "enterprise": "宜宾某某有限公司", "title": rng.choice(pool["titles"]),
                "cluster": t["cluster"], "kind": t["kind"], "level": t["level"], "district": rng.choice(districts),
                "description": _description(rng, pool, other), "skills": skills, "headcount": rng.randint(0, 50),
            }
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(data_dir: Path, top: int, plain_slice: int) -> dict:
    """Run in a fresh process: the engine's full recompute, then single-item latency."""
    import dataclasses

    from matchmaking.recommender import Recommender
    from matchmaking.recommender.dataio import read_needs, read_programmes

    figures = {}
    start = time.perf_counter()
    programmes = read_programmes(data_dir / "programmes.jsonl")
    needs = read_needs(data_dir / "needs.jsonl")
    figures["read_s"] = time.perf_counter() - start
    figures["rss_after_read_mib"] = _peak_mib()

    figures["load_before"] = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    engine = Recommender().fit(programmes, needs)
    figures["fit_s"], figures["fit_cpu"] = time.perf_counter() - wall, time.process_time() - cpu
    t, c = time.perf_counter(), time.process_time()
    by_need = engine.all_top(top, "needs")
    figures["top_needs_s"], figures["top_needs_cpu"] = time.perf_counter() - t, time.process_time() - c
    figures["suggestions"] = sum(map(len, by_need.values()))
    del by_need  # the site stores one side before asking for the other
    t, c = time.perf_counter(), time.process_time()
    by_programme = engine.all_top(top, "programmes")
    figures["top_programmes_s"], figures["top_programmes_cpu"] = time.perf_counter() - t, time.process_time() - c
    figures["full_recompute_s"] = time.perf_counter() - wall
    figures["full_recompute_cpu"] = time.process_time() - cpu
    figures["peak_rss_mib"] = _peak_mib()
    figures["load_after"] = os.getloadavg()[0]
    figures["suggestions"] += sum(map(len, by_programme.values()))
    figures["n_features"] = engine.text.n_features
    figures["nnz_programmes"] = int(engine.programmes.matrix.nnz)
    figures["nnz_needs"] = int(engine.needs.matrix.nnz)
    del by_programme

    rng = random.Random(11)
    lat = {"new_need": [], "new_programme": [], "edit_need": [], "edit_programme": [], "preview_need": []}
    for i in range(40):
        need = dataclasses.replace(rng.choice(needs), id=f"NEW-N{i}")
        t = time.perf_counter()
        engine.upsert_need(need)
        engine.programmes_for_need(need.id, top)
        lat["new_need"].append(time.perf_counter() - t)
        prog = dataclasses.replace(rng.choice(programmes), id=f"NEW-P{i}")
        t = time.perf_counter()
        engine.upsert_programme(prog)
        engine.needs_for_programme(prog.id, top)
        lat["new_programme"].append(time.perf_counter() - t)
        edited = dataclasses.replace(rng.choice(needs), description=rng.choice(needs).description)
        t = time.perf_counter()
        engine.upsert_need(edited)
        engine.programmes_for_need(edited.id, top)
        lat["edit_need"].append(time.perf_counter() - t)
        edited_p = dataclasses.replace(rng.choice(programmes), skills=rng.choice(programmes).skills)
        t = time.perf_counter()
        engine.upsert_programme(edited_p)
        engine.needs_for_programme(edited_p.id, top)
        lat["edit_programme"].append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.suggest_for_new_need(dataclasses.replace(rng.choice(needs), id="DRAFT"), top)
        lat["preview_need"].append(time.perf_counter() - t)
    for name, values in lat.items():
        values = sorted(v * 1000 for v in values[2:])  # the first calls also build caches
        figures[f"{name}_ms_median"] = statistics.median(values)
        figures[f"{name}_ms_max"] = values[-1]

    figures.update(_plain(engine, top, plain_slice))
    return figures


def _plain(engine, top: int, rows: int) -> dict:
    """The plain approach: dense cosine_similarity on the same TF-IDF vectors, top-k by
    argpartition, on a slice of needs, extrapolated to all needs (its dense matrix would
    not fit in memory: 8 bytes × programmes × needs)."""
    import numpy as np
    from sklearn.metrics.pairwise import cosine_similarity

    n_text = engine._n_text
    p = engine.programmes.matrix[:, :n_text]
    n = engine.needs.matrix[:, :n_text]
    rows = min(rows, n.shape[0])
    t = time.perf_counter()
    sims = cosine_similarity(n[:rows], p)
    np.argpartition(-sims, top, axis=1)[:, :top]
    per_row = (time.perf_counter() - t) / rows
    # Both directions come from one dense matrix; column top-k costs about as much again.
    t = time.perf_counter()
    np.argpartition(-sims, min(top, rows - 1), axis=0)
    col_part = (time.perf_counter() - t) / rows
    total = (per_row + col_part) * n.shape[0]
    return {
        "plain_slice_rows": rows,
        "plain_extrapolated_s": total,
        "plain_dense_matrix_gib": 8 * p.shape[0] * n.shape[0] / 2**30,
    }


def main(argv=None) -> None:
    """Generate, run the child, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=20000)
    parser.add_argument("--needs", type=int, default=50000)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--plain-slice", type=int, default=2000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.top, args.plain_slice)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        generate(args.programmes, args.needs, Path(tmp))
        print(f"generated {args.programmes} programmes × {args.needs} needs in {time.perf_counter() - t:.1f} s")
        cmd = [sys.executable, __file__, "--child", tmp, "--top", str(args.top), "--plain-slice", str(args.plain_slice)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=dict(os.environ))
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(done.returncode)
        f = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"machine: {os.cpu_count()} cores; load average {f['load_before']:.2f} before, {f['load_after']:.2f} after"
          " (other processes share the cores: CPU seconds are the steadier figure)")
    print(f"features {f['n_features']}, non-zeros programmes {f['nnz_programmes']}, needs {f['nnz_needs']}")
    print(f"{'phase':32s} {'wall s':>8s} {'CPU s':>8s}")
    print(f"{'read JSONL (not in the budget)':32s} {f['read_s']:8.2f}")
    print(f"{'fit (vectorise + index)':32s} {f['fit_s']:8.2f} {f['fit_cpu']:8.2f}")
    print(f"{f'top-{args.top} programmes per need':32s} {f['top_needs_s']:8.2f} {f['top_needs_cpu']:8.2f}")
    print(f"{f'top-{args.top} needs per programme':32s} {f['top_programmes_s']:8.2f} {f['top_programmes_cpu']:8.2f}")
    print(f"{'FULL RECOMPUTE (fit + both)':32s} {f['full_recompute_s']:8.2f} {f['full_recompute_cpu']:8.2f}   budget 30 s wall")
    print(f"PEAK MEMORY (RSS) {f['peak_rss_mib'] / 1024:.2f} GiB, budget 1 GiB "
          f"(of which input documents: {f['rss_after_read_mib'] / 1024:.2f} GiB)")
    print(f"suggestions with reasons: {f['suggestions']}")
    for name in ("new_need", "new_programme", "edit_need", "edit_programme", "preview_need"):
        print(f"single item {name:15s} median {f[name + '_ms_median']:6.1f} ms  max {f[name + '_ms_max']:6.1f} ms  budget 100 ms")
    print(f"plain cosine_similarity: {f['plain_extrapolated_s']:.1f} s extrapolated from {f['plain_slice_rows']} needs,"
          f" dense matrix {f['plain_dense_matrix_gib']:.1f} GiB (does not fit the 1 GiB budget)")
    ranking = f["top_needs_s"] + f["top_programmes_s"]
    print(f"RATIO plain / engine: {f['plain_extrapolated_s'] / f['full_recompute_s']:.1f}× against the full recompute "
          f"(fit, both directions, reasons), {f['plain_extrapolated_s'] / ranking:.1f}× against ranking both directions")


if __name__ == "__main__":
    main()
