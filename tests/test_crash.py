"""Crash safety: `eventwire run` killed with SIGKILL and run again, or run twice at once, stores every
article exactly once, with exactly the rows of an uninterrupted run."""

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from eventwire import corpus as corpus_layer
from eventwire.runner import run_corpus
from eventwire.store import Store
from tests.test_scaleout import corpus, stored

pytestmark = pytest.mark.slow

_CLI = "from eventwire.cli import cli; cli()"


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """The test corpus as one JSONL feed."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in corpus():
            out.write(json.dumps({"id": article.id, "text": article.text, "published": article.published}) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(tmp_path_factory, feed, nlp):
    """What an uninterrupted `eventwire run` stores: records by id, and row counts of every table."""
    from eventwire.ingest import read_inputs

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}")
    run_corpus(read_inputs([feed]), store, nlp=nlp, batch_size=4)
    corpus_layer.update(store)  # as `eventwire run` does after reading
    yield stored(store), store.table_sizes()
    store.close()


def _start(inputs, db, *options) -> subprocess.Popen:
    # Its own process group, so that a kill takes the Dask workers with it, as a machine crash would.
    # Its stderr is kept, so that a run that fails says why in the assertion.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-c", _CLI, "run", *map(str, inputs), "--db", db, "--batch-size", "2", *options],
        stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )
    process.log = log
    return process


def _said(process: subprocess.Popen) -> str:
    """The last lines a run wrote to stderr."""
    process.log.seek(0)
    return b"".join(process.log.readlines()[-8:]).decode("utf-8", "replace")


def _articles(store: Store) -> int:
    try:
        return store.counts().articles
    except Exception:  # noqa: BLE001  (the writer may hold a lock for a moment)
        return -1


def _kill_after(process: subprocess.Popen, store: Store, stored_before: int, more: int, timeout: float = 600) -> None:
    """SIGKILL the run (and its workers) once `more` new articles are stored; more=0 kills during start-up."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if more == 0 or _articles(store) >= stored_before + more:
            break
        time.sleep(0.02)
    if more == 0:
        time.sleep(1.0)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _kill_and_rerun(feed, db: str, reference, options: tuple, kills: int, seed: int) -> None:
    chance = random.Random(seed)
    store = Store(db)
    for n in range(kills):
        before = max(0, _articles(store))
        _kill_after(_start([feed], db, *options), store, before, 0 if n == 0 else chance.randint(1, 4))
    final = _start([feed], db, *options)
    assert final.wait(timeout=900) == 0
    assert stored(store) == reference[0]
    assert store.table_sizes() == reference[1]
    store.close()


def test_crash_sqlite_killed_and_rerun_has_the_rows_of_an_uninterrupted_run(feed, reference, tmp_path):
    _kill_and_rerun(feed, f"sqlite:///{tmp_path / 'killed.db'}", reference, (), kills=4, seed=1)


def test_crash_sqlite_with_two_dask_workers_killed_and_rerun(feed, reference, tmp_path):
    _kill_and_rerun(feed, f"sqlite:///{tmp_path / 'killed2.db'}", reference, ("--workers", "2"), kills=3, seed=2)


def test_crash_postgresql_killed_and_rerun(feed, reference, postgres_store):
    _kill_and_rerun(feed, postgres_store.url, reference, (), kills=3, seed=3)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_crash_two_runs_at_once_on_overlapping_input(backend, feed, reference, tmp_path, request):
    db = request.getfixturevalue("postgres_store").url if backend == "postgresql" else f"sqlite:///{tmp_path / 'two.db'}"
    lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[: len(lines) * 2 // 3]), encoding="utf-8")
    second.write_text("".join(lines[len(lines) // 3 :]), encoding="utf-8")
    runs = [_start([first], db), _start([second], db)]
    exits = [run.wait(timeout=900) for run in runs]
    assert exits == [0, 0], [_said(run) for run in runs]
    store = Store(db)
    assert stored(store) == reference[0]
    assert store.table_sizes() == reference[1]
    store.close()
