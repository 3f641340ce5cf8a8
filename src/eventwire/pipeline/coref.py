"""Coref: the shared rules that say which actor a pronoun, a description or a name refers to.

No coreference package works offline, so these are hand-written rules:
- a span the actors stage already linked refers to that actor;
- a name inside a descriptive phrase ("Taliban forces") refers to the named actor;
- a pronoun refers to the most recent compatible actor: "he"/"she" to a person
  of that gender (a gender is known from pronouns already linked to the actor,
  a title such as Mr or Mrs, or a role noun such as "spokeswoman") before one of
  unknown gender, "it" to an
  organization, group or country, "they" to those or to a group of people;
  grammatical subjects outside quoted speech are preferred, since they are
  what a news sentence talks about;
- a definite description ("the ministry", "the leader") refers to the most
  recent actor whose name holds its head word, or who was introduced with it
  ("Ahmad Massoud, the leader of ..."), or for a class word ("the group") to
  the most recent actor of that kind.

Both the quotes stage (speakers) and the events stage (doers) use
`resolve_mention`; it has no side effects.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.pipeline.actors import actor_at, mention_memo, mentions_of, mentions_starting
from eventwire.pipeline.ranges import Ranges

# pronoun -> (number, gender): number "sg"/"pl", gender "m"/"f"/"n" (non-person) or None
PRONOUNS = {
    "he": ("sg", "m"), "him": ("sg", "m"), "his": ("sg", "m"), "himself": ("sg", "m"),
    "she": ("sg", "f"), "her": ("sg", "f"), "hers": ("sg", "f"), "herself": ("sg", "f"),
    "it": ("sg", "n"), "its": ("sg", "n"), "itself": ("sg", "n"),
    "they": ("pl", None), "them": ("pl", None), "their": ("pl", None), "themselves": ("pl", None),
}
TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "sheikh": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "lady": "f",
    "dame": "f", "queen": "f", "princess": "f",
}
# Role nouns that tell a person's gender: "the spokeswoman ... she".
ROLE_GENDERS = {
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "man": "m", "boy": "m",
    "father": "m", "son": "m", "brother": "m", "husband": "m", "uncle": "m", "nephew": "m", "grandfather": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "woman": "f", "girl": "f",
    "mother": "f", "daughter": "f", "sister": "f", "wife": "f", "aunt": "f", "niece": "f", "grandmother": "f",
}
# Class words a definite description can use for an actor, with the kinds it may
# have, likeliest first: "the group" -> the last group, else the last organization.
CLASS_WORDS = {
    "group": ("group", "organization"), "organization": ("organization", "group"),
    "organisation": ("organization", "group"), "movement": ("group", "organization"),
    "militia": ("group",), "party": ("organization", "group"), "country": ("country",),
    "nation": ("country",), "company": ("organization",), "firm": ("organization",),
    "agency": ("organization",), "ministry": ("organization",), "council": ("organization",),
}
NON_PERSON_KINDS = {"organization", "group", "country"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
DEFINITE = {"the", "this", "that", "these", "those"}
# How far back an antecedent may lie, in tokens; one whose gender the text gives is preferred
# over nearer ones of unknown gender within KNOWN_WINDOW.
WINDOW = 400
KNOWN_WINDOW = 150


def resolve_mention(doc: Doc, span: Span, quoted: Ranges | None = None) -> str | None:
    """The actor a pronoun, description or name refers to, by the rules of this module.

    doc (Doc): a Doc the actors stage has run on.
    span (Span): the words: "he", "the ministry", "Taliban forces", "Massoud".
    quoted (Ranges | None): character ranges of quoted speech, whose mentions are poor
        antecedents; defaults to the direct quotes in `doc._.ew_quotes`.
    RETURNS (str | None): the actor id, or None when no actor fits.
    """
    found = actor_at(doc, span)
    if found:
        return found
    head = span.root
    if head.lower_ in PRONOUNS:
        return _resolve_pronoun(doc, head, quoted if quoted is not None else _direct_quotes(doc))
    inner = _named_inside(doc, span)
    if inner:
        return inner
    possessed = any(c.dep_ == "poss" for c in head.children)  # "Mexico's president", "the country's president"
    if head.pos_ == "NOUN" and (possessed or any(t.lower_ in DEFINITE for t in span if t.i < head.i)):
        return _resolve_description(doc, head)
    return None


def gender_of(doc: Doc, actor_id: str) -> str | None:
    """What the text tells of a person's gender: "m", "f" or None.

    From pronouns already linked to the actor, else from a title before one of its names or a
    role noun that names it ("the spokeswoman", "his wife, X").
    doc (Doc): a Doc the actors stage has run on.
    actor_id (str): the actor.
    RETURNS (str | None): the gender, None when the text does not tell.
    """
    memo = mention_memo(doc).setdefault("genders", {})  # actor -> (mentions read, gender found)
    read, found = memo.get(actor_id, (0, None))
    if found is None:
        new = mentions_of(doc, actor_id, since=read)
        found = _gender_told(doc, new)
        memo[actor_id] = (read + len(new), found)
    return found


def _gender_told(doc: Doc, mentions: list[Span]) -> str | None:
    """The gender the first of these mentions that tells one tells."""
    for mention in mentions:
        features = PRONOUNS.get(mention.root.lower_) if len(mention) == 1 else None
        if features and features[1] in ("m", "f"):
            return features[1]
        if mention.start > 0 and doc[mention.start - 1].lower_ in TITLES:
            return TITLES[doc[mention.start - 1].lower_]
        if mention[0].lower_ in TITLES:
            return TITLES[mention[0].lower_]
        role = mention.root.head if mention.root.dep_ == "appos" else mention.root
        if role.lower_ in ROLE_GENDERS:
            return ROLE_GENDERS[role.lower_]  # "the spokeswoman", "his wife, X"
    return None


def _compatible(doc: Doc, actor_id: str, number: str, gender: str | None, genders: dict) -> bool:
    """Whether an actor agrees with a pronoun's number and gender; `genders` memoizes `gender_of`."""
    actor = (doc._.ew_actors or {}).get(actor_id) or {}
    kind = actor.get("kind")
    if gender == "n":
        return kind in NON_PERSON_KINDS
    if number == "pl":
        return kind in NON_PERSON_KINDS or kind is None
    if kind not in ("person", None):
        return False
    if actor_id not in genders:
        genders[actor_id] = gender_of(doc, actor_id)
    return genders[actor_id] is None or genders[actor_id] == gender


