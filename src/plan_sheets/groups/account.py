"""A merge, told in Swedish: conflicts and errors with both values and where they came from,
or what changed, what awaits decision and what was ignored."""

from __future__ import annotations

from collections import Counter

from plan_sheets.groups.assessments import ConflictingValues
from plan_sheets.groups.merge import MergeOutcome
from plan_sheets.swedish import plural
from plan_sheets.workbook.findings import RULES, display
from plan_sheets.workbook.schema import ACTIVITIES, INTERVENTION_AREAS


def render_merge(outcome: MergeOutcome, *, show_changes: bool = False) -> str:
    r = outcome.result
    out = [f"Sammanslagning i {outcome.main.name} (period {outcome.period}) av "
           f"{plural(len(outcome.files), 'arbetsbok', 'arbetsböcker', grouped=False)}: "
           + ", ".join(f.name for f in outcome.files)]
    if outcome.period_note:
        out.append(outcome.period_note)
    for f in outcome.warnings:
        if f.code == "SETTING_INVALID":  # it decides which period is recorded
            out.append(f"OBS! {outcome.main.name} {f.location}: {f.message}")
    for skipped in outcome.skipped:
        out.append(f"  Hoppar över {skipped.name}: en ägarfil som visar att någon har filen öppen.")
    if r.conflicts:
        out += ["", f"Konflikter ({len(r.conflicts)}) – båda har ändrat samma cell:"]
        for c in r.conflicts:
            out += _conflict(f"{c.activity_id} {c.column.label}", c)
    if r.assessment_conflicts:
        out += ["", f"Konflikter i Bedömningar ({len(r.assessment_conflicts)}) – båda har "
                    "ändrat samma cell:"]
        for a in r.assessment_conflicts:
            out += _conflict(f"{a.subject} {a.label}", a)
    if r.area_conflicts:
        out += ["", f"Konflikter i Insatsområden ({len(r.area_conflicts)}) – båda har "
                    "ändrat samma cell:"]
        for a in r.area_conflicts:
            out += _conflict(f"{a.area_id} {a.label}", a)
    for a in r.resolved_areas:
        kept = a.main if r.prefer == "main" else a.group
        out.append(f"  Insatsområde {a.area_id} {a.label}: ”{display(kept)}” gäller")
    if r.resolved_assessments:
        side = "huvuddokumentets" if r.prefer == "main" else "gruppernas"
        out += ["", f"Konflikter i Bedömningar lösta med {side} värden "
                    f"({len(r.resolved_assessments)}):"]
        for a in r.resolved_assessments:
            kept = a.main if r.prefer == "main" else a.group
            out.append(f"  {a.subject} {a.label}: ”{display(kept)}” gäller")
    if r.resolved:
        side = "huvuddokumentets" if r.prefer == "main" else "gruppernas"
        out += ["", f"Konflikter lösta med {side} värden ({len(r.resolved)}):"]
        for c in r.resolved:
            if r.prefer == "main":
                kept, dropped, where = c.main, c.group, c.group_cell
            else:
                kept, dropped, where = c.group, c.main, c.main_cell
            out.append(f"  {c.activity_id} {c.column.label}: ”{display(kept)}” gäller; "
                       f"”{display(dropped)}” ({where}) gäller inte")
    if outcome.errors:
        out += ["", f"Fel ({len(outcome.errors)}):"]
        for finding, origin in outcome.errors:
            ident = f" ({finding.activity_id})" if finding.activity_id else ""
            out.append(f"  {origin}{ident}: {finding.message}")
            out.append(f"    Gör så här: {finding.hint}")
    if outcome.blocked:
        out += ["", "Ingenting skrevs. Rätta ovanstående och kör sammanslagningen igen."]
        if r.has_conflicts:
            out.append("En konflikt kan också avgöras med --prefer main (huvuddokumentets "
                       "värde gäller) eller --prefer group (gruppens värde gäller).")
        return "\n".join(out)
    if show_changes or outcome.dry_run:
        out += ["", "Ändringar:" if r.changes or r.new or r.assessment_changes
                else "Inga ändringar."]
        for c in r.changes:
            out.append(f"  {c.activity_id} {c.column.label}: ”{display(c.before)}” → "
                       f"”{display(c.after)}”  ({c.source_cell})")
        for n in r.new:
            out.append(f"  Ny aktivitet {n.activity_id}: {n.values.get('title') or ''}  "
                       f"({n.source} rad {n.source_row})")
        for header in r.new_columns:
            out.append(f"  Ny kolumn: {header}  ({r.column_sources.get(header, '')})")
        for a in r.assessment_changes:
            out.append(f"  {a.subject} {a.label}: ”{display(a.before)}” → ”{display(a.after)}”"
                       f"  ({a.source_cell})")
        for c in r.area_changes:
            out.append(f"  Insatsområde {c.area_id} {c.label}: ”{display(c.before)}” → "
                       f"”{display(c.after)}”  ({c.source_cell})")
    out.append("")
    judged = len({(a.period, a.focus_area) for a in r.assessment_changes})
    fields = plural(len(r.changes), "fält", "fält", grouped=False)
    activities = plural(r.changed_activities, "aktivitet", "aktiviteter", grouped=False)
    new = plural(len(r.new), "ny aktivitet", "nya aktiviteter", grouped=False)
    assessments = plural(judged, "bedömning", "bedömningar", grouped=False)
    out.append(f"{fields} i {activities} ändras; {new}"
               + (f"; {assessments} förs in" if judged else "") + ".")
    layout = r.merged.layouts.get(ACTIVITIES.key)
    if (r.changes or r.new) and layout is not None and "updated" in layout.columns:
        out.append("Senast uppdaterad blir dagens datum på de aktiviteter som ändras och de nya.")
    if r.new:
        ids = ", ".join(n.activity_id for n in r.new)
        out.append(f"Väntar på styrgruppens beslut: {ids}.")
    if r.new_areas:
        rows = {a.id: a.row for a in r.merged.intervention_areas}
        sheet = r.merged.layouts.get(INTERVENTION_AREAS.key)
        name = sheet.name if sheet is not None else INTERVENTION_AREAS.name
        areas = plural(len(r.new_areas), "nytt insatsområde", "nya insatsområden", grouped=False)
        out.append(f"{areas} föreslås och förs in i fliken {name}; väntar på styrgruppens "
                   "beslut (en rad i Beslut med områdets ID):")
        for item in r.new_areas:
            where = f" rad {rows[item.area.id]}" if item.area.id in rows else ""
            out.append(f"  {item.area.id} {item.area.text} → {name}{where}  ({item.source_cell})")
    elif r.area_changes and not (show_changes or outcome.dry_run):
        out.append(f"{plural(len(r.area_changes), 'fält', 'fält', grouped=False)} i "
                   f"{INTERVENTION_AREAS.name} ändras: "
                   + ", ".join(sorted({c.area_id for c in r.area_changes})) + ".")
    notes = Counter(f.code for f in r.notes)
    for code, count in sorted(notes.items()):
        out.append(f"{RULES[code].title}: {count}.")
        for f in r.notes:
            if f.code == code:
                out.append(f"  {f.message}")
    if outcome.warnings:
        counts = Counter(f.code for f in outcome.warnings)
        out.append("Varningar efter sammanslagningen: "
                   + ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) + ".")
    if outcome.dry_run:
        out.append("Provkörning (--dry-run): ingenting skrevs.")
    elif outcome.written is not None:
        logged = plural(outcome.log_rows, "rad", "rader", grouped=False)
        snapshot = plural(outcome.snapshot_rows, "rad", "rader", grouped=False)
        out.append(f"Skrev {outcome.main}: {logged} i Ändringslogg, {snapshot} i "
                   f"Statushistorik för {outcome.period}.")
        if outcome.opening_rows:
            opening = plural(outcome.opening_rows, "rad", "rader", grouped=False)
            out.append(f"Statushistorik var tom: först sparades utgångsläget ({opening}), "
                       "som perioden jämförs med.")
        if outcome.replaced is not None:
            out.append(f"Ögonblicksbilden för {outcome.period} (tagen "
                       f"{outcome.replaced.isoformat()}) ersattes; det som ändrades i den står "
                       "i Ändringslogg med källan Statushistorik.")
        if outcome.written.archive_path is not None:
            out.append(f"Den tidigare versionen finns i {outcome.written.archive_path}")
    else:
        out.append("Ingenting har ändrats sedan förra sammanslagningen; filen är orörd.")
    return "\n".join(out)


def _conflict(what: str, conflict: ConflictingValues) -> list[str]:
    """A conflict told in four lines: what, the huvuddokument's, the group's, the base."""
    return [f"  {what}:",
            f"    huvuddokumentet {conflict.main_cell}: ”{display(conflict.main)}”",
            f"    {conflict.group_cell}: ”{display(conflict.group)}”",
            f"    (före uppdelningen: ”{display(conflict.base)}”)"]
