"""/api/actors: the actors named across articles, and one actor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from eventwire.web import queries
from eventwire.web.deps import PagingDep, StoreDep
from eventwire.web.downloads import Format, page_or_csv
from eventwire.web.models import ActorView, Page
from eventwire.web.queries import ActorFilter

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=Page[ActorView])
def list_actors(store: StoreDep, paging: PagingDep, f: Annotated[ActorFilter, Query()], format: Format = "json"):
    """Actors that match the filter, those in most articles first."""
    return page_or_csv(format, "actors", lambda limit, offset: queries.actors_page(store, f, limit, offset), paging)



@router.get("/{actor_id}", response_model=ActorView)
def get_actor(store: StoreDep, actor_id: str):
    """One actor across the store, with every alias seen."""
    found = queries.actor(store, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return found
