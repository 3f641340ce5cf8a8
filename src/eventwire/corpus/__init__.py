"""The corpus layer: near-duplicate articles linked, events of one happening clustered across articles.

    summary = update(store)      # after `eventwire run`: new articles join clusters or open new ones
    summary = rebuild(store)     # `eventwire recluster`: forget the clusters and build them again

`update` reads the stored articles it has not seen yet, in publication-date
order, and goes on from the state the store keeps (signatures, members,
merges), so it never reclusters the corpus; run twice on the same store it
changes nothing. `rebuild` clears that state and updates over every article,
which gives the clusters that adding the same articles in date order gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eventwire.corpus.cluster import Clusterer, Member, members, towns_of
from eventwire.corpus import neardup, wording
from eventwire.corpus.neardup import NearDuplicates
from eventwire.corpus.summary import cluster_record
from eventwire.errors import StoreError
from eventwire.store import CorpusWrite, Store

__all__ = ["CorpusSummary", "rebuild", "update"]


@dataclass
class CorpusSummary:
    """What an update did."""

    articles: int = 0
    near_duplicates: int = 0
    events: int = 0
    clusters_opened: int = 0
    clusters_changed: int = 0
    merges: int = 0


def update(store: Store, attempts: int = 5) -> CorpusSummary:
    """Link and cluster the stored articles the corpus layer has not seen yet.

    store (Store): the store; its corpus tables are read and written in one transaction.
    attempts (int): how often to start again from the stored state when a concurrent run's update
        stored some of the same articles first.
    RETURNS (CorpusSummary): the counts of what changed.
    """
    for _ in range(attempts - 1):
        summary = _update_once(store)
        if summary is not None:
            return summary
    summary = _update_once(store)
    if summary is None:
        raise StoreError("cannot store clusters: other runs kept updating them; run `eventwire recluster`")
    return summary


def _update_once(store: Store) -> CorpusSummary | None:
    """One update from the stored state; None when a concurrent update got there first (nothing written)."""
    pending = list(store.corpus_pending())
    summary = CorpusSummary()
    if not pending:
        return summary
    state = store.corpus_state()
    copies_index = NearDuplicates()
    clusterer = Clusterer()
    copies: dict[str, list[dict]] = defaultdict(list)
    reports = []
    for row in state.articles:
        copies_index.insert(row["key"], neardup.from_bytes(row["shingles"]), row["copy_of"])
        if row["copy_of"]:
            copies[row["copy_of"]].append({"id": row["id"], "published": row["published"], "outlet": row["outlet"]})
        else:
            try:
                clusterer.wording.add(row["key"], wording.from_bytes(row["content"]))
            except ValueError:
                raise StoreError("the store's clusters were built by an older version: run `eventwire recluster`") from None
            reports += [(c, row) for c in row["reports"] or []]
    for row in state.members:
        clusterer.restore(row["cluster_id"], Member(**row["features"]), row["position"])
    for merged, into in state.merges:
        clusterer.restore_merge(merged, into)
    for cluster_id, row in reports:
        clusterer.restore_report(cluster_id, row["key"], {k: row[k] for k in ("id", "published", "outlet")})
    existing = set(clusterer.clusters)

    new_articles, new_members = [], []
    touched_originals = set()
    for key, record in pending:
        shingles = neardup.signature(record.article.text)
        content = wording.content_words(record.article.text)
        original, sim = copies_index.original_of(key, shingles)
        copies_index.insert(key, shingles, original)
        new_articles.append({"article_key": key, "shingles": neardup.to_bytes(shingles),
                             "content": wording.to_bytes(content), "reports": None,
                             "copy_of": original, "similarity": round(sim, 4) if original else None})
        summary.articles += 1
        if original:
            summary.near_duplicates += 1
            copies[original].append(
                {"id": record.article.id, "published": record.article.published, "outlet": record.article.outlet}
            )
            touched_originals.add(original)
        else:
            clusterer.wording.add(key, content)
        for member in members(record, key, original):
            cluster_id, position = clusterer.add(member)
            if cluster_id is not None:
                new_members.append({"article_key": key, "event_id": member.event_id, "cluster_id": cluster_id,
                                    "position": position, "features": member.to_dict()})
                summary.events += 1
        if not original:
            article = {"id": record.article.id, "published": record.article.published, "outlet": record.article.outlet}
            linked = clusterer.link_reports(key, article, {e.type for e in record.events}, towns_of(record))
            new_articles[-1]["reports"] = linked or None

    # Members decided early in this update may sit in a cluster merged later in it.
    for row in new_members:
        row["cluster_id"] = clusterer.resolve(row["cluster_id"])
    known = {merged for merged, _ in state.merges}  # an older merge whose target merges now is moved on by the store
    merges = [(m, clusterer.resolve(m)) for m in sorted(clusterer.merged_into) if m not in known]
    changed = {clusterer.resolve(c) for c in clusterer.touched}
    changed |= {c.id for c in clusterer.clusters.values() if c.groups & touched_originals}
    changed &= set(clusterer.clusters)
    removed = sorted({m for m, _ in merges} & existing)
    summary.clusters_opened = len(changed - existing)
    summary.clusters_changed = len(changed & existing)
    summary.merges = len(merges)
    written = store.write_corpus(
        CorpusWrite(
            articles=new_articles,
            members=new_members,
            moved={m: i for m, i in merges},
            merges=merges,
            clusters=[cluster_record(clusterer.clusters[c], copies) for c in sorted(changed)],
            removed=removed,
        )
    )
    return summary if written else None


def rebuild(store: Store) -> CorpusSummary:
    """Cluster the whole store from scratch (same result as updating article by article in date order)."""
    store.clear_corpus()
    return update(store)
