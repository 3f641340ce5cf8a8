"""Quotes: find who said what: direct, indirect and mixed quotes with their speakers.

Skeleton: the component is in place and writes an empty result; the issue
for this stage fills it in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.pipeline import extensions  # noqa: F401


class QuotesStage:
    """Find who said what: direct, indirect and mixed quotes with their speakers."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_quotes = []
        return doc


@Language.factory("eventwire_quotes", assigns=["doc._.ew_quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesStage:
    """Build the quotes stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (QuotesStage): the component.
    """
    return QuotesStage(nlp, name)
