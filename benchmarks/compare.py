"""Every command now against the same command of an earlier version, on the same inputs.

    git worktree add --detach /tmp/before REV
    python3 -m venv /tmp/before/.venv && /tmp/before/.venv/bin/pip install -e /tmp/before
    python benchmarks/compare.py --before /tmp/before/.venv/bin/python --sizes 3000,30000

The inputs are `run.py`'s (a generated huvuddokument, split and 1 % of each group's rows
edited, made by this version). For each size, each repetition runs every command twice,
the earlier version's and this one's, one right after the other on fresh copies, so that
both see the same machine; the table gives the medians and this version's time as a
multiple of the earlier one's (issue 23: no command more than 10 % slower). Commands that
do more now than then (`annual` writes the tjänsteskrivelse, `run` the site and the
reminders) are compared as they are: a ratio over 1.10 there is read against what they
added.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from run import (
    COMMANDS,
    BenchmarkFailed,
    Machine,
    Measured,
    argv_for,
    fresh,
    log,
    measure,
    parse_sizes,
    prepare_size,
)


def with_python(argv: list[str], python: str) -> list[str]:
    """`argv` for `python -m plan_sheets …` run by another interpreter."""
    if argv[1:3] == ["-m", "plan_sheets"]:
        return [python, *argv[1:]]
    return argv


def compare_size(n: int, folder: Path, *, before: str, repeat: int, commands: list[str]
                 ) -> dict[str, tuple[Measured, Measured]]:
    prepare_size(n, folder)
    results = {c: (Measured(), Measured()) for c in commands}
    rep = folder / "rep"
    for k in range(repeat):
        for command in commands:
            for side, python in enumerate((before, sys.executable)):
                fresh(folder, rep)
                argv, ok = argv_for(command, folder, rep)
                sample = measure(with_python(argv, python), folder=rep, ok=ok)
                results[command][side].samples.append(sample)
                log(f"N={n} run {k + 1}/{repeat}: {command:<9} "
                    f"{'before' if side == 0 else 'now':<6} {sample.wall:7.2f} s wall "
                    f"{sample.cpu:7.2f} s CPU {sample.rss_mb:6.0f} MB")
    return results


def render(sizes: list[int], by_size: dict[int, dict[str, tuple[Measured, Measured]]], *,
           before: str, repeat: int, about: Machine) -> str:
    lines = [
        "# This version against an earlier one", "",
        f"Machine: {about}.  ",
        f"Earlier version: `{before}`; median of {repeat}, the two versions one right after "
        "the other on fresh copies of the same inputs.", "",
        "| N | command | wall s before | wall s now | CPU s before | CPU s now | "
        "now / before (wall) | now / before (CPU) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        for command, (old, new) in by_size[n].items():
            lines.append(f"| {n:,} | {command} | {old.wall:.2f} | {new.wall:.2f} | "
                         f"{old.cpu:.2f} | {new.cpu:.2f} | {new.wall / old.wall:.2f} × | "
                         f"{new.cpu / old.cpu:.2f} × |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True,
                        help="the Python of a virtual environment with the earlier version")
    parser.add_argument("--sizes", type=parse_sizes, default=[3000, 30000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="comma-separated commands (default: all)")
    parser.add_argument("--work", type=Path, help="keep generated files here and reuse them")
    parser.add_argument("--results", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    commands = args.only.split(",") if args.only else list(COMMANDS)
    about = Machine.here()
    with tempfile.TemporaryDirectory(prefix="plan-sheets-compare-") as tmp:
        work = (args.work or Path(tmp)).resolve()
        try:
            by_size = {n: compare_size(n, work / f"n{n}", before=args.before,
                                       repeat=args.repeat, commands=commands)
                       for n in args.sizes}
        except BenchmarkFailed as failed:
            log(str(failed))
            return 1
    table = render(args.sizes, by_size, before=args.before, repeat=args.repeat, about=about)
    print(table)
    if args.results:
        args.results.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
