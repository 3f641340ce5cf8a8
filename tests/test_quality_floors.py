"""The quality ratchet: figures on the shared eval sets never fall below benchmarks/floors.json.

Runs the pipeline on ../shared/eval/articles (hand-coded, scored by
check_gold.py), on the first `limit` articles of gva-dev (scored by
score.py incidents), on the first `limit` documents of PolNeAR dev
(score.py quotes: speakers, lenient and direct F1), of TimeBank (score.py
times: day values, month/year/week values) and of a places set (LGL, score.py
places), and fails when a figure falls below its floor (or, for rows per
article, rises above its ceiling). Raise a floor when a change lifts its
figure; add your own figures to floors.json. Skipped when ../shared/eval is
absent.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.slow

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
EVAL = SHARED / "eval"
TOOLS = SHARED / "tools"


def _evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "benchmarks" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scored(cmd: list, out) -> dict:
    subprocess.run([sys.executable, *map(str, cmd), "--json", str(out)], check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _short(figures: dict, floors: dict) -> list[str]:
    low = [f"{k} {figures[k]:.3f} < floor {v}" for k, v in floors.get("at_least", {}).items() if figures[k] < v]
    high = [f"{k} {figures[k]:.3f} > ceiling {v}" for k, v in floors.get("at_most", {}).items() if figures[k] > v]
    return low + high


@pytest.mark.skipif(not (EVAL / "articles").is_dir(), reason="../shared/eval/articles is absent")
def test_quality_floors_articles(nlp, tmp_path):
    _evaluate().predict_articles(EVAL / "articles", tmp_path / "records", nlp=nlp)
    total = _scored([TOOLS / "check_gold.py", tmp_path / "records", EVAL / "articles"], tmp_path / "score.json")["total"]
    figures = {section: total[section]["found"] / total[section]["total"] for section in total}
    events = total["events"]
    figures["events_recall"] = figures.pop("events")
    figures["events_precision"] = events["complete_found"] / max(1, events["complete_predicted"])
    assert not _short(figures, FLOORS["articles"]), _short(figures, FLOORS["articles"])


def _task_figures(task: str, gold_file: str, limit: int, nlp, tmp_path) -> dict:
    """score.py's figures for the pipeline's records of the first `limit` documents of a task file."""
    evaluate = _evaluate()
    gold = EVAL / gold_file
    evaluate.predict(evaluate.read_gold(gold, limit), tmp_path / "records.jsonl", nlp=nlp, titles=task not in evaluate.OFFSET_TASKS)
    return _scored([TOOLS / "score.py", task, gold, tmp_path / "records.jsonl", "--limit", limit], tmp_path / "score.json")


@pytest.mark.skipif(not (EVAL / "gva-dev.jsonl").is_file(), reason="../shared/eval/gva-dev.jsonl is absent")
def test_quality_floors_incidents(nlp, tmp_path):
    floors = FLOORS["incidents"]
    figures = _task_figures("incidents", "gva-dev.jsonl", floors["limit"], nlp, tmp_path)
    assert not _short(figures, floors), _short(figures, floors)


@pytest.mark.skipif(not (EVAL / "polnear-dev.jsonl").is_file(), reason="../shared/eval/polnear-dev.jsonl is absent")
def test_quality_floors_quotes(nlp, tmp_path):
    floors = FLOORS["quotes"]
    figures = _task_figures("quotes", "polnear-dev.jsonl", floors["limit"], nlp, tmp_path)
    assert not _short(figures, floors), _short(figures, floors)


@pytest.mark.skipif(not (EVAL / "timebank.jsonl").is_file(), reason="../shared/eval/timebank.jsonl is absent")
def test_quality_floors_times(nlp, tmp_path):
    floors = FLOORS["times"]
    figures = _task_figures("times", "timebank.jsonl", floors["limit"], nlp, tmp_path)
    assert not _short(figures, floors), _short(figures, floors)


@pytest.mark.skipif(not (EVAL / FLOORS["places"]["file"]).is_file(), reason="the places gold file is absent")
def test_quality_floors_places(nlp, tmp_path):
    floors = FLOORS["places"]
    figures = _task_figures("places", floors["file"], floors["limit"], nlp, tmp_path)
    assert not _short(figures, floors), _short(figures, floors)
