"""The dashboard's HTML pages: map, event table, article, actor, paste, review (Jinja templates, escaped)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from eventwire.export import MAGNITUDE_FIELDS, corrected
from eventwire.knowledge.plover import PLOVER_TYPES
from eventwire.record import CorrectionRecord, Modality
from eventwire.web import queries
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.highlight import segments
from eventwire.web.queries import EventFilter, QuoteFilter

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
router = APIRouter(include_in_schema=False)

MODALITIES = Modality.__args__
# The event fields an analyst may correct, in the order the review form offers them.
CORRECTABLE = ("type", "mode", "actors", "recipients", "place", "date", "modality", *MAGNITUDE_FIELDS, "confidence")


def _page(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"types": PLOVER_TYPES, "modalities": MODALITIES, "correctable": CORRECTABLE, **context}
    )


Target = tuple[str | None, str]


def _verdicts(corrections: list[CorrectionRecord]) -> tuple[dict[Target, list[CorrectionRecord]], dict[Target, str]]:
    """Corrections by (article, target id), and each target's last verdict (accept or reject)."""
    by_target: dict[Target, list[CorrectionRecord]] = {}
    verdict: dict[Target, str] = {}
    for correction in corrections:
        key = (correction.target.article, correction.target.id)
        by_target.setdefault(key, []).append(correction)
        if correction.action != "correct":
            verdict[key] = correction.action
    return by_target, verdict


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, f: Annotated[EventFilter, Query()]):
    """Map of events with the timeline and the filter form."""
    return _page(request, "map.html", f=f)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, paging: PagingDep, f: Annotated[EventFilter, Query()]):
    """The event table, sortable by its headers."""
    try:
        items, total = queries.events_page(store, f, paging.limit, paging.offset)
    except ValueError as err:
        raise HTTPException(422, str(err)) from None
    params = f.model_dump(exclude_none=True, exclude={"sort"})

    def link(**changes) -> str:
        return "?" + urlencode({**params, "sort": f.sort, "limit": paging.limit, "offset": paging.offset, **changes})

    return _page(request, "events.html", f=f, items=items, total=total, paging=paging, link=link,
                 query=urlencode({**params, "sort": f.sort}))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str, fragment: bool = False):
    """One article: the text with every extracted span marked, its events and their review."""
    record = store.record_by_id(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    corrections = store.corrections(article=article_id)
    by_target, verdict = _verdicts(corrections)
    names = {a.id: a.name for a in record.actors} | {p.id: p.name for p in record.places}
    reviewed = {event.id: event for event in corrected(record, corrections).events}
    return _page(
        request, "article_body.html" if fragment else "article.html", record=record, segments=segments(record),
        names=names, by_target=by_target, verdict=verdict, reviewed=reviewed,
        actor_ids={a.id: a.name for a in record.actors}, place_ids={p.id: p.name for p in record.places},
    )


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, store: StoreDep, cluster_id: str):
    """One happening: its articles side by side, each with the sentences it was read from, and where they disagree."""
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise HTTPException(404, f"no cluster {cluster_id!r}")
    sentences: dict[str, list[str]] = {}
    for member in cluster.events:
        sentences.setdefault(member.article, [])
    reports = []
    for article_id in sentences:
        record = store.record_by_id(article_id)
        if record is None:
            continue
        wanted = {m.event for m in cluster.events if m.article == article_id}
        text = record.article.text
        evidence = [text[s:e] for event in record.events if event.id in wanted for s, e in event.evidence]
        reports.append({"article": record.article, "evidence": list(dict.fromkeys(evidence))})
    return _page(request, "cluster.html", cluster=cluster, reports=reports)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, actor_id: str):
    """One actor: its quotes, the events it did and suffered, its dyads over time."""
    actor = queries.actor(store, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    said, n_quotes = queries.quotes_page(store, QuoteFilter(speaker=actor_id), limit=100)
    events, n_events = queries.events_page(store, EventFilter(actor=actor_id), limit=500)
    return _page(request, "actor.html", actor=actor, quotes=said, n_quotes=n_quotes, events=events,
                 n_events=n_events, dyads=queries.dyads(events, actor_id))


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request):
    """Paste an article and see its extraction at once."""
    return _page(request, "paste.html")


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, store: StoreDep, paging: PagingDep, f: Annotated[EventFilter, Query()]):
    """Events to check, least confident first, and the audit list of every change."""
    if "sort" not in request.query_params:
        f.sort = "confidence"
    items, total = queries.events_page(store, f, paging.limit, paging.offset)
    corrections = store.corrections()
    by_target, verdict = _verdicts(corrections)
    return _page(request, "review.html", f=f, items=items, total=total, corrections=list(reversed(corrections)),
                 by_target=by_target, verdict=verdict)
