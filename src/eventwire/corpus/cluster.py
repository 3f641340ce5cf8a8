"""Event clusters: the per-article events of one real happening, from many articles, in one cluster.

    clusterer = Clusterer()
    clusterer.wording.add(key, content_words(record.article.text))   # an original article's words
    for member in members(record, key, copy_of):
        cluster_id, position = clusterer.add(member)

An event joins a cluster when it is compatible with it (the same PLOVER type,
a date inside the window its precision allows, a place within the distance
its precision allows, or no place or date to contradict) and there is
evidence that it is the same happening: it comes from an article already in
the cluster (or a copy of one), it names a person the cluster's articles
name (victims, suspects), or its article's words are close to theirs (TF-IDF
over the corpus: shared rare words count, crime-story words hardly). Two
happenings in one town on one weekend differ in names and words, so they stay
apart. Candidates come from blocks (type, place cell or area, week), so each
event is compared with the few clusters near it in time and space, and from
the clusters of earlier articles that share its article's rare words (a
misread place, when the words are very close); the cost stays linear in the
number of events.

An article with no event of a cluster's type that tells its happening in close
words, later and in its town (the charges, the trial, an article whose events
were all read as other types), is listed as one of the cluster's sources
without adding a member, so it cannot draw in other happenings.

An event strongly tied to two clusters merges them: the older cluster keeps
its id and the other is recorded as merged into it. Everything is decided in
the order events are added, and ids are hashes of a cluster's first member,
so adding articles in date order gives the clusters a rebuild gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eventwire.corpus.wording import Wording
from eventwire.pipeline.places import PRECISION, SPECIFICITY, distance_km
from eventwire.record import ExtractionRecord

# How far apart two reports of one happening may put it, by the coarser precision.
DATE_TOLERANCE_DAYS = {"day": 2, "week": 7, "month": 31, "year": 366, None: 7}
PLACE_TOLERANCE_KM = {"point": 40.0, "admin2": 80.0, "admin1": 400.0}
# Evidence that two articles tell of one happening.
# (the wording is the TF-IDF cosine of `eventwire.corpus.wording`).
TEXT_SAME_STORY = 0.20  # wording that alone says so
TEXT_SAME_TOWN = 0.08  # enough when the place agrees to the town and the dates to the day window
NAMES_TEXT = 0.03  # a shared person's name needs at least this much common wording
TEXT_MISREAD = 0.40  # the wording that joins a report whatever its place says (a misread place)
TEXT_REPORT = 0.15  # the wording that makes an article with no event of a cluster's type one of its sources
FOLLOW_UP_DAYS = 800  # how long after a happening an article may report it (charges, trial, sentence)
MAX_COMPARED_ARTICLES = 24  # of a big cluster, its latest articles are compared
MAX_NEARBY = 6  # of an article's other places, the most mentioned
_CELL_DEGREES = 1.0
# The leeway a candidate cluster needs (`Clusterer._candidates`).
FITS, NEARBY, WORDING = 1, 2, 3
_NAME_TOKEN = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Member:
    """One event as the clusterer sees it: the fields that place it, and those its cluster record shows."""

    article_key: str
    article_id: str
    event_id: str
    published: str | None
    outlet: str | None
    type: str
    mode: str | None
    context: list[str]
    modality: str
    confidence: float
    date: str | None
    date_precision: str | None
    place: dict | None  # name, country, admin1, admin2, lat, lon, geonameid, precision
    dead: int | None
    injured: int | None
    arrested: int | None
    actors: list[dict]  # id, name, country, sector, kind
    recipients: list[dict]
    names: list[str]  # surnames of the people the article names
    according_to: str | None = None
    copy_of: str | None = None  # the original's article key when the article is a near-duplicate
    thin: bool = False  # neither its place nor its day is its own: nothing tells it from its article's happening
    nearby: list[dict] = field(default_factory=list)  # the article's other towns and counties (a misread place)

    @property
    def group(self) -> str:
        """The article this event speaks for: the original of a copy."""
        return self.copy_of or self.article_key

    def day(self) -> int | None:
        value = self.date or self.published
        return dt.date.fromisoformat(value[:10]).toordinal() if value else None

    def tolerance(self) -> int:
        return DATE_TOLERANCE_DAYS.get(self.date_precision if self.date else None, 7)

    def to_dict(self) -> dict:
        return dict(vars(self))


def members(record: ExtractionRecord, key: str, copy_of: str | None = None) -> list[Member]:
    """The events of one stored record as clusterer members, in the record's order.

    record (ExtractionRecord): the article's record.
    key (str): its store key (text hash).
    copy_of (str | None): the key of the article it is a near-duplicate of.
    RETURNS (list[Member]): one per event.
    """
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    names = sorted({_surname(a.name) for a in record.actors if a.kind == "person"} - {None})

    def people(ids: list[str]) -> list[dict]:
        out = []
        for actor_id in ids:
            actor = actors.get(actor_id)
            if actor is not None:
                out.append({"id": actor.id, "name": actor.name, "country": actor.country, "sector": actor.sector,
                            "kind": actor.kind})
        return out

    towns = towns_of(record)
    out = []
    for event in record.events:
        place = places.get(event.place)
        where = None
        if place is not None:
            where = {k: getattr(place, k) for k in ("name", "country", "admin1", "admin2", "lat", "lon", "geonameid")}
            where["precision"] = place.precision or PRECISION.get(place.kind)
        magnitude = event.magnitude
        according = actors.get(event.according_to)
        out.append(
            Member(
                article_key=key, article_id=record.article.id, event_id=event.id,
                published=record.article.published, outlet=record.article.outlet,
                type=event.type, mode=event.mode, context=list(event.context), modality=event.modality,
                confidence=event.confidence, date=event.date, date_precision=event.date_precision, place=where,
                dead=magnitude.dead if magnitude.dead is not None else magnitude.dead_min,
                injured=magnitude.injured, arrested=magnitude.arrested,
                actors=people(event.actors), recipients=people(event.recipients), names=names,
                according_to=according.name if according else None, copy_of=copy_of,
                thin=event.place_precision != "sentence" and event.date_precision != "day",
                nearby=[t for t in towns if t["name"] != (place.name if place else None)],
            )
        )
    return out


def towns_of(record: ExtractionRecord) -> list[dict]:
    """The article's towns and counties with coordinates, the most mentioned first (at most MAX_NEARBY)."""
    return [
        {k: getattr(p, k) for k in ("name", "country", "admin1", "lat", "lon")} | {"precision": PRECISION.get(p.kind)}
        for p in sorted(record.places, key=lambda p: -len(p.mentions))
        if p.lat is not None and SPECIFICITY.get(PRECISION.get(p.kind), 0) >= SPECIFICITY["admin2"]
    ][:MAX_NEARBY]


