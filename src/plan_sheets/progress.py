"""How a long library call says what it is doing: a function the CLI gives it, or `quiet`."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str], None]
"""Called with one Swedish line at each step (`Skriver fokusomrade-1.xlsx …`)."""


def quiet(_message: str) -> None:
    """Progress nobody is shown."""
