"""The property of tests/groups/test_merge_typed_property.py with many more examples."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from typed_edits import check_merge_keeps_or_refuses, split_folder, typed_edits

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return split_folder(tmp_path_factory.mktemp("typed-many"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=typed_edits())
def test_merge_keeps_every_typed_text_or_stops_many(template, typed):
    check_merge_keeps_or_refuses(template, typed)
