"""Arguments of an event: its doers and done-to as actor ids, its place and its date.

Doers and done-to come from the dependency parse: subjects, "by" agents,
possessives and nationality words are doers; objects and "on/against"
phrases are recipients. Each is linked to an actor id (actors stage,
coreference for pronouns, the quote's speaker for "I/we" inside a quote).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

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
from eventwire.pipeline.places import event_place
from eventwire.pipeline.times import date_for_span

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
    recipient_ids = [r for r in _ids(lex, doc, done_to, quote) if r not in actor_ids]
    return actor_ids, recipient_ids


def _verb_arguments(lex: PloverLexicon, token: Token, event_type: str) -> tuple[list[Token], list[Token]]:
    doers = subjects(token) + agents(token)
    done_to = []
    for obj in (c for c in token.children if c.dep_ in PASSIVE_SUBJECTS | OBJECTS):
        done_to.append(obj)
        if not is_actor_like(lex, obj):  # "support Turkey's efforts", "lift the ban on the party"
            done_to += [c for c in obj.children if c.dep_ == "poss"]
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
    if token.idx < (doc._.ew_dateline_end or 0):
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
    if key(token) & lex.word_classes.get("group_nouns", frozenset()):
        return actors_stage.ensure_actor(doc, span, "group")
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


def event_date(doc: Doc, sent: Span, parts: list[Trigger]) -> tuple[str | None, str | None]:
    """The first explicit date said of any word of the happening, else the sentence's date."""
    fallback = None, None
    spans = [(p.token.left_edge.idx, p.token.right_edge.idx + len(p.token.right_edge)) for p in parts]
    for start, end in [*spans, (sent.start_char, sent.end_char)]:
        start, end = max(start, sent.start_char), min(end, sent.end_char)
        value, precision = date_for_span(doc, start, end)
        if value and precision != "week":
            return value, precision
        if value and fallback[0] is None:
            fallback = value, precision
    return fallback


def place_of(doc: Doc, parts: list[Trigger]) -> tuple[str | None, str | None]:
    """The place the places stage gives the words of the happening, with its precision."""
    start = min(p.token.idx for p in parts)
    end = max(p.token.idx + len(p.token) for p in parts)
    return event_place(doc, start, end)
