"""Arguments of an event: its doers and done-to as actor ids, its place and its date.

Doers and done-to come from the dependency parse: subjects, "by" agents,
possessives and nationality words are doers; objects and "on/against"
phrases are recipients. Each is linked to an actor id (actors stage,
coreference for pronouns, the quote's speaker for "I/we" inside a quote).

The place comes from the discourse when the happening's own words leave it
out: a place tied to the happening in its clause ("shot on Elm Street in
Dayton"), else one its sentence names, else its paragraph's, else the
dateline's, else the article's focus (the place the article's other places
agree with). A demonym ("Russian jets") is never the place, so the home
country of an actor is not taken for where it acted; outside its own clause
a place must lie in the focus's state or country ("taken to a hospital in
Atlanta" in a story about Macon is not the place).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, SpanGroup, Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline import actors as actors_stage
from eventwire.pipeline.coref import resolve_mention
from eventwire.pipeline.events.modality import speech_governor
from eventwire.pipeline.events.syntax import (
    FIRST_PERSON,
    NER_ACTOR_TYPES,
    OBJECTS,
    PASSIVE_SUBJECTS,
    agents,
    key,
    phrase,
    subjects,
    with_conjuncts,
)
from eventwire.pipeline.events.triggers import Trigger
from eventwire.pipeline.extensions import ACTOR_SPANS, PLACE_SPANS
from eventwire.pipeline.places import SPECIFICITY, is_demonym
from eventwire.pipeline.structure import dateline_place, in_dateline, in_headline, is_boilerplate, paragraph_of, paragraphs
from eventwire.pipeline.times import dated_span

_RECIPIENT_PREPS = {"on", "against", "at", "upon", "toward", "towards", "to", "into"}


def arguments(lex: PloverLexicon, doc: Doc, trigger: Trigger, quote: dict | None, event_type: str) -> tuple[list[str], list[str]]:
    """Actor ids of the doers and of the done-to, from every token of the happening."""
    doers: list[Token] = []
    done_to: list[Token] = []
    for part in trigger.parts:
        token = part.token
        if part.is_noun:
            d, r = _noun_arguments(lex, token)
        else:
            d, r = _verb_arguments(lex, token, event_type)
        if part is not trigger and part.weak:
            d = [t for t in d if is_actor_like(lex, t)]
        doers += d
        done_to += r
    for part in trigger.content:  # "offered to hand over to Britain": the content's done-to
        done_to += (_noun_arguments(lex, part.token) if part.is_noun else _verb_arguments(lex, part.token, event_type))[1]
    actor_ids = _ids(lex, doc, doers, quote)
    if not actor_ids and event_type == "ASSAULT":
        actor_ids = _discourse_doer(lex, doc, trigger.token, doers)
    recipient_ids = [r for r in _ids(lex, doc, done_to, quote) if r not in actor_ids]
    return actor_ids, recipient_ids


def _discourse_doer(lex: PloverLexicon, doc: Doc, token: Token, doers: list[Token]) -> list[str]:
    """The doer the discourse gives an attack whose sentence names only the weapon or nobody.

    "Drones hit the city overnight" in a story about "a Russian strike": the state or group
    that an earlier attack word or weapon of the article is ascribed to ("Russian drones",
    "a Houthi missile attack", "al-Shabaab's assault"), the nearest before the event. A passive
    without an agent ("the city was shelled") takes it only from the headline or its own paragraph.
    """
    instruments = lex.word_classes.get("instruments", frozenset())
    if doers and not all(key(d) & instruments for d in doers):
        return []
    passive = any(c.dep_ in PASSIVE_SUBJECTS for c in token.children)
    if not doers and not passive:
        return []
    own_paragraph = paragraph_of(token)
    for index, owner in reversed(_ascribed_attacks(lex, doc)):
        attack = doc[index]
        if attack.i >= token.i:
            continue
        if doers or in_headline(attack) or paragraph_of(attack) == own_paragraph:
            return [owner]
    return []


def _ascribed_attacks(lex: PloverLexicon, doc: Doc) -> list[tuple[int, str]]:
    """Attack words and weapons of the article (token index) with the actor they are ascribed to, in text order.

    Read from the nationality words and actor mentions that modify them ("Russian drones",
    "a Houthi missile attack", "al-Shabaab's assault"), not from every token; worked out once per Doc.
    """
    cached = doc.user_data.get("ew_ascribed_attacks")
    if cached is not None:
        return cached
    words = lex.word_classes.get("instruments", frozenset()) | lex.attack_cues
    modifiers = [ent for ent in doc.ents if ent.label_ == "NORP"]
    modifiers += list(doc.spans[ACTOR_SPANS]) if ACTOR_SPANS in doc.spans else []
    found: dict[int, str] = {}
    for span in modifiers:
        word = span.root.head
        if span.root.dep_ not in ("amod", "compound", "poss", "nmod") or word.i in found:
            continue
        if word.pos_ in ("NOUN", "PROPN") and key(word) & words:
            owner = actor_for(lex, doc, span.root, None)
            if owner:
                found[word.i] = owner
    doc.user_data["ew_ascribed_attacks"] = sorted(found.items())
    return doc.user_data["ew_ascribed_attacks"]
def _verb_arguments(lex: PloverLexicon, token: Token, event_type: str) -> tuple[list[Token], list[Token]]:
    doers = subjects(token) + agents(token)
    done_to = []
    for obj in (c for c in token.children if c.dep_ in PASSIVE_SUBJECTS | OBJECTS):
        done_to.append(obj)
        if not is_actor_like(lex, obj):  # "support Turkey's efforts", "lift the ban on the party"
            done_to += [c for c in obj.children if c.dep_ == "poss"]
            # "stormed a Somali army base", "attacked an SSPDF position": the site's owner
            done_to += [c for c in obj.children if c.dep_ == "compound" and is_actor_like(lex, c)]
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"between"}):
                done_to += [w for w in prep.children if w.dep_ == "pobj"]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        found = [w for w in prep.children if w.dep_ == "pobj"]
        if prep.lower_ == "with" and event_type in ("CONSULT", "AGREE", "COOPERATE"):
            doers += found
        elif prep.lower_ in _RECIPIENT_PREPS | {"between", "from"}:
            done_to += found
    for child in token.children:  # a participle clause ("..., killing six civilians") adds its victims
        if child.dep_ == "advcl" and child.tag_ == "VBG":
            done_to += [c for c in child.children if c.dep_ in OBJECTS]
    return doers, done_to


def _noun_arguments(lex: PloverLexicon, token: Token) -> tuple[list[Token], list[Token]]:
    doers, done_to = [], []
    for child in token.children:
        if child.dep_ == "poss":
            doers.append(child)
        elif child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in NER_ACTOR_TYPES:
            doers.append(child)
        elif child.dep_ == "prep":
            found = [w for w in child.children if w.dep_ == "pobj"]
            if child.lower_ == "by":
                doers += found
            elif child.lower_ in _RECIPIENT_PREPS:
                done_to += found
                # "an offensive against al-Shabaab positions": the positions' owner
                done_to += [c for w in found if not is_actor_like(lex, w) for c in w.children
                            if c.dep_ in ("compound", "poss") and is_actor_like(lex, c)]
            elif child.lower_ == "between":
                doers += found
    head = token.head
    hops = 0
    while not doers and hops < 3 and head.i != token.i:  # "launched an attack on", "staged a protest"
        if head.pos_ == "VERB":
            if head.lemma_.lower() in lex.light_verbs or token.dep_ in ("dobj",):
                doers += subjects(head) + agents(head)
                for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS):
                    done_to += [w for w in prep.children if w.dep_ == "pobj"]
            break
        if head.head.i == head.i:
            break
        head = head.head
        hops += 1
    return doers, done_to


def is_protester(lex: PloverLexicon, token: Token) -> bool:
    """Whether a noun names protest participants ("protesters", "demonstrators")."""
    return token.pos_ == "NOUN" and any(
        sense.type == "PROTEST" and sense.pos == "noun" for sense in lex.senses.get(token.lower_, ())
    )


def is_actor_like(lex: PloverLexicon, token: Token) -> bool:
    """Whether a word names somebody who can act: a known actor, a name, a pronoun or a group noun."""
    doc = token.doc
    return bool(
        actors_stage.actor_at(doc, doc[token.i : token.i + 1])
        or token.ent_type_ in NER_ACTOR_TYPES
        or token.pos_ in ("PROPN", "PRON")
        or key(token) & lex.word_classes.get("group_nouns", frozenset())
    )


def _ids(lex: PloverLexicon, doc: Doc, tokens: list[Token], quote: dict | None) -> list[str]:
    ids: list[str] = []
    for token in with_conjuncts(tokens):
        actor_id = actor_for(lex, doc, token, quote)
        if actor_id and actor_id not in ids:
            ids.append(actor_id)
    return ids


def actor_for(lex: PloverLexicon, doc: Doc, token: Token, quote: dict | None) -> str | None:
    """The actor id a head word names: known actor, pronoun resolution, or a new actor of its own."""
    if in_dateline(token) or (not in_headline(token) and token.idx < (doc._.ew_dateline_end or 0)):
        return None  # the dateline's filing city, which the parser often takes for a subject
    span = phrase(token)
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
        if quote is not None and token.lower_ in FIRST_PERSON:
            return quote.get("speaker")
        resolved = resolve_mention(doc, span)
        if resolved:
            return resolved
        found = actors_stage.actor_at(doc, span)
        if found:
            return found
        speaker = speech_governor(lex, token)
        if speaker is not None and speaker.i != token.i and speaker.pos_ != "PRON":
            return actor_for(lex, doc, speaker, quote)
        return None
    found = actors_stage.actor_at(doc, span)
    if found:
        return found
    appos = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appos is not None:
        return actor_for(lex, doc, appos, quote)
    if token.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"):
        return None
    if token.ent_type_ in NER_ACTOR_TYPES or token.pos_ == "PROPN":
        return actors_stage.ensure_actor(doc, span)
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None and key(token) & lex.word_classes.get("forces", frozenset()):
        owner_id = actor_for(lex, doc, owner, quote)  # "its fighters", "the group's militia": the group's
        if owner_id and (doc._.ew_actors or {}).get(owner_id, {}).get("kind") != "person":
            return owner_id
    if key(token) & lex.word_classes.get("group_nouns", frozenset()):
        return actors_stage.ensure_actor(doc, span, "group")
    if token.pos_ == "NOUN" and key(token) & lex.magnitude.get("people", frozenset()):
        # "a man was shot", "the victims": people who are done to are actors of their own,
        # never a capitalized namesake ("Man" of a headline read as a place)
        if any(token.lower_ == alias.lower() for actor in (doc._.ew_actors or {}).values() for alias in actor["aliases"] if alias != actor["name"]):
            return None
        return actors_stage.ensure_actor(doc, span, "group" if token.tag_ == "NNS" else "person")
    return None


def condition_subjects(lex: PloverLexicon, doc: Doc, token: Token, quote: dict | None) -> list[str]:
    """The parties a condition is put to ("on condition that the rebels also stop")."""
    ids = []
    nouns = lex.modality["condition_nouns"]
    root = token
    while root.dep_ in ("xcomp", "acomp", "conj") and root.head.i != root.i:
        root = root.head
    for node in root.subtree:
        clause = node.dep_ in ("advcl", "acl") and (
            any(m.dep_ == "mark" and m.lower_ in lex.modality["condition_marks"] for m in node.children)
            or node.head.lower_ in nouns
        )
        if clause:
            for subject in subjects(node):
                actor_id = actor_for(lex, doc, subject, quote)
                if actor_id and actor_id not in ids:
                    ids.append(actor_id)
    return ids


def event_date(doc: Doc, sent: Span, parts: list[Trigger]) -> tuple[str | None, str | None, str | None]:
    """The first explicit date said of any word of the happening, else the sentence's date, and its
    basis (see `dated_span`: "event", "sentence", "paragraph", "article", "report", "published").

    The trigger word is the focus: a time in quoted words dates the happening when the trigger is quoted too.
    """
    fallback = None, None, None
    focus = parts[0].token.idx
    spans = [(p.token.left_edge.idx, p.token.right_edge.idx + len(p.token.right_edge)) for p in parts]
    for start, end in [*spans, (sent.start_char, sent.end_char)]:
        start, end = max(start, sent.start_char), min(end, sent.end_char)
        dated = dated_span(doc, start, end, focus)
        if dated[0] and dated[1] != "week":
            return dated
        if dated[0] and fallback[0] is None:
            fallback = dated
    return fallback


def place_of(lex: PloverLexicon, doc: Doc, sent: Span, parts: list[Trigger]) -> tuple[str | None, str | None, bool]:
    """The event's place, where it was read: "sentence", "paragraph", "dateline" or "article", and
    whether it is the happening's own: a place word that hangs from the happening's words ("shot in
    Dayton"), not one that only shares its sentence ("the Dayton police said", "a man from Dayton").

    lex (PloverLexicon): the lexicon (`word_classes.carriers`: verbs that carry people elsewhere).
    doc (Doc): a Doc the places and structure stages have run on.
    sent (Span): the event's sentence.
    parts (list[Trigger]): every word of the happening.
    RETURNS (tuple[str | None, str | None, bool]): (place id, source, own), or (None, None, False) without places.
    """
    places = doc._.ew_places or {}
    group, kept, starts, focus = _place_candidates(lex, doc)
    if not kept:
        return None, None, False
    words = {p.token.i for p in parts}

    def best(candidates: list[Span]) -> str:
        return max(candidates, key=lambda s: (SPECIFICITY.get(places[s.kb_id_]["precision"], 0), -s.start)).kb_id_

    def within(start: int, end: int) -> list[Span]:
        found = (group[i] for i in kept[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)])
        return [s for s in found if s.end <= end]

    in_sentence = within(sent.start, sent.end)
    agreeing = [s for s in in_sentence if _agrees(places[s.kb_id_], places[focus])]
    own = [
        s for s in in_sentence
        if _attached(s.root, words) and s.root.dep_ not in ("nsubj", "csubj")  # "Armenia agreed": a doer
        # a name that only modifies a noun names a thing or a person from there, not where it happened,
        # when it lies outside the focus's state ("outside Larose Elementary School" in a Memphis story)
        and (s.root.dep_ != "compound" or s in agreeing)
    ]
    # The sentence's places in the focus's state come first: "shot outside Larose Elementary School in
    # Memphis" in a Memphis story is in Memphis, though both names hang from the happening.
    own_agreeing = [s for s in own if s in agreeing]
    if own_agreeing or (own and not agreeing):
        return best(own_agreeing or own), "sentence", True
    if agreeing:
        return best(agreeing), "sentence", False
    number = paragraph_of(sent)
    if number is not None:
        # The same for every event of the paragraph: worked out once (a paragraph may be the whole text).
        by_paragraph = doc.user_data.setdefault("ew_paragraph_places", {})
        if number not in by_paragraph:
            paragraph = paragraphs(doc)[number]
            agreeing = [s for s in within(paragraph.start, paragraph.end) if not in_dateline(s) and _agrees(places[s.kb_id_], places[focus])]
            by_paragraph[number] = best(agreeing) if agreeing else None
        if by_paragraph[number] is not None:
            return by_paragraph[number], "paragraph", False
    if "ew_dateline_event_place" not in doc.user_data:  # the same for every event: worked out once
        filed, named = dateline_place(doc), []
        if filed is not None:
            # the dateline's words, read there or wherever else the places stage resolved them ("DAYTON, Ohio")
            parts = {part.strip().lower() for part in filed.text.split(",")}
            named = [s for s in (group[i] for i in kept) if (filed.start <= s.start and s.end <= filed.end) or s.text.lower() in parts]
        doc.user_data["ew_dateline_event_place"] = best(named) if named else None
    if doc.user_data["ew_dateline_event_place"] is not None:
        return doc.user_data["ew_dateline_event_place"], "dateline", False
    return focus, "article", False


def _place_candidates(lex: PloverLexicon, doc: Doc) -> tuple[list[Span] | SpanGroup, list[int], list[int], str | None]:
    """The places stage's span group, the positions in it of the mentions an event can take
    (in text order), their start tokens, and the article's focus.

    Worked out once per Doc; `doc.user_data` keeps only positions (plain data, so the Doc
    still pickles and serializes), and callers make Spans only for the stretch they look at.
    """
    group = doc.spans[PLACE_SPANS] if PLACE_SPANS in doc.spans else []
    cached = doc.user_data.get("ew_event_places")
    if cached is None:
        carriers = lex.word_classes.get("carriers", frozenset())
        every = [i for i, s in enumerate(group) if _usable(s)]
        focus = _focus([group[i] for i in every], doc._.ew_places or {}) if every else None
        kept = sorted((i for i in every if not _destination(group[i].root, carriers)), key=lambda i: group[i].start)
        cached = doc.user_data["ew_event_places"] = (kept, [group[i].start for i in kept], focus)
    kept, starts, focus = cached
    return group, kept, starts, focus


def _destination(token: Token, carriers: frozenset) -> bool:
    """Whether a place word is where somebody was carried to ("taken to a hospital in Cincinnati", "fled to Kenya")."""
    node, towards = token, False
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
        towards = towards or (node.dep_ == "prep" and node.lower_ in ("to", "toward", "towards"))
    return towards and node.lemma_.lower() in carriers


def _usable(span: Span) -> bool:
    """A place mention that can be where something happened: no demonym ("Russian"), no page furniture."""
    return not is_demonym(span) and not is_boilerplate(span)


def _focus(spans: list[Span], places: dict[str, dict]) -> str:
    """The article's focus: the place most mentioned together with the places of its own state and country."""
    mentions: dict[str, int] = {}
    first: dict[str, int] = {}
    for span in spans:
        mentions[span.kb_id_] = mentions.get(span.kb_id_, 0) + 1
        first.setdefault(span.kb_id_, span.start)

    def score(place_id: str) -> tuple:
        place = places[place_id]
        support = sum(n for other, n in mentions.items() if _agrees(places[other], place))
        return support + mentions[place_id] + 0.7 * SPECIFICITY.get(place["precision"], 0), -first[place_id]

    return max(mentions, key=score)


def _agrees(place: dict, focus: dict) -> bool:
    """Whether a place lies in the focus's state (or is that country, or the focus is a country)."""
    if place.get("country") != focus.get("country"):
        return False
    return "country" in (place.get("kind"), focus.get("kind")) or place.get("admin1") == focus.get("admin1")


def _attached(token: Token, words: set[int]) -> bool:
    """Whether a place word hangs from the happening's words without crossing another verb."""
    node = token
    for _ in range(8):
        if node.i in words:
            return True
        if node.head.i == node.i or (node.pos_ in ("VERB", "AUX") and node.i != token.i):
            return False
        node = node.head
    return False
