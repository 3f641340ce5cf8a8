"""Tests of reportability: no event from metaphor, history, opinion or disaster."""

from __future__ import annotations

import pytest

from tests.conftest import fixture_text

pytestmark = pytest.mark.slow


def test_reportability_none_from_metaphor_history_opinion_or_disaster(code):
    assert code(fixture_text("events_none")).events == []
