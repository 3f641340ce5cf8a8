"""Confidence of an event: 0..1 from how strong the trigger is, whether doers are named, how central it is."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline.events.triggers import Trigger

_BASE_CONFIDENCE = 0.35


def confidence(lex: PloverLexicon, trigger: Trigger, actor_ids: list, recipient_ids: list, modality: str) -> float:
    """The event's confidence from its trigger, its arguments and its modality."""
    score = _BASE_CONFIDENCE + 0.5 * trigger.strength
    score += 0.1 if actor_ids else (-0.05 if trigger.is_noun else 0.0)
    score += 0.05 if recipient_ids else 0.0
    score += 0.08 if trigger.content else 0.0
    score += max(0.0, 0.15 - 0.05 * _depth(lex, trigger.token))
    score -= {"hypothetical": 0.15, "negated": 0.2, "conditional": 0.05}.get(modality, 0.0)
    return round(min(0.99, max(0.05, score)), 3)


def _depth(lex: PloverLexicon, token: Token) -> int:
    """Clause steps from the sentence root, not counting speech verbs."""
    depth, node = 0, token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in lex.modality["speech_verbs"]:
            depth += 1
    return depth
