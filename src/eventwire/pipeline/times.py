"""Times: find time expressions and resolve each to a date with a precision.

Finding: a spaCy `Matcher` built from the word lists of
`knowledge/times.yaml` proposes weekdays, day words (yesterday, tonight),
periods (last week, earlier this month), shifts (two days ago, a week
later), calendar dates (Sept. 5, 5 September 2021, mid-August, in 2019),
seasons and quarters; a `PhraseMatcher` finds holidays ("Christmas Eve",
"Thanksgiving", "Memorial Day", resolved with python-dateutil's rules and
Easter). Each proposal is then judged in context with the
parse: a weekday modifying a noun ("the Monday prayer group") or inside a
name ("Bloody Sunday"), a day word after "than", "May" the modal and a bare
month or year without a cue word are dropped. The model's DATE entities
that no proposal touches are kept when our grammar can read them.

Resolving: one small grammar (`_parse`) reads an expression into a
structure, cached, and `_compute` turns it into (value, precision) against
an anchor date. News convention: a bare weekday is the most recent such day
up to and including the anchor, unless the verb governing it is future
("will meet on Friday", "talks resume Monday"; not a progressive, "police are
investigating a shooting Thursday night", nor a headline's present, "Teen dies
Saturday"); a date without a year is the nearest one, or the
last one before the anchor for a past verb. Quarters and seasons give their
first day with precision None (the record knows no such precision).
"a week later" counts from the time the story last named. dateparser is
never needed for these forms and is not used.

Each time dict (doc._.ew_times): text, span, value, precision, anchor
("published" until the quotes stage re-anchors it to a speech date) and
private keys: `_relative` (depends on the anchor), `_tense`, `_ref`, `_filing` (the dateline's
date or a page's "Posted:" stamp: when the story was filed, which dates no event) and
`_reporting` (it dates a saying: "police said Monday", "in a statement Monday").
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import dateutil.easter
import numpy
import yaml
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta
from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from eventwire.pipeline.actors import actor_at
from eventwire.pipeline.extensions import published_date
from eventwire.pipeline.structure import in_dateline, in_headline, is_boilerplate, paragraph_of

LEXICON_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "times.yaml"

Value = tuple[str | None, str | None]
Dated = tuple[str | None, str | None, str | None]  # value, precision, basis (see `dated_span`)


@dataclass(frozen=True)
class TimeLexicon:
    """The word lists of the times stage; see knowledge/times.yaml for what each holds."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    parts_of_day: frozenset[str]
    story_day_words: dict[str, int]
    day_modifiers: frozenset[str]
    period_modifiers: dict[str, int]
    units: dict[str, str]
    number_words: dict[str, int]
    ago_words: frozenset[str]
    seasons: dict[str, int]
    quarters: dict[str, int]
    holidays: dict[str, list]
    month_cues: frozenset[str]
    weekday_name_words: frozenset[str]
    weekday_vague_words: frozenset[str]
    comparison_words: frozenset[str]
    stamp_words: frozenset[str]
    time_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    saying_nouns: frozenset[str]
    future_governors: frozenset[str]
    future_auxiliaries: frozenset[str]
    happening_words: frozenset[str]


