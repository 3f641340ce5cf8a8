"""Magnitude: how many people a happening killed, injured or had arrested, as news writes it.

Per sentence, casualty words (knowledge/plover.yaml `magnitude:`) are found by
one look-up of the Doc's word and lemma hashes (numpy); each is tied to the people it counts through the
parse: the passive subject ("a man was shot"), the object ("killed two
teenagers"), the subject of "died", of "is in critical condition", of
"suffered gunshot wounds", the noun a participle hangs from ("a 4-year-old
shot by ..."), a number "of them". Only people count: a noun of the people
list, a name, a pronoun, a number standing for people ("two were killed") or
"a 17-year-old"; barrels, dollars, percentages, ages, addresses and times of
day are never victims.

Counting: a number on the noun is exact ("six civilians"); "at least", "more
than" and vague plurals ("dozens") give a floor; a plural without a number at
least 2; a singular, a name or "he" 1; conjuncts add up ("a couple and their
two children" = 4). Each person's fate is the strongest word said of them:
dead over injured over hit ("shot and killed" is dead, "shot" alone is
injured, "fatally shot" dead). "Seven people were shot, one fatally" gives
dead 1, injured 6.

Across the mentions of one happening, `combine` gives the article's toll.
"""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.plover import PloverLexicon
from eventwire.pipeline.events.syntax import key
from eventwire.pipeline.structure import in_dateline, in_headline

_FATES = ("dead", "injured", "hit")
_RANK = {"dead": 3, "injured": 2, "hit": 1}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_PERSON_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "himself": 1, "herself": 1, "they": 2, "them": 2, "themselves": 2}
_PARTITIVE_HEADS = {"one", "two", "three", "four", "five", "both", "all", "each", "none"}


class Victim:
    """People a casualty word counts: head token, how many, whether only a floor, their fate."""

    __slots__ = ("head", "count", "floor", "fate", "definite", "added", "subset", "total", "own")

    def __init__(self, head: Token, count: int, floor: bool, fate: str, definite: bool, added: bool, subset: bool):
        self.head, self.count, self.floor, self.fate = head, count, floor, fate
        self.definite, self.added, self.subset = definite, added, subset
        self.total = False  # a toll figure: everyone the happening killed, not more people
        self.own = False  # the doer's own death: "then killed himself", "committed suicide"


