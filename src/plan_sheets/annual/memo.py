"""The board's tjänsteskrivelse: the December report as an *ärende*, a draft for Word.

The annual report reaches the municipal board as a case, and a case needs a
tjänsteskrivelse beside it: Sammanfattning, Förslag till beslut, Ärendet,
Ekonomiska konsekvenser, Barnperspektiv and Beslutsunderlag. The figures are
the annual report's own (one `AnnualFigures`), so the two documents never
disagree. The process leader finishes the draft in Word.

The document is a docxtpl (Jinja2) template filled with `context()`: the
built-in one (`default_template`, real Word heading styles, numbered proposals,
tables with repeated header rows, language sv-SE) or the municipality's own
(`annual --mall`), which uses the same placeholders (DESIGN.md lists them).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plan_sheets import swedish
from plan_sheets.errors import WorkbookUnreadable

if TYPE_CHECKING:
    from plan_sheets.annual.figures import AnnualFigures

LANGUAGE = "sv-SE"
FILL_IN = "[Fyll i: {what}]"
DEVIATIONS_LISTED = 25
"""Up to this many deviations are listed in the memo; above it, the red ones, and no more
than this many of them (the annual report has all): a memo stays a few pages at any size."""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def file_name(year: int) -> str:
    return f"tjansteskrivelse-{year}.docx"


def context(figs: AnnualFigures, *, title: str, today: date, report_name: str,
            personal_data: bool) -> dict[str, Any]:
    """The placeholders of the tjänsteskrivelse, by their Swedish names (DESIGN.md)."""
    from plan_sheets.analysis.figures import status_label
    from plan_sheets.annual.pdf import board_notes, decisions_of_year
    from plan_sheets.workbook.model import Status

    key = figs.key
    red = sum(1 for a in figs.deviations if a.status is Status.RED)
    yellow = len(figs.deviations) - red
    year = figs.year
    plan = title[:1].lower() + title[1:]
    summary = (
        f"Kommunstyrelsen får varje år i december en rapport om hur arbetet med {plan} "
        f"har gått. Rapporten för {year} räknar "
        f"{swedish.plural(key.total, 'aktivitet', 'aktiviteter')} som styrgruppen har "
        f"beslutat: {swedish.number(key.completed)} genomfördes under året och "
        f"{swedish.number(key.ongoing)} pågår. "
        + (f"{swedish.plural(red, 'aktivitet är röd', 'aktiviteter är röda')} och "
           f"{swedish.plural(yellow, 'gul', 'gula')}, det vill säga avviker från planen; "
           "orsaker och åtgärder redovisas i ärendet."
           if red or yellow else "Ingen aktivitet avviker från planen."))
    titles = {a.id: a.title for a in figs.plan.activities}
    decided = [
        {"datum": swedish.short_date(d.date),
         "galler": (f"{d.activity_id} {titles.get(d.activity_id, '')}".strip()
                    if d.activity_id else "Hela planen"),
         "beslut": d.text,
         "foljs_upp": swedish.short_date(d.follow_up) if d.follow_up else "–",
         "lage": d.state.value if d.state else "Öppet"}
        for d in decisions_of_year(figs)]
    # A memo stays short: a long list of deviations names the red ones, the report has all.
    listed = list(figs.deviations) if len(figs.deviations) <= DEVIATIONS_LISTED else \
        [a for a in figs.deviations if a.status is Status.RED][:DEVIATIONS_LISTED]
    deviations = [
        {"id": a.id, "aktivitet": a.title, "status": status_label(a.status),
         "ansvarig": a.responsible or "–", "orsak": a.cause or "– saknas –",
         "atgard": a.action or "– saknas –"}
        for a in listed]
    key_rows = [
        ("Aktiviteter i rapporten (beslutade, utom avbrutna)", key.total),
        (f"Genomförda under {year}", key.completed),
        ("Pågående", key.ongoing),
        (f"Nya under {year}", key.new),
        ("Röda avvikelser", red),
        ("Gula avvikelser", yellow),
        ("Avbrutna (redovisas för sig)", key.cancelled),
        ("Förslag som väntar på beslut", key.proposals),
    ]
    dated = swedish.long_date(today)
    return {
        "ar": year,
        "plan": title,
        "datum": dated,
        "rapportdag": swedish.long_date(figs.day),
        "arende": f"Årsrapport {year} för {plan}",
        "sammanfattning": summary,
        "forslag_till_beslut": [
            f"Kommunstyrelsen lägger årsrapporten {year} för {plan} till handlingarna.",
        ],
        "bakgrund": (
            f"Handlingsplanen för näringslivsstrategin följs upp löpande av "
            "fokusområdesgrupperna och en processledare, som rapporterar till styrgruppen. "
            f"Varje december rapporteras årets status till kommunstyrelsen. "
            f"Årsrapporten beskriver läget den {swedish.long_date(figs.day)}."),
        "raknar": figs.population.sentence(),
        "bygger_pa": figs.basis.sentence(),
        "nyckeltal": [{"namn": name, "varde": swedish.number(value)}
                      for name, value in key_rows],
        # The notes point to the report's sections; here they are the report's, not ours.
        "att_notera": [note.replace("avsnitt ", "årsrapportens avsnitt ")
                       for note in board_notes(figs)],
        "avvikelser": deviations,
        "avvikelser_ovriga": (
            "" if len(listed) == len(figs.deviations) else
            f"Här står de röda; alla {swedish.number(len(figs.deviations))} avvikelser, också "
            f"de {swedish.number(yellow)} gula, står i årsrapportens avsnitt 2."
            if len(listed) == red else
            f"Här står de första {swedish.number(len(listed))} av de {swedish.number(red)} "
            f"röda; alla {swedish.number(len(figs.deviations))} avvikelser står i "
            f"årsrapportens avsnitt 2."),
        "beslut": decided,
        "ekonomi": FILL_IN.format(what="ekonomiska konsekvenser av beslutet"),
        "barnperspektiv": FILL_IN.format(what="hur barnets bästa har beaktats"),
        "beslutsunderlag": [
            f"Tjänsteskrivelse daterad {dated}",
            f"{report_name}, Årsrapport {year} för {plan}, daterad {dated}",
        ],
        "med_namn": personal_data,
    }


def default_template() -> bytes:
    """The built-in template: Word's own heading and list styles, placeholders for docxtpl."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)

    document.add_paragraph("Tjänsteskrivelse", style="Title")
    document.add_paragraph("Datum: {{ datum }}")
    document.add_paragraph("Diarienummer: " + FILL_IN.format(what="diarienummer"))
    document.add_heading("{{ arende }}", level=1)

    document.add_heading("Sammanfattning", level=2)
    document.add_paragraph("{{ sammanfattning }}")

    document.add_heading("Förslag till beslut", level=2)
    _list(document, "forslag_till_beslut", "List Number")

    document.add_heading("Ärendet", level=2)
    document.add_paragraph("{{ bakgrund }}")
    document.add_paragraph("{{ raknar }} {{ bygger_pa }}")
    document.add_heading("Årets siffror", level=3)
    _table(document, ["Nyckeltal", "Antal"], "n in nyckeltal", ["n.namn", "n.varde"],
           [12, 4])
    document.add_heading("Att notera", level=3)
    _list(document, "att_notera", "List Bullet")
    document.add_heading("Avvikelser", level=3)
    document.add_paragraph("{%p if avvikelser %}")
    document.add_paragraph("Gula och röda aktiviteter, röda först, med orsak och "
                           "rekommenderad åtgärd:")
    _table(document, ["ID", "Status", "Aktivitet", "Ansvarig", "Orsak till avvikelse",
                      "Rekommenderad åtgärd"], "a in avvikelser",
           ["a.id", "a.status", "a.aktivitet", "a.ansvarig", "a.orsak", "a.atgard"],
           [1.7, 1.6, 3.3, 2.8, 3.3, 3.3])
    document.add_paragraph("{%p if avvikelser_ovriga %}")
    document.add_paragraph("{{ avvikelser_ovriga }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Ingen aktivitet i rapporten är gul eller röd.")
    document.add_paragraph("{%p endif %}")
    document.add_heading("Styrgruppens beslut under {{ ar }}", level=3)
    document.add_paragraph("{%p if beslut %}")
    _table(document, ["Datum", "Gäller", "Beslut", "Följs upp", "Läge"], "b in beslut",
           ["b.datum", "b.galler", "b.beslut", "b.foljs_upp", "b.lage"],
           [2.2, 3.8, 6.0, 2.2, 1.8])
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Styrgruppen har inga beslut daterade {{ ar }}.")
    document.add_paragraph("{%p endif %}")

    document.add_heading("Ekonomiska konsekvenser", level=2)
    document.add_paragraph("{{ ekonomi }}")
    document.add_heading("Barnperspektiv", level=2)
    document.add_paragraph("{{ barnperspektiv }}")

    document.add_heading("Beslutsunderlag", level=2)
    _list(document, "beslutsunderlag", "List Bullet")

    buffer = io.BytesIO()
    document.save(buffer)
    return _repeat_table_headers(buffer.getvalue())


