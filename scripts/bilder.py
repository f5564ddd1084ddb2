"""Make the pictures in docs/bilder/ from the demo: what plan-sheets produces, to look at.

    python scripts/bilder.py            # writes docs/bilder/*.png
    python scripts/bilder.py --dpi 80   # sharper (and bigger) pictures

Runs `plan-sheets demo` on a fixed day into a temporary folder, has LibreOffice turn
the workbooks into PDFs, and cuts PNGs out of them with pdftoppm (poppler-utils):

- `styrgrupp.png`: the first page of the steering group's workbook;
- `arsrapport.png`: the first page of the annual report's PDF;
- `huvuddokument.png`: the top of the huvuddokument's Aktiviteter sheet with its traffic
  lights (a copy with the sheet alone and its widest text columns hidden, so that a page
  shows what matters; the huvuddokument itself is not changed);
- `webb-oversikt.png`, `webb-fokusomrade.png`: the top of the public site's index page and
  of focus area 2's page, as headless Chromium shows them 1024 px wide.

Needs `soffice`, `pdftoppm` and `chromium` on PATH. Run it again after a change to the reports, and
commit the PNGs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "bilder"
DAY = "2026-12-01"
"""The demo's day: the third tertial of 2026, with the annual report for 2026."""
SHOWN_ROWS = 26
"""Rows of Aktiviteter in the picture (title, header and the first activities)."""
HIDDEN = ("Beskrivning", "Kontaktperson", "Delaktiga", "Mål",
          "Beslutad", "Senast uppdaterad")
"""Columns left out of the huvuddokument's picture, so that the traffic lights show."""


def run(*args: str | Path, cwd: Path | None = None) -> None:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(str(a) for a in args)} misslyckades:\n{done.stdout}{done.stderr}")


def to_pdf(workbook: Path, folder: Path) -> Path:
    run("soffice", "--headless", "--convert-to", "pdf", workbook, "--outdir", folder)
    return folder / f"{workbook.stem}.pdf"


def page_png(pdf: Path, page: int, target: Path, dpi: int) -> Path:
    stem = target.with_suffix("")
    run("pdftoppm", "-f", page, "-l", page, "-png", "-singlefile", "-r", dpi, pdf, stem)
    return target


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")


def screenshot(page: Path, target: Path, *, width: int = 1024, height: int = 1300) -> Path:
    """What headless Chromium shows of `page`, as a PNG of few colours (small to commit)."""
    from PIL import Image

    run(browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        f"--screenshot={target}", f"--window-size={width},{height}", page.as_uri())
    with Image.open(target) as shot:
        small = shot.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)
    return target


def activities_only(main: Path, copy: Path) -> Path:
    """A copy of the huvuddokument with only Aktiviteter, its top rows on one page."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(main)
    for name in wb.sheetnames:
        if name != "Aktiviteter":
            del wb[name]
    ws = wb["Aktiviteter"]
    header_row = next(r for r in range(1, 11)
                      if any(c.value == "Status" for c in ws[r]))
    last = 0
    for cell in ws[header_row]:
        if cell.value in HIDDEN or cell.value is None:
            ws.column_dimensions[get_column_letter(cell.column)].hidden = True
        else:
            last = max(last, cell.column)
    ws.print_area = f"A1:{get_column_letter(last)}{SHOWN_ROWS}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    wb.save(copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=70, help="upplösning (standard 70)")
    dpi = parser.parse_args().dpi
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} saknas: installera LibreOffice och poppler-utils.")
    if browser() is None:
        sys.exit("chromium saknas: installera Chromium.")
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="plan-sheets-bilder-") as name:
        work = Path(name)
        demo = work / "demo"
        run(sys.executable, "-m", "plan_sheets", "demo", "--out", demo, "--today", DAY)
        pdfs = work / "pdf"
        steering = next((demo / "styrgrupp").glob("styrgruppsrapport-*.xlsx"))
        annual = next(demo.glob("arsrapport-*/arsrapport-*.pdf"))
        main_copy = activities_only(demo / "huvuddokument.xlsx", work / "huvuddokument.xlsx")
        made = [
            page_png(to_pdf(steering, pdfs), 1, TARGET / "styrgrupp.png", dpi),
            page_png(annual, 1, TARGET / "arsrapport.png", dpi),
            page_png(to_pdf(main_copy, pdfs), 1, TARGET / "huvuddokument.png", dpi),
            screenshot(demo / "webb" / "index.html", TARGET / "webb-oversikt.png"),
            screenshot(demo / "webb" / "fokusomrade-2.html", TARGET / "webb-fokusomrade.png"),
        ]
    for path in made:
        print(f"{path.relative_to(ROOT)}  ({path.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