class MagnitudeReader:
    """Count dead, injured and arrested people per sentence.

    vocab (Vocab): the pipeline's vocabulary, whose string hashes the word lists are looked up by.
    lexicon (PloverLexicon): word lists (`magnitude`, `numbers`, `vague_amounts`, `floor_words`).
    """

    def __init__(self, vocab, lexicon: PloverLexicon):
        self.lexicon = lexicon
        words = lexicon.magnitude
        self.people = words.get("people", frozenset())
        self.fatal = words.get("fatal_adverbs", frozenset())
        self.bearers = words.get("bearers", frozenset())
        # every listed word's hash, sorted, with the kinds it belongs to: the whole Doc is looked up
        # at once (numpy.searchsorted over its word and lemma hashes), not token by token
        kinds: dict[int, set[str]] = {}
        lists = {kind: words.get(kind, ()) for kind in ("dead", "injured", "hit", "arrested", "updates")}
        lists.update(fatal=self.fatal, condition=["condition"], reflexive=["himself", "herself", "themselves"], suicide=["suicide"])
        for kind, listed in lists.items():
            for word in listed:
                kinds.setdefault(vocab.strings.add(word), set()).add(kind)
        self.hashes = numpy.array(sorted(kinds), dtype="uint64")
        self.kinds_of = [tuple(sorted(kinds[h])) for h in sorted(kinds)]
        self.conditions = words.get("conditions", frozenset())
        self.weapons = words.get("weapons", frozenset())
        self.acts = words.get("dead", frozenset()) | words.get("injured", frozenset())  # "a double murder"

    def read(self, doc: Doc) -> dict[int, dict]:
        """Magnitudes of every sentence with a casualty word, keyed by the sentence's first token.

        doc (Doc): a parsed Doc.
        RETURNS (dict[int, dict]): sentence start -> magnitude (see `sentence_magnitude`).
        """
        if not len(doc):
            return {}
        found: set[tuple[int, str]] = set()
        for column in doc.to_array([LOWER, LEMMA]).T:
            at = numpy.minimum(numpy.searchsorted(self.hashes, column), len(self.hashes) - 1)
            for i in numpy.flatnonzero(self.hashes[at] == column):
                found.update((int(i), kind) for kind in self.kinds_of[at[i]])
        hits: dict[int, list[tuple[str, Token]]] = {}
        starts = sorted(s.start for s in doc.sents)
        for i, kind in sorted(found):
            if kind == "condition":  # "in critical condition"
                if not (i and doc[i - 1].lower_ in self.conditions):
                    continue
            elif kind == "reflexive":  # "turned the gun on himself"
                window = doc[max(0, i - 4) : i]
                if not (len(window) == 4 and window[0].lemma_ == "turn" and window[2].lower_ in self.weapons and window[3].lower_ == "on"):
                    continue
                kind = "suicide"
            elif kind == "suicide" and doc[i].head.lemma_ != "commit":
                continue  # "a murder-suicide", "a suicide note": only "committed suicide" is a death
            start = starts[bisect.bisect_right(starts, i) - 1]
            hits.setdefault(start, []).append((kind, doc[i]))
        return {start: self.sentence_magnitude(doc[start].sent, found) for start, found in hits.items()}

    def sentence_magnitude(self, sent: Span, hits: list[tuple[str, Token]]) -> dict:
        """The toll one sentence states.

        RETURNS (dict): dead, injured, arrested, dead_min (int | None); hit (how many of
            `injured` may be people another mention already counts: shot with the fate unstated,
            or named again, "the victim is in stable condition"); update (True when the sentence
            revises a toll: "rose to 12").
        """
        victims: dict[int, Victim] = {}
        arrested: list[Victim] = []
        for kind, token in hits:
            if kind == "updates":
                continue
            for victim in self._victims(kind, token):
                if kind == "arrested":
                    arrested.append(victim)
                    continue
                known = victims.get(victim.head.i)
                if known is None or _RANK[victim.fate] > _RANK[known.fate]:
                    victims[victim.head.i] = victim
        doers = _doers_own(victims)
        for i in doers:
            victims[i].fate, victims[i].own = "dead", True
        _drop_named_again(victims, keep=doers)
        dead = [v for v in victims.values() if v.fate == "dead"]
        injured = [v for v in victims.values() if v.fate == "injured"]
        hit = [v for v in victims.values() if v.fate == "hit"]
        n_dead, dead_floor = _total([v for v in dead if not v.total])
        own = [v for v in dead if v.own]
        n_own = _total(own)[0] if len(own) < len(victims) else 0  # the doer also killed or shot others
        tolls = [v for v in dead if v.total]
        if tolls and max(v.count for v in tolls) >= n_dead:  # "the toll rose to 12 after three of the wounded died"
            n_dead, dead_floor = max(v.count for v in tolls), any(v.floor for v in tolls)
        n_injured, injured_floor = _total(injured)
        n_hit, _ = _total(hit)
        others = [v for v in dead if not v.own]  # the doer's own death is not among those he shot
        n_others = n_dead - _total(own)[0]
        if hit and (others or injured) and all(v.subset for v in others + injured) and n_hit >= n_others + n_injured:
            # "seven people were shot, one fatally": the dead are among those shot
            n_hit_only = n_hit - n_others - n_injured
        elif hit and others and all(v.definite for v in hit):
            # "a boy died after he shot himself": those shot are the dead named again
            n_hit_only = max(0, n_hit - n_others)
        else:
            n_hit_only = n_hit
        result = dict(_EMPTY)
        if dead:
            result["dead_min" if dead_floor else "dead"] = n_dead
        if injured or n_hit_only:
            result["injured"] = n_injured + n_hit_only
            named_again = sum(v.count for v in injured if v.definite and not v.added)  # "the victim is in stable condition"
            result["hit"] = (n_hit_only + named_again) or None
        if arrested:
            result["arrested"] = _total(arrested)[0]
        result["suicide"] = n_own or None
        # "three people are dead, including the gunman": the doer's death is in the count already
        result["doer_counted"] = bool(dead) and any(t.lower_ == "including" and any(c.lower_ in _DOERS for c in t.children) for t in sent)
        result["update"] = bool((dead or injured) and any(kind == "updates" for kind, _ in hits))
        return result

    # ----------------------------------------------------------- who is counted

    def _victims(self, kind: str, token: Token) -> list[Victim]:
        if kind == "fatal":  # "six people were shot, two of them fatally": the dead among those shot
            head = token.head
            if head.pos_ == "NUM" or head.lower_ == "one":
                victim = self._victim(head, "dead", conjuncts=False)
                if victim is not None:
                    victim.subset = True
                    return [victim]
            return []
        if any(c.dep_ == "neg" for c in token.children) and not any(c.lower_ in _DEGREES for c in token.children):
            return []  # "was not hurt" (but "was not seriously hurt" is hurt)
        if _attempted(token):
            return []  # "tried to kill herself", "threatened to kill his wife": nobody died of it
        fate = kind if kind in _FATES else ("injured" if kind == "condition" else "dead" if kind == "suicide" else kind)
        if token.lemma_.lower() == "life":
            verb = token.head.head if token.dep_ == "pobj" else token.head
            if verb.lemma_.lower() == "fight":
                fate = "injured"  # "fighting for her life"
            elif token.dep_ != "dobj" or verb.lemma_.lower() not in _LIFE_TAKERS:
                return []  # "saved her life", "his young life": only a life taken or lost is a death
        if kind in ("hit", "injured") and _fatal(token, self.fatal):
            fate = "dead"  # "fatally shot", "mortally wounded", "shot dead", "stabbed to death"
        if kind == "hit" and token.pos_ != "VERB":
            return []  # "shots were fired", "a gunshot": no person counted
        if kind == "injured" and token.pos_ == "NOUN" and fate == "injured":
            fate = "hit"  # "suffered gunshot wounds", "died of his injuries": the fate is not said
        found = []
        own_noun = token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN")
        for noun in self._counted(kind, token):
            victim = self._victim(noun, fate, conjuncts=not own_noun)
            if victim is not None:
                # a toll figure or an act noun ("a double murder") counts everyone, not more people
                victim.total = token.lemma_.lower() == "toll" or noun.i == token.i and token.pos_ == "NOUN"
                victim.own = fate == "dead" and (kind == "suicide" or noun.lower_ in ("himself", "herself") or _own_life(token))
                found.append(victim)
        return found

    def _counted(self, kind: str, token: Token) -> list[Token]:
        """The head words of the people a casualty word is said of."""
        if kind == "suicide":  # "turned the gun on himself", "committed suicide"
            return _clause_subjects(token.head, hops=3) if token.lower_ == "suicide" else [token]
        if kind == "condition":  # "a man is in critical condition", "listed in stable condition"
            return _clause_subjects(token, hops=4)
        lex = self.lexicon
        if token.pos_ in ("VERB", "AUX"):
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if objects:
                return _resolve_relative(objects)
            if token.lemma_.lower() in ("die", "perish", "succumb") or (kind == "dead" and token.lower_ == "dead"):
                return _resolve_relative(_clause_subjects(token, hops=2))
            if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
                return [token.head]  # "a 4-year-old shot by his brother"
            if _passive(token):
                return _resolve_relative(_clause_subjects(token, hops=3))  # "shot and killed", "after being shot"
            return []
        if token.pos_ == "ADJ" or token.dep_ in ("acomp", "oprd"):
            if token.dep_ == "amod":
                return [token.head]  # "the dead man", "two injured officers"
            own = [c for c in token.children if c.dep_ in _SUBJECTS]
            if own:
                return own  # "left one dead"
            head = token.head
            if token.dep_ in ("ccomp", "xcomp", "oprd", "acomp", "conj") and head.pos_ in ("VERB", "AUX"):
                objects = [c for c in head.children if c.dep_ == "dobj"]
                return _resolve_relative(objects or _clause_subjects(head, hops=2))  # "found dead", "left two people dead"
            return []
        # nouns: "two deaths", "the death of a man", "suffered gunshot wounds", "the toll rose to 12"
        if token.lemma_.lower() == "toll":
            return _toll_values(token)
        if self._number(token) is not None or self._multiple(token):
            return [token]  # "six deaths", "a double murder"
        for child in token.children:
            if child.dep_ == "poss":
                return [child]
            if child.dep_ == "prep" and child.lower_ == "of":
                return [w for w in child.children if w.dep_ == "pobj"]
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ in ("NOUN", "PROPN"):
            return [head.head]  # "a man with gunshot wounds"
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in self.bearers:
            return _resolve_relative(_clause_subjects(token, hops=3))  # "suffered gunshot wounds", "treated for injuries"
        return []

    def _victim(self, noun: Token, fate: str, conjuncts: bool = True) -> Victim | None:
        """How many people a head word (with its conjuncts) stands for; None when it is no person."""
        total, floor, definite, added, subset = 0, False, True, False, True
        for item in _people_listed(noun) if conjuncts else [noun]:
            if item.i != noun.i and item.lemma_.lower() in _DEATH_COUNTS:
                continue  # "two deaths and three injuries": the deaths are no injured
            counted = self._people(item)
            if counted is None:
                continue
            value, is_floor = counted
            total += value
            floor = floor or is_floor
            dets = {c.lower_ for c in item.children if c.dep_ in ("det", "poss", "predet")}
            definite = definite and (bool(dets & _DEFINITE) or item.pos_ in ("PRON", "PROPN") or any(c.dep_ == "poss" for c in item.children))
            added = added or "another" in dets or any(c.lower_ in ("other", "others", "second", "third") for c in item.children) or item.lower_ == "others"
            subset = subset and (item.pos_ == "NUM" or item.lower_ in _PARTITIVE_HEADS or item.pos_ == "PRON" or bool(dets & _DEFINITE))
        if not total:
            return None
        return Victim(noun, total, floor, fate, definite, added, subset)

    def _people(self, noun: Token) -> tuple[int, bool] | None:
        """(count, floor) for one head word that names people, else None."""
        word = noun.lower_
        if word in ("nobody", "none") or any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in noun.children):
            return None  # "no one was hurt", "nobody was hurt"
        if word in ("old", "olds") and any(c.lower_ in ("year", "years", "month", "months") for c in noun.children):
            return self._number(noun) or ((2, True) if word == "olds" else (1, False))  # "a 4-year-old", "two 17-year-olds"
        if noun.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "TIME", "DATE", "ORDINAL", "GPE", "LOC", "FAC", "ORG"):
            return None
        if in_dateline(noun) or noun.idx < (noun.doc._.ew_dateline_end or 0) and not in_headline(noun):
            return None  # the filing town ("JEFFERSON - A child was killed"), which the parser may take for a victim
        if noun.pos_ == "PRON":
            if word in _PERSON_PRONOUNS:
                return _PERSON_PRONOUNS[word], _PERSON_PRONOUNS[word] > 1
            return (1, False) if word in self.people else None
        if noun.pos_ == "PROPN":
            return (1, False) if noun.ent_type_ in ("PERSON", "") else None
        number = self._number(noun)
        if noun.lemma_.lower() in _DEATH_COUNTS:
            return number  # "four fatalities", "two deaths": a count of the dead (but "140 homicides" counts acts)
        if noun.pos_ == "NUM":
            return number  # "two were killed", "one of them died"
        if noun.pos_ == "NOUN" and key(noun) & self.acts:
            multiple = self._multiple(noun)  # "a double homicide"; "168 homicides this year" is a count of acts
            return (multiple, False) if multiple else None
        if not (key(noun) & self.people or _person_word(noun)):
            return None
        if number is not None:
            return number
        if word in self.lexicon.numbers and noun.pos_ == "NOUN":
            return self.lexicon.numbers[word], False  # "the couple", "twins"
        if noun.tag_ in ("NNS", "NNPS") and word not in ("police",):
            return 2, True
        return 1, False

    def _number(self, noun: Token) -> tuple[int, bool] | None:
        """The count a noun carries: "six civilians", "at least a dozen people", "dozens of soldiers"."""
        lex = self.lexicon
        word = noun.lower_
        if word in lex.vague_amounts:
            return lex.vague_amounts[word], True
        if noun.pos_ == "NUM":
            value = parse_number(noun, lex)
            if value:
                return value, any(w.lower_ in lex.floor_words for w in noun.subtree)
        for child in noun.children:
            if child.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
                continue  # "a 2013 double murder", "a 9 p.m. shooting"
            if child.dep_ in ("nummod", "quantmod") or (child.dep_ in ("amod", "det", "predet") and child.lower_ in lex.vague_amounts):
                if child.lower_ in lex.vague_amounts:
                    return lex.vague_amounts[child.lower_], True
                value = parse_number(child, lex)
                if value:
                    floor_words = {w.lower_ for w in child.subtree} | {w.lower_ for w in noun.children if w.dep_ in ("advmod", "amod", "quantmod")}
                    return value, bool(floor_words & lex.floor_words)
            if child.dep_ in ("det", "predet") and child.lower_ == "both":
                return 2, False
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in lex.vague_amounts:
            return lex.vague_amounts[noun.head.head.lower_], True
        return None

    def _multiple(self, noun: Token) -> int | None:
        """The count an act noun's adjective gives: "a double homicide" 2, "a triple shooting" 3."""
        numbers = self.lexicon.numbers
        return next((numbers[c.lower_] for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ in numbers), None)


