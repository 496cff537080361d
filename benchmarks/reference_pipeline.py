"""Reference pipeline for the command-line benchmark: the plain way to do one direction.

scikit-learn's TfidfVectorizer on character 2–3-grams (fitted on programmes and needs
together), then sparse_dot_topn for the top k programmes of every need, written as JSON
Lines ``{"need_id": ..., "programmes": [{"id", "score"}]}``. No validation beyond JSON
parsing, no structure (cluster, level, mode, district), no reasons: it is the yardstick
for wall time and memory, not a recommender.

    .venv/bin/python benchmarks/reference_pipeline.py --data DIR [--top 20] > out.jsonl
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _text(doc: dict) -> str:
    return "\n".join([doc["title"], *doc.get("skills", []), doc["description"]])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--threads", type=int, default=min(os.cpu_count() or 1, 8))
    args = parser.parse_args(argv)

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sparse_dot_topn import sp_matmul_topn

    programmes = _read(args.data / "programmes.jsonl")
    needs = _read(args.data / "needs.jsonl")
    vectoriser = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
    matrix = vectoriser.fit_transform([_text(d) for d in programmes] + [_text(d) for d in needs])
    p_matrix, n_matrix = matrix[: len(programmes)], matrix[len(programmes):]
    del matrix
    best = sp_matmul_topn(n_matrix, p_matrix.T.tocsr(), top_n=args.top, sort=True, n_threads=args.threads)
    p_ids = [d["id"] for d in programmes]
    out = sys.stdout
    indptr, indices, data = best.indptr, best.indices, best.data
    for row, need in enumerate(needs):
        a, b = indptr[row], indptr[row + 1]
        items = [{"id": p_ids[c], "score": round(float(v), 4)} for c, v in zip(indices[a:b].tolist(), data[a:b].tolist())]
        out.write(json.dumps({"need_id": need["id"], "programmes": items}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
