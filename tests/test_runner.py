import pytest
import spacy
from spacy.language import Language

from eventwire.errors import BadDate, StageFailed, Timeout
from eventwire.ingest import Article, InputFailure
from eventwire.pipeline.build import text_hash
from eventwire.runner import run_corpus
from eventwire.store import Store


@Language.component("test_runner_explodes")
def _explodes(doc):
    if "BOOM" in doc.text:
        raise ValueError("cannot read this one\nsecond line")
    return doc


@pytest.fixture
def blank_nlp():
    """A model-free pipeline: blank English plus a stage that crashes on "BOOM"."""
    nlp = spacy.blank("en")
    nlp.add_pipe("test_runner_explodes")
    return nlp


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'run.db'}")
    yield store
    store.close()


ITEMS = [
    Article("Troops shelled the town on Monday.", source="a.txt"),
    InputFailure("scan.txt", "binary file (not text)"),
    Article("BOOM goes the parser.", source="b.txt"),
    Article("Protesters marched in the capital.", id="c", source="feed.jsonl:1"),
    InputFailure("feed.jsonl:2", "line 2: unparseable date: [E003] cannot read 'x'", BadDate.code),
]


def test_runner_stores_good_articles_and_fails_only_the_bad(blank_nlp, store):
    summary = run_corpus(ITEMS, store, nlp=blank_nlp, batch_size=8, keep_records=True)
    assert (summary.read, summary.stored, summary.already_stored) == (5, 2, 0)
    assert [f.source for f in summary.failures] == ["scan.txt", "feed.jsonl:2", "b.txt"]
    crash = summary.failures[-1]
    assert crash.code == StageFailed.code
    assert crash.reason == "pipeline error: ValueError: cannot read this one"
    assert [r.article.id for r in summary.stored_records][1] == "c"
    assert summary.reasons() == {"binary file": 1, "unparseable date": 1, "pipeline error": 1}
    assert store.counts().failures == 3


def test_runner_skips_what_is_stored(blank_nlp, store):
    run_corpus(ITEMS, store, nlp=blank_nlp)
    sizes = store.table_sizes()
    seen = []
    summary = run_corpus(ITEMS, store, nlp=blank_nlp, progress=lambda s: seen.append(s.done))
    assert (summary.stored, summary.already_stored, len(summary.failures)) == (0, 2, 3)
    assert seen == [1, 2, 3, 4, 5]
    assert store.table_sizes() == sizes


@Language.component("test_runner_spins")
def _spins(doc):
    while "SPIN" in doc.text:  # a stage that never ends on this article
        pass
    return doc


@pytest.fixture
def spinning_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_runner_spins")
    return nlp


def test_runner_fails_an_article_over_the_time_limit_and_goes_on(spinning_nlp, store):
    items = [
        Article("Troops shelled the town on Monday.", source="a.txt"),
        Article("SPIN forever.", source="slow.txt"),
        Article("Protesters marched in the capital.", source="c.txt"),
    ]
    summary = run_corpus(items, store, nlp=spinning_nlp, batch_size=8, time_limit_s=0.5)
    assert summary.stored == 2
    [failure] = summary.failures
    assert (failure.source, failure.code) == ("slow.txt", Timeout.code)
    assert failure.reason == "timeout: took longer than the 0.5 s limit"
    assert summary.reasons() == {"timeout": 1}


def test_runner_clears_a_failure_once_the_same_text_is_stored(blank_nlp, store):
    text = "BOOM goes the parser."
    run_corpus([Article(text, source="b.txt")], store, nlp=blank_nlp)
    assert [row["article_key"] for row in store.failure_rows()] == [text_hash(text)]
    binary = InputFailure("scan.txt", "binary file (not text)")
    summary = run_corpus([binary, Article(text, source="b.txt")], store, nlp=spacy.blank("en"))
    assert summary.stored == 1
    assert [row["source"] for row in store.failure_rows()] == ["scan.txt"]
