"""/api/events: events across articles, filtered, sorted and paged; CSV, GeoJSON and timeline counts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from eventwire.export import EVENT_COLUMNS, event_rows
from eventwire.web import queries
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.downloads import Format, csv_response, geojson_response
from eventwire.web.models import EventView, Page, TimelineCount
from eventwire.web.queries import EventFilter

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=Page[EventView])
def list_events(store: StoreDep, paging: PagingDep, f: Annotated[EventFilter, Query()], format: Format = "json"):
    """Events that match the filter; format=csv or geojson downloads the whole filtered view."""
    try:
        if format == "geojson":
            return geojson_response(queries.event_points(store, f, limit=None), "events")
        if format == "csv":
            wanted = queries.event_keys(store, f)
            records = (
                record.model_copy(update={"events": [e for e in record.events if e.id in wanted[record.article.id]]})
                for record in queries.records(store, wanted)
            )
            return csv_response(event_rows(records), "events", [name for name, _ in EVENT_COLUMNS])
        items, total = queries.events_page(store, f, paging.limit, paging.offset)
    except ValueError as err:
        raise HTTPException(422, str(err)) from None
    return Page(items=items, total=total)


@router.get("/timeline", response_model=Page[TimelineCount])
def event_timeline(store: StoreDep, f: Annotated[EventFilter, Query()], bucket: Literal["day", "month", "year"] = "month"):
    """Event counts by period and type for the filter without its date range (the brush sets that)."""
    items = queries.timeline(store, f, bucket)
    return Page(items=items, total=len(items))
