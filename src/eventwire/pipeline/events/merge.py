"""One happening, one event: the mentions of a happening across an article become one event.

News names one happening many times: the headline, the lede, "the attack",
"Saturday's shooting", the recap. A mention joins the latest event of the
same type that nothing tells apart from it: the places their own
sentences give them differ and neither holds the other (a victim's home
town or a hospital tells nothing apart); or, unless the mention is a definite or
date-possessive noun that refers back ("the raid", "Tuesday's assault"),
they name different days, a factual and a hypothetical reading, different
named doers, two acts ("arrest" and "curfew", an air strike and a shooting), or
two sources giving two tolls (an armed group's claim beside the officials'
count). A noun that refers back joins first the happening its own word
named ("the raid" after "raided a camp, killing 16"), whatever type each
sentence gave; the headline joins the first fitting happening, since it
summarises the lede, and makes its own only when the body tells no
happening of its type (a page that kept the headline and lost the story).
A mention without doers, or of casualty words alone, is not told apart by
its doers. The merged event lists every sentence as
evidence and combines the arguments of all mentions: all doers and
recipients, the most specific place, the first day-precise date, and the
toll magnitude.combine gives (the latest revised figure: "rose to 12").

Casualties a sentence states with no attack word of its own ("the boy died
of his wounds", "the toll rose to 7") belong to the attack told last before
them (or the article's first, for those before any), unless their sentence
names another place or a time more than a week before the attack's day
("was murdered in 2005", "the third homicide this year"): they count in its
toll and their sentence is evidence. Casualties inside somebody's quoted
words without an attack word ("I don't want to hear another child is dead")
are no toll.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from eventwire.pipeline.events.magnitude import combine
from eventwire.pipeline.events.triggers import Trigger
from eventwire.pipeline.extensions import PLACE_SPANS
from eventwire.pipeline.places import SPECIFICITY, is_demonym

_FACTUAL = {"asserted", "claimed"}
_NAMED_KINDS = {"person", "organization", "country"}
_NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_CANDIDATES = 12  # happenings a mention may join, the latest first
_COMPARED = 4  # latest mentions of a happening a new one is compared with, beside its first
_READ_FROM = {"sentence": 3, "paragraph": 2, "dateline": 1, "article": 0}  # where an event's place was read, nearest first
_REFERRING_DETERMINERS = {"the", "this", "that", "these", "those"}


@dataclass
class Mention:
    """One sentence's event and the trigger it was read from."""

    event: dict
    trigger: Trigger
    sentence: int
    reference: bool = False  # names a happening told elsewhere ("since the bombing"): joins one, makes none
    headline: bool = False  # in the headline, which summarises the body: joins the first fitting happening
    dated: bool = False  # its sentence names a time: its date is its own, not the story's

    @property
    def where(self) -> frozenset:
        """The place its sentence names as the happening's own ("shot in Dayton"), if any: a town named
        only as a victim's home ("Kieara Green, 18, of Nicholasville"), a hospital's, or one that only
        shares the sentence ("the Noble County coroner said", "a man from Chicago") tells no happening apart."""
        event = self.event
        return frozenset([event["place"]]) if event["place"] and event.get("_own_place") else frozenset()

    @property
    def toll_only(self) -> bool:
        """Casualty words alone ("three people died", "the toll rose to 27"), no act word."""
        return all(p.weak for p in self.trigger.parts)

    @property
    def anaphoric(self) -> bool:
        """A definite or possessive noun ("the attack", "Saturday's shooting"), or a reference ("since the raid")."""
        token = self.trigger.token
        return self.reference or self.trigger.is_noun and any(
            (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")) or (c.dep_ == "det" and c.lower_ in _REFERRING_DETERMINERS)
            for c in token.children
        )

    @property
    def refers_back(self) -> bool:
        """Anaphoric, casualty words alone, or naming no doer ("a man was shot"): the doers tell nothing apart."""
        return self.anaphoric or self.toll_only or not self.event["actors"]


@dataclass
class Toll:
    """Casualties a sentence states that no attack of its own carries ("the boy died of his wounds")."""

    magnitude: dict
    sentence: int
    evidence: list
    places: frozenset = frozenset()
    time: tuple | None = None  # the earliest time its sentence names: (YYYY-MM-DD, precision), if any


@dataclass
class Happening:
    """The mentions of one happening, first mention first, and the loose tolls it takes."""

    mentions: list[Mention] = field(default_factory=list)
    sentences: set = field(default_factory=set)
    words: set = field(default_factory=set)
    tolls: list[Toll] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.sentences.add(mention.sentence)
        self.words.add(mention.trigger.token.lemma_.lower())

    @property
    def sample(self) -> list[Mention]:
        """The first mention and the latest few: what a new mention is compared with (linear in the article)."""
        return self.mentions[:1] + self.mentions[1:][-_COMPARED:]


def merge_mentions(doc: Doc, mentions: list[Mention], tolls: list[Toll] = ()) -> list[tuple[dict, list[Mention]]]:
    """Group the mentions of an article by happening; return each merged event with its mentions.

    doc (Doc): the article.
    mentions (list[Mention]): the body's mentions in text order, then the headline's.
    tolls (list[Toll]): casualties of sentences with no attack mention, in text order.
    RETURNS (list[tuple[dict, list[Mention]]]): each happening's event and its mentions.
    """
    happenings: list[Happening] = []
    last_attack: dict[bool, Happening] = {}  # factual or not -> the attack told last so far
    early: list[Toll] = []  # tolls before any attack: the article's first attack takes them
    pending = iter(tolls)
    toll = next(pending, None)
    for mention in mentions:
        while toll is not None and not mention.headline and toll.sentence < mention.sentence:
            _give_toll(doc, last_attack.get(True) or last_attack.get(False), toll, early)
            toll = next(pending, None)
        # a headline tells the lede's happening; a body mention most likely the latest one
        order = happenings[:_CANDIDATES] if mention.headline else happenings[: -_CANDIDATES - 1 : -1]
        same = next((h for h in order if mention.anaphoric and _named_alike(doc, h, mention)), None)
        same = same or next((h for h in order if _same_happening(doc, h, mention)), None)
        if same is None and (not mention.reference or _only_account(happenings, mention)):
            same = Happening()
            happenings.append(same)
        if same is not None:
            same.add(mention)
            if same.mentions[0].event["type"] == "ASSAULT" and not mention.headline:
                last_attack[mention.event["modality"] in _FACTUAL] = same
    while toll is not None:
        _give_toll(doc, last_attack.get(True) or last_attack.get(False), toll, early)
        toll = next(pending, None)
    attacks = [h for h in happenings if h.mentions[0].event["type"] == "ASSAULT"]
    first = next((h for h in attacks if h.mentions[0].event["modality"] in _FACTUAL), attacks[0] if attacks else None)
    for toll in early:
        _give_toll(doc, first, toll, [])
    return [(_combined(doc, h), h.mentions) for h in happenings]


def _only_account(happenings: list[Happening], mention: Mention) -> bool:
    """A headline whose happening the body tells nowhere ("5 shot on Detroit's west side" above a page
    of links): the headline is the article's only account of it, so it makes the event."""
    return mention.headline and not any(h.mentions[0].event["type"] == mention.event["type"] for h in happenings)


def _give_toll(doc: Doc, happening: Happening | None, toll: Toll, early: list[Toll]) -> None:
    """Count a loose toll in the attack it follows, unless its sentence names another place or an earlier time."""
    if happening is None:
        early.append(toll)
        return
    day = next((m.event["date"] for m in happening.sample if m.event["date_precision"] == "day"), None)
    if toll.time and day and _before(toll.time, day):
        return  # "her husband was murdered in 2005", "the city's third homicide this year"
    if not any(_other_place(doc, m.where, toll.places) for m in happening.sample):
        happening.tolls.append(toll)


def _named_alike(doc: Doc, happening: Happening, mention: Mention) -> bool:
    """ "The raid" after "raided a camp, killing 16": the same word names it, whatever type each sentence gave."""
    return (
        mention.trigger.token.lemma_.lower() in happening.words
        and mention.sentence not in happening.sentences
        and not any(_other_place(doc, m.where, mention.where) for m in happening.sample)
    )


def _same_happening(doc: Doc, happening: Happening, mention: Mention) -> bool:
    event = mention.event
    if mention.sentence in happening.sentences:
        return False  # the sentence already told its happenings apart
    if happening.mentions[0].event["type"] != event["type"]:
        return False
    compared = happening.sample
    if any(_other_place(doc, m.where, mention.where) for m in compared):
        return False
    if mention.anaphoric:
        return True  # "the shooting happened around 2 a.m. Sunday", "police said the attack may be drug related"
    toll = mention.toll_only
    if mention.dated and any(
        m.dated and _other_day(m.event, event) and not (toll and event["date"] > m.event["date"]) for m in compared
    ):
        return False  # two days told apart (but victims die and tolls rise on a later day)
    sense_mode = mention.trigger.sense.mode
    if not toll and sense_mode and any(m.trigger.sense.mode not in (None, sense_mode) for m in compared):
        return False  # the words themselves name two acts: an arrest is not a curfew
    modalities = {m.event["modality"] for m in compared} | {event["modality"]}
    if not (toll or modalities <= _FACTUAL or len(modalities) == 1):
        return False
    if mention.refers_back:
        return True
    for other in compared:
        if other.event["mode"] and event["mode"] and other.event["mode"] != event["mode"]:
            return False
        if _other_account(other.event, event):
            return False
    doers = {a for m in compared for a in _named_doers(doc, m.event)}
    own = _named_doers(doc, event)
    return not doers or not own or bool(doers & own) or all(m.refers_back for m in compared)


def _named_doers(doc: Doc, event: dict) -> set:
    """The event's doers that are named (persons, organizations, states) and are not its own source.

    "Gunmen", "the police", "a 22-year-old man" tell no happening apart: only a name does ("Lash",
    "the Myrtle Beach police"). Nor does the teller read as a doer ("We've had shootings before,"
    Capt. Knipes said): a source names the happening, it does not tell one apart.
    """
    actors = doc._.ew_actors or {}
    named = doc.user_data.setdefault("ew_named_actors", {})  # actor id -> named, worked out once per Doc
    found = set()
    for actor_id in event["actors"]:
        if actor_id == event["according_to"] or actors.get(actor_id, {}).get("kind") not in _NAMED_KINDS:
            continue
        if actor_id not in named:
            named[actor_id] = _has_name(doc, actors[actor_id])
        if named[actor_id]:
            found.add(actor_id)
    return found


def _has_name(doc: Doc, actor: dict) -> bool:
    """Whether a mention of the actor holds a proper name (a state and its capital count as names)."""
    for start, end in actor.get("mentions") or []:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTITIES for t in span):
            return True
    return actor.get("kind") == "country"


