"""Dependencies the routers take: the store, the settings, the write check, paging, the pipeline."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel
from spacy.language import Language

from eventwire.store import Store
from eventwire.web.settings import Settings

_nlp_lock = threading.Lock()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def require_token(settings: SettingsDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Let a write through only with `Authorization: Bearer $EVENTWIRE_TOKEN` (compared in constant time)."""
    if not settings.token:
        raise HTTPException(403, "writes are disabled: start the server with $EVENTWIRE_TOKEN set")
    scheme, _, supplied = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(supplied.encode(), settings.token.encode()):
        raise HTTPException(401, "a valid token is needed: send Authorization: Bearer TOKEN", {"WWW-Authenticate": "Bearer"})


Writer = Depends(require_token)


class Paging(BaseModel):
    """limit/offset of a list request; limit is capped by Settings.max_limit."""

    limit: int
    offset: int


def get_paging(
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Paging:
    return Paging(limit=min(limit, settings.max_limit), offset=offset)


PagingDep = Annotated[Paging, Depends(get_paging)]


def get_nlp(request: Request) -> Language:
    """The spaCy pipeline, loaded at the first article posted (loading takes seconds)."""
    state = request.app.state
    with _nlp_lock:
        if getattr(state, "nlp", None) is None:
            import eventwire

            state.nlp = eventwire.load(state.settings.model)
    return state.nlp


NlpDep = Annotated[Language, Depends(get_nlp)]
