"""Exports: the stored records as JSONL, CSV, Parquet or GeoJSON; the clusters as JSONL or ACLED-shaped CSV.

JSONL writes one extraction record per line, exactly as `eventwire extract
--json` prints it. CSV and Parquet write one row per event (EVENT_COLUMNS),
with actor and place ids resolved to names and the event's cluster id;
GeoJSON writes the events whose place has coordinates as a FeatureCollection
of points. `apply_corrections` gives the records as analysts corrected them
(`eventwire export --corrected`). CSV cells that a spreadsheet would read as
a formula are escaped. `clusters` writes one cluster record
(eventwire/cluster-1) per line; `acled` one row per cluster in the columns
of ACLED's data (ACLED_COLUMNS), its event types mapped from PLOVER
(ACLED_TYPES).
`confident` keeps only the events at or above a confidence, for every format.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO

from eventwire.pipeline.build import text_hash
from eventwire.record import ClusterRecord, CorrectionRecord, ExtractionRecord

FORMATS = ("jsonl", "csv", "parquet", "geojson", "clusters", "acled")

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
    ("date_basis", "string"),
    ("modality", "string"),
    ("according_to", "string"),
    ("dead", "int64"),
    ("injured", "int64"),
    ("arrested", "int64"),
    ("dead_min", "int64"),
    ("evidence", "string"),
    ("confidence", "float64"),
    ("cluster_id", "string"),
)


def confident(records: Iterable[ExtractionRecord], min_confidence: float) -> Iterator[ExtractionRecord]:
    """The records with only their events of confidence >= min_confidence (records themselves all kept)."""
    for record in records:
        events = [event for event in record.events if event.confidence >= min_confidence]
        yield record if len(events) == len(record.events) else record.model_copy(update={"events": events})


def event_rows(records: Iterable[ExtractionRecord], clusters: dict[tuple[str, str], str] | None = None) -> Iterator[dict]:
    """One flat row per event, names in place of ids (EVENT_COLUMNS).

    records (Iterable[ExtractionRecord]): the records, e.g. `Store.records()`.
    clusters (dict | None): (article key, event id) -> cluster id, e.g. `Store.event_clusters()`.
    RETURNS (Iterator[dict]): rows; several names in one cell are joined with "; ".
    """
    clusters = clusters or {}
    for record in records:
        key = text_hash(record.article.text) if clusters else None
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
                "date_basis": event.date_basis,
                "modality": event.modality,
                "according_to": names.get(event.according_to, event.according_to),
                "dead": event.magnitude.dead,
                "injured": event.magnitude.injured,
                "arrested": event.magnitude.arrested,
                "dead_min": event.magnitude.dead_min,
                "evidence": " ... ".join(text[start:end] for start, end in event.evidence),
                "confidence": event.confidence,
                "cluster_id": clusters.get((key, event.id)),
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


def write_jsonl(records: Iterable[ExtractionRecord | ClusterRecord], stream: IO[str]) -> int:
    """One record (extraction or cluster record) per line; RETURNS (int) the number of records."""
    count = 0
    for record in records:
        stream.write(record.to_json() + "\n")
        count += 1
    return count


def write_csv(records: Iterable[ExtractionRecord], stream: IO[str], clusters: dict | None = None) -> int:
    """One event per row, with a header; RETURNS (int) the number of events."""
    writer = csv.DictWriter(stream, fieldnames=[name for name, _ in EVENT_COLUMNS])
    writer.writeheader()
    count = 0
    for row in event_rows(records, clusters):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
        count += 1
    return count


def write_parquet(records: Iterable[ExtractionRecord], path: str, clusters: dict | None = None) -> int:
    """One event per row in a Parquet file at `path`; RETURNS (int) the number of events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in EVENT_COLUMNS])
    rows = list(event_rows(records, clusters))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def write_geojson(records: Iterable[ExtractionRecord], stream: IO[str], clusters: dict | None = None) -> int:
    """Events with coordinates as GeoJSON points; RETURNS (int) the number of features."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in event_rows(records, clusters)
        if row["lat"] is not None and row["lon"] is not None
    ]
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


# ACLED's columns, in its order (the ones a cluster can fill).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "iso", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
)
# PLOVER type (and mode) -> ACLED (disorder type, event type, sub-event type); "" = the type's row.
ACLED_TYPES = {
    ("ASSAULT", "aerial"): ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "drone"): ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "explosives"): ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): ("Political violence", "Explosions/Remote violence", "Suicide bomb"),
    ("ASSAULT", "heavy-weapons"): ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "sexual"): ("Political violence", "Violence against civilians", "Sexual violence"),
    ("ASSAULT", "abduct"): ("Political violence", "Violence against civilians", "Abduction/forced disappearance"),
    ("ASSAULT", ""): ("Political violence", "Violence against civilians", "Attack"),
    ("PROTEST", "riot"): ("Demonstrations", "Riots", "Violent demonstration"),
    ("PROTEST", ""): ("Demonstrations", "Protests", "Peaceful protest"),
    ("COERCE", "arrest"): ("Strategic developments", "Strategic developments", "Arrests"),
    ("COERCE", "seize"): ("Strategic developments", "Strategic developments", "Looting/property destruction"),
    ("AGREE", ""): ("Strategic developments", "Strategic developments", "Agreement"),
    ("MOBILIZE", ""): ("Strategic developments", "Strategic developments", "Headquarters or base established"),
    ("RETREAT", ""): ("Strategic developments", "Strategic developments", "Non-violent transfer of territory"),
}
_OTHER = ("Strategic developments", "Strategic developments", "Other")
_TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3}
_GEO_PRECISION = {"point": 1, "admin2": 2, "admin1": 2, "country": 3, "region": 3}


def acled_rows(clusters: Iterable[ClusterRecord]) -> Iterator[dict]:
    """One ACLED-shaped row per cluster (ACLED_COLUMNS); several names in one cell are joined with "; "."""
    for cluster in clusters:
        kinds = ACLED_TYPES.get((cluster.type, cluster.mode or "")) or ACLED_TYPES.get((cluster.type, ""), _OTHER)
        actors = [a.name for a in cluster.actors]
        recipients = [a.name for a in cluster.recipients]
        place = cluster.place
        yield {
            "event_id_cnty": cluster.cluster_id,
            "event_date": cluster.date,
            "year": cluster.date[:4] if cluster.date else None,
            "time_precision": _TIME_PRECISION.get(cluster.date_precision, 3),
            "disorder_type": kinds[0],
            "event_type": kinds[1],
            "sub_event_type": kinds[2],
            "actor1": actors[0] if actors else None,
            "assoc_actor_1": "; ".join(actors[1:]) or None,
            "actor2": recipients[0] if recipients else None,
            "assoc_actor_2": "; ".join(recipients[1:]) or None,
            "country": place.country if place else None,
            "iso": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "admin2": place.admin2 if place else None,
            "location": place.name if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": _GEO_PRECISION.get(place.precision, 3) if place else None,
            "source": "; ".join(cluster.outlets) or None,
            "source_scale": None,
            "notes": _notes(cluster),
            "fatalities": cluster.dead.best or 0,
            "tags": "; ".join(f"{d.field} disputed" for d in cluster.disagreements) or None,
        }


def _notes(cluster: ClusterRecord) -> str:
    parts = [f"{cluster.type}{f' ({cluster.mode})' if cluster.mode else ''}"]
    if cluster.dead.low != cluster.dead.high:
        parts.append(f"fatalities reported {cluster.dead.low}-{cluster.dead.high}")
    parts.append(f"{cluster.sources} source(s), first reported {cluster.first_reported or 'unknown'}")
    return "; ".join(parts)


def write_acled(clusters: Iterable[ClusterRecord], stream: IO[str]) -> int:
    """One ACLED-shaped row per cluster, with a header; RETURNS (int) the number of clusters."""
    writer = csv.DictWriter(stream, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    count = 0
    for row in acled_rows(clusters):
        writer.writerow(row)
        count += 1
    return count