def _other_place(doc: Doc, one: frozenset, two: frozenset) -> bool:
    """Both name places, and no most specific place of one is, holds or lies in one of the other."""
    places = doc._.ew_places or {}
    one, two = _most_specific(places, one), _most_specific(places, two)
    if not one or not two or one & two:
        return False
    return not any(
        _holds(places.get(a, {}), places.get(b, {})) or _holds(places.get(b, {}), places.get(a, {})) for a in one for b in two
    )


def _most_specific(places: dict, ids: frozenset) -> frozenset:
    rank = {i: SPECIFICITY.get(places.get(i, {}).get("precision"), -1) for i in ids}
    top = max(rank.values(), default=None)
    return frozenset(i for i, r in rank.items() if r == top)


def sentence_dated(doc: Doc):
    """dated(sent) -> whether the sentence names a time (the times stage found one in it)."""
    starts = sorted(t["span"][0] for t in doc._.ew_times or [] if t.get("span"))

    def dated(sent) -> bool:
        i = bisect.bisect_left(starts, sent.start_char)
        return i < len(starts) and starts[i] < sent.end_char

    return dated


def _before(time: tuple, day: str) -> bool:
    """Whether a time (value, precision) lies wholly before the week of `day` ("in 2005", "last month")."""
    value, precision = time
    if precision == "year":
        return value[:4] < day[:4]
    if precision == "month":
        return value[:7] < day[:7]
    return date.fromisoformat(value[:10]) < date.fromisoformat(day) - timedelta(days=7)


