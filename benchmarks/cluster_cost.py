"""Cost of the corpus layer: time and memory to cluster a generated corpus of N events.

    .venv/bin/python benchmarks/cluster_cost.py                  # 100,000 events
    .venv/bin/python benchmarks/cluster_cost.py --events 20000 --db sqlite:////tmp/bench.db

Happenings are generated over two years in towns of several countries; each
is reported by 1 to 6 articles (some of them wire copies) whose texts share
the happening's own words (names, streets) amid common ones, with 1 to 4
events per article. Without --db it measures the clusterer and the cluster
records in memory; with --db it stores the records and runs `corpus.update`
(signatures, links, clusters, store writes). Prints CPU seconds, peak memory
and the B-cubed F1 of the clusters against the generated truth.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from collections import defaultdict

_BASES = [("US", 38.0, -95.0), ("NG", 9.0, 8.0), ("IN", 22.0, 79.0), ("SY", 35.0, 38.0), ("MX", 23.0, -102.0)]
_rng = random.Random(0)
TOWNS = [
    (f"Town{i}", cc, f"Region{i % 20}", lat + _rng.uniform(-4, 4), lon + _rng.uniform(-6, 6))
    for i, (cc, lat, lon) in enumerate(_BASES * 120)
]
COMMON = [f"common{i}" for i in range(3000)]
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST", "ACCUSE", "REQUEST"]


def generate(n_events: int, seed: int = 7):
    """Records of a generated corpus (at least n_events events) and each article's true happening."""
    from eventwire.record import ExtractionRecord

    rng = random.Random(seed)
    start = dt.date(2023, 1, 1).toordinal()
    records, truth, events = [], {}, 0
    happening = 0
    while events < n_events:
        happening += 1
        town = rng.choice(TOWNS)
        day = start + rng.randrange(730)
        own = [f"name{happening}x{k}" for k in range(12)]
        kind = rng.choice(TYPES)
        text_base = None
        for report in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            words = own[: rng.randint(6, 12)] + rng.sample(COMMON, 80) + [town[0].lower()]
            rng.shuffle(words)
            text = " ".join(words)
            if text_base and rng.random() < 0.3:
                text = text_base + " copyright wire"  # a wire copy
            text_base = text_base or text
            published = dt.date.fromordinal(day + report + rng.randint(0, 1)).isoformat()
            article_id = f"h{happening}-r{report}"
            place = {"id": "place:1", "name": town[0], "kind": "populated_place", "country": town[1],
                     "admin1": town[2], "lat": town[3], "lon": town[4], "precision": "point"}
            victim = {"id": "actor:v", "name": f"Ann Name{happening}", "kind": "person"}
            n = rng.randint(1, 4)
            record_events = [
                {"id": f"event:{i}", "type": kind if i == 1 else rng.choice(TYPES), "place": "place:1",
                 "date": dt.date.fromordinal(day).isoformat(), "date_precision": rng.choice(["day", "week"]),
                 "recipients": ["actor:v"], "magnitude": {"dead": rng.randint(0, 5)}}
                for i in range(1, n + 1)
            ]
            records.append(ExtractionRecord.model_validate(
                {"article": {"id": article_id, "text": text, "published": published, "outlet": f"outlet{report}"},
                 "actors": [victim], "places": [place], "events": record_events}))
            truth[article_id] = (happening, kind)
            events += n
    return records, truth


def bcubed(truth: dict, predicted: dict) -> float:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for a, c in predicted.items():
        by_pred[c].add(a)
    for a, g in truth.items():
        by_gold[g].add(a)
    p = sum(len(by_pred[predicted[a]] & by_gold[truth[a]]) / len(by_pred[predicted[a]]) for a in truth) / len(truth)
    r = sum(len(by_pred[predicted[a]] & by_gold[truth[a]]) / len(by_gold[truth[a]]) for a in truth) / len(truth)
    return 2 * p * r / (p + r)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="store the records here and run corpus.update (else: in memory)")
    args = parser.parse_args()

    from eventwire import corpus
    from eventwire.corpus.cluster import Clusterer, members
    from eventwire.corpus.neardup import NearDuplicates, signature
    from eventwire.corpus.wording import content_words
    from eventwire.corpus.summary import cluster_record
    from eventwire.pipeline.build import text_hash

    records, truth = generate(args.events)
    n_events = sum(len(r.events) for r in records)
    print(f"generated {len(records)} articles, {n_events} events, {len(set(truth.values()))} happenings")
    records.sort(key=lambda r: (r.article.published, r.article.id))
    started = time.process_time()
    if args.db:
        from eventwire.store import Store

        store = Store(args.db)
        for record in records:
            store.write(record)
        stored = time.process_time()
        print(f"stored in {stored - started:.1f} CPU s")
        summary = corpus.rebuild(store)
        print(summary)
        clusters = list(store.clusters())
        seconds = time.process_time() - stored
        phases = ""
    else:
        index, clusterer, copies = NearDuplicates(), Clusterer(), defaultdict(list)
        signing = 0.0
        for record in records:
            key = text_hash(record.article.text)
            t = time.process_time()
            shingles, content = signature(record.article.text), content_words(record.article.text)
            original, _ = index.original_of(key, shingles)
            index.insert(key, shingles, original)
            signing += time.process_time() - t
            if original:
                copies[original].append({"id": record.article.id, "published": record.article.published,
                                         "outlet": record.article.outlet})
            else:
                clusterer.wording.add(key, content)
            for member in members(record, key, original):
                clusterer.add(member)
        clusters = [cluster_record(c, copies) for c in clusterer.clusters.values()]
        seconds = time.process_time() - started
        phases = f" (signatures, words and copies {signing:.1f} s, clustering and records {seconds - signing:.1f} s)"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"clustered {n_events} events into {len(clusters)} clusters in {seconds:.1f} CPU s{phases}; "
          f"peak memory {peak:.0f} MiB (whole process)")
    predicted = {}
    for c in sorted(clusters, key=lambda c: -len(c.articles)):
        for a in c.articles:
            if truth[a][1] == c.type:  # the happening's own type, as score.py counts ASSAULT rows only
                predicted.setdefault(a, c.cluster_id)
    predicted = {a: predicted.get(a, f"single:{a}") for a in truth}
    print(f"B-cubed F1 against the generated happenings: {bcubed(truth, predicted):.3f}")


if __name__ == "__main__":
    main()