@functools.lru_cache(maxsize=2)
def load_lexicon(path: str | Path = LEXICON_FILE) -> TimeLexicon:
    """Read the times word lists (the built-in file by default); cached, read once per process.

    path (str | Path): a YAML file shaped like knowledge/times.yaml.
    RETURNS (TimeLexicon): the lists, lists turned into frozensets.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    fields = {}
    for name, kind in TimeLexicon.__annotations__.items():
        value = data[name]
        fields[name] = {str(k): v for k, v in value.items()} if kind.startswith("dict") else frozenset(map(str, value))
    return TimeLexicon(**fields)


# ---------------------------------------------------------------------------
# Resolution: expression text -> structure -> (value, precision)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern]:
    """The regular expressions of `_parse`, built once from the lexicon."""
    lex = load_lexicon()
    month = rf"(?P<month>{_alternation(lex.months)})"
    day = r"(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    weekday = rf"(?P<weekday>{_alternation(lex.weekdays)})"
    number = rf"(?P<n>\d+|{_alternation(lex.number_words)})"
    unit = rf"(?P<unit>{_alternation(lex.units)})"
    part = rf"(?: (?:{_alternation(lex.parts_of_day)}))?"
    mode = r"(?:(?P<mode>last|next|this coming|coming|this|previous|past) )?"
    story_unit = rf"day|{_alternation(lex.parts_of_day)}"
    return {
        "iso": re.compile(rf"^{year}-(?P<m>\d\d)-(?P<day>\d\d)$"),
        "numeric": re.compile(rf"^(?P<m>\d\d?)/{day}/{year}$"),
        "month_day": re.compile(rf"^(?:{weekday},? )?{month} {day}(?:,? {year})?$"),
        "day_month": re.compile(rf"^(?:{weekday},? )?(?:the )?{day}(?: of)? {month}(?:,? {year})?$"),
        "month_year": re.compile(rf"^{month},?(?: of)? {year}$"),
        "month": re.compile(rf"^(?:(?P<mode>last|next|this) )?{month}(?:,? (?P<rel>last|this|next) year)?$"),
        "year_end": re.compile(r"^(?:year end|year's end|end of the year)$"),
        "this_year": re.compile(r"^(?:(?:full|current|fiscal|current fiscal) )?year$"),
        "year_ago": re.compile(r"^year (?:ago|earlier)$"),
        "year": re.compile(rf"^(?:fiscal |the year )?{year}$"),
        "relative_day": re.compile(rf"^(?P<word>{_alternation(lex.relative_days)}){part}$"),
        "last_night": re.compile(rf"^(?:last (?P<night>night)|this (?:{_alternation(lex.parts_of_day)}))$"),
        "weekday": re.compile(rf"^{mode}{weekday}{part}$"),
        "story_day": re.compile(
            rf"^(?:(?P<unit>{story_unit}) (?P<after>{_alternation(lex.story_day_words)})"
            rf"|(?P<before>{_alternation(lex.story_day_words)}) (?P<unit2>{story_unit}))$"
        ),
        "story_day_in": re.compile(rf"^(?:earlier|later) in the (?:{story_unit})$"),
        "period": re.compile(
            rf"^(?P<mode>{_alternation(lex.period_modifiers)}) (?P<unit>week|month|year|weekend)$"
        ),
        "weekend": re.compile(r"^(?:this past |over the |the )?weekend$"),
        "shift": re.compile(rf"^{number} {unit}(?: or so)? (?P<dir>{_alternation(lex.ago_words)}|from now)$"),
        "season": re.compile(
            rf"^(?:(?P<mode>last|next|this|past) )?(?P<season>{_alternation(lex.seasons)})(?:(?: of)? {year})?$"
        ),
        "quarter": re.compile(
            rf"^(?P<q>{_alternation(lex.quarters)})(?: quarter)?(?:(?: of)? {year})?$"
        ),
        "holiday": re.compile(
            rf"^(?:(?P<mode>last|next|this) )?(?P<holiday>{_alternation(_holiday_rules(lex))}){part}(?:,?(?: of)? {year})?$"
        ),
    }


def _holiday_rules(lex: TimeLexicon) -> dict[str, tuple]:
    """The holidays by their name as `_clean` leaves it ("new year's" -> "new year")."""
    return {re.sub(r"'s?$", "", name): tuple(rule) for name, rule in lex.holidays.items()}


def _holiday_date(rule: tuple, year: int) -> dt.date:
    """The day of a holiday rule (see `holidays` in knowledge/times.yaml) in a year."""
    if rule[0] == "easter":
        return dateutil.easter.easter(year) + dt.timedelta(days=rule[1])
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    month, weekday, n, *shift = rule
    day = dt.date(year, month, 1) if n > 0 else dt.date(year, month, calendar.monthrange(year, month)[1])
    nth = relativedelta(weekday=_WEEKDAYS[weekday](n))
    return day + nth + dt.timedelta(days=shift[0] if shift else 0)


_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}


_LEADING = re.compile(
    r"^(?:(?:on|in|at|by|since|until|from|the|early|late|earlier|later|mid|around|about|the end of|"
    r"the beginning of|the start of|the middle of|end of|beginning of|start of|middle of) )+"
)


def _clean(text: str) -> str:
    """Lower-case an expression, drop a possessive, hyphens and the modifiers that do not move its value."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"[-\u2014]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.")
    if text.startswith(("earlier this ", "later this ")):
        return text.split(" ", 1)[1]
    return _LEADING.sub("", text)


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> tuple | None:
    """Read one expression into a structure that does not depend on any anchor.

    text (str): the expression as written ("last Friday", "Sept. 5, 2021").
    RETURNS (tuple | None): (kind, ...fields), or None when it is no date we can read.
    """
    lex = load_lexicon()
    g = _grammar()
    raw = text.strip()
    for name in ("iso", "numeric"):
        if m := g[name].match(raw):
            return ("date", int(m["year"]), int(m["m"]), int(m["day"]))
    if g["story_day_in"].match(raw.lower()):  # "earlier in the day": the story's day
        return ("shift", 0, "day", "story_day")
    s = _clean(text)
    if not s:
        return None
    for name in ("month_day", "day_month"):
        if m := g[name].match(s):
            return ("date", int(m["year"]) if m["year"] else None, lex.months[m["month"]], int(m["day"]))
    if m := g["month_year"].match(s):
        return ("month", int(m["year"]), lex.months[m["month"]])
    if m := g["month"].match(s):
        if m["rel"]:
            return ("month", ("this", m["rel"]), lex.months[m["month"]])
        return ("month", m["mode"], lex.months[m["month"]])
    if g["year_end"].match(s):
        return ("year_end",)
    if g["this_year"].match(s):
        return ("period", "year", 0)
    if g["year_ago"].match(s):
        return ("period", "year", -1)
    if m := g["year"].match(s):
        return ("year", int(m["year"]))
    if m := g["relative_day"].match(s):
        return ("shift", lex.relative_days[m["word"]], "day", "anchor")
    if m := g["last_night"].match(s):
        return ("shift", -1 if m["night"] else 0, "day", "anchor")
    if m := g["weekday"].match(s):
        mode = {"this coming": "next", "coming": "next", "previous": "last", "past": "last"}.get(m["mode"], m["mode"])
        return ("weekday", lex.weekdays[m["weekday"]], mode or "plain")
    if m := g["story_day"].match(s):
        return ("shift", lex.story_day_words[m["after"] or m["before"]], "day", "story_day")
    if g["weekend"].match(s):
        return ("weekday", 5, "plain", "week")
    if m := g["period"].match(s):
        if m["unit"] == "weekend":
            return ("weekday", 5, {-1: "last", 0: "this", 1: "next"}[lex.period_modifiers[m["mode"]]], "week")
        return ("period", m["unit"], lex.period_modifiers[m["mode"]])
    if m := g["shift"].match(s):
        n = int(m["n"]) if m["n"].isdigit() else lex.number_words[m["n"]]
        unit = lex.units[m["unit"]]
        if unit == "fortnight":
            n, unit = 2 * n, "week"
        back = m["dir"] in ("ago", "earlier", "before", "since")
        ref = "anchor" if m["dir"] in ("ago", "from now") else "story"
        return ("shift", -n if back else n, unit, ref)
    if m := g["season"].match(s):
        return ("season", int(m["year"]) if m["year"] else None, lex.seasons[m["season"]], m["mode"])
    if m := g["quarter"].match(s):
        if "quarter" in s or s.startswith("q"):
            return ("quarter", int(m["year"]) if m["year"] else None, lex.quarters[m["q"]])
    if m := g["holiday"].match(s):
        return ("holiday", int(m["year"]) if m["year"] else None, _holiday_rules(lex)[m["holiday"]], m["mode"])
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _pick_year(candidates: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date | None:
    """Choose among the same calendar point in neighbouring years by the verb's tense.

    candidates (list[date]): one per year, ascending.
    anchor (date): the reference date.
    tense (str | None): "past" -> the last one up to a month after the anchor (a past verb may still
        set a near deadline: "extended the offer to Nov. 20"); "future" -> the first on or after;
        None -> the nearest, counting days ahead double (news mostly reports what has happened:
        "in March", read in October, is the March gone, not the one five months ahead).
    RETURNS (date | None): the choice.
    """
    if tense == "past":
        return max((c for c in candidates if c <= anchor + dt.timedelta(days=31)), default=None)
    if tense == "future":
        return min((c for c in candidates if c >= anchor), default=None)
    return min(candidates, key=lambda c: (abs((c - anchor).days) * (2 if c > anchor else 1), c.year != anchor.year),
               default=None)


def _year_begun(anchor: dt.date, month: int, tense: str | None) -> int:
    """The year of a yearless quarter or season: the anchor's, unless it has not begun by the anchor
    and the verb is past ("revenue fell in the fourth quarter", said in February: last year's)."""
    return anchor.year - 1 if month > anchor.month and tense == "past" else anchor.year


def _compute(parsed: tuple, anchor: dt.date | None, tense: str | None) -> Value:
    """(value, precision) of a parsed expression against an anchor; (None, None) when it needs one it lacks."""
    kind = parsed[0]
    if kind == "date":
        _, year, month, day = parsed
        if year is not None:
            date = _safe_date(year, month, day)
        elif anchor is None:
            return None, None
        else:
            years = (anchor.year - 1, anchor.year, anchor.year + 1)
            date = _pick_year([d for y in years if (d := _safe_date(y, month, day))], anchor, tense)
        return (date.isoformat(), "day") if date else (None, None)
    if kind == "month":
        _, year, month = parsed
        if not isinstance(year, int):
            if anchor is None:
                return None, None
            if isinstance(year, tuple):  # "June last year"
                year = anchor.year + {"last": -1, "this": 0, "next": 1}[year[1]]
            elif year == "this":  # "this September": of the anchor's year
                year = anchor.year
            else:
                start = anchor.replace(day=1)
                candidates = [dt.date(y, month, 1) for y in range(anchor.year - 1, anchor.year + 2)]
                if year == "last":  # the month just gone is "last month"; "last February" in March is a year back
                    candidates, tense = [c for c in candidates if c < _add_months(start, -1)], "past"
                elif year == "next":
                    candidates, tense = [c for c in candidates if c > start], "future"
                year = _pick_year(candidates, start, tense).year
        return dt.date(year, month, 1).isoformat(), "month"
    if kind == "year":
        return f"{parsed[1]:04d}-01-01", "year"
    if kind == "quarter":
        _, year, quarter = parsed
        if year is None:
            if anchor is None:
                return None, None
            year = _year_begun(anchor, 3 * quarter - 2, tense)
        return dt.date(year, 3 * quarter - 2, 1).isoformat(), None
    if kind == "season":
        _, year, month, mode = parsed
        if year is None:
            if anchor is None:
                return None, None
            year = anchor.year + {"last": -1, "next": 1}[mode] if mode in ("last", "next") else \
                _year_begun(anchor, month, tense)
        return dt.date(year, month, 1).isoformat(), None
    if kind == "holiday":
        _, year, rule, mode = parsed
        if year is not None:
            return _holiday_date(rule, year).isoformat(), "day"
        if anchor is None:
            return None, None
        candidates = [_holiday_date(rule, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        if mode == "last":
            date = max(c for c in candidates if c < anchor)
        elif mode == "next":
            date = min(c for c in candidates if c > anchor)
        else:
            date = candidates[1] if mode == "this" else _pick_year(candidates, anchor, tense)
        return date.isoformat(), "day"
    if anchor is None:
        return None, None
    if kind == "year_end":
        year = anchor.year - 1 if tense == "past" and (anchor.month, anchor.day) != (12, 31) else anchor.year
        return f"{year:04d}-12-31", "day"
    if kind == "shift":
        _, n, unit, _ref = parsed
        if unit in ("day", "week"):
            return (anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day"
        if unit == "year" and abs(n) == 1:
            return _add_months(anchor, 12 * n).isoformat(), "day"  # "a year ago": the same day last year
        date = _add_months(anchor, n * (12 if unit == "year" else 1))
        if unit == "year":
            return f"{date.year:04d}-01-01", "year"
        return date.replace(day=1).isoformat(), "month"
    if kind == "weekday":
        weekday, mode = parsed[1], parsed[2]
        precision = parsed[3] if len(parsed) > 3 else "day"
        back = (anchor.weekday() - weekday) % 7
        ahead = (weekday - anchor.weekday()) % 7
        if mode == "last":
            offset = -(back or 7)
        elif mode == "next":
            offset = ahead or 7
        else:
            offset = ahead if tense == "future" else -back
        return (anchor + dt.timedelta(days=offset)).isoformat(), precision
    if kind == "period":
        _, unit, direction = parsed
        if unit == "week":
            start = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=direction)
            return start.isoformat(), "week"
        if unit == "month":
            return _add_months(anchor.replace(day=1), direction).isoformat(), "month"
        return f"{anchor.year + direction:04d}-01-01", "year"
    return None, None


def _is_relative(parsed: tuple) -> bool:
    """Does the expression need an anchor (a yearless date does, "Sept. 5, 2021" does not)?"""
    kind = parsed[0]
    if kind in ("date", "month", "quarter", "holiday"):
        return not isinstance(parsed[1], int)
    if kind == "season":
        return parsed[1] is None
    return kind != "year"


def resolve_expression(text: str, anchor: dt.date, future: bool = False) -> Value:
    """The date and precision of one time expression read against an anchor date.

    text (str): the expression alone ("yesterday", "last Friday", "Sept. 5"); never a sentence.
    anchor (date): the date it is relative to (publication or speech).
    future (bool): the governing verb is future ("will meet on Friday" -> the next Friday).
    RETURNS (tuple[str | None, str | None]): ("YYYY-MM-DD" or None, "day"|"week"|"month"|"year"|None).
    """
    parsed = _parse(text)
    if parsed is None:
        return None, None
    return _compute(parsed, anchor, "future" if future else None)


# ---------------------------------------------------------------------------
# Finding expressions in a Doc


def _patterns(lex: TimeLexicon) -> dict[str, list[list[dict]]]:
    """Matcher patterns by label; the label says which context check a match must pass."""
    month = {"LOWER": {"IN": sorted(lex.months)}}
    # Sets and shapes, not regular expressions: the Matcher tests these on every token.
    days = [str(d) for d in range(1, 32)] + [f"{d:02d}" for d in range(1, 10)]
    ordinals = [f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}" for d in range(1, 32)]
    day = {"LOWER": {"IN": days + ordinals}}
    year = {"SHAPE": "dddd"}  # 19xx or 20xx: `_parse` rejects the rest
    comma = {"ORTH": ","}
    weekday = {"LOWER": {"IN": sorted(lex.weekdays)}}
    mods = {"LOWER": {"IN": sorted(lex.day_modifiers)}, "OP": "*"}
    part = {"LOWER": {"IN": sorted(lex.parts_of_day)}, "OP": "?"}
    early = {"LOWER": {"IN": ["early", "late", "mid", "the end of", "end"]}}
    number = {"LOWER": {"IN": sorted(lex.number_words) + [str(n) for n in range(1, 100)]}}
    unit = {"LOWER": {"IN": sorted(lex.units)}}
    story_unit = {"LOWER": {"IN": ["day", *sorted(lex.parts_of_day)]}}
    dates = [[month, day], [month, day, year], [month, day, comma, year],
             [day, month], [day, month, year], [day, {"LOWER": "of"}, month], [day, {"LOWER": "of"}, month, year],
             [{"LOWER": "the"}, day, {"LOWER": "of"}, month]]
    return {
        "weekday": [[mods, weekday, part]]
        + [[mods, weekday, {"ORTH": ",", "OP": "?"}, *d] for d in dates[:5]],
        "date": dates,
        "month_year": [[month, year], [month, comma, year], [month, {"LOWER": "of"}, year],
                       [early, {"ORTH": "-", "OP": "?"}, month, year]],
        "month": [[month], [early, {"ORTH": "-", "OP": "?"}, month], [{"LOWER": {"IN": ["last", "next", "this"]}}, month],
                  [month, {"ORTH": ",", "OP": "?"}, {"LOWER": {"IN": ["last", "this", "next"]}}, {"LOWER": "year"}],
                  [{"LOWER": {"IN": ["end", "beginning", "start", "middle"]}}, {"LOWER": "of"}, month]],
        "year": [[year], [{"LOWER": "fiscal"}, year]],
        "year_words": [[{"LOWER": {"IN": ["year", "year's"]}}, {"ORTH": "-", "OP": "?"}, {"LOWER": "end"}],
                       [{"LOWER": "the"}, {"LOWER": "end"}, {"LOWER": "of"}, {"LOWER": "the"}, {"LOWER": "year"}],
                       [{"LOWER": "year"}, {"LOWER": "'s"}, {"LOWER": "end"}],
                       [{"LOWER": "the"}, {"LOWER": {"IN": ["full", "current", "fiscal"]}, "OP": "+"}, {"LOWER": "year"}],
                       [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "in"}, {"LOWER": "the"}, {"LOWER": "year"}],
                       [{"LOWER": "year"}, {"ORTH": "-"}, {"LOWER": {"IN": ["ago", "earlier"]}}]],
        "relative_day": [[mods, {"LOWER": {"IN": sorted(lex.relative_days)}}, part],
                         [{"LOWER": "last"}, {"LOWER": "night"}],
                         [{"LOWER": "this"}, {"LOWER": {"IN": sorted(lex.parts_of_day)}}]],
        "period": [[{"LOWER": {"IN": ["earlier", "later"]}, "OP": "?"},
                    {"LOWER": {"IN": sorted(k for k in lex.period_modifiers if " " not in k)}},
                    {"LOWER": {"IN": ["week", "month", "year", "weekend"]}}],
                   [{"LOWER": {"IN": ["this", "over"]}}, {"LOWER": {"IN": ["past", "the"]}}, {"LOWER": "weekend"}]],
        "shift": [[number, unit, {"LOWER": {"IN": sorted(lex.ago_words)}}],
                  [number, unit, {"LOWER": "or"}, {"LOWER": "so"}, {"LOWER": {"IN": sorted(lex.ago_words)}}],
                  [number, unit, {"LOWER": "from"}, {"LOWER": "now"}]],
        "story_day": [[{"LOWER": "the"}, story_unit, {"LOWER": {"IN": ["before", "after"]}}],
                      [{"LOWER": "the"}, {"LOWER": {"IN": ["previous", "next", "following", "same"]}}, story_unit],
                      [{"LOWER": {"IN": ["earlier", "later"]}, "OP": "?"}, {"LOWER": "that"}, story_unit],
                      [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": "in"}, {"LOWER": "the"}, story_unit]],
        "season": [[{"LOWER": {"IN": ["last", "next", "this", "past", "early", "late"]}},
                    {"LOWER": {"IN": sorted(lex.seasons)}}],
                   [{"LOWER": {"IN": sorted(lex.seasons)}}, {"LOWER": "of", "OP": "?"}, year]],
        "quarter": [[{"LOWER": {"IN": sorted(k for k in lex.quarters if not k.startswith("q"))}},
                     {"ORTH": "-", "OP": "?"}, {"LOWER": "quarter"}],
                    [{"LOWER": {"IN": sorted(k for k in lex.quarters if k.startswith("q"))}}, year]],
        "iso": [[year, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}],
                [{"SHAPE": {"IN": ["dddd-dd-dd", "d/d/dddd", "dd/d/dddd", "d/dd/dddd", "dd/dd/dddd"]}}]],
    }


def _in_name(token: Token) -> bool:
    """Is the token part of a named entity that is no date (a person, a group, an event's name)?"""
    return token.ent_type_ not in ("", "DATE", "TIME", "CARDINAL", "ORDINAL")


def _weekday_ok(span: Span, lex: TimeLexicon) -> bool:
    """A weekday is a date unless it is habitual, part of a name, or a noun's modifier ("Monday prayer group")."""
    token = next(t for t in span if t.lower_ in lex.weekdays)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lex.weekday_vague_words | lex.comparison_words:
        return False
    if before is not None and before.lower_ in lex.weekday_name_words and before.is_title and token.i == span.start:
        return False
    if token.ent_type_ not in ("", "DATE", "TIME") or not token.is_title:
        return False
    return not _modifies_a_thing(span, lex)


def _modifies_a_thing(span: Span, lex: TimeLexicon) -> bool:
    """Is the expression a modifier of a noun that names no happening ("the Monday prayer group",
    "the Sunday morning show", "the Christmas party"), rather than a time of its own?"""
    last = span[-1]
    head = last.head
    return last.dep_ == "compound" and head.i >= span.end and head.lower_ not in lex.time_nouns \
        and head.lower_ not in lex.months


_NAMES_OF_THINGS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def _holiday_ok(span: Span, lex: TimeLexicon) -> bool:
    """A holiday is a date when written as a name, not inside another ("Easter Island"), and not
    a noun's modifier ("the Christmas party", "Thanksgiving dinner"), unless it names its day
    ("a Christmas Eve party", "the Memorial Day weekend") or the noun is a happening ("a Halloween
    shooting")."""
    first = next(t for t in span if t.lower_ not in lex.day_modifiers)
    if not (first.is_title or first.is_upper) or first.ent_type_ in _NAMES_OF_THINGS:
        return False
    if span[-1].lower_ in ("day", "eve"):
        return True  # "a Christmas Eve party", "the Memorial Day shooting": one day, even as a modifier
    return not _modifies_a_thing(span, lex)


def _month_ok(span: Span, lex: TimeLexicon) -> bool:
    """A bare month needs a cue word before it, a capital, and must not be "May" the modal."""
    token = next(t for t in span if t.lower_ in lex.months)
    if not token.text[0].isupper() or token.tag_ == "MD" or _in_name(token):
        return False
    first = span[0]
    if first.lower_ not in lex.months:
        return True  # "mid-August", "the end of March": the modifier is the cue
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in lex.month_cues


def _year_ok(span: Span, lex: TimeLexicon) -> bool:
    """A bare four-digit number is a year after a cue word ("in 2019") or inside the model's DATE entity."""
    if len(span) > 1:
        return True
    token = span[0]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lex.month_cues:
        return True
    return token.ent_type_ == "DATE"


def _day_word_ok(span: Span, lex: TimeLexicon) -> bool:
    """Day words are figurative after "than" ("more brutal than yesterday")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or before.lower_ not in lex.comparison_words


def _date_ok(span: Span, lex: TimeLexicon) -> bool:
    """A month-and-day needs the month as a proper noun (not "may 5 people") or an unambiguous month."""
    token = next(t for t in span if t.lower_ in lex.months)
    return token.text[0].isupper() and token.tag_ != "MD"


def _story_day_ok(span: Span, lex: TimeLexicon) -> bool:
    """"the day before" counts from the story's time, not "the day before the vote" (a preposition's object)."""
    last = span[-1]
    if last.lower_ not in ("before", "after"):
        return True
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if any(c.dep_ in ("pobj", "pcomp") for c in last.children):
        return False
    return following is None or following.pos_ not in ("DET", "PROPN", "NOUN", "NUM", "PRON", "ADJ")


_CHECKS = {
    "weekday": _weekday_ok,
    "date": _date_ok,
    "month_year": _date_ok,
    "month": _month_ok,
    "year": _year_ok,
    "relative_day": _day_word_ok,
    "story_day": _story_day_ok,
    "holiday": _holiday_ok,
}


def _governing_verb(span: Span) -> Token | None:
    """The verb a time expression directly modifies ("met on Monday"), through prepositions only.

    A time that hangs off a noun or an adjective ("Tuesday's declaration", "payable Dec. 15")
    has no governing verb: the verb of its clause says nothing about which way it points.
    """
    token = span.root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i and token.head.pos_ in ("PROPN", "NOUN", "NUM"):
        token = token.head  # "on Monday and Tuesday": Tuesday hangs off Monday
    head = token.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.i == token.i or head.pos_ not in ("VERB", "AUX") or head.i in range(span.start, span.end):
        return None
    return head


def _tense(verb: Token | None, lex: TimeLexicon) -> str | None:
    """"future", "past" or None (present, unknown) for the verb that governs a time.

    verb (Token | None): from `_governing_verb`.
    lex (TimeLexicon): for the auxiliaries, future governors and reporting verbs.
    RETURNS (str | None): the tense that decides which way a weekday or yearless date points;
        "present" for a non-reporting simple present ("talks resume Monday"), which points a weekday
        forward (not a progressive: "police are investigating a shooting Thursday night" looks back).
    """
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {c.lower_ for c in auxes}
    if aux_words & lex.future_auxiliaries:
        return "future"
    if any(c.tag_ == "TO" for c in auxes):
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return "future"  # "a funeral to be held on Thursday": a plan
        return "future" if verb.head.lemma_.lower() in lex.future_governors and verb.head.i != verb.i else None
    if verb.dep_ == "conj" and not auxes and verb.head.i != verb.i:
        return _tense(verb.head, lex)
    tag = verb.tag_
    if tag == "VBD" or (tag == "VBN" and aux_words & {"had", "has", "have", "was", "were", "been", "'d", "'ve"}):
        return "past"
    if tag == "VBN" and not auxes:
        return "past"  # a reduced relative clause: "the attack launched Monday"
    if tag in ("VBZ", "VBP") or (tag in ("VBN", "VBG") and aux_words & {"is", "are", "am", "'s", "'re"}):
        if "did" in aux_words:
            return "past"
        if tag == "VBG":
            return None  # ongoing, not planned: "police are investigating a shooting Thursday night"
        return None if verb.lemma_.lower() in lex.reporting_verbs else "present"
    if tag == "VBG" and aux_words & {"was", "were"}:
        return "past"
    if "did" in aux_words:
        return "past"
    return None


def _span_tense(span: Span, parsed: tuple, lex: TimeLexicon, verb: Token | None) -> str | None:
    """The tense that points a time: "since" looks back; a present verb points only weekdays forward."""
    if span.start > 0 and span.doc[span.start - 1].lower_ == "since":
        return "past"
    if verb is None:
        if span.root.dep_ in ("compound", "poss", "nmod", "amod"):
            return None  # part of a name for a thing: "the Easter morning shooting"
        # Hanging off a noun ("will send a mission in December"): only an explicit future in its
        # clause counts, and only for the verb's own noun, not one further down ("will spend years
        # in prison for his role in the shooting on Easter").
        clause, steps = span.root, 0
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause, steps = clause.head, steps + 1
        if steps > 3:
            return None
        auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        return "future" if auxes & {"will", "shall", "'ll", "wo"} else None
    tense = _tense(verb, lex)
    if tense == "present":
        # A headline tells what happened in the present tense ("Man dies after shooting Saturday"),
        # and so does a harm word ("a teen is shot Saturday" in a story run on Monday).
        harm = verb.lemma_.lower() in lex.happening_words
        return "future" if parsed[0] == "weekday" and not in_headline(span) and not harm else None
    return tense


class TimesStage:
    """Find time expressions and resolve each to a date with a precision."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon = load_lexicon()
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in _patterns(self.lexicon).items():
            self.matcher.add(label, patterns)
        lex = self.lexicon
        # Every pattern holds one of these words (or a number shaped like a year or a date), so the
        # Matcher only needs to look at the few stretches of text around them.
        triggers = {*lex.months, *lex.weekdays, *lex.relative_days, *lex.units, *lex.seasons, *lex.quarters,
                    *lex.parts_of_day, "weekend", "end", "year's"}
        self.trigger_ids = numpy.array([nlp.vocab.strings.add(word) for word in sorted(triggers)], dtype="uint64")
        # Holiday names are phrases looked up by hash over the whole Doc, which is cheaper than
        # Matcher patterns (their modifiers, part of the day and year are taken in by `_holiday`).
        self.holidays = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.holidays.add("holiday", [nlp.make_doc(name) for name in lex.holidays])

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_times = self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """The time expressions of a Doc, as labelled spans, in text order.

        doc (Doc): a parsed Doc.
        RETURNS (list[Span]): accepted spans; figurative and ordinary-word uses dropped.
        """
        matches = [self._holiday(doc, s, e) for _, s, e in self.holidays(doc)]
        for window in self._windows(doc):
            matches += [Span(doc, window.start + s, window.start + e, label=key) for key, s, e in self.matcher(window)]
        proposals = filter_spans(matches)
        accepted = []
        for span in proposals:
            span = _trim_possessive(span)
            check = _CHECKS.get(span.label_)
            if (check is None or check(span, self.lexicon)) and _parse(span.text) is not None:
                accepted.append(span)
        covered = {i for span in proposals for i in range(span.start, span.end)}
        for ent in doc.ents:
            if ent.label_ == "DATE" and not covered.intersection(range(ent.start, ent.end)):
                if _parse(ent.text) is not None:
                    accepted.append(_trim_possessive(ent))
        return sorted(accepted, key=lambda s: s.start)

    def _holiday(self, doc: Doc, start: int, end: int) -> Span:
        """A holiday's name with the words that belong to it: "last Christmas", "early Easter
        morning", "Thanksgiving 2015", "Christmas Eve, 2019"."""
        lex = self.lexicon
        if start > 0 and doc[start - 1].lower_ in lex.day_modifiers:
            start -= 1
        if end < len(doc) and doc[end].lower_ in lex.parts_of_day:
            end += 1
        following = [t.text for t in doc[end : end + 2]]
        if following[:1] and re.fullmatch(r"(?:19|20)\d\d", following[0]):
            end += 1
        elif len(following) == 2 and following[0] == "," and re.fullmatch(r"(?:19|20)\d\d", following[1]):
            end += 2
        return Span(doc, start, end, label="holiday")

    def _windows(self, doc: Doc, before: int = 5, after: int = 7) -> list[Span]:
        """The stretches of a Doc around trigger words, merged where they overlap.

        Triggers are found on the token attribute arrays; only number-like tokens are looked at
        one by one (is there a digit in it?).
        """
        if len(doc) == 0:
            return []
        lower, like_num = doc.to_array([LOWER, LIKE_NUM]).T
        hits = numpy.isin(lower, self.trigger_ids)
        for i in numpy.flatnonzero(like_num):
            hits[i] = hits[i] or any(c.isdigit() for c in doc[int(i)].text)
        windows: list[list[int]] = []
        for i in numpy.flatnonzero(hits).tolist():
            start, end = max(0, i - before), min(len(doc), i + after)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        return [doc[start:end] for start, end in windows]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> list[dict]:
        """Resolve each span against the filing date (or, for "a week later", the last time named).

        The filing date is the dateline's ("PESHAWAR, March 3 (Reuters) -"), read against the
        publication date, else the publication date: a story filed on the 3rd and published on
        the 4th says "Monday" of the days before the 3rd.

        doc (Doc): the Doc the spans belong to.
        spans (list[Span]): from `find`.
        RETURNS (list[dict]): the time dicts for doc._.ew_times.
        """
        anchor = published_date(doc)
        opening_dateline = doc._.ew_dateline_end or 0
        times: list[dict] = []
        for span in spans:
            parsed = _parse(span.text)
            verb = _governing_verb(span)
            tense = _span_tense(span, parsed, self.lexicon, verb)
            reference, reference_precision, ref_kind = anchor, "day", "anchor"
            if parsed[0] == "shift" and parsed[3] in ("story", "story_day"):
                reference, reference_precision, ref_kind = _story_reference(
                    times, span, anchor, backwards=parsed[1] < 0, anywhere=parsed[3] == "story_day"
                )
            value, precision = _coarsen(*_compute(parsed, reference, tense), reference_precision)
            filed = span.end_char <= opening_dateline or in_dateline(span)
            filing = filed or is_boilerplate(span) or _is_stamp(span, parsed, doc, self.lexicon)
            times.append({
                "text": span.text,
                "span": [span.start_char, span.end_char],
                "value": value,
                "precision": precision,
                "anchor": "published",
                "_relative": _is_relative(parsed),
                "_tense": tense,
                "_ref": ref_kind,
                "_filing": filing,
                "_reporting": _of_saying(span, verb, self.lexicon),
            })
            if filed and precision == "day" and value:
                anchor = dt.date.fromisoformat(value)
        return times


def _of_saying(span: Span, verb: Token | None, lex: TimeLexicon) -> bool:
    """Does the time date a saying: a reporting verb governs it ("police said Monday"), or it
    dates a saying's noun ("at a news conference Thursday", "in a press release Monday")?

    Not a time told before a reporting clause that comes after its content ("a teen was shot
    Saturday, the sheriff announced Monday": the parser may hang "Saturday" on "announced").
    """
    dated = _dated_word(span)
    if dated is not None and dated.pos_ == "NOUN" and dated.lemma_.lower() in lex.saying_nouns:
        return True
    head = verb
    if head is None or head.lemma_.lower() not in lex.reporting_verbs:
        return False
    content_first = (head.dep_ in ("ccomp", "parataxis", "advcl") and head.head.i < head.i) or any(
        c.dep_ in ("ccomp", "parataxis") and c.i < head.i for c in head.children
    )
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return not (content_first and span.end <= (subject.left_edge.i if subject is not None else head.i))


def _is_stamp(span: Span, parsed: tuple, doc: Doc, lex: TimeLexicon) -> bool:
    """Is the time a page's filing stamp ("Posted: Wednesday, March 12, 2014"; a full date opening a
    line or a bracket: "FRANKLIN (Feb. 4, 2014) -") rather than the day of something the story tells?"""
    if any(t.lower_ in lex.stamp_words for t in doc[max(0, span.start - 3) : span.start]):
        return True
    if parsed[0] != "date" or parsed[1] is None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    return before is None or before.is_space or before.text == "("  # a line's or a bracket's opening


def _trim_possessive(span: Span) -> Span:
    """"Yesterday's" -> "Yesterday": the expression without its possessive ending."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        return Span(span.doc, span.start, span.end - 1, label=span.label)
    return span


def _story_reference(times: list[dict], span: Span, anchor: dt.date | None, backwards: bool, anywhere: bool = False):
    """The time "a week later" counts from: the last resolved time in this or the previous sentence.

    times (list[dict]): the times resolved so far, in text order.
    span (Span): the shift expression.
    anchor (date | None): the filing date, the fallback for "earlier" (not for "later").
    backwards (bool): the shift goes back in time ("a year earlier").
    anywhere (bool): "the day before", "the next morning": the last day the story named before,
        however far back, not a plan's ("expected to vote Tuesday"), and not itself counted from another ("the day before ... the next morning"
        both count from the story's day).
    RETURNS (tuple[date | None, str | None, str]): the reference date, its precision, and what it is
        ("story" or "anchor").
    """
    sentence = span.sent
    start = sentence.start_char
    if sentence.start > 0:
        start = span.doc[sentence.start - 1].sent.start_char
    for time in reversed(times):
        if not anywhere and time["span"][0] < start:
            break
        if anywhere and (time["_ref"] != "anchor" or time["_filing"] or time["precision"] != "day"
                         or not time["value"] or _planned(time, anchor)):
            continue
        if time["value"] and time["precision"] in _PRECISIONS:
            return dt.date.fromisoformat(time["value"]), time["precision"], "story"
    return (anchor, "day", "anchor") if backwards else (None, None, "story")


_PRECISIONS = ("day", "week", "month", "year")


def _coarsen(value: str | None, precision: str | None, reference_precision: str | None) -> Value:
    """A shift from a vague time is as vague: "a week later" after "in January 2023" is a month."""
    if value is None or precision not in _PRECISIONS or reference_precision not in _PRECISIONS:
        return value, precision
    coarser = max(precision, reference_precision, key=_PRECISIONS.index)
    date = dt.date.fromisoformat(value)
    if coarser == "week":
        date -= dt.timedelta(days=date.weekday())
    elif coarser == "month":
        date = date.replace(day=1)
    elif coarser == "year":
        date = date.replace(month=1, day=1)
    return date.isoformat(), coarser


# ---------------------------------------------------------------------------
# APIs for the later stages


def reanchor(doc: Doc, start_char: int, end_char: int, speech_date: str) -> None:
    """Re-resolve the anchor-relative times inside a quote against the day it was said.

    "Yesterday" in a message sent on Monday is Sunday, whatever the publication date.
    Absolute dates and times counted from another time in the story are left alone.

    doc (Doc): a Doc the times stage has run on.
    start_char (int): the quote's start in doc.text.
    end_char (int): its end (exclusive).
    speech_date (str): YYYY-MM-DD, when the quote was said.
    """
    anchor = dt.date.fromisoformat(speech_date)
    times = doc._.ew_times or []
    doc.user_data.pop(_INDEX_KEY, None)  # values change: the index of dated_span is rebuilt
    first = bisect.bisect_left(times, start_char, key=lambda t: t["span"][0])
    for time in times[first:]:
        s, e = time["span"]
        if s >= end_char:
            break
        if e <= end_char and time.get("_relative") and time.get("_ref") == "anchor":
            parsed = _parse(time["text"])
            if parsed is None:
                continue
            time["value"], time["precision"] = _compute(parsed, anchor, time.get("_tense"))
            time["anchor"] = "speech"


def date_for_span(doc: Doc, start_char: int, end_char: int, focus: int | None = None) -> Value:
    """The date of an event or statement read from [start_char, end_char): `dated_span` without its basis."""
    return dated_span(doc, start_char, end_char, focus)[:2]


def dated_span(doc: Doc, start_char: int, end_char: int, focus: int | None = None) -> Dated:
    """The date of an event or statement read from [start_char, end_char) (usually its sentence),
    and where it was read, so that a reader can tell a stated day from the day the story ran.

    The rule, in order:
    1. The resolved times inside the span, leaving out filing dates (the dateline's, a "Posted:"
       stamp) and those inside a direct or mixed quote unless the span (or `focus`) lies in that
       quote: a time in quoted words dates what the quote says, not the saying. A time whose
       governing verb is the sentence's main verb wins, after any not of a saying ("shot over the
       weekend, police said Monday"); then day precision; then the first.
    2. The same for the span's whole sentence, when the span is part of one, leaving out the day
       of the saying ("a boy shot his uncle, police said Friday"), and not when the span is a
       definite noun phrase ("the shooting", "this attack": the story's happening told again,
       which goes to rule 4 whatever the tense). The day of the saying comes after rule 4.
    3. The time of the sentence before when this one goes on about the same doer in the same
       tense and paragraph ("X on Monday said ... X also held ...").
    4. When what the span tells is a happening done, past simple or present perfect ("the victim
       was taken to hospital", "police said he was shot", "has died"; not a bare saying; for a
       part, its own verb, or a noun in a sentence that is not future or modal: "after a shooting"):
       the day of the nearest earlier sentence of its paragraph that names one, else the story's
       day: the first day the article names that no reporting verb governs and that is not after
       the filing date ("the shooting happened around 2 a.m. Sunday").
    5. When the main verb is plainly current news (present, present perfect or past simple, not
       past perfect, future or modal): the publication date (or the date of the quote the span
       lies in), with precision "week": only the day the story ran is known, not the event's.
    6. Otherwise (None, None).

    The basis names the rule: "event" (a time inside a span narrower than its sentence, the
    trigger's own words), "sentence" (rules 1 and 2 for the sentence), "paragraph" (rule 3 and
    the paragraph's day of rule 4), "article" (the story's day of rule 4), "report" (the day
    of a saying, whichever rule found it) and "published" (rule 5).

    doc (Doc): a Doc the times stage has run on.
    start_char (int): the span's start in doc.text.
    end_char (int): its end (exclusive).
    focus (int | None): the character offset of the event's trigger word, when the span is wider:
        quoted times count when the trigger lies in the quote. Optional; added for the events
        stage, whose calls without it keep working.
    RETURNS (tuple[str | None, str | None, str | None]): (YYYY-MM-DD, precision, basis) or Nones.
    """
    index = _index(doc)
    inside = _containing(index["quotes"], start_char, end_char)
    inside_quote = (doc._.ew_quotes or [])[inside[0][2]] if inside else None
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None, None
    sent = span[0].sent
    if focus is None and inside_quote is not None:
        focus = start_char
    part = start_char > sent.start_char or end_char < sent.end_char
    found = _time_in_span(doc, index, start_char, end_char, sent.root, focus)
    if found:
        return _dated(found, "event" if part else "sentence")
    lex = load_lexicon()
    saying_time = None
    anaphoric = False
    if part:
        # A part of the sentence: the sentence's time, but not the day of its saying ("a boy shot his
        # uncle, police said Friday"), and not for "the shooting" told again, which is the story's.
        anaphoric = span.root.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in span.root.children
        )
        found = _time_in_span(doc, index, sent.start_char, sent.end_char, sent.root, focus, sayings=False)
        saying_time = found or _time_in_span(doc, index, sent.start_char, sent.end_char, sent.root, focus)
        if found and not anaphoric:
            return _dated(found, "sentence")
    before = _same_subject_sentence_before(doc, sent)
    if before is not None and inside_quote is None and not anaphoric:
        found = _time_in_span(doc, index, before.start_char, before.end_char, before.root, None)
        if found:
            return _dated(found, "paragraph")
    told = _told_verb(sent.root, lex)
    if told is not None and told.i != sent.root.i and _foreign(index["quoted"], told.idx, told.idx + 1, focus):
        told = None  # the span is the saying, whose content is another's words
    if part and span.root.pos_ in ("VERB", "AUX"):
        happening = _is_past(span.root, lex)  # "officials say he shot four people": shot
    elif part and span.root.pos_ == "NOUN":
        happening = anaphoric or not _is_unreal(sent.root, lex)  # "remains hospitalized after a shooting"
    else:
        # a headline tells the story's happening; "is dead after being shot" tells one done
        happening = _is_past(told, lex) or in_headline(sent) or _after_happening(told, lex)
    if happening:
        word = span.root if part else told
        if found := _paragraph_day(doc, index, sent):
            return (*found, "paragraph")
        if found := _same_happening_day(doc, index, word) or (
                tuple(index["story_day"]) if index["story_day"] else None):
            return (*found, "article")
    if saying_time:
        return _dated(saying_time, "sentence")
    fallback = (inside_quote or {}).get("date") or (doc._.ew_article or {}).get("published")
    if fallback and _is_current(sent.root, lex):
        return fallback, "week", "report" if inside_quote and inside_quote.get("date") else "published"
    return None, None, None


def _dated(time: dict, basis: str) -> Dated:
    """A found time as (value, precision, basis): the day of a saying is a "report"'s, wherever found."""
    return time["value"], time["precision"], "report" if time.get("_reporting") else basis


def _time_in_span(doc: Doc, index: dict, start_char: int, end_char: int, main: Token,
                  focus: int | None, sayings: bool = True) -> dict | None:
    """Rules 1 and 2 of `dated_span`: the best resolved time dict inside the span, or None.

    sayings (bool): False leaves out the times a reporting verb governs ("police said Friday").
    """
    times = doc._.ew_times or []
    first = bisect.bisect_left(index["starts"], start_char)
    candidates = []
    for time in times[first : bisect.bisect_left(index["starts"], end_char, lo=first)]:
        s, e = time["span"]
        if e <= end_char and time.get("value") and not time.get("_filing") and (sayings or not time.get("_reporting")) \
                and not _foreign(index["quoted"], s, e, focus):
            candidates.append(time)
    if not candidates:
        return None

    def rank(time: dict) -> tuple:
        t_span = doc.char_span(*time["span"], alignment_mode="expand")
        governs = t_span is not None and _governing_verb(t_span) == main
        return (bool(time.get("_reporting")), not governs, time["precision"] != "day", time["span"][0])

    return min(candidates, key=rank)


def _spans(spans: list[tuple[int, int, int]]) -> dict:
    """Character spans (start, end, id) sorted by start, with the furthest end reached so far, for `_containing`."""
    spans = sorted(spans)
    ends = [e for _, e, _ in spans]
    return {"starts": [s for s, _, _ in spans], "ends": ends, "ids": [i for _, _, i in spans],
            "reach": list(itertools.accumulate(ends, max))}


def _containing(spans: dict, start: int, end: int) -> list[tuple[int, int, int]]:
    """The (start, end, id) of the spans that contain [start, end), nearest start first (by bisect)."""
    found = []
    i = bisect.bisect_right(spans["starts"], start) - 1
    while i >= 0 and spans["reach"][i] >= end:
        if spans["ends"][i] >= end:
            found.append((spans["starts"][i], spans["ends"][i], spans["ids"][i]))
        i -= 1
    return found


def _foreign(spans: dict, start: int, end: int, focus: int | None) -> bool:
    """Does a quote contain [start, end) but not the focus (a time in quoted words the event is not in)?"""
    return any(not (focus is not None and s <= focus < e) for s, e, _ in _containing(spans, start, end))


_INDEX_KEY = "ew_time_index"


def _index(doc: Doc) -> dict:
    """What dated_span looks up, worked out once per Doc so that each call costs what its span holds.

    Plain data in doc.user_data (the Doc still serializes): `starts`, each time's start in the order
    of doc._.ew_times (text order); `quotes`, every quote's span; `quoted`, the direct and mixed
    ones (another's words: an indirect quote, "police said two men were shot Sunday", is the
    writer's own telling, and its times date the sentence); `day_starts` and `day_positions`, the
    resolved day-precise times that can date a happening told (not a plan's: "the House is expected
    to vote on Tuesday"); `happening_days`, the first such day of each word a time dates
    ("shoot": "was shot Saturday"), see `_same_happening_day`; `story_day`, the story's day: the first day
    named that no reporting verb governs, not after publication (a day ahead is a plan, not the
    happening the story tells). Rebuilt when the times or quotes change.
    """
    times = doc._.ew_times or []
    quotes = doc._.ew_quotes or []
    key = [id(times), len(times), id(quotes), len(quotes)]
    cached = doc.user_data.get(_INDEX_KEY)
    if cached is not None and list(cached["key"]) == key:
        return cached
    spans = [(q["span"][0], q["span"][1], i) for i, q in enumerate(quotes) if q.get("span")]
    limit = published_date(doc)
    days = [(i, t) for i, t in enumerate(times)
            if not t.get("_filing") and t["precision"] == "day" and t.get("value") and not _planned(t, limit)]
    told = [t for _, t in days if not t.get("_reporting") and (limit is None or dt.date.fromisoformat(t["value"]) <= limit)]
    story = next((t for t in told if _dates_the_happening(doc, t)), told[0] if told else None)
    happening_days: dict[str, str] = {}
    for _, time in days:
        t_span = doc.char_span(*time["span"], alignment_mode="expand")
        own = t_span is not None and not time.get("_reporting") and time.get("_ref") == "anchor"
        word = _dated_word(t_span) if own else None
        if word is not None and word.pos_ == "NOUN" and (limit is None or dt.date.fromisoformat(time["value"]) <= limit):
            for happening in _happening_keys(word, load_lexicon()):
                happening_days.setdefault(happening, time["value"])
    doc.user_data[_INDEX_KEY] = {
        "key": key,
        "starts": [t["span"][0] for t in times],
        "quotes": _spans(spans),
        "quoted": _spans([s for s in spans if quotes[s[2]].get("kind") != "indirect"]),
        "day_starts": [t["span"][0] for _, t in days],
        "day_positions": [i for i, _ in days],
        "story_day": [story["value"], "day"] if story else None,
        "happening_days": happening_days,
    }
    return doc.user_data[_INDEX_KEY]


def _dates_the_happening(doc: Doc, time: dict) -> bool:
    """Does the time date the happening the story tells: "the shooting happened Sunday", "took place
    Sunday", "was shot Saturday", "Friday's stabbing" (see `happening_words`)?"""
    span = doc.char_span(*time["span"], alignment_mode="expand")
    word = _dated_word(span) if span is not None else None
    if word is None:
        return False
    lemma = word.lemma_.lower()
    return lemma in load_lexicon().happening_words or lemma == "take" and any(c.lower_ == "place" for c in word.children)


def _happening_keys(word: Token, lex: TimeLexicon) -> list[str]:
    """What a word names, for finding where else the story dates it: its lemma, and for a noun in
    -ing the verb's ("shooting", "stabbing" -> shoot, stab), never a saying or a mere auxiliary."""
    lemma = word.lemma_.lower()
    if word.pos_ not in ("VERB", "NOUN") or lemma in lex.reporting_verbs or lemma in _LIGHT_VERBS:
        return []
    keys = [lemma]
    if word.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        keys.append(lemma[:-3])
        if lemma[-4] == lemma[-5]:
            keys.append(lemma[:-4])  # "stabbing" -> stab
    return keys


_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "go", "make", "come", "become", "remain", "seem"})