_CASUALTIES = ("dead", "injured", "dead_min", "hit", "update", "suicide", "doer_counted")
_WANTED = {"ASSAULT": _CASUALTIES, "PROTEST": _CASUALTIES, "COERCE": ("arrested",)}
_EMPTY = {"dead": None, "injured": None, "arrested": None, "dead_min": None, "hit": None, "update": False, "suicide": None, "doer_counted": False}
_DOERS = {"gunman", "shooter", "suspect", "attacker", "assailant", "killer"}
_DEATH_COUNTS = {"death", "fatality"}
_DEGREES = {"seriously", "critically", "badly", "severely", "gravely", "fatally", "mortally"}
_LIFE_TAKERS = {"claim", "take", "lose", "cost", "end"}  # "claimed the lives of three", "took his own life"


def for_event(toll: dict | None, event_type: str) -> dict:
    """The part of a sentence's toll an event of this type carries: casualties for ASSAULT and PROTEST, arrests for COERCE.

    toll (dict | None): the sentence's magnitude from `MagnitudeReader.read`, or None.
    event_type (str): the PLOVER type.
    RETURNS (dict): a magnitude dict, the other counts None.
    """
    result = dict(_EMPTY)
    for name in _WANTED.get(event_type, ()) if toll else ():
        result[name] = toll.get(name, _EMPTY[name])
    return result


