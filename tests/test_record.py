import json

from tests.conftest import SCHEMA_FILE

from eventwire.record import ExtractionRecord, json_schema


def test_record_schema_file_is_current():
    assert json.loads(SCHEMA_FILE.read_text()) == json.loads(json.dumps(json_schema()))


def test_record_serialises_with_schema_key(record_validator):
    record = ExtractionRecord.model_validate({"article": {"id": "a1", "text": "Hello."}})
    data = record.to_dict()
    assert data["schema"] == "eventwire/1"
    assert list(data) == ["schema", "article", "actors", "places", "times", "quotes", "events"]
    record_validator.validate(data)


def test_record_drops_private_working_keys():
    record = ExtractionRecord.model_validate(
        {"article": {"id": "a1", "text": "x"}, "times": [{"text": "x", "span": [0, 1], "_relative": True}]}
    )
    assert "_relative" not in record.to_dict()["times"][0]
