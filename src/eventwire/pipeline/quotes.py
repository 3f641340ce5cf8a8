"""Quotes: find who said what: direct, indirect and mixed quotes with their speakers.

How a statement is found:
1. Quote marks are paired on the text (`pair_quote_marks`): by position and
   context, paragraph by paragraph, so that an odd mark ends at its paragraph
   and a paragraph that re-opens a mark continues the quote before it.
2. Cue verbs (`knowledge/cues.yaml`) are found with a Matcher, and the parse
   says what each one introduces: a complement clause ("said (that) ..."),
   an object and an infinitive ("urged X to ..."), an infinitive ("vowed to
   ..."), or an object ("denied the report"); "according to X" marks the
   clause it sits in.
3. Each quoted passage is tied to a cue: the cue whose content it makes up
   (direct) or lies inside (mixed: a paraphrase with a quoted fragment); else
   a cue verb right after or before it ('"...," he said'), a dash ('" ― Name'),
   a colon ('X said: "..."'); else the passage runs on from the quote before
   it, in its paragraph or the paragraph before, and takes its speaker.
4. The speaker is the cue's subject, resolved to an actor by `coref`; its
   date and channel come from the attribution clause ("on Monday said",
   "in a statement"), and a statement that carries none inherits them from
   the speaker's previous statement in the same tense (the same message).
   Relative times inside a dated quote are then re-anchored to that date.

A cue inside another statement's content makes a statement of its own too:
"X reported that Y had called on Z to ..." is X's statement, and inside it
Y's ("Z to ..."), as attribution corpora annotate nested sources. Readers
that want the outer source take the first quote holding a position (quotes
are in text order, so the outer one comes first).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.cues import Cues, load_cues
from eventwire.pipeline import times
from eventwire.pipeline.actors import actor_at, add_mention, ensure_actor
from eventwire.pipeline.coref import PRONOUNS, resolve_mention
from eventwire.pipeline.ranges import Ranges
from eventwire.pipeline.structure import in_dateline, in_headline, paragraph_of

_DOUBLE_MARK = re.compile(r"''|``|\"")
_SINGLE_OPEN = re.compile(r"(?<![\w'])'(?=[A-Za-z])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])'(?![\w'])")
_OPENING_CONTEXT = set("([{/\u2014-")
_MAX_SINGLE = 250
_SPEAKER_NER = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_CHUNK_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct"}
_CLAUSE_DEPS = {"prep", "npadvmod", "advmod", "tmod", "obl", "agent"}
_COMPLEMENTIZERS = {"that"}
_MARK_TOKENS = {'"', "''", "``"}
_RELATIVE = {"who", "which", "that"}
_INVERTED_DEPS = {"dobj", "npadvmod", "attr", "oprd", "nsubjpass"}
_DASHES = {"\u2014", "\u2015", "--", "-"}
_MEASURE = re.compile(r"^(?:\S*\d\S*\s+)+")
_RUN_ON_PARAGRAPHS = 1


@dataclass
class QuoteMarks:
    """A passage between quote marks.

    start, end (int): the content's character offsets, marks excluded.
    group (int): passages of one quote that runs over several paragraphs share a group.
    closed (bool): whether a closing mark was found.
    """

    start: int
    end: int
    group: int
    closed: bool = True


@dataclass(eq=False)
class _Statement:
    """A statement being assembled: content, cue and speaker as tokens."""

    kind: str
    start: int
    end: int
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    cue_token: Token | None = None
    speaker_span: Span | None = None
    speaker: str | None = None
    passages: list[int] = field(default_factory=list)
    date: str | None = None
    channel: str | None = None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-empty line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _mark_role(text: str, start: int, end: int) -> str:
    """Whether a mark looks like it opens ("open"), closes ("close") or cannot tell ("either")."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_quote_marks(text: str) -> list[QuoteMarks]:
    """Pair the quote marks of a text into quoted passages.

    Double marks (`"`, and `''`/``` `` ``` as typeset text has them) are paired by
    position and context within each paragraph. A mark left open at the end of
    a paragraph ends there; if the next paragraph opens with a mark, that
    paragraph continues the same quote (same group). A closing mark with no
    opening one before it in its paragraph closes a passage that began with
    the paragraph. Single marks count only as a clean pair outside double quotes.
    text (str): the normalized text (curly marks already straight).
    RETURNS (list[QuoteMarks]): the passages in text order.
    """
    found: list[QuoteMarks] = []
    group = -1
    open_at: int | None = None
    for para_start, para_end in _paragraphs(text):
        marks = list(_DOUBLE_MARK.finditer(text, para_start, para_end))
        carried = open_at is not None
        open_at = None
        emitted_here = False
        for index, mark in enumerate(marks):
            if open_at is None:
                leading = not text[para_start : mark.start()].strip()
                role = _mark_role(text, mark.start(), mark.end())
                if carried and index == 0 and leading:
                    open_at = mark.end()  # the paragraph re-opens the quote: same group
                elif role == "close" and not emitted_here and not leading:
                    group += 1
                    found.append(QuoteMarks(*_trimmed(text, para_start, mark.start()), group, True))
                    emitted_here = True
                else:
                    group += 1
                    open_at = mark.end()
            else:
                start, end = _trimmed(text, open_at, mark.start())
                if end > start:
                    found.append(QuoteMarks(start, end, group, True))
                    emitted_here = True
                open_at = None
        if open_at is not None:
            start, end = _trimmed(text, open_at, para_end)
            if end > start:
                found.append(QuoteMarks(start, end, group, False))
    found.extend(_single_quoted(text, found, group + 1))
    found.sort(key=lambda q: q.start)
    return found


