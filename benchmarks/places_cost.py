"""What place resolution costs next to spaCy's own parse, per article.

    python benchmarks/places_cost.py [FILE.jsonl|FILE.txt ...] [--limit N]

Texts come from JSONL files (a "text" field per line) or plain text files;
by default our own fixtures (tests/fixtures/*.txt). Each article is
tokenized, then timed through the spaCy model's components (the parse) and
through the places stage; the gazetteer is warmed on one article first, as in
a long run. The goal (issue 4): places cost < 10% of the parse.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import eventwire

ROOT = Path(__file__).resolve().parent.parent


def read_texts(paths: list[Path], limit: int | None) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in lines if line.strip()]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts[:limit] if limit else texts


def measure(texts: list[str]) -> dict[str, float]:
    """Seconds spent in the spaCy model's components and in the places stage, summed over `texts`."""
    nlp = eventwire.load()
    model_pipes = [(name, pipe) for name, pipe in nlp.pipeline if not name.startswith("eventwire_")]
    places = nlp.get_pipe("eventwire_places")
    places(nlp(texts[0]))  # opens the gazetteer
    parse = resolve = 0.0
    for text in texts:
        doc = nlp.make_doc(text)
        start = time.perf_counter()
        for _, pipe in model_pipes:
            doc = pipe(doc)
        parse += time.perf_counter() - start
        start = time.perf_counter()
        places(doc)
        resolve += time.perf_counter() - start
    return {"articles": len(texts), "parse_s": parse, "places_s": resolve}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
    result = measure(read_texts(files, args.limit))
    n = result["articles"]
    print(f"{n} articles: parse {1000 * result['parse_s'] / n:.1f} ms/article, "
          f"places {1000 * result['places_s'] / n:.2f} ms/article, "
          f"places/parse = {result['places_s'] / result['parse_s']:.1%}")


if __name__ == "__main__":
    main()
