"""What the quotes stage costs beside the spaCy parse, on quote-rich articles.

    python benchmarks/quotes_cost.py ../shared/eval/polnear-dev.jsonl [--limit N] [--skip eventwire_places ...]

Runs the pipeline's components one by one over the same Docs (model
components batched with `pipe`, as `nlp.pipe` would) and prints the seconds
each took, the model's total (tok2vec, tagger, parser, ner, ...) and the
quotes stage's share of it. The goal is under 10%.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import eventwire
from eventwire.ingest import Article
from eventwire.pipeline import STAGES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import read_gold  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path, help="a shared/eval task file: its texts are read")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--skip", nargs="*", default=[], help="eventwire stages not to run")
    args = parser.parse_args(argv)
    nlp = eventwire.load()
    articles = read_gold(args.gold, args.limit)
    docs = [eventwire.make_doc(nlp, Article(text=a["text"], published=a.get("published"))) for a in articles]
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        if name in args.skip:
            continue
        start = time.perf_counter()
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - start
    model = sum(s for name, s in seconds.items() if name not in STAGES)
    words = sum(len(doc) for doc in docs)
    print(f"{len(docs)} articles, {words} tokens")
    for name, s in seconds.items():
        print(f"  {name:20} {s:7.2f} s")
    quotes = seconds.get("eventwire_quotes", 0.0)
    print(f"spaCy model {model:.2f} s; quotes {quotes:.2f} s = {100 * quotes / model:.1f}% of the parse")


if __name__ == "__main__":
    main()
