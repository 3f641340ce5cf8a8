"""Normalize: clean the text before spaCy reads it, keeping a map back.

spaCy cannot change a Doc's text after tokenization, so this stage is a
tokenizer wrapper (registered as `eventwire.NormalizingTokenizer.v1`) rather
than a pipe: it normalizes, then tokenizes the clean text. Every change that
alters length is kept in an offset map so `build.py` can point every span
back into the original text.

What it mends:
- quote marks and apostrophes unified to `"` and `'`; dashes to one em dash
  (an en dash between digits, a range, becomes "-"); odd spaces to a space;
  zero-width characters and soft hyphens dropped;
- OCR digit-for-letter slips inside words ("discriminato1y"), repaired only
  when the repaired word is a word the model knows;
- stray line breaks inside a sentence joined; a word hyphenated across a line
  break joined when the whole word is known;
- runs of 24 or more punctuation marks cut into pieces of 8, which spaCy's
  tokenizer reads in linear time.

It also marks where a wire dateline that opens the text ends
(`doc._.ew_dateline_end`), so that later stages do not read the filing city
as a doer or a quote. Text that came all in lower or all in upper case is
truecased before the model reads it (`truecase.py`, same length, so offsets
hold); `doc._.ew_recased` says so.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import spacy
from spacy.tokens import Doc

from eventwire.pipeline import extensions  # noqa: F401  (declares the Doc attributes)
from eventwire.pipeline.truecase import Truecaser, one_case

# One character in, one character out: offsets do not move.
_SAME_LENGTH = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2033": '"', "\u2036": '"', "\uff02": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2035": "'",
        "\u02bc": "'", "\uff07": "'",
        "\u2012": "\u2014", "\u2013": "\u2014", "\u2015": "\u2014", "\u2e3a": "\u2014", "\u2212": "\u2014",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
        "\u2003": " ", "\u3000": " ", "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
    }
)
_DROPPED = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_RANGE_DASH = re.compile(r"(?<=\d)\u2014(?=\d)")
_OCR_WORD = re.compile(r"\b[a-z]{2,}(?:[0-9][a-z]+)+\b|\b[a-z]{3,}[0-9][a-z]*\b")
_OCR_LETTERS = {
    "0": "o", "1": "lir", "2": "z", "3": "e", "4": "a", "5": "s", "6": "b", "7": "t", "8": "b", "9": "g",
}
# "NAIROBI, May 8 (Wire) - ", "KABUL (AP) — ", "BEIRUT: ": a wire story's opening place, date and agency.
# A bare capitalised word ("BEIRUT: ") needs five letters, so "UN: ..." and "ISIS - ..." are not datelines.
DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3}"
    r"(?:, [^\n()\-\u2014:]{1,40}(?: ?\([^()\n]{1,40}\))?| ?\([^()\n]{1,40}\))"
    r"|[A-Z][A-Z'.\-]{4,}(?: [A-Z][A-Z'.\-]+){0,3}) ?[\-\u2014:] +"
)
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_STRAY_BREAK = re.compile(r"(?<=[\w,;])[ ]*\n[ ]*(?=[a-z(])")
# A long run of punctuation ("((((...", a rule of dashes) costs spaCy's tokenizer time quadratic in its
# length (each prefix it strips re-scans the rest for suffixes); cut into pieces it is linear.
_PUNCT_RUN = re.compile(r"[^\w\s]{24,}")
_PUNCT_PIECE = 8

# An edit that changes length: [normalized start, normalized length, original start, original length].
OffsetMap = list[list[int]]


def _repair_ocr_word(word: str, known: frozenset[str]) -> str:
    """Try letters for each digit in `word`; keep the first spelling the vocabulary knows."""
    spellings = [""]
    for char in word:
        options = _OCR_LETTERS.get(char, char)
        spellings = [s + o for s in spellings for o in options]
        if len(spellings) > 64:
            return word
    for spelling in spellings:
        if spelling in known:
            return spelling
    return word


def normalize_text(text: str, known_words: frozenset[str] = frozenset()) -> tuple[str, OffsetMap]:
    """Normalize `text` and say how offsets moved.

    text (str): the article as read.
    known_words (frozenset[str]): lower-case words that OCR repairs may produce.
    RETURNS (tuple[str, OffsetMap]): the clean text, and the length-changing edits.
    """
    clean = _RANGE_DASH.sub("-", text.translate(_SAME_LENGTH))
    if known_words:
        clean = _OCR_WORD.sub(lambda m: _repair_ocr_word(m.group(), known_words), clean)
    # Same length so far; now the edits that shift offsets, found on the clean text.
    edits: list[tuple[int, int, str]] = [(m.start(), m.end(), "") for m in _DROPPED.finditer(clean)]
    for m in _HYPHEN_BREAK.finditer(clean):
        left = re.search(r"[a-z]+$", clean[: m.start()]).group()
        right = re.match(r"[a-z]+", clean[m.end():]).group()
        if (left + right) in known_words:
            edits.append((m.start(), m.end(), ""))
    edits += [(m.start(), m.end(), " ") for m in _STRAY_BREAK.finditer(clean) if _is_stray(clean, m.start())]
    edits += [(m.start(), m.end(), _cut(m.group())) for m in _PUNCT_RUN.finditer(clean)]
    if not edits:
        return clean, []
    return _apply(clean, sorted(edits))


def _cut(run: str) -> str:
    return " ".join(run[i : i + _PUNCT_PIECE] for i in range(0, len(run), _PUNCT_PIECE))


def dateline_end(text: str) -> int:
    """Where a wire dateline ends ("NAIROBI, May 8 (Wire) - "), or 0 when the text has none.

    The dateline names where and when the story was filed, not a doer or a speaker's words.
    """
    match = DATELINE.match(text)
    return match.end() if match else 0


def _is_stray(text: str, pos: int) -> bool:
    """A line break is stray when it does not end a paragraph or a list line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return pos - line_start > 30  # short lines are headings, bylines or list items


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    out: list[str] = []
    offset_map: OffsetMap = []
    last = 0
    shift = 0
    for start, end, repl in edits:
        if start < last:
            continue  # overlapping edit: the first one wins
        out.append(text[last:start])
        if len(repl) != end - start:
            offset_map.append([start + shift, len(repl), start, end - start])
        out.append(repl)
        shift += len(repl) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), offset_map


