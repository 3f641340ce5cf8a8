"""The extraction record: the `eventwire/1` contract of shared/spec/OUTPUT.md.

Every output (CLI JSON, store rows, exports, evaluation) is a view of one
`ExtractionRecord`. Offsets are `str` indices into `article.text`, end
exclusive. Field names here are the contract: add fields, never rename them.

    python -m eventwire.record > schema/eventwire-1.schema.json
regenerates the checked-in JSON Schema (a test keeps the two in step).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "eventwire/1"
CLUSTER_SCHEMA_ID = "eventwire/cluster-1"

Offsets = tuple[int, int]
ActorKind = Literal["person", "organization", "country", "group"]
PlaceKind = Literal["country", "admin1", "admin2", "populated_place", "region", "feature"]
Precision = Literal["day", "week", "month", "year"]
DateBasis = Literal["event", "sentence", "paragraph", "article", "report", "published"]
Anchor = Literal["published", "speech"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Modality = Literal["asserted", "claimed", "negated", "conditional", "future", "hypothetical"]


class _Model(BaseModel):
    # Stages hand over dicts that may carry private working keys; those are dropped here.
    model_config = ConfigDict(extra="ignore")


# Where and when a wire story was filed, as its body opens: "BUNIA, Congo (AP) — ".
class Dateline(_Model):
    text: str
    span: Offsets
    place: str | None = Field(None, description="the place words of the dateline: 'BUNIA, Congo'")
    place_span: Offsets | None = None


# The article as read: metadata plus the text every offset points into.
class Article(_Model):
    id: str
    title: str | None = Field(None, description="given with the article, else the headline the text opens with")
    title_span: Offsets | None = Field(None, description="the headline's words in the text, when it opens with one")
    dateline: Dateline | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD, the anchor of relative dates")
    language: Literal["en"] = "en"
    text: str


# A who: person, organization, country or group, with every span that names it.
class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(None, description="PLOVER sector: GOV, MIL, REB, OPP, CVL, REL, MED, IGO, ...")
    aliases: list[str] = []
    mentions: list[Offsets] = []


# A where: a gazetteer record with admin levels and coordinates.
class Place(_Model):
    id: str
    name: str
    kind: PlaceKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = Field(None, description="the admin1 area's common English name (\"Odesa Oblast\")")
    admin1_code: str | None = Field(None, description="the admin1 area's ISO 3166-2 code (\"UA-51\")")
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = Field(None, description="how exactly the place is known: point, admin2, admin1, country, region")
    mentions: list[Offsets] = []


# A when: one time expression and the date it resolves to.
class Time(_Model):
    text: str
    span: Offsets
    value: str | None = Field(None, description="YYYY-MM-DD: the day, or the first day of the period")
    precision: Precision | None = None
    anchor: Anchor = "published"


# Who said what: content, cue, speaker, when and through which channel.
class Quote(_Model):
    id: str
    kind: QuoteKind
    text: str
    span: Offsets
    cue: str | None = None
    cue_span: Offsets | None = None
    speaker: str | None = Field(None, description="actor id; null only when nobody can be named")
    speaker_span: Offsets | None = None
    date: str | None = None
    channel: str | None = None


class Magnitude(_Model):
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    dead_min: int | None = None


# Who did what to whom: one PLOVER-coded happening and the words it was read from.
class Event(_Model):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = []
    actors: list[str] = []
    recipients: list[str] = []
    place: str | None = None
    place_precision: str | None = Field(None, description="where the place was read: sentence (its own sentence), paragraph, dateline, or article (the article's focus)")
    date: str | None = None
    date_precision: Precision | None = None
    date_basis: DateBasis | None = Field(
        None, description="where the date was read: event (the trigger's own words), sentence, paragraph, article "
        "(the story's day), report (the day of a saying), or published (only the publication date is known)")
    magnitude: Magnitude = Magnitude()
    modality: Modality = "asserted"
    according_to: str | None = None
    quote: str | None = None
    evidence: list[Offsets] = []
    confidence: float = Field(0.5, ge=0.0, le=1.0)


# One article's whole extraction.
class ExtractionRecord(_Model):
    schema_: Literal["eventwire/1"] = Field(SCHEMA_ID, alias="schema")
    article: Article
    actors: list[Actor] = []
    places: list[Place] = []
    times: list[Time] = []
    quotes: list[Quote] = []
    events: list[Event] = []

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    def to_dict(self) -> dict:
        """The record as the JSON object of spec/OUTPUT.md."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


# What a correction points at: an event, cluster, quote, place or actor (of an article, for all but clusters).
class CorrectionTarget(_Model):
    kind: Literal["event", "cluster", "quote", "place", "actor"]
    article: str | None = None
    id: str


# An analyst's verdict or fix, stored beside the machine coding and never over it (spec/OUTPUT.md, Review).
class CorrectionRecord(_Model):
    id: str
    target: CorrectionTarget
    action: Literal["accept", "reject", "correct"]
    field: str | None = Field(None, description='for "correct": type, actors, place, date, dead, modality, ...')
    old: Any = None
    new: Any = None
    by: str
    at: str = Field(description="YYYY-MM-DDTHH:MM:SSZ")
    note: str | None = None


# Across articles: one real happening, from the events of many articles (`eventwire/cluster-1`).
class ClusterActor(_Model):
    id: str
    name: str
    country: str | None = None
    sector: str | None = None


class ClusterPlace(_Model):
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: Literal["point", "admin2", "admin1", "country", "region"] | None = None


# best / low / high, as UCDP's GED gives fatalities: best is the latest report's figure.
class Estimate(_Model):
    best: int | None = None
    low: int | None = None
    high: int | None = None


class ClusterEvent(_Model):
    article: str
    event: str


class DisagreementValue(_Model):
    value: str | int | float | None
    articles: list[str]


# Sources that say different things about one field of the happening, kept as data.
class Disagreement(_Model):
    field: str
    values: list[DisagreementValue]


class ClusterRecord(_Model):
    schema_: Literal["eventwire/cluster-1"] = Field(CLUSTER_SCHEMA_ID, alias="schema")
    cluster_id: str = Field(description="stable across runs and merges; a merged-away id is listed in merged_ids")
    merged_ids: list[str] = []
    type: str
    mode: str | None = None
    context: list[str] = []
    actors: list[ClusterActor] = []
    recipients: list[ClusterActor] = []
    place: ClusterPlace | None = None
    date: str | None = None
    date_precision: Precision | None = None
    dead: Estimate = Estimate()
    injured: Estimate = Estimate()
    arrested: Estimate = Estimate()
    modality: dict[str, int] = Field({}, description="member events per modality")
    sources: int = Field(0, description="articles, near-duplicates counted once")
    outlets: list[str] = []
    first_reported: str | None = None
    last_reported: str | None = None
    articles: list[str] = Field([], description="article ids, duplicates of an original included")
    events: list[ClusterEvent] = []
    disagreements: list[Disagreement] = []
    confidence: float = Field(0.5, ge=0.0, le=1.0)

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    def to_dict(self) -> dict:
        """The cluster as the JSON object of spec/OUTPUT.md."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def json_schema() -> dict:
    """The JSON Schema of `ExtractionRecord`, as checked in under schema/."""
    schema = ExtractionRecord.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.dev/schema/eventwire-1.schema.json"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=1, sort_keys=True))
