"""The annual report of a plan of 3,000 activities: the status of every decided one is in
the PDF (the appendix), none dropped for the plan's size."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from annual_plans import TODAY, big_plan, loaded
from plan_sheets.annual.figures import annual_figures
from plan_sheets.annual.pack import write_annual

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(shutil.which("pdftotext") is None,
                                 reason="poppler (pdftotext) is not installed")]


def test_every_decided_id_is_in_the_pdf_at_3000_activities(tmp_path):
    plan = big_plan(50)
    assert len(plan.activities) == 3000
    result = write_annual(loaded(plan), tmp_path, year=2026, today=TODAY)
    text = subprocess.run(["pdftotext", "-layout", str(result.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    appendix = text[text.index("Bilaga: alla beslutade aktiviteter"):]
    found = set(re.findall(r"(?m)^\s*(\d+\.\d+\.\d+)\s", appendix))
    decided = {a.id for a in annual_figures(plan, year=2026, today=TODAY).population.decided}
    assert len(decided) > 2500
    assert decided <= found
    # Each with its light: a cancelled one with none.
    cancelled = next(a for a in plan.activities if a.phase.value == "Avbruten")
    assert re.search(rf"(?m)^\s*{re.escape(cancelled.id)}\s.*Avbruten\s+–\s+Avbruten", appendix)
