"""What an open-data source gives: indicator titles and values per year.

A source knows how to reach its service; everything after (which goal a value
belongs to, what is written where) is the same for every source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from plan_sheets.progress import Progress


@dataclass(frozen=True)
class Observation:
    """One published figure: an indicator's value in one area, year and breakdown."""

    indicator: str
    year: int
    breakdown: str
    """Kolada's gender: `T` (total), `K` (women), `M` (men)."""
    value: float | None
    """None: the year is published without a value."""


@dataclass(frozen=True)
class Fetched:
    """What a source answered for some indicators."""

    titles: Mapping[str, str]
    """Indicator id -> its title at the source; an id the source does not know is absent."""
    observations: Sequence[Observation]


class Source(Protocol):
    """An open-data service that publishes indicators per municipality and year."""

    name: str
    """As the user reads it (`Kolada`): in Mätvärden's Källa and in the reports."""
    goal_field: str
    """The `Mål` column (schema key) that holds this source's indicator ids."""

    def fetch(self, indicators: Sequence[str], *, area: str, years: Sequence[int],
              progress: Progress) -> Fetched:
        """Titles and values of `indicators` for municipality `area` in `years`.

        Raises SourceUnavailable when the service cannot be reached or answers
        something that is not its published format.
        """
        ...