def _list(document, items: str, style: str) -> None:
    """A paragraph in Word's list `style` repeated per item of `items` (docxtpl's `{%p %}`)."""
    document.add_paragraph("{%p for punkt in " + items + " %}")
    document.add_paragraph("{{ punkt }}", style=style)
    document.add_paragraph("{%p endfor %}")


def _table(document, header: list[str], loop: str, cells: list[str],
           widths_cm: list[float]) -> None:
    """A table of a header row and one template row repeated per item (docxtpl's `{%tr %}`),
    its columns `widths_cm` wide (together the text width, 16 cm)."""
    from docx.shared import Cm

    table = document.add_table(rows=4, cols=len(header), style="Table Grid")
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, expression in zip(table.rows[2].cells, cells, strict=True):
        cell.text = "{{ " + expression + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _repeat_table_headers(docx_bytes: bytes) -> bytes:
    """Mark each table's first row as a header row, repeated on every page (and read as
    headers by a screen reader): python-docx has no public setting for it."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for first in root.iterfind(f".//{{{W}}}tbl/{{{W}}}tr[1]"):
                    props = first.find(f"{{{W}}}trPr")
                    if props is None:
                        props = etree.Element(f"{{{W}}}trPr")
                        tbl_pr_ex = first.find(f"{{{W}}}tblPrEx")
                        first.insert(0 if tbl_pr_ex is None else 1, props)
                    etree.SubElement(props, f"{{{W}}}tblHeader")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(item, data)
    return out.getvalue()


def _set_language(styles) -> None:
    """Make sv-SE the document's language (Word's spelling and a screen reader's voice)."""
    from docx.oxml.ns import qn
    from lxml import etree

    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles, qn("w:docDefaults"))
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = etree.SubElement(defaults, qn("w:rPrDefault"))
    props = run_default.find(qn("w:rPr"))
    if props is None:
        props = etree.SubElement(run_default, qn("w:rPr"))
    lang = props.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(props, qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)


