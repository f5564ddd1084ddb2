"""The stage order of docs/arkitektur.md, read from the code's imports with `ast`.

A folder (stage) imports only from the stages below it; no import cycle runs between
folders or between modules. Every import counts, also one inside a function: a lazy
import is still a dependency. Run alone: `python -m pytest tests/test_architecture.py`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PACKAGE = "plan_sheets"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE

STAGES: list[tuple[str, ...]] = [
    ("errors", "swedish", "files", "progress", "parallel", "periods", "drafts"),
    ("excel",),
    ("workbook",),
    ("rules",),
    ("lossless",),
    ("analysis",),
    ("groups",),
    ("upkeep",),
    ("opendata",),
    ("reports",),
    ("annual",),
    ("web",),
    ("importer",),
    ("example",),
    ("cycle", "click_swedish"),
    ("api",),
    ("cli", "__main__", "__init__"),
]
"""Bottom to top: a unit (a folder, or a module at the top level) imports only from units of
its own row or of the rows before it in this list (and never in a cycle)."""


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module, dotted (`plan_sheets.workbook.reader`)."""
    target: str
    """The imported module of this package, dotted."""
    line: int


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the package `root`."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(root: Path) -> Iterator[Import]:
    """Every import of a module of the package, wherever in the file it stands."""
    known = modules(root)
    package = root.name
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[:len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import module` imports the module; `from module import name` the module.
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                           for alias in node.names]
            else:
                continue
            for target in targets:
                if target == package or target.startswith(package + "."):
                    if target != name:
                        yield Import(name, target, node.lineno)


def missing(found: list[Import], root: Path) -> list[tuple[str, str, int]]:
    """(module, imported module, line) for each import of a module that does not exist:
    after a move, an import left behind inside a function fails only when it runs."""
    known = modules(root)
    return sorted({(i.module, i.target, i.line) for i in found if i.target not in known})


def unit(module: str) -> str:
    """The stage unit a module belongs to: its folder, or itself at the top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def rank(unit_name: str, stages: list[tuple[str, ...]]) -> int:
    for number, row in enumerate(stages):
        if unit_name in row:
            return number
    raise KeyError(unit_name)


def upward(found: list[Import], stages: list[tuple[str, ...]]) -> list[tuple[str, str, int]]:
    """(module, imported module, line) for each import from a later stage or from a unit
    not in the order at all."""
    wrong = set()
    for imp in found:
        here, there = unit(imp.module), unit(imp.target)
        if here == there:
            continue
        try:
            ok = rank(there, stages) <= rank(here, stages)
        except KeyError:
            ok = False
        if not ok:
            wrong.add((imp.module, imp.target, imp.line))
    return sorted(wrong)


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def module_cycles(found: list[Import]) -> list[list[str]]:
    # A package's __init__ that re-exports its own modules is not a cycle in use: only
    # imports between two real modules count.
    return cycles({(i.module, i.target) for i in found
                   if not i.target.startswith(i.module + ".")})


def unit_cycles(found: list[Import]) -> list[list[str]]:
    return cycles({(unit(i.module), unit(i.target)) for i in found
                   if unit(i.module) != unit(i.target)})


# ---- the code itself -----------------------------------------------------------------

FOUND = list(imports(SOURCE))


def test_every_unit_of_the_package_has_its_place_in_the_order():
    units = {unit(name) for name in modules(SOURCE)}
    placed = {name for row in STAGES for name in row}
    assert sorted(units - placed) == []


def test_every_import_names_a_module_that_exists():
    assert missing(FOUND, SOURCE) == []


def test_no_stage_imports_from_a_later_stage():
    assert upward(FOUND, STAGES) == []


def test_no_import_cycle_between_folders():
    assert unit_cycles(FOUND) == []


def test_no_import_cycle_between_modules():
    assert module_cycles(FOUND) == []


def test_the_order_is_the_one_docs_arkitektur_states():
    text = (SOURCE.parents[1] / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    folders = [row[0] for row in STAGES if (SOURCE / row[0]).is_dir()]
    positions = [text.index(f"`{folder}/`") for folder in folders]
    assert positions == sorted(positions)


# ---- the checks, on a synthetic tree -------------------------------------------------

def write_tree(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [package, *[p for p in package.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return package


ORDER = [("errors",), ("workbook",), ("rules",), ("cli",)]


def test_an_upward_import_is_found_also_inside_a_function(tmp_path):
    package = write_tree(tmp_path, {
        "errors.py": "",
        "workbook/reader.py": "from pkg.errors import X\n"
                              "def read():\n    from pkg.rules.findings import make\n",
        "rules/findings.py": "from pkg.workbook import reader\n",
        "cli.py": "import pkg.rules.findings\n",
    })
    found = list(imports(package))
    assert upward(found, ORDER) == [("pkg.workbook.reader", "pkg.rules.findings", 3)]
    assert unit_cycles(found) == [["rules", "workbook"]]
    assert module_cycles(found) == [["pkg.rules.findings", "pkg.workbook.reader"]]


def test_an_import_of_a_moved_module_is_found(tmp_path):
    package = write_tree(tmp_path, {
        "errors.py": "",
        "cli.py": "def main():\n    from pkg.reports.figures import count\n",
    })
    assert missing(list(imports(package)), package) == [("pkg.cli", "pkg.reports.figures", 2)]


def test_relative_imports_and_unknown_folders_count(tmp_path):
    package = write_tree(tmp_path, {
        "errors.py": "",
        "workbook/a.py": "from . import b\n",
        "workbook/b.py": "from .a import thing\n",
        "stray/c.py": "from ..workbook import a\n",
    })
    found = list(imports(package))
    assert upward(found, ORDER) == [("pkg.stray.c", "pkg.workbook.a", 1)]
    assert module_cycles(found) == [["pkg.workbook.a", "pkg.workbook.b"]]
    assert unit_cycles(found) == []


def test_a_clean_tree_passes(tmp_path):
    package = write_tree(tmp_path, {
        "errors.py": "",
        "workbook/reader.py": "from pkg.errors import X\n",
        "rules/findings.py": "from pkg.workbook.reader import read\nimport os\n",
        "cli.py": "def main():\n    from pkg.rules import findings\n",
    })
    found = list(imports(package))
    assert (upward(found, ORDER), unit_cycles(found), module_cycles(found)) == ([], [], [])


if __name__ == "__main__":
    for wrong in missing(FOUND, SOURCE):
        print("missing:", *wrong)
    for wrong in upward(FOUND, STAGES):
        print("upward:", *wrong)
    for group in unit_cycles(FOUND):
        print("folder cycle:", " ".join(group))
    for group in module_cycles(FOUND):
        print("module cycle:", " ".join(group))
