"""Every command at four plan sizes, each beside its baselines, as real processes.

For each size N (default 60, 3,000, 30,000 and 100,000 activities) this writes a
generated huvuddokument (benchmarks/generate.py), splits it with
`plan-sheets split` and edits 1 % of the rows of the five focus-area workbooks
the way the groups would (Status and Statuskommentar, plus one new activity
per workbook) through the lossless writer. Then, K times over (interleaved, so
that commands and baselines see the same machine), every command runs as
`python -m plan_sheets …` on fresh copies, and so does every baseline
(benchmarks/baselines.py), so that start-up counts on both sides:

    validate, format, split, merge (the 5 group workbooks), report, annual, run
    calamine read, pandas read (openpyxl), openpyxl load+save, xlsxwriter rows once

Each process is waited for with os.wait4, which gives its wall time, CPU time
(user + system, its reaped children included) and peak resident memory
(ru_maxrss: the largest single process of the tree, not their sum). The table
shows the medians and the ratios against the targets of issue 14 (which replace
issue 9's tighter ratios for validate, merge and report). It also times
`plan-sheets --help` against a bare `python -c pass`, and `plan-sheets demo`.

    python benchmarks/run.py [--sizes 60,3000,30000,100000] [--repeat 3]
                             [--only validate,merge] [--work DIR]
                             [--results benchmarks/results.md] [--readme README.md]

--work keeps the generated files there and uses them again next time (the
generator is deterministic). --readme replaces the table between the
`<!-- benchmarks -->` markers of that file.
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

TODAY = "2026-11-26"
YEAR = "2026"
DEFAULT_SIZES = (60, 3_000, 30_000, 100_000)
EDITED_SHARE = 0.01
COMMANDS = ("validate", "format", "split", "merge", "report", "annual", "run")
BASELINES = ("calamine", "pandas", "openpyxl", "xlsxwriter")
BASELINE_LABELS = {"calamine": "calamine read", "pandas": "pandas read (openpyxl)",
                   "openpyxl": "openpyxl load+save", "xlsxwriter": "xlsxwriter rows once"}
JUDGED_FROM = 3_000
"""Below this, start-up is nearly all of every process: ratios are shown, not judged."""
MERGE_MEMORY_MB = ((30_000, 500), (sys.maxsize, 1_500))
"""Peak memory targets of merge: up to N activities, at most this many MB."""
STARTUP_LIMIT_MS = 150
DEMO_LIMIT_S = 5.0


@dataclass(frozen=True)
class Comparison:
    """`command` / `baseline` against a target ratio (None: shown, not judged)."""

    command: str
    baseline: str
    target: float | None


COMPARISONS = (
    Comparison("validate", "calamine", 2.5),
    Comparison("validate", "pandas", 0.25),
    Comparison("format", "openpyxl", None),
    Comparison("split", "xlsxwriter", None),
    Comparison("merge", "openpyxl", 0.4),
    Comparison("report", "xlsxwriter", 2.5),
    Comparison("annual", "calamine", None),
    Comparison("run", "openpyxl", None),
)


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Measured:
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_mb for s in self.samples)


class BenchmarkFailed(RuntimeError):
    pass


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(argv: list[str], *, folder: Path, ok: tuple[int, ...] = (0,)) -> Sample:
    """Run `argv` as a child process; its wall time, CPU time and peak RSS."""
    out, err = folder / "stdout.txt", folder / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=stdout, stderr=stderr, cwd=folder)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise BenchmarkFailed(f"{' '.join(argv)} gave exit code {code}:\n"
                              f"{err.read_text(errors='replace')[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


# --- the inputs ------------------------------------------------------------------------------


def plan_sheets(*args: str) -> list[str]:
    return [sys.executable, "-m", "plan_sheets", *args]


def new_row(focus: int, n: int) -> dict:
    return {"Insatsområde": f"{focus}.1", "Fokusområde": focus,
            "Aktivitet": f"Ny aktivitet {n} från fokusområdesgruppen",
            "Ansvarig": "Näringslivskontoret", "Start": date(2027, 1, 1),
            "Slut": date(2027, 12, 31), "Läge": "Planerad", "Mål": "M1, M4",
            "Statuskommentar": "Förslag från fokusområdesgruppen."}


def edit_groups(folder: Path, *, seed: int = 0) -> int:
    """Edit 1 % of each group workbook's rows and add a row, as the groups would."""
    from plan_sheets.example.shipped import edit_group_workbook
    from plan_sheets.workbook.reader import read_workbook

    rng = random.Random(seed)
    edited = 0
    for number, path in enumerate(sorted(folder.glob("fokusomrade-*.xlsx")), start=1):
        ids = [a.id for a in read_workbook(path).plan.activities]
        edits: list = []
        for aid in rng.sample(ids, max(1, round(len(ids) * EDITED_SHARE))):
            status = rng.choice(("Grön", "Gul", "Röd"))
            values = {"Status": status, "Statuskommentar": f"Uppdaterad av gruppen ({status})."}
            if status != "Grön":
                values["Orsak till avvikelse"] = "Resurserna räckte inte under hösten."
            edits.append((aid, values))
        edits.append((None, new_row(number, number)))
        edit_group_workbook(path, edits)
        edited += len(edits)
    return edited


