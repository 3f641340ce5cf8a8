import io
import json

import pytest

from eventwire.errors import BadDate
from eventwire.ingest import Article, InputFailure, decode, headed, parse_published, read_inputs

STORY = "Police in the port city arrested 14 protesters on Tuesday after a march against rising bread prices."
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
HTML_PAGE = """<html><head><title>Clashes in the capital</title>
<meta property="article:published_time" content="2023-03-04T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Clashes in the capital</h1>
<p>Security forces clashed with stone-throwing youths in the capital on Saturday, leaving three people injured, the interior ministry said in a statement.</p>
<p>The ministry said 12 people were detained and that calm had returned to the streets by the evening.</p>
</article><footer>Copyright Example Wire</footer></body></html>"""


def read(*paths, **options):
    return list(read_inputs([str(p) for p in paths], **options))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_ingest_reads_plain_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY + "\n", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.text == STORY + "\n"
    assert article.id is None and article.source == str(path)


def test_ingest_keeps_crlf_and_strips_bom(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode() + b"\r\nSecond line.")
    assert only(read(path)).text == STORY + "\r\nSecond line."


def test_ingest_reads_windows_1252_text(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("The minister\u2019s visit \u2013 the first since 2019.".encode("cp1252"))
    assert only(read(path)).text == "The minister\u2019s visit \u2013 the first since 2019."


def test_ingest_reads_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = only(read(path))
    assert "leaving three people injured" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.title == "Clashes in the capital"
    assert article.published == "2023-03-04"


def test_ingest_reads_jsonl_with_metadata_and_ignores_other_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": 17, "title": "Arrests", "url": "https://example.org/a", "outlet": "Example Wire",
         "published": "Sept. 7, 2021", "text": STORY, "lang": "en"},
        {"text": "A second story about a ceasefire."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read(path)
    assert (first.id, first.title, first.url, first.outlet, first.published) == (
        "17", "Arrests", "https://example.org/a", "Example Wire", "2021-09-07"
    )
    assert first.source == f"{path}:1"
    assert second.id is None and second.published is None


def test_ingest_a_title_given_apart_becomes_the_headline(tmp_path):
    body = "A man was shot and killed outside a gas station on Elm Street late Friday, police said."
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"title": "Man killed at Elm Street gas station", "text": body}) + "\n", encoding="utf-8")
    article = only(read(path))
    assert article.text == "Man killed at Elm Street gas station\n\n" + body
    assert article.title == "Man killed at Elm Street gas station"


def test_ingest_a_title_the_text_already_opens_with_is_not_repeated():
    body = "MAN KILLED AT ELM STREET GAS STATION\n\nA man was shot and killed late Friday, police said."
    assert headed(body, "Man killed at Elm Street gas station") == body
    byline = "By Dana Reyes, Staff Writer\n\nMan killed at Elm Street gas station\n\nA man was shot late Friday."
    assert headed(byline, "Man killed at Elm Street gas station") == byline
    assert headed(body, None) == body and headed(body, "  ") == body
    assert headed("Police said a man was shot.", "Shot") == "Shot\n\nPolice said a man was shot."
    assert Article(text=body, title="Two lines\nof title").text == body


