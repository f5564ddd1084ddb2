"""`write_reports` vs xlsxwriter writing the same activity rows once (30,000 activities).

Writes a generated huvuddokument (benchmarks/generate.py), reads it once, then
times, side by side in the same run, the median of three of:
  (a) write_reports(): the steering group's workbook and the five focus-area
      workbooks, validation and figures included;
  (b) xlsxwriter writing the activities' rows once: a plain loop of write_row
      into one sheet (the same options plan-sheets opens workbooks with).
The target is (a) <= 2.5 x (b) (issue 14).

    python benchmarks/bench_report.py [--activities 30000] [--one-process] [--profile]
                                      [--keep DIR]

On Linux with two or more cores write_reports writes the focus-area workbooks
in a forked process beside the steering group's; --one-process times it as on
Windows and macOS, where it writes them one after another.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_plan  # noqa: E402

TARGET = 2.5
TODAY = date(2026, 11, 26)


def activity_rows(loaded) -> tuple[list[str], list[list]]:
    """The activities as cell values, the contract's columns then the staff's."""
    from plan_sheets.workbook.newbook import staff_headers
    from plan_sheets.workbook.rowvalues import activity_values
    from plan_sheets.workbook.schema import ACTIVITIES

    extra = staff_headers(loaded.plan)
    rows = []
    for a in loaded.plan.activities:
        values = activity_values(a)
        rows.append([values.get(f.key) for f in ACTIVITIES.fields] +
                    [a.extra.get(h) for h in extra])
    return [*ACTIVITIES.headers, *extra], rows


def xlsxwriter_once(path: Path, headers: list[str], rows: list[list]) -> None:
    from plan_sheets.workbook.xlsxbook import open_workbook

    wb = open_workbook(path)
    ws = wb.add_worksheet("Aktiviteter")
    ws.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()


def median_time(run: Callable[[], None], times: int = 3) -> list[float]:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        spent.append(time.perf_counter() - start)
    return spent


def main() -> None:
    from plan_sheets import parallel
    from plan_sheets.reports import report
    from plan_sheets.workbook.reader import read_workbook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=30_000)
    parser.add_argument("--one-process", action="store_true",
                        help="write every workbook in this process (as on Windows and macOS)")
    parser.add_argument("--profile", action="store_true",
                        help="profile one write_reports with pyinstrument instead of timing")
    parser.add_argument("--keep", type=Path, help="keep the generated huvuddokument here")
    args = parser.parse_args()
    if args.one_process:
        report.PARALLEL_FROM = sys.maxsize
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "huvuddokument.xlsx"
        start = time.perf_counter()
        write_plan(source, args.activities)
        print(f"generated {args.activities} activities ({source.stat().st_size / 1e6:.1f} MB)"
              f" in {time.perf_counter() - start:.1f} s")
        loaded = read_workbook(source)
        headers, rows = activity_rows(loaded)

        def reports() -> None:
            report.write_reports(loaded, folder / "rapporter", period="2026-T3", today=TODAY)

        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
            reports()
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
            return
        ours, plain = [], []
        for _ in range(3):  # interleaved, so that both see the same machine state
            ours += median_time(reports, times=1)
            plain += median_time(lambda: xlsxwriter_once(folder / "plain.xlsx", headers, rows),
                                 times=1)
        a, b = statistics.median(ours), statistics.median(plain)
        parallel = len(loaded.plan.activities) >= report.PARALLEL_FROM and parallel.can_fork()
        print(f"cores: {os.cpu_count()}, focus-area workbooks in a second process: "
              f"{'yes' if parallel else 'no'}")
        print(f"write_reports (steering + {len(report.figures.focus_numbers(loaded.plan))} "
              f"focus-area workbooks): {a:6.2f} s  (runs: "
              f"{', '.join(f'{t:.2f}' for t in ours)})")
        print(f"xlsxwriter, the {len(rows)} rows once:           {b:6.2f} s  (runs: "
              f"{', '.join(f'{t:.2f}' for t in plain)})")
        ratio = a / b
        print(f"ratio: {ratio:.2f} (target <= {TARGET}) -> {'OK' if ratio <= TARGET else 'MISSED'}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, args.keep / "bench-huvuddokument.xlsx")


if __name__ == "__main__":
    main()
