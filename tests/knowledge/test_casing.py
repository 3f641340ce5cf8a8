import json

from eventwire.knowledge import casing


def test_casing_table_from_the_truecase_statistics():
    table = casing.load()
    assert table.forms["monday"] == "Monday"
    assert table.forms["nato"] == "NATO"
    assert table.forms["u.s."] == "U.S."
    assert "the" not in table.forms and "the" in table.known
    assert "however" not in table.forms  # capitalised only where a sentence starts
    assert "army" in table.ambiguous  # "the army", but "the U.S. Army"
    for form in table.forms.values():
        assert not (form.isalpha() and form.isupper() and len(form) > 4 and set(form.lower()) & set("aeiouy"))


def test_casing_names_phrases_and_titles_from_actors_and_gazetteer():
    table = casing.load()
    assert table.phrases[("red", "sea")] == ("Red", "Sea")
    assert table.phrases[("united", "nations")] == ("United", "Nations")
    assert table.names["codeco"] == "CODECO"
    assert table.names["port-au-prince"] == "Port-au-Prince"
    assert table.states["niger"] == "Niger" and table.states["afghans"] == "Afghans"
    assert ("prime", "minister") in table.titles and ("lt", "gen") in table.titles


def test_casing_cache_is_built_once_per_version(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    path = casing.cache_path()
    assert casing._version().replace("/", "-") in path.name
    path.write_text(json.dumps({"version": "old", "forms": {}, "known": [], "ambiguous": []}))
    data = casing._cached_table()
    assert data["version"] == casing._version() and data["forms"]["monday"] == "Monday"
    assert json.loads(path.read_text())["version"] == data["version"]
