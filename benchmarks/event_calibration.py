"""How often an event at a given confidence is right, on hand-coded articles.

    python benchmarks/event_calibration.py RECORDS_DIR ../shared/eval/articles [--names dev01,dev02] [--show]

RECORDS_DIR holds NAME.json records (benchmarks/evaluate.py articles writes
them). A predicted event is right when check_gold.py matches it to a gold
event with every check passing (strict) or with type and evidence sentence
alone (loose). Prints, per confidence band, events and the share right, and
the precision of the events at confidence >= 0.7 (issue 9: at least 0.8).
--show lists the predicted events no gold event matches, with their sentence.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_GOLD = ROOT.parent / "shared" / "tools" / "check_gold.py"
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _check_gold():
    spec = importlib.util.spec_from_file_location("check_gold", CHECK_GOLD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_events(records: Path, gold_dir: Path, names: set[str] | None = None) -> list[dict]:
    """Every predicted event of the complete gold articles, with `strict` and `loose` verdicts."""
    cg = _check_gold()
    out = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        if names and name not in names:
            continue
        gold, text = cg.load_gold(str(gold_file))
        if not gold.get("events_complete") or not (records / f"{name}.json").exists():
            continue
        record = cg.load_record(str(records / f"{name}.json"))
        R = cg.Record(record, text)
        golds, preds = gold.get("events") or [], R.lst("events")
        strict = [[not cg.event_checks(g, p, R) for p in preds] for g in golds]
        loose = [[not ({"type", "evidence"} & set(cg.event_checks(g, p, R))) for p in preds] for g in golds]
        strict_match = set(cg.bipartite(len(golds), len(preds), lambda g, p: strict[g][p]).values())
        loose_match = set(cg.bipartite(len(golds), len(preds), lambda g, p: loose[g][p]).values())
        for i, event in enumerate(preds):
            first = (event.get("evidence") or [[0, 0]])[0]
            out.append({"article": name, "event": event, "strict": i in strict_match, "loose": i in loose_match,
                        "sentence": R.slice(first).replace("\n", " ")[:160]})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--names", help="only these articles (comma-separated NAMEs)")
    parser.add_argument("--show", action="store_true", help="list the events no gold event matches")
    args = parser.parse_args(argv)
    judged = judged_events(args.records, args.gold, set(args.names.split(",")) if args.names else None)
    print(f"{'confidence':>12s} {'events':>7s} {'strict':>7s} {'loose':>7s}")
    for low, high in zip(BANDS, BANDS[1:]):
        band = [j for j in judged if low <= j["event"]["confidence"] < high]
        if band:
            strict = sum(j["strict"] for j in band) / len(band)
            loose = sum(j["loose"] for j in band) / len(band)
            print(f"{low:5.2f}-{min(high, 1.0):4.2f}   {len(band):7d} {strict:7.2f} {loose:7.2f}")
    high = [j for j in judged if j["event"]["confidence"] >= 0.7]
    share = sum(j["strict"] for j in high) / len(high) if high else float("nan")
    print(f"confidence >= 0.7: {len(high)} events, {share:.2f} strictly right (of {len(judged)} events)")
    if args.show:
        for j in judged:
            if not j["loose"]:
                e = j["event"]
                print(f"  {j['article']} {e['type']:9s} {e['confidence']:.2f} {e.get('modality')}: {j['sentence']}")


if __name__ == "__main__":
    main()