def render(figs: AnnualFigures, *, title: str, today: date, report_name: str,
           personal_data: bool, template: Path | None = None) -> bytes:
    """The tjänsteskrivelse filled into the template (the municipality's own, or the
    built-in one), as the bytes of a .docx.

    Raises WorkbookUnreadable when the template is not a Word document docxtpl can fill.
    """
    from docxtpl import DocxTemplate

    values = context(figs, title=title, today=today, report_name=report_name,
                     personal_data=personal_data)
    source: Any = io.BytesIO(default_template()) if template is None else str(template)
    try:
        document = DocxTemplate(source)
        document.render(values, autoescape=True)
    except Exception as error:  # noqa: BLE001 - docx, zip and Jinja2 errors all mean the same
        if template is None:
            raise
        raise WorkbookUnreadable(
            f"{template}: mallen går inte att fylla i som tjänsteskrivelse ({error}).",
            hint="Använd en Word-fil (.docx) med platshållarna som DESIGN.md listar, "
                 "t.ex. {{ sammanfattning }}.") from error
    # The text is Swedish whatever the template's own language says.
    _set_language(document.styles.element)
    properties = document.core_properties
    properties.title = values["arende"]
    properties.language = LANGUAGE
    if not personal_data:
        properties.author = ""
        properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