def _single_quoted(text: str, doubles: list[QuoteMarks], group: int) -> list[QuoteMarks]:
    """Passages in a clean pair of single marks ('like this') outside double-quoted passages."""
    inside = [(q.start - 1, q.end + 1) for q in doubles]
    closers = [m.start() for m in _SINGLE_CLOSE.finditer(text) if text[m.start() - 1 : m.start()] != "'"]
    found = []
    last_end = -1
    for opener in _SINGLE_OPEN.finditer(text):
        start = opener.end()
        if start <= last_end or any(a <= start < b for a, b in inside):
            continue
        close = next((c for c in closers if c > start), None)
        if close is None or close - start > _MAX_SINGLE or "\n" in text[start:close]:
            continue
        found.append(QuoteMarks(start, close, group))
        group += 1
        last_end = close
    return found


class QuotesStage:
    """Find who said what: direct, indirect and mixed quotes with their speakers."""

    def __init__(self, nlp: Language, name: str, cues: Cues | None = None):
        self.name = name
        self.cues = cues or load_cues()
        self.matcher = Matcher(nlp.vocab)
        lemmas = sorted(set(self.cues.verbs) | {verb for verb, _ in self.cues.particles})
        self.matcher.add("CUE_VERB", [[{"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}]])
        for phrase in self.cues.phrases:
            self.matcher.add("CUE_PHRASE", [[{"LOWER": word} for word in phrase.split()]])

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built anew on every access: read it once
        passages = pair_quote_marks(text)
        statements = self.find(doc, text, passages)
        doc._.ew_quotes = self.set_annotations(doc, text, statements, passages)
        return doc

    # ------------------------------------------------------------------ finding

    def find(self, doc: Doc, text: str, passages: list[QuoteMarks]) -> list[_Statement]:
        """Find every statement: cue attributions first, then the quoted passages left over.

        doc (Doc): the parsed Doc.
        text (str): its text.
        passages (list[QuoteMarks]): its quoted passages.
        RETURNS (list[_Statement]): the statements in text order, speakers not yet resolved.
        """
        quoted_char = _char_owner(len(text), passages)
        statements: list[_Statement] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            cue = doc[start:end]
            if quoted_char[cue[0].idx] >= 0:
                continue  # a verb inside quoted speech belongs to the quote's content
            made = self._phrase_statement(doc, cue) if label == "CUE_PHRASE" else self._verb_statement(doc, cue[0], quoted_char)
            if made is not None:
                statements.append(made)
        statements += _colon_lines(doc, text)
        nested = _nested(statements)
        for statement in statements:
            if statement in nested:
                _share_outer_speaker(statement, nested[statement])
            else:
                self._absorb_passages(doc, statement, passages, quoted_char)
        taken = {i for s in statements for i in s.passages}
        taken |= {quoted_char[s.start - 1] for s in statements if s.cue == ":" and quoted_char[s.start - 1] >= 0}
        for index, passage in enumerate(passages):
            if index not in taken:
                statements.append(self._passage_statement(doc, passages, index, quoted_char))
        statements.sort(key=lambda s: s.start)
        return _join_interrupted(text, statements)

    def _verb_statement(self, doc: Doc, verb: Token, quoted_char: list[int]) -> _Statement | None:
        """The statement a cue verb introduces, from its dependents; None when it takes none."""
        particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")
                         and (verb.lemma_.lower(), c.lower_) in self.cues.particles), None)
        takes = self.cues.takes(verb.lemma_.lower(), particle)
        content = _content_of(verb, takes, particle)
        if content is None:
            return None
        start, end = _trim_tokens(doc, *content)
        if end <= start:
            return None
        cue_end = verb.i + 1
        if particle is not None:
            cue_end = next(c.i for c in verb.children if c.lower_ == particle) + 1
        return _Statement(
            kind="indirect", start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
            cue=doc[verb.i:cue_end].text, cue_span=(verb.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])),
            cue_token=verb, speaker_span=_speaker_span(doc, _subject_of(verb, self.cues, quoted_char)),
        )

    def _phrase_statement(self, doc: Doc, cue: Span) -> _Statement | None:
        """An "according to X" statement: X is the source, the clause around it the content."""
        last = cue[-1]
        source = next((c for c in last.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        attached = cue[0]
        while attached.dep_ in ("prep", "pcomp", "pobj") and attached.head.i != attached.i and attached.head.i >= cue.start:
            attached = attached.head
        piece_start, piece_end = cue.start, source.right_edge.i + 1
        sentence = cue.sent
        # the clause the phrase sits in: "X leads by 271 delegates according to a count, but Y has vowed ..."
        # ends before "but"
        clause_start, clause_end = sentence.start, sentence.end
        governor = attached.head if attached.dep_ == "prep" else attached
        for child in governor.children if governor.pos_ in ("VERB", "AUX") else ():
            if child.dep_ in ("conj", "cc") and child.i >= piece_end:
                clause_end = min(clause_end, child.left_edge.i)
            elif child.dep_ == "conj" and child.right_edge.i < piece_start:
                clause_start = max(clause_start, child.right_edge.i + 1)
        if piece_start - clause_start <= 1:
            start, end = piece_end, clause_end
        elif clause_end - piece_end <= 2:
            start, end = clause_start, piece_start
        else:
            start, end = clause_start, clause_end
        start, end = _trim_tokens(doc, start, end)
        if end <= start:
            return None
        return _Statement(
            kind="indirect", start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
            cue=cue.text, cue_span=(cue.start_char, cue.end_char), cue_token=cue[0],
            speaker_span=_speaker_span(doc, source),
        )

    def _absorb_passages(self, doc: Doc, statement: _Statement, passages: list[QuoteMarks], quoted_char) -> None:
        """Make a statement direct or mixed when quoted passages make up or sit inside its content."""
        hits = sorted({quoted_char[c] for c in range(statement.start, statement.end) if quoted_char[c] >= 0})
        if statement.cue == ":":
            hits = [i for i in hits if passages[i].start >= statement.start]  # not a transcript in quotes
        if not hits:
            return
        outside = doc.char_span(statement.start, statement.end, alignment_mode="expand")
        words_outside = [
            t for t in outside if t.is_alpha and quoted_char[t.idx] < 0 and t.lower_ not in _COMPLEMENTIZERS
        ]
        statement.passages = hits
        first, last = passages[hits[0]], passages[hits[-1]]
        if len(words_outside) < 2:
            statement.kind = "direct"
            statement.start, statement.end = first.start, last.end
        else:
            statement.kind = "mixed"
            statement.start = min(statement.start, first.start)
            statement.end = max(statement.end, last.end)

    def _passage_statement(self, doc: Doc, passages: list[QuoteMarks], index: int, quoted_char: list[int]) -> _Statement:
        """A statement for a quoted passage no cue's content took: find its cue around it."""
        passage = passages[index]
        statement = _Statement(kind="direct", start=passage.start, end=passage.end, passages=[index])
        span = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return statement
        verb = self._adjacent_cue(doc, span)
        if verb is not None:
            statement.cue, statement.cue_token = verb.text, verb
            statement.cue_span = (verb.idx, verb.idx + len(verb))
            statement.speaker_span = _speaker_span(doc, _subject_of(verb, self.cues, quoted_char))
            return statement
        if _dash_source(doc, span, statement):
            return statement
        if _colon_source(doc, span, statement):
            return statement
        if _fragment_source(doc, span, statement, self.cues, quoted_char):
            return statement
        statement.cue = None
        return statement

    def _adjacent_cue(self, doc: Doc, span: Span) -> Token | None:
        """A cue verb right after the closing mark ('," he said') or before the opening one ('said, "')."""
        after = []
        for token in doc[span.end : span.end + 12]:
            if "\n" in token.text or (token.text in _MARK_TOKENS and after):
                break
            after.append(token)
            if token.text in (".", "!", "?") and after[:-1]:
                break
        for token in after:
            if token.pos_ in ("VERB", "AUX") and "quote" in self._takes(token):
                return token
        before = list(reversed(doc[max(0, span.start - 30) : span.start]))
        while before and before[0].text in _MARK_TOKENS:
            before = before[1:]
        if not before or (before[0].text not in (",", ":") and "quote" not in self._takes(before[0])):
            return None
        for token in before:
            if "\n" in token.text or token.text in (".", "!", "?") or token.text in _MARK_TOKENS:
                break
            if token.pos_ in ("VERB", "AUX") and "quote" in self._takes(token):
                return token
        return None

    def _takes(self, token: Token) -> frozenset[str]:
        particle = next((c.lower_ for c in token.children if c.dep_ in ("prt", "prep")
                         and (token.lemma_.lower(), c.lower_) in self.cues.particles), None)
        return self.cues.takes(token.lemma_.lower(), particle)

    # ------------------------------------------------------------------ annotating

    def set_annotations(self, doc: Doc, text: str, statements: list[_Statement], passages: list[QuoteMarks]) -> list[dict]:
        """Resolve speakers, dates and channels, and write the quote dicts.

        doc (Doc): the Doc.
        text (str): its text.
        statements (list[_Statement]): what `find` found.
        passages (list[QuoteMarks]): the quoted passages.
        RETURNS (list[dict]): the `ew_quotes` value.
        """
        quoted = Ranges((p.start, p.end) for p in passages)
        days = sorted((t["span"][0], t["span"][1], t["value"]) for t in doc._.ew_times or []
                      if t.get("precision") == "day" and t.get("value"))
        for statement in statements:
            if statement.speaker_span is not None:
                statement.speaker = _speaker_actor(doc, statement.speaker_span, quoted)
            if statement.cue_token is not None:
                statement.date, statement.channel = self._date_and_channel(doc, statement, days)
        _run_on_speakers(doc, text, statements, passages)
        _inherit_dates(statements)
        quotes = []
        dateline = doc._.ew_dateline_end or 0
        for number, statement in enumerate(statements, 1):
            if statement.start < dateline < statement.end:
                statement.start = dateline  # a lede's indirect quote does not include the dateline
            if statement.date:
                times.reanchor(doc, statement.start, statement.end, statement.date)
            speaker_span = statement.speaker_span
            quotes.append(
                {
                    "id": f"quote:{number}",
                    "kind": statement.kind,
                    "text": text[statement.start : statement.end],
                    "span": [statement.start, statement.end],
                    "cue": statement.cue,
                    "cue_span": list(statement.cue_span) if statement.cue_span else None,
                    "speaker": statement.speaker,
                    "speaker_span": [speaker_span.start_char, speaker_span.end_char] if speaker_span is not None else None,
                    "date": statement.date,
                    "channel": statement.channel,
                }
            )
        return quotes

    def _date_and_channel(self, doc: Doc, statement: _Statement, days: list[tuple[int, int, str]]) -> tuple[str | None, str | None]:
        """The day and the channel named in the attribution clause ("on Monday said", "in a statement").

        days (list[tuple[int, int, str]]): the Doc's day-precise times as (start, end, value), by start,
            looked up by bisect so that each statement costs the length of its clause, not of the article.
        """
        verb = statement.cue_token
        pieces = []
        for head in (verb, verb.head if verb.dep_ in ("advcl", "xcomp", "conj") else None):
            if head is None:
                continue
            for child in head.children:
                if child.dep_ in _CLAUSE_DEPS:
                    left, right = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
                    if right <= statement.start or left >= statement.end:
                        pieces.append((child, left, right))
        found = []
        for _, left, right in pieces:
            index = bisect.bisect_left(days, (left,))
            while index < len(days) and days[index][0] < right:
                if days[index][1] <= right:
                    found.append(days[index])
                    break
                index += 1
        date = min(found)[2] if found else None
        channel = None
        for child, _, _ in pieces:
            channel = self._channel(doc, child)
            if channel:
                break
        addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if channel is None and addressee is not None:
            words = doc[addressee.left_edge.i : addressee.i + 1]
            if words.text.lower() in self.cues.platforms:
                channel = words.text  # "told state television"
        return date, channel

    def _channel(self, doc: Doc, prep: Token) -> str | None:
        """The medium a prepositional phrase names: "in a statement", "on X", "in an interview with ..."."""
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "via", "through", "during"):
            return None
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        phrase = doc[obj.left_edge.i : obj.right_edge.i + 1]
        head_phrase = " ".join(t.lower_ for t in phrase if t.i <= obj.i and t.dep_ in ("compound", "amod") or t.i == obj.i)
        words = {t.lower_ for t in phrase}
        named = obj.lemma_.lower() in self.cues.channel_nouns or head_phrase in self.cues.channel_nouns
        platform = prep.lower_ in ("on", "via") and (
            phrase.text.lower() in self.cues.platforms or words & self.cues.platforms
        )
        if not (named or platform):
            return None
        tokens = [t for t in phrase]
        while tokens and tokens[0].dep_ in ("det", "predet") and tokens[0].i < obj.i:
            tokens = tokens[1:]
        if not tokens:
            return None
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        return _MEASURE.sub("", text) or text


# ---------------------------------------------------------------------- helpers


def _char_owner(length: int, passages: list[QuoteMarks]) -> list[int]:
    """For every character, the index of the passage it lies in (marks included), or -1."""
    owner = [-1] * (length + 1)
    for index, passage in enumerate(passages):
        start, end = max(0, passage.start - 1), min(length, passage.end + 1)
        owner[start:end] = [index] * (end - start)
    return owner


def _content_of(verb: Token, takes: frozenset[str], particle: str | None) -> tuple[int, int] | None:
    """The token range a cue verb's content covers, by the kinds of content it takes."""
    children = list(verb.children)
    if "clause" in takes:
        clause = next((c for c in children if c.dep_ == "ccomp"), None)
        if clause is not None:
            return clause.left_edge.i, clause.right_edge.i + 1
        if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i and _between_commas(verb)):
            head = verb.head  # "X, he said, Y": the clause the cue interrupts is the content
            if verb.right_edge.i < head.i:
                return verb.right_edge.i + 1, head.right_edge.i + 1
            return head.left_edge.i, verb.left_edge.i
    if "object_infinitive" in takes:
        holder = next((c for c in children if c.dep_ == "prep" and c.lower_ == particle), verb)
        obj = next((c for c in holder.children if c.dep_ in ("dobj", "pobj")), None)
        infinitive = next((c for c in children if c.dep_ == "xcomp"), None)
        if obj is None and infinitive is not None:
            obj = next((c for c in infinitive.children if c.dep_ == "nsubj"), None)
        if obj is not None and infinitive is not None:
            return obj.left_edge.i, infinitive.right_edge.i + 1
    if "infinitive" in takes:
        infinitive = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if infinitive is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children):
            return infinitive.left_edge.i, infinitive.right_edge.i + 1
    if "object" in takes:
        holder = next((c for c in children if c.dep_ == "prep" and c.lower_ == particle), verb)
        obj = next((c for c in holder.children if c.dep_ in ("dobj", "pobj") and c.i > verb.i), None)
        if obj is not None and obj.pos_ not in ("PRON",):
            return obj.left_edge.i, obj.right_edge.i + 1
    return None


