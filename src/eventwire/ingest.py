"""Ingest: read articles from files, folders, JSONL, CSV, HTML and stdin.

Every reader yields `Article`s; a piece of input that cannot be read becomes
an `InputFailure` with a one-line reason, and reading goes on. Nothing here
raises on bad input: one broken file never stops a corpus run.

    for item in read_inputs(["corpus/", "feed.jsonl", "-"]):
        if isinstance(item, InputFailure): print(item.source, item.reason)

Formats are chosen by file extension (`.txt`, `.html`, `.jsonl`, `.json`,
`.csv`); a file with any other extension is read as plain text unless it
looks binary. Folders are read recursively, in sorted order, skipping hidden
files. Standard input ("-") is read as JSONL when it starts with "{", as
HTML when it starts with "<", else as one plain-text article.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import BadDate, BadInput

DEFAULT_MAX_BYTES = 1_000_000
METADATA_FIELDS = ("id", "title", "url", "outlet", "published")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv"}
_SNIFF_BYTES = 8192
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
# A title given beside the text counts as already there when a line of the text's opening starts with it.
_TITLE_SEARCH_CHARS = 1000
_WORDS = re.compile(r"\w+")


@dataclass
class Article:
    """One article to read, with what is known about it.

    A title given apart from a text that does not open with it (feeds and web pages often keep the
    headline in a field of its own) is put before the text as its headline, so that the headline is
    read like any other and every offset points into the one text the record holds.
    """

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | dt.date | None = None
    source: str | None = None  # where it came from: a path, "path:line", "<stdin>"

    def __post_init__(self) -> None:
        self.text = headed(self.text, self.title)


def headed(text: str, title: str | None) -> str:
    """The text with its title as the first paragraph, unless a line of the text's opening starts with it.

    text (str): the article's text.
    title (str | None): the title given with it; one line (a title with line breaks is not a headline).
    RETURNS (str): `text`, or the title, a blank line and `text`.
    """
    if not title or not _WORDS.search(title) or "\n" in title.strip():
        return text
    words = _WORDS.findall(title.casefold())
    for line in text[: _TITLE_SEARCH_CHARS + len(title)].splitlines():
        if _WORDS.findall(line.casefold())[: len(words)] == words:
            return text
    return f"{title.strip()}\n\n{text}"


@dataclass
class InputFailure:
    """A piece of input that could not become an article.

    source (str): where it came from: a path, "path:line" or "<stdin>".
    reason (str): one line a human can act on ("binary file", "line 3: malformed JSON ...").
    code (str): the stable error code (errors.py): E002 bad input, E003 bad date.
    key (str | None): the text's key (`pipeline.build.text_hash`) when its text was read.
    """

    source: str
    reason: str
    code: str = BadInput.code
    key: str | None = None


def parse_published(value: str | dt.date | dt.datetime | None) -> str | None:
    """Normalise a publication date in any common format to YYYY-MM-DD.

    value (str | date | None): "2021-09-07", "Sept. 7, 2021", "07/09/2021", an RFC 2822 date...
    RETURNS (str | None): the ISO date, or None when no date was given.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):  # a JSON number, list or object where a date should be
        raise BadDate(f"cannot read the publication date {value!r}"[:200])
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for unusual formats

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"})
    if parsed is None:
        raise BadDate(f"cannot read the publication date {text!r}")
    return parsed.date().isoformat()