def casualties(toll: dict | None) -> dict | None:
    """The dead and injured of a sentence's toll as an attack would carry them, or None when it counts none.

    toll (dict | None): the sentence's magnitude from `MagnitudeReader.read`, or None.
    RETURNS (dict | None): a magnitude dict (arrests None), or None.
    """
    if not toll or all(toll[name] is None for name in ("dead", "dead_min", "injured")):
        return None
    return for_event(toll, "ASSAULT")


def combine(magnitudes: list[dict]) -> dict:
    """The toll of one happening from the magnitudes of its mentions, in text order.

    Dead: the latest revised figure ("rose to 12") when there is one, else the largest.
    Injured: the largest explicit count of wounded, or the people hit minus the dead when
    a mention only says they were shot ("a man was shot ... he died" is dead 1, injured 0).

    magnitudes (list[dict]): the mentions' magnitude dicts, as `sentence_magnitude` gives.
    RETURNS (dict): one magnitude dict of the same shape.
    """
    result = dict(_EMPTY)
    if not magnitudes:
        return result
    updated = [m for m in magnitudes if m.get("update") and (m.get("dead") is not None or m.get("dead_min") is not None)]
    deads = updated[-1:] if updated else magnitudes
    dead = max((m["dead"] for m in deads if m.get("dead") is not None), default=None)
    dead_min = max((m["dead_min"] for m in deads if m.get("dead_min") is not None), default=None)
    # "shot a girl and a woman, then killed himself", the girl's death told apart: the doer is one more dead
    own = max((m["suicide"] for m in deads if m.get("suicide") and m.get("dead") == m["suicide"]), default=0)
    if own and dead is not None and not any(m.get("doer_counted") for m in magnitudes):
        dead = max(dead, max((m["dead"] for m in deads if m.get("dead") is not None and not m.get("suicide")), default=0) + own)
    if dead is not None and dead_min is not None and dead_min <= dead:
        dead_min = None
    elif dead is not None and dead_min is not None:
        dead = None
    known_dead = dead if dead is not None else (dead_min or 0)
    people = max(((m.get("dead") or m.get("dead_min") or 0) + (m.get("injured") or 0) for m in magnitudes), default=0)
    explicit = max(((m.get("injured") or 0) - (m.get("hit") or 0) for m in magnitudes), default=0)
    injured = max(explicit, people - known_dead)
    any_injured = any(m.get("injured") is not None for m in magnitudes)
    result.update(
        dead=dead,
        dead_min=dead_min,
        injured=injured if any_injured or injured else None,
        arrested=max((m["arrested"] for m in magnitudes if m.get("arrested") is not None), default=None),
        update=bool(updated),
    )
    return result