def _between_commas(verb: Token) -> bool:
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    return left > 0 and doc[left - 1].text == "," and right + 1 < len(doc) and doc[right + 1].text in (",", ".")


def _trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a complementizer and the punctuation and quote marks at the edges of a content range."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _COMPLEMENTIZERS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in ("%", "…"):
        end -= 1
    return start, end


def _nested(statements: list[_Statement]) -> dict[_Statement, _Statement]:
    """Statements whose cue lies in another's content, each with the innermost statement holding it.

    One sweep over content starts, ends and cue positions, so the cost stays linear in the
    article's length (the open contents at any point are few: the depth of nesting).
    """
    points = []
    for statement in statements:
        points += [(statement.end, 0, statement), (statement.start, 1, statement), (statement.cue_span[0], 2, statement)]
    points.sort(key=lambda p: (p[0], p[1]))
    open_contents: dict[_Statement, None] = {}
    found = {}
    for _, what, statement in points:
        if what == 0:
            open_contents.pop(statement, None)
        elif what == 1:
            open_contents[statement] = None
        else:
            outer = [o for o in open_contents if o is not statement]
            if outer:
                found[statement] = min(outer, key=lambda o: o.end - o.start)
    return found


def _share_outer_speaker(statement: _Statement, outer: _Statement) -> None:
    """A nested cue with no subject of its own ("X argued that ..., saying ...", "told Y the talks were
    cordial and predicted ...") is the outer speaker's, wherever the parser hung it inside the content."""
    verb = statement.cue_token
    if verb is not None and verb.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "agent", "expl") for c in verb.children
    ):
        statement.speaker_span = outer.speaker_span


