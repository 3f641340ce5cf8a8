import pytest
from tests.conftest import SHARED

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


@pytest.mark.slow
def test_api_process_reports_a_crashing_stage_and_goes_on(tmp_path):
    """One article that breaks a stage fails alone; the batch around it is read."""
    from spacy.language import Language

    @Language.component("test_crash_on_marker")
    def crash_on_marker(doc):
        if "CRASH" in doc.text:
            raise ValueError("marker found")
        return doc

    nlp = eventwire.load()
    nlp.add_pipe("test_crash_on_marker", before="eventwire_actors")
    articles = [eventwire.Article(text=t) for t in ("Police said the road was open.", "CRASH here.", "Rain fell.")]
    outcomes = list(eventwire.process(articles, nlp=nlp, batch_size=3))
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert "test_crash_on_marker: ValueError: marker found" in str(outcomes[1].error)
    assert outcomes[2].record.article.text == "Rain fell."


@pytest.mark.slow
def test_api_process_reports_an_unreadable_date_and_goes_on(nlp):
    articles = [
        eventwire.Article(text="Troops withdrew from the town.", published="not a date at all"),
        eventwire.Article(text="Rain fell.", published="2024-01-01"),
    ]
    first, second = eventwire.process(articles, nlp=nlp)
    assert first.error is not None and first.error.code == "E003"
    assert second.record.article.published == "2024-01-01"