def _dated_word(span: Span) -> Token | None:
    """The verb or noun a time dates: "shot Saturday", "Wednesday's shooting", "the shooting on Friday"."""
    head = span.root.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.i in range(span.start, span.end) or head.pos_ not in ("VERB", "NOUN"):
        return None
    return head


def _same_happening_day(doc: Doc, index: dict, word: Token | None) -> Value | None:
    """The first day the story gives the same happening elsewhere: "the shooting late Wednesday"
    dates "a shooting rampage" told without a day; "was shot Saturday" dates "he was shot"."""
    if word is None:
        return None
    for key in _happening_keys(word, load_lexicon()):
        if key in index["happening_days"]:
            return index["happening_days"][key], "day"
    return None


def _planned(time: dict, limit: dt.date | None) -> bool:
    """Is the time a plan's, from the day of publication on ("the House is expected to vote on
    Tuesday")? "Police will say what happened last Sunday" still dates what happened."""
    return time.get("_tense") == "future" and (limit is None or dt.date.fromisoformat(time["value"]) >= limit)


def _paragraph_day(doc: Doc, index: dict, sent: Span) -> Value | None:
    """The day named last before `sent` in its paragraph, or None."""
    number = paragraph_of(sent)
    if number is None:
        return None
    paragraph_start = doc._.ew_structure["paragraphs"][number][0]
    j = bisect.bisect_left(index["day_starts"], sent.start_char) - 1
    if j < 0 or index["day_starts"][j] < paragraph_start:
        return None
    return (doc._.ew_times or [])[index["day_positions"][j]]["value"], "day"


