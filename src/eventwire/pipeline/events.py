"""Events: code PLOVER events: who did what to whom, where, when, and who says so.

How a sentence becomes events:
1. Triggers: words of the PLOVER lexicon (knowledge/plover.yaml) found by
   lemma or word form; a sense that needs a second word ("held ...
   responsible", "called on") is tried before the plain one.
2. One event per happening: a trigger inside the complement of a verbal
   trigger ("agreed to withdraw", "demanded the release") is the content of
   that act, not an event of its own; a noun trigger that is an argument of
   another trigger, and triggers of one type that share doers, are merged.
3. Doers and done-to from the dependency parse: subjects, "by" agents,
   possessives and nationality words are actors; objects and "on/against"
   phrases are recipients; each is linked to an actor id (actors stage,
   coreference for pronouns, quote speaker for "I/we" inside a quote).
4. Modality: negated, conditional, future, hypothetical, claimed (a speech
   verb or quote with a named speaker), else asserted. Future cooperation
   becomes AGREE and future force THREATEN (PLOVER convention).
5. Precision filters: no event from an opinion, a metaphor, a history
   reference, a generic statement, an exhortation ("we should ..."), a
   headline fragment, or casualty words beside a disaster cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.plover import (
    COOPERATIVE_TYPES,
    MATERIAL_CONFLICT_TYPES,
    VERBAL_TYPES,
    PloverLexicon,
    Sense,
    load_lexicon,
)
from eventwire.pipeline import actors as actors_stage
from eventwire.pipeline.coref import resolve_mention
from eventwire.pipeline.extensions import published_date
from eventwire.pipeline.places import event_place
from eventwire.pipeline.times import date_for_span

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_OBJECTS = {"dobj", "obj", "iobj", "dative", "attr", "oprd"}
_RECIPIENT_PREPS = {"on", "against", "at", "upon", "toward", "towards", "to", "into"}
_COMPLEMENTS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "conj", "advcl", "relcl", "acl", "attr", "oprd", "nsubjpass"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}
_NER_ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_FUTURE_TO_THREAT_MODE = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict", "MOBILIZE": "violence"}
_BASE_CONFIDENCE = 0.35
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


class EventsStage:
    """Code PLOVER events: who did what to whom, where, when, and who says so."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon: PloverLexicon = load_lexicon()
        self.phrases = self._build_phrase_matcher(nlp)

    def _build_phrase_matcher(self, nlp: Language) -> PhraseMatcher:
        """One PhraseMatcher for every multiword cue: contexts, ASSAULT modes, history phrases."""
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for context, cues in self.lexicon.contexts.items():
            matcher.add("ctx:" + context, [nlp.make_doc(cue) for cue in cues])
        for mode, cues in self.lexicon.assault_mode_cues:
            matcher.add("mode:" + mode, [nlp.make_doc(cue) for cue in cues])
        matcher.add("history", [nlp.make_doc(cue) for cue in self.lexicon.history_phrases])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        cues = self._cues_by_sentence(doc)
        events: list[dict] = []
        sentences = list(doc.sents)
        disaster_story = bool(sentences) and self._disaster_context(sentences[0]) and not any(
            _key(t) & self.lexicon.attack_cues for t in doc
        )
        for sent in sentences:
            if self._is_fragment(sent):
                continue
            for event in self._sentence_events(doc, sent, cues.get(sent.start, {})):
                if disaster_story and event["type"] in MATERIAL_CONFLICT_TYPES | COOPERATIVE_TYPES - {"PROTEST"}:
                    continue  # relief work and damage in a disaster story are no political events
                events.append(event)
        for number, event in enumerate(events, 1):
            event["id"] = f"event:{number}"
        doc._.ew_events = events
        return doc

    # ------------------------------------------------------------------ cues

    def _cues_by_sentence(self, doc: Doc) -> dict[int, dict[str, list[Span]]]:
        """PhraseMatcher hits grouped by the start token of their sentence."""
        grouped: dict[int, dict[str, list[Span]]] = {}
        for match_id, start, end in self.phrases(doc):
            span = doc[start:end]
            key = doc.vocab.strings[match_id]
            grouped.setdefault(span.sent.start, {}).setdefault(key, []).append(span)
        return grouped

    def _disaster_context(self, sent: Span) -> bool:
        """A sentence about a flood, fire, crash or epidemic, with no word of a deliberate attack."""
        words = {w for t in sent for w in _key(t)}
        return any(self._is_disaster_word(t) for t in sent) and not words & self.lexicon.attack_cues

    def _is_disaster_word(self, token: Token) -> bool:
        """A disaster cue; a verb only in an inflected form ("crashed", "flooded"), so "storm a town" is none."""
        if token.pos_ == "VERB":
            return token.lower_ != token.lemma_.lower() and token.lower_ in self.lexicon.disaster_cues
        return bool(_key(token) & self.lexicon.disaster_cues)

    @staticmethod
    def _is_fragment(sent: Span) -> bool:
        """A headline or caption fragment: no verb and no closing punctuation."""
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
        closed = sent[-1].is_punct and sent[-1].text in ".!?\"'”’…"
        return not has_verb and (not closed or len(sent) < 6)

    # -------------------------------------------------------------- triggers

    def _sense_for(self, token: Token) -> tuple[Sense | None, bool]:
        """The first sense of the lexicon that fits this token, and whether it is weak."""
        senses = self.lexicon.senses
        candidates = senses.get(token.lemma_.lower(), ()) + (
            senses.get(token.lower_, ()) if token.lower_ != token.lemma_.lower() else ()
        )
        for sense in candidates:
            if self._fits(token, sense):
                return sense, False
        word = token.lemma_.lower()
        if (word in self.lexicon.weak or token.lower_ in self.lexicon.weak) and token.pos_ in ("VERB", "NOUN", "ADJ"):
            return Sense("ASSAULT", None, "any", 0.45), True
        return None, False

    def _fits(self, token: Token, sense: Sense) -> bool:
        pos = token.pos_
        if sense.pos == "verb" and pos != "VERB":
            return False
        if sense.pos == "noun" and pos not in ("NOUN", "PROPN"):
            return False
        if sense.pos == "adj" and not (pos == "ADJ" and any(c.dep_ == "xcomp" for c in token.children)):
            return False
        if sense.pos == "any" and pos not in ("VERB", "NOUN"):
            return False
        if sense.with_ and not any(_key(t) & sense.with_ for t in _near(token)):
            return False
        if sense.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in sense.prep for c in token.children):
            return False
        if sense.xcomp and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
            return False
        if sense.object:
            words = self.lexicon.word_classes.get(sense.object, frozenset())
            people = sense.object == "people"
            if not any(_key(t) & words or (people and t.ent_type_ in ("PERSON", "NORP")) for t in _objects(token)):
                return False
        return True

    def _triggers(self, sent: Span) -> list[Trigger]:
        found = []
        for token in sent:
            if token.dep_ == "amod" or (token.is_stop and token.lemma_.lower() not in self.lexicon.senses):
                continue
            sense, weak = self._sense_for(token)
            if sense is None and token.pos_ == "VERB" and self._modal(token) == "deontic":
                sense = _DEMAND  # "X must drop its barriers": a demand whatever the verb
            if sense is not None:
                found.append(Trigger(token, sense, weak))
        return found

    # ------------------------------------------------------ sentence events

    def _sentence_events(self, doc: Doc, sent: Span, cues: dict[str, list[Span]]) -> list[dict]:
        triggers = self._triggers(sent)
        if not triggers:
            return []
        triggers = [t for t in triggers if not self._in_condition_clause(t.token)]
        main = self._absorb(triggers)
        main = [t for t in main if self._keep(t, sent, cues)]
        main = self._merge_same_type(doc, main)
        events = []
        for trigger in main:
            event = self._event(doc, sent, trigger, cues)
            if event is not None:
                events.append(event)
        return events

    def _absorb(self, triggers: list[Trigger]) -> list[Trigger]:
        """Keep the triggers that name a happening of their own; fold the rest into them."""
        by_token = {t.token.i: t for t in triggers}
        kept = []
        for trigger in triggers:
            governors = self._governors(trigger.token, by_token)
            governor = governors[0] if governors else None
            frame = next((g for g in governors if g.type in VERBAL_TYPES), None)
            protest = self._protest_beside(trigger, by_token)
            if protest is not None:
                protest.content.append(trigger)  # "began a hunger strike to protest ...": the protest's topic
            elif governor is None:
                kept.append(trigger)
            elif frame is governor:
                frame.content.append(trigger)
            elif frame is not None:
                continue  # deeper inside a frame's content ("agreed to postpone the march"): no event of its own
            elif trigger.token.head.i == governor.token.i and trigger.token.dep_ in ("xcomp", "dobj", "ccomp"):
                governor.content.append(trigger)
            elif trigger.weak or trigger.is_noun and trigger.token.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS | {"pobj"}:
                governor.merged.append(trigger)
            elif governor.type == trigger.type:
                governor.merged.append(trigger)
            elif governor.type == "PROTEST" and (trigger.type in VERBAL_TYPES or trigger.token.dep_ == "advcl"):
                governor.content.append(trigger)  # what protesters demand is the protest's topic, not an event
            else:
                kept.append(trigger)
        return kept

    @staticmethod
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

    @staticmethod
    def _governors(token: Token, by_token: dict[int, Trigger]) -> list[Trigger]:
        """The triggers above this one in the parse, nearest first, up to a clause it is not part of."""
        found = []
        node = token
        while node.head.i != node.i:
            if node.dep_ not in _COMPLEMENTS and node.dep_ not in _SUBJECTS | {"npadvmod", "nmod", "compound", "appos"}:
                break
            node = node.head
            if node.i in by_token:
                found.append(by_token[node.i])
        return found

    def _in_condition_clause(self, token: Token) -> bool:
        """Whether the token sits in an "if ..." or "on condition that ..." clause."""
        marks = self.lexicon.modality["condition_marks"]
        nouns = self.lexicon.modality["condition_nouns"]
        node = token
        while node.head.i != node.i:
            if node.dep_ in ("advcl", "acl") and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
                return True
            if node.dep_ == "acl" and node.head.lower_ in nouns:
                return True
            node = node.head
        return False

    def _keep(self, trigger: Trigger, sent: Span, cues: dict[str, list[Span]]) -> bool:
        """Precision filters: opinions, metaphors, history, generic statements, disasters."""
        lex = self.lexicon
        token = trigger.token
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        if self._disaster_context(sent):
            return False
        arguments = [a for a in _subjects(token) + _agents(token) + _objects(token) if not _key(a) & trigger.sense.with_]
        if any(self._is_disaster_word(arg) for arg in arguments):
            return False  # "the earthquake struck", "police are investigating the crash"
        if all(part.weak for part in trigger.parts):
            if not words & lex.attack_cues and not self._has_human_doer(token):
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
        clause = _clause_verb(token)
        if any(_clause_verb(history.root) == clause for history in cues.get("history", [])):
            return False
        node = token
        while node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in lex.modality["opinion_verbs"] and node.pos_ == "VERB":
                return False
        return True

    def _has_human_doer(self, token: Token) -> bool:
        """Whether a weak trigger has a doer that is a person or group (not a flood or a fire)."""
        doc = token.doc
        for arg in _subjects(token) + _agents(token):
            if actors_stage.actor_at(doc, doc[arg.i : arg.i + 1]) or arg.ent_type_ in _NER_ACTOR_TYPES:
                return True
            if _key(arg) & self.lexicon.word_classes.get("group_nouns", frozenset()):
                return True
        return False

    def _merge_same_type(self, doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
        """One event per happening: same-type triggers of a sentence whose doers agree become one."""
        kept: list[Trigger] = []
        for trigger in triggers:
            twin = next((k for k in kept if k.type == trigger.type and self._compatible(k, trigger)), None)
            if twin is None:
                kept.append(trigger)
            else:
                strong, weak = (twin, trigger) if _strength(twin) >= _strength(trigger) else (trigger, twin)
                strong.merged.append(weak)
                strong.content.extend(weak.content)
                kept[kept.index(twin)] = strong
        return kept

    @staticmethod
    def _compatible(a: Trigger, b: Trigger) -> bool:
        doers_a = {t.i for t in _subjects(a.token) + _agents(a.token)}
        doers_b = {t.i for t in _subjects(b.token) + _agents(b.token)}
        return not doers_a or not doers_b or bool(doers_a & doers_b)

    # ----------------------------------------------------------- one event

    def _event(self, doc: Doc, sent: Span, trigger: Trigger, cues: dict[str, list[Span]]) -> dict | None:
        lex = self.lexicon
        token = trigger.token
        parts = trigger.parts
        event_type, mode = trigger.type, trigger.sense.mode or next((p.sense.mode for p in parts if p.sense.mode), None)
        quote = _quote_at(doc, token.idx)
        modal = self._modal(token)
        denier = self._denial_governor(token)
        if token.lemma_.lower() in lex.modality["denial_verbs"] and any(c.type not in VERBAL_TYPES for c in trigger.content):
            # "the army denied shelling the village": the shelling, negated, not a rejection.
            denier = next(iter(_subjects(token)), None)
            inner = trigger.content[0]
            inner.merged.extend(trigger.merged)
            trigger, token = inner, inner.token
            parts = trigger.parts
            event_type, mode = trigger.type, trigger.sense.mode
            modal = self._modal(token)

        # Deontic "X must/should ...": a demand when somebody else is told to act, else an exhortation.
        demand_from = None
        if modal == "deontic":
            subject = next(iter(_subjects(token)), None)
            speaker = self._speech_governor(token)
            generic = _FIRST_PERSON | lex.modality["generic_subjects"]
            if subject is None or subject.lower_ in generic or (speaker is None and quote is None):
                return None
            event_type, mode, modal = "REQUEST", None, None
            demand_from = quote.get("speaker") if quote is not None else self._actor_for(doc, speaker, None)

        content_types = {c.type for c in trigger.content}
        if event_type == "AGREE" and content_types & MATERIAL_CONFLICT_TYPES and not content_types & COOPERATIVE_TYPES:
            event_type, mode = "THREATEN", _FUTURE_TO_THREAT_MODE.get(next(iter(content_types & MATERIAL_CONFLICT_TYPES)))
        if event_type == "THREATEN" and mode is None and content_types:
            mode = next((_FUTURE_TO_THREAT_MODE[t] for t in content_types if t in _FUTURE_TO_THREAT_MODE), None)

        if event_type in ("ACCUSE", "REQUEST", "REJECT") and any(self._is_protester(s) for s in _subjects(token)):
            event_type, mode = "PROTEST", "demo"  # "protesters denounced ...", "crowds demanded ..."
        negated = self._negated(token)
        modality = "asserted"
        if negated and event_type in COOPERATIVE_TYPES and modal in ("future", "would", "hypothetical"):
            event_type, mode, negated = "REJECT", None, False
        elif modal in ("future", "would", "intent") and event_type in COOPERATIVE_TYPES - {"AGREE"}:
            event_type, mode = "AGREE", None
        elif modal in ("future", "would", "intent") and event_type in MATERIAL_CONFLICT_TYPES:
            event_type, mode = "THREATEN", _FUTURE_TO_THREAT_MODE.get(event_type)
        elif modal == "future":
            modality = "future"
        elif modal in ("hypothetical", "would"):
            modality = "hypothetical"
        if self._conditional(token):
            modality = "conditional"
            if modal in ("future", "would", "intent") and self._ultimatum(token):
                # "will withdraw its force unless the rebels ...": an announced act on a condition is a threat
                event_type, mode, modality = "THREATEN", _FUTURE_TO_THREAT_MODE.get(event_type, mode), "asserted"
        if negated or denier is not None:
            modality = "negated"

        if event_type == "ASSAULT" and mode is None:
            mode = next((m for m, _ in lex.assault_mode_cues if cues.get("mode:" + m)), None)

        actor_ids, recipient_ids = self._arguments(doc, trigger, quote, event_type)
        if demand_from is not None:
            actor_ids, recipient_ids = [demand_from], actor_ids
        if denier is not None and not actor_ids and _subjects(token) == []:
            denier_id = self._actor_for(doc, denier, quote)
            actor_ids = [denier_id] if denier_id else []
        if modality == "conditional" and not recipient_ids:
            recipient_ids = self._condition_subjects(doc, token, quote)
        recipient_ids = [r for r in recipient_ids if r not in actor_ids]

        according_to, quote_id = None, None
        if quote is not None:
            quote_id, according_to = quote.get("id"), quote.get("speaker")
        else:
            claimant = denier or self._speech_governor(token) or _according_to(sent)
            if claimant is not None:
                according_to = self._actor_for(doc, claimant, None)
        if modality == "asserted" and according_to:
            modality = "claimed"

        start = min(p.token.idx for p in parts)
        end = max(p.token.idx + len(p.token) for p in parts)
        date, date_precision = self._date(doc, sent, parts)
        place, place_precision = event_place(doc, start, end)
        if date and _is_history(doc, date):
            return None
        confidence = self._confidence(trigger, actor_ids, recipient_ids, modality)
        return {
            "id": "",
            "type": event_type,
            "mode": mode,
            "context": sorted(key[4:] for key in cues if key.startswith("ctx:")),
            "actors": actor_ids,
            "recipients": recipient_ids,
            "place": place,
            "place_precision": place_precision,
            "date": date,
            "date_precision": date_precision,
            "magnitude": self._magnitude(sent, event_type, mode),
            "modality": modality,
            "according_to": according_to,
            "quote": quote_id,
            "evidence": [[sent.start_char, sent.end_char]],
            "confidence": confidence,
        }

    @staticmethod
    def _date(doc: Doc, sent: Span, parts: list[Trigger]) -> tuple[str | None, str | None]:
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

    def _confidence(self, trigger: Trigger, actor_ids: list, recipient_ids: list, modality: str) -> float:
        """0..1 from how strong the trigger is, whether doers are named, and how central it is."""
        score = _BASE_CONFIDENCE + 0.5 * _strength(trigger)
        score += 0.1 if actor_ids else (-0.05 if trigger.is_noun else 0.0)
        score += 0.05 if recipient_ids else 0.0
        score += 0.08 if trigger.content else 0.0
        score += max(0.0, 0.15 - 0.05 * self._depth(trigger.token))
        score -= {"hypothetical": 0.15, "negated": 0.2, "conditional": 0.05}.get(modality, 0.0)
        return round(min(0.99, max(0.05, score)), 3)

    def _depth(self, token: Token) -> int:
        """Clause steps from the sentence root, not counting speech verbs."""
        depth, node = 0, token
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in self.lexicon.modality["speech_verbs"]:
                depth += 1
        return depth

    # ------------------------------------------------------------ modality

    def _modal(self, token: Token) -> str | None:
        """The modal frame of a trigger: future, would, hypothetical, deontic, intent or None."""
        mod = self.lexicon.modality
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
                    return "would" if self._speech_governor(token) is not None else "hypothetical"
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

    def _negated(self, token: Token) -> bool:
        """A "not", "never" or "no" on the trigger or the verbs it hangs from."""
        node = token
        for _ in range(3):
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
                return True
            if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _denial_governor(self, token: Token) -> Token | None:
        """The subject of a denial verb this trigger hangs from ("the army denied shelling")."""
        node = token
        for _ in range(3):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.lemma_.lower() in self.lexicon.modality["denial_verbs"] and node.pos_ == "VERB":
                subjects = _subjects(node)
                return subjects[0] if subjects else None
        return None

    def _conditional(self, token: Token) -> bool:
        """An "if/unless" clause or an "on condition that" phrase on the trigger or its frame."""
        marks = self.lexicon.modality["condition_marks"]
        nouns = self.lexicon.modality["condition_nouns"]
        node = token
        for _ in range(4):
            for child in node.subtree:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
                    return True
                if child.lower_ in nouns and child.head.dep_ == "prep":
                    return True
            if node.head.i == node.i or node.dep_ not in ("xcomp", "acomp", "conj"):
                break
            node = node.head
        return False

    @staticmethod
    def _ultimatum(token: Token) -> bool:
        """An "unless ..." clause on the trigger: the act is announced unless the other side gives way."""
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in token.subtree)

    def _condition_subjects(self, doc: Doc, token: Token, quote: dict | None) -> list[str]:
        """The parties a condition is put to ("on condition that the rebels also stop")."""
        ids = []
        nouns = self.lexicon.modality["condition_nouns"]
        root = token
        while root.dep_ in ("xcomp", "acomp", "conj") and root.head.i != root.i:
            root = root.head
        for node in root.subtree:
            clause = node.dep_ in ("advcl", "acl") and (
                any(m.dep_ == "mark" and m.lower_ in self.lexicon.modality["condition_marks"] for m in node.children)
                or node.head.lower_ in nouns
            )
            if clause:
                for subject in _subjects(node):
                    actor_id = self._actor_for(doc, subject, quote)
                    if actor_id and actor_id not in ids:
                        ids.append(actor_id)
        return ids

    def _speech_governor(self, token: Token) -> Token | None:
        """The subject of the speech verb this trigger is reported under ("X said they had ...")."""
        node = token
        while node.head.i != node.i:
            node = node.head
            if node.lemma_.lower() in self.lexicon.modality["speech_verbs"] and node.pos_ == "VERB":
                subjects = _subjects(node) or _agents(node)
                return subjects[0] if subjects else None
        return None

    # ---------------------------------------------------------- arguments

    def _arguments(self, doc: Doc, trigger: Trigger, quote: dict | None, event_type: str) -> tuple[list[str], list[str]]:
        """Actor ids of the doers and of the done-to, from every token of the happening."""
        doers: list[Token] = []
        done_to: list[Token] = []
        for part in trigger.parts:
            token = part.token
            if part.is_noun:
                d, r = self._noun_arguments(token)
            else:
                d, r = self._verb_arguments(token, event_type)
            if part is not trigger and part.weak:
                d = [t for t in d if self._is_actor_like(t)]
            doers += d
            done_to += r
        for part in trigger.content:  # "offered to hand over to Britain": the content's done-to
            done_to += (self._noun_arguments(part.token) if part.is_noun else self._verb_arguments(part.token, event_type))[1]
        actor_ids = self._ids(doc, doers, quote)
        recipient_ids = [r for r in self._ids(doc, done_to, quote) if r not in actor_ids]
        return actor_ids, recipient_ids

    def _verb_arguments(self, token: Token, event_type: str) -> tuple[list[Token], list[Token]]:
        doers = _subjects(token) + _agents(token)
        done_to = []
        for obj in (c for c in token.children if c.dep_ in _PASSIVE_SUBJECTS | _OBJECTS):
            done_to.append(obj)
            if not self._is_actor_like(obj):  # "support Turkey's efforts", "lift the ban on the party"
                done_to += [c for c in obj.children if c.dep_ == "poss"]
                for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"between"}):
                    done_to += [w for w in prep.children if w.dep_ == "pobj"]
        for prep in (c for c in token.children if c.dep_ == "prep"):
            objects = [w for w in prep.children if w.dep_ == "pobj"]
            if prep.lower_ == "with" and event_type in ("CONSULT", "AGREE", "COOPERATE"):
                doers += objects
            elif prep.lower_ in _RECIPIENT_PREPS | {"between", "from"}:
                done_to += objects
        for child in token.children:  # a participle clause ("..., killing six civilians") adds its victims
            if child.dep_ == "advcl" and child.tag_ == "VBG":
                done_to += [c for c in child.children if c.dep_ in _OBJECTS]
        return doers, done_to

    def _noun_arguments(self, token: Token) -> tuple[list[Token], list[Token]]:
        doers, done_to = [], []
        for child in token.children:
            if child.dep_ == "poss":
                doers.append(child)
            elif child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in _NER_ACTOR_TYPES:
                doers.append(child)
            elif child.dep_ == "prep":
                objects = [w for w in child.children if w.dep_ == "pobj"]
                if child.lower_ == "by":
                    doers += objects
                elif child.lower_ in _RECIPIENT_PREPS:
                    done_to += objects
                elif child.lower_ == "between":
                    doers += objects
        head = token.head
        hops = 0
        while not doers and hops < 3 and head.i != token.i:  # "launched an attack on", "staged a protest"
            if head.pos_ == "VERB":
                if head.lemma_.lower() in self.lexicon.light_verbs or token.dep_ in ("dobj",):
                    doers += _subjects(head) + _agents(head)
                    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS):
                        done_to += [w for w in prep.children if w.dep_ == "pobj"]
                break
            if head.head.i == head.i:
                break
            head = head.head
            hops += 1
        return doers, done_to

    def _is_protester(self, token: Token) -> bool:
        """Whether a noun names protest participants ("protesters", "demonstrators")."""
        return token.pos_ == "NOUN" and any(
            sense.type == "PROTEST" and sense.pos == "noun" for sense in self.lexicon.senses.get(token.lower_, ())
        )

    def _is_actor_like(self, token: Token) -> bool:
        doc = token.doc
        return bool(
            actors_stage.actor_at(doc, doc[token.i : token.i + 1])
            or token.ent_type_ in _NER_ACTOR_TYPES
            or token.pos_ in ("PROPN", "PRON")
            or _key(token) & self.lexicon.word_classes.get("group_nouns", frozenset())
        )

    def _ids(self, doc: Doc, tokens: list[Token], quote: dict | None) -> list[str]:
        ids: list[str] = []
        for token in _with_conjuncts(tokens):
            actor_id = self._actor_for(doc, token, quote)
            if actor_id and actor_id not in ids:
                ids.append(actor_id)
        return ids

    def _actor_for(self, doc: Doc, token: Token, quote: dict | None) -> str | None:
        """The actor id a head word names: known actor, pronoun resolution, or a new actor of its own."""
        if token.idx < (doc._.ew_dateline_end or 0):
            return None  # the dateline's filing city, which the parser often takes for a subject
        span = _phrase(token)
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            if quote is not None and token.lower_ in _FIRST_PERSON:
                return quote.get("speaker")
            resolved = resolve_mention(doc, span)
            if resolved:
                return resolved
            found = actors_stage.actor_at(doc, span)
            if found:
                return found
            speaker = self._speech_governor(token)
            if speaker is not None and speaker.i != token.i and speaker.pos_ != "PRON":
                return self._actor_for(doc, speaker, quote)
            return None
        found = actors_stage.actor_at(doc, span)
        if found:
            return found
        appos = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None:
            return self._actor_for(doc, appos, quote)
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"):
            return None
        if token.ent_type_ in _NER_ACTOR_TYPES or token.pos_ == "PROPN":
            return actors_stage.ensure_actor(doc, span)
        if _key(token) & self.lexicon.word_classes.get("group_nouns", frozenset()):
            return actors_stage.ensure_actor(doc, span, "group")
        return None

    # ----------------------------------------------------------- magnitude

    def _magnitude(self, sent: Span, event_type: str, mode: str | None) -> dict:
        """Dead, injured, arrested in the sentence, as exact counts or floors (dead_min).

        Counting rule: a number on the counted noun ("six civilians") is exact;
        "at least", "more than" and vague plurals ("dozens" = 24, "hundreds" =
        200) give a floor; a plural noun without a number counts at least 2, a
        singular one 1; conjoined nouns add up ("his family members and his
        aide" = at least 3).
        """
        result = {"dead": None, "injured": None, "arrested": None, "dead_min": None}
        wanted = {"ASSAULT": ("dead", "injured"), "COERCE": ("arrested",), "PROTEST": ("dead", "injured")}
        for kind in wanted.get(event_type, ()):
            words = self.lexicon.magnitude.get(kind, frozenset())
            best: tuple[int, bool] | None = None
            for token in sent:
                if not (_key(token) & words):
                    continue
                counted = self._count_for(token)
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

    def _count_for(self, token: Token) -> tuple[int, bool] | None:
        """How many people a casualty word counts, and whether it is only a floor."""
        own = self._number_in(token)
        if own is not None and token.pos_ == "NOUN":
            return own
        if token.pos_ == "VERB":
            counted = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if not counted and token.lemma_.lower() in ("die", "perish"):
                counted = _subjects(token)
        elif token.dep_ in ("amod", "acomp", "oprd", "ccomp", "xcomp") or token.pos_ == "ADJ":
            head = token.head
            counted = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")] if token.dep_ != "amod" else [head]
        else:
            counted = []
        if not counted:
            return None
        total, floor = 0, False
        for noun in _with_conjuncts(counted):
            if noun.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
                return None
            number = self._number_in(noun)
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

    def _number_in(self, noun: Token) -> tuple[int, bool] | None:
        """The count a noun carries: "six civilians", "at least a dozen people", "dozens of soldiers"."""
        lex = self.lexicon
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


