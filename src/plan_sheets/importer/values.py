"""What one old activity row's cells say: offices, dates, status, comment parts, goals.

Each reader takes the row being built (`FoundRow`), writes the contract fields
it could read into `fields` (or the staff columns into `extra`) and records
every interpretation; what it cannot read it leaves empty and records to decide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_sheets.importer.cells import SYMBOLS, ConditionalFormats, Painted, painted
from plan_sheets.importer.ids import IdHint
from plan_sheets.importer.layout import TIMELINE, Columns
from plan_sheets.importer.record import Record
from plan_sheets.importer.timeline import parse_timeline
from plan_sheets.workbook.colours import light_of
from plan_sheets.workbook.dates import parse_date
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.responsibility import split_responsibility
from plan_sheets.workbook.schema import (
    ACTIVITIES,
    ONGOING_WORDS,
    fold,
    is_ongoing_word,
    parse_phase,
    parse_status,
)

GOAL_TEXT = "Mål (text)"
"""Staff column keeping goal text that names no goal."""


_GOAL_IN_TEXT = re.compile(
    r"\b(?:m|mal|malet|malen|goal)\s*(\d{1,3}(?:\s*(?:,|och|&|samt|/|\+)\s*\d{1,3}\b)*)")


_LABELS = {"orsak": "cause", "orsak till avvikelse": "cause", "avvikelse": "cause",
           "atgard": "action", "rekommenderad atgard": "action", "forslag": "action",
           "status": "status_comment", "lage": "status_comment", "kommentar": "status_comment"}


_LABEL = re.compile(r"(?:^|(?<=[\s.;]))(" + "|".join(
    ["orsak till avvikelse", "rekommenderad åtgärd", "orsak", "avvikelse", "åtgärd", "förslag",
     "status", "läge", "kommentar"]) + r")\s*:\s*", re.IGNORECASE)


@dataclass
class FoundRow:
    """One activity row as found, before IDs are assigned."""

    sheet: str
    row: int
    columns: Columns
    cells: list[Any]
    focus: int
    area: str
    hint: IdHint
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    goal_source: str = ""
    status_fill: str | None = None
    """The fill of a Status whose colour could not be read: carried to the new cell."""


def text_of(value: Any) -> str:
    """A cell as text: whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_responsibility(out: FoundRow, read: Any, where: str, record: Record) -> None:
    if read is None:
        return
    split = split_responsibility(text_of(read))
    out.fields["responsible"] = split.responsible
    if split.split:
        given = out.fields.get("participants", "")
        parts = [p for p in (given, *split.participants) if p]
        out.fields["participants"] = ", ".join(parts)
        record.add(where, read, f"Ansvarig {split.responsible}; Delaktiga "
                   f"{', '.join(split.participants)}",
                   "flera kontor: det första är ansvarigt, de andra delaktiga")


def read_dates(out: FoundRow, value: Any, where: Any, record: Record) -> None:
    f = out.fields
    for key in ("start", "end", "decided", "updated"):
        read = value(key)
        if read is None:
            continue
        if key == "end" and is_ongoing_word(read):
            f["ongoing"] = True
            continue
        day = parse_date(read, end=key == "end")
        if day is None:
            record.add(where(key), read, "(tom)", f"{ACTIVITIES.field(key).header} går inte att "
                       "läsa som datum: lämnas tom", decide=True)
        else:
            f[key] = day
    read = value("phase")
    if read is not None:
        phase = parse_phase(read)
        if phase is None:
            record.add(where("phase"), read, "(tom)", "Läge går inte att läsa: lämnas tomt",
                       decide=True)
        f["phase"] = phase
    read = value(TIMELINE)
    if read is None:
        return
    timeline = parse_timeline(read)
    if timeline.readings:
        record.add(where(TIMELINE), read, "(tom)", f"{timeline.rule}: "
                   f"{' eller '.join(timeline.readings)}; Start och Slut lämnas tomma",
                   decide=True)
        return
    if not timeline.understood:
        record.add(where(TIMELINE), read, "(tom)", f"{timeline.rule}: lämnas tom", decide=True)
        return
    written = []
    if timeline.start and "start" not in f:
        f["start"] = timeline.start
        written.append(f"Start {timeline.start.isoformat()}")
    if timeline.end and "end" not in f:
        f["end"] = timeline.end
        written.append(f"Slut {timeline.end.isoformat()}")
    if timeline.ongoing and "end" not in f:
        f["ongoing"] = True
        written.append(f"Slut {ONGOING_WORDS[0]}")
    if timeline.phase and f.get("phase") is None:
        f["phase"] = timeline.phase
        written.append(f"Läge {timeline.phase.value}")
    record.add(where(TIMELINE), read, "; ".join(written) or "(inget: redan ifyllt)",
               f"tidplan: {timeline.rule}")


