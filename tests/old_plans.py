"""Old, hand-kept action-plan workbooks as municipalities keep them, built in code for `import`.

Each function saves one layout of issue 17 with openpyxl and returns its path.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Color, Font, PatternFill

GREEN, RED, AMBER, ORANGE = "FF00B050", "FFFF0000", "FFFFC000", "FFFF6600"


def solid(rgb: str | None = None, *, theme: int | None = None, tint: float = 0.0,
          indexed: int | None = None) -> PatternFill:
    if theme is not None:
        colour = Color(theme=theme, tint=tint)
    elif indexed is not None:
        colour = Color(indexed=indexed)
    else:
        colour = Color(rgb=rgb)
    return PatternFill("solid", fgColor=colour)


def issue_example(path: Path) -> Path:
    """The issue's own example: one sheet, `Nr, Insatsområde, Aktivitet, Ansvar, Tidplan,
    Status, Mål`, status only as fill, no Start/Slut/Läge."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Aktiviteter"
    ws.append(["Handlingsplan för näringslivsstrategin 2017–2019"])
    ws.append(["Nr", "Insatsområde", "Aktivitet", "Ansvar", "Tidplan", "Status", "Mål"])
    rows = [
        (["1.1.1", "1.1", "Företagsbesök politiker", "NLK/SBK", "2017", None, "M1"], GREEN),
        (["1.1.2", "1.1", "Företagsbesök tjänstemän", "Näringslivskontoret, Samhällsbyggnad",
          "HT 2017", None, "M1, M2"], RED),
        (["1.2.1", "1.2", "Frukostklubben", "NLK", "2018/19", None, "M2"], ORANGE),
        (["2.1.1", "2.1", "Praktikplatser", "AMF", "Löpande", None, "M2"], AMBER),
    ]
    for values, fill in rows:
        ws.append(values)
        ws.cell(ws.max_row, 6).fill = PatternFill("solid", fgColor=fill)
    wb.save(path)
    return path


def per_focus_area(path: Path) -> Path:
    """One sheet per focus area; title rows; merged, bold, filled heading rows for the
    intervention areas with their "där kommunen …" texts; IDs `1`, `2` per area and `a)`;
    status as theme colours with tint, indexed colours and a ● coloured by its font."""
    wb = Workbook()
    wb.remove(wb.active)
    heading_fill = solid(theme=4, tint=0.7999816888943144)  # blue, Accent 1 lighter 80 %
    sheets = {
        "Fokusområde 1": ("Fokusområde 1: Ett företagsklimat som främjar utveckling", [
            ("1. Där kommunen erbjuder mötesplatser och dialog. Genom att finnas hos företagen.", [
                ["1", "Företagsbesök politiker", "NLK", "VT 2018", None, solid(theme=6, tint=0.3999755851924192)],  # noqa: E501
                ["2", "Företagsbesök tjänstemän", "NLK", "Q3 2018", None, solid(indexed=10)],
            ]),
            ("2. Där kommunen har partners för rådgivning", [
                ["a)", "Nyföretagarcentrum", "NLK/Almi", "Våren 2019", "●", Font(color=GREEN)],
            ]),
        ]),
        "Fokusområde 2": ("Fokusområde 2: God tillgång på arbetskraft", [
            ("1. Där kommunen verkar för högre utbildning", [
                ["1", "Campus Telge", "KLK", "december 2017", None, solid(indexed=13)],
                ["2", "Praktik för unga", "AMF", "Klar", "⬤", Font(color=Color(theme=5))],
            ]),
        ]),
    }
    for name, (title, areas) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
        ws.append(["Nr", "Aktivitet", "Ansvarig", "Tidplan", "Status"])
        for heading, activities in areas:
            ws.append([heading])
            row = ws.max_row
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            ws.cell(row, 1).font = Font(bold=True)
            ws.cell(row, 1).fill = heading_fill
            for values in activities:
                *cells, look = values
                ws.append(cells)
                status = ws.cell(ws.max_row, 5)
                if isinstance(look, Font):
                    status.font = look
                else:
                    status.fill = look
    wb.save(path)
    return path


def one_sheet_with_headings(path: Path) -> Path:
    """One sheet, focus and intervention areas as plain heading rows (a focus heading is
    followed by an area heading); IDs `1.1.a` and `FO1-3`; status as text in any spelling
    and as conditional formatting on a text; a comment with labelled parts; goals named
    in text or missing; responsibility with several offices."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Handlingsplan"
    ws.append(["Uppföljning av handlingsplanen"])
    ws.append(["Reviderad 2018-05-01"])
    ws.append(["ID", "Aktivitet", "Ansvar", "Tid", "Status", "Kommentar", "Mål", "Egen not"])
    ws.append(["Företagsklimat"])
    ws.append(["Insatsområde: där kommunen erbjuder mötesplatser"])
    ws.append(["1.1.a", "Företagsbesök", "NLK och SBK", "2017–2018", "GRÖNT", "", "Mål 1 och 3",
               "viktig"])
    ws.append(["1.1.b", "Frukostklubben", "NLK", "2017-2019", "OK", "", "M1", None])
    ws.append(["FO1-3", "Företagsbesök", "NLK", "Pågår", "Risk",
               "Lokalen saknas. Orsak: lokalen såld. Åtgärd: hitta ny lokal.", "", None])
    ws.append(["Kompetens"])
    ws.append(["Insatsområde: där kommunen verkar för utbildning"])
    ws.append(["", "Sommarjobb", "AMF, NLK", "2018/2019", "röd", "", "Fler unga i arbete",
               None])
    ws.append(["", "Yrkesdagar", "AMF", "snart", "klar", "", "M2", None])
    ws.conditional_formatting.add("E6:E20", CellIsRule(operator="equal", formula=['"OK"'],
                                                       fill=PatternFill(bgColor="FFC6EFCE")))
    ws.conditional_formatting.add("E6:E20", FormulaRule(formula=['$E6="Risk"'],
                                                        fill=PatternFill(bgColor="FFFFEB9C")))
    wb.save(path)
    return path


HAND_KEPT_NAME = "Handlingsplan för näringslivsstrategin 2020–2023"


def hand_kept(path: Path) -> Path:
    """A plan kept by hand by someone else, with what such sheets have (issue 22): a title
    row naming the plan; the usual header variants (`Koppling till mål`, `Ansvarig
    förvaltning`, `Tidsplan`, `Kommentar`) and one that is no field (`Budget (tkr)`);
    heading rows; a hidden row (an old activity); a struck-through activity filled red;
    cell notes, one labelled `Orsak:`; traffic lights without Läge; and a colour legend
    and a note below the data."""
    from openpyxl.comments import Comment

    wb = Workbook()
    ws = wb.active
    ws.title = "Aktiviteter"
    ws.append([HAND_KEPT_NAME])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Nr", "Aktivitet", "Ansvarig förvaltning", "Tidsplan", "Status", "Kommentar",
               "Koppling till mål", "Budget (tkr)"])
    ws.append(["Fokusområde 1: Företagsklimat"])
    ws.append(["1.1 Där kommunen erbjuder mötesplatser"])
    ws.append(["1.1.1", "Företagsfrukostar", "Näringslivskontoret", "2020–2023", "Grön",
               "Fyra i år", "M1", 40])                                              # row 5
    ws.append(["1.1.2", "Företagsbesök", "Näringslivskontoret", "2020–2021", "Röd", "",
               "M1, M2", 20])                                                       # row 6
    ws.cell(6, 5).comment = Comment("Anna Andersson:\nOrsak: Statsbidraget sänktes",
                                    "Anna Andersson")
    ws.append(["1.1.3", "Gammal mässa", "Näringslivskontoret", "2019", "Grön", "", "M1",
               None])                                                               # row 7
    ws.row_dimensions[7].hidden = True
    ws.append(["1.1.4", "Näringslivsgala", "Kulturförvaltningen", "2021", "Röd", "", "M2",
               None])                                                               # row 8
    for cell in ws[8]:
        cell.font = Font(strike=True)
    ws.cell(8, 5).fill = PatternFill("solid", fgColor=RED)
    ws.append(["Fokusområde 2: Kompetens"])
    ws.append(["2.1 Där kommunen verkar för utbildning"])
    ws.append(["2.1.1", "Praktikplatser", "Arbetsmarknadsförvaltningen", "2022–2024", "Gul",
               "", "M2", 15])                                                       # row 11
    ws.cell(11, 2).comment = Comment("Kontaktperson är Lena på AMF.", "Per Lundgren")
    ws.append([])
    ws.append(["Teckenförklaring"])                                                 # row 13
    ws.append(["Grön = enligt plan"])
    ws.append(["Gul = risk för avvikelse"])
    ws.append(["Röd = avvikelse"])
    ws.append([])
    ws.append(["Anm: uppdaterad inför styrgruppen i mars"])                         # row 18
    wb.save(path)
    return path
