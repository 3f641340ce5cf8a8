"""Magnitude of an event: how many dead, injured and arrested a sentence counts.

Counting rule: a number on the counted noun ("six civilians") is exact;
"at least", "more than" and vague plurals ("dozens" = 24, "hundreds" = 200)
give a floor; a plural noun without a number counts at least 2, a singular
one 1; conjoined nouns add up ("his family members and his aide" = at least 3).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline.events.syntax import key, subjects, with_conjuncts

_WANTED = {"ASSAULT": ("dead", "injured"), "COERCE": ("arrested",), "PROTEST": ("dead", "injured")}


def magnitude(lex: PloverLexicon, sent: Span, event_type: str, mode: str | None) -> dict:
    """Dead, injured, arrested in the sentence, as exact counts or floors (dead_min)."""
    result = {"dead": None, "injured": None, "arrested": None, "dead_min": None}
    for kind in _WANTED.get(event_type, ()):
        words = lex.magnitude.get(kind, frozenset())
        best: tuple[int, bool] | None = None
        for token in sent:
            if not (key(token) & words):
                continue
            counted = _count_for(lex, token)
            if counted and (best is None or counted[0] > best[0]):
                best = counted
        if best is None:
            continue
        value, is_floor = best
        if kind == "dead" and is_floor:
            result["dead_min"] = value
        elif not is_floor:
            result[kind] = value
        elif kind != "dead":
            result[kind] = value
    return result


def _count_for(lex: PloverLexicon, token: Token) -> tuple[int, bool] | None:
    """How many people a casualty word counts, and whether it is only a floor."""
    own = _number_in(lex, token)
    if own is not None and token.pos_ == "NOUN":
        return own
    if token.pos_ == "VERB":
        counted = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not counted and token.lemma_.lower() in ("die", "perish"):
            counted = subjects(token)
    elif token.dep_ in ("amod", "acomp", "oprd", "ccomp", "xcomp") or token.pos_ == "ADJ":
        head = token.head
        counted = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")] if token.dep_ != "amod" else [head]
    else:
        counted = []
    if not counted:
        return None
    total, floor = 0, False
    for noun in with_conjuncts(counted):
        if noun.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        number = _number_in(lex, noun)
        if number is None:
            if noun.pos_ == "PROPN":
                number = (1, False)
            elif noun.lower_ in ("them", "they", "those"):
                number = (2, True)
            elif noun.tag_ in ("NNS", "NNPS"):
                number = (2, True)
            else:
                number = (1, False)
        total += number[0]
        floor = floor or number[1]
    return (total, floor) if total else None


def _number_in(lex: PloverLexicon, noun: Token) -> tuple[int, bool] | None:
    """The count a noun carries: "six civilians", "at least a dozen people", "dozens of soldiers"."""
    word = noun.lower_
    if word in lex.vague_amounts:
        return lex.vague_amounts[word], True
    if noun.pos_ == "NUM" or word in ("dozen",):
        value = _parse_number(noun, lex)
        if value:
            return value, any(w.lower_ in lex.floor_words for w in noun.subtree)
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ == "amod" and child.lower_ in lex.vague_amounts):
            if child.lower_ in lex.vague_amounts:
                return lex.vague_amounts[child.lower_], True
            value = _parse_number(child, lex)
            if value:
                floor_words = {w.lower_ for w in child.subtree} | {w.lower_ for w in noun.children if w.dep_ in ("advmod", "amod", "quantmod")}
                return value, bool(floor_words & lex.floor_words)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in lex.vague_amounts:
        return lex.vague_amounts[noun.head.head.lower_], True
    return None


def _parse_number(token: Token, lex: PloverLexicon) -> int | None:
    """An int from "12", "1,200", "twelve", "a dozen", "two dozen"."""
    words = [w for w in token.subtree if w.like_num or w.lower_ in lex.numbers]
    if not words:
        return None
    total = 0
    for word in words:
        text = word.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", text):
            value = int(float(text))
        elif text in lex.numbers:
            value = lex.numbers[text]
        else:
            continue
        if value in (12, 100, 1000) and total and text in ("dozen", "hundred", "thousand"):
            total *= value
        elif text in ("a", "an") and total:
            continue
        else:
            total = total + value if text not in ("a", "an") else max(total, value)
    return total or None