# ------------------------------------------------------------ small helpers


def _key(token: Token) -> set[str]:
    """A token's lower-case form and lemma, for look-ups in word lists."""
    return {token.lower_, token.lemma_.lower()}


def _near(token: Token):
    """Children, and grandchildren through an object or preposition: where a sense's second word sits ("held X responsible")."""
    for child in token.children:
        yield child
        if child.dep_ in _OBJECTS | {"prep", "pobj", "prt", "xcomp", "advmod"}:
            yield from child.children


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token belongs to (itself when it is a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _objects(token: Token) -> list[Token]:
    """A verb's objects, including prepositional ones and their conjuncts."""
    found = [c for c in token.children if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS | {"xcomp"}]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        found += [w for w in prep.children if w.dep_ == "pobj"]
    return _with_conjuncts(found)


def _subjects(token: Token) -> list[Token]:
    """A verb's subject, inherited from the verb it hangs from ("agreed to withdraw", "X are present and continue to fight")."""
    node = token
    for _ in range(4):
        found = [c for c in node.children if c.dep_ in _SUBJECTS]
        if found:
            return found
        if node.dep_ not in ("xcomp", "conj", "acomp", "advcl") or node.head.i == node.i:
            return []
        if node.dep_ == "advcl" and node.tag_ != "VBG":
            return []
        node = node.head
    return []


def _agents(token: Token) -> list[Token]:
    """The "by" agent of a passive verb."""
    return [w for c in token.children if c.dep_ == "agent" for w in c.children if w.dep_ == "pobj"]


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for item in [token, *token.conjuncts]:
            if item not in out:
                out.append(item)
    return out


def _phrase(token: Token) -> Span:
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


def _strength(trigger: Trigger) -> float:
    return trigger.sense.weight - (0.1 if trigger.is_noun else 0.0)


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


def _quote_at(doc: Doc, char: int) -> dict | None:
    """The quote (from the quotes stage) whose text holds this character."""
    for quote in doc._.ew_quotes or []:
        span = quote.get("span")
        if span and span[0] <= char < span[1]:
            return quote
    return None


def _according_to(sent: Span) -> Token | None:
    """The source named by "according to X" in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            objects = [w for w in token.nbor().children if w.dep_ == "pobj"] or [w for w in token.children if w.dep_ == "pobj"]
            for prep in token.children:
                objects += [w for w in prep.children if w.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _is_history(doc: Doc, date: str) -> bool:
    """A date two or more years before publication marks a history reference, not news."""
    published = published_date(doc)
    return bool(published and date[:4].isdigit() and int(date[:4]) <= published.year - 2)


@Language.factory("eventwire_events", assigns=["doc._.ew_events"])
def make_events(nlp: Language, name: str) -> EventsStage:
    """Build the events stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (EventsStage): the component.
    """
    return EventsStage(nlp, name)