def prepare_size(n: int, folder: Path) -> None:
    """The generated plan, its edited group workbooks and its rows for xlsxwriter.

    Made in a process of its own: a child's ru_maxrss starts from the peak of
    the process that started it, so this one must stay small.
    """
    source, groups, rows = folder / "huvuddokument.xlsx", folder / "inkommande", \
        folder / "rows.pickle"
    if source.exists() and rows.exists() and len(list(groups.glob("*.xlsx"))) == 5:
        log(f"N={n}: using {folder}")
        return
    subprocess.run([sys.executable, __file__, "--prepare", str(n), str(folder)], check=True)


def _prepare(n: int, folder: Path) -> None:
    from bench_report import activity_rows
    from generate import write_plan

    from plan_sheets.workbook.reader import read_workbook

    source, groups, rows = folder / "huvuddokument.xlsx", folder / "inkommande", \
        folder / "rows.pickle"
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    write_plan(source, n)
    log(f"N={n}: generated {source.stat().st_size / 1e6:.1f} MB "
        f"in {time.perf_counter() - start:.1f} s")
    shutil.rmtree(groups, ignore_errors=True)
    subprocess.run(plan_sheets("split", str(source), "--out", str(groups)), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    edited = edit_groups(groups)
    log(f"N={n}: split and edited {edited} rows of the group workbooks")
    with rows.open("wb") as f:
        pickle.dump(activity_rows(read_workbook(source)), f)


def fresh(folder: Path, into: Path) -> Path:
    """A fresh copy of the size's huvuddokument and group workbooks in `into`."""
    shutil.rmtree(into, ignore_errors=True)
    (into / "inkommande").mkdir(parents=True)
    shutil.copyfile(folder / "huvuddokument.xlsx", into / "huvuddokument.xlsx")
    for group in sorted((folder / "inkommande").glob("*.xlsx")):
        shutil.copyfile(group, into / "inkommande" / group.name)
    return into


def argv_for(what: str, folder: Path, rep: Path) -> tuple[list[str], tuple[int, ...]]:
    """What to run for a command or baseline, and the exit codes that mean it worked."""
    main = str(rep / "huvuddokument.xlsx")
    groups = [str(p) for p in sorted((rep / "inkommande").glob("*.xlsx"))]
    baseline = [sys.executable, str(HERE / "baselines.py"), what]
    return {
        "validate": (plan_sheets("validate", main, "--today", TODAY), (0, 1)),
        "format": (plan_sheets("format", main), (0,)),
        "split": (plan_sheets("split", main, "--out", str(rep / "utskick")), (0,)),
        "merge": (plan_sheets("merge", main, *groups, "--today", TODAY), (0,)),
        "report": (plan_sheets("report", main, "--out", str(rep / "rapporter"),
                               "--today", TODAY), (0,)),
        "annual": (plan_sheets("annual", main, "--year", YEAR, "--out",
                               str(rep / "rapporter"), "--today", TODAY), (0,)),
        "run": (plan_sheets("run", "--workbooks", str(rep), "--out", str(rep / "output"),
                            "--today", TODAY), (0,)),
        "calamine": ([*baseline, main], (0,)),
        "pandas": ([*baseline, main], (0,)),
        "openpyxl": ([*baseline, main, str(rep / "openpyxl.xlsx")], (0,)),
        "xlsxwriter": ([*baseline, str(folder / "rows.pickle"), str(rep / "plain.xlsx")],
                       (0,)),
    }[what]


def bench_size(n: int, folder: Path, *, repeat: int, wanted: list[str]
               ) -> dict[str, Measured]:
    prepare_size(n, folder)
    results = {what: Measured() for what in wanted}
    rep = folder / "rep"
    for k in range(repeat):
        for what in wanted:
            fresh(folder, rep)
            argv, ok = argv_for(what, folder, rep)
            sample = measure(argv, folder=rep, ok=ok)
            results[what].samples.append(sample)
            log(f"N={n} run {k + 1}/{repeat}: {what:<10} {sample.wall:7.2f} s wall "
                f"{sample.cpu:7.2f} s CPU {sample.rss_mb:7.0f} MB")
    shutil.rmtree(rep, ignore_errors=True)
    return results


def bench_startup(folder: Path, *, times: int) -> dict[str, Measured]:
    """`plan-sheets --help` against `python -c pass`, interleaved."""
    script = Path(sys.executable).with_name("plan-sheets")
    help_argv = [str(script), "--help"] if script.exists() else plan_sheets("--help")
    folder.mkdir(parents=True, exist_ok=True)
    out = {"help": Measured(), "bare": Measured()}
    for _ in range(times):
        out["bare"].samples.append(measure([sys.executable, "-c", "pass"], folder=folder))
        out["help"].samples.append(measure(help_argv, folder=folder))
    return out


def bench_demo(folder: Path, *, times: int) -> Measured:
    folder.mkdir(parents=True, exist_ok=True)
    out = Measured()
    for k in range(times):
        sample = measure(plan_sheets("demo", "--out", str(folder / "demo"), "--today", TODAY),
                         folder=folder)
        out.samples.append(sample)
        log(f"demo run {k + 1}/{times}: {sample.wall:.2f} s wall")
    return out


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Machine:
    arch: str
    cpu: str
    cores: int
    python: str
    load: tuple[float, ...]

    @classmethod
    def here(cls) -> Machine:
        cpu = "unknown CPU"
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        return cls(platform.machine(), cpu, os.cpu_count() or 1,
                   f"{platform.python_version()} ({platform.system()})", os.getloadavg())

    def __str__(self) -> str:
        return (f"{self.arch}, {self.cpu}, {self.cores} cores, Python {self.python}, "
                f"load average at start {', '.join(f'{x:.2f}' for x in self.load)}")

    def swedish(self) -> str:
        load = " / ".join(f"{x:.2f}".replace(".", ",") for x in self.load)
        return (f"{self.arch}, {self.cpu}, {self.cores} kärnor, Python {self.python}, "
                f"belastning vid start {load}")


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "src", "benchmarks")
    return head + (" with uncommitted changes" if dirty else "")


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def verdicts(n: int, what: str, results: dict[str, Measured]) -> list[str]:
    """The ratio (and memory) cells of one row."""
    cells = []
    judged = n >= JUDGED_FROM
    for c in COMPARISONS:
        if c.command != what or c.baseline not in results:
            continue
        ratio = results[what].wall / results[c.baseline].wall
        cell = f"{ratio:.2f} × {c.baseline}"
        if c.target is not None:
            cell += f" (≤ {c.target:.2f}" + (f" {_mark(ratio <= c.target)})" if judged else ")")
        cells.append(cell)
    if what == "merge":
        limit = next(mb for upto, mb in MERGE_MEMORY_MB if n <= upto)
        rss = results[what].rss_mb
        cells.append(f"{rss:.0f} MB (≤ {limit} {_mark(rss <= limit)})")
    return cells


