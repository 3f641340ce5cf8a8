"""The API's reads: filtered, sorted, paged views of the store's tables, every value a bound parameter.

An event's date is its own, else its article's publication date. Text search
uses the store's full-text index (SQLite FTS5, PostgreSQL tsvector).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import and_, bindparam, distinct, exists, func, literal_column, or_, select, table
from sqlalchemy.sql import ColumnElement, Select

from eventwire.record import Event, ExtractionRecord, Quote
from eventwire.store import Store, actors, articles, event_actors, events, places, quotes
from eventwire.web.models import (
    ActorView,
    ArticleSummary,
    Dyad,
    EventView,
    PlaceView,
    QuoteView,
    TimelineCount,
)

DATE = r"^\d{4}-\d{2}-\d{2}$"
BBOX = r"^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$"
_PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}

event_date = func.coalesce(events.c.date, articles.c.published)
_event_from = events.join(articles, articles.c.key == events.c.article_key).outerjoin(
    places, and_(places.c.article_key == events.c.article_key, places.c.place_id == events.c.place_id)
)


class Filter(BaseModel):
    """A list's query parameters; an empty one (a blank form field) counts as not given."""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data):
        return {k: v for k, v in data.items() if v != ""} if isinstance(data, dict) else data


class EventFilter(Filter):
    """Which events a view shows; every field is optional, and all given must hold."""

    date_from: str | None = Field(None, pattern=DATE, description="YYYY-MM-DD, inclusive")
    date_to: str | None = Field(None, pattern=DATE, description="YYYY-MM-DD, inclusive")
    type: str | None = Field(None, description="PLOVER type(s), comma-separated: ASSAULT,PROTEST")
    mode: str | None = None
    actor: str | None = Field(None, description="actor id or exact name, doer or done-to")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 of the event's place")
    admin1: str | None = None
    place: str | None = Field(None, description="place name")
    modality: str | None = None
    min_confidence: float | None = Field(None, ge=0, le=1)
    max_confidence: float | None = Field(None, ge=0, le=1)
    q: str | None = Field(None, max_length=200, description="words the article's text must hold")
    bbox: str | None = Field(None, pattern=BBOX, description="west,south,east,north in degrees")
    article: str | None = Field(None, description="article id")
    sort: str = Field("-date", description="date, published, type, dead, confidence, place or article; - for descending")


_EVENT_SORTS = {
    "date": event_date,
    "published": articles.c.published,
    "type": events.c.type,
    "dead": events.c.dead,
    "confidence": events.c.confidence,
    "place": places.c.name,
    "article": articles.c.id,
}


def text_match(store: Store, q: str) -> ColumnElement:
    """Articles whose text holds every word of `q` (full-text index)."""
    if store.engine.dialect.name == "postgresql":
        return func.to_tsvector("english", articles.c.text).op("@@")(func.plainto_tsquery("english", q))
    phrase = " ".join('"' + word.replace('"', '""') + '"' for word in q.split())
    fts = table("articles_fts")
    return articles.c.seq.in_(
        select(literal_column("rowid")).select_from(fts).where(literal_column("articles_fts").op("MATCH")(bindparam("fts", phrase)))
    )


def _actor_match(value: str) -> ColumnElement:
    """An actor row that is this id or has this name (any case)."""
    return or_(actors.c.actor_id == value, func.lower(actors.c.name) == value.lower())


