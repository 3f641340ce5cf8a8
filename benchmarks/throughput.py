"""Throughput: the full eventwire pipeline beside bare spaCy, on the same texts, in one run.

    python benchmarks/throughput.py                       # 300 generated wire-style articles
    python benchmarks/throughput.py --articles 100        # fewer
    python benchmarks/throughput.py --folder news/        # any folder eventwire can read

Prints articles/s and words/s (per wall second and per CPU second) for bare
`nlp.pipe` of the same spaCy model and for the full pipeline
(`eventwire.extract_many`: normalize, model, every stage, record building),
the ratio full/bare, the CPU time each stage takes (components run one by
one over the same Docs), and the peak memory (RSS). CPU time is the fairer
figure on a shared machine, where wall time includes waiting for a core.
Every later stage is held to these figures.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import spacy

import eventwire
from eventwire.ingest import Article, read_inputs
from eventwire.pipeline.build import build_record

# Slots and sentence templates for a generated corpus: invented events in a wire style.
PLACES = [
    ("Kharkiv", "Ukraine"), ("Gao", "Mali"), ("Goma", "Congo"), ("Mosul", "Iraq"), ("Aleppo", "Syria"),
    ("Kandahar", "Afghanistan"), ("Maiduguri", "Nigeria"), ("Khartoum", "Sudan"), ("Sanaa", "Yemen"),
    ("Mogadishu", "Somalia"), ("Tripoli", "Libya"), ("Peshawar", "Pakistan"),
]
ARMED = ["government troops", "rebel fighters", "the army", "militants", "security forces", "an armed group", "police"]
OFFICIALS = [
    ("Ahmed Salim", "the regional governor"), ("Maria Okafor", "a police spokeswoman"),
    ("Colonel Jean Mbeki", "an army spokesman"), ("Hassan Ali", "the interior minister"),
    ("Fatima Noor", "a local council member"), ("Ivan Petrenko", "the mayor"),
]
WARM_UP = 5
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LEADS = [
    "{armed} shelled residential areas of {place} on {day}, killing {dead} civilians and wounding {injured}, {title} said.",
    "A car bomb exploded near a market in {place} on {day}, killing at least {dead} people, {title} said.",
    "Police arrested {arrested} protesters in {place} on {day} after a march against rising food prices turned violent.",
    "{armed} said on {day} they had taken control of several villages north of {place} after heavy fighting.",
    "The leader of an armed group near {place} said on {day} his fighters were ready to stop fighting on condition that {armed} withdraw.",
    "{country}'s foreign minister arrived in {place} on {day} for talks on border security and the return of refugees.",
]
BODY = [
    '"We will not accept any more attacks on our people," {name} told reporters in {place}.',
    "{name}, {title}, said rescue teams were still searching the rubble of several houses.",
    "The claim could not be independently verified, and {armed} did not respond to a request for comment.",
    "Hospital officials in {place} said {injured} of the wounded were in a serious condition.",
    "{name} said in a statement posted on social media that the attack was a violation of the ceasefire agreed last month.",
    "Residents said the fighting had forced hundreds of families to leave their homes since {day}.",
    "The United Nations called on all sides to protect civilians and allow aid convoys to reach {place}.",
    "{armed} denied the accusation and said it had only targeted military positions.",
    "Talks between the two sides are expected to resume next week in {place}, {title} said.",
    "At least {arrested} people were detained overnight, according to a local rights group.",
]


def generate_corpus(n: int, seed: int = 7) -> list[Article]:
    """`n` wire-style articles composed from the templates above, each 4-8 sentences."""
    rng = random.Random(seed)
    articles = []
    for index in range(n):
        place, country = rng.choice(PLACES)
        name, title = rng.choice(OFFICIALS)
        slots = {
            "place": place, "country": country, "name": name, "title": title, "day": rng.choice(DAYS),
            "armed": rng.choice(ARMED), "dead": rng.randint(2, 40), "injured": rng.randint(3, 60),
            "arrested": rng.randint(5, 120),
        }
        sentences = [rng.choice(LEADS)] + rng.sample(BODY, rng.randint(3, 7))
        text = " ".join(s.format(**slots) for s in sentences)
        text = text[0].upper() + text[1:]
        articles.append(Article(text=f"{place.upper()} (Example Wire) - {text}", id=f"bench-{index}", published="2024-05-06"))
    return articles


def timed(run) -> tuple[float, float]:
    """Wall and CPU seconds to exhaust the iterator `run()` returns."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in run():
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_stages(nlp, articles: list[Article], batch_size: int) -> list[tuple[str, float]]:
    """CPU seconds per stage: the tokenizer (with normalize), each component in turn, then record building."""
    timings = []
    start = time.process_time()
    docs = [eventwire.make_doc(nlp, article) for article in articles]
    timings.append(("normalize+tokenize", time.process_time() - start))
    for name, component in nlp.pipeline:
        start = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        timings.append((name, time.process_time() - start))
    start = time.process_time()
    for doc in docs:
        build_record(doc)
    timings.append(("build record", time.process_time() - start))
    return timings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, help="read articles from this folder instead of generating them")
    parser.add_argument("--articles", type=int, default=300, help="how many articles to generate (default 300)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventwire's)")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    if args.folder:
        articles = [item for item in read_inputs([args.folder]) if isinstance(item, Article)]
    else:
        articles = generate_corpus(args.articles)
    if not articles:
        sys.exit("no articles to read")
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    model = args.model or eventwire.DEFAULT_MODEL
    print(f"corpus: {len(texts)} articles, {words} words; model {model}; batch size {args.batch_size}")

    bare_nlp = spacy.load(model)
    list(bare_nlp.pipe(texts[:WARM_UP]))  # first calls pay for lazy set-up; not counted
    bare = timed(lambda: bare_nlp.pipe(texts, batch_size=args.batch_size))
    bare_rss = peak_rss_mb()
    del bare_nlp

    nlp = eventwire.load(args.model)
    list(eventwire.extract_many(articles[:WARM_UP], nlp=nlp))
    full = timed(lambda: eventwire.extract_many(articles, nlp=nlp, batch_size=args.batch_size))

    # On a shared machine wall time includes waiting for a core; CPU time does not.
    print(f"\n{'':<22}{'wall s':>8}{'cpu s':>8}{'articles/s':>12}{'words/s':>10}{'articles/cpu-s':>16}{'words/cpu-s':>13}")
    for label, (wall, cpu) in (("bare spaCy nlp.pipe", bare), ("full eventwire", full)):
        print(
            f"{label:<22}{wall:>8.2f}{cpu:>8.2f}{len(texts) / wall:>12.1f}{words / wall:>10.0f}"
            f"{len(texts) / cpu:>16.1f}{words / cpu:>13.0f}"
        )
    print(f"ratio full/bare: {full[0] / bare[0]:.2f}x wall time, {full[1] / bare[1]:.2f}x CPU time")

    print("\nCPU time per stage (components run one by one over the same Docs)")
    timings = time_stages(nlp, articles, args.batch_size)
    total = sum(seconds for _, seconds in timings)
    for name, seconds in timings:
        print(f"  {name:<22}{seconds:>8.2f} s {100 * seconds / total:>5.1f}%  {1000 * seconds / len(texts):>7.2f} ms/article")
    print(f"\npeak memory (RSS): {bare_rss:.0f} MB after bare spaCy, {peak_rss_mb():.0f} MB after the full pipeline")


if __name__ == "__main__":
    main()
