"""The pipeline as a whole: registrations, serialization and multi-process runs."""

from __future__ import annotations

import gc
import importlib
import time
import tomllib
import weakref

import pytest
import spacy
from tests.conftest import ROOT, SHARED

import eventwire
from eventwire.pipeline import STAGES, STRUCTURE
from eventwire.pipeline.build import build_record

SEED = (SHARED / "fixtures" / "seed" / "panjshir.txt").read_text(encoding="utf-8")
SHORT = (
    "KABUL, March 3 (Wire) - Gunmen attacked a police checkpoint in Kunduz province on Sunday, "
    "killing two officers, a provincial spokesman said. \u201cWe will find them,\u201d he told reporters."
)


def test_pipeline_factories_registered_and_declared():
    """Every stage is a registered factory and listed under the spacy_factories entry point."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    assert set(STAGES) | {STRUCTURE} == set(declared)
    for stage in (STRUCTURE, *STAGES):
        assert spacy.Language.has_factory(stage)
        module, attr = declared[stage].split(":")
        assert callable(getattr(importlib.import_module(module), attr))


@pytest.mark.slow
def test_pipeline_stages_run_in_order(nlp):
    assert nlp.pipe_names[-len(STAGES) :] == list(STAGES)
    assert nlp.pipe_names.index(STRUCTURE) == nlp.pipe_names.index("parser") - 1


@pytest.mark.slow
def test_pipeline_to_disk_round_trip_gives_the_same_record(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    first = eventwire.extract(SEED, published="2021-09-07", nlp=nlp).to_dict()
    second = eventwire.extract(SEED, published="2021-09-07", nlp=reloaded).to_dict()
    assert first == second


@pytest.mark.slow
def test_pipeline_multiprocess_gives_the_same_records(nlp):
    """Stage results survive the Doc serialization that nlp.pipe(n_process=2) and Dask workers use."""
    articles = [eventwire.Article(text=t, published="2021-09-07") for t in (SEED, SHORT, SEED[:800])]
    serial = [build_record(doc).to_dict() for doc in nlp.pipe(eventwire.make_doc(nlp, a) for a in articles)]
    parallel = [
        build_record(doc).to_dict()
        for doc in nlp.pipe((eventwire.make_doc(nlp, a) for a in articles), n_process=2, batch_size=1)
    ]
    assert parallel == serial
    assert serial[0]["article"]["text"] == SEED


@pytest.mark.slow
def test_pipeline_keeps_no_doc_alive_after_its_record_is_built(nlp):
    """A per-Doc cache that holds a Span holds its Doc: a long run would keep every article in memory."""
    texts = [SEED, SHORT, SEED[:800]]
    alive = []
    for doc in nlp.pipe(eventwire.make_doc(nlp, eventwire.Article(text=t, published="2021-09-07")) for t in texts):
        build_record(doc)
        alive.append(weakref.ref(doc))
    del doc
    gc.collect()
    assert [ref() is None for ref in alive] == [True, True, True]


def _cpu_seconds(work, repeat: int = 1) -> float:
    """The least CPU time of `repeat` runs of work() (CPU time, so a busy machine does not skew it)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


_SENTENCES = (
    "Police said he was shot.", '"We will fight," she said.', "Rebels attacked Goma on Monday.", "It rained.",
    "John Mbeki, a farmer, said they fled.", "The army denied it.", "Two people were killed.",
)


@pytest.mark.slow
def test_pipeline_long_run_of_parentheses_tokenizes_in_linear_time(nlp):
    """Twice the parentheses, about twice the time (spaCy alone takes four times: 8,000 took 10 s)."""
    small = _cpu_seconds(lambda: nlp.make_doc("(" * 20000 + " the army said"), repeat=3)
    large = _cpu_seconds(lambda: nlp.make_doc("(" * 40000 + " the army said"), repeat=3)
    assert large < 3 * max(small, 0.01)


@pytest.mark.slow
def test_pipeline_many_short_sentences_in_linear_time(nlp):
    """An article of thousands of short sentences costs in proportion to its length (once it was quadratic)."""

    def text(n: int) -> str:
        return " ".join(_SENTENCES[i % len(_SENTENCES)] for i in range(n))

    small = _cpu_seconds(lambda: eventwire.extract(text(1000), published="2024-05-06", nlp=nlp))
    large = _cpu_seconds(lambda: eventwire.extract(text(2000), published="2024-05-06", nlp=nlp))
    assert large < 3 * small
