"""Triggers: the words of a sentence that name an event, and which of them are one happening.

Words of the PLOVER lexicon (knowledge/plover.yaml) are found by lemma or
word form; a sense that needs a second word ("held ... responsible", "called
on") is tried before the plain one. A trigger inside the complement of a
verbal trigger ("agreed to withdraw", "demanded the release") is the content
of that act, not an event of its own; a noun trigger that is an argument of
another trigger, and triggers of one type that share doers, are merged. A
clause with a subject of its own is a happening of its own: a relative clause
("a mob that tried to storm"), an adverbial clause ("after the commissions
met"), and a coordinated act ("and authorities imposed a curfew",
"condemned the bombing and urged calm") are never the content of the act
beside them. A noun that only modifies another noun ("aid agencies") names
no happening.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.knowledge.plover import VERBAL_TYPES, PloverLexicon, Sense
from eventwire.pipeline.events.modality import modal
from eventwire.pipeline.events.syntax import OBJECTS, PASSIVE_SUBJECTS, SUBJECTS, agents, key, near, objects, subjects

_COMPLEMENTS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "conj", "advcl", "relcl", "acl", "attr", "oprd", "nsubjpass"}
_DEMAND = Sense("REQUEST", None, "verb", 0.7)


@dataclass
class Trigger:
    """A word that names an event, with the sense it was read in.

    token (Token): the trigger word (for multiword senses, the governing verb).
    sense (Sense): type, mode, weight.
    weak (bool): a casualty or damage word, not an act word.
    """

    token: Token
    sense: Sense
    weak: bool = False
    content: list = field(default_factory=list)
    merged: list = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.sense.type

    @property
    def parts(self) -> list[Trigger]:
        """This trigger and every trigger merged into it, however deep."""
        found = [self]
        for other in self.merged:
            found += [p for p in other.parts if p not in found]
        return found

    @property
    def is_noun(self) -> bool:
        return self.token.pos_ in ("NOUN", "PROPN")

    @property
    def strength(self) -> float:
        """The sense's weight, a little less for a noun ("the attack") than a verb."""
        return self.sense.weight - (0.1 if self.is_noun else 0.0)


def find_triggers(lex: PloverLexicon, sent: Span) -> list[Trigger]:
    """Every word of the sentence that reads as an event in some sense of the lexicon."""
    found = []
    for token in sent:
        if token.dep_ == "amod" or (token.is_stop and token.lemma_.lower() not in lex.senses):
            continue
        if token.dep_ == "compound" and token.head.pos_ == "NOUN" and not _names_act(lex, token.head):
            continue  # "aid agencies", "protest leaders": a modifier, not a happening
        sense, weak = sense_for(lex, token)
        if sense is None and token.pos_ == "VERB" and modal(lex, token) == "deontic":
            sense = _DEMAND  # "X must drop its barriers": a demand whatever the verb
        if sense is not None:
            found.append(Trigger(token, sense, weak))
    return found


def _names_act(lex: PloverLexicon, head: Token) -> bool:
    """Whether a noun a trigger modifies names the act: a trigger itself, an attacker ("a suicide bomber"), an effort."""
    words = key(head)
    return bool(words & lex.attack_cues or words & lex.word_classes.get("act_nouns", frozenset())) or any(
        w in lex.senses or w in lex.weak for w in words
    )


def sense_for(lex: PloverLexicon, token: Token) -> tuple[Sense | None, bool]:
    """The first sense of the lexicon that fits this token, and whether it is weak."""
    senses = lex.senses
    candidates = senses.get(token.lemma_.lower(), ()) + (
        senses.get(token.lower_, ()) if token.lower_ != token.lemma_.lower() else ()
    )
    for sense in candidates:
        if _fits(lex, token, sense):
            return sense, False
    word = token.lemma_.lower()
    if (word in lex.weak or token.lower_ in lex.weak) and token.pos_ in ("VERB", "NOUN", "ADJ"):
        return Sense("ASSAULT", None, "any", 0.45), True
    return None, False


def _fits(lex: PloverLexicon, token: Token, sense: Sense) -> bool:
    pos = token.pos_
    if sense.pos == "verb" and pos != "VERB":
        return False
    if sense.pos == "noun" and pos not in ("NOUN", "PROPN"):
        return False
    if sense.pos == "adj" and not (pos == "ADJ" and any(c.dep_ == "xcomp" for c in token.children)):
        return False
    if sense.pos == "any" and pos not in ("VERB", "NOUN"):
        return False
    if sense.with_ and not any(key(t) & sense.with_ for t in near(token)):
        return False
    if sense.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in sense.prep for c in token.children):
        return False
    if sense.xcomp and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    if sense.object:
        words = lex.word_classes.get(sense.object, frozenset())
        people = sense.object == "people"
        if not any(key(t) & words or (people and t.ent_type_ in ("PERSON", "NORP")) for t in objects(token)):
            return False
    if sense.subject:
        words = lex.word_classes.get(sense.subject, frozenset())
        if not any(key(t) & words for t in subjects(token)):
            return False
    return True


