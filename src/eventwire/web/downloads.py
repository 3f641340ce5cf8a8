"""CSV and GeoJSON downloads of a list view (`?format=csv|geojson`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Literal

from fastapi import HTTPException
from fastapi.responses import Response
from pydantic import BaseModel

from eventwire.export import csv_cell
from eventwire.web.deps import Paging
from eventwire.web.models import Page

Format = Literal["json", "csv", "geojson"]


def csv_response(rows: Iterable[dict], name: str, columns: list[str] | None = None) -> Response:
    """Rows as a CSV attachment; cells a spreadsheet would run as formulas are escaped."""
    rows = list(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or (list(rows[0]) if rows else []), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return Response(
        out.getvalue(), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def geojson_response(collection: dict, name: str) -> Response:
    return Response(
        json.dumps(collection, ensure_ascii=False), media_type="application/geo+json",
        headers={"Content-Disposition": f'attachment; filename="{name}.geojson"'},
    )


def no_geojson(resource: str) -> HTTPException:
    return HTTPException(400, f"{resource} have no coordinates: use format=json or format=csv")


def page_or_csv(format: Format, name: str, fetch: Callable[[int | None, int], tuple[list, int]], paging: Paging):
    """A page of `fetch(limit, offset)`, or with format=csv every match as CSV (no coordinates: no GeoJSON)."""
    if format == "geojson":
        raise no_geojson(name)
    try:
        if format == "csv":
            return csv_response(csv_rows(fetch(None, 0)[0]), name)
        items, total = fetch(paging.limit, paging.offset)
    except ValueError as err:  # an unknown sort key
        raise HTTPException(422, str(err)) from None
    return Page(items=items, total=total)


def csv_rows(items: Iterable[BaseModel]) -> Iterator[dict]:
    """Flat rows of any view model for a CSV download: lists joined with "; ", mappings as JSON-ish text."""
    for item in items:
        row = {}
        for key, value in item.model_dump(mode="json").items():
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            elif isinstance(value, dict):
                value = "; ".join(f"{k}={v}" for k, v in value.items())
            row[key] = value
        yield row
