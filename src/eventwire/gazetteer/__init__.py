"""The offline gazetteer: place records and name look-ups from an SQLite index.

    >>> from eventwire.gazetteer import gazetteer
    >>> gaz = gazetteer()
    >>> [gaz.place(i)["name"] for i in gaz.candidates("Panjsher")]

The index is built on first use (or by `python -m eventwire.gazetteer build`)
from installed data packages (see `build.py`) into $EVENTWIRE_CACHE, else
~/.cache/eventwire, and rebuilt when those packages' versions change.
Look-ups go through SQLite with their results memoized, so loading costs
only opening the file.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from pathlib import Path

from eventwire.errors import KnowledgeError
from eventwire.gazetteer.build import ABBREVIATION, ALTERNATE, DEMONYM, NAME, SHORT, build_index, data_versions
from eventwire.gazetteer.names import fold, normalize

__all__ = ["Gazetteer", "gazetteer", "index_path", "normalize", "NAME", "ALTERNATE", "SHORT", "DEMONYM", "ABBREVIATION"]

CACHE_ENV = "EVENTWIRE_CACHE"
_PLACE_COLUMNS = ("id", "name", "kind", "country", "admin1", "admin2", "admin1_id", "admin2_id",
                  "lat", "lon", "population", "geonameid", "capital", "admin1_code")
_build_lock = threading.Lock()


def index_path() -> Path:
    """Where the index lives: $EVENTWIRE_CACHE/gazetteer.sqlite, else ~/.cache/eventwire/gazetteer.sqlite."""
    root = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "eventwire"
    return Path(root) / "gazetteer.sqlite"


def _built_versions(path: Path) -> dict[str, str] | None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None


def ensure_index(path: Path | None = None, force: bool = False) -> Path:
    """Build the index unless an up-to-date one exists.

    path (Path | None): where the index lives. Defaults to `index_path()`.
    force (bool): rebuild even when up to date.
    RETURNS (Path): the index file.
    """
    path = path or index_path()
    with _build_lock:
        if force or not path.exists() or _built_versions(path) != data_versions():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                build_index(path)
            except (ImportError, OSError, KeyError) as err:
                raise KnowledgeError(f"cannot build the gazetteer index at {path}: {err}") from err
    return path


class Gazetteer:
    """Read-only look-ups in the place index; every answer is memoized."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.candidates = functools.lru_cache(maxsize=200_000)(self._candidates)
        self.place = functools.lru_cache(maxsize=200_000)(self._place)

    def __reduce__(self):
        return (Gazetteer, (self.path,))

    def _candidates(self, name: str, loose: bool = False) -> tuple[tuple[int, int], ...]:
        """(place id, how) pairs for a name; `loose` also tries the transliteration key."""
        norm = normalize(name)
        if not norm:
            return ()
        rows = self._db.execute("SELECT place, how FROM names WHERE norm = ?", (norm,)).fetchall()
        if not rows and loose and len(norm) >= 5:
            rows = self._db.execute(
                "SELECT place, MIN(how) + 1 FROM names WHERE fold = ? GROUP BY place", (fold(norm),)
            ).fetchall()
        return tuple(rows)

    def _place(self, place_id: int) -> dict | None:
        """The record of a place id, as a dict of the `places` columns."""
        row = self._db.execute(f"SELECT {','.join(_PLACE_COLUMNS)} FROM places WHERE id = ?", (place_id,)).fetchone()
        return dict(zip(_PLACE_COLUMNS, row)) if row else None

    def country(self, alpha2: str) -> dict | None:
        """The country record of an ISO alpha-2 code."""
        row = self._db.execute("SELECT id FROM places WHERE kind = 'country' AND country = ?", (alpha2,)).fetchone()
        return self.place(row[0]) if row else None

    def stats(self) -> dict:
        """Counts of places by kind and of names, plus the data versions."""
        kinds = dict(self._db.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind"))
        names = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {"places": kinds, "names": names, "versions": _built_versions(self.path)}


@functools.lru_cache(maxsize=4)
def _open(path: Path) -> Gazetteer:
    return Gazetteer(ensure_index(path))


def gazetteer(path: Path | None = None) -> Gazetteer:
    """The shared gazetteer, built on first use.

    path (Path | None): an index file. Defaults to `index_path()`.
    RETURNS (Gazetteer): the look-up object, one per path per process.
    """
    return _open(path or index_path())