# ------------------------------------------------------------ small helpers


def _doers_own(victims: dict[int, Victim]) -> set[int]:
    """Reflexives whose doer also shot or killed others in the sentence ("killed his wife and then shot
    himself"): the doer's own death, as news tells a murder-suicide, not a victim named again (a boy who
    shot himself, with nobody else, stays shot)."""
    found = set()
    for i, victim in victims.items():
        token = victim.head
        if token.lower_ not in ("himself", "herself") or token.dep_ not in ("dobj", "pobj"):
            continue
        verb = token.head if token.dep_ == "dobj" else token.head.head  # "shot himself", "turned the gun on himself"
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        # the verbs the doer is the subject of: "X killed Y and then shot himself", not "or someone shot him"
        chain = {verb.i, *(c.i for c in verb.conjuncts if not any(w.dep_ in _SUBJECTS for w in c.children))}
        if any(j != i and other.head.dep_ == "dobj" and other.head.head.i in chain for j, other in victims.items()):
            found.add(i)
    return found


def _drop_named_again(victims: dict[int, Victim], keep: set[int] = frozenset()) -> None:
    """One person told twice in a sentence counts once when no worse is said the second time: "a girl is
    in critical condition after she was shot", "a boy is in serious condition after the boy was struck",
    "how the boy shot himself or if someone shot him" (but "shot his wife before killing himself": two)."""
    told: list[Victim] = []
    for i in sorted(victims):
        victim = victims[i]
        if i not in keep and victim.count == 1 and any(_RANK[victim.fate] <= _RANK[first.fate] and _told_again(first, victim) for first in told):
            del victims[i]
        else:
            told.append(victim)


