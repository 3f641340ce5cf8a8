"""What the API answers: the record models of eventwire.record, with the article and names they need in a list.

Each view extends a record model (an `EventView` is an `Event` plus where it
was read and what its ids name), so API, pages and exports share one shape.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from eventwire.record import Actor, Article, CorrectionTarget, Event, Place, Quote

T = TypeVar("T")


# One page of a list: the items and how many match in all.
class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


# An article without its text, with how much was read from it.
class ArticleSummary(Article):
    text: str = Field("", description="left out of lists; GET /api/articles/{id} has it")
    events: int = 0
    quotes: int = 0


# An event with its article, its place resolved and the names of the actors it refers to.
class EventView(Event):
    article: str
    published: str | None = None
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 of the place")
    admin1: str | None = None
    names: dict[str, str] = Field({}, description="actor id -> name, for actors, recipients and according_to")


# A quote with its article and its speaker's name.
class QuoteView(Quote):
    article: str
    published: str | None = None
    speaker_name: str | None = None


# An actor across the store: one id, the articles that name it.
class ActorView(Actor):
    articles: int = 0


# A place across the store: one gazetteer entry, the articles that name it.
class PlaceView(Place):
    articles: int = 0


# Events of one type in one period (a day, month or year): a bar of the timeline.
class TimelineCount(BaseModel):
    period: str
    type: str
    count: int


# An actor's partner in events over one month: who it acted on, or who acted on it.
class Dyad(BaseModel):
    period: str
    role: Literal["actor", "recipient"]
    other: str
    count: int


# What POST /api/articles reads: plain text, or an HTML page whose main text is taken.
class ArticleIn(BaseModel):
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


# What an analyst sends to review: the server adds id, old value and time.
class CorrectionIn(BaseModel):
    target: CorrectionTarget
    action: Literal["accept", "reject", "correct"]
    field: str | None = None
    new: Any = None
    by: str = Field(min_length=1, max_length=200)
    note: str | None = Field(None, max_length=2000)
