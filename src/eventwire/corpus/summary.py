"""Cluster records: what the sources of one happening say, together and where they differ.

A field takes the value most articles give (a near-duplicate counts with its
original, once); the finer date or place wins a tie. Counts of dead, injured
and arrested are best / low / high as UCDP's GED gives them: best is the
figure of the latest report (a toll rises as a story is updated), low and
high the least and most any source gave. Every field on which sources
differ (tolls, date, place, modality: claimed by one side, denied by the
other) is listed in `disagreements` with the articles behind each value.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from eventwire.corpus.cluster import Cluster, Member
from eventwire.pipeline.places import SPECIFICITY
from eventwire.record import ClusterRecord

_DATE_FINENESS = {"day": 4, "week": 3, "month": 2, "year": 1, None: 0}
_DISAGREEMENT_FIELDS = ("dead", "injured", "arrested", "date", "place", "modality")


def cluster_record(cluster: Cluster, copies: dict[str, list[dict]]) -> ClusterRecord:
    """The cluster record (eventwire/cluster-1) of one cluster.

    cluster (Cluster): the cluster and its members.
    copies (dict[str, list[dict]]): original article key -> its near-duplicates (id, published, outlet).
    RETURNS (ClusterRecord): the record.
    """
    members = cluster.members
    by_article: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        by_article[m.group].append(m)
    # One voice per article (a copy speaks with its original).
    voices = list(by_article.items())

    def votes(value_of) -> Counter:
        counts: Counter = Counter()
        for _, ms in voices:
            value = next((value_of(m) for m in ms if value_of(m) is not None), None)
            if value is not None:
                counts[value] += 1
        return counts

    types = votes(lambda m: m.type)
    modes = votes(lambda m: m.mode)
    dates = votes(lambda m: (m.date, m.date_precision) if m.date else None)
    date = max(dates, key=lambda d: (dates[d], _DATE_FINENESS.get(d[1], 0), d[0]), default=(None, None))
    places = {}
    place_votes: Counter = Counter()
    for _, ms in voices:
        seen = next((m.place for m in ms if m.place), None)
        if seen:
            key = (seen.get("name"), seen.get("country"), seen.get("admin1"))
            places[key] = seen
            place_votes[key] += 1
    place_key = max(
        place_votes, key=lambda k: (place_votes[k], SPECIFICITY.get(places[k].get("precision"), 0), str(k)), default=None
    )
    article_rows = _articles(members, cluster.reports, copies)
    published = sorted(a["published"] for a in article_rows if a["published"])
    confidence = 1.0
    for _, ms in voices:
        confidence *= 1.0 - max(m.confidence for m in ms)
    return ClusterRecord(
        cluster_id=cluster.id,
        merged_ids=sorted(cluster.merged_ids),
        type=types.most_common(1)[0][0],
        mode=max(modes, key=lambda k: (modes[k], k)) if modes else None,
        context=sorted({c for m in members for c in m.context}),
        actors=_actors(voices, "actors"),
        recipients=_actors(voices, "recipients"),
        place=places[place_key] if place_key else None,
        date=date[0],
        date_precision=date[1],
        dead=_estimate(voices, "dead"),
        injured=_estimate(voices, "injured"),
        arrested=_estimate(voices, "arrested"),
        modality=dict(sorted(Counter(m.modality for m in members).items())),
        sources=len(by_article.keys() | cluster.reports.keys()),
        outlets=sorted({a["outlet"] for a in article_rows if a["outlet"]}),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        articles=[a["id"] for a in article_rows],
        events=[{"article": m.article_id, "event": m.event_id} for m in members],
        disagreements=_disagreements(voices),
        confidence=round(1.0 - confidence, 4),
    )


def _articles(members: list[Member], reports: dict[str, dict], copies: dict[str, list[dict]]) -> list[dict]:
    """The cluster's articles: its members', those that report it without an event of its type, their copies."""
    rows: dict[str, dict] = {}
    for m in members:
        rows.setdefault(m.article_id, {"id": m.article_id, "published": m.published, "outlet": m.outlet})
        for copy in copies.get(m.group, []):
            rows.setdefault(copy["id"], copy)
    for key, article in reports.items():
        rows.setdefault(article["id"], article)
        for copy in copies.get(key, []):
            rows.setdefault(copy["id"], copy)
    return sorted(rows.values(), key=lambda a: (a["published"] or "", a["id"]))


def _actors(voices, role: str) -> list[dict]:
    """Actors by how many articles name them in this role; one entry per name."""
    support: Counter = Counter()
    first: dict[str, dict] = {}
    for _, ms in voices:
        names = set()
        for m in ms:
            for actor in getattr(m, role):
                key = actor["name"].lower()
                first.setdefault(key, actor)
                names.add(key)
        support.update(names)
    return [
        {k: first[key][k] for k in ("id", "name", "country", "sector")}
        for key in sorted(support, key=lambda k: (-support[k], k))
    ]


def _estimate(voices, field: str) -> dict:
    """best (the latest report's figure), low and high over the articles that give one."""
    reports = [(ms[0].published or "", v) for _, ms in voices for v in _said(ms, field)]
    if not reports:
        return {"best": None, "low": None, "high": None}
    values = [v for _, v in reports]
    return {"best": max(reports)[1], "low": min(values), "high": max(values)}


def _said(ms: list[Member], field: str) -> list:
    """What one article says of a field: its highest count, its first date or place, each modality."""
    if field == "modality":
        return sorted({m.modality for m in ms})
    if field == "date":
        return [m.date for m in ms if m.date][:1]
    if field == "place":
        return [m.place["name"] for m in ms if m.place][:1]
    values = [getattr(m, field) for m in ms if getattr(m, field) is not None]
    return [max(values)] if values else []


def _disagreements(voices) -> list[dict]:
    out = []
    for field in _DISAGREEMENT_FIELDS:
        said: dict = defaultdict(set)
        for _, ms in voices:
            for value in _said(ms, field):
                said[value].update(m.article_id for m in ms)
        if len(said) > 1:
            values = [{"value": v, "articles": sorted(a)} for v, a in sorted(said.items(), key=lambda i: str(i[0]))]
            out.append({"field": field, "values": values})
    return out
