"""Reportability: which triggers are a specific happening worth a row, and which are not.

No event from a headline fragment, an opinion, a metaphor, a history
reference, a generic or habitual statement ("drone strikes hit markets",
"air strikes have become routine"), background and aggregate tolls ("has
fought for 15 years", "have been killed since 2023", "which killed 400,000"),
or casualty words beside a disaster cue. A noun that names a happening told
elsewhere ("since the bombing", "the deadliest attack") is a reference: it
joins that happening's event but makes none of its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.plover import MATERIAL_CONFLICT_TYPES, PloverLexicon
from eventwire.pipeline import actors as actors_stage
from eventwire.pipeline.events.syntax import NER_ACTOR_TYPES, OBJECTS, PASSIVE_SUBJECTS, SUBJECTS, agents, clause_verb, key, last_word, objects, subjects
from eventwire.pipeline.events.modality import modal
from eventwire.pipeline.events.triggers import Trigger
from eventwire.pipeline.extensions import published_date

_RELATIVE_WORDS = {"that", "which", "who", "whom", "whose", "what"}


def is_fragment(sent: Span) -> bool:
    """A headline or caption fragment: no verb and no closing punctuation."""
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
    last = last_word(sent)
    closed = last.is_punct and last.text in ".!?\"'”’…"
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


def keep(lex: PloverLexicon, trigger: Trigger, sent: Span, cues: dict[str, list[Span]], first: bool = False) -> bool:
    """Precision filters: opinions, metaphors, history, generic statements, background, disasters.

    first (bool): the sentence opens the article (a headline tells in the present tense).
    """
    token = trigger.token
    if _background(lex, trigger) or (not first and _habitual(token, sent)) or _anonymity(lex, token):
        return False
    if trigger.type == "REQUEST" and _public_appeal(lex, token):
        return False
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
    doers = subjects(token)
    if doers and all(d.lower_ in lex.modality["generic_doers"] for d in doers):
        return False  # "you can ban motorbikes": what anyone might do
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False  # "broke into the armoury to seize weapons": a purpose, not a happening
    if trigger.is_noun and token.dep_ in SUBJECTS and not any(c.dep_ in ("det", "poss") for c in token.children):
        if modal(lex, token.head) in ("future", "would", "hypothetical"):
            return False  # "violence will only bring more grief": a prediction about no happening
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


def is_aside(lex: PloverLexicon, trigger: Trigger, sent: Span, cues: dict[str, list[Span]]) -> bool:
    """Background, a habit or history ("have since killed at least nine", "they die fast", "in the past"):
    casualties a sentence tells so are no toll of the story's attack, even without an attack word."""
    clause = clause_verb(trigger.token)
    return (
        _background(lex, trigger)
        or _habitual(trigger.token, sent)
        or any(clause_verb(history.root) == clause for history in cues.get("history", []))
    )


def _background(lex: PloverLexicon, trigger: Trigger) -> bool:
    """An aggregate or background clause: "have since targeted", "has fought for 15 years", "X, which killed ...".

    Casualty words, or an act inside a perfect clause about something else ("has seen attempts to
    seize weapons since"), with "since" on the clause's verb or a verb joined to it ("220 have been killed and 60,000 displaced since the
    violence broke out") make a count, not a happening; a span of years does when the verb is perfect.
    """
    mod = lex.modality
    token = trigger.token
    verb = clause_verb(token)
    while verb.dep_ in ("acl", "xcomp", "pcomp") and verb.head.i != verb.i:
        verb = clause_verb(verb.head)  # "has seen repeated attempts to seize weapons since ...": the clause's verb
    words = {token, verb, *verb.conjuncts}
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for w in words for c in w.children)
    embedded = not any(w in lex.senses or w in lex.weak for w in key(verb))  # "has seen attempts to seize": not the act's clause
    count = all(part.weak for part in trigger.parts) or (perfect and embedded)
    for word in words:
        for child in word.children:
            if child.dep_ == "advmod" and child.lower_ in mod["background_adverbs"]:
                return True
            if count and child.dep_ == "prep" and child.lower_ == "since" and word.pos_ in ("VERB", "AUX"):
                return True
            if count and child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in child.children):
                return True
            if perfect and child.dep_ == "prep" and child.lower_ in ("for", "over"):
                if any(key(w) & mod["duration_nouns"] for w in child.children if w.dep_ == "pobj"):
                    return True
    relative = verb if verb.dep_ == "relcl" else None
    return relative is not None and any(c.lower_ == "which" and c.dep_ in SUBJECTS for c in relative.children)