def _colon_lines(doc: Doc, text: str) -> list[_Statement]:
    """Lines that open with a name and a colon: headlines ("Pence: ...") and transcripts ("WALLACE: ...")."""
    found = []
    for para_start, para_end in _paragraphs(text):
        line = doc.char_span(para_start, para_end, alignment_mode="expand")
        if line is None:
            continue
        tokens = [t for t in line if t.text not in _MARK_TOKENS]
        colon = next((k for k, t in enumerate(tokens[:7]) if t.text == ":"), None)
        if not colon or tokens[0].pos_ == "DET" or colon + 3 > len(tokens):
            continue
        name = tokens[:colon]
        if not all(t.text[:1].isupper() and (t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in _SPEAKER_NER) for t in name):
            continue
        start, end = _trim_tokens(doc, tokens[colon].i + 1, line.end)
        if end <= start:
            continue
        found.append(
            _Statement(
                kind="indirect", start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
                cue=":", cue_span=(tokens[colon].idx, tokens[colon].idx + 1),
                speaker_span=doc[name[0].i : name[-1].i + 1],
            )
        )
    return found


def _join_interrupted(text: str, statements: list[_Statement]) -> list[_Statement]:
    """Join a quote its attribution interrupts ('"A," he said. "B."') into one statement.

    The passage after the cue joins the one before when it has no cue of its
    own (or the same cue) and both lie in one paragraph.
    """
    joined: list[_Statement] = []
    for statement in statements:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.kind == "direct"
            and statement.kind == "direct"
            and statement.passages
            and (statement.cue is None or statement.cue_token is before.cue_token)
            and before.cue_token is not None
            and "\n" not in text[before.end : statement.start]
        ):
            before.end = statement.end
            before.passages.extend(statement.passages)
            continue
        joined.append(statement)
    return joined


