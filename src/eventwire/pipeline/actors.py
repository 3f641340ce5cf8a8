"""Actors: link every mention of a person, organization, group or state to an actor.

What it links, in this order:
- names: spaCy's PERSON/ORG/GPE/NORP entities and the actor dictionary's names
  (eventwire/knowledge/actors_*.yaml), the longer of two overlapping spans winning;
  a name that is really a place ("Panjshir province", a known province or district)
  is left to the places stage;
- acronyms defined in the text ("... of Afghanistan (NRFA)") and later ones that are
  part of it or of the name's initials ("NRF");
- surnames and titled names after a full name ("Massoud", "Mr Massoud");
- descriptive mentions: a state or a group before a sector noun ("Pakistani jets" ->
  the Pakistani military, "Taliban insurgents" -> Taliban), a word of a group named in
  the article ("resistance forces"), the owner of "its"/"their" ("al-Shabaab said its
  fighters ..."), and sector nouns alone ("protesters");
- offices ("the regional governor", "Mexico's president"): the person the text names as
  the holder, else a person actor named by the phrase;
- communities ("the Meitei and Naga communities") and bodies named by their members
  ("the traders' association"), which keep the article's state.
People and groups that the dictionary does not know become actors of their own.
A person's or an unknown group's country comes from the words that tie it to a state
or a group ("the leader of the Afghan opposition group", "his aide X"), else from the
state the article is mostly about.

`ensure_actor` and `actor_at` are the API the quotes and events stages use for
speakers and doers; pronouns are linked by `coref.py` through `add_mention`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import weakref
from collections import Counter
from dataclasses import dataclass, field

import numpy

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from eventwire.knowledge import actors as knowledge
from eventwire.pipeline.extensions import ACTOR_SPANS, PLACE_SPANS

_NER_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
_LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Dependency relations that carry a description of a name: "X, the leader of ...", "X, who is head of ...".
_DESCRIBING_DEPS = {"appos", "relcl", "acl"}
# Parts of speech that end the noun phrase before a name: "Iranian President X" is one phrase,
# "Pakistan and Taliban" is two.
# The sectors of a state's own institutions.
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
_PHRASE_BREAKS = {"CCONJ", "ADP", "VERB", "AUX", "PUNCT", "DET", "PRON", "SCONJ", "PART"}


def slug(name: str) -> str:
    """An id-safe form of a name: "Ahmad Massoud" -> "ahmad-massoud"."""
    return re.sub(r"[^a-z0-9]+", "-", knowledge.fold(name)).strip("-") or "unnamed"


class _MentionIndex:
    """The actor mentions of a Doc, indexed by token, by start and by actor.

    `actor_at`, `add_mention` and the coreference rules are called once per argument, speaker
    and pronoun; a scan of every mention each time made long articles quadratic. The index
    follows the span group: mentions appended since the last look are added, a group replaced
    wholesale is read again. It keeps positions in the group, never Span objects: a Span holds
    its Doc, and the weak-keyed cache below would then keep every Doc of a run alive.
    """

    def __init__(self, group):
        self.group = group
        self.indexed = 0
        self.longest: dict[int, tuple[int, str]] = {}  # token index -> (mention length, actor id)
        self.seen: set[tuple[int, int, str]] = set()
        self.starts: list[int] = []  # sorted; the mention at self.by_start[i] starts at self.starts[i]
        self.by_start: list[int] = []  # positions in the group
        self.by_actor: dict[str, list[int]] = {}
        self.memo: dict = {}  # see mention_memo

    def update(self) -> _MentionIndex:
        for position in range(self.indexed, len(self.group)):
            mention = self.group[position]
            self.seen.add((mention.start, mention.end, mention.kb_id_))
            size = mention.end - mention.start
            for i in range(mention.start, mention.end):
                if i not in self.longest or size > self.longest[i][0]:
                    self.longest[i] = (size, mention.kb_id_)
            at = bisect.bisect_right(self.starts, mention.start)
            self.starts.insert(at, mention.start)
            self.by_start.insert(at, position)
            self.by_actor.setdefault(mention.kb_id_, []).append(position)
        self.indexed = len(self.group)
        return self


_INDEXES: weakref.WeakKeyDictionary[Doc, _MentionIndex] = weakref.WeakKeyDictionary()


def _mention_index(doc: Doc) -> _MentionIndex | None:
    if ACTOR_SPANS not in doc.spans:
        return None
    group = doc.spans[ACTOR_SPANS]
    index = _INDEXES.get(doc)
    if index is None or index.group is not group or index.indexed > len(group):
        index = _INDEXES[doc] = _MentionIndex(group)
    return index.update()


def mentions_starting(doc: Doc, start: int = 0, end: int | None = None) -> list[Span]:
    """The actor mentions that start at a token in [start, end), in text order.

    doc (Doc): a Doc the actors stage has run on.
    start (int): the first token index.
    end (int | None): the token index to stop before; None for the Doc's end.
    RETURNS (list[Span]): the mentions, each with the actor id as `kb_id_`.
    """
    index = _mention_index(doc)
    if index is None:
        return []
    low = bisect.bisect_left(index.starts, start)
    high = len(index.starts) if end is None else bisect.bisect_left(index.starts, end)
    return [index.group[position] for position in index.by_start[low:high]]


def mentions_of(doc: Doc, actor_id: str, since: int = 0) -> list[Span]:
    """Every mention of one actor, in the order they were recorded (from the `since`-th on)."""
    index = _mention_index(doc)
    return [index.group[position] for position in index.by_actor.get(actor_id, ())[since:]] if index is not None else []


def mention_memo(doc: Doc) -> dict:
    """Scratch space for what callers work out from the actor mentions (coref's genders).

    Mentions are only ever appended, so a memo can note how many it has read; the dict is
    new whenever the mention group is replaced wholesale, which a memo could not follow.
    """
    index = _mention_index(doc)
    return index.memo if index is not None else {}


def add_mention(doc: Doc, span: Span, actor_id: str, kind: str) -> None:
    """Record that `span` refers to `actor_id`; a span already recorded is not added twice."""
    if ACTOR_SPANS not in doc.spans:
        doc.spans[ACTOR_SPANS] = []
    index = _mention_index(doc)
    if (span.start, span.end, actor_id) not in index.seen:
        index.group.append(Span(doc, span.start, span.end, label=kind, kb_id=actor_id))


def actor_at(doc: Doc, span: Span) -> str | None:
    """The actor named by `span`: one whose mention covers the span's head token.

    doc (Doc): a Doc the actors stage has run on.
    span (Span): a noun phrase, a name or a pronoun.
    RETURNS (str | None): the actor id, or None when no mention covers it.
    """
    index = _mention_index(doc)
    found = index.longest.get(span.root.i) if index is not None else None
    return found[1] if found is not None else None


def _trim(span: Span) -> Span:
    """The span without leading articles and possessives or a trailing "'s"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING_WORDS or doc[start].tag_ == "PRP$"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else span


def ensure_actor(doc: Doc, span: Span, kind: str | None = None, speaks: bool = False) -> str | None:
    """The actor `span` names, creating one of its own when no known actor fits.

    Unknown people and groups are kept under their own name, never dropped; a span
    whose words are already a name, alias or surname of an actor of the article links to
    it. Places are not actors: a span the places stage resolved, a river or a building
    (NER LOC, FAC), or a name ending in a place word ("Moi Avenue") gives None, except a
    capital standing for its state ("Moscow said"), which gives the state.
    doc (Doc): a Doc the actors stage has run on.
    span (Span): the words that name the actor.
    kind (str | None): person, organization, country or group; guessed from the words when None.
    speaks (bool): the words are the subject of a speech verb; a town or a province does not
        speak, so such a name is someone named like it ("Hale said").
    RETURNS (str | None): the actor id, or None when the words name a place.
    """
    found = actor_at(doc, span)
    if found:
        return found
    span = _trim(span)
    place = _place_at(doc, span)
    if speaks and place is not None and place.get("kind") != "country" and _capital_state(place) is None:
        place = None
    if place is not None or span.root.ent_type_ in ("LOC", "FAC") or _ends_in_place_word(span):
        state = _capital_state(place) if place is not None else None
        actor_id = _state_actor(doc, state) if state is not None else None
        if actor_id is not None:
            add_mention(doc, span, actor_id, "name")
        return actor_id
    name = span.text.strip()
    actors = doc._.ew_actors if doc._.ew_actors is not None else {}
    folded = knowledge.fold(name)
    for actor_id, actor in actors.items():
        forms = {knowledge.fold(n) for n in [actor["name"], *actor["aliases"]]}
        surname = actor["kind"] == "person" and " " not in folded and any(f.split()[-1] == folded for f in forms if " " in f)
        if folded in forms or surname:
            add_mention(doc, span, actor_id, "surname" if surname and folded not in forms else "name")
            _add_alias(actor, name)
            return actor_id
    actor_id = "actor:" + slug(name)
    if actor_id not in actors:
        kind = kind or _guess_kind(span)
        focus = doc._.ew_focus or {}
        country = None
        if kind in ("person", "organization", "group") and focus.get("country"):
            country = focus["country"]
            focus["actors"].append(actor_id)
        actors[actor_id] = {"id": actor_id, "name": name, "kind": kind, "country": country, "sector": None, "aliases": [name]}
    doc._.ew_actors = actors
    add_mention(doc, span, actor_id, "name")
    return actor_id


def _guess_kind(span: Span) -> str:
    """What an unknown name is: NER's word for it, but a run of 2-4 capitalized words that NER did not
    call an organization and that holds no organization word is a person ("Anahit Grigoryan said"),
    and so is a role noun ("the spokesman")."""
    label = span.root.ent_type_
    words = [t for t in span if t.text != "-"]
    if not label and span.root.lower_ in _cue_words("person_roles"):
        return "person"  # "the district commander said"
    heads = _cue_words("org_heads")
    if label not in ("PERSON", "ORG") and 2 <= len(words) <= 4 and all(t.is_title and t.pos_ == "PROPN" for t in words) \
            and not {t.lower_ for t in words} & heads:
        return "person"
    return _NER_KINDS.get(label, "group")


@functools.lru_cache(maxsize=8)
def _cue_words(name: str) -> frozenset[str]:
    """A word list of the built-in actors_cues.yaml as a set."""
    return frozenset(knowledge.load().cues[name])


_PLACE_INDEXES: weakref.WeakKeyDictionary[Doc, tuple[object, int, dict[int, str]]] = weakref.WeakKeyDictionary()


def _place_at(doc: Doc, span: Span) -> dict | None:
    """The place record the places stage gave the span's head word, if it ran and found one.

    The place mentions are indexed by token once per Doc (events and quotes ask once per argument).
    """
    if PLACE_SPANS not in doc.spans:
        return None
    group = doc.spans[PLACE_SPANS]
    cached = _PLACE_INDEXES.get(doc)
    if cached is None or cached[0] is not group or cached[1] != len(group):
        by_token = {i: mention.kb_id_ for mention in group for i in range(mention.start, mention.end)}
        cached = _PLACE_INDEXES[doc] = (group, len(group), by_token)
    place_id = cached[2].get(span.root.i)
    return None if place_id is None else (doc._.ew_places or {}).get(place_id) or {}


def _ends_in_place_word(span: Span) -> bool:
    last = span[-1]
    return last.is_title and len(span) > 1 and last.lower_ in _cue_words("place_heads")


def _capital_state(place: dict) -> str | None:
    """The ISO3 code of the state whose capital a place record is, else None."""
    if place.get("kind") != "populated_place" or not place.get("geonameid"):
        return None
    from eventwire.gazetteer import gazetteer

    gaz = gazetteer()
    for place_id, _ in gaz.candidates(place["name"]):
        record = gaz.place(place_id)
        if record and record["geonameid"] == place["geonameid"] and record["capital"]:
            return knowledge.iso3_codes().get(record["country"])
    return None


def _state_actor(doc: Doc, iso3: str) -> str | None:
    """The id of a state's actor in the Doc, adding the actor from the dictionary when the text has not named it."""
    entry = knowledge.state(knowledge.load(), iso3)
    if entry is None:
        return None
    actor_id = "actor:" + slug(entry["name"])
    actors = doc._.ew_actors if doc._.ew_actors is not None else {}
    if actor_id not in actors:
        actors[actor_id] = {"id": actor_id, "name": entry["name"], "kind": "country", "country": iso3,
                            "sector": None, "aliases": [entry["name"]]}
    doc._.ew_actors = actors
    return actor_id


class _Index:
    """The dictionary as spaCy matchers, built once per pipeline.

    Match ids are strings "<what>:<index>[:c]": what is `actor` (a name or alias of
    dictionary.actors[index]), `adj` (a state adjective), `people` (a state's people noun),
    `noun` or `qual` (a sector noun of dictionary.sectors[index]); ":c" marks a form written
    with a capital, which must be capitalized in the text too ("Chad", not "chad").
    """

    def __init__(self, nlp: Language, dictionary: knowledge.ActorDictionary):
        self.dictionary = dictionary
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.sector_nouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[tuple[str, str], list[str]] = {}
        for i, entry in enumerate(dictionary.actors):
            for what, forms in (("actor", knowledge.surface_forms(entry)), ("adj", entry["adjectives"]), ("people", entry["people"])):
                for form in forms:
                    exact = knowledge.is_acronym(form)
                    key = f"{what}:{i}" + (":c" if form[:1].isupper() and not exact else "")
                    patterns.setdefault(("acronyms" if exact else "names", key), []).append(form)
        for j, sector in enumerate(dictionary.sectors):
            patterns[("sector_nouns", f"noun:{j}")] = sector["nouns"]
            patterns[("sector_nouns", f"qual:{j}")] = sector["qualified"]
        tokenizer = nlp.tokenizer
        for (matcher, key), forms in patterns.items():
            if forms:
                getattr(self, matcher).add(key, list(tokenizer.pipe(forms)))
        cues = dictionary.cues
        self.titles = {t: (None if sector == "untyped" else sector) for sector, words in cues["titles"].items() for t in words}
        # "Corporal Abdi Nuur Ali" that NER left out: a capitalized title before two to four capitalized names
        self.titled = Matcher(nlp.vocab)  # NER also splits such names ("Warsame Cali" PERSON, "Nuur" ORG)
        one_word = sorted({t for t in self.titles if " " not in t and "." not in t})
        self.titled.add("TITLED", [[{"LOWER": {"IN": one_word}, "IS_TITLE": True},
                                    {"POS": "PROPN", "IS_TITLE": True, "ENT_TYPE": {"IN": ["", "PERSON", "ORG", "WORK_OF_ART", "PRODUCT"]},
                                     "OP": "{2,4}"}]],
                         greedy="LONGEST")
        self.person_roles = set(cues["person_roles"])
        self.offices = set(cues["offices"])
        self.communities = set(cues["communities"])
        self.member_bodies = set(cues["member_bodies"])
        # their LOWER hashes, sorted: the Doc's words are looked up at once, not token by token
        self.cue_hashes = numpy.array(sorted(nlp.vocab.strings.add(w) for w in self.offices | self.communities | self.member_bodies),
                                      dtype=numpy.uint64)
        self.role_links = set(cues["role_links"])
        sector_words = {n for s in dictionary.sectors for n in s["nouns"] + s["qualified"]}
        self.org_heads = set(cues["org_heads"])
        # lower-case words that continue an unknown organization's name ("Ulema council"), but not
        # sector nouns, which describe a named group instead ("Taliban forces")
        self.name_continuations = self.org_heads - sector_words
        self.place_heads = set(cues["place_heads"])
        self.pronouns = set(cues["pronouns"])
        self.places = knowledge.place_names()
        self.state_index = {e["country"]: i for i, e in enumerate(dictionary.actors) if e["kind"] == "country"}

    def matches(self, doc: Doc) -> list[tuple[int, int, str, int]]:
        """Dictionary matches in a Doc as (start, end, what, index), capitalization checked."""
        found = []
        for matcher in (self.names, self.acronyms, self.sector_nouns):
            for match_id, start, end in matcher(doc):
                what, index, *capital = doc.vocab.strings[match_id].split(":")
                if capital and not doc[start].text[:1].isupper():
                    continue
                found.append((start, end, what, int(index)))
        return found

    def cue_tokens(self, doc: Doc) -> list[int]:
        """The indices of the Doc's words that are offices, community nouns or member-body nouns."""
        lowers = doc.to_array("LOWER")
        at = numpy.searchsorted(self.cue_hashes, lowers).clip(0, len(self.cue_hashes) - 1)
        return numpy.nonzero(self.cue_hashes[at] == lowers)[0].tolist()

    def title_size(self, doc: Doc, start: int, end: int) -> int | None:
        """How many tokens of a title open doc[start:end] ("Foreign Minister X" -> 2), leaving a name after it."""
        for size in (3, 2, 1):
            if start + size < end and (found := self.title_before(doc, start + size)) and found[0] <= start:
                return size
        return None

    def title_before(self, doc: Doc, start: int) -> tuple[int, str | None] | None:
        """A title ending just before token `start` ("President", "Lt. Gen."): (its start, its sector)."""
        for size in (3, 2, 1):
            first = start - size
            if first < 0:
                continue
            words = " ".join(t.lower_.rstrip(".") for t in doc[first:start] if t.text != ".")
            if words in self.titles and doc[first].text[:1].isupper():
                return first, self.titles[words]
        return None


@dataclass
class _Name:
    """A candidate name in the text: from the dictionary (`entry` set) or from NER (`label` set)."""

    start: int
    end: int
    label: str
    what: str = "ner"  # ner, actor, adj, people
    index: int = -1
    title_sector: str | None = None


@dataclass
class _Actor:
    """An actor being built for one article."""

    id: str
    kind: str
    country: str | None
    sector: str | None
    name: str | None = None  # fixed for dictionary actors; else the longest name form
    forms: list[tuple[str, str]] = field(default_factory=list)  # (surface text, mention kind)

    def record(self) -> dict:
        # descriptions ("Taliban insurgents") are aliases only of actors that have no name
        named = [text for text, kind in self.forms if kind != "nominal"]
        aliases = list(dict.fromkeys(named or [text for text, _ in self.forms]))
        names = [text for text, kind in self.forms if kind == "name"] or aliases
        name = self.name or max(names, key=lambda n: (len(n.split()), len(n)))
        return {"id": self.id, "name": name, "kind": self.kind, "country": self.country, "sector": self.sector, "aliases": aliases}


class _ArticleLinker:
    """Links the mentions of one Doc; `run()` writes doc._.ew_actors and doc.spans["ew_actors"]."""

    def __init__(self, doc: Doc, index: _Index):
        self.doc = doc
        self.index = index
        self.entries = index.dictionary.actors
        self.actors: dict[str, _Actor] = {}
        self.mentions: list[tuple[int, int, str, str]] = []
        self.covered: dict[int, str] = {}  # token index -> actor id
        self.linked: set[tuple[int, int, str]] = set()
        self.acronyms: dict[str, str] = {}
        self.state_at: dict[int, str] = {}  # token index -> ISO3 of a state name or adjective there
        # unnamed offices, communities, bodies named by their members: of the article's state unless told
        self.local: set[str] = set()
        self.cue_at: list[int] = []  # token indices of office, community and member-body nouns

    # -- building blocks --------------------------------------------------------------------------
    def link(self, start: int, end: int, actor_id: str, kind: str) -> None:
        if (start, end, actor_id) in self.linked:
            return
        self.linked.add((start, end, actor_id))
        span = self.doc[start:end]
        if kind != "pronoun" and span.text.lower() not in self.index.pronouns:
            self.actors[actor_id].forms.append((span.text, kind))
        self.mentions.append((start, end, actor_id, kind))
        for i in range(start, end):
            self.covered.setdefault(i, actor_id)

    def dictionary_actor(self, i: int) -> str:
        entry = self.entries[i]
        actor_id = "actor:" + slug(entry["name"])
        if actor_id not in self.actors:
            self.actors[actor_id] = _Actor(actor_id, entry["kind"], entry["country"], entry["sector"], entry["name"])
        return actor_id

    def sector_actor(self, state: int | None, sector_index: int) -> str:
        """The actor for a sector of a state ("Pakistani military") or a generic one ("protesters")."""
        sector = self.index.dictionary.sectors[sector_index]
        if state is None:
            actor_id = "actor:" + slug(sector["label"])
            name, country = sector["label"], None
        else:
            entry = self.entries[state]
            qualifier = entry["adjectives"][0] if entry["adjectives"] else entry["name"]
            name, country = f"{qualifier} {sector['label']}", entry["country"]
            actor_id = "actor:" + slug(f"{country} {sector['label']}")
        if actor_id not in self.actors:
            self.actors[actor_id] = _Actor(actor_id, sector["kind"], country, sector["sector"], name)
        return actor_id

    def own_actor(self, text: str, kind: str) -> str:
        actor_id = "actor:" + slug(text)
        if actor_id not in self.actors:
            self.actors[actor_id] = _Actor(actor_id, kind, None, None)
        return actor_id

    # -- the steps ------------------------------------------------------------------------------------
    def run(self) -> None:
        matches = self.settle_shared_names(self.index.matches(self.doc))
        for start, end, what, i in matches:
            if what in ("actor", "adj", "people") and self.entries[i]["kind"] == "country":
                for t in range(start, end):
                    self.state_at[t] = self.entries[i]["country"]
        names = self.names(matches)
        sector_matches = self.free_sector_matches(matches, names)
        combined = self.link_descriptions(sector_matches, names)
        self.link_names([n for n in names if n.start not in combined])
        self.link_acronym_uses()
        self.link_group_words(sector_matches)
        self.cue_at = self.index.cue_tokens(self.doc)
        self.link_offices()
        self.link_local_groups()
        self.assign_countries()
        self.write()

    def settle_shared_names(self, matches) -> list[tuple[int, int, str, int]]:
        """A name several states go by ("Congo") names the one the article names in another way
        ("Congolese", "DRC"), else its default state."""
        shared = self.index.dictionary.shared_names
        if not shared:
            return matches
        doc = self.doc
        folded = {(s, e): knowledge.fold(doc[s:e].text) for s, e, what, _ in matches if what == "actor"}
        attested = Counter(
            self.entries[i]["country"] for s, e, what, i in matches
            if what in ("actor", "adj", "people") and self.entries[i]["kind"] == "country" and folded.get((s, e)) not in shared
        )
        settled = []
        for s, e, what, i in matches:
            codes = shared.get(folded.get((s, e), ""))
            if codes:
                best = max(codes, key=lambda c: (attested[c], -codes.index(c)))
                i = self.index.state_index.get(best, i)
            settled.append((s, e, what, i))
        return settled

    def names(self, matches) -> list[_Name]:
        """Dictionary names and NER names, cleaned, places left out, overlaps resolved (longest wins)."""
        doc, index = self.doc, self.index
        dateline = doc._.ew_dateline_end or 0  # the filing place of a wire story names nobody
        candidates = [
            _Name(s, e, "DICT", what, i)
            for s, e, what, i in matches
            if what in ("actor", "adj", "people") and doc[s].idx >= dateline
        ]
        place_texts = {knowledge.fold(e.text) for e in doc.ents if e.label_ in _PLACE_LABELS}
        # lower-case sector words after a state's name or adjective ("Azerbaijan's defence ministry")
        described = {s for s, e, what, _ in matches if what in ("noun", "qual") and doc[s].is_lower
                     and (s - 1 in self.state_at or (s > 1 and doc[s - 1].tag_ == "POS" and s - 2 in self.state_at))}
        in_titles: set[int] = set()
        for ent in doc.ents:
            if ent.label_ not in _NER_KINDS or ent.start_char < dateline:
                continue
            span = _trim(ent)
            if span.start in described:
                continue  # NER's "defence ministry" in "Azerbaijan's defence ministry": the state's sector
            start, end = span.start, span.end
            title = None
            if ent.label_ == "PERSON":
                while (size := index.title_size(doc, start, end)) is not None:
                    title, start = (start, index.title_before(doc, start + size)[1]), start + size
                title = index.title_before(doc, start) or title
            if ent.label_ == "PERSON":  # "James Gatluak" of "James Gatluak Puok": NER stopped short
                while end < len(doc) and end - start < 4 and doc[end].is_title and doc[end].pos_ == "PROPN" \
                        and self.name_word(doc[end]) and doc[end].lower_ not in index.place_heads:
                    end += 1
            if ent.label_ == "ORG":
                while end < len(doc) and doc[end].is_lower and doc[end].lower_ in index.name_continuations:
                    end += 1
                while end - start > 1 and doc[end - 1].lower_ in index.person_roles:
                    end -= 1  # "a WFP coordinator": NER's "WFP Coordinator" is the organization's person
            if start >= end or self.is_place(doc[start:end], ent.label_, place_texts):
                continue
            label = ent.label_
            if label == "ORG" and self.names_a_person(doc[start:end]):
                label = "PERSON"
                title = index.title_before(doc, start)
            candidates.append(_Name(start, end, label, title_sector=title[1] if title else None))
            if title:
                in_titles.update(range(title[0], start))
        for _, first, end in index.titled(doc) if doc.has_annotation("POS") else ():
            start = first + 1
            inner = [k for k in range(start, end - 2) if doc[k].lower_ in index.titles]
            if inner:
                start = inner[-1] + 1  # "Deputy Treasury Secretary X": the title ends at its last title word
            while (size := index.title_size(doc, start, end)) is not None:
                start += size  # "Deputy Foreign Minister X"
            if doc[first].idx >= dateline and end - start >= 2:
                title = index.title_before(doc, start)
                candidates.append(_Name(start, end, "PERSON", title_sector=title[1] if title else None))
        # "Secretary of State X": NER's ORG "State" is part of a person's title
        candidates = [n for n in candidates if n.what != "ner" or not in_titles.issuperset(range(n.start, n.end))]
        candidates.sort(key=lambda n: (-(n.end - n.start), n.what == "ner", n.start))
        taken: set[int] = set()
        chosen = []
        for name in candidates:
            if not taken.intersection(range(name.start, name.end)):
                chosen.append(name)
                taken.update(range(name.start, name.end))
        return sorted(chosen, key=lambda n: n.start)

    def name_word(self, token) -> bool:
        """Whether a word after a person's name can go on with it: no entity of its own, or one word NER
        labelled on its own that names no state ("Singh" of "Premjit Singh" read as a GPE)."""
        if not token.ent_type_:
            return True
        alone = token.ent_iob_ == "B" and (token.i + 1 == len(self.doc) or self.doc[token.i + 1].ent_iob_ != "I")
        return alone and token.ent_type_ in _NER_KINDS and token.i not in self.state_at

    def is_place(self, span: Span, label: str, place_texts: set[str]) -> bool:
        """Whether an NER name is a place the places stage should have, not an actor."""
        doc, index = self.doc, self.index
        if label == "GPE":
            return True  # states are dictionary names; other GPEs are towns and provinces
        following = doc[span.end] if span.end < len(doc) else None
        if following is not None and (following.lower_ in index.place_heads or following.lemma_.lower() in index.place_heads):
            return True
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head  # "the Tigris and Euphrates rivers": the first conjunct hangs on "rivers" too
        if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in index.place_heads:
            return True
        folded = knowledge.fold(span.text)
        if label == "ORG" and folded in place_texts:
            return True
        words = {t.lower_ for t in span}
        return label == "ORG" and folded in index.places and not words & index.org_heads

    def names_a_person(self, span: Span) -> bool:
        """Whether an ORG from NER is a person's name: "his close aide Fahim Dashty", "President X"."""
        index = self.index
        words = [t for t in span if t.text != "-"]  # "Jean-Baptiste Kalume"
        if not 1 <= len(words) <= 3 or any(not t.is_title or not t.is_alpha for t in words):
            return False
        if {t.lower_ for t in words} & index.org_heads:
            return False
        if span.root.dep_ == "appos" and span.root.head.lower_ in ("name", "nickname"):
            return True  # "who gave only his first name, Hamidou"
        if len(words) == 1:
            return False
        before = self.doc[span.start - 1] if span.start > 0 else None
        if before is not None and (before.lower_ in index.person_roles or index.title_before(self.doc, span.start) is not None):
            return True
        # "NAME, a civil society leader, said": described by a person role.
        if any(c.dep_ == "appos" and c.lower_ in index.person_roles for t in span for c in t.children):
            return True
        # "The leader of the X Movement, NAME, said": in apposition under a person role, however attached.
        return span.root.dep_ == "appos" and any(a.lower_ in index.person_roles for a in list(span.root.ancestors)[:4])

    def free_sector_matches(self, matches, names: list[_Name]) -> list[tuple[int, int, str, int]]:
        """Sector noun matches outside names, longest first among overlaps."""
        in_names = {i for n in names if n.what != "adj" for i in range(n.start, n.end)}
        found = sorted(
            ((s, e, what, i) for s, e, what, i in matches if what in ("noun", "qual")),
            key=lambda m: (-(m[1] - m[0]), m[0]),
        )
        taken: set[int] = set(in_names)
        chosen = []
        for s, e, what, i in found:
            last = self.doc[e - 1]
            modifies_next = last.dep_ in ("amod", "compound", "nmod") and last.head.i >= e
            if not modifies_next and not taken.intersection(range(s, e)):
                chosen.append((s, e, what, i))
                taken.update(range(s, e))
        return sorted(chosen)

    def link_descriptions(self, sector_matches, names: list[_Name]) -> set[int]:
        """Link "<state or group> <sector noun>" phrases; RETURNS the starts of the names used up."""
        doc = self.doc
        by_end = {n.end: n for n in names}
        used = set()
        for start, end, what, i in sector_matches:
            before = start
            if before > 0 and doc[before - 1].pos_ == "ADJ" and before - 1 not in self.state_at:
                before -= 1  # "Romania's new government"
            if before > 0 and doc[before - 1].tag_ == "POS":
                before -= 1
            name = by_end.get(before)
            if name is None:
                continue
            if name.what in ("actor", "adj", "people") and self.entries[name.index]["kind"] == "country":
                actor_id = self.sector_actor(name.index, i)
                self.link(name.start, end, actor_id, "name")
                entry = self.entries[name.index]
                if knowledge.fold(doc[name.start : name.end].text) in {knowledge.fold(f) for f in knowledge.surface_forms(entry)}:
                    self.link(name.start, name.end, self.dictionary_actor(name.index), "name")  # "U.S. warplanes": the US too
                # "American and British warplanes": the state before "and" has the same sector
                other = by_end.get(name.start - 1) if name.start > 0 and doc[name.start - 1].lower_ in ("and", "or") else None
                if other is not None and other.what in ("actor", "adj") and self.entries[other.index]["kind"] == "country":
                    self.link(other.start, other.end, self.sector_actor(other.index, i), "name")
                    used.add(other.start)
            elif name.what == "actor":
                self.link(name.start, name.end, self.dictionary_actor(name.index), "name")
                self.link(name.start, end, self.covered[name.start], "nominal")
            elif name.label in ("ORG", "NORP"):
                actor_id = self.own_actor(doc[name.start : name.end].text, "group" if name.label == "NORP" else "organization")
                self.link(name.start, name.end, actor_id, "name")
                self.link(name.start, end, actor_id, "nominal")
            else:
                continue
            used.add(name.start)
        return used

    def link_names(self, names: list[_Name]) -> None:
        """Link dictionary names, people (full names first, then surnames), organizations and groups."""
        doc = self.doc
        persons, organizations = [], []
        for name in names:
            span = doc[name.start : name.end]
            if name.what == "actor":
                form = "acronym" if knowledge.is_acronym(span.text) else "name"
                self.link(name.start, name.end, self.dictionary_actor(name.index), form)
            elif name.what == "people":
                people = next(j for j, s in enumerate(self.index.dictionary.sectors) if s["label"] == "civilians")
                self.link(name.start, name.end, self.sector_actor(name.index, people), "name")
            elif name.label == "PERSON":
                persons.append(name)
            elif name.label in ("ORG", "NORP"):
                organizations.append((span, name.label))
        surnames = self.link_persons(persons)
        for span, label in organizations:
            if " " not in span.text and span.text.lower() in surnames:  # NER's "Marquez" ORG after "Helena Marquez"
                self.link(span.start, span.end, surnames[span.text.lower()], "surname")
            elif label == "ORG":
                self.link_organization(span)
            elif span.root.tag_ in ("NNS", "NNPS"):
                self.link(span.start, span.end, self.own_actor(span.text, "group"), "name")

    def link_organization(self, span: Span) -> None:
        """An organization from NER: an acronym already defined, a shorter form of one seen, or a new actor."""
        doc = self.doc
        text = span.text
        actor_id = self.resolve_acronym(text) if len(span) == 1 and text.isupper() else None
        if actor_id is None:
            folded = knowledge.fold(text)
            for other in self.actors.values():
                if other.kind == "organization" and any(
                    knowledge.fold(form).startswith(folded + " ") or knowledge.fold(form) == folded for form, _ in other.forms
                ):
                    actor_id = other.id
                    break
        kind = "acronym" if actor_id and text.isupper() else "name"
        if actor_id is None:
            actor_id = self.own_actor(text, "organization")
            actor = self.actors[actor_id]
            for sector in self.index.dictionary.sectors:
                if any(n.lower() in knowledge.fold(text) for n in sector["nouns"]) and not actor.sector:
                    actor.sector = sector["sector"]
            actor.country = next((self.state_at[i] for i in range(span.start, span.end) if i in self.state_at), None)
        self.link(span.start, span.end, actor_id, kind)
        # "... of Afghanistan (NRFA)": the bracketed acronym names the same actor
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            acronym = doc[span.end + 1]
            if acronym.is_upper and acronym.is_alpha and len(acronym) >= 2:
                self.acronyms[acronym.text] = actor_id
                self.link(acronym.i, acronym.i + 1, actor_id, "acronym")

    def resolve_acronym(self, text: str) -> str | None:
        """The actor an acronym names: defined in the text, part of a defined one, or the initials of a name."""
        if text in self.acronyms:
            return self.acronyms[text]
        for defined, actor_id in self.acronyms.items():
            if len(text) >= 2 and (defined.startswith(text) or text.startswith(defined)):
                return actor_id
        for actor in self.actors.values():
            if actor.kind != "organization":
                continue
            for form, kind in actor.forms:
                initials = "".join(w[0] for w in form.split() if w[:1].isupper())
                if kind == "name" and len(initials) >= 2 and (initials == text or (len(text) >= 3 and initials.startswith(text))):
                    return actor.id
        return None

    def link_persons(self, persons: list[_Name]) -> dict[str, str]:
        """Full names become actors; a lone surname or first name joins the nearest full name it ends.

        RETURNS (dict[str, str]): lower-cased last names of the full names -> their actor ids.
        """
        doc = self.doc
        full: list[tuple[int, str, list[str]]] = []
        for name in (n for n in persons if n.end - n.start >= 2):
            words = [t.lower_ for t in doc[name.start : name.end]]
            actor_id = next((a for _, a, w in full if w == words), None) or self.own_actor(doc[name.start : name.end].text, "person")
            full.append((name.start, actor_id, words))
            self.link(name.start, name.end, actor_id, "name")
            self.actors[actor_id].sector = self.actors[actor_id].sector or name.title_sector
        for name in (n for n in persons if n.end - n.start == 1):
            word = doc[name.start].lower_
            fitting = [(abs(name.start - s), s > name.start, a) for s, a, w in full if w[-1] == word or w[0] == word]
            if fitting:
                actor_id = min(fitting)[2]
                self.link(name.start, name.end, actor_id, "surname")
            else:
                actor_id = self.own_actor(doc[name.start].text, "person")
                self.link(name.start, name.end, actor_id, "name")
            self.actors[actor_id].sector = self.actors[actor_id].sector or name.title_sector
        return {doc[start : start + len(words)].text.split()[-1].lower(): actor_id
                for start, actor_id, words in full}

    def link_acronym_uses(self) -> None:
        """All-capital words nobody linked yet that stand for an actor of the article ("NRF")."""
        for token in self.doc:
            if token.i in self.covered or not (token.is_upper and token.is_alpha and len(token) >= 2):
                continue
            actor_id = self.resolve_acronym(token.text)
            if actor_id:
                self.link(token.i, token.i + 1, actor_id, "acronym")

    def link_group_words(self, sector_matches) -> None:
        """Sector nouns left: "resistance forces" -> the group whose name holds "resistance"; else generic."""
        doc = self.doc
        name_words = {}
        for actor in self.actors.values():
            if actor.kind in ("organization", "group"):
                for form, kind in actor.forms:
                    for word in form.split():
                        if len(word) > 3 and word[:1].isupper():
                            name_words.setdefault(word.lower(), actor.id)
        for start, end, what, i in sector_matches:
            if start in self.covered:
                continue
            before = doc[start - 1] if start > 0 else None
            owner = self.possessor_actor(before) if before is not None and before.lower_ in ("its", "their") else None
            if owner is not None:  # "al-Shabaab said its fighters ...": the group's own
                actor = self.actors[owner]
                # a state, or one of its institutions, owns its sectors: "the ministry said its troops" -> the military
                institution = actor.kind == "organization" and actor.sector in _STATE_SECTORS
                own = actor.kind == "country" or (institution and actor.sector != self.index.dictionary.sectors[i]["sector"])
                state = self.index.state_index.get(actor.country) if own else None
                self.link(start, end, owner if state is None else self.sector_actor(state, i), "nominal")
            elif before is not None and before.lower_ in name_words and before.i not in self.covered:
                self.link(before.i, end, name_words[before.lower_], "nominal")
            elif what == "noun":
                self.link(start, end, self.sector_actor(None, i), "nominal")

    def link_offices(self) -> None:
        """Offices one person holds ("the regional governor", "Mexico's president", "the interior minister"):
        the person the text names as the holder, in apposition ("X, the home minister,") or by title or
        description elsewhere ("President X", "X, the governor of ..."), else an actor of the office's own."""
        doc, offices = self.doc, self.index.offices
        tokens = [doc[i] for i in self.cue_at if doc[i].lower_ in offices]
        holders = self.office_holders() if tokens else {}
        unnamed: dict[str, list[tuple[str | None, str]]] = {}  # office word -> [(its state, actor id)]
        for token in tokens:
            word = token.lower_
            if token.tag_ in ("NNS", "NNPS") or token.i in self.covered:
                continue
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if after is not None and (self.person_at(after.i) or (token.is_title and after.is_title and after.pos_ == "PROPN")):
                continue  # a title: "President X", "the minister Y"
            start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("amod", "compound", "nmod", "poss")
                                     and c.tag_ != "PRP$" and c.lower_ not in _LEADING_WORDS])
            if any(i in self.covered and not self.state_at.get(i) for i in range(start, token.i)):
                continue  # "the Ulema council's president" describes another name's office
            state = next((self.state_at[i] for i in range(start, token.i) if i in self.state_at), None)
            holder = self.appositive_person(token) or self.nearest_holder(holders.get(word, ()), token.i, state)
            if holder is not None:
                self.link(start, token.i + 1, holder, "role")
                person = self.actors[holder]
                person.country = person.country or state
                person.sector = person.sector or self.index.titles.get(word)
                continue
            same = [a for s, a in unnamed.get(word, ()) if state is None or s in (None, state)]
            if same:
                self.link(start, token.i + 1, same[0], "role")
                continue
            end = token.i + 1
            of = doc[end] if end < len(doc) else None
            if of is not None and of.lower_ == "of" and of.head.i == token.i:
                end = min(of.right_edge.i + 1, end + 6)  # "the governor of the Sahel region"
            name = _trim(doc[start:end]).text
            actor_id = "actor:" + slug(name)
            if actor_id not in self.actors:
                self.actors[actor_id] = _Actor(actor_id, "person", state, self.index.titles.get(word) or "GOV", name)
            unnamed.setdefault(word, []).append((state, actor_id))
            self.local.add(actor_id)
            self.link(start, token.i + 1, actor_id, "role")

    def link_local_groups(self) -> None:
        """Communities named before their noun ("the Meitei and Kuki-Zo communities" -> Meitei, Kuki-Zo) and
        bodies named by their members ("the Bannu traders' association")."""
        doc, index = self.doc, self.index
        for token in (doc[i] for i in self.cue_at):
            word = token.lower_
            if token.i in self.covered or not token.is_lower:
                continue
            if word in index.communities:
                names = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper()]
                names += [c for n in names for c in n.children if c.dep_ == "conj" and c.text[:1].isupper()]
                for name in names:
                    first = min([name.i] + [c.left_edge.i for c in name.lefts if c.dep_ == "compound"])
                    if any(i in self.covered for i in range(first, name.i + 1)) or name.i in self.state_at:
                        continue
                    actor_id = self.own_actor(doc[first : name.i + 1].text, "group")
                    self.local.add(actor_id)
                    self.link(first, name.i + 1, actor_id, "name")
            elif word in index.member_bodies and token.tag_ == "NN":
                members = next((c for c in token.lefts if c.tag_ == "NNS" and c.dep_ in ("poss", "compound")), None)
                if members is None or any(self.person_at(i) for i in range(members.left_edge.i, token.i)):
                    continue  # a person's possession, not a body named by its members
                first = members.left_edge.i
                while doc[first].lower_ in _LEADING_WORDS:
                    first += 1
                actor_id = self.own_actor(doc[first : token.i + 1].text, "organization")
                self.local.add(actor_id)
                self.link(first, token.i + 1, actor_id, "name")

    def person_at(self, i: int) -> str | None:
        actor_id = self.covered.get(i)
        return actor_id if actor_id is not None and self.actors[actor_id].kind == "person" else None

    def office_holders(self) -> dict[str, list[tuple[int, str, str | None]]]:
        """Office word -> (mention start, person, country) for each person the text gives an office: by a title
        ("Foreign Minister X") or in apposition ("X, the governor of ...", "the home minister, X")."""
        doc, offices = self.doc, self.index.offices
        holders: dict[str, list[tuple[int, str]]] = {}
        for start, end, actor_id, kind in self.mentions:
            if kind != "name" or self.actors[actor_id].kind != "person":
                continue
            words = set()
            title = self.index.title_before(doc, start)
            if title is not None:
                words.add(doc[start - 1].lower_.rstrip("."))
            root = doc[start:end].root
            words.update(c.lower_ for c in root.children if c.dep_ == "appos")
            if root.dep_ == "appos":
                words.add(root.head.lower_)
            held = words & offices
            country = (self.actors[actor_id].country or self.country_from_words(doc[start:end])) if held else None
            for word in held:
                holders.setdefault(word, []).append((start, actor_id, country))
        return {word: sorted(found) for word, found in holders.items()}

    def appositive_person(self, token) -> str | None:
        """The person an office noun stands in apposition to: "X, the regional governor", "the governor, X"."""
        if token.dep_ == "appos" and (holder := self.person_at(token.head.i)):
            return holder
        return next((self.person_at(c.i) for c in token.children if c.dep_ == "appos" and self.person_at(c.i)), None)

    def nearest_holder(self, holders, i: int, state: str | None) -> str | None:
        """The holder named nearest the office noun, an earlier one first; an office of a state ("Mexico's
        president") is held by a person of that state, or of no known state named before it."""
        at = bisect.bisect_left(holders, (i,))  # holders are in text order: look back from the office, then on
        for k in itertools.chain(range(at - 1, -1, -1), range(at, len(holders))):
            start, actor_id, country = holders[k]
            if state is None or country == state or (country is None and start < i):
                return actor_id
        return None

    def possessor_actor(self, word) -> str | None:
        """The group, organization or state "its"/"their" stands for: the subject of a clause above the
        word ("al-Shabaab said its fighters had ..."), else the last such actor named earlier in the sentence."""
        head = word.head
        for _ in range(4):
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != word.head.i and child.i in self.covered:
                    actor_id = self.covered[child.i]
                    if self.actors[actor_id].kind != "person":
                        return actor_id
            if head.head.i == head.i:
                break
            head = head.head
        for i in range(word.i - 1, word.sent.start - 1, -1):  # the sentence's words only: linear in the article
            if i in self.covered and self.actors[self.covered[i]].kind != "person":
                return self.covered[i]
        return None

    def assign_countries(self) -> None:
        """Give people and new organizations the country the text ties them to, else the article's state."""
        doc = self.doc
        by_actor: dict[str, list[tuple[int, int, str]]] = {}
        for start, end, actor_id, kind in self.mentions:
            by_actor.setdefault(actor_id, []).append((start, end, kind))
        pending = []
        for actor_id, actor in self.actors.items():
            if actor.country is not None or actor.kind not in ("person", "organization"):
                continue
            for start, end, _ in by_actor.get(actor_id, []):
                actor.country = self.country_from_words(doc[start:end])
                if actor.country:
                    break
            if actor.country is None and actor.kind == "person":
                pending.append(actor_id)
        for actor_id in pending:  # "his close aide X": the country of the person "his" points to
            for start, end, _ in by_actor.get(actor_id, []):
                owner = self.possessor_person(doc[start:end])
                if owner and self.actors[owner].country:
                    self.actors[actor_id].country = self.actors[owner].country
                    break
        focus = self.focus_country()
        doc._.ew_focus = {"country": focus, "actors": []}
        generic = {"actor:" + slug(sector["label"]) for sector in self.index.dictionary.sectors}
        for actor in self.actors.values():
            # people, new organizations, and groups the text gives no state ("police", "a village militia")
            unnamed = actor.name is None or actor.id in generic or actor.id in self.local
            if actor.country is None and actor.kind in ("person", "organization", "group") and unnamed:
                actor.country = focus
                doc._.ew_focus["actors"].append(actor.id)

    def country_from_words(self, span: Span) -> str | None:
        """A state named in the noun phrase before a name ("Russian foreign ministry spokesman X") or in
        its description ("X, the leader of the Afghan ...", "his Azerbaijani counterpart, X")."""
        doc = self.doc
        title = self.index.title_before(doc, span.start)
        first = title[0] if title else span.start
        for i in range(first - 1, max(first - 6, -1), -1):
            if doc[i].pos_ in _PHRASE_BREAKS and doc[i].tag_ != "POS":
                break
            country = self.state_at.get(i) or self.country_of_mention(i)
            if country:
                return country
        heads = [c for t in span for c in t.children if c.dep_ in _DESCRIBING_DEPS and c.i >= span.end]
        if span.root.dep_ == "appos":
            heads.append(span.root.head)
        for head in heads:
            for child in head.children:  # "the Russian envoy, X"
                if child.i < head.i and child.i in self.state_at and child.dep_ in ("amod", "compound", "poss", "nmod"):
                    return self.state_at[child.i]
            for token in head.subtree:
                if token.lower_ not in self.index.role_links:
                    continue
                for child in token.children:
                    if child.i in self.state_at and child.i < token.i:
                        return self.state_at[child.i]
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for inner in child.subtree:
                            country = self.state_at.get(inner.i) or self.country_of_mention(inner.i)
                            if country:
                                return country
        return None

    def country_of_mention(self, i: int) -> str | None:
        actor_id = self.covered.get(i)
        return self.actors[actor_id].country if actor_id else None

    def possessor_person(self, span: Span) -> str | None:
        """For "his close aide X" or "Y's aide X": the person the possessive points to (the last one named before)."""
        doc = self.doc
        role = span.root.head if span.root.dep_ in ("appos", "compound") else None
        if span.start > 0 and doc[span.start - 1].lower_ in self.index.person_roles:
            role = doc[span.start - 1]
        if role is None:
            return None
        owner = next((c for c in role.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.i in self.covered:
            return self.covered[owner.i]
        earlier = [(s, a) for s, _, a, _ in self.mentions if s < span.start and self.actors[a].kind == "person" and a != self.covered.get(span.start)]
        return max(earlier)[1] if earlier else None

    def focus_country(self) -> str | None:
        """The state the article is mostly about: named at least twice and more than any other."""
        counts = Counter(self.state_at[i] for i in self.state_at if i == 0 or self.state_at.get(i - 1) != self.state_at[i])
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def write(self) -> None:
        doc = self.doc
        doc._.ew_actors = {actor_id: actor.record() for actor_id, actor in self.actors.items() if actor.forms}
        doc.spans[ACTOR_SPANS] = [Span(doc, s, e, label=kind, kb_id=a) for s, e, a, kind in self.mentions]


class ActorsStage:
    """Link every mention of a person, organization, group or state to an actor."""

    def __init__(self, nlp: Language, name: str, extra_dictionary: str | None = None):
        self.name = name
        self.extra_dictionary = extra_dictionary
        self.index = _Index(nlp, knowledge.load(extra_dictionary))

    def __call__(self, doc: Doc) -> Doc:
        _ArticleLinker(doc, self.index).run()
        return doc


class ActorPlacesStage:
    """After the places stage: a state name two states share follows the places stage's reading of it
    ("Congo" in a story about Djugu is the Democratic Republic), and a capital that acts ("Moscow said",
    "Baku's offer") stands for its state."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.shared = knowledge.load().shared_names

    def __call__(self, doc: Doc) -> Doc:
        if PLACE_SPANS not in doc.spans or ACTOR_SPANS not in doc.spans or not doc._.ew_actors:
            return doc
        actors = doc._.ew_actors
        codes = knowledge.iso3_codes()
        mentions = list(doc.spans[ACTOR_SPANS])
        moved: dict[str, str] = {}
        for k, mention in enumerate(mentions):
            actor = actors.get(mention.kb_id_) or {}
            options = self.shared.get(knowledge.fold(mention.text)) if actor.get("kind") == "country" else None
            place = _place_at(doc, mention) if options else None
            iso3 = codes.get(place.get("country")) if place else None
            if iso3 in (options or ()) and iso3 != actor["country"]:
                new_id = _state_actor(doc, iso3)
                if new_id is not None:
                    moved[mention.kb_id_] = new_id
                    mentions[k] = Span(doc, mention.start, mention.end, label=mention.label_, kb_id=new_id)
                    _add_alias(actors[new_id], mention.text)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        dateline = doc._.ew_dateline_end or 0
        for span in doc.spans[PLACE_SPANS]:
            if span.root.i in covered or span.start_char < dateline or span.root.dep_ not in ("nsubj", "poss") or span.root.head.pos_ not in ("VERB", "AUX", "NOUN"):
                continue
            state = _capital_state((doc._.ew_places or {}).get(span.kb_id_) or {})
            actor_id = _state_actor(doc, state) if state else None
            if actor_id is not None:
                mentions.append(Span(doc, span.start, span.end, label="name", kb_id=actor_id))
                _add_alias(actors[actor_id], span.text)
        mentions = self.drop_places(doc, mentions)
        doc.spans[ACTOR_SPANS] = mentions
        left = {m.kb_id_ for m in mentions}
        for old, new in moved.items():
            if old in left:
                continue
            old_code, new_code = actors.pop(old)["country"], actors[new]["country"]
            for actor in actors.values():  # people and groups that took the state from it
                if actor["country"] == old_code:
                    actor["country"] = new_code
        self.refocus(doc, mentions)
        return doc

    @staticmethod
    def drop_places(doc: Doc, mentions: list[Span]) -> list[Span]:
        """Unknown one-word names NER took for people or organizations that the places stage resolved
        wherever they occur ("the road between Gao and Menaka") are places, not actors."""
        actors = doc._.ew_actors
        in_places = {i for span in doc.spans[PLACE_SPANS] for i in range(span.start, span.end)}
        by_actor: dict[str, list[Span]] = {}
        for mention in mentions:
            by_actor.setdefault(mention.kb_id_, []).append(mention)
        places = set()
        for actor_id, its in by_actor.items():
            actor = actors.get(actor_id) or {}
            if actor.get("kind") in ("person", "organization") and actor.get("sector") is None and all(
                len(m) == 1 and m.label_ == "name" and m.start in in_places for m in its
            ):
                places.add(actor_id)
                actors.pop(actor_id, None)
        return [m for m in mentions if m.kb_id_ not in places]

    @staticmethod
    def refocus(doc: Doc, mentions: list[Span]) -> None:
        """The article's state from its places too (a town counts for its state, the dateline twice);
        actors that took the actors stage's guess take this one."""
        codes = knowledge.iso3_codes()
        places = doc._.ew_places or {}
        actors = doc._.ew_actors
        dateline = doc._.ew_dateline_end or 0
        counts: Counter[str] = Counter()
        in_places = set()
        for span in doc.spans[PLACE_SPANS]:
            code = codes.get((places.get(span.kb_id_) or {}).get("country"))
            if code:
                counts[code] += 2 if span.start_char < dateline else 1
                in_places.update(range(span.start, span.end))
        for mention in mentions:
            actor = actors.get(mention.kb_id_) or {}
            if actor.get("kind") == "country" and mention.start not in in_places:
                counts[actor["country"]] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return
        focus = doc._.ew_focus or {"country": None, "actors": []}
        focus["country"] = ranked[0][0]
        for actor_id in focus["actors"]:
            if actor_id in actors:
                actors[actor_id]["country"] = focus["country"]
        doc._.ew_focus = focus


def _add_alias(actor: dict, text: str) -> None:
    if knowledge.fold(text) not in {knowledge.fold(a) for a in actor["aliases"]}:
        actor["aliases"].append(text)


@Language.factory("eventwire_actor_places", requires=["doc._.ew_places"], assigns=["doc._.ew_actors", "doc.spans"])
def make_actor_places(nlp: Language, name: str) -> ActorPlacesStage:
    """Build the stage that settles actors by the places stage's reading.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (ActorPlacesStage): the component.
    """
    return ActorPlacesStage(nlp, name)


@Language.factory(
    "eventwire_actors",
    default_config={"extra_dictionary": None},
    assigns=["doc._.ew_actors", "doc.spans"],
)
def make_actors(nlp: Language, name: str, extra_dictionary: str | None) -> ActorsStage:
    """Build the actors stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    extra_dictionary (str | None): a user's actor dictionary file, read beside the built-in one.
    RETURNS (ActorsStage): the component.
    """
    return ActorsStage(nlp, name, extra_dictionary)
