"""The API's reads: filtered, sorted, paged views of the store's tables, every value a bound parameter.

Events are filtered, counted and paged on the events table alone (conditions
on places, articles and actors are key subqueries) and read from their
articles' records, so a page costs about the same on a store of any size.
Dates are the events' own. Text search uses the store's full-text index
(SQLite FTS5, PostgreSQL tsvector).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import and_, bindparam, distinct, func, literal_column, or_, select, table, tuple_
from sqlalchemy.sql import ColumnElement, Select

from eventwire.pipeline.actors import slug
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

# Sort keys that need a column of the article or the place: those joins are made only for them.
_ARTICLE_SORT_KEYS = {"published", "article"}
_PLACE_SORT_KEYS = {"place"}


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
    "date": events.c.date,
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
    """An actor row with this id, this name, or the id this name gets ("Ahmad Khalil" -> actor:ahmad-khalil)."""
    return or_(actors.c.actor_id.in_({value, "actor:" + slug(value)}), actors.c.name == value)


def event_conditions(store: Store, f: EventFilter, dates: bool = True) -> list[ColumnElement]:
    """The WHERE terms of a filter on the events table alone (`dates=False` leaves the date range out, for the brush).

    Conditions on places, articles and actors are subqueries of keys, so no
    join is needed to count or page the events.
    """
    terms: list[ColumnElement] = []
    if dates and f.date_from:
        terms.append(events.c.date >= f.date_from)
    if dates and f.date_to:
        terms.append(events.c.date <= f.date_to)
    if f.type:
        terms.append(events.c.type.in_([t.strip().upper() for t in f.type.split(",") if t.strip()]))
    if f.mode:
        terms.append(events.c.mode == f.mode)
    if f.modality:
        terms.append(events.c.modality == f.modality)
    if f.min_confidence is not None:
        terms.append(events.c.confidence >= f.min_confidence)
    if f.max_confidence is not None:
        terms.append(events.c.confidence <= f.max_confidence)
    at_places = []
    if f.country:
        at_places.append(places.c.country == f.country.upper())
    if f.admin1:
        at_places.append(places.c.admin1 == f.admin1)
    if f.place:
        at_places.append(func.lower(places.c.name) == f.place.lower())
    if f.bbox:
        west, south, east, north = (float(x) for x in f.bbox.split(","))
        at_places += [places.c.lat.between(south, north), places.c.lon.between(west, east)]
    if at_places:
        located = select(places.c.article_key, places.c.place_id).where(*at_places)
        terms.append(tuple_(events.c.article_key, events.c.place_id).in_(located))
    in_articles = []
    if f.article:
        in_articles.append(articles.c.id == f.article)
    if f.q:
        in_articles.append(text_match(store, f.q))
    if in_articles:
        terms.append(events.c.article_key.in_(select(articles.c.key).where(*in_articles)))
    if f.actor:
        named = select(actors.c.article_key, actors.c.actor_id).where(_actor_match(f.actor))
        linked = select(event_actors.c.article_key, event_actors.c.event_id).where(
            tuple_(event_actors.c.article_key, event_actors.c.actor_id).in_(named)
        )
        terms.append(tuple_(events.c.article_key, events.c.event_id).in_(linked))
    return terms


def _event_source(sort: str):
    """The events table, joined to articles or places only when the sort needs them."""
    source = events
    if sort.lstrip("-") in _ARTICLE_SORT_KEYS:
        source = source.join(articles, articles.c.key == events.c.article_key)
    if sort.lstrip("-") in _PLACE_SORT_KEYS:
        source = source.outerjoin(places, and_(places.c.article_key == events.c.article_key, places.c.place_id == events.c.place_id))
    return source


def _order(sort: str, columns: dict, tiebreak: list) -> list:
    """ORDER BY terms for "name" or "-name"; ties go the same way, so one index can serve the whole order."""
    name = sort.lstrip("-")
    if name not in columns:
        raise ValueError(f"cannot sort by {name!r}: choose one of {', '.join(columns)}")
    return [c.desc() if sort.startswith("-") else c.asc() for c in (columns[name], *tiebreak)]


def _count(store: Store, query: Select) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def events_page(store: Store, f: EventFilter, limit: int | None, offset: int = 0) -> tuple[list[EventView], int]:
    """One page of events as `EventView`s (read from their articles' records), and how many match."""
    terms = event_conditions(store, f)
    query = (
        select(events.c.article_key, events.c.event_id)
        .select_from(_event_source(f.sort))
        .where(*terms)
        .order_by(*_order(f.sort, _EVENT_SORTS, [events.c.article_key, events.c.event_id]))
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        page = conn.execute(query).all()
        records = dict(
            conn.execute(select(articles.c.key, articles.c.record).where(articles.c.key.in_({key for key, _ in page}))).all()
        )
        total = conn.execute(select(func.count()).select_from(events).where(*terms)).scalar_one()
    items = []
    for key, event_id in page:
        record = records[key]
        event = next(e for e in record["events"] if e["id"] == event_id)
        place = next((p for p in record["places"] if p["id"] == event["place"]), {})
        wanted = {*event["actors"], *event["recipients"], event["according_to"]}
        items.append(
            EventView(
                **Event.model_validate(event).model_dump(),
                article=record["article"]["id"], published=record["article"]["published"],
                place_name=place.get("name"), lat=place.get("lat"), lon=place.get("lon"),
                country=place.get("country"), admin1=place.get("admin1"),
                names={a["id"]: a["name"] for a in record["actors"] if a["id"] in wanted},
            )
        )
    return items, total


def event_points(store: Store, f: EventFilter, limit: int | None) -> dict:
    """The filtered events that have coordinates, as a GeoJSON FeatureCollection (for maps and downloads)."""
    columns = (
        articles.c.id, events.c.event_id, events.c.type, events.c.mode, events.c.date, events.c.dead, events.c.injured,
        events.c.modality, events.c.confidence, places.c.name, places.c.country, places.c.lat, places.c.lon,
    )
    source = events.join(articles, articles.c.key == events.c.article_key).join(
        places, and_(places.c.article_key == events.c.article_key, places.c.place_id == events.c.place_id)
    )
    query = (
        select(*columns)
        .select_from(source)
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
    query = (
        select(articles.c.id, events.c.event_id)
        .select_from(events.join(articles, articles.c.key == events.c.article_key))
        .where(*event_conditions(store, f))
    )
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
    period = func.substr(events.c.date, 1, _PERIOD_LENGTH[bucket])
    query = (
        select(period, events.c.type, func.count())
        .where(*event_conditions(store, f, dates=False), events.c.date.is_not(None))
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
    date_from: str | None = Field(None, pattern=DATE, description="article published on or after, YYYY-MM-DD")
    date_to: str | None = Field(None, pattern=DATE)


def quotes_page(store: Store, f: QuoteFilter, limit: int | None, offset: int = 0) -> tuple[list[QuoteView], int]:
    """One page of quotes with their article and speaker's name, newest article first."""
    terms = []
    if f.speaker:
        named = select(actors.c.article_key, actors.c.actor_id).where(_actor_match(f.speaker))
        terms.append(tuple_(quotes.c.article_key, quotes.c.speaker).in_(named))
    if f.kind:
        terms.append(quotes.c.kind == f.kind)
    if f.q:
        terms += [_contains(store, quotes.c.text, word) for word in f.q.split()]
    in_articles = []
    if f.article:
        in_articles.append(articles.c.id == f.article)
    if f.date_from:
        in_articles.append(articles.c.published >= f.date_from)
    if f.date_to:
        in_articles.append(articles.c.published <= f.date_to)
    if in_articles:
        terms.append(quotes.c.article_key.in_(select(articles.c.key).where(*in_articles)))
    source = articles.join(quotes, quotes.c.article_key == articles.c.key).outerjoin(
        actors, and_(actors.c.article_key == quotes.c.article_key, actors.c.actor_id == quotes.c.speaker)
    )
    query = (
        select(quotes, articles.c.id.label("article"), articles.c.published, actors.c.name.label("speaker_name"))
        .select_from(source)
        .where(*terms)
        .order_by(articles.c.published.desc(), articles.c.key.desc(), quotes.c.span_start)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        total = conn.execute(select(func.count()).select_from(quotes).where(*terms)).scalar_one()
    items = [
        QuoteView(
            **{k: row[k] for k in Quote.model_fields if k not in ("id", "span")},
            id=row["quote_id"], span=(row["span_start"], row["span_end"]),
            article=row["article"], published=row["published"], speaker_name=row["speaker_name"],
        )
        for row in rows
    ]
    return items, total


def _contains(store: Store, column, text: str) -> ColumnElement:
    """The column holds `text`, any case (SQLite's LIKE ignores ASCII case already; ILIKE would lower every row)."""
    pattern = "%" + _escape_like(text) + "%"
    if store.engine.dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def _escape_like(text: str) -> str:
    """Text to match literally inside a LIKE pattern (escape character backslash)."""
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


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
        terms.append(_contains(store, actors.c.name, f.q))
    for column, value in ((actors.c.kind, f.kind), (actors.c.country, f.country), (actors.c.sector, f.sector)):
        if value:
            terms.append(column == value)
    n_articles = func.count()  # an actor id is once per article (the primary key)
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
        terms.append(_contains(store, places.c.name, f.q))
    for column, value in ((places.c.kind, f.kind), (places.c.country, f.country and f.country.upper()), (places.c.admin1, f.admin1)):
        if value:
            terms.append(column == value)
    if f.bbox:
        west, south, east, north = (float(x) for x in f.bbox.split(","))
        terms += [places.c.lat.between(south, north), places.c.lon.between(west, east)]
    group = (places.c.name, places.c.kind, places.c.country, places.c.admin1, places.c.admin2, places.c.lat, places.c.lon, places.c.geonameid)
    n_articles = func.count()  # one row per article naming it (two ids for one place in a text count twice)
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