def event_conditions(store: Store, f: EventFilter, dates: bool = True) -> list[ColumnElement]:
    """The WHERE terms of a filter (`dates=False` leaves the date range out, for the timeline's brush)."""
    terms: list[ColumnElement] = []
    if dates and f.date_from:
        terms.append(event_date >= f.date_from)
    if dates and f.date_to:
        terms.append(event_date <= f.date_to)
    if f.type:
        terms.append(events.c.type.in_([t.strip().upper() for t in f.type.split(",") if t.strip()]))
    if f.mode:
        terms.append(events.c.mode == f.mode)
    if f.modality:
        terms.append(events.c.modality == f.modality)
    if f.country:
        terms.append(places.c.country == f.country.upper())
    if f.admin1:
        terms.append(places.c.admin1 == f.admin1)
    if f.place:
        terms.append(func.lower(places.c.name) == f.place.lower())
    if f.min_confidence is not None:
        terms.append(events.c.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        terms.append(events.c.confidence <= f.max_confidence)
    if f.article:
        terms.append(articles.c.id == f.article)
    if f.bbox:
        west, south, east, north = (float(x) for x in f.bbox.split(","))
        terms += [places.c.lat.between(south, north), places.c.lon.between(west, east)]
    if f.actor:
        linked = (
            select(event_actors.c.event_id)
            .join(actors, and_(actors.c.article_key == event_actors.c.article_key, actors.c.actor_id == event_actors.c.actor_id))
            .where(
                event_actors.c.article_key == events.c.article_key,
                event_actors.c.event_id == events.c.event_id,
                _actor_match(f.actor),
            )
        )
        terms.append(exists(linked))
    if f.q:
        terms.append(text_match(store, f.q))
    return terms


def _order(sort: str, columns: dict, tiebreak: list) -> list:
    name = sort.lstrip("-")
    if name not in columns:
        raise ValueError(f"cannot sort by {name!r}: choose one of {', '.join(columns)}")
    column = columns[name]
    return [column.desc() if sort.startswith("-") else column.asc(), *tiebreak]


def _count(store: Store, query: Select) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def events_page(store: Store, f: EventFilter, limit: int | None, offset: int = 0) -> tuple[list[EventView], int]:
    """One page of events as `EventView`s, and how many match."""
    keys = select(events.c.article_key, events.c.event_id).select_from(_event_from).where(*event_conditions(store, f))
    order = _order(f.sort, _EVENT_SORTS, [events.c.article_key, events.c.event_id])
    with store.engine.connect() as conn:
        page = conn.execute(
            select(
                events.c.article_key, events.c.event_id, articles.c.id, articles.c.published,
                places.c.name, places.c.lat, places.c.lon, places.c.country, places.c.admin1,
            )
            .select_from(_event_from)
            .where(*event_conditions(store, f))
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        ).all()
        records = dict(
            conn.execute(
                select(articles.c.key, articles.c.record).where(articles.c.key.in_({row[0] for row in page}))
            ).all()
        )
    items = []
    for key, event_id, article_id, published, place_name, lat, lon, country, admin1 in page:
        record = records[key]
        event = next(e for e in record["events"] if e["id"] == event_id)
        names = {a["id"]: a["name"] for a in record["actors"]}
        wanted = {*event["actors"], *event["recipients"], event["according_to"]}
        items.append(
            EventView(
                **Event.model_validate(event).model_dump(),
                article=article_id, published=published, place_name=place_name, lat=lat, lon=lon,
                country=country, admin1=admin1, names={k: v for k, v in names.items() if k in wanted},
            )
        )
    return items, _count(store, keys)


def event_points(store: Store, f: EventFilter, limit: int | None) -> dict:
    """The filtered events that have coordinates, as a GeoJSON FeatureCollection (for maps and downloads)."""
    columns = (
        articles.c.id, events.c.event_id, events.c.type, events.c.mode, event_date, events.c.dead, events.c.injured,
        events.c.modality, events.c.confidence, places.c.name, places.c.country, places.c.lat, places.c.lon,
    )
    query = (
        select(*columns)
        .select_from(_event_from)
        .where(*event_conditions(store, f), places.c.lat.is_not(None), places.c.lon.is_not(None))
        .order_by(*_order(f.sort, _EVENT_SORTS, [events.c.article_key, events.c.event_id]))
        .limit(limit)
    )
    names = ("article_id", "event_id", "type", "mode", "date", "dead", "injured", "modality", "confidence", "place", "country")
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row[-1], row[-2]]},
            "properties": dict(zip(names, row[:-2])),
        }
        for row in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def event_keys(store: Store, f: EventFilter) -> dict[str, set[str]]:
    """Article id -> ids of its events that match (for downloads built from whole records)."""
    query = select(articles.c.id, events.c.event_id).select_from(_event_from).where(*event_conditions(store, f))
    found: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for article_id, event_id in conn.execute(query):
            found.setdefault(article_id, set()).add(event_id)
    return found


def records(store: Store, article_ids: Iterable[str]) -> Iterator[ExtractionRecord]:
    """The stored records of these article ids, in the order they were stored."""
    ids = list(article_ids)
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = select(articles.c.record).where(articles.c.id.in_(ids[start : start + 500])).order_by(articles.c.seq)
            for (data,) in conn.execute(query):
                yield ExtractionRecord.model_validate(data)


