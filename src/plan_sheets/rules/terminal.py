"""Findings as the process leader reads them in a terminal, and as JSON for machines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from plan_sheets.rules.validate import FileResult
from plan_sheets.swedish import plural
from plan_sheets.workbook.findings import RULES, Finding, Severity
from plan_sheets.workbook.model import WorkbookKind


def summary_line(result: FileResult) -> str:
    return (f"{plural(result.errors, 'fel', 'fel', grouped=False)}, "
            f"{plural(result.warnings, 'varning', 'varningar', grouped=False)}")


def render_text(results: Sequence[FileResult], *, strict: bool = False) -> str:
    """The terminal report: per file, counts by rule, then findings by sheet."""
    out: list[str] = []
    for result in results:
        out.append("")
        if result.unreadable:
            out.append(f"{result.path}: kan inte kontrolleras")
            out.append(f"  {result.unreadable}")
            continue
        label = WorkbookKind(result.kind).label
        count = plural(result.activities, "aktivitet", "aktiviteter", grouped=False)
        out.append(f"{result.path} ({label}, {count})")
        verdict = "godkänd" if result.ok(strict=strict) else "inte godkänd"
        out.append(f"Resultat: {summary_line(result)} – {verdict}")
        if not result.findings:
            out.append("Inga anmärkningar.")
            continue
        out.append("")
        out.append("Per regel:")
        counts = Counter(f.code for f in result.findings)
        order = sorted(counts, key=lambda c: (RULES[c].severity is not Severity.ERROR, c))
        width = max(len(c) for c in order)
        for code in order:
            rule = RULES[code]
            out.append(f"  {rule.severity.label:<8} {code:<{width}} {counts[code]:>4}  "
                       f"{rule.title}")
        out.extend(_by_sheet(result.findings))
    return "\n".join(out).lstrip("\n")


def _by_sheet(found: Iterable[Finding]) -> list[str]:
    out: list[str] = []
    sheet = None
    for f in found:
        if f.sheet != sheet:
            sheet = f.sheet
            out += ["", f"Fliken {sheet}:"]
        where = f.cell or (f"rad {f.row}" if f.row else "–")
        ident = f"  {f.activity_id}" if f.activity_id else ""
        out.append(f"  {where:<6}{ident}  {f.severity.label}  {f.code}")
        out.append(f"        {f.message}")
        out.append(f"        Gör så här: {f.hint}")
    return out


def as_json(results: Sequence[FileResult], *, strict: bool = False) -> dict[str, Any]:
    """The machine-readable form of DESIGN.md ("validate --format json")."""
    files = []
    for result in results:
        entry: dict[str, Any] = {
            "file": str(result.path),
            "ok": result.ok(strict=strict),
            "errors": result.errors,
            "warnings": result.warnings,
            "findings": [f.as_dict() for f in result.findings],
        }
        if result.unreadable:
            entry["unreadable"] = result.unreadable
        files.append(entry)
    return {"files": files}
