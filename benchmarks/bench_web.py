"""`plan-sheets webb` at 3,000 activities: the whole command, as a user runs it (issue 25).

Writes a generated huvuddokument (benchmarks/generate.py), then times the median of
three runs of `python -m plan_sheets webb PLAN --out DIR` as a process of its own
(reading the workbook, figures, every page and both data files), beside the
in-process time of the site alone (content and rendering, the workbook already
read). Reports the largest page. Targets: at most 5 s, no page over 1 MB.

    python benchmarks/bench_web.py [--activities 3000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_plan  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_BYTES = 1_000_000
TODAY = date(2026, 11, 26)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the plan and the site here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-web-"))
    work.mkdir(parents=True, exist_ok=True)
    plan_path = work / f"plan-{args.activities}.xlsx"
    if not plan_path.exists():
        write_plan(plan_path, args.activities)
    out = work / "webb"
    command = [sys.executable, "-m", "plan_sheets", "webb", str(plan_path), "--out", str(out),
               "--period", "2026-T3", "--today", TODAY.isoformat()]
    walls, cpus = [], []
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    from plan_sheets.web import content
    from plan_sheets.web.site import render
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(plan_path)
    render(content.site_content(loaded.plan, period="2026-T3", today=TODAY))  # compile once
    inner = []
    for _ in range(args.repeat):
        start = time.process_time()
        files = render(content.site_content(loaded.plan, period="2026-T3", today=TODAY))
        inner.append(time.process_time() - start)
    pages = {n: len(b) for n, b in files.items() if n.endswith(".html")}
    name, largest = max(pages.items(), key=lambda item: item[1])
    wall = statistics.median(walls)
    print(f"activities: {args.activities}; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"webb, whole command: median {wall:.2f} s of {[round(w, 2) for w in walls]} "
          f"(target <= {TARGET_SECONDS:.0f} s)")
    print(f"webb, whole command, CPU time (user + system): median {statistics.median(cpus):.2f} s "
          f"(on a loaded machine the wall time is mostly waiting for a core)")
    print(f"site alone (content + rendering, in process, CPU time): median "
          f"{statistics.median(inner):.2f} s")
    print(f"{len(pages)} pages, {len(files) - len(pages)} other files; largest page {name} "
          f"{largest / 1000:.0f} kB (target <= {TARGET_BYTES / 1e6:.0f} MB)")
    if not args.keep:
        shutil.rmtree(work)
    return 0 if wall <= TARGET_SECONDS and largest <= TARGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
