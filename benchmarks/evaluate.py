"""Run eventwire over a shared/eval gold file and score it with shared/tools/score.py.

    python benchmarks/evaluate.py quotes ../shared/eval/polnear-dev.jsonl [--limit N] [--out preds.jsonl]

TASK is quotes | places | times | events. The gold file's text, published date
and title are fed to the pipeline; the predictions are written as one
extraction record per line (article.id = the gold id) and scored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import eventwire
from eventwire.ingest import Article

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def read_gold(path: Path, limit: int | None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines if line.strip()]
    return docs[:limit] if limit else docs


def predict(docs: list[dict], out: Path, model: str | None = None) -> float:
    """Write one record per gold document; return the seconds it took."""
    nlp = eventwire.load(model)
    articles = [Article(text=d["text"], id=d["id"], title=d.get("title"), published=d.get("published")) for d in docs]
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for record in eventwire.extract_many(articles, nlp=nlp):
            sink.write(record.to_json() + "\n")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["quotes", "places", "times", "events"])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, help="where to write predictions (default: out/TASK-GOLD.jsonl)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventwire's)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "out" / f"{args.task}-{args.gold.name.split('.')[0]}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    docs = read_gold(args.gold, args.limit)
    seconds = predict(docs, out, args.model)
    print(f"{len(docs)} documents in {seconds:.1f} s -> {out}")
    cmd = [sys.executable, str(SCORE), args.task, str(args.gold), str(out)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
