"""Score eventwire's quotes beside textacy's `direct_quotations` on the same articles.

    python benchmarks/quotes_vs_textacy.py ../shared/eval/polnear-dev.jsonl [--limit N]
        [--eventwire-pred PRED.jsonl] [--out-dir /tmp/quotes-bench]

textacy runs on Docs from the same spaCy model eventwire uses; each of its
(speaker, cue, content) triples becomes a direct quote in an extraction
record, with the speaker as an actor of its own. textacy runs twice: on the whole
text, where one odd quote mark makes it give up on the article, and on each
paragraph alone. The prediction files are scored by
shared/tools/score.py and the main figures printed side by side.
--eventwire-pred reuses predictions that benchmarks/evaluate.py already wrote.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations

import eventwire
from eventwire.pipeline.actors import slug

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import SCORE, predict, read_gold  # noqa: E402

FIGURES = [
    ("lenient F1 (main)", "F1_lenient"),
    ("all attributions F1", "F1"),
    ("direct P", "direct_P"),
    ("direct R", "direct_R"),
    ("direct F1", "direct_F1"),
    ("speaker accuracy", "speaker_acc"),
    ("predicted quotes", "pred"),
]


def _triples(doc) -> list[tuple[list, list, tuple[int, int]]]:
    """textacy's (speaker tokens, cue tokens, content char span) triples of a Doc; [] when it bails out."""
    try:
        return [(list(s), list(c), (q.start_char, q.end_char)) for s, c, q in direct_quotations(doc)]
    except ValueError:  # an odd number of quote marks: textacy refuses the whole text
        return []


def _triples_by_paragraph(doc) -> list[tuple[list, list, tuple[int, int]]]:
    """textacy on each paragraph alone, so that one odd quote mark costs only its paragraph."""
    found = []
    for para in re.finditer(r"[^\n]+", doc.text):
        span = doc.char_span(para.start(), para.end(), alignment_mode="expand")
        if span is None:
            continue
        sub = span.as_doc()
        for speaker, cue, (start, end) in _triples(sub):
            found.append(
                ([doc[span.start + t.i] for t in speaker], [doc[span.start + t.i] for t in cue],
                 (span.start_char + start, span.start_char + end))
            )
    return found


def textacy_record(doc, gold: dict, by_paragraph: bool) -> dict:
    """One extraction record holding textacy's direct quotations of a Doc."""
    quotes, actors = [], {}
    triples = _triples_by_paragraph(doc) if by_paragraph else _triples(doc)
    for number, (speaker, cue, (start, end)) in enumerate(triples, 1):
        speaker_span = [min(t.idx for t in speaker), max(t.idx + len(t) for t in speaker)] if speaker else None
        actor_id = None
        if speaker_span:
            name = doc.text[speaker_span[0] : speaker_span[1]]
            actor_id = "actor:" + slug(name)
            actors.setdefault(actor_id, {"id": actor_id, "name": name, "aliases": [name], "mentions": [speaker_span]})
        quotes.append(
            {
                "id": f"quote:{number}",
                "kind": "direct",
                "text": doc.text[start:end],
                "span": [start, end],
                "cue": " ".join(t.text for t in cue) if cue else None,
                "cue_span": [cue[0].idx, cue[-1].idx + len(cue[-1])] if cue else None,
                "speaker": actor_id,
                "speaker_span": speaker_span,
            }
        )
    article = {"id": gold["id"], "text": gold["text"], "published": gold.get("published")}
    return {"schema": "eventwire/1", "article": article, "actors": list(actors.values()), "quotes": quotes}


def run_textacy(docs: list[dict], out: Path, by_paragraph: bool) -> None:
    """Write textacy's records for the gold documents.

    docs (list[dict]): the gold documents.
    out (Path): where to write the records.
    by_paragraph (bool): run textacy on each paragraph alone rather than on the whole text.
    """
    nlp = spacy.load(eventwire.DEFAULT_MODEL)
    with out.open("w", encoding="utf-8") as sink:
        for gold, doc in zip(docs, nlp.pipe(d["text"] for d in docs)):
            sink.write(json.dumps(textacy_record(doc, gold, by_paragraph)) + "\n")


def score(gold: Path, pred: Path, limit: int | None) -> dict:
    """score.py's figures for one prediction file."""
    figures = pred.with_suffix(".score.json")
    cmd = [sys.executable, str(SCORE), "quotes", str(gold), str(pred), "--json", str(figures)]
    if limit:
        cmd += ["--limit", str(limit)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    data = json.loads(figures.read_text())
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--eventwire-pred", type=Path, help="reuse eventwire predictions written before")
    parser.add_argument("--out-dir", type=Path, default=Path("/tmp/quotes-bench"))
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    docs = read_gold(args.gold, args.limit)
    ours = args.eventwire_pred
    if ours is None:
        ours = args.out_dir / "eventwire.jsonl"
        predict(docs, ours)
    results = {"eventwire": score(args.gold, ours, args.limit)}
    for name, by_paragraph in (("textacy", False), ("textacy/para", True)):
        theirs = args.out_dir / f"{name.replace('/', '-')}.jsonl"
        run_textacy(docs, theirs, by_paragraph)
        results[name] = score(args.gold, theirs, args.limit)
    print(f"{len(docs)} documents of {args.gold.name}; textacy/para: textacy on each paragraph alone")
    print(f"{'':22}" + "".join(f"{name:>14}" for name in results))
    for label, key in FIGURES:
        row = [figures.get(key) for figures in results.values()]
        print(f"{label:22}" + "".join(f"{v:>14.3f}" if isinstance(v, float) else f"{v!s:>14}" for v in row))


if __name__ == "__main__":
    main()
