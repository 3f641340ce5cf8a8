"""Truecasing: give text that came in one case the capitals the model reads names by.

Archives send news all in lower case and agency flashes all in capitals; the
model's tagger and NER then find few names, and every stage after them loses
its actors, places, times and quotes. The normalizing tokenizer asks
`one_case(text)` and, for such text only, recases it here before the model
reads it. Recasing changes only the case of letters, never the length, so the
offset map and `article.text` (the input as it came) stay as they are; text in
mixed case is not touched.

How a word is written comes from the case table (`knowledge/casing.py`): the
phrases and names of the actor dictionary and the gazetteer first ("red sea"
-> "Red Sea"), then how the word is written mid-sentence in English text
("monday" -> "Monday", "nato" -> "NATO"). A word the table does not know, nor
the model's spelling variants ("armoury" -> "armory") or a shorter form of it
("demarcating" -> "demarcate"), is taken for a name ("thoubal" -> "Thoubal").
A word that is a name only in some uses ("army", "south", "president") is
capitalised beside a name only ("South Sudan", "the army"). Sentences, quotes
and the word after a title abbreviation ("gen.", "mr.") start with a capital.
"""

from __future__ import annotations

import re

from eventwire.knowledge.casing import CaseTable

# Letters: below this share of capitals a text is lower case, above the other upper case.
_MIN_LETTERS = 40
_LOWER_SHARE = 0.01
_UPPER_SHARE = 0.8
_LETTER = re.compile(r"[A-Za-z]")  # ASCII letters decide: a regex counts them without a loop
_CAPITAL = re.compile(r"[A-Z]")
# A word: letters, joined by apostrophes, hyphens or inner periods ("al-qaeda's", "u.s").
_WORD = re.compile(r"[^\W\d_]+(?:['.\-][^\W\d_]+)*")
_CLITIC = re.compile(r"(.+?)((?:n't|'s|'re|'ve|'ll|'d|'m|'))$")
_SUFFIXES = ("ing", "ed", "es", "s", "ly", "er", "ers", "ment", "ments", "ness", "d")
_VOWELS = frozenset("aeiouy")
# Where a sentence starts: the text, a line, after closing punctuation, at a quote opened after
# a comma or colon (said, "we ..."); a quoted fragment inside a sentence (would "respond") is not one.
_SENTENCE_START = re.compile(r"(?:\A|\n|[.!?][\"')\]]*[ \n]|[,:] \")[\s\"'(\[*\u2022-]*(?=[^\W\d_])")
# A dateline's end ("imphal: ", "beirut, march 5 (eventwire) - ") in a paragraph's first words.
_DATELINE_END = re.compile(r"(?m)^[^\W\d_][^\n.:\u2014]{0,60}?(?::|\)? [\-\u2014]) +(?=[^\W\d_])")
# "(wfp)" after the words it stands for; small words inside a name stay in lower case.
_ACRONYM = re.compile(r"\(([^\W\d_]{2,8})\)")
_NAME_LINKS = frozenset("of for the and in on de du des la le al el".split())
_TITLES = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt cpl adm gov sen rep prof rev fr sr sra st pres insp supt det".split()
)
# Month names that are also other words or read as acronyms: capitalised beside a number ("may 2023", "nov 12").
_CALENDAR = frozenset("may march jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NUMBER_NEAR = re.compile(r"\d")


def one_case(text: str) -> str | None:
    """Is the text all in one case? "lower", "upper", or None for mixed-case text.

    text (str): the (normalized) article text.
    RETURNS (str | None): which case, when the share of capital letters says the text has only one.
    """
    letters = len(_LETTER.findall(text))
    if letters < _MIN_LETTERS:
        return None
    share = len(_CAPITAL.findall(text)) / letters
    if share < _LOWER_SHARE:
        return "lower"
    if share > _UPPER_SHARE:
        return "upper"
    return None


class Truecaser:
    """Recase one-case text, letter for letter.

    table (CaseTable): the case table.
    spellings (Callable[[str], str] | None): a word's standard spelling ("armoury" -> "armory"), or itself.
    lower_words (Callable[[str], bool] | None): words known to be common words in lower case
        (the model's vocabulary: seen in lower case, never capitalised), for those the table lacks.
    """

    def __init__(self, table: CaseTable, spellings=None, lower_words=None):
        self.table = table
        self.spellings = spellings or (lambda word: word)
        self.lower_words = lower_words or (lambda word: False)

    def __call__(self, text: str) -> str:
        """The text with each word in its usual case; same length as `text`."""
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is two characters ("İ") keeps its case
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(lower)]
        forms: list[str | None] = [None] * len(words)
        kinds: list[str] = ["lower"] * len(words)  # "name", "lower", or "ambiguous" (a name beside a name)
        self._phrases(lower, words, forms, kinds)
        for i, (start, end, word) in enumerate(words):
            if forms[i] is None:
                abbreviation = lower[end : end + 1] == "."
                forms[i], kinds[i] = self._word(word, abbreviation)
        self._settle_ambiguous(lower, words, forms, kinds)
        self._defined_acronyms(lower, words, forms, kinds)
        self._titles(lower, words, forms, kinds)
        out = list(lower)
        for (start, end, word), form in zip(words, forms):
            if form != word and len(form) == end - start:
                out[start:end] = form
        for position in self._sentence_starts(lower, words):
            if len(out[position].upper()) == 1:
                out[position] = out[position].upper()
        return "".join(out)

    def _phrases(self, lower: str, words: list, forms: list, kinds: list) -> None:
        phrases = self.table.phrases
        i = 0
        while i < len(words):
            for n in (4, 3, 2):
                key = tuple(w for _, _, w in words[i : i + n])
                if len(key) == n and key in phrases and all(
                    lower[words[j][1] : words[j + 1][0]] == " " for j in range(i, i + n - 1)
                ):
                    for j, form in enumerate(phrases[key]):
                        forms[i + j], kinds[i + j] = form, "name"
                    i += n
                    break
            else:
                i += 1

    def _word(self, word: str, abbreviation: bool) -> tuple[str, str]:
        """How one word is written, and whether it is a name, a lower-case word or ambiguous."""
        table = self.table
        if abbreviation and word + "." in table.forms:
            return table.forms[word + "."][:-1], "name"
        if word in table.states:
            return table.states[word], "name"
        if word in table.names and (word not in table.known or word in table.forms):
            return table.names[word], "name"
        if word in _CALENDAR:
            return word.title(), "ambiguous"
        if word in table.forms:
            return table.forms[word], "ambiguous" if word in table.ambiguous else "name"
        if word in table.known:
            return word, "lower"
        clitic = _CLITIC.match(word)
        if clitic and clitic.group(1).isalpha():
            stem, kind = self._word(clitic.group(1), False)
            return stem + clitic.group(2), kind
        if "-" in word:
            return self._parts(word)
        if not word.isalpha():
            return word, "lower"  # "u.n.h.c.r", "o'clock": dotted or quoted forms the table lacks
        if self._is_common(word):
            return word, "lower"
        if not _VOWELS & set(word) and len(word) <= 6:
            return word.upper(), "name"  # "sspdf": an acronym
        return word[:1].upper() + word[1:], "name"

    def _parts(self, word: str) -> tuple[str, str]:
        """A hyphenated word ("al-qaeda", "two-storey"): each part as it is written."""
        parts = [self._word(p, False) if p else ("", "lower") for p in word.split("-")]
        kind = "name" if any(k == "name" for _, k in parts) else "lower"
        return "-".join(p for p, _ in parts), kind

    def _is_common(self, word: str) -> bool:
        """A lower-case word the table lacks: another spelling or form of a lower-case word."""
        if self._is_lower_word(word):
            return True
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3:
                doubled = stem[:-1] if stem[-1] == stem[-2] else None  # "shelled" -> "shell"
                if any(c and self._is_lower_word(c) for c in (stem, stem + "e", doubled)):
                    return True
        return False

    def _is_lower_word(self, word: str) -> bool:
        known, forms = self.table.known, self.table.forms
        if word in known:
            return word not in forms
        spelling = self.spellings(word) or word
        return (spelling != word and spelling in known and spelling not in forms) or self.lower_words(word)

    def _settle_ambiguous(self, lower: str, words: list, forms: list, kinds: list) -> None:
        """An ambiguous word is capitalised beside a name, else lower case; a month beside a number."""
        for i, (start, end, word) in enumerate(words):
            if kinds[i] != "ambiguous":
                continue
            if word in _CALENDAR:
                near = lower[max(0, start - 3) : start] + lower[end : end + 3]
                keep = bool(_NUMBER_NEAR.search(near))
            else:
                keep = any(
                    0 <= j < len(words) and kinds[j] == "name" and _adjacent(lower, words, min(i, j), max(i, j))
                    for j in (i - 1, i + 1)
                )
            if keep:
                kinds[i] = "name"
            else:
                forms[i] = word

    def _defined_acronyms(self, lower: str, words: list, forms: list, kinds: list) -> None:
        """A name defined with its acronym is a name: "the world food programme (wfp)" -> "World Food Programme (WFP)"."""
        starts = {start: i for i, (start, _, _) in enumerate(words)}
        for match in _ACRONYM.finditer(lower):
            i = starts.get(match.start(1))
            if i is None or i == 0:
                continue
            first = _acronym_phrase(match.group(1), [w for _, _, w in words[max(0, i - 12) : i]])
            if first is None:
                continue
            first += max(0, i - 12)
            for j in range(first, i):
                if words[j][2] not in _NAME_LINKS:
                    form = forms[j] if forms[j] != words[j][2] else words[j][2][:1].upper() + words[j][2][1:]
                    forms[j], kinds[j] = form, "name"
            forms[i], kinds[i] = words[i][2].upper(), "name"

    def _titles(self, lower: str, words: list, forms: list, kinds: list) -> None:
        """A formal title before a name is capitalised ("prime minister elchin" -> "Prime Minister Elchin").

        Only a title whose last word is capitalised in running text ("minister", "inspector");
        "spokesman" and "official" stay in lower case before a name, as news writes them.
        """
        titles = self.table.titles
        end = len(words) - 2
        while end >= 0:
            for n in (3, 2, 1):
                first = end - n + 1
                key = tuple(w for _, _, w in words[max(0, first) : end + 1])
                if (
                    first >= 0
                    and key in titles
                    and words[end][2] in self.table.forms
                    and kinds[end + 1] == "name"
                    and _adjacent(lower, words, end, end + 1)
                ):
                    for j in range(first, end + 1):
                        forms[j], kinds[j] = words[j][2].title(), "name"
                    end = first - 1
                    break
            else:
                end -= 1

    def _sentence_starts(self, lower: str, words: list) -> list[int]:
        starts = [m.end() for m in _SENTENCE_START.finditer(lower)]
        starts += [m.end() for m in _DATELINE_END.finditer(lower)]
        ends = {end: word for _, end, word in words}
        kept = []
        for position in starts:
            # "gen. ahmed": the period of an abbreviation ends no sentence, but a title's name is capitalised
            before = lower[:position].rstrip(" \"'([*-")
            word = ends.get(len(before) - 1) if before.endswith(".") else None
            if word is not None and (word + "." in self.table.forms or len(word) == 1) and word not in _TITLES:
                continue
            kept.append(position)
        return kept


def _adjacent(lower: str, words: list, left: int, right: int) -> bool:
    """Are two words one name's neighbours: a space or hyphen between, or an abbreviation's period ("u.s. army")?"""
    between = lower[words[left][1] : words[right][0]]
    return between in (" ", "-", ". ") and (between != ". " or len(words[left][2]) <= 3 or "." in words[left][2])


def _acronym_phrase(acronym: str, before: list[str]) -> int | None:
    """Where, in the words before it, the name an acronym stands for starts (None: they do not spell it).

    Read backwards: each word gives its first letter, a short word may give itself ("un" in "unhas"),
    and a linking word ("of", "in") that does not give its first letter gives nothing.
    """
    left = len(acronym)
    for k in range(len(before) - 1, -1, -1):
        word = before[k]
        if word[0] == acronym[left - 1]:
            left -= 1
        elif len(word) <= 3 and acronym[:left].endswith(word) and word not in _NAME_LINKS:
            left -= len(word)
        elif word not in _NAME_LINKS:
            return None
        if left == 0:
            return k
    return None
