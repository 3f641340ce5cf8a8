"""Events: code PLOVER events: who did what to whom, where, when, and who says so.

How a sentence becomes events, one module per concern:
1. triggers: words of the PLOVER lexicon, and which of them are one happening.
2. reportability: no event from a fragment, boilerplate, an opinion, a
   metaphor, history, background, a generic statement or a disaster.
3. arguments: doers and done-to as actor ids, the place and the date.
4. modality: negated, conditional, future, hypothetical, claimed (a speech
   verb or quote with a named speaker), else asserted. Future cooperation
   becomes AGREE and future force THREATEN (PLOVER convention).
5. magnitude: dead, injured, arrested; confidence: how sure the row is.
6. merge: the mentions of one happening across the article (the headline's
   included: it summarises the body) become one event.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from eventwire.knowledge.plover import (
    COOPERATIVE_TYPES,
    MATERIAL_CONFLICT_TYPES,
    VERBAL_TYPES,
    PloverLexicon,
    load_lexicon,
)
from eventwire.pipeline.events.arguments import actor_for, arguments, condition_subjects, event_date, is_protester, place_of
from eventwire.pipeline.events.confidence import event_confidence, mention_score
from eventwire.pipeline.events.magnitude import MagnitudeReader, casualties, for_event
from eventwire.pipeline.events.merge import (
    Mention,
    Toll,
    merge_mentions,
    sentence_dated,
    sentence_places,
    sentence_quoted,
    sentence_time,
)
from eventwire.pipeline.events.modality import (
    according_to_source,
    conditional,
    denial_governor,
    in_condition_clause,
    modal,
    negated,
    quote_at,
    represented,
    speech_governor,
    ultimatum,
)
from eventwire.pipeline.events.reportability import disaster_context, is_aside, is_fragment, is_history, is_reference, keep
from eventwire.pipeline.events.syntax import FIRST_PERSON, agents, key, subjects
from eventwire.pipeline.events.triggers import Trigger, absorb, find_triggers, merge_same_type
from eventwire.pipeline.structure import in_headline, is_boilerplate

_REQUESTED_MODE = {"CONSULT": "meet", "AID": "assist"}  # "asked the EU to mediate talks": a request to meet
_FUTURE_TO_THREAT_MODE = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "restrict", "MOBILIZE": "violence"}


class EventsStage:
    """Code PLOVER events: who did what to whom, where, when, and who says so."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon: PloverLexicon = load_lexicon()
        self.phrases = self._build_phrase_matcher(nlp)
        self.tolls = MagnitudeReader(nlp.vocab, self.lexicon)

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
        lex = self.lexicon
        cues = self._cues_by_sentence(doc)
        tolls = self.tolls.read(doc)
        mentions: list[Mention] = []
        places = sentence_places(doc)
        dated, time, quoted = sentence_dated(doc), sentence_time(doc), sentence_quoted(doc)
        sentences = list(doc.sents)
        disaster_story = bool(sentences) and disaster_context(lex, sentences[0]) and not any(
            key(t) & lex.attack_cues for t in doc
        )
        headlines: list[Mention] = []
        loose: list[Toll] = []  # casualties no attack of their sentence carries ("the boy died of his wounds")
        for number, sent in enumerate(sentences):
            headline = in_headline(sent[0])
            if is_boilerplate(sent) or (is_fragment(sent) and not headline):
                continue
            toll = tolls.get(sent.start)
            found = self._sentence_events(doc, sent, cues.get(sent.start, {}), toll, headline or number == 0)
            counted = casualties(toll)
            if counted and not quoted(sent) and not any(event["type"] in ("ASSAULT", "PROTEST") for event, _ in found):
                if not any(is_aside(lex, t, sent, cues.get(sent.start, {})) for t in find_triggers(lex, sent)):
                    loose.append(Toll(counted, number, [sent.start_char, sent.end_char], places.get(sent.start, frozenset()), time(sent)))
            for event, trigger in found:
                if disaster_story and event["type"] in MATERIAL_CONFLICT_TYPES | COOPERATIVE_TYPES - {"PROTEST"}:
                    continue  # relief work and damage in a disaster story are no political events
                mention = Mention(event, trigger, number, headline or is_reference(lex, trigger), headline, dated(sent))
                (headlines if headline else mentions).append(mention)
        mentions += headlines  # the headline summarises the body: its events join the body's, last
        events = [event for event, _ in merge_mentions(doc, mentions, loose)]
        for number, event in enumerate(events, 1):
            event["id"] = f"event:{number}"
            event["confidence"] = event_confidence(event, event["confidence"])
        doc._.ew_events = events
        return doc

    def _claimant_body(self, doc: Doc, token) -> list[str]:
        """Who did an agentless arrest or deployment: the body its reporter speaks for.

        "A spokesman for the army said two men had been arrested": the army; "police said a man
        was arrested": the police. A person speaking for nobody named gives no doer.
        """
        claimant = speech_governor(self.lexicon, token)
        if claimant is None:
            return []
        body = represented(claimant)
        if body is not None:
            found = actor_for(self.lexicon, doc, body, None)
            return [found] if found else []
        found = actor_for(self.lexicon, doc, claimant, None)
        kind = (doc._.ew_actors or {}).get(found, {}).get("kind")
        return [found] if found and kind in ("organization", "group") else []

    def _cues_by_sentence(self, doc: Doc) -> dict[int, dict[str, list[Span]]]:
        """PhraseMatcher hits grouped by the start token of their sentence."""
        grouped: dict[int, dict[str, list[Span]]] = {}
        for match_id, start, end in self.phrases(doc):
            span = doc[start:end]
            name = doc.vocab.strings[match_id]
            grouped.setdefault(span.sent.start, {}).setdefault(name, []).append(span)
        return grouped

    def _sentence_events(
        self, doc: Doc, sent: Span, cues: dict[str, list[Span]], toll: dict | None, first: bool
    ) -> list[tuple[dict, Trigger]]:
        lex = self.lexicon
        triggers = find_triggers(lex, sent)
        if not triggers:
            return []
        triggers = [t for t in triggers if not in_condition_clause(lex, t.token)]
        main = absorb(triggers)
        main = [t for t in main if keep(lex, t, sent, cues, first)]
        described = [t for t in main if not t.is_noun and is_reference(lex, t)]  # joins a happening, absorbs none
        main = merge_same_type([t for t in main if t not in described]) + described
        events = []
        for trigger in main:
            event = self._event(doc, sent, trigger, cues, toll)
            if event is not None:
                events.append((event, trigger))
        return events

    def _event(self, doc: Doc, sent: Span, trigger: Trigger, cues: dict[str, list[Span]], toll: dict | None) -> dict | None:
        lex = self.lexicon
        token = trigger.token
        parts = trigger.parts
        event_type, mode = trigger.type, trigger.sense.mode or next((p.sense.mode for p in parts if p.sense.mode), None)
        quote = quote_at(doc, token.idx)
        frame = modal(lex, token)
        denier = denial_governor(lex, token)
        if token.lemma_.lower() in lex.modality["denial_verbs"] and any(c.type not in VERBAL_TYPES for c in trigger.content):
            # "the army denied shelling the village": the shelling, negated, not a rejection.
            denier = next(iter(subjects(token)), None)
            inner = trigger.content[0]
            inner.merged.extend(trigger.merged)
            trigger, token = inner, inner.token
            parts = trigger.parts
            event_type, mode = trigger.type, trigger.sense.mode
            frame = modal(lex, token)
        ordered = next((c for c in trigger.content if _ordered_act(lex, token, c)), None)
        if trigger.type == "REQUEST" and ordered is not None:
            # "the magistrate ordered a curfew": the act ordered, done by whoever ordered it
            ordered.merged.extend(trigger.merged)
            trigger, token = ordered, ordered.token
            parts = trigger.parts
            event_type, mode = trigger.type, trigger.sense.mode
            frame = modal(lex, token)

        # Deontic "X must/should ...": a demand when somebody else is told to act, else an exhortation.
        demand_from = None
        if frame == "deontic":
            subject = next(iter(subjects(token)), None)
            speaker = speech_governor(lex, token)
            generic = FIRST_PERSON | lex.modality["generic_subjects"]
            if subject is None or subject.lower_ in generic or (speaker is None and quote is None):
                return None
            event_type, mode, frame = "REQUEST", None, None
            demand_from = quote.get("speaker") if quote is not None else actor_for(lex, doc, speaker, None)

        content_types = {c.type for c in trigger.content}
        if event_type == "AGREE" and content_types & MATERIAL_CONFLICT_TYPES and not content_types & COOPERATIVE_TYPES:
            event_type, mode = "THREATEN", _FUTURE_TO_THREAT_MODE.get(next(iter(content_types & MATERIAL_CONFLICT_TYPES)))
        if event_type == "THREATEN" and mode is None and content_types:
            mode = next((_FUTURE_TO_THREAT_MODE[t] for t in content_types if t in _FUTURE_TO_THREAT_MODE), None)
        if event_type == "REQUEST" and mode is None:
            mode = next((_REQUESTED_MODE[c.type] for c in trigger.content if c.type in _REQUESTED_MODE), None)

        if event_type in ("ACCUSE", "REQUEST", "REJECT") and any(is_protester(lex, s) for s in subjects(token)):
            event_type, mode = "PROTEST", "demo"  # "protesters denounced ...", "crowds demanded ..."
        is_negated = negated(token)
        modality = "asserted"
        if is_negated and event_type in COOPERATIVE_TYPES and frame in ("future", "would", "hypothetical"):
            event_type, mode, is_negated = "REJECT", None, False
        elif frame in ("future", "would", "intent") and event_type in COOPERATIVE_TYPES - {"AGREE"}:
            event_type, mode, modality = "AGREE", None, "future"  # "would meet again on Friday": agreed, still to come
        elif frame in ("future", "would", "intent") and event_type in MATERIAL_CONFLICT_TYPES - {"MOBILIZE"}:
            event_type, mode = "THREATEN", _FUTURE_TO_THREAT_MODE.get(event_type)
        elif frame == "future" or (frame in ("would", "intent") and event_type == "MOBILIZE"):
            modality = "future"
        elif frame in ("hypothetical", "would"):
            modality = "hypothetical"
        if conditional(lex, token):
            modality = "conditional"
            if frame in ("future", "would", "intent") and ultimatum(token):
                # "will withdraw its force unless the rebels ...": an announced act on a condition is a threat
                event_type, mode, modality = "THREATEN", _FUTURE_TO_THREAT_MODE.get(event_type, mode), "asserted"
        if is_negated or denier is not None:
            modality = "negated"

        if event_type == "COERCE" and any(p.weak and p.token.tag_ == "VBG" and p.token.head.i == token.i for p in parts):
            event_type, mode = "ASSAULT", None  # "raided a camp, killing 16": a raid that kills is an assault
        if event_type == "ASSAULT" and mode is None:
            mode = next((m for m, _ in lex.assault_mode_cues if cues.get("mode:" + m)), None)

        actor_ids, recipient_ids = arguments(lex, doc, trigger, quote, event_type)
        if demand_from is not None:
            actor_ids, recipient_ids = [demand_from], actor_ids
        if denier is not None and not actor_ids and subjects(token) == []:
            denier_id = actor_for(lex, doc, denier, quote)
            actor_ids = [denier_id] if denier_id else []
        if modality == "conditional" and not recipient_ids:
            recipient_ids = condition_subjects(lex, doc, token, quote)
        recipient_ids = [r for r in recipient_ids if r not in actor_ids]
        if not actor_ids and event_type == "MOBILIZE" and _agentless_passive(token):
            actor_ids, recipient_ids = recipient_ids, []  # "troops were deployed": the troops moved

        according_to, quote_id = None, None
        if quote is not None:
            quote_id, according_to = quote.get("id"), quote.get("speaker")
        else:
            claimant = denier or speech_governor(lex, token) or according_to_source(sent)
            if claimant is not None:
                according_to = actor_for(lex, doc, claimant, None)
        if modality == "asserted" and according_to:
            modality = "claimed"
        if not actor_ids and event_type in ("COERCE", "MOBILIZE") and _agentless_passive(token):
            actor_ids = self._claimant_body(doc, token)

        date, date_precision, date_basis = event_date(doc, sent, parts)
        place, place_precision, own_place = place_of(lex, doc, sent, parts)
        if date and is_history(doc, date):
            return None
        return {
            "id": "",
            "type": event_type,
            "mode": mode,
            "context": sorted(name[4:] for name in cues if name.startswith("ctx:")),
            "actors": actor_ids,
            "recipients": recipient_ids,
            "place": place,
            "place_precision": place_precision,
            "_own_place": own_place,  # for merge only: the record model leaves it out
            "date": date,
            "date_precision": date_precision,
            "date_basis": date_basis,
            "magnitude": for_event(toll, event_type),
            "modality": modality,
            "according_to": according_to,
            "quote": quote_id,
            "evidence": [[sent.start_char, sent.end_char]],
            "confidence": mention_score(lex, trigger, actor_ids, recipient_ids, modality),
        }


def _ordered_act(lex: PloverLexicon, verb, content: Trigger) -> bool:
    """A material act that is the object of an order word ("ordered a curfew", "ordered the arrest of")."""
    token = content.token
    return (
        verb.lemma_.lower() in lex.light_verbs and content.is_noun and token.head.i == verb.i
        and token.dep_ == "dobj" and content.type in MATERIAL_CONFLICT_TYPES
    )


def _agentless_passive(token) -> bool:
    """A passive verb without a "by" agent ("reinforcements had been sent")."""
    return any(c.dep_ == "auxpass" for c in token.children) and not agents(token)


@Language.factory("eventwire_events", assigns=["doc._.ew_events"])
def make_events(nlp: Language, name: str) -> EventsStage:
    """Build the events stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (EventsStage): the component.
    """
    return EventsStage(nlp, name)
