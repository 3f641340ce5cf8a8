"""Throughput: the full eventwire pipeline beside bare spaCy, on the same texts, in one run.

    python benchmarks/throughput.py                       # 300 generated wire stories of 400-900 words
    python benchmarks/throughput.py --articles 100        # fewer
    python benchmarks/throughput.py --folder news/        # any folder eventwire can read
    python benchmarks/throughput.py --workers 1,2         # also through Dask with 1 and 2 workers
    python benchmarks/throughput.py --memory 1000,5000    # peak memory of streamed runs of that many articles

Prints articles/s and words/s (per wall second and per CPU second) for bare
`nlp.pipe` of the same spaCy model and for the full pipeline
(`eventwire.extract_many`: normalize, model, every stage, record building),
the ratio full/bare, the CPU time each stage takes (components run one by
one over the same Docs), and the peak memory (RSS). CPU time is the fairer
figure on a shared machine, where wall time includes waiting for a core.
With --workers, the same articles go through `run_corpus` on a local Dask
cluster of each size into a scratch SQLite store, timed in wall seconds after
the cluster is up (the first batch back), since the work is in the workers.
With --memory, each size is streamed through `run_corpus` in a fresh process
and its peak RSS is reported: it should not grow with the corpus.
Every later stage is held to these figures.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
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


HEADLINES = [
    "{armed_cap} shell {place}, killing {dead}", "Car bomb kills {dead} in {place} market",
    "Police detain {arrested} after food-price protest turns violent", "{armed_cap} claim villages north of {place}",
    "Armed group offers truce near {place} if troops pull back", "{country} minister in {place} for border talks",
]
MORE_BODY = [
    "{name} said the dead included two children and an elderly man who had been sheltering in a basement.",
    "Witnesses described hearing several loud explosions shortly after dawn, followed by bursts of gunfire.",
    "The health ministry said ambulances had taken the injured to three hospitals across {place}.",
    "Local traders said many shops near the main road had stayed shut for a second day.",
    "{armed} have been accused by rights groups of using heavy weapons in populated areas.",
    "The government has said it is committed to a political solution but will defend its territory.",
    "Aid agencies said fuel shortages were making it harder to keep water pumps and clinics running.",
    "A curfew was imposed in parts of {place} from eight in the evening until six in the morning.",
    "Officials said an investigation had been opened and those responsible would be brought to justice.",
    "{name} urged residents to stay away from the area while engineers checked damaged buildings.",
    "Schools in the district were closed and exams were postponed until further notice.",
    "The fighting is the heaviest in the area since a truce brokered by neighbouring states broke down in March.",
]


def generate_articles(n: int, seed: int = 7):
    """`n` invented wire stories (lazily): a headline, a dateline lede, and paragraphs to 400-900 words."""
    rng = random.Random(seed)
    body = BODY + MORE_BODY
    for index in range(n):
        place, country = rng.choice(PLACES)
        name, title = rng.choice(OFFICIALS)
        armed = rng.choice(ARMED)
        slots = {
            "place": place, "country": country, "name": name, "title": title, "day": rng.choice(DAYS),
            "armed": armed, "armed_cap": armed[0].upper() + armed[1:], "dead": rng.randint(2, 40),
            "injured": rng.randint(3, 60), "arrested": rng.randint(5, 120),
        }
        lead = rng.randrange(len(LEADS))
        lede = LEADS[lead].format(**slots)
        paragraphs = [f"{place.upper()}, {country} (Example Wire) - {lede[0].upper()}{lede[1:]}"]
        target, words = rng.randint(400, 900), len(lede.split())
        order: list[str] = []
        while words < target:
            if len(order) < 3:  # each body sentence once before any comes again
                order += rng.sample(body, len(body))
            sentences = [order.pop().format(**slots) for _ in range(rng.randint(1, 3))]
            paragraph = " ".join(s[0].upper() + s[1:] for s in sentences)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        text = HEADLINES[lead].format(**slots) + "\n\n" + "\n\n".join(paragraphs)
        yield Article(text=text, id=f"bench-{index}", published="2024-05-06")


def generate_corpus(n: int, seed: int = 7) -> list[Article]:
    """`generate_articles` as a list."""
    return list(generate_articles(n, seed))


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


def time_on_dask(articles: list[Article], workers: int, batch_size: int, model: str | None) -> tuple[float, int]:
    """Wall seconds for the articles after the first batch is back (the cluster is up), and how many that covers."""
    from eventwire.runner import run_corpus
    from eventwire.store import Store

    with tempfile.TemporaryDirectory() as scratch:
        store = Store(f"sqlite:///{scratch}/bench.db")
        marks: dict[str, float] = {}

        def progress(summary) -> None:
            if "first" not in marks:  # the first batch is back: the cluster is up and the model loaded
                marks["first"], marks["done_then"] = time.perf_counter(), summary.done

        run_corpus(iter(articles), store, model=model, workers=workers, batch_size=batch_size, progress=progress)
        seconds = time.perf_counter() - marks["first"]
        store.close()
    return seconds, len(articles) - marks["done_then"]


def memory_probe(n: int, batch_size: int, model: str | None) -> None:
    """Stream `n` generated articles through run_corpus into a scratch store; print the peak RSS in MB."""
    from eventwire.runner import run_corpus
    from eventwire.store import Store

    with tempfile.TemporaryDirectory() as scratch:
        summary = run_corpus(generate_articles(n), Store(f"sqlite:///{scratch}/probe.db"), model=model, batch_size=batch_size)
    print(f"{summary.stored} {peak_rss_mb():.1f}")


def report_memory(sizes: list[int], batch_size: int, model: str | None) -> None:
    """Peak RSS of streamed runs of each size, each in a process of its own, run side by side."""
    command = [sys.executable, __file__, "--batch-size", str(batch_size)] + (["--model", model] if model else [])
    probes = {n: subprocess.Popen([*command, "--memory-probe", str(n)], stdout=subprocess.PIPE, text=True) for n in sizes}
    print("\npeak memory (RSS) of a streamed run, in a fresh process each")
    for n, probe in probes.items():
        stored, rss = probe.communicate()[0].split()
        print(f"  {n:>6} articles ({stored} stored): {float(rss):.0f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, help="read articles from this folder instead of generating them")
    parser.add_argument("--articles", type=int, default=300, help="how many articles to generate (default 300)")
    parser.add_argument("--model", help="spaCy pipeline (default: eventwire's)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", help="also run through Dask with these worker counts, e.g. 1,2")
    parser.add_argument("--memory", help="peak memory of streamed runs of these sizes, e.g. 1000,5000")
    parser.add_argument("--memory-probe", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        return memory_probe(args.memory_probe, args.batch_size, args.model)

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

    if args.workers:
        print("\nthrough Dask (wall time once the cluster is up)")
        rates = {}
        for workers in (int(w) for w in args.workers.split(",")):
            seconds, done = time_on_dask(articles, workers, args.batch_size, args.model)
            per_article = words / len(texts)
            rates[workers] = done * per_article / seconds
            print(f"  --workers {workers}: {done} articles in {seconds:.1f} s, {done / seconds:.1f} articles/s, {rates[workers]:.0f} words/s")
        if 1 in rates and len(rates) > 1:
            print("  speed-up over one worker: " + ", ".join(f"{w} workers {r / rates[1]:.2f}x" for w, r in rates.items() if w != 1))
    if args.memory:
        report_memory([int(n) for n in args.memory.split(",")], args.batch_size, args.model)


if __name__ == "__main__":
    main()
