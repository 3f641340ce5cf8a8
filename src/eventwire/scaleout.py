"""Scale-out: extract batches on a Dask cluster, local or remote, with the pipeline loaded once per worker.

    results = extract_on_dask(batches, workers=2)                       # a LocalCluster of 2 processes
    results = extract_on_dask(batches, scheduler="tcp://host:8786")    # a cluster that is already up

Each worker loads the pipeline once, when it joins (`PipelineLoader`, a Dask
worker plugin), and reads whole batches through `nlp.pipe`. At most a few
batches per worker are in flight, so memory stays flat however long the input
is, and results come back in the order the batches went out: the caller stores
exactly what a single-process run stores. A batch whose worker dies (a crash,
the OOM killer) is retried article by article, and an article that kills its
worker again becomes a failure of its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from distributed.scheduler import KilledWorker

import eventwire
from eventwire.errors import StageFailed
from eventwire.ingest import Article
from eventwire.runner import article_failure, extract_batch, warm_up

_PLUGIN = "eventwire-pipeline"
_IN_FLIGHT_PER_WORKER = 2


class PipelineLoader(WorkerPlugin):
    """Loads the eventwire pipeline once on every worker that joins the cluster.

    model (str | None): the spaCy pipeline for `eventwire.load`.
    actors (str | None): an extra actor dictionary; the path must exist on every worker machine.
    """

    name = _PLUGIN

    def __init__(self, model: str | None, actors: str | None):
        self.model = model
        self.actors = actors
        self.nlp = None
        self.load_error = None

    def setup(self, worker) -> None:
        try:
            self.nlp = warm_up(eventwire.load(self.model, self.actors))
        except eventwire.EventwireError as err:  # raised with the first batch, where the run reports it
            self.load_error = err


def _extract_on_worker(batch: list[Article], time_limit_s: float | None):
    loader: PipelineLoader = get_worker().plugins[_PLUGIN]
    if loader.load_error is not None:
        raise loader.load_error
    return extract_batch(loader.nlp, batch, time_limit_s)


def extract_on_dask(
    batches: Iterable[list[Article]],
    *,
    model: str | None = None,
    actors: str | Path | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    time_limit_s: float | None = None,
) -> Iterator[list]:
    """Extract batches on Dask workers, yielding each batch's results in input order.

    batches (Iterable[list[Article]]): the articles, already batched; read lazily.
    model (str | None): the spaCy pipeline each worker loads.
    actors (str | Path | None): an extra actor dictionary each worker loads.
    workers (int | None): start a LocalCluster of this many single-threaded worker processes.
    scheduler (str | None): or connect to this scheduler ("tcp://host:8786") and use its workers.
    time_limit_s (float | None): seconds one article may take.
    RETURNS (Iterator[list]): per batch, (source, record or InputFailure) per article.
    """
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(PipelineLoader(model, str(actors) if actors else None))
        width = _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, client.submit(_extract_on_worker, batch, time_limit_s, pure=False)))
            while len(pending) >= width:
                yield _collect(client, *pending.popleft(), time_limit_s)
        while pending:
            yield _collect(client, *pending.popleft(), time_limit_s)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(client: Client, batch: list[Article], future, time_limit_s: float | None) -> list:
    """A batch's results; if its worker died, each article again on its own."""
    try:
        return future.result()
    except KilledWorker:
        if len(batch) == 1:
            reason = "pipeline error: the worker reading this article died (crash or out of memory)"
            return [article_failure(batch[0], reason, StageFailed.code)]
        singles = [client.submit(_extract_on_worker, [a], time_limit_s, pure=False) for a in batch]
        return [result for article, single in zip(batch, singles) for result in _collect(client, [article], single, time_limit_s)]
    finally:
        future.release()