def timeline(store: Store, f: EventFilter, bucket: Literal["day", "month", "year"]) -> list[TimelineCount]:
    """Event counts by period and type, for every date (the brush on the chart sets the date range)."""
    period = func.substr(event_date, 1, _PERIOD_LENGTH[bucket])
    query = (
        select(period, events.c.type, func.count())
        .select_from(_event_from)
        .where(*event_conditions(store, f, dates=False), event_date.is_not(None))
        .group_by(period, events.c.type)
        .order_by(period, events.c.type)
    )
    with store.engine.connect() as conn:
        return [TimelineCount(period=p, type=t, count=n) for p, t, n in conn.execute(query)]


class ArticleFilter(Filter):
    """Which articles a list shows."""

    date_from: str | None = Field(None, pattern=DATE, description="published on or after, YYYY-MM-DD")
    date_to: str | None = Field(None, pattern=DATE)
    outlet: str | None = None
    q: str | None = Field(None, max_length=200, description="words the text must hold")
    sort: str = Field("-published", description="published, title, outlet or id; - for descending")


_ARTICLE_SORTS = {"published": articles.c.published, "title": articles.c.title, "outlet": articles.c.outlet, "id": articles.c.id}


def articles_page(store: Store, f: ArticleFilter, limit: int | None, offset: int = 0) -> tuple[list[ArticleSummary], int]:
    """One page of articles (without their texts) with their event and quote counts."""
    terms = []
    if f.date_from:
        terms.append(articles.c.published >= f.date_from)
    if f.date_to:
        terms.append(articles.c.published <= f.date_to)
    if f.outlet:
        terms.append(articles.c.outlet == f.outlet)
    if f.q:
        terms.append(text_match(store, f.q))
    n_events = select(func.count()).where(events.c.article_key == articles.c.key).scalar_subquery()
    n_quotes = select(func.count()).where(quotes.c.article_key == articles.c.key).scalar_subquery()
    fields = (articles.c.id, articles.c.title, articles.c.url, articles.c.outlet, articles.c.published)
    query = (
        select(*fields, n_events, n_quotes)
        .where(*terms)
        .order_by(*_order(f.sort, _ARTICLE_SORTS, [articles.c.seq]))
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    items = [
        ArticleSummary(id=i, title=t, url=u, outlet=o, published=p, events=e, quotes=q) for i, t, u, o, p, e, q in rows
    ]
    return items, _count(store, select(articles.c.seq).where(*terms))


class QuoteFilter(Filter):
    """Which quotes a list shows."""

    speaker: str | None = Field(None, description="actor id or exact name")
    article: str | None = None
    kind: str | None = None
    q: str | None = Field(None, max_length=200, description="words in the quote")
    date_from: str | None = Field(None, pattern=DATE)
    date_to: str | None = Field(None, pattern=DATE)


def quotes_page(store: Store, f: QuoteFilter, limit: int | None, offset: int = 0) -> tuple[list[QuoteView], int]:
    """One page of quotes with their article and speaker's name, newest first."""
    said = func.coalesce(quotes.c.date, articles.c.published)
    source = quotes.join(articles, articles.c.key == quotes.c.article_key).outerjoin(
        actors, and_(actors.c.article_key == quotes.c.article_key, actors.c.actor_id == quotes.c.speaker)
    )
    terms = []
    if f.speaker:
        terms.append(_actor_match(f.speaker))
    if f.article:
        terms.append(articles.c.id == f.article)
    if f.kind:
        terms.append(quotes.c.kind == f.kind)
    if f.q:
        terms += [quotes.c.text.ilike("%" + word.replace("%", r"\%").replace("_", r"\_") + "%", escape="\\") for word in f.q.split()]
    if f.date_from:
        terms.append(said >= f.date_from)
    if f.date_to:
        terms.append(said <= f.date_to)
    query = (
        select(quotes, articles.c.id.label("article"), articles.c.published, actors.c.name.label("speaker_name"))
        .select_from(source)
        .where(*terms)
        .order_by(said.desc(), quotes.c.article_key, quotes.c.span_start)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    items = [
        QuoteView(
            **{k: row[k] for k in Quote.model_fields if k not in ("id", "span")},
            id=row["quote_id"], span=(row["span_start"], row["span_end"]),
            article=row["article"], published=row["published"], speaker_name=row["speaker_name"],
        )
        for row in rows
    ]
    return items, _count(store, select(quotes.c.quote_id).select_from(source).where(*terms))


class ActorFilter(Filter):
    """Which actors a list shows."""

    q: str | None = Field(None, max_length=200, description="part of the name")
    kind: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = None


def actors_page(store: Store, f: ActorFilter, limit: int | None, offset: int = 0) -> tuple[list[ActorView], int]:
    """Actors across the store (one per id), those named in most articles first."""
    terms = []
    if f.q:
        terms.append(actors.c.name.ilike("%" + f.q.replace("%", r"\%").replace("_", r"\_") + "%", escape="\\"))
    for column, value in ((actors.c.kind, f.kind), (actors.c.country, f.country), (actors.c.sector, f.sector)):
        if value:
            terms.append(column == value)
    n_articles = func.count(distinct(actors.c.article_key))
    query = (
        select(actors.c.actor_id, func.max(actors.c.name), func.max(actors.c.kind), func.max(actors.c.country), func.max(actors.c.sector), n_articles)
        .where(*terms)
        .group_by(actors.c.actor_id)
        .order_by(n_articles.desc(), actors.c.actor_id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.execute(select(func.count(distinct(actors.c.actor_id))).where(*terms)).scalar_one()
    items = [ActorView(id=i, name=n, kind=k, country=c, sector=s, articles=a) for i, n, k, c, s, a in rows]
    return items, total


def actor(store: Store, actor_id: str) -> ActorView | None:
    """One actor across the store, with every alias seen, or None."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(actors).where(actors.c.actor_id == actor_id)).mappings().all()
    if not rows:
        return None
    names = Counter(row["name"] for row in rows)
    aliases = sorted({alias for row in rows for alias in row["aliases"]})
    first = rows[0]
    return ActorView(
        id=actor_id, name=names.most_common(1)[0][0], kind=first["kind"], country=first["country"],
        sector=first["sector"], aliases=aliases, articles=len({row["article_key"] for row in rows}),
    )


def dyads(views: list[EventView], actor_id: str) -> list[Dyad]:
    """Who an actor acted on and who acted on it, month by month, from its events."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for view in views:
        period = (view.date or view.published or "")[:7]
        if actor_id in view.actors:
            counts.update((period, "actor", view.names.get(r, r)) for r in view.recipients)
        if actor_id in view.recipients:
            counts.update((period, "recipient", view.names.get(a, a)) for a in view.actors)
    return [Dyad(period=p, role=r, other=o, count=n) for (p, r, o), n in sorted(counts.items())]


class PlaceFilter(Filter):
    """Which places a list shows."""

    q: str | None = Field(None, max_length=200, description="part of the name")
    kind: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    bbox: str | None = Field(None, pattern=BBOX, description="west,south,east,north in degrees")


def places_page(store: Store, f: PlaceFilter, limit: int | None, offset: int = 0) -> tuple[list[PlaceView], int]:
    """Places across the store (one per name and position), those named in most articles first."""
    terms = []
    if f.q:
        terms.append(places.c.name.ilike("%" + f.q.replace("%", r"\%").replace("_", r"\_") + "%", escape="\\"))
    for column, value in ((places.c.kind, f.kind), (places.c.country, f.country and f.country.upper()), (places.c.admin1, f.admin1)):
        if value:
            terms.append(column == value)
    if f.bbox:
        west, south, east, north = (float(x) for x in f.bbox.split(","))
        terms += [places.c.lat.between(south, north), places.c.lon.between(west, east)]
    group = (places.c.name, places.c.kind, places.c.country, places.c.admin1, places.c.admin2, places.c.lat, places.c.lon, places.c.geonameid)
    n_articles = func.count(distinct(places.c.article_key))
    query = (
        select(func.min(places.c.place_id), *group, n_articles)
        .where(*terms)
        .group_by(*group)
        .order_by(n_articles.desc(), places.c.name)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.execute(select(func.count()).select_from(select(*group).where(*terms).group_by(*group).subquery())).scalar_one()
    keys = ("id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "geonameid", "articles")
    return [PlaceView(**dict(zip(keys, row))) for row in rows], total