SWEDISH_BASELINES = {"calamine": "calamine läser", "pandas": "pandas läser (openpyxl)",
                     "openpyxl": "openpyxl läser och sparar",
                     "xlsxwriter": "xlsxwriter skriver raderna en gång"}


def table(sizes: list[int], by_size: dict[int, dict[str, Measured]], *,
          swedish: bool = False) -> list[str]:
    head = ("| N | kommando / jämförelse | väggtid s (median) | CPU s | topp MB | "
            "kvot mot jämförelsen (mål) |") if swedish else \
        ("| N | command / baseline | wall s (median) | CPU s | peak MB | "
         "ratio to baseline (target) |")
    lines = [head, "| ---: | --- | ---: | ---: | ---: | --- |"]
    for n in sizes:
        results = by_size[n]
        for what in [*COMMANDS, *BASELINES]:
            if what not in results:
                continue
            m = results[what]
            names = SWEDISH_BASELINES if swedish else BASELINE_LABELS
            label = what if what in COMMANDS else f"*{names[what]}*"
            ratio = "; ".join(verdicts(n, what, results))
            number = f"{n:,}".replace(",", "\u00a0") if swedish else f"{n:,}"
            wall, cpu = f"{m.wall:.2f}", f"{m.cpu:.2f}"
            if swedish:
                wall, cpu, ratio = (x.replace(".", ",") for x in (wall, cpu, ratio))
            lines.append(f"| {number} | {label} | {wall} | {cpu} | {m.rss_mb:.0f} | {ratio} |")
    return lines


