"""Exports: the stored records as JSONL, CSV, Parquet or GeoJSON.

JSONL writes one extraction record per line, exactly as `eventwire extract
--json` prints it. CSV and Parquet write one row per event (EVENT_COLUMNS),
with actor and place ids resolved to names; GeoJSON writes the events whose
place has coordinates as a FeatureCollection of points.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from eventwire.record import ExtractionRecord

FORMATS = ("jsonl", "csv", "parquet", "geojson")

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
        writer.writerow(row)
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