def _public_appeal(lex: PloverLexicon, token: Token) -> bool:
    """ "Police asked anyone with information to call Crime Stoppers", "the public is urged to stay away":
    a standing appeal to whoever reads, not a request one party made of another."""
    addressed = [c for c in token.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    return bool(addressed) and all(c.lower_ in lex.modality["public_addressees"] for c in addressed)


def _anonymity(lex: PloverLexicon, token: Token) -> bool:
    """ "Asked not to be named": a source's formula, not a request."""
    return any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in lex.modality["anonymity_verbs"]
        and any(a.dep_ == "auxpass" for a in c.children)
        for c in token.children
    )


def _habitual(token: Token, sent: Span) -> bool:
    """A present-simple verb in a closed body sentence: what is usually done or a standing position, not what happened.

    A present passive trigger is one too ("troops are stationed across the state"), not the
    clause of a noun ("a town is heartbroken after a shooting").

    The verb is the trigger's, a noun's clause verb, or the verb a gerund hangs from ("the army denies targeting").
    """
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "pcomp", "dobj") and verb.head.pos_ == "VERB":
        verb = verb.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb is token and verb.tag_ == "VBN" and len(auxiliaries) == 1 and auxiliaries[0].tag_ in ("VBZ", "VBP") and auxiliaries[0].dep_ == "auxpass":
        auxiliaries = []  # "are stationed across the state": a standing state
    elif verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if auxiliaries:
        return False
    return last_word(sent).text in ".!?" and verb.dep_ in ("ROOT", "conj", "ccomp", "xcomp")


def is_reference(lex: PloverLexicon, trigger: Trigger) -> bool:
    """A noun naming a happening told elsewhere: "since the bombing", "before the raid", "the deadliest attack".

    "After a shooting" (indefinite) introduces a happening; "after the shooting" refers to one. A verb
    that only describes a noun refers too: a participle ("the section agreed on Tuesday", "troops
    backed by militias") or a relative clause about its object ("the section we agreed on").
    """
    token = trigger.token
    if not trigger.is_noun:
        return not trigger.weak and _describes(trigger)
    if any(c.tag_ == "JJS" or (c.dep_ == "amod" and c.lower_ in lex.modality["reference_adjectives"]) for c in token.children):
        return True  # "the deadliest attack", "earlier violence"
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in token.children):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in lex.modality["reference_preps"]:
        return True
    clause = token.head if token.dep_ in SUBJECTS else None
    return clause is not None and clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in lex.modality["reference_preps"] for c in clause.children
    )


def _describes(trigger: Trigger) -> bool:
    """A participle, a passive or an object relative clause that describes the noun it hangs from.

    Only a noun that is an argument of another verb: "peacekeepers stationed nearby said",
    "a lunch hosted by", "observers who were taken hostage", "the section we agreed on". A
    force its doer is named for stays an act ("tear gas fired by the police").
    """
    token = trigger.token
    if token.head.dep_ not in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS | {"pobj"}:
        return False
    if token.dep_ == "acl" and token.tag_ == "VBN":
        if agents(token) and trigger.type in MATERIAL_CONFLICT_TYPES:
            return False
        return not any(c.tag_ == "VBD" for c in token.conjuncts)  # "Doctors donated and delivered": a misparse
    if token.dep_ != "relcl":
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return True
    gap = not any(c.dep_ in OBJECTS and c.lower_ not in _RELATIVE_WORDS for c in token.children)
    return gap and any(c.dep_ in SUBJECTS and c.lower_ not in _RELATIVE_WORDS for c in token.children)


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
