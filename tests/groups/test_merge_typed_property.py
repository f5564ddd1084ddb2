"""Merge keeps what a group typed byte for byte, or stops (issue 22): a quick run of the
property in typed_edits (a long one is in tests/e2e)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from typed_edits import Typed, check_merge_keeps_or_refuses, split_folder, typed_edits


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return split_folder(tmp_path_factory.mktemp("typed"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=typed_edits())
def test_merge_keeps_every_typed_text_or_stops(template, typed):
    check_merge_keeps_or_refuses(template, typed)


def test_the_property_sees_a_lost_note(template, monkeypatch):
    """The check itself can fail: with the refusal of unheaded text undone, a note beside
    the table is lost with exit 0, and the property says so."""
    from plan_sheets.groups import decisions

    monkeypatch.setattr(decisions, "unheaded_text", lambda source, layout: [])
    with pytest.raises(AssertionError, match="beside the table was dropped"):
        check_merge_keeps_or_refuses(template, Typed(activity={"cause": "x"}, beside="Obs"))