def sentence_time(doc: Doc):
    """time(sent) -> the earliest (value, precision) of the times the sentence names, or None."""
    times = sorted(
        (t["span"][0], t["value"][:10], t["precision"]) for t in doc._.ew_times or []
        if t.get("span") and t.get("value") and t.get("precision") in ("day", "week", "month", "year") and not t.get("_filing")
    )
    starts = [start for start, _, _ in times]

    def time(sent) -> tuple | None:
        found = times[bisect.bisect_left(starts, sent.start_char) : bisect.bisect_left(starts, sent.end_char)]
        return min(((value, precision) for _, value, precision in found), default=None)

    return time


def sentence_quoted(doc: Doc):
    """quoted(sent) -> whether the sentence's first word lies inside a direct or mixed quote: another's words."""
    spans = sorted(tuple(q["span"]) for q in doc._.ew_quotes or [] if q.get("span") and q.get("kind") != "indirect")
    starts = [start for start, _ in spans]

    def quoted(sent) -> bool:
        first = next((t.idx for t in sent if not (t.is_punct or t.is_space)), sent.start_char)
        i = bisect.bisect_right(starts, first) - 1
        return i >= 0 and first < spans[i][1]

    return quoted


def sentence_places(doc: Doc) -> dict[int, frozenset]:
    """The ids of the places each sentence names as a scene, by the sentence's first token: a nationality
    ("German Booker") or a victim's home town ("Adam Hale of Neenah was also killed") is no other place."""
    found: dict[int, set] = {}
    for span in doc.spans[PLACE_SPANS] if PLACE_SPANS in doc.spans else []:
        if not (is_demonym(span) or _home(span)):
            found.setdefault(span.sent.start, set()).add(span.kb_id_)
    return {start: frozenset(ids) for start, ids in found.items()}


