"""Command-line benchmark: ``matchmaking recommend`` beside a reference pipeline.

Generates programmes and needs (20,000 × 50,000 by default) with recommender_bench's
generator in a temporary directory, then runs, each as a child process writing its JSON
Lines to a file there:

* ours: ``matchmaking recommend --data DIR --top K --direction D`` (the console script,
  so the web application is built first, as a user gets it; ``--standalone`` runs
  ``python -m matchmaking.recommender.cli recommend`` instead, without the web app);
* the reference: benchmarks/reference_pipeline.py (scikit-learn character 2–3-gram
  TF-IDF + sparse_dot_topn, top K programmes per need, JSON Lines, no reasons).

Wall time, CPU time and peak RSS of each child come from os.wait4 (the child's own
rusage). With ``--rounds N`` the two alternate N times, so a change in the machine's
load hits both. The load average is printed: other people's processes share the cores.

    .venv/bin/python benchmarks/recommend_cli_bench.py [--programmes 20000] [--needs 50000]
        [--top 20] [--direction needs] [--rounds 1] [--standalone]

Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from recommender_bench import generate  # noqa: E402


def run(cmd: list[str], out_path: Path, env: dict) -> dict:
    """Run cmd with stdout to out_path; its wall time, CPU time and peak RSS."""
    load = os.getloadavg()[0]
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace"))
        raise SystemExit(f"{' '.join(cmd[:3])} … failed with status {child.returncode}")
    with open(out_path, "rb") as handle:
        lines = sum(1 for _ in handle)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime, "sys": usage.ru_stime,
            "rss_gib": usage.ru_maxrss / 2**20, "lines": lines, "mib_out": out_path.stat().st_size / 2**20,
            "load_before": load, "load_after": os.getloadavg()[0]}


def ours_command(args, data: Path) -> list[str]:
    tail = ["recommend", "--data", str(data), "--top", str(args.top), "--direction", args.direction]
    if args.standalone:
        return [sys.executable, "-m", "matchmaking.recommender.cli", *tail]
    script = Path(sys.executable).parent / "matchmaking"
    return [str(script), *tail] if script.exists() else [sys.executable, "-c", "from matchmaking.cli import main; main()", *tail]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=20000)
    parser.add_argument("--needs", type=int, default=50000)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--direction", default="needs", choices=["needs", "programmes"])
    parser.add_argument("--rounds", type=int, default=1, help="alternate ours and the reference this many times")
    parser.add_argument("--standalone", action="store_true",
                        help="run python -m matchmaking.recommender.cli (no web app) instead of matchmaking recommend")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="recommend-bench-") as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        data.mkdir()
        t = time.perf_counter()
        generate(args.programmes, args.needs, data)
        print(f"generated {args.programmes} programmes × {args.needs} needs in {time.perf_counter() - t:.1f} s")
        # The web app is built with a throw-away instance folder and no database set-up:
        # the command needs neither, and the repository's instance/ stays untouched.
        env = dict(os.environ, MATCHMAKING_INSTANCE_PATH=str(tmp / "instance"), AUTO_SETUP_DATABASE="0")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent), env.get("PYTHONPATH")]))
        commands = {
            "ours": ours_command(args, data),
            "reference": [sys.executable, str(HERE / "reference_pipeline.py"), "--data", str(data), "--top", str(args.top)],
        }
        results = {name: [] for name in commands}
        for round_ in range(args.rounds):
            for name, cmd in commands.items():
                r = run(cmd, tmp / f"{name}.jsonl", env)
                results[name].append(r)
                print(f"round {round_ + 1} {name:9s} wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s  "
                      f"peak RSS {r['rss_gib']:.2f} GiB  load {r['load_before']:.2f} → {r['load_after']:.2f}", flush=True)
        expected = args.needs if args.direction == "needs" else args.programmes
        if results["ours"][0]["lines"] != expected:
            raise SystemExit(f"ours wrote {results['ours'][0]['lines']} lines, expected {expected}")

    what = "matchmaking recommend" if not args.standalone else "python -m matchmaking.recommender.cli recommend"
    print(f"\nmachine: {os.cpu_count()} cores; {args.programmes} programmes × {args.needs} needs, top {args.top}, "
          f"direction {args.direction}; median of {args.rounds} round(s)")
    print(f"ours:      {what} (reasons, structure, exact top {args.top})")
    print("reference: TfidfVectorizer char 2–3-grams + sparse_dot_topn, needs → programmes, no reasons")
    print(f"{'':10s} {'wall s':>8s} {'CPU s':>8s} {'user s':>8s} {'sys s':>8s} {'peak RSS GiB':>13s} {'output MiB':>11s} {'lines':>7s}")
    med = {}
    for name, runs in results.items():
        m = {key: statistics.median(r[key] for r in runs) for key in ("wall", "cpu", "user", "sys", "rss_gib", "mib_out")}
        med[name] = m
        print(f"{name:10s} {m['wall']:8.1f} {m['cpu']:8.1f} {m['user']:8.1f} {m['sys']:8.1f} {m['rss_gib']:13.2f} "
              f"{m['mib_out']:11.1f} {runs[0]['lines']:7d}")
    print(f"ours / reference: wall {med['ours']['wall'] / med['reference']['wall']:.2f}×, "
          f"CPU {med['ours']['cpu'] / med['reference']['cpu']:.2f}×, peak RSS {med['ours']['rss_gib'] / med['reference']['rss_gib']:.2f}×"
          "  (budget: wall ≤ the reference's, peak RSS ≤ 1 GiB)")


if __name__ == "__main__":
    main()
