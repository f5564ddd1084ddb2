from __future__ import annotations

import pytest

from builders import soffice


def pytest_collection_modifyitems(config, items):
    if soffice() is None:
        skip = pytest.mark.skip(reason="LibreOffice (soffice) finns inte på den här datorn")
        for item in items:
            if "libreoffice" in item.keywords:
                item.add_marker(skip)