def _home(span) -> bool:
    """ "Hale of Neenah", "Ana Ruiz, 34, of Dunmore": the town a person is from."""
    of = span.root.head
    person = of.head
    return span.root.dep_ == "pobj" and of.lower_ == "of" and (person.ent_type_ == "PERSON" or person.pos_ == "NUM")


def _holds(outer: dict, inner: dict) -> bool:
    """Whether the place `outer` contains `inner` (a country its towns, a province its districts)."""
    if not outer or not inner or outer.get("country") != inner.get("country"):
        return False
    if outer.get("precision") == "country":
        return True
    return outer.get("precision") == "admin1" and outer.get("admin1") == inner.get("admin1")


def _other_account(a: dict, b: dict) -> bool:
    """Two sources giving two tolls ("the group said it killed 73"; officials count 27): two accounts, coded apart."""
    dead_a, dead_b = a["magnitude"].get("dead"), b["magnitude"].get("dead")
    return dead_a is not None and dead_b is not None and dead_a != dead_b and a["according_to"] != b["according_to"]


def _other_day(a: dict, b: dict) -> bool:
    """Two days, or a day outside the other's week ("clashes last week" beside "attacked on Tuesday")."""
    precisions = {a["date_precision"], b["date_precision"]}
    if not a["date"] or not b["date"] or "day" not in precisions or not precisions <= {"day", "week"}:
        return False
    apart = abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
    return apart > 0 if precisions == {"day"} else apart >= 7


def _combined(doc: Doc, happening: Happening) -> dict:
    """The anchor mention's event, with the evidence and the arguments of every mention.

    The anchor is the first mention that names its doers and does not refer
    back: its type, modality and source stand for the happening. The date is
    the first day-precise one by `_day_rank`: the lede names the day.
    """
    events = [m.event for m in happening.mentions]
    anchor = next((m.event for m in happening.mentions if not m.refers_back), events[0])
    merged = dict(anchor)
    if len(events) == 1 and not happening.tolls:
        return merged
    merged["mode"] = anchor["mode"] or next((e["mode"] for e in events if e["mode"]), None)
    merged["actors"] = _union(e["actors"] for e in [anchor, *events])
    merged["recipients"] = [r for r in _union(e["recipients"] for e in [anchor, *events]) if r not in merged["actors"]]
    merged["context"] = sorted(set().union(*(e["context"] for e in events)))
    spans = [span for e in events for span in e["evidence"]] + [t.evidence for t in happening.tolls]
    merged["evidence"] = [list(span) for span in sorted({tuple(span) for span in spans})]
    places = doc._.ew_places or {}
    best = max(
        [anchor, *events],
        key=lambda e: (_READ_FROM.get(e["place_precision"], -1), SPECIFICITY.get(places.get(e["place"], {}).get("precision"), -1)),
    )
    merged["place"], merged["place_precision"] = best["place"], best["place_precision"]
    days = [(_day_rank(m.event["date_basis"], m.toll_only, m.headline, m.sentence, m.trigger.token.pos_ == "NOUN"),
             m.event["date"], m.event["date_basis"]) for m in happening.mentions if m.event["date_precision"] == "day"]
    days += [(_day_rank("sentence", True, False, t.sentence, False), t.time[0], "sentence")
             for t in happening.tolls if t.time and t.time[1] == "day"]
    if days:
        _, merged["date"], merged["date_basis"] = min(days, key=lambda day: day[0])
        merged["date_precision"] = "day"
    told = [(m.sentence, m.event["magnitude"]) for m in happening.mentions] + [(t.sentence, t.magnitude) for t in happening.tolls]
    merged["magnitude"] = combine([magnitude for _, magnitude in sorted(told, key=lambda pair: pair[0])])
    return merged


def _day_rank(basis: str | None, toll_only: bool, headline: bool, sentence: int, noun: bool) -> tuple:
    """Which mention's day dates the happening, lowest first: a day its own words or paragraph state
    before the story's day inferred for it, and both before the day of a saying ("said Thursday");
    a noun's day read from its sentence after a verb's own, for the sentence's day may be another
    act's ("is to be arraigned this morning on charges of assault"); an act word's day before a
    death's ("was shot Friday" ... "died Saturday"); then the body's first."""
    return basis == "report", basis == "article", noun and basis == "sentence", toll_only, headline, sentence


def _union(lists) -> list[str]:
    out: list[str] = []
    for ids in lists:
        out += [i for i in ids if i not in out]
    return out