def absorb(triggers: list[Trigger]) -> list[Trigger]:
    """Keep the triggers that name a happening of their own; fold the rest into them."""
    by_token = {t.token.i: t for t in triggers}
    kept = []
    for trigger in triggers:
        governors = _governors(trigger.token, by_token)
        governor = governors[0] if governors else None
        frame = next((g for g in governors if g.type in VERBAL_TYPES), None)
        protest = _protest_beside(trigger, by_token)
        if protest is not None:
            protest.content.append(trigger)  # "began a hunger strike to protest ...": the protest's topic
        elif governor is None:
            kept.append(trigger)
        elif _coordinate(trigger, governor):
            if governor.type == trigger.type and trigger.sense.mode in (None, governor.sense.mode):
                governor.merged.append(trigger)
            else:
                kept.append(trigger)  # "arrested 37 ... and imposed a curfew": two acts
        elif frame is governor:
            frame.content.append(trigger)
        elif frame is not None:
            continue  # deeper inside a frame's content ("agreed to postpone the march"): no event of its own
        elif trigger.token.head.i == governor.token.i and trigger.token.dep_ in ("xcomp", "dobj", "ccomp"):
            governor.content.append(trigger)
        elif trigger.weak or trigger.is_noun and trigger.token.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS | {"pobj"}:
            governor.merged.append(trigger)
        elif governor.type == trigger.type:
            governor.merged.append(trigger)
        elif governor.type == "PROTEST" and (trigger.type in VERBAL_TYPES or trigger.token.dep_ == "advcl"):
            governor.content.append(trigger)  # what protesters demand is the protest's topic, not an event
        else:
            kept.append(trigger)
    return kept


def _protest_beside(trigger: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The protest a verbal trigger gives the purpose of ("staged rallies to demand", "began a strike to protest")."""
    if trigger.type not in VERBAL_TYPES or trigger.token.dep_ not in ("advcl", "xcomp", "acl"):
        return None
    head = trigger.token.head
    for word in [head, *head.children]:
        found = by_token.get(word.i)
        if found is not None and found is not trigger and found.type == "PROTEST":
            return found
    return None


def _coordinate(trigger: Trigger, governor: Trigger) -> bool:
    """An act coordinated with its governor ("condemned X and urged Y"), not a casualty word ("killing and wounding")."""
    token = trigger.token
    return not trigger.weak and token.dep_ == "conj" and token.head.i == governor.token.i


def _governors(token: Token, by_token: dict[int, Trigger]) -> list[Trigger]:
    """The triggers above this one in the parse, nearest first, up to a clause it is not part of.

    Casualty words climb through every clause ("the attack, which killed 5"); an act stops at a
    relative clause, and at an adverbial or coordinated clause with a subject of its own.
    """
    found = []
    node = token
    weak = token.i in by_token and by_token[token.i].weak
    while node.head.i != node.i:
        if node.dep_ not in _COMPLEMENTS and node.dep_ not in SUBJECTS | {"npadvmod", "nmod", "compound", "appos"}:
            break
        if not weak and _own_clause(node):
            break
        node = node.head
        if node.i in by_token:
            found.append(by_token[node.i])
    return found


def _own_clause(node: Token) -> bool:
    """A relative, adverbial or coordinated clause with a subject of its own ("a mob that tried to")."""
    return node.dep_ in ("relcl", "advcl", "conj") and node.pos_ in ("VERB", "AUX") and any(
        c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in node.children
    )


def merge_same_type(triggers: list[Trigger]) -> list[Trigger]:
    """One event per happening: same-type triggers of a sentence whose doers agree become one."""
    kept: list[Trigger] = []
    for trigger in triggers:
        twin = next((k for k in kept if k.type == trigger.type and _compatible(k, trigger)), None)
        if twin is None:
            kept.append(trigger)
        else:
            strong, weak = (twin, trigger) if twin.strength >= trigger.strength else (trigger, twin)
            strong.merged.append(weak)
            strong.content.extend(weak.content)
            kept[kept.index(twin)] = strong
    return kept


def _compatible(a: Trigger, b: Trigger) -> bool:
    doers_a, doers_b = _doers(a), _doers(b)
    return not doers_a or not doers_b or bool(doers_a & doers_b)


def _doers(trigger: Trigger) -> set[int]:
    """Who does it: the subject and "by" agent of an act word; of a casualty word ("a toddler is dead
    after being shot by his cousin", "the boy died after he shot himself") the subject is the casualty,
    so only a "by" agent is a doer."""
    found = agents(trigger.token) if trigger.weak else subjects(trigger.token) + agents(trigger.token)
    return {t.i for t in found}
