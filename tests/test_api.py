import pytest
from conftest import SHARED

import eventwire
from eventwire.errors import ModelNotInstalled

SEED = SHARED / "fixtures" / "seed" / "panjshir.txt"


def test_api_load_names_the_package_when_model_is_missing():
    with pytest.raises(ModelNotInstalled, match="pip install"):
        eventwire.load("en_core_web_nonexistent")


@pytest.mark.slow
def test_api_extract_keeps_seed_text_and_offsets(extract):
    text = SEED.read_text(encoding="utf-8")
    record = extract(text, published="2021-09-07")
    assert record["article"]["text"] == text
    assert record["article"]["published"] == "2021-09-07"
    for quote in record["quotes"]:
        assert text[quote["span"][0] : quote["span"][1]] == quote["text"]
    for time in record["times"]:
        assert text[time["span"][0] : time["span"][1]] == time["text"]


@pytest.mark.slow
def test_api_extract_normalises_the_publication_date(extract):
    record = extract("Police said on Monday that the road was open.", published="Sept. 7, 2021")
    assert record["article"]["published"] == "2021-09-07"
    assert record["article"]["id"].startswith("sha256:")
