"""The gazetteer index: built from the data packages, looked up by any of a place's names, fast to load."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from eventwire.gazetteer import Gazetteer, ensure_index, gazetteer
from eventwire.gazetteer.build import _IndexWriter, data_versions, english_name, load_names_file
from eventwire.gazetteer.names import fold, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def _kinds(gaz: Gazetteer, name: str, loose: bool = False) -> set[tuple[str, str, str]]:
    return {(r["kind"], r["country"], r["name"]) for r in (gaz.place(i) for i, _ in gaz.candidates(name, loose))}


def test_names_normalize_folds_accents_punctuation_and_saint():
    assert normalize("Baghlān") == "baghlan"
    assert normalize("St. Louis") == normalize("Saint Louis") == "st louis"
    assert normalize("Sar-e Pul") == "sar e pul"


def test_names_fold_merges_transliterations():
    assert fold("panjshir") == fold("panjsher") == fold("panjshayr")
    assert fold("kabul") != fold("kandahar")


def test_gazetteer_builds_every_kind(gaz):
    stats = gaz.stats()
    assert stats["places"]["country"] >= 240
    assert stats["places"]["admin1"] >= 3000
    assert stats["places"]["admin2"] >= 40000
    assert stats["places"]["populated_place"] >= 200000
    assert stats["places"]["region"] >= 10
    assert stats["versions"] == data_versions()


def test_gazetteer_looks_up_alternate_names(gaz):
    for spelling in ("Panjshir", "Panjsher", "Panjshayr"):
        assert ("admin1", "AF", "Panjshayr") in _kinds(gaz, spelling, loose=True)
    assert ("admin2", "AF", "Andarab") in _kinds(gaz, "Andarab")
    assert ("admin1", "AF", "Baghlan") in _kinds(gaz, "Baghlan Province")


def test_gazetteer_area_records_carry_parents_and_points(gaz):
    andarab = next(r for r in (gaz.place(i) for i, _ in gaz.candidates("Andarab")) if r["kind"] == "admin2")
    assert andarab["admin1"] == "Baghlan"
    assert abs(andarab["lat"] - 35.6) < 0.5 and abs(andarab["lon"] - 69.3) < 0.5
    kabul = next(r for r in (gaz.place(i) for i, _ in gaz.candidates("Kabul")) if r["kind"] == "populated_place" and r["country"] == "AF")
    assert kabul["capital"] == 1 and kabul["admin1"] == "Kabul"


@pytest.mark.parametrize("word,country", [("Afghan", "AF"), ("Turkish", "TR"), ("Lebanese", "LB"), ("American", "US")])
def test_gazetteer_demonyms_name_countries(gaz, word, country):
    assert ("country", country) in {(k, c) for k, c, _ in _kinds(gaz, word)}


def test_gazetteer_wire_abbreviations_and_regions(gaz):
    assert ("admin1", "US", "Georgia") in _kinds(gaz, "Ga.")
    assert any(kind == "region" for kind, _, _ in _kinds(gaz, "Middle East"))


def test_gazetteer_names_file_lists_known_countries():
    extra = load_names_file()
    assert "TR" in extra["demonyms"] and "US-GA" in extra["abbreviations"]
    assert all({"name", "lat", "lon"} <= set(region) for region in extra["regions"])


def test_gazetteer_loads_fast_and_looks_up_in_microseconds():
    path = ensure_index()
    start = time.perf_counter()
    fresh = Gazetteer(path)
    fresh.candidates("Tripoli")
    assert time.perf_counter() - start < 1.0
    names = ["Tripoli", "Paris", "Kabul", "Springfield", "Georgia"] * 20
    start = time.perf_counter()
    for name in names:
        fresh.candidates(name)
    assert (time.perf_counter() - start) / len(names) < 200e-6


def test_gazetteer_rebuilds_when_data_versions_change(tmp_path, monkeypatch):
    import eventwire.gazetteer as module

    built = []
    monkeypatch.setattr(module, "build_index", lambda path: built.append(path) or path.write_bytes(b""))
    target = tmp_path / "gazetteer.sqlite"
    ensure_index(target)
    assert built == [target]  # no index: built
    ensure_index(target)
    assert len(built) == 2  # an index without the current versions: rebuilt


def test_gazetteer_admin1_has_its_english_name_and_code_and_both_spellings_find_it(gaz):
    for spelling in ("Odesa Oblast", "Odeska oblast"):
        odesa = [r for r in (gaz.place(i) for i, _ in gaz.candidates(spelling)) if r["kind"] == "admin1"]
        assert [(r["name"], r["admin1_code"]) for r in odesa] == [("Odesa Oblast", "UA-51")]
    city = next(r for r in (gaz.place(i) for i, _ in gaz.candidates("Odesa")) if r["kind"] == "populated_place" and r["country"] == "UA")
    assert city["admin1"] == "Odesa Oblast" and city["admin1_code"] == "UA-51"


def test_english_name_only_replaces_transliterated_area_names():
    assert english_name("Stockholms län", ["Stockholm County", "Stockholm"]) == "Stockholm County"
    assert english_name("Baghlān", ["Baghlan Province"]) == "Baghlan"
    assert english_name("New York", ["New York State"]) == "New York"


@pytest.mark.parametrize("name,states", [("Congo", {"CD", "CG"}), ("Korea", {"KR", "KP"}), ("Sudan", {"SD", "SS"})])
def test_gazetteer_shared_state_names_name_every_state(gaz, name, states):
    assert states <= {c for k, c, _ in _kinds(gaz, name) if k == "country"}


def test_gazetteer_index_written_by_two_builders_at_once_is_whole(tmp_path):
    """Two runs that find the index stale at once each build it; neither writes into the other's file."""
    writer = _IndexWriter(["province"])
    for place_id in range(2000):
        writer.add_place(place_id, name=f"town {place_id}", kind="city", country="KE")
        writer.names[(f"town {place_id}", place_id)] = 0
    path = tmp_path / "gazetteer.sqlite"
    failures = []

    def build():
        try:
            writer.write(path, {"schema": "test"})
        except Exception as err:  # noqa: BLE001  (reported by the assertion below)
            failures.append(err)

    builders = [threading.Thread(target=build) for _ in range(4)]
    for builder in builders:
        builder.start()
    for builder in builders:
        builder.join()
    assert failures == []
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM places").fetchone() == (2000,)
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer.sqlite"]
