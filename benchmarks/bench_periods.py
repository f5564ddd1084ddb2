"""Merge in the ninth period against the first: the history a period adds must not make the
next merge slower year by year (issue 21: at 3,000 activities, at most 1.2 x).

Three years of tertials (2026-T1 … 2028-T3) on one generated huvuddokument, as the process
leader lives them: per period `split`, the groups edit 1 % of their rows and add one
activity each (as in run.py), and `merge --period P --today <a week after P>`. Before each
year's first period `plan-sheets arsskifte --year <the year before>` runs when the command
exists (issue 21's other half). Each period's merge is timed on `--repeat` fresh copies of
the huvuddokument as it stands (a real process each, waited for with os.wait4, as in run.py),
then done once for real; split, the edits and the turn of the year are not timed.

    python benchmarks/bench_periods.py [--activities 3000] [--periods 9] [--repeat 3]
                                       [--work DIR] [--results benchmarks/periods.md] [--keep]
                                       [--alternate N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from run import Measured, commit, edit_groups, log, measure, plan_sheets  # noqa: E402

from plan_sheets.periods import Form, Period  # noqa: E402

LIMIT = 1.2
"""The ninth period's merge against the first's (wall time), issue 21."""


def periods(count: int) -> list[Period]:
    first = Period(2026, Form.TERTIAL, 1)
    out = [first]
    while len(out) < count:
        out.append(out[-1].next())
    return out


def has_arsskifte() -> bool:
    done = subprocess.run(plan_sheets("arsskifte", "--help"), capture_output=True)
    return done.returncode == 0


def history_rows(main: Path) -> int:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(main))
    name = next((n for n in book.sheet_names if n == "Statushistorik"), None)
    return len(book.get_sheet_by_name(name).to_python()) if name else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--periods", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--results", type=Path)
    parser.add_argument("--alternate", type=int, default=0, metavar="N",
                        help="then N more merges each of the first and the last period, "
                             "taking turns, so that both see the same machine (fairer than "
                             "the sequence under a changing load)")
    parser.add_argument("--keep", action="store_true",
                        help="keep each period's huvuddokument and group workbooks in --work "
                             "(before-<period>.xlsx, utskick-<period>/), to profile a merge")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-periods-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    main_path = work / "huvuddokument.xlsx"
    subprocess.run([sys.executable, "-c", "import sys; sys.path[:0] = sys.argv[3:]; "
                    "from generate import write_plan; write_plan(sys.argv[1], int(sys.argv[2]))",
                    str(main_path), str(args.activities), str(HERE), str(HERE.parent / "src")],
                   check=True)
    turn = has_arsskifte()
    rows: list[tuple[str, Measured, int, float, str]] = []
    inputs: list[tuple[Path, list[str], str, str]] = []
    """(huvuddokument, group workbooks, period, today) of each period, when alternating."""
    for index, period in enumerate(periods(args.periods)):
        note = ""
        if index and period.number == 1 and turn:
            done = subprocess.run(plan_sheets("arsskifte", str(main_path), "--year",
                                              str(period.year - 1), "--today",
                                              dt.date(period.year, 1, 5).isoformat()),
                                  capture_output=True, text=True)
            note = "årsskifte före" if done.returncode == 0 else \
                f"arsskifte gav slutkod {done.returncode}"
            log(f"{period.label}: {note}")
        groups = work / "utskick"
        shutil.rmtree(groups, ignore_errors=True)
        subprocess.run(plan_sheets("split", str(main_path), "--out", str(groups)), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        edit_groups(groups, seed=index)
        today = (period.last + dt.timedelta(days=7)).isoformat()
        if args.keep:
            shutil.copyfile(main_path, work / f"before-{period.label}.xlsx")
            shutil.copytree(groups, work / f"utskick-{period.label}", dirs_exist_ok=True)
        files = [str(p) for p in sorted(groups.glob("fokusomrade-*.xlsx"))]
        if args.alternate and (index == 0 or index == args.periods - 1):
            kept = work / f"alternate-{period.label}"
            shutil.copytree(groups, kept / "utskick", dirs_exist_ok=True)
            shutil.copyfile(main_path, kept / "huvuddokument.xlsx")
            inputs.append((kept / "huvuddokument.xlsx",
                           [str(p) for p in sorted((kept / "utskick").glob("*.xlsx"))],
                           period.label, today))
        measured = Measured()
        rep = work / "rep"
        for _k in range(args.repeat):
            shutil.rmtree(rep, ignore_errors=True)
            rep.mkdir()
            copy = rep / "huvuddokument.xlsx"
            shutil.copyfile(main_path, copy)
            measured.samples.append(measure(plan_sheets(
                "merge", str(copy), *files, "--period", period.label, "--today", today),
                folder=rep))
        subprocess.run(plan_sheets("merge", str(main_path), *files, "--period", period.label,
                                   "--today", today), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        size = main_path.stat().st_size / 1e6
        history = history_rows(main_path)
        rows.append((period.label, measured, history, size, note))
        log(f"{period.label}: merge {measured.wall:6.2f} s wall {measured.cpu:6.2f} s CPU "
            f"{measured.rss_mb:5.0f} MB; Statushistorik {history} rows, {size:.1f} MB")
    first, last = rows[0][1], rows[-1][1]
    ratio_wall, ratio_cpu = last.wall / first.wall, last.cpu / first.cpu
    turns = [Measured() for _ in inputs]
    start_load = os.getloadavg()
    for _k in range(args.alternate):
        for (source, files, label, today), measured in zip(inputs, turns, strict=True):
            shutil.rmtree(rep, ignore_errors=True)
            rep.mkdir()
            shutil.copyfile(source, rep / "huvuddokument.xlsx")
            measured.samples.append(measure(plan_sheets(
                "merge", str(rep / "huvuddokument.xlsx"), *files, "--period", label,
                "--today", today), folder=rep))
    load = os.getloadavg()
    lines = [
        f"# Merge period after period ({args.activities:,} activities)".replace(",", " "),
        "",
        f"{dt.date.today().isoformat()}, code {commit()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end (the machine is shared: "
        f"times vary 10–40 % run to run). Median of {args.repeat} per period; "
        f"`arsskifte` {'ran' if turn else 'did not exist yet and did not run'} between years.",
        "",
        "| period | merge wall s | CPU s | peak MB | Statushistorik rows | file MB | |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, m, history, size, note in rows:
        lines.append(f"| {label} | {m.wall:.2f} | {m.cpu:.2f} | {m.rss_mb:.0f} | {history} | "
                     f"{size:.1f} | {note} |")
    def verdict(ratio: float) -> str:
        return "holds" if ratio <= LIMIT else "MISSED"

    # On a loaded machine the wall time is mostly waiting for a core: both are judged.
    lines += ["", f"Period {len(rows)} against period 1: {ratio_wall:.2f} x wall "
                  f"({verdict(ratio_wall)}), {ratio_cpu:.2f} x CPU ({verdict(ratio_cpu)}); "
                  f"target ≤ {LIMIT} x. Statushistorik rows: the sheet merge rewrites (after "
                  "a turn of the year, the open years' only)."]
    if len(turns) == 2 and args.alternate:
        one, other = turns
        alt_wall, alt_cpu = other.wall / one.wall, other.cpu / one.cpu
        lines += ["", f"Taking turns ({args.alternate} merges each, load average "
                      f"{start_load[0]:.1f} at the start): {inputs[0][2]} {one.wall:.2f} s "
                      f"wall, {one.cpu:.2f} s CPU; {inputs[1][2]} {other.wall:.2f} s wall, "
                      f"{other.cpu:.2f} s CPU: {alt_wall:.2f} x wall "
                      f"({verdict(alt_wall)}), {alt_cpu:.2f} x CPU ({verdict(alt_cpu)})."]
        ratio_wall = alt_wall
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if statistics.fmean([ratio_wall]) <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
