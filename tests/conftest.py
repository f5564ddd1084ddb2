"""Shared by every test folder: tests/ on sys.path, the e2e marker, LibreOffice skipped if absent.

The tests mirror the stages (`tests/<stage>/test_*.py`, no `__init__.py`, basenames unique);
the helper modules here (`builders`, `corpus`, `edits` …) are imported by name from any folder.
Slow end-to-end tests live in `tests/e2e/` with `pytestmark = pytest.mark.e2e`; a test in a
stage folder that runs a whole chain (a whole annual pack, `demo`, `run`, a forked process)
carries `@pytest.mark.e2e` beside its stage's fast tests, and a test that needs LibreOffice
anywhere is end-to-end too, so `pytest -m "not e2e" -n auto` leaves them all out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import soffice  # noqa: E402


def pytest_collection_modifyitems(config, items):
    missing = soffice() is None
    skip = pytest.mark.skip(reason="LibreOffice (soffice) finns inte på den här datorn")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(skip)
