"""Load test of the web API: list endpoints on a 10,000-article store, over loopback.

    python benchmarks/web_load.py [--articles 10000] [--requests 40] [--concurrency 4] [--db PATH]

Builds (or reuses) a SQLite store of ARTICLES records: the pipeline reads the
built-in sample corpus and the web test articles once, and each stored
article is one of those records under a new id, a publication date (and
event dates) spread over two years and a distinct closing line, so the
tables hold what the pipeline writes at the size asked for. Then it starts
`eventwire serve` on a free loopback port and sends REQUESTS requests to
each list view (CONCURRENCY at a time), and prints p50, p95 and max latency
per view and over all of them, and the server's CPU time per request (which
other work on the machine does not inflate), as a Markdown table (docs/web.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import httpx

import eventwire
from eventwire.ingest import read_inputs
from eventwire.record import ExtractionRecord
from eventwire.store import Store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "fixtures" / "web" / "articles.jsonl"]

VIEWS = {
    "events": "/api/events",
    "events type": "/api/events?type=ASSAULT,PROTEST",
    "events dates": "/api/events?date_from=2024-03-01&date_to=2024-05-31",
    "events country": "/api/events?country=SO",
    "events actor": "/api/events?actor=police",
    "events text": "/api/events?q=police%20arrested",
    "events bbox": "/api/events?bbox=30,-5,50,15",
    "events sort dead": "/api/events?sort=-dead",
    "events deep page": "/api/events?offset=20000",
    "timeline": "/api/events/timeline?bucket=month",
    "map points (geojson)": "/api/events?format=geojson&date_from=2024-03-01&date_to=2024-03-31",
    "articles": "/api/articles",
    "articles text": "/api/articles?q=ceasefire",
    "quotes": "/api/quotes",
    "quotes speaker": "/api/quotes?speaker=police",
    "actors": "/api/actors",
    "actors name": "/api/actors?q=army",
    "places": "/api/places",
    "corrections": "/api/corrections",
}


def seed_records() -> list[ExtractionRecord]:
    """The pipeline's records of the sample corpus and the web test articles."""
    with resources.as_file(resources.files("eventwire").joinpath("sample/articles.jsonl")) as sample:
        articles = list(read_inputs([sample, *SOURCES]))
    return list(eventwire.extract_many(articles))


def shifted(date: str | None, days: int) -> str | None:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat() if date else None


def build_store(path: Path, n: int) -> None:
    """A store of `n` articles copied from the seed records with new ids, dates and closing lines."""
    seeds = seed_records()
    rng = random.Random(13)
    store = Store(f"sqlite:///{path}")
    start = dt.date(2024, 1, 1)
    for i in range(n):
        data = rng.choice(seeds).to_dict()
        published = start + dt.timedelta(days=rng.randrange(730))
        offset = (published - dt.date.fromisoformat(data["article"]["published"] or "2024-01-01")).days
        data["article"] |= {"id": f"load-{i:05d}", "published": published.isoformat()}
        data["article"]["text"] += f"\n\n(Load-test copy {i}.)"
        for event in data["events"]:
            event["date"] = shifted(event["date"], offset)
        for quote in data["quotes"]:
            quote["date"] = shifted(quote["date"], offset)
        store.write(ExtractionRecord.model_validate(data))
    store.close()


def server_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc), to tell work from waiting on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per view")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load.db"))
    args = parser.parse_args()

    if not args.db.exists():
        started = time.perf_counter()
        build_store(args.db, args.articles)
        print(f"built {args.db} with {args.articles} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    counts = Store(f"sqlite:///{args.db}").counts()
    port = free_port()
    env = dict(os.environ, EVENTWIRE_TOKEN="load-test")
    server = subprocess.Popen(
        [sys.executable, "-c", "from eventwire.cli import cli; cli()", "serve", "--db", f"sqlite:///{args.db}", "--port", str(port)],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(600):
                try:
                    client.get("/api/corrections")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for path in VIEWS.values():  # one warm-up request each
                assert client.get(path).status_code == 200, path

            def timed(path: str) -> float:
                began = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - began) * 1000
                assert response.status_code == 200, (path, response.status_code)
                return elapsed

            results, cpu = {}, {}
            with ThreadPoolExecutor(args.concurrency) as pool:
                for name, path in VIEWS.items():
                    before = server_cpu_seconds(server.pid)
                    results[name] = sorted(pool.map(timed, [path] * args.requests))
                    cpu[name] = (server_cpu_seconds(server.pid) - before) * 1000 / args.requests
    finally:
        server.terminate()
        server.wait(10)

    def p(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

    print(f"store: {counts.articles} articles, {counts.events} events, {counts.quotes} quotes, {counts.actors} actor rows, "
          f"{counts.places} place rows; {args.requests} requests per view, {args.concurrency} at a time, loopback\n")
    print("| view | request | p50 ms | p95 ms | max ms | server CPU ms/request |")
    print("|---|---|---:|---:|---:|---:|")
    for name, values in results.items():
        print(f"| {name} | `{VIEWS[name]}` | {statistics.median(values):.0f} | {p(values, 0.95):.0f} | {values[-1]:.0f} | {cpu[name]:.0f} |")
    every = sorted(v for name, values in results.items() if name != "map points (geojson)" for v in values)
    print(f"| all list views (geojson aside) | | {statistics.median(every):.0f} | {p(every, 0.95):.0f} | {every[-1]:.0f} |")


if __name__ == "__main__":
    main()