def read_inputs(
    inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Article | InputFailure]:
    """Read every article from files, folders and "-" (standard input).

    inputs (Iterable[str | Path]): paths of files or folders; "-" for standard input.
    max_bytes (int): the largest article text accepted, in UTF-8 bytes. Defaults to 1 MB.
    stdin (BinaryIO | None): what "-" reads; defaults to sys.stdin's bytes.
    RETURNS (Iterator[Article | InputFailure]): articles, and failures in their place.
    """
    for item in inputs:
        if str(item) == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                yield from read_file(file, max_bytes)
        elif path.is_file():
            yield from read_file(path, max_bytes)
        else:
            yield InputFailure(str(path), "no such file or folder")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputFailure]:
    """Read one file by its extension; see the module docstring for the formats.

    path (Path): the file.
    max_bytes (int): the largest article text accepted, in UTF-8 bytes.
    RETURNS (Iterator[Article | InputFailure]): its articles (many for JSONL/CSV), or failures.
    """
    source = str(path)
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
            if _looks_binary(head):
                yield InputFailure(source, "binary file (not text)")
                return
            if suffix in JSONL_SUFFIXES:
                stream.seek(0)
                yield from _read_jsonl(stream, source, max_bytes)
                return
            # Whole-file formats: refuse what is far too big before reading it all.
            limit = max_bytes * (20 if suffix in HTML_SUFFIXES | CSV_SUFFIXES | JSON_SUFFIXES else 4) + 4
            data = head + stream.read(limit - len(head))
            if len(data) >= limit:
                yield InputFailure(source, f"oversized: file is larger than the {max_bytes}-byte limit allows")
                return
    except OSError as err:
        yield InputFailure(source, f"cannot open: {err.strerror or err}")
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_csv(data, source, max_bytes)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(data, source, max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(data, source, max_bytes)
    else:
        yield _read_text(data, source, max_bytes)


def read_stdin(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputFailure]:
    """Read standard input: JSONL if it starts with "{", HTML if with "<", else one text article."""
    data = stream.read()
    source = "<stdin>"
    first = data.lstrip()[:1]
    if _looks_binary(data[:_SNIFF_BYTES]):
        yield InputFailure(source, "binary input (not text)")
    elif first == b"{":
        yield from _read_jsonl(io.BytesIO(data), source, max_bytes)
    elif first == b"<":
        yield _read_html(data, source, max_bytes)
    else:
        yield _read_text(data, source, max_bytes)


def read_document(data: bytes, source: str, html: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Article | InputFailure:
    """One document handed over whole (a posted text or HTML page): an Article, or the reason it is refused."""
    return (_read_html if html else _read_text)(data, source, max_bytes)


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, or more than 5% control characters, mean this is not text."""
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls / len(head) > 0.05


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252 if it decodes cleanly.

    data (bytes): raw input that `_looks_binary` let through.
    RETURNS (str): the text.
    RAISES BadInput: when no encoding reads it cleanly.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise BadInput("undecodable: neither UTF-8 nor Windows-1252") from None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        raise BadInput("undecodable: neither UTF-8 nor Windows-1252")
    return text


def _article(text: str, source: str, max_bytes: int, **meta) -> Article | InputFailure:
    """Check one article's text and date; an Article, or the one reason it is refused."""
    if not text or not text.strip():
        return InputFailure(source, "empty: no text")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return InputFailure(source, f"oversized: {size} bytes of text, the limit is {max_bytes}")
    try:
        published = parse_published(meta.pop("published", None))
    except BadDate as err:
        return InputFailure(source, f"unparseable date: {err.message}", BadDate.code)
    fields = {k: (str(v) if v not in (None, "") else None) for k, v in meta.items() if k in METADATA_FIELDS}
    return Article(text=text, published=published, source=source, **fields)


def _read_text(data: bytes, source: str, max_bytes: int) -> Article | InputFailure:
    try:
        text = decode(data)
    except BadInput as err:
        return InputFailure(source, err.message)
    return _article(text, source, max_bytes)


def _read_html(data: bytes, source: str, max_bytes: int) -> Article | InputFailure:
    """The main text of a web page (trafilatura); title and date from its metadata when present.

    A page the main-text extractor rejects (nested too deep for its parser, no article
    block) falls back to the page's plain text before it is called empty.
    """
    import trafilatura  # slow to import; only needed for HTML

    try:
        markup = decode(data)
    except BadInput as err:
        return InputFailure(source, err.message)
    try:
        page = trafilatura.bare_extraction(markup, with_metadata=True)
    except (ValueError, RecursionError):
        page = None
    if page is not None and (page.text or "").strip():
        return _article(
            page.text, source, max_bytes, title=page.title, url=page.url, outlet=page.sitename, published=page.date
        )
    text = html_plain_text(markup)
    if not text.strip():
        return InputFailure(source, "empty: no text found in the HTML page")
    return _article(text, source, max_bytes)


_SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "head", "svg"}
_BLOCK_ELEMENTS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}


