import csv
import io
import json

from test_store import TEXT, make_record

from eventwire.export import EVENT_COLUMNS, confident, event_rows, write_csv, write_geojson, write_jsonl, write_parquet
from eventwire.record import ExtractionRecord

NO_EVENTS = ExtractionRecord.model_validate({"article": {"id": "quiet", "text": "Nothing happened today."}})


def test_export_event_rows_name_actors_and_place():
    (row,) = event_rows([make_record(), NO_EVENTS])
    assert list(row) == [name for name, _ in EVENT_COLUMNS]
    assert row["article_id"] == "wire-1" and row["type"] == "ASSAULT"
    assert (row["actors"], row["recipients"], row["according_to"]) == ("Army", "rebels", "Army")
    assert (row["place"], row["lat"], row["lon"], row["dead"]) == ("Border Town", 1.5, 2.5, 12)
    assert (row["date"], row["date_precision"], row["date_basis"]) == ("2024-03-11", "day", "sentence")
    assert row["evidence"] == TEXT


def test_export_jsonl_is_one_record_per_line():
    out = io.StringIO()
    assert write_jsonl([make_record(), NO_EVENTS], out) == 2
    lines = out.getvalue().splitlines()
    assert json.loads(lines[0]) == make_record().to_dict()
    assert lines[1] == NO_EVENTS.to_json()


def test_export_csv_has_header_and_one_row_per_event():
    out = io.StringIO()
    assert write_csv([make_record(), NO_EVENTS], out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0]["modality"] == "claimed" and rows[0]["dead"] == "12"


def test_export_parquet_keeps_types(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet([make_record()], str(path)) == 1
    table = pq.read_table(path)
    assert table.column_names == [name for name, _ in EVENT_COLUMNS]
    assert table.column("dead").to_pylist() == [12] and str(table.schema.field("lat").type) == "double"
    assert write_parquet([NO_EVENTS], str(path)) == 0 and pq.read_table(path).num_rows == 0


def test_export_geojson_points_are_lon_lat():
    out = io.StringIO()
    assert write_geojson([make_record(), NO_EVENTS], out) == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.5, 1.5]}
    assert feature["properties"]["type"] == "ASSAULT" and "lat" not in feature["properties"]


def _correction(action, field=None, new=None, target_id="e1"):
    from eventwire.record import CorrectionRecord

    return CorrectionRecord(
        id=f"c-{action}-{field}", target={"kind": "event", "article": "wire-1", "id": target_id}, action=action,
        field=field, new=new, by="ana", at="2025-01-01T00:00:00Z",
    )


def test_export_apply_corrections_sets_fields_and_leaves_the_stored_record():
    from eventwire.export import apply_corrections

    record = make_record()
    fixes = [_correction("correct", "dead", 14), _correction("correct", "type", "COERCE"), _correction("correct", "actors", ["actor:rebels"])]
    (fixed, untouched) = apply_corrections([record, NO_EVENTS], fixes)
    (event,) = fixed.events
    assert (event.magnitude.dead, event.type, event.actors) == (14, "COERCE", ["actor:rebels"])
    assert record.events[0].magnitude.dead == 12 and untouched is NO_EVENTS


def test_export_apply_corrections_last_verdict_wins():
    from eventwire.export import apply_corrections

    (rejected,) = apply_corrections([make_record()], [_correction("reject")])
    assert rejected.events == []
    (restored,) = apply_corrections([make_record()], [_correction("reject"), _correction("accept")])
    assert len(restored.events) == 1


def test_export_csv_escapes_cells_a_spreadsheet_would_run():
    from eventwire.export import csv_cell

    assert [csv_cell(v) for v in ("=SUM(A1)", "+1", "-2", "@x", "\tx", "plain", -3.5, None)] == [
        "'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", "plain", -3.5, None,
    ]
def test_export_min_confidence_drops_the_less_confident_events_only():
    record = make_record()
    confidence = record.events[0].confidence
    assert [len(r.events) for r in confident([record, NO_EVENTS], confidence)] == [1, 0]
    above = list(confident([record, NO_EVENTS], confidence + 0.01))
    assert [len(r.events) for r in above] == [0, 0] and above[0].article == record.article
    assert len(record.events) == 1
