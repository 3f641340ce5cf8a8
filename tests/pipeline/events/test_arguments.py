"""Tests of arguments: doers and done-to linked to actors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_arguments_assault_doers(border):
    event = border.one("attacked an army checkpoint")
    assert event["type"] == "ASSAULT"
    assert any("rebel" in n or "velnor" in n for n in event["actor_names"])


def test_arguments_accusation_recipient_and_threat_target(border, talks):
    accuse = border.one("accused the rebels")
    assert accuse["type"] == "ACCUSE" and any("rebel" in n for n in accuse["recipient_names"])
    threat = talks.one("threatened to expel")
    assert threat["type"] == "THREATEN" and "borland" in threat["recipient_names"]


def test_arguments_dateline_city_is_not_a_doer(extract):
    """The parser often takes a dateline's city for the subject; it files the story, it does not act."""
    text = "MARSAKA, June 2 (Example Wire) - Police fired tear gas at hundreds of protesters on Sunday."
    record = extract(text, published="2024-06-02")
    names = {a["id"]: a["name"] for a in record["actors"]}
    doers = {names[i] for e in record["events"] for i in e["actors"]}
    assert record["events"] and "MARSAKA" not in doers
    assert "MARSAKA" not in names.values()
