"""What the actors and events stages cost next to the spaCy parse they read.

    python benchmarks/events_cost.py [TEXTS.jsonl] [--limit N]

Runs every pipeline component on each text and sums its time. The issue's
budget: actors + events under 20% of the parse (the model's own components).
Texts come from a JSONL file with a "text" field (the shared eval files), else
the seed article repeated.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import eventwire

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "fixtures" / "seed" / "panjshir.txt"
MODEL_COMPONENTS = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"}


def stage_seconds(texts: list[str]) -> dict[str, float]:
    """Seconds spent in each component (and the tokenizer) over the texts."""
    nlp = eventwire.load()
    spent: dict[str, float] = defaultdict(float)
    for text in texts:
        start = time.perf_counter()
        doc = nlp.make_doc(text)
        spent["tokenizer"] += time.perf_counter() - start
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            spent[name] += time.perf_counter() - start
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="?", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    if args.texts:
        with args.texts.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines if line.strip()][: args.limit]
    else:
        texts = [SEED.read_text(encoding="utf-8")] * 20
    spent = stage_seconds(texts)
    parse = sum(v for k, v in spent.items() if k in MODEL_COMPONENTS)
    for name, seconds in spent.items():
        print(f"{name:20} {seconds:8.3f} s  {100 * seconds / parse:6.1f}% of parse")
    ours = spent.get("eventwire_actors", 0.0) + spent.get("eventwire_events", 0.0)
    print(f"actors + events      {ours:8.3f} s  {100 * ours / parse:6.1f}% of parse ({len(texts)} texts)")


if __name__ == "__main__":
    main()