def _same_subject_sentence_before(doc: Doc, sent: Span) -> Span | None:
    """The sentence before, when this one goes on about the same doer in the same tense.

    News prose dates the first sentence and lets the next carry on ("X on Monday said ...
    X also held ..."): same paragraph, same main-verb tense, subjects naming the same actor.
    """
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if paragraph_of(before) != paragraph_of(sent) or before.root.tag_ != sent.root.tag_:
        return None
    subjects = []
    for root in (before.root, sent.root):
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subjects.append(actor_at(doc, doc[subject.i : subject.i + 1]) if subject is not None else None)
    return before if subjects[0] is not None and subjects[0] == subjects[1] else None


def _told_verb(root: Token, lex: TimeLexicon) -> Token | None:
    """The verb of what a sentence tells: its root, or what a reporting root reports ("police said
    a man was shot": shot); None when a reporting root reports no clause (the saying is the news)."""
    if root.lemma_.lower() not in lex.reporting_verbs:
        return root
    return next((c for c in root.children if c.dep_ == "ccomp"), None)


def _is_unreal(verb: Token, lex: TimeLexicon) -> bool:
    """Does the verb put its clause out of the story's time: future, modal, past perfect, infinitive?"""
    return bool({c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} & (lex.future_auxiliaries | {"had", "'d", "to"}))


