"""The annual report's charts on paper: drawn at the size they are printed, no text under
8 pt, only the shipped Carlito, the PNG the same picture as the PDF's chart."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from annual_plans import TODAY, big_plan, loaded
from plan_sheets.annual import charts, plates
from plan_sheets.annual.figures import annual_figures
from plan_sheets.annual.pack import write_annual
from plan_sheets.annual.pdf import document
from plan_sheets.example.followup import example_plan

SMALLEST = 8.0


def placed_widths(figs) -> dict[str, float]:
    """Each chart's width on the page in centimetres, as the PDF's layout places it."""
    doc = document(figs, title="Test", source="h.xlsx", personal_data=False)
    out = {}
    for section in doc["sections"]:
        for block in section["blocks"]:
            items = block["items"] if block["kind"] == "figures" else \
                [block] if block["kind"] == "figure" else []
            for item in items:
                out[item["file"]] = item["width"]
    return out


def printed_sizes(plate: plates.Plate, width_cm: float) -> list[tuple[str, float]]:
    """(text, its size in points on paper) for every text the plate draws."""
    from matplotlib.text import Text

    with charts.style():
        fig = plate.figure()
        fig.canvas.draw()
        scale = width_cm / (fig.get_size_inches()[0] * 2.54)
        return [(t.get_text(), t.get_fontsize() * scale) for t in fig.findobj(Text)
                if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("plan", [example_plan(), big_plan(10)], ids=["example", "tenfold"])
def test_no_chart_prints_text_under_8_points(plan):
    figs = annual_figures(plan, year=2026, today=TODAY)
    widths = placed_widths(figs)
    chosen = plates.all_plates(figs)
    assert {p.name for p in chosen} == set(widths)
    for plate in chosen:
        sizes = printed_sizes(plate, widths[plate.name])
        assert sizes, plate.name
        small = [(text, round(size, 2)) for text, size in sizes if size < SMALLEST - 1e-6]
        assert not small, (plate.name, small)
        assert widths[plate.name] == pytest.approx(plate.size[0] * 2.54, abs=0.01)


def test_no_chart_label_is_cut_where_it_could_wrap():
    figs = annual_figures(example_plan(), year=2026, today=TODAY)
    widths = placed_widths(figs)
    for plate in plates.all_plates(figs):
        cut = [t for t, _ in printed_sizes(plate, widths[plate.name]) if "…" in t]
        assert not cut, (plate.name, cut)


needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None,
                                   reason="poppler (pdffonts) is not installed")


@pytest.mark.e2e
@needs_poppler
def test_the_pdf_uses_the_shipped_carlito_and_nothing_else(tmp_path):
    from dataclasses import replace

    plan = example_plan()
    # Text Carlito cannot show, in a chart and in a table: shown as `?`, in Carlito.
    goal = replace(plan.goals[0], name=plan.goals[0].name + " ✓ 中 $x^2$")
    plan = replace(plan, goals=(goal, *plan.goals[1:]))
    result = write_annual(loaded(plan, tmp_path / "h.xlsx"), tmp_path, year=2026, today=TODAY)
    listing = subprocess.run(["pdffonts", str(result.pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    faces = {line.split()[0].split("+")[-1] for line in listing}
    assert faces == {"Carlito", "Carlito-Bold"}


def test_each_png_is_the_chart_at_its_printed_size(tmp_path):
    from PIL import Image

    figs = annual_figures(example_plan(), year=2026, today=TODAY)
    chosen = plates.all_plates(figs)[:3]
    with charts.style():
        plates.render_all(chosen, tmp_path)
    for plate in chosen:
        with Image.open(tmp_path / f"{plate.name}.png") as png:
            assert png.size == (round(plate.size[0] * plates.DPI),
                                round(plate.size[1] * plates.DPI))