def scaling(sizes: list[int], by_size: dict[int, dict[str, Measured]]) -> list[str]:
    """Wall time per 1,000 activities at each size: flat when the cost is linear."""
    big = [n for n in sizes if n >= JUDGED_FROM]
    if len(big) < 2:
        return []
    lines = ["| command | " + " | ".join(f"ms per 1,000 at N={n:,}" for n in big) +
             f" | ×time {big[-2]:,}→{big[-1]:,} (linear: ×{big[-1] / big[-2]:.2f}) |",
             "| --- |" + " ---: |" * (len(big) + 1)]
    for what in [*COMMANDS, *BASELINES]:
        if not all(what in by_size[n] for n in big):
            continue
        per = [by_size[n][what].wall / n * 1e6 for n in big]
        growth = by_size[big[-1]][what].wall / by_size[big[-2]][what].wall
        label = what if what in COMMANDS else f"*{BASELINE_LABELS[what]}*"
        lines.append(f"| {label} | " + " | ".join(f"{p:.1f}" for p in per) +
                     f" | ×{growth:.2f} |")
    return lines


def startup_lines(startup: dict[str, Measured] | None, demo: Measured | None) -> list[str]:
    lines = []
    if startup is not None:
        bare, helped = startup["bare"].wall * 1000, startup["help"].wall * 1000
        diff = helped - bare
        lines.append(f"- `plan-sheets --help`: {helped:.0f} ms, bare `python -c pass`: "
                     f"{bare:.0f} ms, difference {diff:.0f} ms "
                     f"(≤ {STARTUP_LIMIT_MS} {_mark(diff <= STARTUP_LIMIT_MS)}); "
                     f"median of {len(startup['help'].samples)}")
    if demo is not None:
        lines.append(f"- `plan-sheets demo`: {demo.wall:.2f} s wall, {demo.cpu:.2f} s CPU, "
                     f"{demo.rss_mb:.0f} MB (≤ {DEMO_LIMIT_S:.0f} s "
                     f"{_mark(demo.wall <= DEMO_LIMIT_S)}); median of {len(demo.samples)}")
    return lines


def render(sizes: list[int], by_size: dict[int, dict[str, Measured]],
           startup: dict[str, Measured] | None, demo: Measured | None, *,
           repeat: int, about: Machine, floor: float) -> str:
    parts = [
        "# Benchmark results", "",
        f"Machine: {about}.  ",
        f"Code: {commit()}, {time.strftime('%Y-%m-%d %H:%M')}; median of {repeat} "
        f"run{'s' if repeat != 1 else ''} of `python benchmarks/run.py "
        f"--sizes {','.join(str(n) for n in sizes)} --repeat {repeat}`.", "",
        "Every command and baseline ran as its own process (start-up included) on fresh "
        f"copies; peak MB is the child's ru_maxrss (its largest process; no child reads "
        f"below this script's own {floor:.0f} MB). Ratios are wall time against the "
        f"baseline of the same run; targets are judged from N = {JUDGED_FROM:,} "
        "(below that, start-up is nearly all of every process).", "",
        *table(sizes, by_size), "",
    ]
    scale = scaling(sizes, by_size)
    if scale:
        parts += ["Cost per activity (flat when linear):", "", *scale, ""]
    extra = startup_lines(startup, demo)
    if extra:
        parts += ["Start-up and demo:", "", *extra, ""]
    return "\n".join(parts)