def _subject_of(verb: Token, cues: Cues, quoted_char: list[int] | None = None) -> Token | None:
    """The one who speaks through a cue verb: its subject, or its governor's for "saying" or "and warned".

    A subject the parser took from the wrong place (a date: "said Tuesday"; the dateline:
    "WASHINGTON (AP) - X said"; a word of the quote: '"..., nothing you can do," X told') is
    not the speaker: the noun phrase just before the cue is, as it is when the parser gave
    the cue no subject at all ("his adviser, Jane Roe, said:").
    """
    cue = verb
    for _ in range(6):
        for child in verb.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ == "nsubj":
                if child.lower_ in _RELATIVE and verb.dep_ != "relcl":
                    return None
                if _misplaced(child, cue, quoted_char):
                    return _subject_before(cue, quoted_char)
                return child  # "who" in "an official who said": coref takes it to the official
            if child.dep_ == "csubj":
                # "Voters going to the polls on Tuesday said": the parser made the phrase a clause
                named = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if named is not None:
                    return named
        inverted = next((c for c in verb.rights if c.pos_ == "PROPN" and c.dep_ in _INVERTED_DEPS
                         and c.ent_type_ not in ("DATE", "TIME")), None)
        if inverted is not None and _punct_before(verb) and verb.tag_ not in ("VBG", "VBN"):
            # '"...," said Smith' parsed without a subject (not "..., telling Reuters", nor the one
            # told in '"...," Roe, a founder of X, tells Smith': the name before the cue speaks)
            addressed = inverted.dep_ == "dobj" and "object_infinitive" in cues.takes(verb.lemma_.lower())
            before = _subject_before(cue, quoted_char) if addressed and verb is cue else None
            return before or inverted
        if verb.head.i == verb.i:
            return _subject_before(cue, quoted_char) if verb is cue else None
        if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "prep", "pobj", "acomp"):
            verb = verb.head  # "..., saying", "and warned", "for saying", "are likely to say": the governing verb's subject
        elif verb.dep_ == "acl":
            if verb.head.lemma_.lower() not in cues.channel_nouns:
                return verb.head  # "one saying that ...": the one
            verb = verb.head  # "issued a statement saying": the statement's issuer speaks
        elif verb.dep_ == "relcl":
            return verb.head
        else:
            return _subject_before(cue, quoted_char) if verb is cue else None
    return None