def _direct_quotes(doc: Doc) -> Ranges:
    """The direct quotes' character ranges, indexed once per set of quotes."""
    quotes = doc._.ew_quotes or []
    memo = mention_memo(doc)
    if memo.get("direct_quotes", (None,))[0] is not quotes:
        memo["direct_quotes"] = (quotes, Ranges(tuple(q["span"]) for q in quotes if q.get("kind") == "direct"))
    return memo["direct_quotes"][1]


def _resolve_pronoun(doc: Doc, pronoun: Token, quoted: Ranges) -> str | None:
    """The most recent compatible actor, subjects outside quotes first."""
    number, gender = PRONOUNS[pronoun.lower_]
    pronoun_quoted = quoted.holds(pronoun.idx)
    before = [m for m in mentions_starting(doc, pronoun.i - WINDOW, pronoun.i) if m.end <= pronoun.i and m.kb_id_]
    before.sort(key=lambda m: m.start, reverse=True)  # latest first; ties in the order recorded
    genders: dict[str, str | None] = {}
    candidates = [m for m in before if _compatible(doc, m.kb_id_, number, gender, genders)]
    if gender in ("m", "f"):
        # a person the text says is a "she" ("the spokeswoman", "Mrs X") before one it says nothing of
        known = [m for m in candidates if genders.get(m.kb_id_) == gender and pronoun.i - m.start <= KNOWN_WINDOW]
        candidates = known + [m for m in candidates if m not in known]
    outside = [m for m in candidates if pronoun_quoted or not quoted.holds(m.start_char)]
    for pool in (
        [m for m in outside if m.root.dep_ in SUBJECT_DEPS],
        outside,
        candidates,
    ):
        if pool:
            return pool[0].kb_id_
    return None


def _named_inside(doc: Doc, span: Span) -> str | None:
    """An actor named by a proper noun that modifies the phrase's head ("Taliban forces")."""
    for mention in mentions_starting(doc, span.start, span.end):
        if mention.end <= span.end and mention.root.i != span.root.i:
            root = mention.root
            if root.pos_ == "PROPN" and root.dep_ in ("compound", "nmod", "poss"):
                return mention.kb_id_
    return None


def _state_of(doc: Doc, head: Token, actors: dict) -> str | None:
    """The state a description ties its head to ("Mexico's president", "the Mexican president"), if any."""
    for child in head.children:
        if child.dep_ in ("poss", "amod", "compound"):
            actor_id = actor_at(doc, doc[child.i : child.i + 1])
            if actor_id and (actors.get(actor_id) or {}).get("kind") == "country":
                return actors[actor_id].get("country")
    return None


def _resolve_description(doc: Doc, head: Token) -> str | None:
    """A definite description's actor: by name word, by earlier apposition or title ("Governor X",
    "X, the regional governor" for "the governor"), or by class word."""
    lemma = head.lemma_.lower()
    actors = doc._.ew_actors or {}
    before = sorted((m for m in mentions_starting(doc, 0, head.i) if m.end <= head.i and m.kb_id_), key=lambda m: m.start, reverse=True)
    state = _state_of(doc, head, actors)
    for mention in before:
        actor = actors.get(mention.kb_id_) or {}
        if state and actor.get("country") and actor["country"] != state:
            continue  # "Mexico's president" is not the Guatemalan one
        names = [actor.get("name") or ""] + list(actor.get("aliases") or [])
        if any(lemma in name.lower().split() for name in names):
            return mention.kb_id_
        described = [c for c in mention.root.children if c.dep_ in ("appos", "attr")]
        if mention.root.dep_ == "appos":
            described.append(mention.root.head)
        if actor.get("kind") == "person":
            sentence_start = mention.sent.start
            described += [t for t in doc[max(sentence_start, mention.start - 3) : mention.start] if t.pos_ in ("NOUN", "PROPN")]
        if any(c.lemma_.lower() == lemma for c in described):
            return mention.kb_id_
    for kind in CLASS_WORDS.get(lemma, ()):
        for mention in before:
            if (actors.get(mention.kb_id_) or {}).get("kind") == kind:
                return mention.kb_id_
    return None
