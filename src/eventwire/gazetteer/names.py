"""Name keys: how a place name is normalized for look-up.

`normalize` is the exact key (accents, case, punctuation and "Saint"/"St."
folded); `fold` is a looser transliteration key for names that reach English
in several spellings (Panjshir / Panjsher / Panjshayr), used only when the
exact key finds nothing.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WORD_FORMS = {"saint": "st", "ste": "st", "sainte": "st", "mount": "mt", "fort": "ft", "the": ""}
_FOLDS = [
    (re.compile(r"(ay|ey|ai|ei|ee|ie|iy|e|y)"), "i"),
    (re.compile(r"(ou|oo|ow|uu|o)"), "u"),
    (re.compile(r"aa"), "a"),
    (re.compile(r"(kh|gh|q|ck|c)"), "k"),
    (re.compile(r"(ph)"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(dh|th)"), "d"),
    (re.compile(r"(zh|j)"), "j"),
    (re.compile(r"h"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
]


def ascii_name(name: str) -> str:
    """The name with diacritics removed: "Baghlān" -> "Baghlan" (GeoNames' asciiname)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(name: str) -> str:
    """The exact look-up key of a name.

    name (str): a place name as written ("Sar-e Pul", "St. Louis", "Baghlān").
    RETURNS (str): lower-case ASCII words joined by one space ("sar e pul", "st louis", "baghlan").
    """
    text = _APOSTROPHES.sub("", ascii_name(name).lower())
    words = [_WORD_FORMS.get(w, w) for w in _NON_WORD.sub(" ", text).split()]
    return " ".join(w for w in words if w)


def fold(norm: str) -> str:
    """A loose transliteration key of a normalized name: vowels and digraph spellings merged."""
    key = norm.replace(" ", "")
    for pattern, repl in _FOLDS:
        key = pattern.sub(repl, key)
    return key


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (other scripts are not searched in English text)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "\u2018\u2019\u02bb\u02bc\u02be\u02bf" for ch in name)
