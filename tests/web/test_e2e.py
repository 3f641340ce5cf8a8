"""End to end: the server over a store of processed articles, driven by headless Chromium.

Uses Debian's chromium (never a downloaded browser). It skips when chromium is
missing, except under CI=true, where that is a failure. Set
EVENTWIRE_SCREENSHOTS=docs/screenshots to refresh the README's screenshots.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import FIXTURES, WEB_TOKEN

import eventwire
from eventwire.cli import cli
from eventwire.ingest import read_inputs
from eventwire.store import Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
PASTED = (
    "PORT VALE, June 2 (Example Wire) - Fishermen blocked the harbour of Port Vale on Monday to protest against "
    'new catch quotas, the harbour master said. "We will stay until the ministry listens," said Jonas Berg, '
    "who leads the fishermen's union."
)

pytestmark = pytest.mark.slow


def _browser_or_skip():
    """Playwright's sync API; skips (fails under CI=true) without chromium or the npm-built page libraries."""
    from eventwire.web.app import STATIC

    missing = None
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        missing = f"{CHROMIUM} is not installed (apt-get install chromium)"
    elif not (STATIC / "vendor" / "leaflet" / "leaflet.js").exists():
        missing = f"{STATIC / 'vendor'} is not built (bash scripts/setup.sh runs npm)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the end-to-end test needs what .ci/run sets up: {missing}")
        pytest.skip(missing)
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """The app on a free loopback port in a thread, over a new store of the fixture articles."""
    import uvicorn

    _browser_or_skip()
    from eventwire.web.app import create_app
    from eventwire.web.settings import Settings

    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    store = Store(url)
    for record in eventwire.extract_many(list(read_inputs([FIXTURES / "web" / "articles.jsonl"])), nlp=nlp):
        store.write(record)
    app = create_app(Settings(db=url, token=WEB_TOKEN))
    app.state.nlp = nlp
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    uvicorn_server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def page(server):
    sync_api = _browser_or_skip()
    base, _ = server
    outside: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base)

        def only_this_server(route):
            if route.request.url.startswith(base):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_this_server)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        yield tab
        browser.close()
    assert outside == [], f"the pages tried to fetch from outside: {outside}"
    assert errors == [], f"script errors: {errors}"


def shot(page, name: str, tmp_path_factory) -> None:
    folder = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path_factory.getbasetemp())
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def api(page, path: str) -> dict:
    return json.loads(page.request.get(path).text())


def points_on_map(page) -> int:
    page.wait_for_selector("#map[data-loading=no]", state="attached")
    return int(page.get_attribute("#map", "data-points"))


def test_e2e_map_filter_and_timeline(page, tmp_path_factory):
    page.goto("/")
    everything = api(page, "/api/events?format=geojson")["features"]
    assert points_on_map(page) == len(everything) > 0
    assert page.locator(".leaflet-overlay-pane path").count() > 0  # the country outlines
    page.wait_for_selector("#timeline svg .brush", state="attached")
    shot(page, "map", tmp_path_factory)

    chosen = everything[0]["properties"]["type"]
    page.select_option("#filters select[name=type]", chosen)
    page.click("#filters button[type=submit]")
    page.wait_for_url(f"**type={chosen}**")
    assert points_on_map(page) == len([f for f in everything if f["properties"]["type"] == chosen])

    page.goto("/")
    points_on_map(page)
    box = page.locator("#timeline svg").bounding_box()
    page.wait_for_selector("#timeline svg .brush", state="attached")
    bars = [rect.bounding_box() for rect in page.locator("#timeline svg > g:first-child rect").all()]
    first_bar = min((bar for bar in bars if bar and bar["height"] > 0), key=lambda bar: bar["x"])
    y = box["y"] + box["height"] / 2
    page.mouse.move(first_bar["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(first_bar["x"] + first_bar["width"] - 1, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**date_from=**")
    params = dict(p.split("=") for p in page.url.split("?")[1].split("&"))
    assert params["date_from"] == params["date_to"]  # one day's bar
    expected = api(page, f"/api/events?format=geojson&date_from={params['date_from']}&date_to={params['date_to']}")["features"]
    assert points_on_map(page) == len(expected) < len(everything)
    assert page.input_value("#filters input[name=date_from]") == params["date_from"]


def test_e2e_event_table_and_article_view(page, tmp_path_factory):
    page.goto("/events")
    rows = page.locator("#events tbody tr")
    assert rows.count() == api(page, "/api/events")["total"]
    page.click("#events th >> text=dead")
    page.wait_for_url("**sort=dead**")
    shot(page, "events", tmp_path_factory)

    page.goto("/articles/web-harbour")
    quote = page.locator(".text .hl-quote").first
    assert quote.count() == 1 and "quote" in quote.get_attribute("title")
    assert page.locator(".text sup.tag-quote").count() >= 1
    assert page.locator(".text .hl-speaker").count() >= 1
    assert page.locator(".text .hl-place").count() >= 1
    assert page.locator(".text .hl-evidence").count() >= 1
    shot(page, "article", tmp_path_factory)

    actor = api(page, "/api/actors")["items"][0]["id"]
    page.goto(f"/actors/{actor}")
    assert page.locator("h1").inner_text() == api(page, f"/api/actors/{actor}")["name"]
    shot(page, "actor", tmp_path_factory)


def test_e2e_paste_an_article(page, tmp_path_factory):
    page.goto("/paste")
    page.fill("#token", WEB_TOKEN)
    page.fill("#analyst", "e2e analyst")
    page.fill("#paste textarea[name=text]", PASTED)
    page.fill("#paste input[name=title]", "Fishermen block harbour")
    page.fill("#paste input[name=published]", "2025-06-02")
    page.click("#paste button[type=submit]")
    page.wait_for_selector("#result .article .text", timeout=60_000)
    assert "events" in page.inner_text("#paste-status")
    assert page.locator("#result .text .hl-quote").count() >= 1
    assert page.inner_text("#result h1") == "Fishermen block harbour"
    shot(page, "paste", tmp_path_factory)


def test_e2e_a_correction_shows_in_the_export(page, server, tmp_path_factory):
    _, store = server
    page.goto("/articles/web-harbour")
    page.fill("#token", WEB_TOKEN)
    page.fill("#analyst", "e2e analyst")
    first = page.locator("li.event").first
    event_id = first.get_attribute("id")
    first.locator("select[name=field]").select_option("dead")
    first.locator("input[name=new]").fill("7")
    first.locator("input[name=note]").fill("hospital count")
    first.locator("form.correct button").click()
    page.wait_for_selector(f"li.event[id='{event_id}'] .history li")
    assert "dead" in first.locator(".history").inner_text()

    runner = CliRunner()
    corrected = runner.invoke(cli, ["export", "--format", "csv", "--corrected", "--db", store.url]).stdout
    machine = runner.invoke(cli, ["export", "--format", "csv", "--db", store.url]).stdout

    def dead(text: str) -> str:
        rows = csv.DictReader(io.StringIO(text))
        return next(r["dead"] for r in rows if r["article_id"] == "web-harbour" and r["event_id"] == event_id)

    assert dead(corrected) == "7" and dead(machine) != "7"

    page.goto("/review")
    audit = page.locator("#audit tbody tr").first.inner_text()
    assert "e2e analyst" in audit and "dead" in audit and "7" in audit
    shot(page, "review", tmp_path_factory)
