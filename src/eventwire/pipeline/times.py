"""Times: find time expressions and resolve each to a date with a precision.

Skeleton: the component is in place and writes an empty result; the issue
for this stage fills it in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.pipeline import extensions  # noqa: F401


class TimesStage:
    """Find time expressions and resolve each to a date with a precision."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_times = []
        return doc


@Language.factory("eventwire_times", assigns=["doc._.ew_times"])
def make_times(nlp: Language, name: str) -> TimesStage:
    """Build the times stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (TimesStage): the component.
    """
    return TimesStage(nlp, name)
