"""Run eventwire over a shared/eval gold file and score it with shared/tools/score.py.

    python benchmarks/evaluate.py quotes ../shared/eval/polnear-dev.jsonl [--limit N] [--out preds.jsonl]
    python benchmarks/evaluate.py incidents ../shared/eval/gva-dev.jsonl [--limit N]
    python benchmarks/evaluate.py articles ../shared/eval/articles [--case lower|upper] [-v]

TASK is quotes | places | times | events | incidents, scored by score.py: the
gold file's text, published date and title are fed to the pipeline (the title
not for the tasks scored by offsets into the gold's text); the predictions are
written as one extraction record per line (article.id = the gold id). TASK
articles reads a folder of NAME.txt + NAME.gold.json (spec/GOLD.md), writes
NAME.json records (optionally the text lower- or upper-cased, as some feeds
send it) and scores them with check_gold.py.
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
CHECK_GOLD = ROOT.parent / "shared" / "tools" / "check_gold.py"


def read_gold(path: Path, limit: int | None) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines if line.strip()]
    return docs[:limit] if limit else docs


# Tasks whose scorer reads offsets into the gold's own text: a title put before that text
# (ingest.headed) would shift every offset, so it is not given to the pipeline for them.
OFFSET_TASKS = {"quotes", "places", "times"}


def predict(docs: list[dict], out: Path, model: str | None = None, nlp=None, titles: bool = True) -> float:
    """Write one record per gold document (with its title, when `titles`); return the seconds it took."""
    nlp = nlp or eventwire.load(model)
    articles = [
        Article(text=d["text"], id=d["id"], title=d.get("title") if titles else None, published=d.get("published")) for d in docs
    ]
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for record in eventwire.extract_many(articles, nlp=nlp):
            sink.write(record.to_json() + "\n")
    return time.perf_counter() - start


def predict_articles(folder: Path, out: Path, case: str | None = None, nlp=None) -> float:
    """Write NAME.json for every NAME.gold.json in the folder; return the seconds it took."""
    nlp = nlp or eventwire.load()
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for gold_file in sorted(folder.glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        text = {"lower": text.lower(), "upper": text.upper()}.get(case, text)
        published = json.loads(gold_file.read_text(encoding="utf-8")).get("published")
        record = eventwire.extract(text, published=published, nlp=nlp)
        (out / f"{name}.json").write_text(record.to_json(), encoding="utf-8")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["quotes", "places", "times", "events", "incidents", "articles"])
    parser.add_argument("gold", type=Path, help="a gold .jsonl file; for articles, a folder of NAME.gold.json")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, help="where to write predictions (default: out/TASK-GOLD.jsonl)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventwire's)")
    parser.add_argument("--case", choices=["lower", "upper"], help="articles: feed the text in this case")
    parser.add_argument("-v", "--verbose", action="store_true", help="articles: list each missed gold item")
    args = parser.parse_args(argv)
    if args.task == "articles":
        out = args.out or ROOT / "out" / f"articles{'-' + args.case if args.case else ''}"
        seconds = predict_articles(args.gold, out, args.case, eventwire.load(args.model))
        print(f"{len(list(args.gold.glob('*.gold.json')))} articles in {seconds:.1f} s -> {out}")
        cmd = [sys.executable, str(CHECK_GOLD), str(out), str(args.gold)] + (["-v"] if args.verbose else [])
        sys.exit(subprocess.call(cmd))
    out = args.out or ROOT / "out" / f"{args.task}-{args.gold.name.split('.')[0]}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    docs = read_gold(args.gold, args.limit)
    seconds = predict(docs, out, args.model, titles=args.task not in OFFSET_TASKS)
    print(f"{len(docs)} documents in {seconds:.1f} s -> {out}")
    cmd = [sys.executable, str(SCORE), args.task, str(args.gold), str(out)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
