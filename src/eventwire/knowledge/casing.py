"""The case table: how each word is written in running text, for recasing one-case feeds.

Built once from the word-case statistics the `truecase` package ships (counts
of every casing of each word in NLTK's English corpora, with the word before
it), into $EVENTWIRE_CACHE (else ~/.cache/eventwire), one file per version of
that package and of this table's build. Only mid-sentence counts decide: a word that is
capitalised only where a sentence starts ("However") is a lower-case word.

Beside it, names that the statistics cannot tell from common words ("red sea",
"white army") come from the actor dictionary and the gazetteer, at load.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import json
import os
import pickle
import sqlite3
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from eventwire.errors import KnowledgeError

SOURCE_PACKAGE = "truecase"
SCHEMA_VERSION = "4"
# Tokens after which a capital is a sentence's first letter, not a name's (NLTK's tokens).
_SENTENCE_BEFORE = frozenset({".", "?", "!", "''", "``", '"', "'", ":", ";", "--", "(", ")"})
# A capitalised word that is lower case this often mid-sentence ("army", "ministry") is
# capitalised only as part of a name.
_AMBIGUOUS_SHARE = 0.15
# A word seen fewer times than this, and only capitalised, is not known (its statistics record no context).
_MIN_SEEN = 3
_MIN_LOWER_SEEN = 5
# Place names known to the recaser: areas, and towns of at least this many people.
_PHRASE_POPULATION = 100_000
_PHRASE_KINDS = ("country", "admin1", "region")


@dataclass(frozen=True)
class CaseTable:
    """What the recaser knows.

    forms (dict[str, str]): lower-case word -> how it is written when that is not in lower case
        ("monday" -> "Monday", "nato" -> "NATO", "u.s." -> "U.S.").
    known (frozenset[str]): every lower-case word the statistics saw, in whatever case.
    ambiguous (frozenset[str]): words in `forms` that are lower case in running text often enough
        to be capitalised only beside a name ("army", "south").
    phrases (dict[tuple[str, ...], tuple[str, ...]]): multi-word names, lower-case words -> their forms.
    names (dict[str, str]): one-word names of actors and places ("codeco" -> "CODECO"), for words
        the statistics do not know as common words.
    states (dict[str, str]): one-word names of states and their people, whatever else the word means
        ("niger", "chad", "turkey").
    titles (frozenset[tuple[str, ...]]): titles before a person's name ("prime minister", "lt gen"),
        from the actor cues, capitalised when a name follows.
    """

    forms: dict[str, str]
    known: frozenset[str]
    ambiguous: frozenset[str]
    phrases: dict[tuple[str, ...], tuple[str, ...]]
    names: dict[str, str]
    states: dict[str, str] = field(default_factory=dict)
    titles: frozenset[tuple[str, ...]] = frozenset()


def cache_path() -> Path:
    """$EVENTWIRE_CACHE (else ~/.cache/eventwire)/casing-VERSION.json: each version its own file."""
    root = os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire"
    return Path(root) / f"casing-{_version().replace('/', '-')}.json"


def _source_file() -> Path:
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeError(f"the {SOURCE_PACKAGE!r} package is not installed; `pip install {SOURCE_PACKAGE}`")
    return Path(spec.submodule_search_locations[0]) / "data" / "english.dist"


class _CountsUnpickler(pickle.Unpickler):
    """Reads the package's statistics as plain counters, without importing NLTK."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("nltk.probability", "FreqDist"):
            return collections.Counter
        if (module, name) == ("builtins", "set"):
            return set
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the case statistics")


