"""Exports: the stored records as JSONL, CSV, Parquet or GeoJSON.

JSONL writes one extraction record per line, exactly as `eventwire extract
--json` prints it. CSV and Parquet write one row per event (EVENT_COLUMNS),
with actor and place ids resolved to names; GeoJSON writes the events whose
place has coordinates as a FeatureCollection of points. `apply_corrections`
gives the records as analysts corrected them (`eventwire export --corrected`).
CSV cells that a spreadsheet would read as a formula are escaped.
`confident` keeps only the events at or above a confidence, for every format.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from eventwire.record import CorrectionRecord, ExtractionRecord

FORMATS = ("jsonl", "csv", "parquet", "geojson")

# Correctable fields that live in an event's magnitude rather than on the event itself.
MAGNITUDE_FIELDS = ("dead", "injured", "arrested", "dead_min")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# One row per event: (column, Arrow type name) in output order.
EVENT_COLUMNS = (
    ("article_id", "string"),
    ("published", "string"),
    ("event_id", "string"),
    ("type", "string"),
    ("mode", "string"),
    ("context", "string"),
    ("actors", "string"),
    ("recipients", "string"),
    ("place", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("country", "string"),
    ("date", "string"),
    ("date_precision", "string"),
    ("modality", "string"),
    ("according_to", "string"),
    ("dead", "int64"),
    ("injured", "int64"),
    ("arrested", "int64"),
    ("dead_min", "int64"),
    ("evidence", "string"),
    ("confidence", "float64"),
)


def confident(records: Iterable[ExtractionRecord], min_confidence: float) -> Iterator[ExtractionRecord]:
    """The records with only their events of confidence >= min_confidence (records themselves all kept)."""
    for record in records:
        events = [event for event in record.events if event.confidence >= min_confidence]
        yield record if len(events) == len(record.events) else record.model_copy(update={"events": events})


def event_rows(records: Iterable[ExtractionRecord]) -> Iterator[dict]:
    """One flat row per event, names in place of ids (EVENT_COLUMNS).

    records (Iterable[ExtractionRecord]): the records, e.g. `Store.records()`.
    RETURNS (Iterator[dict]): rows; several names in one cell are joined with "; ".
    """
    for record in records:
        names = {actor.id: actor.name for actor in record.actors}
        places = {place.id: place for place in record.places}
        text = record.article.text
        for event in record.events:
            place = places.get(event.place)
            yield {
                "article_id": record.article.id,
                "published": record.article.published,
                "event_id": event.id,
                "type": event.type,
                "mode": event.mode,
                "context": "; ".join(event.context),
                "actors": "; ".join(names.get(a, a) for a in event.actors),
                "recipients": "; ".join(names.get(a, a) for a in event.recipients),
                "place": place.name if place else event.place,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "country": place.country if place else None,
                "date": event.date,
                "date_precision": event.date_precision,
                "modality": event.modality,
                "according_to": names.get(event.according_to, event.according_to),
                "dead": event.magnitude.dead,
                "injured": event.magnitude.injured,
                "arrested": event.magnitude.arrested,
                "dead_min": event.magnitude.dead_min,
                "evidence": " ... ".join(text[start:end] for start, end in event.evidence),
                "confidence": event.confidence,
            }


def apply_corrections(
    records: Iterable[ExtractionRecord], corrections: Iterable[CorrectionRecord]
) -> Iterator[ExtractionRecord]:
    """The records as analysts corrected them; the stored records are left as they are.

    A "correct" sets its field on the event, quote, place or actor it targets
    (dead, injured, arrested, dead_min on the event's magnitude); the last
    verdict on an event or quote wins, and a rejected one is left out. Cluster
    corrections do not touch article records.
    records (Iterable[ExtractionRecord]): the machine records, e.g. `Store.records()`.
    corrections (Iterable[CorrectionRecord]): in the order they were made, e.g. `Store.corrections()`.
    RETURNS (Iterator[ExtractionRecord]): corrected copies (validated again), in order.
    RAISES pydantic.ValidationError: when a corrected value does not fit its field.
    """
    by_article: dict[str, list[CorrectionRecord]] = {}
    for correction in corrections:
        if correction.target.article is not None and correction.target.kind != "cluster":
            by_article.setdefault(correction.target.article, []).append(correction)
    for record in records:
        todo = by_article.get(record.article.id)
        yield corrected(record, todo) if todo else record


def corrected(record: ExtractionRecord, corrections: Iterable[CorrectionRecord]) -> ExtractionRecord:
    """One record with its corrections applied (see `apply_corrections`)."""
    data = record.to_dict()
    lists = {"event": data["events"], "quote": data["quotes"], "place": data["places"], "actor": data["actors"]}
    rejected: set[tuple[str, str]] = set()
    for correction in corrections:
        kind, target_id = correction.target.kind, correction.target.id
        if kind not in lists:
            continue
        if correction.action == "correct" and correction.field:
            for item in lists[kind]:
                if item["id"] == target_id:
                    holder = item["magnitude"] if kind == "event" and correction.field in MAGNITUDE_FIELDS else item
                    holder[correction.field] = correction.new
        elif correction.action == "reject":
            rejected.add((kind, target_id))
        else:
            rejected.discard((kind, target_id))
    data["events"] = [e for e in data["events"] if ("event", e["id"]) not in rejected]
    data["quotes"] = [q for q in data["quotes"] if ("quote", q["id"]) not in rejected]
    return ExtractionRecord.model_validate(data)


def field_value(record: ExtractionRecord, kind: str, target_id: str, field: str):
    """The current value of one correctable field, in JSON form; RAISES KeyError when there is no such target or field."""
    items = {"event": record.events, "quote": record.quotes, "place": record.places, "actor": record.actors}[kind]
    for item in items:
        if item.id == target_id:
            data = item.model_dump(mode="json")
            holder = data["magnitude"] if kind == "event" and field in MAGNITUDE_FIELDS else data
            return holder[field]
    raise KeyError(target_id)


def csv_cell(value):
    """A cell a spreadsheet shows as text: one starting with =, +, -, @, tab or CR gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_jsonl(records: Iterable[ExtractionRecord], stream: IO[str]) -> int:
    """One record per line; RETURNS (int) the number of records."""
    count = 0
    for record in records:
        stream.write(record.to_json() + "\n")
        count += 1
    return count


def write_csv(records: Iterable[ExtractionRecord], stream: IO[str]) -> int:
    """One event per row, with a header; RETURNS (int) the number of events."""
    writer = csv.DictWriter(stream, fieldnames=[name for name, _ in EVENT_COLUMNS])
    writer.writeheader()
    count = 0
    for row in event_rows(records):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
        count += 1
    return count


def write_parquet(records: Iterable[ExtractionRecord], path: str) -> int:
    """One event per row in a Parquet file at `path`; RETURNS (int) the number of events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in EVENT_COLUMNS])
    rows = list(event_rows(records))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def write_geojson(records: Iterable[ExtractionRecord], stream: IO[str]) -> int:
    """Events with coordinates as GeoJSON points; RETURNS (int) the number of features."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in event_rows(records)
        if row["lat"] is not None and row["lon"] is not None
    ]
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)
