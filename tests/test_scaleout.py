"""Extraction on a Dask cluster stores exactly what a run in one process stores."""

import json
from importlib import resources

import pytest

from eventwire.ingest import read_inputs
from eventwire.runner import run_corpus
from eventwire.store import Store
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow


def corpus() -> list:
    """The built-in sample and our own fixture articles: about twenty wire stories."""
    sample = resources.files("eventwire").joinpath("sample/articles.jsonl")
    with resources.as_file(sample) as path:
        items = list(read_inputs([path]))
    return items + list(read_inputs(sorted(FIXTURES.glob("*.txt"))))


def stored(store: Store) -> dict[str, str]:
    return {record.article.id: json.dumps(record.to_dict(), sort_keys=True) for record in store.records()}


@pytest.fixture(scope="module")
def single_process_rows(tmp_path_factory, nlp):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('single') / 'one.db'}")
    summary = run_corpus(corpus(), store, nlp=nlp, batch_size=4)
    assert not summary.failures
    yield stored(store), store.table_sizes()
    store.close()


@pytest.fixture(scope="module")
def dask_scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_scaleout_on_a_running_scheduler_equals_one_process(single_process_rows, dask_scheduler, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'dask.db'}")
    summary = run_corpus(corpus(), store, scheduler=dask_scheduler, batch_size=3)
    assert not summary.failures and summary.stored == len(single_process_rows[0])
    assert stored(store) == single_process_rows[0]
    assert store.table_sizes() == single_process_rows[1]


def test_scaleout_keeps_input_order_and_skips_what_is_stored(dask_scheduler, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'order.db'}")
    items = corpus()
    run_corpus(items[:7], store, scheduler=dask_scheduler, batch_size=2)
    summary = run_corpus(items, store, scheduler=dask_scheduler, batch_size=2, keep_records=True)
    assert summary.already_stored == 7
    assert [r.article.text for r in summary.stored_records] == [a.text for a in items[7:]]
