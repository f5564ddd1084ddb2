"""Lossless patch vs openpyxl round trip on a 30,000-activity huvuddokument.

Builds an Aktiviteter-like workbook (18 contract columns, realistic Swedish
text) with xlsxwriter, then times, side by side in the same run, the median of
three of:
  (a) apply_patch changing 1 % of the Status cells (archive off: it is one copy);
  (b) openpyxl.load_workbook(path).save(other).
The target is (a) <= 1/4 of (b).

    python benchmarks/bench_patch.py [--rows 30000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WORDS = ("näringsliv företag kommun samverkan etablering kompetens utbildning dialog "
         "besök nätverk handel turism innovation digital hållbar tillväxt arbetsmarknad "
         "plan lokal region dialogmöte uppföljning företagsklimat service").split()
OFFICES = ("Näringslivskontoret", "Kommunstyrelsens förvaltning", "Stadsbyggnadskontoret",
           "Utbildningskontoret", "Arbetsmarknadsförvaltningen")
PEOPLE = ("Anna Andersson", "Erik Svensson", "Maria Nilsson", "Johan Karlsson", "Sara Lind")
STATUS_COLUMN = 12


def build(path: Path, rows: int, *, seed: int = 1) -> None:
    import xlsxwriter

    from plan_sheets.workbook.schema import ACTIVITIES

    rnd = random.Random(seed)

    def text(words: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize()

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                         "strings_to_urls": False})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True})
    ws = wb.add_worksheet("Aktiviteter")
    ws.write_row(0, 0, ACTIVITIES.headers)
    base = dt.datetime(2024, 1, 1)
    for r in range(1, rows + 1):
        f, i = rnd.randint(1, 5), rnd.randint(1, 6)
        ws.write_row(r, 0, [f"{f}.{i}.{r}", f, f"{f}.{i}", text(5)])
        ws.write_string(r, 4, text(20), wrap)
        ws.write_row(r, 5, [rnd.choice(OFFICES), rnd.choice(PEOPLE), text(3)])
        ws.write_datetime(r, 8, base + dt.timedelta(days=rnd.randint(0, 700)), date)
        ws.write_datetime(r, 9, base + dt.timedelta(days=rnd.randint(365, 1100)), date)
        ws.write_row(r, 10, [rnd.choice(("Planerad", "Pågående", "Genomförd", "Avbruten")),
                             rnd.choice(("Grön", "Gul", "Röd"))])
        ws.write_string(r, 12, text(12), wrap)
        ws.write_row(r, 13, [text(8), text(8),
                             ", ".join(f"M{rnd.randint(1, 12)}"
                                       for _ in range(rnd.randint(1, 3)))])
        ws.write_datetime(r, 16, base + dt.timedelta(days=rnd.randint(0, 700)), date)
        ws.write_datetime(r, 17, base + dt.timedelta(days=rnd.randint(500, 800)), date)
    wb.close()


def patch_status(path: Path, rows: int) -> None:
    from plan_sheets.lossless import Patch, apply_patch

    rnd = random.Random(2)
    patch = Patch()
    for r in rnd.sample(range(2, rows + 2), max(1, rows // 100)):
        patch.set_cell("Aktiviteter", r, STATUS_COLUMN, rnd.choice(("Grön", "Gul", "Röd")))
    apply_patch(path, patch, archive=False)


def openpyxl_round_trip(path: Path, other: Path) -> None:
    import openpyxl

    openpyxl.load_workbook(path).save(other)


def median_time(run: Callable[[], None], *, prepare: Callable[[], None],
                times: int = 3) -> float:
    spent = []
    for _ in range(times):
        prepare()
        start = time.perf_counter()
        run()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--keep", type=Path, help="keep the built workbook in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.xlsx"
        start = time.perf_counter()
        build(source, args.rows)
        print(f"built {args.rows} activities ({source.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - start:.1f} s")
        work = folder / "huvuddokument.xlsx"

        def fresh() -> None:
            shutil.copyfile(source, work)

        patched = median_time(lambda: patch_status(work, args.rows), prepare=fresh)
        other = folder / "openpyxl.xlsx"
        rewritten = median_time(lambda: openpyxl_round_trip(source, other), prepare=lambda: None)
        ratio = patched / rewritten
        print(f"apply_patch, 1 % of Status ({args.rows // 100} cells): {patched:6.2f} s")
        print(f"openpyxl load + save:                  {rewritten:6.2f} s")
        print(f"ratio: {ratio:.2f} (target <= 0.25) -> {'OK' if ratio <= 0.25 else 'MISSED'}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, args.keep / "bench-source.xlsx")


if __name__ == "__main__":
    main()
