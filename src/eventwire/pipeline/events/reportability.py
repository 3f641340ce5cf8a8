"""Reportability: which triggers are a specific happening worth a row, and which are not.

No event from a headline fragment, an opinion, a metaphor, a history
reference, a generic statement, or casualty words beside a disaster cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline import actors as actors_stage
from eventwire.pipeline.events.syntax import NER_ACTOR_TYPES, agents, clause_verb, key, objects, subjects
from eventwire.pipeline.events.triggers import Trigger
from eventwire.pipeline.extensions import published_date


def is_fragment(sent: Span) -> bool:
    """A headline or caption fragment: no verb and no closing punctuation."""
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
    closed = sent[-1].is_punct and sent[-1].text in ".!?\"'”’…"
    return not has_verb and (not closed or len(sent) < 6)


def disaster_context(lex: PloverLexicon, sent: Span) -> bool:
    """A sentence about a flood, fire, crash or epidemic, with no word of a deliberate attack."""
    words = {w for t in sent for w in key(t)}
    return any(is_disaster_word(lex, t) for t in sent) and not words & lex.attack_cues


def is_disaster_word(lex: PloverLexicon, token: Token) -> bool:
    """A disaster cue; a verb only in an inflected form ("crashed", "flooded"), so "storm a town" is none."""
    if token.pos_ == "VERB":
        return token.lower_ != token.lemma_.lower() and token.lower_ in lex.disaster_cues
    return bool(key(token) & lex.disaster_cues)


def keep(lex: PloverLexicon, trigger: Trigger, sent: Span, cues: dict[str, list[Span]]) -> bool:
    """Precision filters: opinions, metaphors, history, generic statements, disasters."""
    token = trigger.token
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    if disaster_context(lex, sent):
        return False
    arguments = [a for a in subjects(token) + agents(token) + objects(token) if not key(a) & trigger.sense.with_]
    if any(is_disaster_word(lex, arg) for arg in arguments):
        return False  # "the earthquake struck", "police are investigating the crash"
    if all(part.weak for part in trigger.parts):
        if not words & lex.attack_cues and not _has_human_doer(lex, token):
            return False
    if token.lemma_.lower() in lex.metaphor_heads or token.lower_ in lex.metaphor_heads:
        attached = {w.lemma_.lower() for c in token.children if c.dep_ == "prep" for w in c.children if w.dep_ == "pobj"}
        attached |= {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "dobj")}
        if attached & lex.metaphor_objects:
            return False
    if any(c.lower_ in lex.modality["generic_adverbs"] for c in token.children if c.dep_ == "advmod"):
        return False
    relative = next((a for a in token.ancestors if a.dep_ == "relcl"), None) if token.dep_ != "relcl" else token
    if relative is not None and relative.head.lower_ in lex.modality["generic_subjects"]:
        return False
    clause = clause_verb(token)
    if any(clause_verb(history.root) == clause for history in cues.get("history", [])):
        return False
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in lex.modality["opinion_verbs"] and node.pos_ == "VERB":
            return False
    return True


def _has_human_doer(lex: PloverLexicon, token: Token) -> bool:
    """Whether a weak trigger has a doer that is a person or group (not a flood or a fire)."""
    doc = token.doc
    for arg in subjects(token) + agents(token):
        if actors_stage.actor_at(doc, doc[arg.i : arg.i + 1]) or arg.ent_type_ in NER_ACTOR_TYPES:
            return True
        if key(arg) & lex.word_classes.get("group_nouns", frozenset()):
            return True
    return False


def is_history(doc: Doc, date: str) -> bool:
    """A date two or more years before publication marks a history reference, not news."""
    published = published_date(doc)
    return bool(published and date[:4].isdigit() and int(date[:4]) <= published.year - 2)
