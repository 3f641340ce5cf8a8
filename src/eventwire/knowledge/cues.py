"""Cue words of reported speech: which verbs introduce a quote and what content they take.

The words live in `cues.yaml` beside this module (knowledge is data); this
loader reads them once and answers the quotes stage's questions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).with_name("cues.yaml")
CONTENT_KINDS = frozenset({"clause", "object", "object_infinitive", "infinitive", "quote"})


@dataclass(frozen=True)
class Cues:
    """The cue lexicon.

    verbs (dict[str, frozenset[str]]): verb lemma -> the content kinds it takes.
    particles (dict[tuple[str, str], frozenset[str]]): (verb lemma, particle) -> content kinds.
    phrases (tuple[str, ...]): multi-word cues whose object is the source ("according to").
    channel_nouns (frozenset[str]): lower-case nouns naming a statement's medium ("statement").
    platforms (frozenset[str]): lower-case platform names ("facebook", "x").
    """

    verbs: dict[str, frozenset[str]]
    particles: dict[tuple[str, str], frozenset[str]]
    phrases: tuple[str, ...]
    channel_nouns: frozenset[str]
    platforms: frozenset[str]

    def takes(self, lemma: str, particle: str | None = None) -> frozenset[str]:
        """The content kinds a cue takes; empty for a word that is no cue.

        lemma (str): the verb's lemma, lower case.
        particle (str | None): its particle or preposition ("on" in "called on"), if any.
        RETURNS (frozenset[str]): kinds from CONTENT_KINDS.
        """
        if particle is not None and (lemma, particle) in self.particles:
            return self.particles[(lemma, particle)]
        return self.verbs.get(lemma, frozenset())


@functools.lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_FILE) -> Cues:
    """Read a cue lexicon (the built-in one by default); cached, so read once per process.

    path (str | Path): a YAML file in the form of `cues.yaml`.
    RETURNS (Cues): the lexicon.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    families = {name: frozenset(kinds) for name, kinds in data["families"].items()}
    for name, kinds in families.items():
        unknown = kinds - CONTENT_KINDS
        if unknown:
            raise ValueError(f"cue family {name!r} names unknown content kinds {sorted(unknown)}")
    verbs: dict[str, frozenset[str]] = {}
    for family, lemmas in data["verbs"].items():
        for lemma in lemmas:
            verbs[lemma.lower()] = verbs.get(lemma.lower(), frozenset()) | families[family]
    particles = {tuple(cue.lower().split()): families[family] for cue, family in data["particles"].items()}
    channels = data["channels"]
    return Cues(
        verbs=verbs,
        particles=particles,
        phrases=tuple(p.lower() for p in data["phrases"]),
        channel_nouns=frozenset(n.lower() for n in channels["nouns"]),
        platforms=frozenset(p.lower() for p in channels["platforms"]),
    )
