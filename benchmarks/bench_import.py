"""`plan-sheets import` on a generated old plan of 3,000 activities (target: a few seconds).

The old plan is laid out as hand-kept plans are: one sheet per focus area, a
title row, merged, bold, filled heading rows for the intervention areas with
their "där kommunen …" texts, IDs numbered per area, Status only as a fill
(RGB, theme colour with tint, indexed), a free-text timeline and a
responsibility column naming several offices. Times, median of three, in the
same process and side by side:
  (a) import_workbook(): read (openpyxl, full mode), interpret, write the new
      huvuddokument and its Import sheet;
  (b) openpyxl.load_workbook() of the old plan alone (what reading it costs).

    python benchmarks/bench_import.py [--activities 3000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

OFFICES = ("NLK", "SBK", "KLK", "AMF", "Näringslivskontoret", "Samhällsbyggnadskontoret")
TIMELINES = ("2017", "2017–2018", "2017-2019", "HT 2017", "VT 2018", "Q3 2018", "Våren 2019",
             "december 2017", "Löpande", "Klar", "Pågår")


def write_old_plan(path: Path, activities: int, *, seed: int = 0) -> Path:
    """An old, hand-kept plan: 5 sheets, 8 intervention areas each, fills for status."""
    from openpyxl import Workbook
    from openpyxl.styles import Color, Font, PatternFill

    rng = random.Random(seed)
    fills = [PatternFill("solid", fgColor="FF00B050"), PatternFill("solid", fgColor="FFFFC000"),
             PatternFill("solid", fgColor="FFFF0000"),
             PatternFill("solid", fgColor=Color(theme=6, tint=0.4)),
             PatternFill("solid", fgColor=Color(indexed=10)), None]
    heading_fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.8))
    wb = Workbook()
    wb.remove(wb.active)
    per_sheet = activities // 5
    for focus in range(1, 6):
        ws = wb.create_sheet(f"Fokusområde {focus}")
        ws.append([f"Fokusområde {focus}: Område nummer {focus}"])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(["Nr", "Aktivitet", "Ansvar", "Tidplan", "Status", "Kommentar", "Mål"])
        count = per_sheet + (activities % 5 if focus == 5 else 0)
        areas = 8
        for area in range(1, areas + 1):
            ws.append([f"{area}. Där kommunen arbetar med insats {focus}.{area}. "
                       f"Genom att göra saker."])
            row = ws.max_row
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
            ws.cell(row, 1).font = Font(bold=True)
            ws.cell(row, 1).fill = heading_fill
            n = count // areas + (count % areas if area == areas else 0)
            for number in range(1, n + 1):
                offices = rng.sample(OFFICES, rng.choice((1, 1, 2)))
                ws.append([number, f"Aktivitet {focus}.{area}.{number}", "/".join(offices),
                           rng.choice(TIMELINES), None,
                           rng.choice(("", "Enligt plan", "Orsak: resurser. Åtgärd: anställ.")),
                           f"M{rng.randint(1, 8)}"])
                fill = rng.choice(fills)
                if fill is not None:
                    ws.cell(ws.max_row, 5).fill = fill
    wb.save(path)
    return path


def median_time(function, repeat: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds (the machine is shared: CPU time is the steadier)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    import openpyxl

    from plan_sheets.importer.command import import_workbook

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        old = write_old_plan(work / "gammal.xlsx", args.activities)
        new = work / "ny.xlsx"

        def run_import() -> None:
            new.unlink(missing_ok=True)
            import_workbook(old, new)

        def load_only() -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                openpyxl.load_workbook(old, data_only=True)

        imported = median_time(run_import)
        loaded = median_time(load_only)
        result = import_workbook(old, work / "check.xlsx")
        print(f"{args.activities} aktiviteter, {old.stat().st_size // 1024} kB gammal plan, "
              f"{len(result.record.entries)} rader i Import")
        print(f"import_workbook: {imported[0]:.2f} s väggtid, {imported[1]:.2f} s CPU "
              "(median av 3)")
        print(f"openpyxl.load_workbook av den gamla planen: {loaded[0]:.2f} s väggtid, "
              f"{loaded[1]:.2f} s CPU (import = {imported[1] / loaded[1]:.1f} x läsningen, CPU)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(old, args.keep / "gammal.xlsx")
            shutil.copy(new, args.keep / "ny.xlsx")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
