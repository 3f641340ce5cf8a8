"""Coded errors with messages a user can act on.

Each code is stable so that a failure row in the store, a log line and the
README can refer to the same thing.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base error: `code` is stable, `str(err)` is one line for a human."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self):
        # Rebuilt from the bare message, so an error sent back by a worker process keeps one prefix.
        return (type(self), (self.message,))


class ModelNotInstalled(EventwireError):
    code = "E001"


class BadInput(EventwireError):
    """An article that cannot be read: empty, binary, undecodable, oversized, malformed."""

    code = "E002"


class BadDate(EventwireError):
    code = "E003"


class StoreError(EventwireError):
    code = "E004"


class KnowledgeError(EventwireError):
    """A data file (actor dictionary, lexicon, gazetteer) is missing or malformed."""

    code = "E005"


class StageFailed(EventwireError):
    """A pipeline stage crashed on this article; the others were read."""

    code = "E006"


class Timeout(EventwireError):
    """An article took longer than the time limit (`--time-limit`); the run went on without it."""

    code = "E007"