_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}


def _told_again(first: Victim, later: Victim) -> bool:
    """Whether a later singular victim names the person of an earlier one: a "he"/"she" after one person
    (or after a pronoun of its gender), or "the boy" after "a boy"."""
    word = later.head.lower_
    if word in _GENDER:
        if first.head.pos_ != "PRON":
            return first.count == 1
        return _GENDER.get(first.head.lower_) == _GENDER[word]
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in later.head.children)
    return definite and first.count == 1 and first.head.lemma_.lower() == later.head.lemma_.lower()


_ATTEMPTS = {"try", "attempt", "want", "threaten", "plan", "intend", "vow", "seek", "hope", "plot"}
_INTENTS = {"intention", "intent", "plan", "goal", "aim"}


def _attempted(token: Token) -> bool:
    """A casualty word only tried, wanted, threatened or meant: "tried to take her own life", "wanted to kill her and himself"."""
    node = token.head if token.dep_ == "dobj" else token  # "tried to take her own life": the verb taking it
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "xcomp":
        return False
    head = node.head  # "tried to kill", or "her plan was to shoot him and then herself"
    return head.lemma_.lower() in _ATTEMPTS or any(c.dep_ == "nsubj" and c.lemma_.lower() in _INTENTS for c in head.children)


def _own_life(token: Token) -> bool:
    """ "took his own life": the life is the doer's own."""
    return token.lemma_.lower() == "life" and any(c.lower_ == "own" for c in token.children)


def _total(victims: list[Victim]) -> tuple[int, bool]:
    return sum(v.count for v in victims), any(v.floor for v in victims)


def _clause_subjects(token: Token, hops: int) -> list[Token]:
    """The subject of the clause a word sits in, climbing through conjuncts, participles and "after being"."""
    node = token
    for _ in range(hops + 1):
        found = [c for c in node.children if c.dep_ in _SUBJECTS]
        if found:
            return found
        if node.head.i == node.i:
            return []
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [node.head]
        if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acomp", "dobj", "attr", "oprd", "ccomp", "amod"):
            return []
        node = node.head
    return []


