"""Structure: the article's parts before anything reads it.

News text is not a flat run of sentences. It opens with a headline (a short
first line without closing punctuation), the body's first paragraph opens
with a dateline ("BUNIA, Congo (AP) — ", "PESHAWAR, March 3 (Reuters) - "),
and a page copied from the web carries boilerplate: share widgets, captcha
notices, "Follow us on ...", video notices, copyright lines, "Related:" link
lists. The parser knows none of this and reads a headline, its dateline and
the lede as one sentence.

This stage runs before the parser and
- finds headline, dateline, paragraphs and boilerplate with regexes over the
  text, and keeps them in `doc._.ew_structure` (character offsets into
  `doc.text`, JSON-shaped, see `extensions.py`);
- starts a sentence at every paragraph, after the headline and after the
  dateline, so no sentence crosses them (spaCy's parser keeps preset starts).

The helpers below (`headline`, `dateline`, `paragraphs`, `paragraph_of`,
`in_headline`, `in_dateline`, `is_boilerplate`) are how later stages read it.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.pipeline import extensions  # noqa: F401  (declares the Doc attributes)
from eventwire.pipeline.normalize import DATELINE

# A paragraph ends at a blank line, and at a line break after a short line (a heading, a
# byline, a list item) or after closing punctuation; a long unfinished line goes on.
_LINE = re.compile(r"[^\n]+")
_SHORT_LINE = 60
_CLOSED = re.compile(r"[.!?:;\"')\]]\s*$")
_BULLET = re.compile(r"\s*(?:[*\u2022\u25cf\u25aa>-]|\d{1,2}[.)])\s")
# A headline: a short first line that does not close like a sentence.
_HEADLINE_MAX_CHARS = 250
_HEADLINE_OPEN = re.compile(r'[.!]["\']?\s*$')
# The dateline opens the body's first paragraph, or the first after up to two short heading-like
# lines ("By Jane Doe", "The Daily Courier", a photo caption).
_DATELINE_REACH = 3

# In recased text the dateline's place is in title case ("Imphal: ", "Beirut, March 5 (Eventwire) - "):
# the same shape as DATELINE, accepted only when its first part is a place the gazetteer knows.
_TITLE_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,3})"
    r"(?:, [^\n()\-\u2014:]{1,40}(?: ?\([^()\n]{1,40}\))?| ?\([^()\n]{1,40}\))? ?[\-\u2014:] +"
)
# The parts of a dateline that are not its place: a date ("March 3", "Feb. 8") or the agency in brackets.
_DATELINE_NOT_PLACE = re.compile(
    r"(?:,\s*)?(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}\b.*"
    r"|\s*\(.*|\s*[\-\u2014:]\s*$)",
    re.IGNORECASE,
)

# Lines that are page furniture, not reporting (matched against one whole line, case-insensitively).
_BOILERPLATE_LINE = re.compile(
    r"(?:share(?: this(?: story| article)?)?(?::.*)?|tweet|e-?mail|print|facebook|twitter|google\+?|pinterest"
    r"|linkedin|reddit|whatsapp|instagram|more|comments?|advertisement|photos?|videos?|text size|vote"
    r"|view results|like this:.*|subscribe.*|sign up.*|read more.*|more (?:local )?(?:news|stories)"
    r"|related(?: links| content| stories| articles| coverage)?:?.*|also on \w+:.*"
    r"|watch(?: this| the)? (?:story|video)\.?|watch mobile video|scroll down for video|click (?:here|to play).*"
    r"|(?:video|watch|photos?|gallery):.{0,80}|by:? [^.,;]{2,60}|[-_#*=~]{3,}"
    r"|\d{1,2}:\d{2} (?![ap]\.?m\b)[^.!?]{3,100}"
    r"|.*(?:you must enter the characters|please enable javascript|your browser does not support"
    r"|this video is no longer available|all rights reserved|a friend wanted you to see"
    r"|follow (?:us|\S+) on (?:twitter|facebook|instagram)|like us on facebook|join the conversation on"
    r"|download (?:our|the) .{0,40}app|for the latest (?:news|updates)).*"
    r"|(?:copyright|\(?\u00a9).*)",
    re.IGNORECASE,
)
# "Related:" opens a list of other stories' headlines: the short unfinished lines that follow it.
_LINK_LIST_HEAD = re.compile(r"(?:related|more|also|read|see|recommended)\b[^.!?]{0,40}:?", re.IGNORECASE)


def find_structure(text: str, recased: bool = False, is_place=None) -> dict:
    """Headline, dateline, paragraphs and boilerplate of an article.

    text (str): the (normalized) article text.
    recased (bool): the text was truecased, so a dateline's place is in title case, not capitals.
    is_place (Callable[[str], bool] | None): whether a name is a known place; checks a title-case
        dateline, and a bare word in capitals ("UPDATE:" is a label, "BEIRUT:" a dateline).
    RETURNS (dict): {"headline": [s, e] | None, "dateline": {...} | None, "paragraphs": [[s, e]],
        "boilerplate": [[s, e]]}, character offsets into `text`.
    """
    paragraphs = _paragraphs(text)
    boilerplate = _boilerplate(text, paragraphs)
    furniture = {tuple(b) for b in boilerplate}
    body = [p for p in paragraphs if tuple(p) not in furniture]
    headline = None
    if len(body) >= 2 and _is_headline(text[body[0][0] : body[0][1]]):
        headline = body[0]
        body = body[1:]
    dateline = None
    for start, end in body[:_DATELINE_REACH]:  # past a byline or a photo caption on lines of their own
        dateline = _dateline(text[start:end], start, recased, is_place)
        if dateline or not _is_headline(text[start:end]):
            break
    return {"headline": headline, "dateline": dateline, "paragraphs": paragraphs, "boilerplate": boilerplate}


def _paragraphs(text: str) -> list[list[int]]:
    paragraphs: list[list[int]] = []
    for line in _LINE.finditer(text):
        words = line.group().strip()
        if not words:
            continue
        start = line.start() + line.group().index(words[0])
        end = start + len(words)
        if paragraphs and text.count("\n", paragraphs[-1][1], start) == 1:
            last_line = text[paragraphs[-1][0] : paragraphs[-1][1]].rsplit("\n", 1)[-1]
            if _goes_on(last_line, words):
                paragraphs[-1][1] = end
                continue
        paragraphs.append([start, end])
    return paragraphs


def _goes_on(last_line: str, next_line: str) -> bool:
    """Does a single line break continue the paragraph (a hard-wrapped long line)?"""
    return len(last_line) > _SHORT_LINE and not _CLOSED.search(last_line) and not _BULLET.match(next_line)


def _is_headline(line: str) -> bool:
    return "\n" not in line and len(line) <= _HEADLINE_MAX_CHARS and not _HEADLINE_OPEN.search(line)


def _boilerplate(text: str, paragraphs: list[list[int]]) -> list[list[int]]:
    found: list[list[int]] = []
    in_link_list = False
    for start, end in paragraphs:
        line = text[start:end]
        short_unfinished = "\n" not in line and len(line) <= 120 and not _CLOSED.search(line)
        if in_link_list and short_unfinished:
            found.append([start, end])
            continue
        in_link_list = False
        if _BOILERPLATE_LINE.fullmatch(line):
            found.append([start, end])
            in_link_list = bool(_LINK_LIST_HEAD.match(line)) and line.rstrip().endswith(":")
    return found


def _dateline(paragraph: str, start: int, recased: bool, is_place) -> dict | None:
    """The dateline a paragraph opens with ("DETROIT -" may stand on a line of its own)."""
    rest = paragraph + " "
    match = DATELINE.match(rest)
    if match is None and recased and is_place is not None:
        match = _TITLE_DATELINE.match(rest)
        if match is not None and not is_place(match.group("place")):
            match = None
    if match is None:
        return None
    words = match.group().rstrip()
    place = _DATELINE_NOT_PLACE.sub("", words).strip(" ,")
    if not re.search(r"[,(]", words) and is_place is not None and not is_place(place):
        return None  # a bare word in capitals is a label ("UPDATE:", "BREAKING -") unless it is a place
    leading = len(words) - len(words.lstrip())
    return {
        "span": [start + leading, start + len(words)],
        "text": words.strip(),
        "place": place,
        "place_span": [start + leading, start + leading + len(place)],
    }


class StructureStage:
    """Find the article's parts and start a sentence at each of them (runs before the parser).

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    """

    def __init__(self, nlp: Language, name: str = "eventwire_structure"):
        self.name = name
        self._is_place = None

    def is_place(self, name: str) -> bool:
        """A name the gazetteer knows; it is opened on first use (a dateline that needs the check)."""
        if self._is_place is None:
            from eventwire.gazetteer import gazetteer

            gaz = gazetteer()
            self._is_place = lambda text: bool(gaz.candidates(text))
        return self._is_place(name)

    def __call__(self, doc: Doc) -> Doc:
        structure = find_structure(doc.text, recased=bool(doc._.ew_recased), is_place=self.is_place)
        self.set_annotations(doc, structure)
        return doc

    def set_annotations(self, doc: Doc, structure: dict) -> None:
        doc._.ew_structure = structure
        starts = [tuple(p) for p in structure["paragraphs"]]
        if structure["dateline"]:
            dateline_end = structure["dateline"]["span"][1]
            paragraph_end = next(end for start, end in starts if start <= dateline_end <= end)
            starts.append((dateline_end, paragraph_end))
        for start, end in starts:
            span = doc.char_span(start, end, alignment_mode="contract") if start < end else None
            if span is not None and len(span) and span.start > 0:
                doc[span.start].is_sent_start = True

    def __reduce__(self):
        return (StructureStage, (None, self.name))


@Language.factory("eventwire_structure", assigns=["doc._.ew_structure", "token.is_sent_start"])
def make_structure(nlp: Language, name: str) -> StructureStage:
    """Build the structure stage; put it before the parser.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (StructureStage): the component.
    """
    return StructureStage(nlp, name)


def _span(doc: Doc, chars: list[int] | None) -> Span | None:
    if not chars:
        return None
    return doc.char_span(chars[0], chars[1], alignment_mode="expand")


def _chars(item: Span | Token) -> tuple[int, int]:
    if isinstance(item, Token):
        return item.idx, item.idx + len(item)
    return item.start_char, item.end_char


def _within(item: Span | Token, chars: list[int] | None) -> bool:
    if not chars:
        return False
    start, end = _chars(item)
    return chars[0] <= start and end <= chars[1]


def headline(doc: Doc) -> Span | None:
    """The headline the text opens with, if any."""
    return _span(doc, (doc._.ew_structure or {}).get("headline"))


def dateline(doc: Doc) -> Span | None:
    """The wire dateline the body opens with ("BUNIA, Congo (AP) —"), past a byline or caption line, if any."""
    return _span(doc, ((doc._.ew_structure or {}).get("dateline") or {}).get("span"))


def dateline_place(doc: Doc) -> Span | None:
    """The dateline's place words ("BUNIA, Congo"): where the story was filed."""
    return _span(doc, ((doc._.ew_structure or {}).get("dateline") or {}).get("place_span"))


