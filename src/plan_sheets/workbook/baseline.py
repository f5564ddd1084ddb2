"""The base of a focus-area workbook: its rows as they were when split wrote it.

`split` writes it to a hidden sheet; `merge` compares against it to tell who
changed what. The sheet is plain cells (meta rows, then a table with the
Aktiviteter headers) so that it survives the group saving the file in Excel or
LibreOffice, which may turn "very hidden" into "hidden".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ASSESSMENTS,
    Sheet,
    key_text,
    match_header,
    match_headers,
)

MARKER = "plan-sheets bas"
META_LABELS = {"source": "Källa", "fingerprint": "Fingeravtryck", "taken": "Tidpunkt",
               "focus_area": "Fokusområde"}
ASSESSMENT_LABELS = {f.key: f"{ASSESSMENTS.name}: {f.header}" for f in ASSESSMENTS.fields}
"""Meta rows holding the group's Bedömningar row as split wrote it."""
AREA_LABEL = "Insatsområde"
AREAS_LABEL = "Insatsområden"
"""The meta row before the area rows (its value: how many); a base without it predates them."""
"""Meta rows `Insatsområde 1.3 | text | approach`: the group's Insatsområden as split wrote
them (the revision of the plan merges against them)."""
WARNING = "Ändra inte i den här fliken. Den behövs när arbetsboken förs in i huvuddokumentet."


@dataclass(frozen=True)
class BaseRow:
    values: Mapping[str, Any]
    """Contract field key -> value."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Staff column header -> value."""


@dataclass(frozen=True)
class Base:
    source: str
    fingerprint: str
    taken: str
    focus_area: int | None
    rows: Mapping[str, BaseRow]
    """Activity ID -> its row at split time."""
    assessment: Mapping[str, Any] | None = None
    """The group's Bedömningar row at split time (field key -> value); None in a base
    written before split handed out Bedömningar."""
    areas: Mapping[str, Mapping[str, Any]] | None = None
    """Intervention area ID -> {text, approach} at split time; None in a base written
    before split kept them."""


def base_sheet_rows(*, source: str, fingerprint: str, taken: str, focus_area: int,
                    headers: list[str], rows: list[list[Any]],
                    assessment: Mapping[str, Any] | None = None,
                    areas: Sequence[tuple[str, str, str]] = ()) -> list[list[Any]]:
    """The cells of the base sheet, row by row; `areas` are (ID, text, approach)."""
    kept = [[label, assessment.get(key)] for key, label in ASSESSMENT_LABELS.items()] \
        if assessment is not None else []
    kept += [[f"{AREA_LABEL} {aid}", text or None, approach or None]
             for aid, text, approach in areas]
    return [
        [MARKER, WARNING],
        [META_LABELS["source"], source],
        [META_LABELS["fingerprint"], fingerprint],
        [META_LABELS["taken"], taken],
        [META_LABELS["focus_area"], focus_area],
        [AREAS_LABEL, len(areas)],
        *kept,
        [],
        headers,
        *rows,
    ]


def _clean(value: Any) -> Any:
    """As the reader reads a cell: text as typed, a cell of only spaces empty."""
    return None if isinstance(value, str) and not value.strip() else value


def _label(value: Any) -> Any:
    return key_text(value) or None if isinstance(value, str) else value


def parse_base(cells: list[list[Any]], *, strings: dict[str, str] | None = None,
               sheet: Sheet = ACTIVITIES) -> Base | None:
    """Read a base sheet's cells (as python-calamine gives them); None if it is not one.
    Its headers name the fields of `sheet` (the contract's Aktiviteter).

    `strings` keeps one object per text (the reader passes the texts it already read:
    the base mostly repeats the group's own rows).
    """
    keep = (strings if strings is not None else {}).setdefault
    if not cells or not cells[0] or str(cells[0][0]).strip() != MARKER:
        return None
    meta: dict[str, Any] = {}
    labels = {label: key for key, label in META_LABELS.items()}
    labels.update({label: f"assessment:{key}" for key, label in ASSESSMENT_LABELS.items()})
    header_index = None
    areas: dict[str, dict[str, Any]] | None = None
    for index, row in enumerate(cells[1:], start=1):
        first = _label(row[0]) if row else None
        if first in labels:
            meta[labels[first]] = _clean(row[1]) if len(row) > 1 else None
        elif first == AREAS_LABEL:
            areas = {}
        elif isinstance(first, str) and first.startswith(f"{AREA_LABEL} ") and areas is not None:
            areas[first.split(" ", 1)[1].strip()] = {
                "text": _clean(row[1]) if len(row) > 1 else None,
                "approach": _clean(row[2]) if len(row) > 2 else None}
        elif first is not None and match_header(sheet, first) == "id":
            header_index = index
            break
    if header_index is None:
        return None
    # Headers as the reader keeps them (their keys are compared through `fold`).
    headers = [(h.strip() or None) if isinstance(h, str) else _clean(h)
               for h in cells[header_index]]
    by_column = match_headers(sheet, {c: h for c, h in enumerate(headers) if h})
    keys = [by_column.get(c) for c in range(len(headers))]
    rows: dict[str, BaseRow] = {}
    for row in cells[header_index + 1:]:
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for header, key, value in zip(headers, keys, row, strict=False):
            if header is None:
                continue
            value = _clean(value)
            if value.__class__ is str:
                value = keep(value, value)
            if key is not None:
                values[key] = value
            else:
                extra[header] = value
        aid = values.get("id")
        if aid is None:
            continue
        if isinstance(aid, float) and aid.is_integer():
            aid = int(aid)
        rows[key_text(aid)] = BaseRow(values, extra)
    focus = meta.get("focus_area")
    assessment = {key.split(":", 1)[1]: value for key, value in meta.items()
                  if key.startswith("assessment:")} or None
    if assessment is not None:
        number = assessment.get("focus_area")
        assessment["focus_area"] = int(number) if isinstance(number, (int, float)) else None
        assessment["period"] = key_text(assessment.get("period") or "")
    return Base(
        source=str(meta.get("source") or ""),
        fingerprint=str(meta.get("fingerprint") or ""),
        taken=str(meta.get("taken") or ""),
        focus_area=int(focus) if isinstance(focus, (int, float)) else None,
        rows=rows,
        assessment=assessment,
        areas=areas,
    )

