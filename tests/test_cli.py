import csv
import io
import json
import os

import pytest
from click.testing import CliRunner
from tests.conftest import SHARED
from tests.corpus.stories import corpus

import eventwire
from eventwire.cli import cli
from eventwire.store import Store

SEED = SHARED / "fixtures" / "seed" / "panjshir.txt"
ARTICLES = {
    "strike.txt": (
        "MOGADISHU, Feb 2 (Example Wire) - A car bomb exploded outside a hotel in the Somali capital on Friday, "
        "killing at least six people and wounding 15, police said. Al Shabaab said it carried out the attack."
    ),
    "talks.txt": (
        "ADDIS ABABA, Feb 3 (Example Wire) - Sudan's army chief met the African Union commission chairman in "
        "Addis Ababa on Saturday to discuss a ceasefire, the AU said in a statement."
    ),
}
FEED = [
    {"id": "feed-1", "title": "Strike", "published": "2024-02-04", "text": "Dock workers in the port of Mombasa went on strike on Sunday over unpaid wages, their union said."},
    {"id": "feed-2", "published": "5 Feb 2024", "text": "Police arrested 40 people after clashes between rival supporters in Lagos on Monday, a police spokesman said."},
]


@pytest.fixture
def fast_load(monkeypatch, nlp):
    """Every command reuses the session pipeline instead of loading its own."""
    monkeypatch.setattr(eventwire, "load", lambda model=None, actors=None: nlp)


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def make_corpus(folder, bad: bool = False):
    folder.mkdir()
    (folder / "wire").mkdir()
    for name, text in ARTICLES.items():
        (folder / "wire" / name).write_text(text, encoding="utf-8")
    lines = [json.dumps(row) for row in FEED]
    if bad:
        lines.insert(1, '{"id": "feed-x", "text": "cut off')
        (folder / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02\x03" * 50)
        (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_cli_extract_json_validates_and_keeps_seed_text(fast_load, record_validator):
    result = invoke("extract", SEED, "--published", "2021-09-07", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    record_validator.validate(record)
    text = SEED.read_text(encoding="utf-8")
    assert record["article"]["text"] == text and record["article"]["published"] == "2021-09-07"
    for actor in record["actors"]:
        assert all(0 <= s < e <= len(text) for s, e in actor["mentions"])


@pytest.mark.slow
def test_cli_extract_reads_stdin_and_prints_tables(fast_load):
    result = invoke("extract", "-", "--table", input=ARTICLES["strike.txt"])
    assert result.exit_code == 0, result.output
    for heading in ("Actors (", "Places (", "Times (", "Quotes (", "Events ("):
        assert heading in result.stdout


@pytest.mark.slow
def test_cli_extract_reads_an_extra_actor_dictionary(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - {name: Sons of the Delta, kind: group, country: NGA, sector: REB, aliases: [SOD]}\n")
    text = "Gunmen from the Sons of the Delta attacked a pipeline near Warri on Tuesday. SOD said it would go on."
    result = invoke("extract", "-", "--actors", actors, input=text)
    assert result.exit_code == 0, result.output
    (actor,) = [a for a in json.loads(result.stdout)["actors"] if a["name"] == "Sons of the Delta"]
    assert (actor["country"], actor["sector"], len(actor["mentions"])) == ("NGA", "REB", 2)


def test_cli_extract_refuses_bad_input_in_one_line(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x00\x01binary")
    result = invoke("extract", path)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: binary file (not text)"


def test_cli_extract_names_the_missing_model(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLES["talks.txt"], encoding="utf-8")
    result = invoke("extract", path, "--model", "en_core_web_nonexistent")
    assert result.exit_code == 1
    assert "pip install" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_run_twice_keeps_counts(fast_load, tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    db = f"sqlite:///{tmp_path / 'run.db'}"
    first = invoke("run", corpus, "--db", db)
    assert first.exit_code == 0, first.output
    assert "read 4: 4 stored, 0 already stored, 0 failed" in first.stdout
    sizes = Store(db).table_sizes()
    second = invoke("run", corpus, "--db", db)
    assert second.exit_code == 0
    assert "read 4: 0 stored, 4 already stored, 0 failed" in second.stdout
    assert Store(db).table_sizes() == sizes and sizes["articles"] == 4


@pytest.mark.slow
@pytest.mark.postgres
def test_cli_run_twice_keeps_counts_on_postgres(fast_load, tmp_path, postgres_store):
    store = postgres_store
    db = os.environ["EVENTWIRE_TEST_PG"]
    corpus = make_corpus(tmp_path / "corpus", bad=True)
    assert invoke("run", corpus, "--db", db).exit_code == 1
    sizes = store.table_sizes()
    again = invoke("run", corpus, "--db", db)
    assert "read 7: 0 stored, 4 already stored, 3 failed" in again.stdout
    assert store.table_sizes() == sizes and sizes["articles"] == 4 and sizes["failures"] == 3


@pytest.mark.slow
def test_cli_run_reports_bad_inputs_and_stores_the_good(fast_load, tmp_path):
    corpus = make_corpus(tmp_path / "corpus", bad=True)
    db = f"sqlite:///{tmp_path / 'run.db'}"
    result = invoke("run", corpus, "--db", db)
    assert result.exit_code == 1
    assert "read 7: 4 stored, 0 already stored, 3 failed" in result.stdout
    assert f"failed: {corpus / 'scan.txt'}: binary file (not text)" in result.stdout
    assert f"failed: {corpus / 'empty.txt'}: empty: no text" in result.stdout
    assert f"failed: {corpus / 'feed.jsonl'}:2: line 2: malformed JSON" in result.stdout
    store = Store(db)
    assert store.counts().articles == 4 and store.counts().failures == 3
    again = invoke("run", corpus, "--db", db)
    assert again.exit_code == 1 and store.counts().failures == 3


@pytest.mark.slow
def test_cli_run_with_worker_processes(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    db = f"sqlite:///{tmp_path / 'run.db'}"
    result = invoke("run", corpus, "--db", db, "--workers", 2, "--batch-size", 1)
    assert result.exit_code == 0, result.output
    assert "read 4: 4 stored" in result.stdout
    assert {r.article.id for r in Store(db).records()} >= {"feed-1", "feed-2"}


@pytest.mark.slow
def test_cli_export_every_format(fast_load, tmp_path):
    db = f"sqlite:///{tmp_path / 'run.db'}"
    corpus = make_corpus(tmp_path / "corpus")
    assert invoke("run", corpus, "--db", db).exit_code == 0
    jsonl = invoke("export", "--format", "jsonl", "--db", db)
    assert jsonl.exit_code == 0
    lines = jsonl.stdout.splitlines()
    assert len(lines) == 4
    extracted = invoke("extract", corpus / "wire" / "strike.txt")
    assert json.loads(extracted.stdout) in [json.loads(line) for line in lines]
    csv_out = invoke("export", "--format", "csv", "--db", db)
    assert next(csv.reader(io.StringIO(csv_out.stdout)))[:3] == ["article_id", "published", "event_id"]
    geo = invoke("export", "--format", "geojson", "--db", db)
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"
    parquet = tmp_path / "events.parquet"
    assert invoke("export", "--format", "parquet", "--db", db, "-o", parquet).exit_code == 0
    assert parquet.stat().st_size > 0
    assert invoke("export", "--format", "parquet", "--db", db).exit_code == 1
    rows = len(csv_out.stdout.splitlines())
    confident = invoke("export", "--format", "csv", "--db", db, "--min-confidence", 0.99)
    assert confident.exit_code == 0 and len(confident.stdout.splitlines()) < rows


def test_cli_export_corrected_applies_corrections(web_store):
    from eventwire.record import CorrectionRecord

    web_store.add_correction(CorrectionRecord(
        id="c-cli", target={"kind": "event", "article": "wire-strike", "id": "e1"}, action="correct", field="dead",
        old=12, new=20, by="ana", at="2025-03-06T10:00:00Z",
    ))
    dead = {row["article_id"]: row["dead"] for row in csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--db", web_store.url).stdout))}
    assert dead["wire-strike"] == "12"
    result = invoke("export", "--format", "csv", "--corrected", "--db", web_store.url)
    assert result.exit_code == 0
    assert {row["article_id"]: row["dead"] for row in csv.DictReader(io.StringIO(result.stdout))}["wire-strike"] == "20"


@pytest.mark.slow
def test_cli_stats_and_demo(fast_load, tmp_path):
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    demo = invoke("demo", "--db", db)
    assert demo.exit_code == 0, demo.output
    assert "read 5: 5 stored" in demo.stdout and demo.stdout.count("\n== ") == 5
    stats = invoke("stats", "--db", db)
    assert stats.exit_code == 0
    assert "articles  5" in stats.stdout and "failures  0" in stats.stdout


def test_cli_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout, name


def test_cli_recluster_export_clusters_acled_and_stats(tmp_path):
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    store = Store(db)
    for record in corpus():
        store.write(record)
    result = invoke("recluster", "--db", db)
    assert result.exit_code == 0, result.output
    assert "corpus: 6 new articles (1 near-duplicates)" in result.stdout
    clusters = [json.loads(line) for line in invoke("export", "--format", "clusters", "--db", db).stdout.splitlines()]
    assert {c["schema"] for c in clusters} == {"eventwire/cluster-1"}
    assert sorted(c["sources"] for c in clusters if c["type"] == "ASSAULT") == [1, 2, 2]
    acled = list(csv.DictReader(io.StringIO(invoke("export", "--format", "acled", "--db", db).stdout)))
    assert len(acled) == len(clusters)
    strike = next(row for row in acled if row["location"] == "Kidal")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (strike["actor1"], strike["actor2"], strike["fatalities"]) == ("Azawad Liberation Front", "Malian army", "7")
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--db", db).stdout)))
    assert {r["cluster_id"] for r in rows} == {c["cluster_id"] for c in clusters}
    stats = invoke("stats", "--db", db)
    assert f"clusters  {len(clusters)} (2 from several articles" in stats.stdout
