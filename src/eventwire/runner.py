"""Runner: read a corpus into the store, in one process or a pool of workers.

    summary = run_corpus(read_inputs(["corpus/"]), Store(), workers=2)

Texts already in the store are skipped before any work is done on them.
Articles are read in batches; with `workers` > 1 each worker process loads
the pipeline once and extracts whole batches, while this process writes the
records to the store (one writer, so SQLite never sees two). A failing
article never stops the run: it becomes a failure row and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

import eventwire
from eventwire.errors import EventwireError, StageFailed
from eventwire.ingest import Article, InputFailure
from eventwire.record import ExtractionRecord
from eventwire.store import Store

Result = tuple[str, ExtractionRecord | InputFailure]


@dataclass
class RunSummary:
    """What a run did: how many inputs it read, stored, skipped as already stored, and which failed."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    stored_records: list[ExtractionRecord] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.already_stored + len(self.failures)

    def reasons(self) -> Counter:
        """Failures counted by the kind of reason (the words before the first ":" or "(")."""
        return Counter(_reason_kind(f.reason) for f in self.failures)


def _reason_kind(reason: str) -> str:
    if reason.startswith("line "):
        reason = reason.split(": ", 1)[-1]
    return reason.split(":")[0].split(" (")[0].strip()


def run_corpus(
    items: Iterable[Article | InputFailure],
    store: Store,
    *,
    model: str | None = None,
    actors: str | Path | None = None,
    workers: int = 1,
    batch_size: int = 16,
    nlp: Language | None = None,
    keep_records: bool = False,
    progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Extract every article not yet stored and write it to the store.

    items (Iterable[Article | InputFailure]): what `ingest.read_inputs` yields.
    store (Store): where records and failures go.
    model (str | None): the spaCy pipeline for `eventwire.load`.
    actors (str | Path | None): an extra actor dictionary for `eventwire.load`.
    workers (int): processes that extract; 1 extracts here.
    batch_size (int): articles per batch handed to `nlp.pipe` (and to a worker).
    nlp (Language | None): an already loaded pipeline (used when workers == 1).
    keep_records (bool): keep the records stored in this run in `summary.stored_records`.
    progress (Callable[[RunSummary], None] | None): called after each input is done.
    RETURNS (RunSummary): the counts and the failures.
    """
    summary = RunSummary()

    def finish(source: str, outcome: ExtractionRecord | InputFailure) -> None:
        if isinstance(outcome, ExtractionRecord):
            try:
                if store.write(outcome):
                    summary.stored += 1
                    if keep_records:
                        summary.stored_records.append(outcome)
                else:
                    summary.already_stored += 1
            except EventwireError as err:
                outcome = InputFailure(source, err.message, err.code)
        if isinstance(outcome, InputFailure):
            store.add_failure(outcome)
            summary.failures.append(outcome)
        if progress:
            progress(summary)

    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for item in items:
            summary.read += 1
            if isinstance(item, InputFailure):
                finish(item.source, item)
            elif store.has(item.text):
                summary.already_stored += 1
                if progress:
                    progress(summary)
            else:
                batch.append(item)
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    if workers <= 1:
        nlp = nlp or eventwire.load(model, actors)
        for batch in batches():
            for source, outcome in extract_batch(nlp, batch):
                finish(source, outcome)
        return summary

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model, actors)) as pool:
        pending: deque = deque()
        for batch in batches():
            pending.append(pool.apply_async(_worker_batch, (batch,)))
            while len(pending) > workers * 2:
                for source, outcome in pending.popleft().get():
                    finish(source, outcome)
        while pending:
            for source, outcome in pending.popleft().get():
                finish(source, outcome)
    return summary


def extract_batch(nlp: Language, batch: list[Article]) -> list[Result]:
    """Extract a batch; an article that fails becomes a failure and the others go on.

    nlp (Language): a pipeline from `eventwire.load`.
    batch (list[Article]): the articles.
    RETURNS (list[Result]): (source, record or failure) per article, in order.
    """
    try:
        return [_result(outcome) for outcome in eventwire.process(batch, nlp=nlp, batch_size=len(batch))]
    except Exception:  # noqa: BLE001  (e.g. a record that does not validate: find the article, fail only it)
        if len(batch) == 1:
            return [(_source(batch[0]), _crash(batch[0], sys.exc_info()[1]))]
        return [result for article in batch for result in extract_batch(nlp, [article])]


def _result(outcome: eventwire.Outcome) -> Result:
    source = _source(outcome.article)
    if outcome.error is not None:
        return source, InputFailure(source, outcome.error.message, outcome.error.code)
    return source, outcome.record


def _crash(article: Article, err: BaseException) -> InputFailure:
    message = (str(err).strip().splitlines() or [""])[0]
    return InputFailure(_source(article), f"pipeline error: {type(err).__name__}: {message}"[:500], StageFailed.code)


def _source(article: Article) -> str:
    return article.source or article.id or "<text>"


_WORKER_NLP: Language | None = None
_WORKER_LOAD_ERROR: EventwireError | None = None


def _init_worker(model: str | None, actors: str | Path | None) -> None:
    """Load the pipeline once per worker process (a load error is raised with the first batch)."""
    global _WORKER_NLP, _WORKER_LOAD_ERROR
    try:
        _WORKER_NLP = eventwire.load(model, actors)
    except EventwireError as err:
        _WORKER_LOAD_ERROR = err


def _worker_batch(batch: list[Article]) -> list[Result]:
    if _WORKER_LOAD_ERROR is not None:
        raise _WORKER_LOAD_ERROR
    return extract_batch(_WORKER_NLP, batch)