def _misplaced(subject: Token, cue: Token, quoted_char: list[int] | None) -> bool:
    """Whether a parsed subject cannot be the speaker: a date or time (not an age: "the 52-year-old"),
    the dateline, or inside the quote."""
    dated = subject.ent_type_ in ("DATE", "TIME") and not subject.lower_.endswith("old")
    if dated or subject.idx < (subject.doc._.ew_dateline_end or 0) or in_dateline(subject):
        return True
    if subject.i - subject.sent.start <= 2 and subject.pos_ == "PROPN" and (subject.is_upper or subject.ent_type_ == "GPE"):
        # "WASHINGTON (AP) - ...", "CLEVELAND, July 19 (UPI) - ...": a dateline the structure stage did not mark
        for token in subject.doc[subject.i + 1 : subject.i + 9]:
            if token.text in _DASHES and token.doc[token.i - 1].whitespace_:
                return True  # a spaced dash, not the hyphen of "(I-Vt.)"
            if not (token.is_punct or token.pos_ in ("PROPN", "NUM")):
                break
    return quoted_char is not None and quoted_char[subject.idx] >= 0 and quoted_char[cue.idx] < 0


def _in_aside(token: Token, cue: Token) -> bool:
    """Whether a token lies in a prepositional phrase set off by commas before the cue ("X, in Ohio, said")."""
    phrase = next((a for a in [token, *token.ancestors] if a.dep_ == "prep" and a.i < token.i + 1), None)
    if phrase is None or phrase.right_edge.i >= cue.i:
        return False
    doc = cue.doc
    return phrase.left_edge.i > 0 and doc[phrase.left_edge.i - 1].text == "," and doc[phrase.right_edge.i + 1].text == ","


def _subject_before(cue: Token, quoted_char: list[int] | None) -> Token | None:
    """The head of the noun phrase right before a cue, past commas and adverbs ("Jane Roe, said",
    "Trump, the party's frontrunner, said"), within the sentence and outside quotes."""
    doc = cue.doc
    first = max(cue.sent.start, cue.i - 12)
    i = cue.i
    while i > first:
        i -= 1
        token = doc[i]
        if token.text == ")":
            opening = next((k for k in range(i - 1, max(first, i - 8) - 1, -1) if doc[k].text == "("), None)
            if opening is not None:
                i = opening  # "Elizabeth Warren (D-MA) said": the party and state in brackets do not speak
                continue
        if token.text in _MARK_TOKENS or (quoted_char is not None and quoted_char[token.idx] >= 0):
            return None
        if token.pos_ in ("PUNCT", "ADV") or token.dep_ in ("aux", "auxpass", "neg") or _in_aside(token, cue):
            continue
        share = token.pos_ == "NUM" and token.ent_type_ == "CARDINAL" and token.i == cue.i - 1  # "About 4 in 10 say"
        if not share and (token.pos_ not in ("PROPN", "NOUN", "PRON") or token.ent_type_ in ("DATE", "TIME")
                          or _misplaced(token, cue, quoted_char)):
            return None
        while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.dep_ == "appos":
            token = token.head.head  # "Roe, a founder of the Center, said": not the Center (but "In a meeting with Roe, ...")
        while token.dep_ == "appos" and token.pos_ != "PROPN" and token.head.i < token.i and token.head.pos_ == "PROPN":
            token = token.head  # "Trump, the frontrunner, said": the name speaks
        return token
    return None


