import csv
import io
import json

from test_store import TEXT, make_record

from eventwire.export import EVENT_COLUMNS, event_rows, write_csv, write_geojson, write_jsonl, write_parquet
from eventwire.record import ExtractionRecord

NO_EVENTS = ExtractionRecord.model_validate({"article": {"id": "quiet", "text": "Nothing happened today."}})


def test_export_event_rows_name_actors_and_place():
    (row,) = event_rows([make_record(), NO_EVENTS])
    assert list(row) == [name for name, _ in EVENT_COLUMNS]
    assert row["article_id"] == "wire-1" and row["type"] == "ASSAULT"
    assert (row["actors"], row["recipients"], row["according_to"]) == ("Army", "rebels", "Army")
    assert (row["place"], row["lat"], row["lon"], row["dead"]) == ("Border Town", 1.5, 2.5, 12)
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
