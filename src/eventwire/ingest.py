"""Ingest: read articles from files, folders, JSONL, CSV, HTML and stdin.

Every reader yields `Article`s; a piece of input that cannot be read becomes
an `InputFailure` with a one-line reason, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventwire.errors import BadDate


@dataclass
class Article:
    """One article to read, with what is known about it."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | dt.date | None = None
    source: str | None = None  # where it came from: a path, "path:line", "<stdin>"


def parse_published(value: str | dt.date | dt.datetime | None) -> str | None:
    """Normalise a publication date in any common format to YYYY-MM-DD.

    value (str | date | None): "2021-09-07", "Sept. 7, 2021", "07/09/2021", an RFC 2822 date...
    RETURNS (str | None): the ISO date, or None when no date was given.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for unusual formats

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"})
    if parsed is None:
        raise BadDate(f"cannot read the publication date {text!r}")
    return parsed.date().isoformat()
