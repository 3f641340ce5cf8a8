"""The one Settings object of the web app, read from EVENTWIRE_* environment variables."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from eventwire.store import DEFAULT_DB


class Settings(BaseSettings):
    """How `eventwire serve` runs: database, write token, limits, spaCy pipeline."""

    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_")

    db: str = DEFAULT_DB
    token: str | None = None  # writes are refused until one is set ($EVENTWIRE_TOKEN)
    max_body_bytes: int = 2_000_000
    max_limit: int = 1000  # the most items one list request returns
    model: str | None = None  # spaCy pipeline for POST /api/articles (default: eventwire's)
