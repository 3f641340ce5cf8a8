"""The PLOVER lexicon (plover.yaml) as look-up tables for the events stage.

The YAML is written for people: words grouped by PLOVER type. The events stage
needs the other direction (word -> the senses it can have), so the loader
inverts it once and caches the result.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).with_name("plover.yaml")

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
COOPERATIVE_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT_TYPES = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True)
class Sense:
    """One meaning a trigger word can have.

    type (str): the PLOVER type.
    mode (str | None): the PLOVER mode it implies.
    pos (str): "verb", "noun", "adj" or "any": which part of speech it needs.
    weight (float): how sure a match is, 0..1.
    with_ (frozenset): a child must have one of these lemmas (empty: no condition).
    prep (frozenset): the word must govern one of these prepositions or particles.
    object (str | None): the word class its object must belong to.
    subject (str | None): the word class its subject must belong to ("the base fell").
    xcomp (bool): the word must govern a verb complement.
    """

    type: str
    mode: str | None
    pos: str = "any"
    weight: float = 0.7
    with_: frozenset = field(default_factory=frozenset)
    prep: frozenset = field(default_factory=frozenset)
    object: str | None = None
    subject: str | None = None
    xcomp: bool = False

    @property
    def conditional(self) -> bool:
        """Whether the sense needs more than the word itself."""
        return bool(self.with_ or self.prep or self.object or self.subject or self.xcomp)


@dataclass(frozen=True)
class PloverLexicon:
    """The lexicon, indexed for look-up by lemma or lower-case word form.

    senses (dict): word -> tuple of Sense, conditional senses first.
    weak (frozenset): casualty and damage words that alone are weak ASSAULT evidence.
    light_verbs (frozenset): verbs whose noun object carries the event.
    word_classes (dict): class name -> frozenset of words.
    magnitude (dict): "dead" | "injured" | "arrested" -> frozenset of lemmas.
    numbers (dict): spelled number -> int.
    vague_amounts (dict): "dozens" -> floor int.
    floor_words (frozenset): words that make a number a floor ("at least").
    modality (dict): cue list name -> frozenset of words.
    history_phrases (tuple): phrases that mark a history reference.
    metaphor_objects, metaphor_heads, disaster_cues, attack_cues (frozenset).
    contexts (dict): context code -> tuple of cue phrases.
    assault_mode_cues (tuple): (mode, cue phrases) in priority order.
    """

    senses: dict
    weak: frozenset
    light_verbs: frozenset
    word_classes: dict
    magnitude: dict
    numbers: dict
    vague_amounts: dict
    floor_words: frozenset
    modality: dict
    history_phrases: tuple
    metaphor_objects: frozenset
    metaphor_heads: frozenset
    disaster_cues: frozenset
    attack_cues: frozenset
    contexts: dict
    assault_mode_cues: tuple


def _words(items) -> frozenset:
    return frozenset(str(item).lower() for item in items or [])


def _index_senses(data: dict) -> dict:
    """word -> senses, conditional senses (from `senses:`) before plain ones."""
    index: dict[str, list[Sense]] = {}
    for entry in data.get("senses") or []:
        sense = Sense(
            type=entry["type"],
            mode=entry.get("mode"),
            weight=float(entry.get("weight", data["types"][entry["type"]].get("weight", 0.7))),
            with_=_words(entry.get("with")),
            prep=_words(entry.get("prep")),
            object=entry.get("object"),
            subject=entry.get("subject"),
            xcomp=bool(entry.get("xcomp")),
        )
        index.setdefault(entry["lemma"].lower(), []).append(sense)
    for type_name, spec in data["types"].items():
        weight = float(spec.get("weight", 0.7))
        for key, pos in (("verbs", "verb"), ("nouns", "noun"), ("adjectives", "adj")):
            for word, mode in (spec.get(key) or {}).items():
                index.setdefault(str(word).lower(), []).append(Sense(type_name, mode, pos, weight))
    return {word: tuple(senses) for word, senses in index.items()}


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | Path = LEXICON_FILE) -> PloverLexicon:
    """Read and index the PLOVER lexicon; cached, so call it freely.

    path (str | Path): the YAML file; the built-in one by default.
    RETURNS (PloverLexicon): the indexed lexicon.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    unknown = set(data["types"]) - set(PLOVER_TYPES)
    if unknown:
        raise ValueError(f"{path}: not PLOVER types: {sorted(unknown)}")
    weak = data.get("weak") or {}
    return PloverLexicon(
        senses=_index_senses(data),
        weak=_words(weak.get("verbs")) | _words(weak.get("nouns")),
        light_verbs=_words(data.get("light_verbs")),
        word_classes={name: _words(words) for name, words in (data.get("word_classes") or {}).items()},
        magnitude={name: _words(words) for name, words in (data.get("magnitude") or {}).items()},
        numbers={str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()},
        vague_amounts={str(k).lower(): int(v) for k, v in (data.get("vague_amounts") or {}).items()},
        floor_words=_words(data.get("floor_words")),
        modality={name: _words(words) for name, words in (data.get("modality") or {}).items() if name != "history_phrases"},
        history_phrases=tuple(p.lower() for p in (data.get("modality") or {}).get("history_phrases") or []),
        metaphor_objects=_words(data.get("metaphor_objects")),
        metaphor_heads=_words(data.get("metaphor_heads")),
        disaster_cues=_words(data.get("disaster_cues")),
        attack_cues=_words(data.get("attack_cues")),
        contexts={name: tuple(p.lower() for p in cues) for name, cues in (data.get("contexts") or {}).items()},
        assault_mode_cues=tuple(
            (mode, tuple(p.lower() for p in cues)) for mode, cues in (data.get("assault_mode_cues") or {}).items()
        ),
    )
