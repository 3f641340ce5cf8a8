"""/api/clusters: one row per real happening, built from many articles' events (the corpus layer)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query

from eventwire.record import ClusterRecord
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.models import Page

router = APIRouter(prefix="/api/clusters", tags=["clusters"])


def matching(store, type: str | None, date_from: str | None, date_to: str | None) -> list[ClusterRecord]:
    """The store's clusters of one type and within a date range, by date then id."""
    return [
        c for c in store.clusters()
        if (type is None or c.type == type.upper())
        and (date_from is None or (c.date or "") >= date_from)
        and (date_to is None or (c.date or "9999") <= date_to)
    ]


@router.get("", response_model=Page[ClusterRecord])
def list_clusters(
    store: StoreDep, paging: PagingDep, type: str | None = None,
    date_from: str | None = Query(None, description="YYYY-MM-DD"), date_to: str | None = Query(None, description="YYYY-MM-DD"),
):
    """Clusters that match the filter, by date."""
    found = matching(store, type, date_from, date_to)
    return Page[ClusterRecord](items=found[paging.offset : paging.offset + paging.limit], total=len(found))


@router.get("/{cluster_id}", response_model=ClusterRecord)
def get_cluster(store: StoreDep, cluster_id: str):
    """One cluster; a merged-away id answers with the cluster it went into."""
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise HTTPException(404, f"no cluster {cluster_id!r}")
    return cluster
