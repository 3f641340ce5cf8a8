"""Parse helpers every part of the events stage reads the dependency tree with."""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "iobj", "dative", "attr", "oprd"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}
NER_ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


def key(token: Token) -> set[str]:
    """A token's lower-case form and lemma, for look-ups in word lists."""
    return {token.lower_, token.lemma_.lower()}


def near(token: Token):
    """Children, and grandchildren through an object or preposition: where a sense's second word sits ("held X responsible").

    A passive subject counts as an object ("internet services were suspended").
    """
    for child in token.children:
        yield child
        if child.dep_ in OBJECTS | PASSIVE_SUBJECTS | {"prep", "pobj", "prt", "xcomp", "advmod"}:
            yield from child.children


def clause_verb(token: Token) -> Token:
    """The verb of the clause a token belongs to (itself when it is a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def objects(token: Token) -> list[Token]:
    """A verb's objects, including prepositional ones and their conjuncts."""
    found = [c for c in token.children if c.dep_ in OBJECTS | PASSIVE_SUBJECTS | {"xcomp"}]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        found += [w for w in prep.children if w.dep_ == "pobj"]
    return with_conjuncts(found)


def subjects(token: Token) -> list[Token]:
    """A verb's subject, inherited from the verb it hangs from ("agreed to withdraw", "X are present and continue to fight")."""
    node = token
    for _ in range(4):
        found = [c for c in node.children if c.dep_ in SUBJECTS]
        if found:
            return found
        if node.dep_ not in ("xcomp", "conj", "acomp", "advcl") or node.head.i == node.i:
            return []
        if node.dep_ == "advcl" and node.tag_ != "VBG":
            return []
        node = node.head
    return []


def agents(token: Token) -> list[Token]:
    """The "by" agent of a passive verb."""
    return [w for c in token.children if c.dep_ == "agent" for w in c.children if w.dep_ == "pobj"]


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and their conjuncts ("Kestia and Borland"), each once, in order."""
    out: list[Token] = []
    for token in tokens:
        for item in [token, *token.conjuncts]:
            if item not in out:
                out.append(item)
    return out


def last_word(sent: Span) -> Token:
    """The sentence's last token that is not white space (a sentence keeps the line breaks after it)."""
    return next((t for t in reversed(sent) if not t.is_space), sent[-1])


def phrase(token: Token) -> Span:
    """The name part of a noun phrase: the head with its compounds and modifiers on the left."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "flat", "nummod") and child.i < start:
            start = child.left_edge.i if child.dep_ == "compound" else child.i
    while start < token.i and doc[start].dep_ in ("det", "poss", "punct", "case"):
        start += 1
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == end:
            end += 1
    return doc[start:end]