def _surname(name: str) -> str | None:
    tokens = _NAME_TOKEN.findall(name.lower())
    return tokens[-1] if len(tokens) >= 2 else None


def cluster_id_for(member: Member) -> str:
    """A cluster's id: a hash of its first member, so a rebuild gives the same ids."""
    digest = hashlib.sha1(f"{member.article_key}:{member.event_id}".encode()).hexdigest()
    return f"cl:{digest[:16]}"


@dataclass
class Cluster:
    """A happening being built: its members and what they agree on so far."""

    id: str
    opened: int  # the position of its first member: older clusters keep their id in a merge
    members: list[Member] = field(default_factory=list)
    merged_ids: list[str] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    names: Counter = field(default_factory=Counter)
    reports: dict[str, dict] = field(default_factory=dict)  # article key -> id, published, outlet: no event here
    place: dict | None = None
    lo: int | None = None
    hi: int | None = None
    tolerance: int = 7

    def add(self, member: Member) -> None:
        self.members.append(member)
        self.groups.add(member.group)
        self.names.update(set(member.names))
        self._settle()

    def absorb(self, other: Cluster) -> None:
        self.members.extend(other.members)
        self.merged_ids.extend([other.id, *other.merged_ids])
        self.groups |= other.groups
        self.names.update(other.names)
        self.reports.update(other.reports)
        self._settle()

    def _settle(self) -> None:
        """The place most members give (the finer on a tie) and the date range of the finest dates."""
        places = Counter(_place_key(m.place) for m in self.members if m.place)
        if places:
            by_key = {_place_key(m.place): m.place for m in self.members if m.place}
            best = max(places, key=lambda k: (places[k], SPECIFICITY.get(by_key[k]["precision"], 0), k))
            self.place = by_key[best]
        dated = [m for m in self.members if m.day() is not None]
        if dated:
            finest = min(m.tolerance() for m in dated)
            days = [m.day() for m in dated if m.tolerance() == finest]
            self.lo, self.hi, self.tolerance = min(days), max(days), finest


def _place_key(place: dict) -> str:
    return str(place.get("geonameid") or (place.get("name"), place.get("country"), place.get("admin1")))


