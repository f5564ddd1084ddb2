"""Build plan-sheets as a user gets it and run the demo from the installed wheel.

    python scripts/check_wheel.py

Builds the sdist and the wheel (`python -m build`), lets `twine check` read both,
installs the wheel (not editable) into a fresh virtual environment outside the
source tree, and runs `plan-sheets --version` and `plan-sheets demo` there from a
folder of its own: the example must come from the package, not from this checkout.
Needs `build` and `twine` beside this Python (`pip install build twine`); `.ci/run`
and the GitHub workflow run it after the tests. Exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path | None = None) -> str:
    print("+", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace")
    if done.returncode != 0:
        sys.exit(f"misslyckades ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def version() -> str:
    text = (ROOT / "src" / "plan_sheets" / "__init__.py").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("__version__"))
    return line.split("=", 1)[1].strip().strip("\"'")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plan-sheets-wheel-") as name:
        work = Path(name)
        dist = work / "dist"
        run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
        wheels = sorted(dist.glob("*.whl"))
        sdists = sorted(dist.glob("*.tar.gz"))
        if len(wheels) != 1 or len(sdists) != 1:
            sys.exit(f"väntade ett hjul och ett källpaket i {dist}: {sorted(dist.iterdir())}")
        run(sys.executable, "-m", "twine", "check", "--strict", *wheels, *sdists)

        env = work / "venv"
        venv.EnvBuilder(with_pip=True).create(env)
        bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
        python = bin_dir / ("python.exe" if os.name == "nt" else "python")
        run(python, "-m", "pip", "install", "--quiet", wheels[0])
        tool = bin_dir / ("plan-sheets.exe" if os.name == "nt" else "plan-sheets")
        shown = run(tool, "--version").strip()
        if not shown.endswith(version()):
            sys.exit(f"fel version: {shown!r}, väntade {version()}")
        place = work / "Min mapp (prov) åäö"
        place.mkdir()
        output = run(tool, "demo", cwd=place)
        demo = place / "output" / "demo"
        expected = [demo / "huvuddokument.xlsx", demo / "valideringsresultat.xlsx",
                    *sorted((demo / "styrgrupp").glob("styrgruppsrapport-*.xlsx")),
                    *sorted(demo.glob("arsrapport-*/arsrapport-*.pdf"))]
        missing = [p for p in expected if not p.is_file()]
        if missing or len(expected) < 4:
            sys.exit(f"demon skrev inte allt:\n{output}\nsaknas: {missing}")
        installed = run(python, "-c", "import plan_sheets, pathlib; "
                                      "print(pathlib.Path(plan_sheets.__file__).resolve())")
        if Path(installed.strip()).is_relative_to(ROOT):
            sys.exit(f"plan_sheets importerades från källkoden ({installed.strip()}), "
                     "inte från hjulet")
        print(f"Hjulet {wheels[0].name} installerat och demon körd: {len(expected)} filer.")


if __name__ == "__main__":
    main()