def _is_past(verb: Token | None, lex: TimeLexicon) -> bool:
    """Does this verb tell a happening done: past simple or present perfect, active or passive
    ("shot", "was taken", "has died"), not past perfect, future or modal?"""
    if verb is None or _is_unreal(verb, lex):
        return False
    aux_words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not aux_words):  # "Teenager wounded in ..."
        return True
    if verb.tag_ == "VBN" and aux_words & {"has", "have", "'s", "'ve", "being"}:
        return True  # present perfect, "after being shot": "has died", "have been arrested"
    if verb.tag_ in ("VBG", "VBN") and verb.head.lower_ == "after":
        return True  # "charged after shooting a friend"
    return verb.tag_ in ("VBN", "VBG") and bool(aux_words & {"was", "were"})


def _after_happening(verb: Token | None, lex: TimeLexicon) -> bool:
    """Does a state follow a happening done: "is dead after being shot", "remains in critical
    condition after a shooting", "is hospitalized after he was shot"?"""
    if verb is None or _is_unreal(verb, lex):
        return False
    for child in verb.children:
        if child.lower_ == "after" and child.dep_ == "prep":
            if any(c.dep_ == "pobj" and c.pos_ == "NOUN" or c.dep_ == "pcomp" and _is_past(c, lex)
                   for c in child.children):
                return True
        elif child.dep_ == "advcl" and any(m.lower_ == "after" for m in child.children) and _is_past(child, lex):
            return True
    return False


def _is_current(verb: Token, lex: TimeLexicon) -> bool:
    """Is this main verb plain current news: present, present perfect or past simple?"""
    if _is_unreal(verb, lex):
        return False
    aux_words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return verb.tag_ in ("VBN", "VBG") and bool(aux_words & {"has", "have", "is", "are", "was", "were", "'s", "'ve"})


@Language.factory("eventwire_times", assigns=["doc._.ew_times"])
def make_times(nlp: Language, name: str) -> TimesStage:
    """Build the times stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (TimesStage): the component.
    """
    return TimesStage(nlp, name)