def test_ingest_reads_csv_with_metadata_columns(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(
        'id,title,published,extra,text\nw-1,Arrests,2021-09-07,x,"' + STORY + '"\nw-2,,,,"Two lines,\nin one cell."\n',
        encoding="utf-8",
    )
    first, second = read(path)
    assert (first.id, first.title, first.published, first.text) == ("w-1", "Arrests", "2021-09-07", "Arrests\n\n" + STORY)
    assert second.title is None and second.text == "Two lines,\nin one cell."


def test_ingest_reads_folders_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not read.", encoding="utf-8")
    assert [a.text for a in read(tmp_path)] == ["First story text.", "Second story text."]


def test_ingest_reads_stdin_as_text_or_jsonl():
    text = only(list(read_inputs(["-"], stdin=io.BytesIO(STORY.encode()))))
    assert text.text == STORY and text.source == "<stdin>"
    rows = list(read_inputs(["-"], stdin=io.BytesIO(b'{"text": "One."}\n{"text": "Two."}\n')))
    assert [a.text for a in rows] == ["One.", "Two."]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("scan.txt", PNG_BYTES, "binary"),
        ("photo.png", PNG_BYTES, "binary"),
        ("mixed.txt", b"Police said \x81\x8d\x8f\x90 the road was open.", "undecodable"),
        ("big.txt", b"word " * 300, "oversized"),
        ("page.html", b"<html><head><title>Home</title></head><body><script>var a = 1;</script></body></html>", "empty"),
    ],
)
def test_ingest_reports_unreadable_files(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    failure = only(read(path, max_bytes=1000))
    assert isinstance(failure, InputFailure)
    assert failure.reason.startswith(reason), failure.reason
    assert "\n" not in failure.reason and failure.source == str(path)


def test_ingest_reports_bad_jsonl_lines_and_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"text": "Good one."}\n'
        b'{"text": "broken\n'
        b'{"title": "no text"}\n'
        b'{"text": "Bad date.", "published": "the day after never"}\n'
        b'["not", "an", "object"]\n'
        b'{"text": "Good two."}\n'
    )
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == ["Good one.", "Good two."]
    failures = {f.source: f for f in items if isinstance(f, InputFailure)}
    assert failures[f"{path}:2"].reason.startswith("line 2: malformed JSON")
    assert failures[f"{path}:3"].reason == "line 3: no text field"
    assert failures[f"{path}:4"].reason.startswith("line 4: unparseable date")
    assert failures[f"{path}:4"].code == BadDate.code
    assert failures[f"{path}:5"].reason == "line 5: not a JSON object"


def test_ingest_reports_csv_without_text_column(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("id,title,body\n1,A,Some words.\n", encoding="utf-8")
    failure = only(read(path))
    assert failure.reason.startswith("missing text column")


def test_ingest_reports_malformed_csv_rows_with_line_numbers(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,text\n1,"Good one."\n2,"Too",many,fields\n3,"Good two."\n4,"bad "quote" here"\n', encoding="utf-8")
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == ["Good one.", "Good two."]
    reasons = [f.reason for f in items if isinstance(f, InputFailure)]
    assert reasons[0].startswith("line 3: malformed CSV row (4 fields")
    assert reasons[1].startswith("line 5: malformed CSV row")


def test_ingest_reports_missing_paths(tmp_path):
    failure = only(read(tmp_path / "nowhere.txt"))
    assert failure.reason == "no such file or folder"


def test_ingest_decode_refuses_what_no_encoding_reads():
    assert decode("caf\u00e9".encode("utf-8")) == "caf\u00e9"
    assert decode("caf\u00e9".encode("cp1252")) == "caf\u00e9"
    with pytest.raises(Exception, match="undecodable"):
        decode(b"abc \x81 def")


@pytest.mark.parametrize(
    "value, expected",
    [("2021-09-07", "2021-09-07"), ("Sept. 7, 2021", "2021-09-07"), ("07/09/2021", "2021-09-07"),
     ("Tue, 07 Sep 2021 10:00:00 +0000", "2021-09-07"), ("", None), (None, None)],
)
def test_ingest_parse_published_common_formats(value, expected):
    assert parse_published(value) == expected


def test_ingest_parse_published_refuses_nonsense():
    with pytest.raises(BadDate):
        parse_published("the day after never")


def test_ingest_html_too_deep_for_the_extractor_falls_back_to_plain_text(tmp_path):
    depth = 5000
    page = (
        "<html><head><title>t</title><script>var x = 1;</script></head><body>" + "<div>" * depth
        + "<p>Gunmen attacked a bus near Kisoro on Tuesday, police said.</p><p>Two people were hurt &amp; taken to hospital.</p>"
        + "</div>" * depth + "</body></html>"
    )
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    [article] = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == (
        "Gunmen attacked a bus near Kisoro on Tuesday, police said.\n\nTwo people were hurt & taken to hospital."
    )


def test_ingest_html_without_any_text_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><div></div></body></html>", encoding="utf-8")
    [failure] = read_inputs([path])
    assert failure.reason == "empty: no text found in the HTML page"
