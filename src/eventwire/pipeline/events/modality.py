"""Modality and provenance of an event: negated, conditional, future, hypothetical, who claims it.

Every reading climbs the parse from the trigger to the verbs it hangs from:
an auxiliary ("will", "could", "must"), a negation, a denial verb, an
"if/unless" clause, a speech verb with its speaker, a quote, "according to X".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline.extensions import PLACE_SPANS
from eventwire.pipeline.events.syntax import PASSIVE_SUBJECTS, SUBJECTS, agents, subjects

_CONDITION_PREPS = {"on", "under", "upon", "with"}


def modal(lex: PloverLexicon, token: Token) -> str | None:
    """The modal frame of a trigger: future, would, hypothetical, deontic, intent or None."""
    mod = lex.modality
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in SUBJECTS and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "no") for c in token.children
    ):
        return None  # "the curfew will remain in force": a happening told already, not a plan
    node = token
    while node.pos_ in ("NOUN", "PROPN", "ADP") and node.head.i != node.i:
        node = node.head
    for _ in range(4):
        for child in node.children:
            if child.dep_ not in ("aux", "auxpass"):
                continue
            word = child.lower_
            if word in mod["future"]:
                return "future"
            if word in mod["would"]:
                return "would" if speech_governor(lex, token) is not None else "hypothetical"
            if word in mod["hypothetical"]:
                return "hypothetical"
            if word in mod["deontic"]:
                return "deontic"
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in mod["intent_verbs"] or node.lower_ == "going":
            return "intent"
    return None


def negated(token: Token) -> bool:
    """A "not", "never" or "no" on the trigger or the verbs it hangs from, or "no" on what it was done to."""
    node = token
    if any(c.dep_ in PASSIVE_SUBJECTS | {"dobj"} and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in token.children):
        return True  # "no new positions had been built"
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def denial_governor(lex: PloverLexicon, token: Token) -> Token | None:
    """The subject of a denial verb this trigger hangs from ("the army denied shelling"); not of one it
    is coordinated with ("denied the charge and accused the army of shelling": the accusation is made)."""
    node = token
    for _ in range(3):
        if node.head.i == node.i:
            return None
        child, node = node, node.head
        if node.lemma_.lower() in lex.modality["denial_verbs"] and node.pos_ == "VERB":
            if child.dep_ == "conj":
                return None
            found = subjects(node)
            return found[0] if found else None
    return None


def conditional(lex: PloverLexicon, token: Token) -> bool:
    """An "if/unless" clause or an "on condition that" phrase on the trigger or its frame."""
    marks = lex.modality["condition_marks"]
    nouns = lex.modality["condition_nouns"]
    node = token
    for _ in range(4):
        for child in node.subtree:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
                return True
            if child.lower_ in nouns and child.head.dep_ == "prep" and child.head.lower_ in _CONDITION_PREPS:
                return True  # "on condition that", not "in stable condition"
        if node.head.i == node.i or node.dep_ not in ("xcomp", "acomp", "conj"):
            break
        node = node.head
    return False


def ultimatum(token: Token) -> bool:
    """An "unless ..." clause on the trigger: the act is announced unless the other side gives way."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in token.subtree)


def in_condition_clause(lex: PloverLexicon, token: Token) -> bool:
    """Whether the token sits in an "if ..." or "on condition that ..." clause."""
    marks = lex.modality["condition_marks"]
    nouns = lex.modality["condition_nouns"]
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("advcl", "acl") and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
        if node.dep_ == "acl" and node.head.lower_ in nouns:
            return True
        node = node.head
    return False


def speech_governor(lex: PloverLexicon, token: Token) -> Token | None:
    """The subject of the speech verb this trigger is reported under ("X said they had ...")."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in lex.modality["speech_verbs"] and node.pos_ == "VERB":
            found = subjects(node) or agents(node)
            return found[0] if found else None
    return None


def represented(token: Token) -> Token | None:
    """The body a speaker speaks for: "X, a spokesman for the army" -> army; "the police spokesman" -> police."""
    for word in [token, *(c for c in token.children if c.dep_ == "appos")]:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
            found = next((w for w in prep.children if w.dep_ == "pobj"), None)
            if found is not None:
                return found
        found = next((c for c in word.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
        if found is not None and word.lower_ in ("spokesman", "spokeswoman", "spokesperson"):
            return found
    return None


def quote_at(doc: Doc, char: int) -> dict | None:
    """The quote (from the quotes stage) whose text holds this character.

    A place and a colon opening a paragraph ("Imphal: Police on Monday fired ...", a dateline
    the structure missed) introduce no speech.
    """
    for quote in doc._.ew_quotes or []:
        span = quote.get("span")
        if span and span[0] <= char < span[1] and not _dateline_colon(doc, quote):
            return quote
    return None


def _dateline_colon(doc: Doc, quote: dict) -> bool:
    cue, speaker = quote.get("cue_span"), quote.get("speaker_span")
    if quote.get("cue") != ":" or not cue or not speaker or cue[0] != speaker[1]:
        return False
    if speaker[0] > 0 and doc.text[speaker[0] - 1] != "\n":
        return False
    places = doc.spans[PLACE_SPANS] if PLACE_SPANS in doc.spans else []
    return any(p.start_char <= speaker[0] and speaker[1] <= p.end_char for p in places)


def according_to_source(sent: Span) -> Token | None:
    """The source named by "according to X" in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            found = [w for w in token.nbor().children if w.dep_ == "pobj"] or [w for w in token.children if w.dep_ == "pobj"]
            for prep in token.children:
                found += [w for w in prep.children if w.dep_ == "pobj"]
            if found:
                return found[0]
    return None