def _punct_before(token: Token) -> bool:
    """Whether a comma or a quote mark comes right before a token ('," said Smith')."""
    return token.i > 0 and token.doc[token.i - 1].text in _MARK_TOKENS | {","}


def _speaker_span(doc: Doc, head: Token | None) -> Span | None:
    """The words that name a speaker: a pronoun, a named entity, or the core of a noun phrase."""
    if head is None:
        return None
    if head.pos_ == "PRON" or head.lower_ in PRONOUNS:
        return doc[head.i : head.i + 1]
    if head.ent_type_ in _SPEAKER_NER:
        return _entity_at(doc, head)
    if head.pos_ != "PROPN" or not head.ent_type_:
        # "The leader of the X Movement, Jean Kalume, said", "Sen. Ruth Obi said": the name in
        # apposition speaks, wherever the parser hung it inside the subject phrase (often on the
        # last noun, not on "leader"; on the title "Sen." rather than the name).
        named = [t for t in head.subtree if t.dep_ == "appos" and t.ent_type_ in ("PERSON", "ORG")
                 and (t.head.i == head.i or _closes_subject(t, head))]
        if named:
            return _entity_at(doc, named[-1])
    start = head.i
    for child in head.lefts:
        if child.dep_ in _CHUNK_DEPS:
            start = min(start, child.left_edge.i)
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start : head.i + 1]


def _closes_subject(name: Token, head: Token) -> bool:
    """Whether an apposition ends the subject phrase: "..., NAME, said" with nothing after it."""
    end = name.doc[name.i + 1] if name.i + 1 < len(name.doc) else None
    return end is not None and end.text == "," and end.i + 1 == head.head.i


def _entity_at(doc: Doc, token: Token) -> Span:
    """The named entity a token lies in, from its IOB tags (cheaper than building `doc.ents`)."""
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _speaker_actor(doc: Doc, span: Span, quoted: Ranges) -> str | None:
    """The actor a speaker span names; pronouns and descriptions via coref, unknown names get an actor."""
    root = span.root
    if root.lower_ in _RELATIVE and root.head.dep_ == "relcl":
        antecedent = _speaker_span(doc, root.head.head)
        actor_id = _speaker_actor(doc, antecedent, quoted)
        if actor_id:
            add_mention(doc, span, actor_id, "pronoun")
        return actor_id
    if root.lower_ in PRONOUNS or root.pos_ == "PRON":
        if root.lower_ not in PRONOUNS:
            return None  # "I", "we", "one", "who": nobody the text names here
        actor_id = actor_at(doc, span) or resolve_mention(doc, span, quoted)
        if actor_id:
            add_mention(doc, span, actor_id, "pronoun")
        return actor_id
    found = actor_at(doc, span)
    if found:
        return found
    found = resolve_mention(doc, span, quoted)
    if found:
        add_mention(doc, span, found, "nominal")
        return found
    return ensure_actor(doc, span, speaks=True)


def _dash_source(doc: Doc, span: Span, statement: _Statement) -> bool:
    """'"..." ― Name': a dash after the closing mark introduces the speaker."""
    rest = [t for t in doc[span.end : span.end + 4] if t.text not in ('"', "''")]
    if len(rest) >= 2 and rest[0].text in _DASHES and rest[1].pos_ == "PROPN":
        statement.cue, statement.cue_span = rest[0].text, (rest[0].idx, rest[0].idx + len(rest[0]))
        name = rest[1]
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        statement.speaker_span = _speaker_span(doc, name)
        return True
    return False


def _colon_source(doc: Doc, span: Span, statement: _Statement) -> bool:
    """'The minister said: "..."' or 'X: "..."': a colon before the opening mark introduces it."""
    index = span.start - 1
    while index >= 0 and (doc[index].text in ('"', "''", "``") or doc[index].is_space):
        index -= 1
    if index < 1 or doc[index].text != ":":
        return False
    colon = doc[index]
    statement.cue, statement.cue_span = ":", (colon.idx, colon.idx + 1)
    before = doc[index - 1]
    if before.ent_type_ in ("PERSON", "ORG") and before.pos_ == "PROPN":
        statement.speaker_span = _entity_at(doc, before)  # "... doesn't surprise pollster Jane Roe: "..."
        return True
    root = before.sent.root if before.sent.root.i < index else before
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    statement.speaker_span = _speaker_span(doc, subject if subject is not None else root if root.pos_ in ("PROPN", "NOUN", "PRON") else None)
    return True