def render_swedish(sizes: list[int], by_size: dict[int, dict[str, Measured]],
                   startup: dict[str, Measured] | None, demo: Measured | None, *,
                   repeat: int, about: Machine) -> str:
    """The table for README.md's Prestanda section, in Swedish."""
    parts = [
        f"Senaste mätningen ({time.strftime('%Y-%m-%d')}, "
        f"{f'median av {repeat} körningar' if repeat > 1 else 'en körning'}, "
        f"`make bench`) på {about.swedish()}. "
        "Varje kommando och varje jämförelse körs som en egen process på färska kopior; "
        "topp MB är processens största minnesanvändning. Målen från issue 14 står inom "
        "parentes (kvoten är kommandots väggtid delad med jämförelsens).", "",
        *table(sizes, by_size, swedish=True), "",
    ]
    if startup is not None:
        bare, helped = startup["bare"].wall * 1000, startup["help"].wall * 1000
        parts.append(f"`plan-sheets --help` tar {helped - bare:.0f} ms mer än ett tomt "
                     f"`python -c pass` (mål ≤ {STARTUP_LIMIT_MS} ms).")
    if demo is not None:
        parts.append(f"`plan-sheets demo` tar {demo.wall:.1f} s (mål ≤ {DEMO_LIMIT_S:.0f} s)."
                     .replace(".", ",", 1))
    parts.append("Mer om mätningarna och vad som gjordes snabbare: "
                 "[`benchmarks/README.md`](benchmarks/README.md).")
    return "\n".join(parts)


def update_readme(readme: Path, results: str | None) -> None:
    """Replace what stands between the benchmark markers of `readme`, nothing else.

    With `results` None, only check that the markers are there.
    """
    begin, end = "<!-- benchmarks -->", "<!-- /benchmarks -->"
    text = readme.read_text(encoding="utf-8")
    if begin not in text or end not in text:
        raise BenchmarkFailed(f"{readme} has no {begin} … {end} markers")
    if results is None:
        return
    head, rest = text.split(begin, 1)
    _old, tail = rest.split(end, 1)
    readme.write_text(f"{head}{begin}\n{results.strip()}\n{end}{tail}", encoding="utf-8")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "").replace(" ", "")) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def parse_only(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = set(names) - {*COMMANDS, *BASELINES, "startup", "demo"}
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown: {', '.join(sorted(unknown))}")
    return names


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--prepare"]:
        _prepare(int(argv[1]), Path(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                        help="comma-separated plan sizes (default 60,3000,30000,100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median; default 3)")
    parser.add_argument("--only", type=parse_only,
                        help="only these commands (their baselines come along), "
                             "'startup' or 'demo'")
    parser.add_argument("--work", type=Path, help="keep generated files here and reuse them")
    parser.add_argument("--results", type=Path, default=HERE / "results.md",
                        help="where the Markdown table goes (default benchmarks/results.md)")
    parser.add_argument("--readme", type=Path,
                        help="also replace the table between the benchmark markers of this file")
    args = parser.parse_args(argv)
    if args.readme:
        update_readme(args.readme, None)  # fail now, not after an hour of measuring
    about = Machine.here()
    log(f"Machine: {about}")
    wanted = list(COMMANDS) + list(BASELINES)
    if args.only:
        commands = [w for w in args.only if w in COMMANDS or w in BASELINES]
        wanted = [*commands, *(c.baseline for c in COMPARISONS if c.command in commands)]
        wanted = [w for w in [*COMMANDS, *BASELINES] if w in wanted]
    with tempfile.TemporaryDirectory(prefix="plan-sheets-bench-") as tmp:
        work = args.work or Path(tmp)
        work = work.resolve()
        by_size = {}
        for n in args.sizes:
            by_size[n] = bench_size(n, work / f"n{n}", repeat=args.repeat, wanted=wanted) \
                if wanted else {}
        startup = demo = None
        if args.only is None or "startup" in args.only:
            startup = bench_startup(work / "startup", times=max(5, 3 * args.repeat))
        if args.only is None or "demo" in args.only:
            demo = bench_demo(work / "demo", times=args.repeat)
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = render(args.sizes, by_size, startup, demo, repeat=args.repeat, about=about,
                     floor=floor)
    print(results)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(results, encoding="utf-8")
    if args.readme:
        update_readme(args.readme, render_swedish(args.sizes, by_size, startup, demo,
                                                  repeat=args.repeat, about=about))
    return 0


if __name__ == "__main__":
    sys.exit(main())