def build_table(source: Path) -> dict:
    """Derive the compact table from the package's statistics.

    source (Path): the package's english.dist.
    RETURNS (dict): {"forms": {word: form}, "known": [word], "ambiguous": [word]}.
    """
    with source.open("rb") as file:
        stats = _CountsUnpickler(file).load()
    unigrams, backward, casings = stats["uni_dist"], stats["backward_bi_dist"], stats["word_casing_lookup"]
    mid_sentence: collections.Counter = collections.Counter()
    for pair, count in backward.items():
        before, _, word = pair.rpartition("_")
        if before not in _SENTENCE_BEFORE:
            mid_sentence[word] += count
    forms: dict[str, str] = {}
    ambiguous: list[str] = []
    known: list[str] = []
    for word, variants in casings.items():
        if len(variants) == 1:
            form = next(iter(variants))
            if form != word and unigrams[form] < _MIN_SEEN:
                continue  # seen only once or twice, capitalised: perhaps only where a sentence starts
        else:
            form = max(sorted(variants), key=lambda v: (mid_sentence[v], unigrams[v]))
        if form.isupper() and not _is_acronym(form):
            # a long pronounceable word in capitals is headline text, not how the word is written
            rest = sorted(v for v in variants if not v.isupper())
            form = max(rest, key=lambda v: (mid_sentence[v], unigrams[v])) if rest else form.title()
        if form == word and sum(unigrams[v] for v in variants) < _MIN_LOWER_SEEN:
            continue  # too rare to say it is a common word rather than a name ("niger", "baku")
        known.append(word)
        if form == word or form.lower() != word or len(form) != len(word):
            continue
        forms[word] = form
        lower_share = mid_sentence[word] / max(1, sum(mid_sentence[v] for v in variants))
        if lower_share >= _AMBIGUOUS_SHARE:
            ambiguous.append(word)
    return {"forms": forms, "known": sorted(known), "ambiguous": sorted(ambiguous)}


def _is_acronym(form: str) -> bool:
    """Capitals that are how the word is written: short, dotted, or unpronounceable ("NATO", "U.S.", "SSPDF")."""
    return len(form) <= 4 or "." in form or not set(form.lower()) & set("aeiouy")


def _version() -> str:
    return f"{metadata.version(SOURCE_PACKAGE)}/{SCHEMA_VERSION}"


def _cached_table() -> dict:
    path = cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") == _version():
            return data
    except (OSError, ValueError):
        pass
    try:
        data = {"version": _version(), **build_table(_source_file())}
    except (OSError, KeyError, pickle.UnpicklingError) as err:
        raise KnowledgeError(f"cannot build the case table from {SOURCE_PACKAGE}: {err}") from err
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return data


def _names(dictionary) -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, str], dict[str, str]]:
    """Names of actors and places: multi-word phrases, one-word names, and the names of states."""
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    single: dict[str, str] = {}
    states = {
        form.lower(): form
        for e in dictionary.actors
        if e["kind"] == "country"
        for form in (e["name"], *e["aliases"], *e.get("adjectives", []), *e.get("people", []))
        if " " not in form and len(form.lower()) == len(form)
    }
    surface = [f for e in dictionary.actors for f in (e["name"], *e["aliases"], *e.get("adjectives", []), *e.get("people", []))]
    for name in [*surface, *_place_names()]:
        words = tuple(name.split())
        if not any(c.isupper() for c in name) or any(len(w.lower()) != len(w) for w in words):
            continue
        if len(words) == 1:
            single.setdefault(name.lower(), name)
        else:
            phrases.setdefault(tuple(w.lower() for w in words), words)
    return phrases, single, states


def _place_names() -> list[str]:
    """Names of areas and large towns ("Upper Nile", "Port-au-Prince", "Baku")."""
    from eventwire.gazetteer import ensure_index

    marks = ",".join("?" * len(_PHRASE_KINDS))
    with sqlite3.connect(f"file:{ensure_index()}?mode=ro", uri=True) as db:
        rows = db.execute(
            f"SELECT name FROM places WHERE kind IN ({marks}) OR population >= ?",
            (*_PHRASE_KINDS, _PHRASE_POPULATION),
        ).fetchall()
    return [name for (name,) in rows]


@functools.lru_cache(maxsize=1)
def load() -> CaseTable:
    """The case table, built on first use (about 15 s once) and then read from the cache."""
    from eventwire.knowledge.actors import load as load_actors

    data = _cached_table()
    dictionary = load_actors()
    phrases, names, states = _names(dictionary)
    titles = frozenset(
        tuple(title.replace(".", " ").split()) for words in dictionary.cues["titles"].values() for title in words
    )
    return CaseTable(
        forms=data["forms"],
        known=frozenset(data["known"]),
        ambiguous=frozenset(data["ambiguous"]),
        phrases=phrases,
        names=names,
        states=states,
        titles=titles,
    )
