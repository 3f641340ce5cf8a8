"""An article's text cut into segments, each marked with every extracted span that covers it.

The article page renders these (escaped) so an analyst sees which words gave
each quote, speaker, actor, place, date and event. One sweep over the sorted
span boundaries: linear in the text plus the spans, whatever they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.record import ExtractionRecord


@dataclass(frozen=True)
class Mark:
    kind: str  # quote, cue, speaker, actor, place, time, evidence
    label: str  # what the words were read as, shown on hover
    ref: str  # the id of the thing (an anchor on the page)
    tag: str | None = None  # a label shown before the span's first word


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    starts: list[Mark] = field(default_factory=list)  # marks whose span begins here and carry a tag

    @property
    def classes(self) -> str:
        return " ".join(sorted({"hl-" + mark.kind for mark in self.marks}))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(mark.label for mark in self.marks))


def spans(record: ExtractionRecord) -> list[tuple[int, int, Mark]]:
    """Every span of the record with what it was read as."""
    names = {a.id: a.name for a in record.actors} | {p.id: p.name for p in record.places}
    found: list[tuple[int, int, Mark]] = []
    for actor in record.actors:
        label = f"actor: {actor.name} ({', '.join(x for x in (actor.kind, actor.country, actor.sector) if x)})"
        found += [(s, e, Mark("actor", label, actor.id)) for s, e in actor.mentions]
    for place in record.places:
        label = f"place: {place.name} ({', '.join(x for x in (place.kind, place.admin1, place.country) if x)})"
        found += [(s, e, Mark("place", label, place.id)) for s, e in place.mentions]
    for i, time in enumerate(record.times):
        found.append((*time.span, Mark("time", f"date: {time.value or '?'} ({time.precision or '?'}, from {time.anchor})", f"time-{i}")))
    for quote in record.quotes:
        speaker = names.get(quote.speaker, "unknown speaker") if quote.speaker else "unknown speaker"
        found.append((*quote.span, Mark("quote", f"quote ({quote.kind}) by {speaker}", quote.id, tag=f"\u201c {speaker}")))
        if quote.cue_span:
            found.append((*quote.cue_span, Mark("cue", f"cue: {quote.cue}", quote.id)))
        if quote.speaker_span:
            found.append((*quote.speaker_span, Mark("speaker", f"speaker: {speaker}", quote.id)))
    for event in record.events:
        doers = ", ".join(names.get(a, a) for a in event.actors) or "?"
        label = f"event {event.type}: {doers}"
        for n, (s, e) in enumerate(event.evidence):
            found.append((s, e, Mark("evidence", label, event.id, tag=event.type if n == 0 else None)))
    length = len(record.article.text)
    return [(max(0, s), min(length, e), m) for s, e, m in found if s < e]


def segments(record: ExtractionRecord) -> list[Segment]:
    """The article text as consecutive segments with the marks that cover each."""
    text = record.article.text
    marked = sorted(spans(record), key=lambda item: (item[0], -item[1]))
    cuts = sorted({0, len(text), *(s for s, _, _ in marked), *(e for _, e, _ in marked)})
    active: list[tuple[int, int, Mark]] = []
    out: list[Segment] = []
    i = 0
    for start, end in zip(cuts, cuts[1:]):
        active = [item for item in active if item[1] > start]
        begun = []
        while i < len(marked) and marked[i][0] == start:
            active.append(marked[i])
            begun.append(marked[i][2])
            i += 1
        out.append(
            Segment(text[start:end], [m for _, _, m in active], [m for m in begun if m.tag])
        )
    return out