def place_distance(a: dict | None, b: dict | None) -> tuple[bool, float | None]:
    """Whether two places can be one happening's, and their distance in km when both have coordinates."""
    if a is None or b is None:
        return True, None
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False, None
    coarser = min(SPECIFICITY.get(a.get("precision"), 0), SPECIFICITY.get(b.get("precision"), 0))
    distance = distance_km(a, b) if a.get("lat") is not None and b.get("lat") is not None else None
    if coarser >= SPECIFICITY["admin2"]:
        if distance is not None:
            limit = PLACE_TOLERANCE_KM["point" if coarser == SPECIFICITY["point"] else "admin2"]
            return distance <= limit, distance
        return a.get("admin1") == b.get("admin1") or not (a.get("admin1") and b.get("admin1")), None
    if coarser == SPECIFICITY["admin1"]:
        if a.get("admin1") and b.get("admin1"):
            return a["admin1"] == b["admin1"], distance
        return distance is None or distance <= PLACE_TOLERANCE_KM["admin1"], distance
    return True, distance


class Clusterer:
    """Incremental clustering of members, blocked by type, place and week."""

    def __init__(self):
        self.clusters: dict[str, Cluster] = {}
        self.merged_into: dict[str, str] = {}
        self.wording = Wording()  # the original articles' content words
        self._similar: dict[tuple[str, str], float] = {}  # wording of the article being placed and others
        self._blocks: dict[tuple, set[str]] = defaultdict(set)  # (type, area, week) -> cluster ids
        self._areas: dict[tuple, set[tuple]] = defaultdict(set)  # (type, country, admin1) -> blocks inside
        self._by_group: dict[str, set[str]] = defaultdict(set)
        self._position = 0
        self.touched: set[str] = set()

    # -- state ---------------------------------------------------------------------------------

    def restore(self, cluster_id: str, member: Member, position: int) -> None:
        """Put back a member decided in an earlier run (members must come in position order)."""
        cluster = self.clusters.get(cluster_id)
        if cluster is None:
            cluster = self.clusters[cluster_id] = Cluster(cluster_id, position)
        cluster.add(member)
        self._index(cluster, member)
        self._position = max(self._position, position + 1)

    def restore_merge(self, merged_id: str, into_id: str) -> None:
        self.merged_into[merged_id] = into_id
        if into_id in self.clusters and merged_id not in self.clusters[into_id].merged_ids:
            self.clusters[into_id].merged_ids.append(merged_id)

    def restore_report(self, cluster_id: str, key: str, article: dict) -> None:
        """Put back an article decided in an earlier run to report a cluster without an event of its type."""
        cluster = self.clusters.get(self.resolve(cluster_id))
        if cluster is not None:
            cluster.reports[key] = article

    def clusters_of(self, group: str) -> list[Cluster]:
        """The live clusters an article (or its original) has events in."""
        return [self.clusters[c] for c in {self.resolve(c) for c in self._by_group.get(group, ())} if c in self.clusters]

    def resolve(self, cluster_id: str) -> str:
        while cluster_id in self.merged_into:
            cluster_id = self.merged_into[cluster_id]
        return cluster_id

    # -- assignment ----------------------------------------------------------------------------

    def add(self, member: Member) -> tuple[str | None, int]:
        """Place one member: into the cluster it belongs to, or a new one.

        member (Member): the event.
        RETURNS (tuple[str | None, int]): its cluster id (None for a copy's event that matches none of
            its original's) and its position.
        """
        position = self._position
        self._position += 1
        candidates = self._candidates(member)
        if member.copy_of:
            own = [c for c, _ in candidates if member.group in c.groups]
            if not own:
                return None, position
            chosen = own[0]
        else:
            chosen = self._choose(member, candidates)
        if chosen is None:
            chosen = self.clusters[cluster_id_for(member)] = Cluster(cluster_id_for(member), position)
        chosen.add(member)
        self._index(chosen, member)
        self.touched.add(chosen.id)
        return chosen.id, position

    def _choose(self, member: Member, candidates: list[tuple[Cluster, int]]) -> Cluster | None:
        same_article = [c for c, leeway in candidates if leeway == FITS and member.group in c.groups]
        if same_article:
            return same_article[0]
        scored, leeways = [], {c.id: leeway for c, leeway in candidates}
        for cluster, leeway in candidates:
            strength = self._evidence(member, cluster, leeway)
            if strength >= (1 if leeway == FITS else 2):
                scored.append((strength, -cluster.opened, cluster))
        if not scored:
            return self._own_cluster(member) if member.thin else None
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        best = scored[0][0]
        tied = [scored[0][2]]
        if best >= 2:  # strong ties to two clusters that fit it join them
            tied += [c for s, _, c in scored[1:] if s >= 2 and leeways[c.id] != WORDING]
        tied.sort(key=lambda c: c.opened)
        chosen = tied[0]
        for other in tied[1:]:
            chosen = self._merge(chosen, other)
        return chosen

    def _own_cluster(self, member: Member) -> Cluster | None:
        """For an event with nothing of its own: the largest cluster of its type its article is already in."""
        own = [c for c in self.clusters_of(member.group) if c.members[0].type == member.type]
        return max(own, key=lambda c: (len(c.groups), -c.opened), default=None)

    def _evidence(self, member: Member, cluster: Cluster, leeway: int = 0) -> float:
        """0: no evidence it is this cluster's happening; 1: some; 2 and more: strong."""
        text = self._text_similarity(member, cluster)
        shared = len(set(member.names) & set(cluster.names))
        if leeway == WORDING:  # the place keeps it apart: only the words can join it
            return 2 + text + shared if text >= TEXT_MISREAD else 0
        if text >= TEXT_SAME_STORY:
            return 2 + text + shared
        if shared and text >= NAMES_TEXT:
            return 2 + text + shared
        ok, distance = place_distance(member.place, cluster.place)
        same_town = distance is not None and distance <= PLACE_TOLERANCE_KM["point"] and min(
            SPECIFICITY.get(member.place.get("precision"), 0), SPECIFICITY.get(cluster.place.get("precision"), 0)
        ) >= SPECIFICITY["admin2"]
        if same_town and text >= TEXT_SAME_TOWN:
            return 1 + text
        return 0

    def _text_similarity(self, member: Member, cluster: Cluster) -> float:
        return self._wording_to(member.group, cluster)

    def _wording_to(self, key: str, cluster: Cluster) -> float:
        """The closest wording of an article to any of the cluster's latest articles."""
        if key not in self.wording:
            return 0.0
        if next(iter(self._similar), (key,))[0] != key:
            self._similar.clear()  # the weights move on as articles are added: remember only this article's
        best = 0.0
        for group in list(dict.fromkeys(m.group for m in reversed(cluster.members)))[:MAX_COMPARED_ARTICLES]:
            pair = (key, group)
            if pair not in self._similar:
                self._similar[pair] = self.wording.similarity(*pair)
            best = max(best, self._similar[pair])
        return best

    def link_reports(self, key: str, article: dict, types: set[str], towns: list[dict]) -> list[str]:
        """The clusters an original article reports without an event of their type: a later report of
        the charges or the trial, an article whose events were read as other types. Of the clusters its
        rare words lead to, for each type it has no event of, the one its wording is closest to, when
        that is close enough, the happening is not after the article and none of its towns contradict it.

        key (str): the article's store key (its words are added).
        article (dict): its id, published and outlet, as the cluster record lists them.
        types (set[str]): the types of its events.
        towns (list[dict]): its towns and counties (`towns_of`).
        RETURNS (list[str]): the ids of the clusters it now reports.
        """
        day = dt.date.fromisoformat(article["published"][:10]).toordinal() if article.get("published") else None
        related = {self.resolve(c) for g in self.wording.related(key) for c in self._by_group.get(g, ())}
        best: dict[str, tuple[float, int, Cluster]] = {}
        for cluster in (self.clusters[c] for c in related if c in self.clusters):
            kind = cluster.members[0].type
            if kind in types or key in cluster.groups:
                continue
            if day is not None and cluster.lo is not None and not (
                cluster.lo - cluster.tolerance <= day <= cluster.hi + FOLLOW_UP_DAYS
            ):
                continue
            if towns and cluster.place and SPECIFICITY.get(cluster.place.get("precision"), 0) >= SPECIFICITY["admin2"]:
                if not any(_near(town, cluster.place) for town in towns):
                    continue
            text = self._wording_to(key, cluster)
            if text >= TEXT_REPORT and (text, -cluster.opened) > best.get(kind, (0.0, 0))[:2]:
                best[kind] = (text, -cluster.opened, cluster)
        for _, _, cluster in best.values():
            cluster.reports[key] = article
            self.touched.add(cluster.id)
        return sorted(c.id for _, _, c in best.values())

    def _merge(self, keep: Cluster, other: Cluster) -> Cluster:
        """Fold `other` (the younger) into `keep`; RETURNS (Cluster) `keep`."""
        keep.absorb(other)
        del self.clusters[other.id]
        self.merged_into[other.id] = keep.id
        for merged in other.merged_ids:
            self.merged_into[merged] = keep.id
        for m in other.members:
            self._index(keep, m)
        self.touched.add(keep.id)
        self.touched.add(other.id)
        return keep

    # -- blocking ------------------------------------------------------------------------------

    def _fit(self, member: Member, cluster: Cluster, anywhere: bool = False) -> int | None:
        """FITS: the same type, date window and place (any place if `anywhere`); NEARBY: so, but the
        place is only one its article names besides the event's (a misread place); None: no fit."""
        if cluster.members[0].type != member.type:
            return None
        day = member.day()
        if day is not None and cluster.lo is not None:
            reach = member.tolerance() + cluster.tolerance
            if day < cluster.lo - reach or day > cluster.hi + reach:
                return None
        if anywhere or place_distance(member.place, cluster.place)[0]:
            return FITS
        if cluster.place and any(_near(town, cluster.place) for town in member.nearby):
            return NEARBY
        if member.place and any(_near(member.place, town) for m in cluster.members[-MAX_COMPARED_ARTICLES:]
                                for town in m.nearby):
            return NEARBY
        return None

    def _candidates(self, member: Member) -> list[tuple[Cluster, int]]:
        """The clusters a member may join, oldest first, each with the leeway it needs (FITS, NEARBY,
        WORDING): those its type, date window and place fit, and, whatever their place, those of its
        type and date window that earlier articles sharing its article's rare words are in."""
        found: set[str] = set()
        day = member.day()
        weeks = range((day - member.tolerance()) // 7, (day + member.tolerance()) // 7 + 1) if day else [None]
        for area in self._areas_to_search(member):
            for week in weeks:
                found |= self._blocks.get((member.type, area, week), set())
        related = {self.resolve(c) for g in self.wording.related(member.group) for c in self._by_group.get(g, ())}
        live = {self.resolve(c) for c in found} | related
        clusters = sorted((self.clusters[c] for c in live if c in self.clusters), key=lambda c: c.opened)
        out = []
        for cluster in clusters:
            leeway = self._fit(member, cluster)
            if leeway is None and cluster.id in related and self._fit(member, cluster, anywhere=True):
                leeway = WORDING
            if leeway is not None:
                out.append((cluster, leeway))
        return out

    def _index(self, cluster: Cluster, member: Member) -> None:
        self._by_group[member.group].add(cluster.id)
        day = member.day()
        reach = member.tolerance() + DATE_TOLERANCE_DAYS["week"]
        weeks = range((day - reach) // 7, (day + reach) // 7 + 1) if day else [None]
        for place in [member.place, *member.nearby]:
            area = _area(place)
            country, admin1 = (place.get("country"), place.get("admin1")) if place else (None, None)
            for scope in {(country, admin1), (country, None), (None, None)}:
                self._areas[(member.type, *scope)].add(area)
            for week in weeks:
                self._blocks[(member.type, area, week)].add(cluster.id)

    def _areas_to_search(self, member: Member) -> list[tuple]:
        """The blocks a member's place can share a happening with: nearby cells, the areas holding it,
        and for a coarse place every block inside it."""
        place = member.place or {}
        country, admin1 = place.get("country"), place.get("admin1")
        area = _area(member.place)
        areas = {("area", None, None), ("area", country, None), ("area", country, admin1)}
        if area[0] == "cell":
            areas |= {("cell", area[1] + dy, area[2] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        else:
            areas |= self._areas.get((member.type, country, admin1), set())
        for town in member.nearby:
            cell = _area(town)
            areas |= {("cell", cell[1] + dy, cell[2] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
        return sorted(areas, key=repr)


def _near(a: dict, b: dict) -> bool:
    """Whether two places are one town or county (within the point tolerance)."""
    if a.get("lat") is None or b.get("lat") is None:
        return False
    fine = min(SPECIFICITY.get(a.get("precision"), 0), SPECIFICITY.get(b.get("precision"), 0)) >= SPECIFICITY["admin2"]
    return fine and distance_km(a, b) <= PLACE_TOLERANCE_KM["point"]


def _area(place: dict | None) -> tuple:
    """The block a place falls in: a one-degree cell for a town or county, else its admin1 or country."""
    if place and place.get("lat") is not None and SPECIFICITY.get(place.get("precision"), 0) >= SPECIFICITY["admin2"]:
        return ("cell", math.floor(place["lat"] / _CELL_DEGREES), math.floor(place["lon"] / _CELL_DEGREES))
    if place:
        return ("area", place.get("country"), place.get("admin1"))
    return ("area", None, None)
