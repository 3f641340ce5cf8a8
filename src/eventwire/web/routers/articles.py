"""/api/articles: the stored articles, one article's whole record, and reading a new article now."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from starlette.concurrency import run_in_threadpool

import eventwire
from eventwire.errors import EventwireError
from eventwire.export import corrected
from eventwire.ingest import InputFailure, read_document
from eventwire.record import ExtractionRecord
from eventwire.web import queries
from eventwire.web.deps import NlpDep, PagingDep, StoreDep, Writer
from eventwire.web.downloads import Format, page_or_csv
from eventwire.web.models import ArticleIn, ArticleSummary, Page
from eventwire.web.queries import ArticleFilter

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", response_model=Page[ArticleSummary])
def list_articles(store: StoreDep, paging: PagingDep, f: Annotated[ArticleFilter, Query()], format: Format = "json"):
    """Articles that match the filter, without their texts."""
    return page_or_csv(format, "articles", lambda limit, offset: queries.articles_page(store, f, limit, offset), paging)


@router.get("/{article_id}", response_model=ExtractionRecord, response_model_by_alias=True)
def get_article(store: StoreDep, article_id: str, corrected_: Annotated[bool, Query(alias="corrected")] = False):
    """One article's extraction record; corrected=true applies the analysts' corrections."""
    record = store.record_by_id(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return corrected(record, store.corrections(article=article_id)) if corrected_ else record


@router.post("", response_model=ExtractionRecord, response_model_by_alias=True, status_code=201, dependencies=[Writer])
async def post_article(store: StoreDep, nlp: NlpDep, body: ArticleIn):
    """Read one article (text, or an HTML page) now, store it and return its record."""
    if (body.text is None) == (body.html is None):
        raise HTTPException(422, "send exactly one of text or html")
    raw = (body.text if body.text is not None else body.html).encode("utf-8")
    article = read_document(raw, "POST /api/articles", html=body.html is not None, max_bytes=len(raw) + 1)
    if isinstance(article, InputFailure):
        raise HTTPException(422, article.reason)
    for field in ("id", "title", "url", "outlet", "published"):
        if getattr(body, field):
            setattr(article, field, getattr(body, field))
    try:
        record = await run_in_threadpool(lambda: next(eventwire.extract_many([article], nlp=nlp)))
        store.write(record)
    except EventwireError as err:
        raise HTTPException(422, str(err)) from None
    return record