def read_status(out: FoundRow, cell: Any, where: str, record: Record,
                named: Mapping[str, Status | None], palette: tuple[str, ...],
                formats: ConditionalFormats) -> None:
    """Status from the text, a symbol's font colour, a conditional format or the fill;
    `named` holds the lights a person gave colours (`--colour`)."""
    if cell is None:
        return
    text = "" if cell.value is None else text_of(cell.value)
    colours, note = painted(cell, palette, formats)
    readings = [(p, light_of(p.rgb, named)) for p in colours]
    lit = next(((p, r) for p, r in readings if r.is_light), None)
    between = next(((p, r) for p, r in readings if r.between), None)
    symbol = bool(text) and all(ch in SYMBOLS or ch.isspace() for ch in text)
    by_text = None if symbol else (parse_status(text) or parse_status(text.split(" ", 1)[0]
                                                                      .strip(".,:;-–")))
    phase = None if symbol or by_text else parse_phase(text)
    f = out.fields
    if by_text is not None:
        f["status"] = by_text
        rest = text.split(" ", 1)[1].strip(" .,:;-–") if " " in text and \
            parse_status(text) is None else ""
        if rest:
            _append(f, "status_comment", rest)
        if lit is not None and lit[1].status is not by_text:
            record.add(where, _described(text, lit[0]), by_text.value,
                       f"texten säger {by_text.value} men {lit[0].how} #{lit[1].rgb} "
                       f"säger {lit[1].status.value}: texten gäller", decide=True)
        elif text != by_text.value:
            record.add(where, text, by_text.value, "statusens stavning"
                       + (" (första ordet; resten i Statuskommentar)" if rest else ""))
        return
    if phase is not None and f.get("phase") is None:
        f["phase"] = phase
        record.add(where, text, f"Läge {phase.value}", "Status-cellen anger ett läge")
    elif text and not symbol and phase is None:
        _append(f, "status_comment", text)
    if lit is not None:
        painted_by, reading = lit
        f["status"] = reading.status
        record.add(where, _described(text, painted_by), reading.status.value,
                   f"{painted_by.how}: {reading.rule}"
                   + ("; texten i Statuskommentar" if text and not symbol and not phase else ""))
        return
    if between is not None:
        painted_by, reading = between
        out.status_fill = reading.rgb
        record.add(where, _described(text, painted_by), "(tom, färgen följer med)",
                   f"{painted_by.how}: {reading.rule}; skriv Grön, Gul eller Röd i den nya "
                   f"filen, eller importera igen med --colour {reading.rgb}=Grön (=Gul, =Röd)",
                   decide=True)
        return
    if colours:
        first = readings[0]
        record.add(where, _described(text, first[0]), "(tom)",
                   f"{first[0].how}: {first[1].rule}", decide=not first[1].chosen)
    elif note:
        record.add(where, text, "(tom)", f"{note}; statusen lämnas tom", decide=True)
    elif text and phase is None:
        record.add(where, text, "(tom; texten i Statuskommentar)",
                   "texten är ingen status: Status lämnas tom", decide=True)


def _described(text: str, painted_by: Painted) -> str:
    return f"{text or '(tom)'}, {painted_by.how} #{painted_by.rgb}"


def _append(fields: dict[str, Any], key: str, text: str) -> None:
    fields[key] = f"{fields[key]}\n{text}" if fields.get(key) else text


def label_key(text: str) -> str | None:
    """The field a comment's label names (`Orsak` -> cause), or None."""
    return _LABELS.get(fold(text))


def labelled(text: str) -> dict[str, list[str]]:
    """A comment's parts by the field their labels name (`Orsak: … Åtgärd: …`); text
    before any label is the status comment."""
    parts = _LABEL.split(text)
    pieces: dict[str, list[str]] = {}
    if parts[0].strip():
        pieces.setdefault("status_comment", []).append(parts[0].strip())
    for label, body in zip(parts[1::2], parts[2::2], strict=True):
        key = _LABELS[fold(label)]
        if body.strip():
            pieces.setdefault(key, []).append(body.strip())
    return pieces


def split_comment(out: FoundRow, where: str, record: Record) -> None:
    """A comment that labels its parts (`Orsak: … Åtgärd: …`) is split by its labels."""
    f = out.fields
    text = f.get("status_comment", "")
    if len(_LABEL.split(text)) < 3:
        return
    pieces = labelled(text)
    if set(pieces) <= {"status_comment"}:
        return
    f.pop("status_comment", None)
    written = []
    for key, texts in pieces.items():
        for t in texts:
            _append(f, key, t.rstrip())
        written.append(f"{ACTIVITIES.field(key).header}: {' '.join(texts)}")
    record.add(where, text, "; ".join(written), "kommentaren delas efter sina rubriker "
               "(Orsak:, Åtgärd:)")


def read_goals(out: FoundRow, read: Any, where: str, record: Record) -> None:
    if read is None:
        return
    from plan_sheets.workbook.kinds import goal_ids

    text = text_of(read)
    out.goal_source = where
    ids = goal_ids(text)
    if ids and all(re.fullmatch(r"M\d+", g) for g in ids):
        out.fields["goals"] = ids
        return
    numbers = [n for group in _GOAL_IN_TEXT.findall(fold(text, punctuation=True))
               for n in re.findall(r"\d+", group)]
    named = tuple(dict.fromkeys(f"M{int(n)}" for n in numbers))
    if named:
        out.fields["goals"] = named
        record.add(where, text, ", ".join(named), "målen som texten nämner (mål 2 → M2)")
        if fold(text) not in {fold(f"mål {int(g[1:])}") for g in named}:
            out.extra[GOAL_TEXT] = text
        return
    out.extra[GOAL_TEXT] = text
    record.add(where, text, f"(tom; texten i {GOAL_TEXT})",
               "texten nämner inget mål-ID: Mål lämnas tomt", decide=True)


def read_notes(out: FoundRow, notes: list[tuple[str, str]], record: Record) -> None:
    """Cell notes (comments) on the row: kept in Statuskommentar, or in Orsak till avvikelse
    and Rekommenderad åtgärd where their labels say so (`Orsak: …`)."""
    for where, text in notes:
        written = []
        for key, texts in labelled(text).items():
            for t in texts:
                _append(out.fields, key, t.rstrip())
            written.append(ACTIVITIES.field(key).header)
        record.add(where, text, ", ".join(written),
                   "cellkommentar i den gamla filen: förd till " + " och ".join(written))
