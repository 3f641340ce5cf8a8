"""/api/places: the places named across articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from eventwire.web import queries
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.downloads import Format, csv_response, geojson_response
from eventwire.web.models import Page, PlaceView
from eventwire.web.queries import PlaceFilter

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", response_model=Page[PlaceView])
def list_places(store: StoreDep, paging: PagingDep, f: Annotated[PlaceFilter, Query()], format: Format = "json"):
    """Places that match the filter, those in most articles first."""
    items, total = queries.places_page(store, f, None if format != "json" else paging.limit, paging.offset)
    if format == "csv":
        return csv_response(queries.csv_rows(items), "places")
    if format == "geojson":
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
             "properties": p.model_dump(mode="json", exclude={"lat", "lon", "mentions"})}
            for p in items
            if p.lat is not None and p.lon is not None
        ]
        return geojson_response({"type": "FeatureCollection", "features": features}, "places")
    return Page(items=items, total=total)
