"""/api/quotes: who said what, across articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from eventwire.web import queries
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.downloads import Format, page_or_csv
from eventwire.web.models import Page, QuoteView
from eventwire.web.queries import QuoteFilter

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", response_model=Page[QuoteView])
def list_quotes(store: StoreDep, paging: PagingDep, f: Annotated[QuoteFilter, Query()], format: Format = "json"):
    """Quotes that match the filter, newest first."""
    return page_or_csv(format, "quotes", lambda limit, offset: queries.quotes_page(store, f, limit, offset), paging)