_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ee", "ees")
_NOT_PEOPLE = {"number", "numbers", "order", "orders", "corner", "center", "centre", "water", "power", "matter", "door", "floor",
               "window", "car", "cars", "trailer", "computer", "counter", "letter", "paper", "tower", "river", "border", "color",
               "colour", "monitor", "motor", "tractor", "sector", "factor", "elevator", "fee", "fees", "tree", "trees", "plant",
               "restaurant", "quarter", "quarters", "shelter", "chamber", "container", "barrier", "helicopter", "cruiser",
               "tanker", "freighter", "bomber", "fighter", "semester", "meter", "liter", "register", "rubber", "weather"}


def _person_word(noun: Token) -> bool:
    """A noun that reads as a person by its ending ("motorist", "worker", "fiancee"), checked when no list has it."""
    word = noun.lower_
    return noun.pos_ == "NOUN" and len(word) > 4 and word.endswith(_PERSON_SUFFIXES) and word not in _NOT_PEOPLE


def _people_listed(noun: Token) -> list[Token]:
    """A noun and its conjuncts, also those hung on its apposition ("his fiancee, Ana Ruiz, 34, and their son"),
    unless the noun is counted: then the apposition lists the same people ("five people, three boys and a man")."""
    items = [noun, *noun.conjuncts]
    if noun.pos_ == "NUM" or any(c.dep_ == "nummod" for c in noun.children):
        return items
    for appos in (c for c in noun.children if c.dep_ == "appos"):
        items += [c for c in appos.conjuncts if c not in items]
    return items


def _fatal(token: Token, adverbs: frozenset) -> bool:
    """Whether a hit word says the hit was fatal: "fatally shot", "shot dead", "beaten to death"."""
    for child in token.children:
        if child.dep_ in ("advmod", "oprd", "acomp", "xcomp") and child.lower_ in adverbs:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(w.lower_ == "death" for w in child.children):
            return True
    return False


def _passive(verb: Token) -> bool:
    """A passive participle ("was shot", "shot and killed", "after being shot"), not a perfect ("has shot")."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "auxpass" for c in node.children):
            return True
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in node.children):
            return False
        if node.dep_ != "conj" or node.head.i == node.i:
            break
        node = node.head
    return verb.tag_ == "VBN"


def _resolve_relative(tokens: list[Token]) -> list[Token]:
    """ "who", "that" as a victim stand for the noun their clause describes ("a man who was shot")."""
    out = []
    for token in tokens:
        if token.lower_ in ("who", "whom", "that") and token.head.dep_ == "relcl":
            out.append(token.head.head)
        else:
            out.append(token)
    return out


def _toll_values(toll: Token) -> list[Token]:
    """The number a toll is given: "the toll rose to 12", "the toll stood at 9", "a toll of 3"."""
    found = []
    heads = [toll, toll.head] if toll.dep_ in ("nsubj", "nsubjpass") else [toll]
    for child in (c for head in heads for c in head.children):
        if child.dep_ == "prep" and child.lower_ in ("to", "at", "of"):
            found += [w for w in child.children if w.dep_ == "pobj" and w.pos_ == "NUM"]
        elif child.dep_ in ("attr", "dobj") and child.pos_ == "NUM":
            found.append(child)
    return found[-1:]


def _number_phrase(token: Token) -> list[Token]:
    """The words of a number ("two dozen", "at least 12"), not what hangs from it ("2 of the 9 people",
    "3 dead in a quadruple shooting")."""
    words = [token]
    for child in token.children:
        if child.dep_ not in ("prep", "acl", "relcl", "appos", "punct", "cc", "conj", "amod"):
            words += list(child.subtree)
    return words


def parse_number(token: Token, lex: PloverLexicon) -> int | None:
    """An int from "12", "1,200", "twelve", "a dozen", "two dozen"; None from a decimal."""
    words = [w for w in _number_phrase(token) if w.like_num or w.lower_ in lex.numbers]
    if not words:
        return None
    total = 0
    for word in words:
        text = word.lower_.replace(",", "")
        if re.fullmatch(r"\d+", text):
            value = int(text)
        elif re.fullmatch(r"\d*\.\d+", text):
            return None  # "19.3 deaths per 100,000": a rate, no count of people
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
