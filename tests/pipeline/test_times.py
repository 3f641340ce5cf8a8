"""Tests of the times stage: finding, rejecting, resolving, re-anchoring and dating spans."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire
from eventwire.pipeline.times import date_for_span, dated_span, load_lexicon, reanchor, resolve_expression
from tests.conftest import fixture_text

MONDAY = dt.date(2024, 3, 4)
NEW_YEAR = dt.date(2024, 1, 1)  # a Monday, and the first day of a month and of a year


def test_times_lexicon_loads():
    lex = load_lexicon()
    assert lex.months["sept."] == 9 and lex.months["december"] == 12
    assert lex.weekdays["sunday"] == 6
    assert lex.relative_days["yesterday"] == -1
    assert "may" in lex.ambiguous_months
    assert "than" in lex.comparison_words


@pytest.mark.parametrize(
    "text,anchor,future,expected",
    [
        ("Monday", MONDAY, False, ("2024-03-04", "day")),  # a bare weekday may be the anchor day itself
        ("Sunday", MONDAY, False, ("2024-03-03", "day")),
        ("Friday", MONDAY, False, ("2024-03-01", "day")),
        ("Friday", MONDAY, True, ("2024-03-08", "day")),
        ("Monday", MONDAY, True, ("2024-03-04", "day")),
        ("last Monday", MONDAY, False, ("2024-02-26", "day")),
        ("next Monday", MONDAY, False, ("2024-03-11", "day")),
        ("early Tuesday", MONDAY, False, ("2024-02-27", "day")),
        ("Monday night", MONDAY, False, ("2024-03-04", "day")),
        ("late Sunday", MONDAY, False, ("2024-03-03", "day")),
        ("Tuesday night", MONDAY, False, ("2024-02-27", "day")),
        ("early Friday morning", MONDAY, False, ("2024-03-01", "day")),
        ("Saturday afternoon", MONDAY, False, ("2024-03-02", "day")),
        ("Thursday's", MONDAY, False, ("2024-02-29", "day")),
        ("yesterday", MONDAY, False, ("2024-03-03", "day")),
        ("Yesterday's", MONDAY, False, ("2024-03-03", "day")),
        ("late yesterday", NEW_YEAR, False, ("2023-12-31", "day")),
        ("today", MONDAY, False, ("2024-03-04", "day")),
        ("tonight", MONDAY, False, ("2024-03-04", "day")),
        ("overnight", MONDAY, False, ("2024-03-04", "day")),
        ("tomorrow", NEW_YEAR, False, ("2024-01-02", "day")),
        ("last night", NEW_YEAR, False, ("2023-12-31", "day")),
        ("two days ago", MONDAY, False, ("2024-03-02", "day")),
        ("10 days ago", NEW_YEAR, False, ("2023-12-22", "day")),
        ("a week ago", NEW_YEAR, False, ("2023-12-25", "day")),
        ("three months ago", NEW_YEAR, False, ("2023-10-01", "month")),
        ("five years ago", NEW_YEAR, False, ("2019-01-01", "year")),
        ("last week", MONDAY, False, ("2024-02-26", "week")),
        ("this week", MONDAY, False, ("2024-03-04", "week")),
        ("next week", NEW_YEAR, False, ("2024-01-08", "week")),
        ("last month", NEW_YEAR, False, ("2023-12-01", "month")),
        ("earlier this month", MONDAY, False, ("2024-03-01", "month")),
        ("last year", NEW_YEAR, False, ("2023-01-01", "year")),
        ("this year", MONDAY, False, ("2024-01-01", "year")),
        ("Sept. 5", MONDAY, False, ("2023-09-05", "day")),  # the nearest Sept. 5
        ("Sept. 5", MONDAY, True, ("2024-09-05", "day")),
        ("5 September", MONDAY, False, ("2023-09-05", "day")),
        ("Dec. 28", NEW_YEAR, False, ("2023-12-28", "day")),
        ("Jan. 5", NEW_YEAR, False, ("2024-01-05", "day")),
        ("Sept. 5, 2019", MONDAY, False, ("2019-09-05", "day")),
        ("5 September 2019", MONDAY, False, ("2019-09-05", "day")),
        ("the 5th of September", MONDAY, False, ("2023-09-05", "day")),
        ("Saturday, April 25", dt.date(1998, 4, 24), False, ("1998-04-25", "day")),
        ("2021-09-05", MONDAY, False, ("2021-09-05", "day")),
        ("mid-August", MONDAY, False, ("2023-08-01", "month")),  # the August gone: days ahead count double
        ("August 2019", MONDAY, False, ("2019-08-01", "month")),
        ("in December", NEW_YEAR, False, ("2023-12-01", "month")),
        ("June last year", MONDAY, False, ("2023-06-01", "month")),
        ("last February", MONDAY, False, ("2023-02-01", "month")),
        ("in 2019", MONDAY, False, ("2019-01-01", "year")),
        ("the third quarter", MONDAY, False, ("2024-07-01", None)),
        ("the fourth quarter", dt.date(2025, 2, 18), False, ("2025-10-01", None)),
        ("summer 2019", MONDAY, False, ("2019-06-01", None)),
        ("year-end", MONDAY, False, ("2024-12-31", "day")),
        ("Christmas Eve", NEW_YEAR, False, ("2023-12-24", "day")),  # the nearest, mostly gone
        ("New Year's Day", NEW_YEAR, False, ("2024-01-01", "day")),
        ("last Christmas", dt.date(2024, 12, 27), False, ("2024-12-25", "day")),
        ("Thanksgiving", MONDAY, False, ("2023-11-23", "day")),  # the fourth Thursday of November
        ("Thanksgiving 2015", MONDAY, False, ("2015-11-26", "day")),
        ("Memorial Day", MONDAY, True, ("2024-05-27", "day")),  # the last Monday of May, ahead
        ("Labor Day", MONDAY, False, ("2023-09-04", "day")),
        ("Easter", MONDAY, True, ("2024-03-31", "day")),
        ("Good Friday", MONDAY, True, ("2024-03-29", "day")),
        ("the Fourth of July", NEW_YEAR, False, ("2023-07-04", "day")),
        ("Christmas morning", NEW_YEAR, False, ("2023-12-25", "day")),
        ("one day", MONDAY, False, (None, None)),
        ("a day of mourning", MONDAY, False, (None, None)),
        ("the Monday prayer group", MONDAY, False, (None, None)),
    ],
)
def test_times_resolve_expression(text, anchor, future, expected):
    assert resolve_expression(text, anchor, future=future) == expected


def _doc(nlp, text: str, published: str | None):
    """Run the pipeline up to and including the times stage (quotes would re-anchor)."""
    import eventwire
    from eventwire.ingest import Article

    doc = eventwire.make_doc(nlp, Article(text=text, published=published))
    with nlp.select_pipes(disable=["eventwire_quotes", "eventwire_events"]):
        return nlp(doc)


def _values(doc) -> dict[str, tuple]:
    return {t["text"]: (t["value"], t["precision"]) for t in doc._.ew_times}


@pytest.mark.slow
def test_times_monday_article(nlp):
    times = _values(_doc(nlp, fixture_text("times_monday"), "2024-03-04"))
    assert times["Monday"] == ("2024-03-04", "day")  # published on a Monday: "on Monday" is that day
    assert times["Sunday"] == ("2024-03-03", "day")
    assert times["Tuesday"] == ("2024-02-27", "day")  # "Tuesday's attack": the possessive, without "'s"
    assert times["Two days ago"] == ("2024-03-02", "day")
    assert times["last week"] == ("2024-02-26", "week")
    assert times["Yesterday"] == ("2024-03-03", "day")
    assert times["Friday"] == ("2024-03-08", "day")  # "will meet on Friday": future
    assert times["Earlier this month"] == ("2024-03-01", "month")
    assert times["mid-February"] == ("2024-02-01", "month")
    assert times["Sept. 5"] == ("2023-09-05", "day")  # "first met on": past
    assert times["12 October 2023"] == ("2023-10-12", "day")
    assert times["2022"] == ("2022-01-01", "year")  # "in 2022"
    assert times["January 2023"] == ("2023-01-01", "month")
    assert times["a week later"] == ("2023-01-01", "month")  # counts from January 2023, as vague as it


@pytest.mark.slow
def test_times_year_boundary_article(nlp):
    doc = _doc(nlp, fixture_text("times_new_year"), "2024-01-01")
    times = _values(doc)
    assert times["Friday"] == ("2023-12-29", "day")
    assert times["last month"] == ("2023-12-01", "month")  # "last month's": the possessive
    assert times["yesterday"] == ("2023-12-31", "day")
    assert times["last year"] == ("2023-01-01", "year")
    assert times["2015"] == ("2015-01-01", "year")  # "since 2015"
    assert times["Dec. 28"] == ("2023-12-28", "day")
    assert times["Jan. 5"] == ("2024-01-05", "day")
    assert times["next week"] == ("2024-01-08", "week")
    assert all(t["anchor"] == "published" for t in doc._.ew_times)


@pytest.mark.slow
def test_times_rejects_figurative_uses(nlp):
    doc = _doc(nlp, fixture_text("times_figurative"), "2024-03-04")
    # than yesterday, one day, the Monday prayer group, a day of mourning, may, the march,
    # Bloody Sunday, every Friday: none is a date.
    assert doc._.ew_times == []


@pytest.mark.slow
def test_times_without_publication_date_leaves_relative_values_empty(nlp):
    doc = _doc(nlp, "The army said on Monday that the bridge, shelled on Sept. 5, 2019, was repaired last week.", None)
    times = {t["text"]: t for t in doc._.ew_times}
    assert times["Monday"]["value"] is None and times["last week"]["value"] is None
    assert times["Sept. 5, 2019"]["value"] == "2019-09-05"


@pytest.mark.slow
def test_times_reanchor_resolves_quoted_times_against_the_speech_date(nlp):
    text = 'On Monday, the commander said: "Yesterday\'s attack failed. We held the bridge on Sept. 2, 2021."'
    doc = _doc(nlp, text, "2021-09-08")
    quote_start = text.index('"') + 1
    times = {t["text"]: t for t in doc._.ew_times}
    assert times["Yesterday"]["value"] == "2021-09-07"  # before re-anchoring: the publication date's eve
    reanchor(doc, quote_start, len(text) - 1, "2021-09-06")
    times = {t["text"]: t for t in doc._.ew_times}
    assert (times["Yesterday"]["value"], times["Yesterday"]["anchor"]) == ("2021-09-05", "speech")
    assert (times["Monday"]["value"], times["Monday"]["anchor"]) == ("2021-09-06", "published")  # outside
    assert (times["Sept. 2, 2021"]["value"], times["Sept. 2, 2021"]["anchor"]) == ("2021-09-02", "published")


@pytest.mark.slow
def test_times_date_for_span(nlp):
    text = (
        "The rebels on Sunday attacked the garrison, which had fallen last week. "
        "The army holds the bridge. "
        "The rebels had already left the hills. "
        'The commander said: "Yesterday we lost two men." '
        "The army has retaken the town."
    )
    doc = _doc(nlp, text, "2024-03-04")
    first = text.index("The army")
    second = text.index("The rebels had")
    third = text.index("The commander")
    quote_start = text.index('"') + 1
    quote_end = text.index('." ') + 1
    fourth = text.index("The army has")
    doc._.ew_quotes = [{"span": [quote_start, quote_end], "date": "2024-03-02", "kind": "direct"}]
    # The time governing the main verb wins over "last week" in the relative clause.
    assert date_for_span(doc, 0, first - 1) == ("2024-03-03", "day")
    # No time, present: plainly current, the publication date with a lower precision.
    assert date_for_span(doc, first, second - 1) == ("2024-03-04", "week")
    # No time, a happening done (present perfect): the story's day.
    assert date_for_span(doc, fourth, len(text)) == ("2024-03-03", "day")
    # No time, past perfect: not current.
    assert date_for_span(doc, second, third - 1) == (None, None)
    # A time inside a quote dates what the quote says, not the saying...
    assert date_for_span(doc, third, quote_end + 1) == ("2024-03-04", "week")
    # ...and does date an event read from the quote.
    assert date_for_span(doc, quote_start, quote_end) == ("2024-03-03", "day")


def test_times_date_for_span_builds_its_index_once_per_doc(nlp):
    """Each lookup must cost what its span holds: the per-Doc index is reused, not rebuilt per call."""
    text = "The shooting Saturday night on Elm Street left one man dead. He died at the hospital on Sunday."
    doc = _doc(nlp, text, "2024-03-04")
    date_for_span(doc, 0, text.index(" He died"))
    index = doc.user_data["ew_time_index"]
    date_for_span(doc, text.index("He died"), len(text))
    assert doc.user_data["ew_time_index"] is index


@pytest.mark.slow
def test_times_verbless_sentence_terminates(nlp):
    # A time hanging off a noun in a sentence with no verb: the climb to the clause must stop at the root.
    doc = _doc(nlp, "Kandala, a town of traders. A record month for exports in March.", "2024-03-04")
    assert _values(doc)["March"] == ("2024-03-01", "month")


@pytest.mark.slow
@pytest.mark.parametrize(
    "second, expected",
    [
        ("Farah also accused the army of shelling the market.", ("2023-05-09", "day")),
        ("The army also accused the rebels of shelling the market.", ("2023-05-11", "week")),
    ],
)
def test_times_date_for_span_carries_the_date_to_the_same_doer(nlp, second, expected):
    """An undated sentence about the same doer takes the date of the sentence before it."""
    text = f"Commander Idris Farah on Tuesday said his fighters held the bridge. {second}"
    doc = nlp(eventwire.make_doc(nlp, eventwire.Article(text=text, published="2023-05-11")))
    start = text.index(second)
    assert date_for_span(doc, start, start + len(second)) == expected


def _full_doc(nlp, text: str, published: str | None):
    return nlp(eventwire.make_doc(nlp, eventwire.Article(text=text, published=published)))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,published,expected",
    [
        (  # weekdays with a part of the day, and a weekday's happening
            "Two men were shot late Monday outside a gas station in Brookfield, police said. "
            "Officers returned Tuesday night, and early Friday a third man was wounded nearby. "
            "Thursday's homicide on Elm Street was the town's second this year. "
            "Detectives searched the block Saturday afternoon.",
            "2024-03-10",  # a Sunday
            {"late Monday": ("2024-03-04", "day"), "Tuesday night": ("2024-03-05", "day"),
             "early Friday": ("2024-03-08", "day"), "Thursday": ("2024-03-07", "day"),
             "this year": ("2024-01-01", "year"), "Saturday afternoon": ("2024-03-09", "day")},
        ),
        (  # days counted from the story's day, not from one another, nor from "the election"
            "A night guard was shot early Saturday at a warehouse in Millbrook, police said. "
            "He had been warned by a caller the day before.\n\n"
            "The next morning, detectives found a rifle in a ditch. Later that day they arrested a suspect. "
            "The council met the day before the election.",
            "2024-03-12",  # a Tuesday
            {"early Saturday": ("2024-03-09", "day"), "the day before": ("2024-03-08", "day"),
             "The next morning": ("2024-03-10", "day"), "Later that day": ("2024-03-09", "day")},
        ),
    ],
)
def test_times_story_articles(nlp, text, published, expected):
    assert _values(_doc(nlp, text, published)) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,published,time,value,span,expected",
    [
        (  # filed on Sunday the 3rd, published on Monday: "yesterday" is the eve of the filing date,
           # and the filing date dates no event
            "PESHAWAR, March 3 (Reuters) - Gunmen killed two traders in a market yesterday, police said. "
            "The market reopened on Sunday.",
            "2024-03-04", "yesterday", ("2024-03-02", "published"),
            ("Gunmen", "police said."), ("2024-03-02", "day"),
        ),
        (  # "last month" in a quote said on Wednesday Feb. 28 is January, and dates what the quote says
            "The mayor of Ostrava spoke to reporters on Wednesday. "
            '"We warned the company last month about the dam," the mayor said on Wednesday.',
            "2024-03-04", "last month", ("2024-01-01", "speech"),
            ("We warned", "the dam"), ("2024-01-01", "month"),
        ),
    ],
)
def test_times_anchored_on_filing_and_speech(nlp, text, published, time, value, span, expected):
    doc = _full_doc(nlp, text, published)
    times = {t["text"]: (t["value"], t["anchor"]) for t in doc._.ew_times}
    assert times[time] == value
    start = text.index(span[0])
    assert date_for_span(doc, start, text.index(span[1], start) + len(span[1])) == expected


@pytest.mark.slow
def test_times_date_for_span_takes_the_story_day(nlp):
    text = (
        "Teenager wounded in Dayton shooting\n\n"
        "Posted: Tuesday, March 5, 2024\n\n"
        "A 16-year-old boy was wounded in a shooting on the east side, police said.\n\n"
        "Police said the shooting happened around 2 a.m. Sunday on Linden Avenue. "
        "The boy was taken to a hospital. Officers are looking for a gray sedan.\n\n"
        "A man is in custody after being shot by officers, police said Monday.\n\n"
        "The boy's mother said he was walking home from work."
    )
    doc = _full_doc(nlp, text, "2024-03-05")  # a Tuesday; Sunday is the 3rd

    def sentence(start: str, end: str) -> tuple:
        s = text.index(start)
        return date_for_span(doc, s, text.index(end, s) + len(end))

    # The lede, told before the story names its day, and the sentence after it in the paragraph.
    assert sentence("A 16-year-old", "police said.") == ("2024-03-03", "day")
    assert sentence("The boy was taken", "hospital.") == ("2024-03-03", "day")
    # The headline tells the story's happening; the page's stamp is no day of it.
    assert sentence("Teenager", "shooting") == ("2024-03-03", "day")
    # Current news with no day of its own: only the publication date is known, and said so.
    assert sentence("Officers are", "sedan.") == ("2024-03-05", "week")
    # A part that tells a happening takes the story's day, not the day of the saying.
    shot = text.index("being shot")
    assert date_for_span(doc, shot, shot + len("being shot by officers")) == ("2024-03-03", "day")


@pytest.mark.slow
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_times_in_copy_all_of_one_case(nlp, case):
    text = case(
        "Police said two men were shot late Monday outside a bar in the east end of Halden, and a third "
        "man was wounded on Tuesday night. Officers returned early Friday. In May 2023 a similar attack "
        "killed four people. Residents say they may leave the district in March."
    )
    times = {t["text"].lower(): t["value"] for t in _doc(nlp, text, "2024-03-10")._.ew_times}
    assert times == {"late monday": "2024-03-04", "tuesday night": "2024-03-05", "early friday": "2024-03-08",
                     "may 2023": "2023-05-01"}  # no capital tells "march" the month from the word


@pytest.mark.slow
def test_times_plans_and_past_quarters(nlp):
    text = (
        "Exports from the port of Velmar fell sharply in the fourth quarter, the ministry said. "
        "The union called on dockers to strike again on Saturday. "
        "A memorial service for the two dockers is to be held on Thursday."
    )
    times = _values(_doc(nlp, text, "2025-02-18"))  # a Tuesday
    assert times["fourth quarter"] == ("2024-10-01", None)  # fell: the quarter gone, not this year's
    assert times["Saturday"] == ("2025-02-22", "day")  # called on them to strike: ahead
    assert times["Thursday"] == ("2025-02-20", "day")  # a service to be held: ahead


@pytest.mark.slow
def test_times_holidays_article(nlp):
    times = _values(_doc(nlp, fixture_text("times_holidays"), "2024-12-27"))  # a Friday
    # "a Christmas Eve party" names its day; "the Christmas party" and "Easter Island" name none.
    assert times == {"Christmas Eve": ("2024-12-24", "day"), "Christmas Day": ("2024-12-25", "day"),
                     "Last Thanksgiving": ("2024-11-28", "day"), "New Year's Eve": ("2024-12-31", "day"),
                     "Fourth of July, 2019": ("2019-07-04", "day")}


@pytest.mark.slow
def test_times_tense_of_progressives_headlines_and_noun_modifiers(nlp):
    text = (
        "Teen dies Saturday after shooting\n\n"
        "Police are investigating a second shooting on Thursday night. "
        "The gunman will spend 20 years in prison for his role in the shooting on Easter morning. "
        "The Senate voted late Monday to extend the program. The House is expected to follow on Tuesday "
        "morning. Earlier in the day, the governor met with mayors. "
        "The council will meet on Friday."
    )
    times = _values(_doc(nlp, text, "2024-04-23"))  # a Tuesday
    assert times["Saturday"] == ("2024-04-20", "day")  # a headline's present tells what happened
    assert times["Thursday night"] == ("2024-04-18", "day")  # ongoing, not planned
    assert times["Easter morning"] == ("2024-03-31", "day")  # the shooting's, not the sentence's future
    assert times["Tuesday morning"] == ("2024-04-23", "day")
    assert times["Earlier in the day"] == ("2024-04-22", "day")  # the story's day, not the plan's
    assert times["Friday"] == ("2024-04-26", "day")


@pytest.mark.slow
def test_times_date_for_span_tells_the_saying_from_the_happening(nlp):
    text = (
        "Soldier kills three at Camp Halder\n\n"
        "A soldier's shooting rampage left three troops dead, the base commander said at a news conference "
        "Thursday afternoon.\n\n"
        "Investigators are trying to learn what led to the shooting late Wednesday afternoon near the motor pool.\n\n"
        "A Marlow County teen was accidentally shot in the chest Saturday, the sheriff's office announced in a "
        "press release Monday.\n\n"
        "A 16-year-old boy is dead after being shot by his cousin."
    )
    doc = _full_doc(nlp, text, "2024-04-05")  # a Friday
    rampage = text.index("shooting rampage")
    teen = text.index("A Marlow")
    boy = text.index("A 16-year-old")
    reported = {t["text"]: t["_reporting"] for t in doc._.ew_times}
    # the day of a news conference or a press release is the saying's
    assert reported["Thursday afternoon"] and reported["Monday"] and not reported["Saturday"]
    # a happening told without its day takes the day the story gives the same happening elsewhere
    assert date_for_span(doc, rampage, rampage + len("shooting rampage")) == ("2024-04-03", "day")
    # a time told before a reporting clause that follows its content dates the content
    assert date_for_span(doc, teen, text.index("press release Monday.")) == ("2024-03-30", "day")
    # "is dead after being shot": a happening done, dated by the story's day
    assert date_for_span(doc, boy, len(text)) == ("2024-04-03", "day")


@pytest.mark.slow
def test_times_dated_span_says_where_the_date_was_read(nlp):
    """The basis tells a stated day from the story's day, a saying's and the day the story ran."""
    text = (
        "A man was shot Saturday night on Elm Street in Dayton. The victim was taken to a hospital.\n\n"
        "Detectives are searching for a gray sedan, police said Monday.\n\n"
        "The man was hit in the leg.\n\n"
        "The city has a new curfew."
    )
    doc = _full_doc(nlp, text, "2024-03-05")  # a Tuesday: Saturday is the 2nd, Monday the 4th

    def sentence(start: str, end: str) -> tuple:
        s = text.index(start)
        return dated_span(doc, s, text.index(end, s) + len(end))

    assert sentence("A man was shot", "Dayton.") == ("2024-03-02", "day", "sentence")
    shot = text.index("shot Saturday")
    assert dated_span(doc, shot, shot + len("shot Saturday night")) == ("2024-03-02", "day", "event")
    assert sentence("The victim", "hospital.") == ("2024-03-02", "day", "paragraph")
    assert sentence("Detectives", "Monday.") == ("2024-03-04", "day", "report")
    assert sentence("The man was hit", "leg.") == ("2024-03-02", "day", "article")
    assert sentence("The city", "curfew.") == ("2024-03-05", "week", "published")
    assert date_for_span(doc, shot, shot + len("shot Saturday night")) == ("2024-03-02", "day")


@pytest.mark.slow
def test_times_story_day_is_the_day_the_happening_took_place(nlp):
    """The story's day is the one that dates its happening ("took place Thursday night"), not the
    first day named; a sentence that tells the happening without a day takes it."""
    text = (
        "Detectives met the family on Friday.\n\n"
        "The shooting took place Thursday night on Elm Street in Dayton.\n\n"
        "A man was wounded in the leg."
    )
    doc = _full_doc(nlp, text, "2024-03-11")  # a Monday: Thursday is the 7th, Friday the 8th
    start = text.index("A man")
    assert dated_span(doc, start, len(text)) == ("2024-03-07", "day", "article")


@pytest.mark.slow
def test_times_a_harm_word_in_the_present_points_its_weekday_back(nlp):
    """"Talks resume Saturday" is ahead; "a teen is shot Saturday" is news of the Saturday gone."""
    text = "Police say a teen is shot Saturday night outside a bar in Akron. Talks resume Saturday in Geneva."
    doc = _full_doc(nlp, text, "2024-03-04")  # a Monday
    assert [(t["text"], t["value"]) for t in doc._.ew_times] == [("Saturday night", "2024-03-02"), ("Saturday", "2024-03-09")]