class _PlainText(HTMLParser):
    """Every text node outside scripts and styles, a paragraph break at each block; no depth limit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_ELEMENTS:
            self.skipping += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_ELEMENTS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_plain_text(markup: str) -> str:
    """The plain text of an HTML page: paragraphs kept, runs of white space within them made one space.

    markup (str): the page.
    RETURNS (str): its text, paragraphs separated by a blank line.
    """
    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    paragraphs = (" ".join(chunk.split()) for chunk in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _from_fields(row: dict, source: str, max_bytes: int) -> Article | InputFailure:
    """An article from a JSONL object or CSV row: the text field plus the metadata fields."""
    text = row.get("text")
    if not isinstance(text, str):
        return InputFailure(source, "no text field" if text is None else "the text field is not a string")
    return _article(text, source, max_bytes, **{k: row.get(k) for k in METADATA_FIELDS})


def _read_jsonl(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Article | InputFailure]:
    """One JSON object per line, with a "text" field and optional metadata fields."""
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes * 4:
            yield InputFailure(where, f"line {number}: oversized, longer than the {max_bytes}-byte limit allows")
            continue
        try:
            row = json.loads(decode(raw))
        except BadInput as err:
            yield InputFailure(where, f"line {number}: {err.message}")
            continue
        except json.JSONDecodeError as err:
            yield InputFailure(where, f"line {number}: malformed JSON ({err.msg.removesuffix(' at')} at column {err.colno})")
            continue
        if not isinstance(row, dict):
            yield InputFailure(where, f"line {number}: not a JSON object")
            continue
        item = _from_fields(row, where, max_bytes)
        if isinstance(item, InputFailure):
            item.reason = f"line {number}: {item.reason}"
        yield item


def _read_json(data: bytes, source: str, max_bytes: int) -> Iterator[Article | InputFailure]:
    """A JSON file: one article object, or a list of them."""
    try:
        value = json.loads(decode(data))
    except BadInput as err:
        yield InputFailure(source, err.message)
        return
    except json.JSONDecodeError as err:
        yield InputFailure(source, f"malformed JSON ({err.msg.removesuffix(' at')} at line {err.lineno})")
        return
    rows = value if isinstance(value, list) else [value]
    for index, row in enumerate(rows):
        where = f"{source}[{index}]" if isinstance(value, list) else source
        yield _from_fields(row, where, max_bytes) if isinstance(row, dict) else InputFailure(where, "not a JSON object")


def _read_csv(data: bytes, source: str, max_bytes: int) -> Iterator[Article | InputFailure]:
    """A CSV file with a header row; a "text" column is required, id/title/url/outlet/published are kept."""
    try:
        text = decode(data)
    except BadInput as err:
        yield InputFailure(source, err.message)
        return
    csv.field_size_limit(max(max_bytes * 4, 131072))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        yield InputFailure(source, "empty: no header row")
        return
    except csv.Error as err:
        yield InputFailure(source, f"malformed CSV header ({err})")
        return
    if "text" not in header:
        yield InputFailure(source, "missing text column (columns: " + ", ".join(header) + ")")
        return
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield InputFailure(f"{source}:{reader.line_num}", f"line {reader.line_num}: malformed CSV row ({err})")
            continue
        where = f"{source}:{reader.line_num}"
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield InputFailure(
                where, f"line {reader.line_num}: malformed CSV row ({len(values)} fields, the header has {len(header)})"
            )
            continue
        item = _from_fields(dict(zip(header, values)), where, max_bytes)
        if isinstance(item, InputFailure):
            item.reason = f"line {reader.line_num}: {item.reason}"
        yield item
