"""/api/corrections: analysts' verdicts and fixes, stored beside the machine coding; the audit list."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import ValidationError

from eventwire.export import corrected, field_value
from eventwire.record import CorrectionRecord
from eventwire.web.deps import PagingDep, StoreDep, Writer
from eventwire.web.downloads import Format, csv_response, csv_rows, no_geojson
from eventwire.web.models import CorrectionIn, Page

router = APIRouter(prefix="/api/corrections", tags=["corrections"])


@router.get("", response_model=Page[CorrectionRecord])
def list_corrections(
    store: StoreDep, paging: PagingDep, article: Annotated[str | None, Query()] = None, format: Format = "json"
):
    """Every correction (the audit list), oldest first; article= those of one article."""
    if format == "geojson":
        raise no_geojson("corrections")
    found = store.corrections(article=article)
    if format == "csv":
        return csv_response(csv_rows(found), "corrections")
    return Page(items=found[paging.offset : paging.offset + paging.limit], total=len(found))


@router.post("", response_model=CorrectionRecord, status_code=201, dependencies=[Writer])
def add_correction(store: StoreDep, body: CorrectionIn):
    """Accept, reject or correct one field of an event, quote, place or actor; the old value is recorded."""
    target = body.target
    if target.kind == "cluster":
        raise HTTPException(422, "cluster corrections are not taken yet: correct the member events")
    record = store.record_by_id(target.article or "")
    if record is None:
        raise HTTPException(404, f"no article {target.article!r}")
    if not any(item.id == target.id for item in getattr(record, target.kind + "s")):
        raise HTTPException(404, f"no {target.kind} {target.id!r} in article {target.article!r}")
    earlier = store.corrections(article=target.article)
    current = corrected(record, earlier)
    old = None
    if body.action == "correct":
        if not body.field:
            raise HTTPException(422, "a correction names the field it corrects")
        try:
            old = field_value(current, target.kind, target.id, body.field)
        except KeyError:
            try:  # a rejected event or quote is left out of `current`
                old = field_value(record, target.kind, target.id, body.field)
            except KeyError:
                raise HTTPException(422, f"a {target.kind} has no field {body.field!r}") from None
        unknown = _unknown_ids(record, body.field, body.new) if target.kind == "event" else []
        if unknown:
            raise HTTPException(422, f"{body.field}: {', '.join(map(str, unknown))} not in this article (give its ids)")
    correction = CorrectionRecord(
        id="corr:" + uuid.uuid4().hex, target=target, action=body.action, field=body.field if body.action == "correct" else None,
        old=old, new=body.new if body.action == "correct" else None, by=body.by,
        at=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), note=body.note,
    )
    try:
        corrected(record, [*earlier, correction])
    except ValidationError as err:
        raise HTTPException(422, f"{body.field} cannot be {body.new!r}: {err.errors()[0]['msg']}") from None
    store.add_correction(correction)
    return correction


def _unknown_ids(record, field: str, new) -> list:
    """Actor or place ids in a corrected event field that the article's record does not have."""
    known = {"actors": record.actors, "recipients": record.actors, "according_to": record.actors, "place": record.places}
    if field not in known or new is None:
        return []
    ids = {item.id for item in known[field]}
    return [value for value in (new if isinstance(new, list) else [new]) if value not in ids]
