"""paminnelser: one file per office, even when office names make the same file name."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner

from builders import PlanBook, activity
from plan_sheets.cli import cli

OFFICES = [
    "Miljökontoret", "Miljokontoret", "MILJÖKONTORET", "Miljo\u0308kontoret (NFD)",
    "Förvaltningen för samhällsbyggnad och stadsutveckling, avdelning norr",
    "Förvaltningen för samhällsbyggnad och stadsutveckling, avdelning söder",
]


def test_every_office_gets_its_own_file_and_the_count_is_the_files_written(tmp_path):
    stale = {"Senast uppdaterad": dt.date(2026, 6, 1)}
    book = PlanBook(activities=[activity(f"1.1.{i}", Ansvarig=office, **stale)
                                for i, office in enumerate(OFFICES, start=1)])
    source = book.write(tmp_path / "huvuddokument.xlsx")
    out = tmp_path / "ut"
    result = CliRunner().invoke(cli, ["paminnelser", str(source), "--out", str(out),
                                      "--today", "2026-11-26"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    said = int(re.search(r"Skrev (\d+) påminnelse", result.output).group(1))
    assert said == len(written)
    assert len({name.casefold() for name in written}) == len(written)
    offices = re.findall(r"\((.+): \d+ aktivitet", result.output)
    assert len(offices) == said
    texts = [(out / name).read_text(encoding="utf-8") for name in written]
    for office in offices:  # each file is its office's
        assert sum(f"– {office}\n" in text for text in texts) == 1
    assert all(p.parent == out for p in tmp_path.rglob("paminnelse-*"))