def to_original(offset: int, offset_map: OffsetMap | None, end: bool = False) -> int:
    """Map an offset in the normalized text to the original text.

    offset (int): a character offset into the normalized text.
    offset_map (OffsetMap | None): `doc._.ew_offset_map`.
    end (bool): True for an exclusive end offset, so a span never loses part of an edit.
    RETURNS (int): the offset into the original text.
    """
    if not offset_map:
        return offset
    i = bisect.bisect_right([e[0] for e in offset_map], offset) - 1
    if i < 0:
        return offset
    n_start, n_len, o_start, o_len = offset_map[i]
    if offset == n_start:
        # At an edit's start: an end stops before it, a start skips what was dropped.
        return o_start if end or n_len else o_start + o_len
    if offset < n_start + n_len:
        # Inside a replacement: widen to the whole original stretch.
        return o_start + o_len if end else o_start
    return o_start + o_len + (offset - n_start - n_len)


def span_to_original(span: Iterable[int], offset_map: OffsetMap | None) -> list[int]:
    """A [start, end) pair in normalized text as a pair in the original text."""
    start, end = span
    return [to_original(start, offset_map), to_original(end, offset_map, end=True)]


class NormalizingTokenizer:
    """Normalize the text, then hand it to the wrapped tokenizer.

    tokenizer (Callable[[str], Doc]): the pipeline's own tokenizer.
    vocab (Vocab): the pipeline's vocabulary, whose lower-case words OCR repair may produce.
    """

    def __init__(self, tokenizer, vocab):
        self.tokenizer = tokenizer
        self.vocab = vocab
        self._known_words: frozenset[str] | None = None
        self._lower_only: frozenset[str] = frozenset()
        self._truecaser: Truecaser | None = None

    @property
    def known_words(self) -> frozenset[str]:
        # Read on first use: at construction the model's strings are not loaded yet. Read once,
        # before any text adds its own words, so that what is known does not drift over a run.
        if self._known_words is None:
            strings = self.vocab.strings
            self._known_words = frozenset(s for s in strings if s.isalpha() and s.islower() and len(s) > 1)
            self._lower_only = frozenset(
                s for s in self._known_words if s.title() not in strings and s.upper() not in strings
            )
        return self._known_words

    @property
    def truecaser(self) -> Truecaser:
        # Built on the first one-case text: most feeds never need the case table.
        if self._truecaser is None:
            from eventwire.knowledge import casing

            norms = self.vocab.lookups.get_table("lexeme_norm") if self.vocab.lookups.has_table("lexeme_norm") else {}
            # words the model's vocabulary holds in lower case only: common words
            self._truecaser = Truecaser(casing.load(), lambda word: norms.get(word, word), self._lower_only.__contains__)
        return self._truecaser

    def __call__(self, text: str) -> Doc:
        clean, offset_map = normalize_text(text, self.known_words)  # reads the model's words first
        case = one_case(clean)
        if case:
            clean = self.truecaser(clean)
        doc = self.tokenizer(clean)
        doc._.ew_original_text = text
        doc._.ew_offset_map = offset_map
        doc._.ew_dateline_end = dateline_end(clean)
        doc._.ew_recased = case
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> NormalizingTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> NormalizingTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self


TOKENIZER_CONFIG = {"@tokenizers": "eventwire.NormalizingTokenizer.v1"}


@spacy.registry.tokenizers("eventwire.NormalizingTokenizer.v1")
def create_normalizing_tokenizer():
    """Config entry point: spaCy's default tokenizer behind normalization."""
    create_default = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp):
        return NormalizingTokenizer(create_default(nlp), nlp.vocab)

    return make