def _fragment_source(doc: Doc, span: Span, statement: _Statement, cues: Cues, quoted_char: list[int]) -> bool:
    """A quoted fragment inside a sentence about someone: a mixed quote of that someone.

    'X also held the world responsible for "..."': the quoted words are X's. The
    governing verb is the nearest cue verb above the fragment, else the nearest verb.
    """
    sentence = span.sent
    outside = [t for t in sentence if (t.i < span.start - 1 or t.i > span.end) and t.is_alpha]
    words = [t for t in span if t.is_alpha]
    if len(outside) < 3 or not words:
        return False
    above = [t for t in span.root.ancestors if not span.start <= t.i < span.end and t.pos_ in ("VERB", "AUX")]
    verb = next((t for t in above if cues.takes(t.lemma_.lower())), above[0] if above else None)
    if verb is None:
        return False
    subject = _subject_of(verb, cues, quoted_char)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or (
        subject.pos_ == "PRON" and subject.lower_ not in PRONOUNS and subject.lower_ not in _RELATIVE
    ):
        return False
    start, end = _trim_tokens(doc, verb.i + 1, max(sentence.end, span.end))
    if end <= start:
        return False
    statement.kind = "mixed"
    statement.start = min(doc[start].idx, span.start_char)
    statement.end = max(doc[end - 1].idx + len(doc[end - 1]), span.end_char)
    statement.cue, statement.cue_token = verb.text, verb
    statement.cue_span = (verb.idx, verb.idx + len(verb))
    statement.speaker_span = _speaker_span(doc, subject)
    return True


def _paragraph_breaks(text: str) -> list[int]:
    """Where each paragraph break ends (blank lines, else line breaks), for `bisect`: paragraph
    index of a character = breaks ending at or before it."""
    return [m.end() for m in re.finditer("\n\n" if "\n\n" in text else "\n", text)]


def _run_on_speakers(doc: Doc, text: str, statements: list[_Statement], passages: list[QuoteMarks]) -> None:
    """Give a cue-less quoted passage the speaker of its quote's other passages, else of the quote before it
    in the same paragraph or the one just before, else of the paragraph before it: the person it is about
    ('X is upbeat about the race. / "We will win."'). A sentence that opens with a cue and no subject
    ('Adding, "..."') takes the speaker of the quote before it.
    """
    by_group: dict[int, _Statement] = {}
    for statement in statements:
        if statement.speaker_span is not None and statement.passages:
            for index in statement.passages:
                by_group.setdefault(passages[index].group, statement)
    breaks = _paragraph_breaks(text)
    previous: _Statement | None = None
    for statement in statements:
        verb = statement.cue_token
        # a participle cue that opens its sentence or has no verb above it: 'Adding, "..."'
        opening = verb is not None and verb.tag_ == "VBG" and (verb.i == verb.sent.start or verb.dep_ == "ROOT")
        if statement.speaker_span is None and (statement.cue is None and statement.passages or opening):
            source = by_group.get(passages[statement.passages[0]].group) if statement.passages else None
            if source is None and previous is not None:
                gap = bisect.bisect_right(breaks, statement.start) - bisect.bisect_right(breaks, previous.end)
                if gap <= _RUN_ON_PARAGRAPHS:
                    source = previous
            if source is not None:
                statement.speaker, statement.speaker_span = source.speaker, source.speaker_span
                statement.date = statement.date or source.date
                statement.channel = statement.channel or source.channel
            elif not opening:
                statement.speaker_span, statement.speaker = _paragraph_subject(doc, statement)
        if statement.speaker_span is not None:
            previous = statement


def _paragraph_subject(doc: Doc, statement: _Statement) -> tuple[Span | None, str | None]:
    """For a quote that opens its paragraph: the last actor the paragraph before has as a sentence's subject."""
    opening = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    index = paragraph_of(opening) if opening is not None else None
    if not index:
        return None, None
    parts = doc._.ew_structure["paragraphs"]
    para = doc.char_span(parts[index][0], parts[index][1], alignment_mode="expand")
    before = doc.char_span(parts[index - 1][0], parts[index - 1][1], alignment_mode="expand")
    if para is None or before is None or any(t.is_alpha for t in doc[para.start : opening.start]):
        return None, None
    found = (None, None)
    for sentence in before.sents:
        subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON") or in_headline(subject):
            continue
        span = _speaker_span(doc, subject)
        actor_id = actor_at(doc, span) or (resolve_mention(doc, span) if subject.lower_ in PRONOUNS else None)
        if actor_id is None and subject.pos_ == "PROPN":
            actor_id = ensure_actor(doc, span, speaks=True)  # "Ruiz is upbeat": the surname NER left out
        kind = ((doc._.ew_actors or {}).get(actor_id) or {}).get("kind")
        if kind in ("person", "organization", "group"):
            found = (span, actor_id)
    return found


def _inherit_dates(statements: list[_Statement]) -> None:
    """An undated statement takes the date of the same speaker's last dated one in the same tense."""
    last: dict[tuple[str, bool], str] = {}
    for statement in statements:
        if statement.speaker is None:
            continue
        verb = statement.cue_token
        perfect = verb is not None and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
        key = (statement.speaker, perfect)
        if statement.date:
            last[key] = statement.date
        elif key in last:
            statement.date = last[key]


@Language.factory("eventwire_quotes", assigns=["doc._.ew_quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesStage:
    """Build the quotes stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (QuotesStage): the component.
    """
    return QuotesStage(nlp, name)
