"""Runner: read a corpus into the store, in this process or on a Dask cluster.

    summary = run_corpus(read_inputs(["corpus/"]), Store())                 # in this process
    summary = run_corpus(read_inputs(["corpus/"]), Store(), workers=2)      # a local Dask cluster
    summary = run_corpus(items, Store(url), scheduler="tcp://host:8786")   # an existing one

Input streams through in bounded batches (memory stays flat however large the
corpus), and texts already in the store are skipped before any work is done on
them. Records come back in input order and this process writes them (one writer,
so SQLite never sees two), so every way of running stores the same rows. A
failing article never stops the run: it becomes a failure row and the run goes
on; so does an article over the time limit (reason "timeout").
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

import eventwire
from eventwire.errors import EventwireError, StageFailed, Timeout
from eventwire.ingest import Article, InputFailure
from eventwire.pipeline.build import text_hash
from eventwire.record import ExtractionRecord
from eventwire.store import Store
from eventwire.timelimit import ArticleTimeout, time_limit

DEFAULT_TIME_LIMIT = 60.0

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
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = 16,
    time_limit_s: float | None = DEFAULT_TIME_LIMIT,
    nlp: Language | None = None,
    keep_records: bool = False,
    progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Extract every article not yet stored and write it to the store.

    items (Iterable[Article | InputFailure]): what `ingest.read_inputs` yields.
    store (Store): where records and failures go.
    model (str | None): the spaCy pipeline for `eventwire.load`.
    actors (str | Path | None): an extra actor dictionary for `eventwire.load`.
    workers (int | None): start a local Dask cluster of this many worker processes; None extracts here.
    scheduler (str | None): the address of a running Dask scheduler ("tcp://host:8786") to extract on.
    batch_size (int): articles per batch handed to `nlp.pipe` (and to a worker).
    time_limit_s (float | None): seconds one article may take; over it, it fails as "timeout".
    nlp (Language | None): an already loaded pipeline (used when extracting here).
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

    if workers is None and scheduler is None:
        nlp = warm_up(nlp or eventwire.load(model, actors))
        results: Iterator[list[Result]] = (extract_batch(nlp, batch, time_limit_s) for batch in batches())
    else:
        from eventwire.scaleout import extract_on_dask  # dask is imported only when asked for

        results = extract_on_dask(
            batches(), model=model, actors=actors, workers=workers, scheduler=scheduler, time_limit_s=time_limit_s
        )
    for batch_results in results:
        for source, outcome in batch_results:
            finish(source, outcome)
    return summary


_WARM_UP = (
    "NAIROBI, May 8 (Wire) - Police said two men were shot dead in Nairobi on Monday.",
    "police said two men were shot dead in nairobi on monday.",
)


def warm_up(nlp: Language) -> Language:
    """Read two short articles, so the data stages open on first use (the gazetteer index, built on a
    new machine; case tables) is ready before any article's time limit starts counting.

    nlp (Language): a pipeline from `eventwire.load`.
    RETURNS (Language): the same pipeline.
    """
    for _ in eventwire.process([Article(text) for text in _WARM_UP], nlp=nlp):
        pass
    return nlp


def extract_batch(nlp: Language, batch: list[Article], time_limit_s: float | None = None) -> list[Result]:
    """Extract a batch; an article that fails or runs out of time becomes a failure and the others go on.

    The whole batch gets the time limit of one article (a normal batch takes a fraction of it);
    when that runs out, the articles not yet done are read one by one, each with its own limit.
    nlp (Language): a pipeline from `eventwire.load`.
    batch (list[Article]): the articles.
    time_limit_s (float | None): seconds one article may take; None for no limit.
    RETURNS (list[Result]): (source, record or failure) per article, in order.
    """
    done: list[Result] = []
    try:
        with time_limit(time_limit_s):
            for outcome in eventwire.process(batch, nlp=nlp, batch_size=len(batch)):
                done.append(_result(outcome))
    except (Timeout, ArticleTimeout):
        if len(batch) == 1:
            return [_timeout(batch[0], time_limit_s)]
        return done + [result for article in batch[len(done) :] for result in extract_batch(nlp, [article], time_limit_s)]
    except Exception:  # noqa: BLE001  (e.g. a record that does not validate: find the article, fail only it)
        if len(batch) == 1:
            return [_crash(batch[0], sys.exc_info()[1])]
        return [result for article in batch for result in extract_batch(nlp, [article], time_limit_s)]
    return done


def _result(outcome: eventwire.Outcome) -> Result:
    if outcome.error is not None:
        return article_failure(outcome.article, outcome.error.message, outcome.error.code)
    return _source(outcome.article), outcome.record


def article_failure(article: Article, reason: str, code: str) -> Result:
    """A failure of an article whose text was read: keyed by the text, so storing it later clears it."""
    source = _source(article)
    return source, InputFailure(source, reason[:500], code, text_hash(article.text))


def _crash(article: Article, err: BaseException) -> Result:
    message = (str(err).strip().splitlines() or [""])[0]
    return article_failure(article, f"pipeline error: {type(err).__name__}: {message}", StageFailed.code)


def _timeout(article: Article, seconds: float | None) -> Result:
    return article_failure(article, f"timeout: took longer than the {seconds:g} s limit", Timeout.code)


def _source(article: Article) -> str:
    return article.source or article.id or "<text>"