def paragraphs(doc: Doc) -> list[Span]:
    """Every paragraph (the headline and boilerplate lines included), in order."""
    return [_span(doc, p) for p in (doc._.ew_structure or {}).get("paragraphs", [])]


def paragraph_of(item: Span | Token) -> int | None:
    """The index into `paragraphs(doc)` of the paragraph a span or token starts in (None: between them)."""
    doc = item.doc
    found = (doc._.ew_structure or {}).get("paragraphs", [])
    start = _chars(item)[0]
    i = bisect.bisect_right(found, start, key=lambda p: p[0]) - 1
    return i if i >= 0 and start < found[i][1] else None


def in_headline(item: Span | Token) -> bool:
    """Does the span or token lie in the headline?"""
    return _within(item, (item.doc._.ew_structure or {}).get("headline"))


def in_dateline(item: Span | Token) -> bool:
    """Does the span or token lie in the dateline?"""
    return _within(item, ((item.doc._.ew_structure or {}).get("dateline") or {}).get("span"))


def is_boilerplate(item: Span | Token) -> bool:
    """Does the span or token start in page furniture (share widgets, notices, link lists)?"""
    start = _chars(item)[0]
    found = (item.doc._.ew_structure or {}).get("boilerplate", [])
    i = bisect.bisect_right(found, start, key=lambda b: b[0]) - 1
    return i >= 0 and start < found[i][1]
