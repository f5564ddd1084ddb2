"""Findings are data: one registry of codes, each with its severity and Swedish text.

No finding message is built anywhere else: checks call `make()` with a code and
the values its template names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from plan_sheets.excel.addresses import cell_address, sheet_cell
from plan_sheets.workbook.model import FormulaWithoutValue
from plan_sheets.workbook.schema import is_invisible


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "fel" if self is Severity.ERROR else "varning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    """Short Swedish name of the rule, for summaries."""
    template: str
    """Swedish message; `{value}` and the keyword arguments of `make()` fill it."""
    hint: str
    """What to do about it, in Swedish."""
    stage: str = "validate"
    """`validate` for DESIGN.md's rules, `merge` for what a merge reports, `matvarden` for
    what fetching the goals' values found."""


ERROR, WARNING = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("SHEET_MISSING", ERROR, "Flik saknas", "Fliken {sheet} saknas.",
             "Lägg till fliken (plan-sheets init skapar en mall med alla flikar)."),
        Rule("COLUMN_MISSING", ERROR, "Kolumn saknas",
             "Kolumnen {header} saknas i fliken {sheet}.",
             "Lägg till kolumnen i rubrikraden."),
        Rule("HEADER_DUPLICATE", ERROR, "Dubblerad kolumn",
             "Kolumnerna {first} och {second} betyder båda {header}.",
             "Byt namn på eller ta bort den ena kolumnen."),
        Rule("ID_MISSING", ERROR, "ID saknas", "Raden har en aktivitet men inget ID.",
             "Fyll i ID som fokusområde.insatsområde.löpnummer, t.ex. 1.3.2."),
        Rule("ID_FORMAT", ERROR, "Felaktigt ID", "ID {value} har inte formen F.I.N.",
             "Skriv ID som fokusområde.insatsområde.löpnummer, t.ex. 1.3.2."),
        Rule("ID_DUPLICATE", ERROR, "Dubblerat ID", "ID {value} finns också på rad {other_row}.",
             "Ge den ena aktiviteten ett eget, ledigt löpnummer."),
        Rule("ID_AREA_MISMATCH", ERROR, "ID och område stämmer inte",
             "ID {value} hör till {expected}, men raden anger {found}.{note}",
             "Rätta ID eller Fokusområde/Insatsområde så att de stämmer."),
        Rule("AREA_UNKNOWN", ERROR, "Okänt område",
             "{what} {value} finns inte i fliken {sheet_ref}.",
             "Använd ett område som finns, eller lägg till en rad med dess ID, fokusområde och "
             "text i fliken Insatsområden (ett fokusområde: i fliken Fokusområden) – i "
             "huvuddokumentet, eller i fokusområdets arbetsbok, så att sammanslagningen för in "
             "det som ett förslag."),
        Rule("TITLE_MISSING", ERROR, "Aktivitet saknar namn", "Raden har ingen text i Aktivitet.",
             "Skriv aktivitetens namn."),
        Rule("STATUS_INVALID", ERROR, "Ogiltig status",
             "Status {value} är inte Grön, Gul eller Röd.",
             "Välj Grön, Gul eller Röd i listan."),
        Rule("STATUS_ONLY_COLOUR", ERROR, "Status bara som färg",
             "Status är tom, men cellen är färgad {colour}: plan-sheets läser text, så "
             "aktiviteten räknas som Ej satt.",
             "Skriv Grön, Gul eller Röd i cellen, eller gör om hela den gamla planen med "
             "plan-sheets import GAMMAL.xlsx NY.xlsx, som läser färgerna."),
        Rule("PHASE_INVALID", ERROR, "Ogiltigt läge",
             "Läge {value} är inte Planerad, Pågående, Genomförd eller Avbruten.",
             "Välj ett läge i listan."),
        Rule("DATE_INVALID", ERROR, "Oläsligt datum",
             "{header} {value} går inte att läsa som datum.",
             "Skriv datum som 2025-03-31, år-månad (2025-03) eller år (2025)."),
        Rule("SETTING_INVALID", WARNING, "Oläslig inställning",
             "{setting} {value} är inte {choices}, så kommandona använder {default}.",
             "Välj ett av värdena i cellens lista; en tom cell ger standardvärdet, som "
             "Förklaring nämner."),
        Rule("NUMBER_INVALID", ERROR, "Oläsligt tal",
             "{header} {value} går inte att läsa som tal.",
             "Skriv ett tal, t.ex. 75, 1 234 eller 12,5 (eller lämna cellen tom)."),
        Rule("DATE_ORDER", ERROR, "Slut före start", "Slut {value} ligger före Start {start}.",
             "Rätta Start eller Slut."),
        Rule("GOAL_UNKNOWN", ERROR, "Okänt mål", "Målet {value} finns inte i fliken Mål.",
             "Använd mål-ID från fliken Mål, t.ex. M1, M4."),
        Rule("GOAL_DUPLICATE", ERROR, "Dubblerat mål",
             "Mål-ID {value} finns också på rad {other_row} i fliken Mål.",
             "Ge varje mål ett eget ID."),
        Rule("MEASUREMENT_INVALID", ERROR, "Ogiltigt mätvärde", "{problem}",
             "Skriv mål-ID, år (t.ex. 2025) och ett tal i raden."),
        Rule("TEXT_INVALID", ERROR, "Text som Excel inte kan lagra", "{problem}",
             "Ta bort styrtecken eller korta texten till högst 32 767 tecken."),
        Rule("RESPONSIBLE_MISSING", WARNING, "Ansvarig saknas", "Ingen ansvarig är angiven.",
             "Fyll i ansvarigt kontor eller enhet."),
        Rule("STATUS_MISSING", WARNING, "Status saknas",
             "Aktiviteten är Pågående men saknar Status.",
             "Sätt Grön, Gul eller Röd."),
        Rule("DATE_MISSING", WARNING, "Datum saknas", "{header} saknas.",
             "Fyll i datum, år-månad (2025-03) eller år; Slut kan också vara Löpande."),
        Rule("OVERDUE", WARNING, "Försenad",
             "Slut {value} har passerat men aktiviteten är {phase}.",
             "Sätt Läge Genomförd eller Avbruten, eller flytta Slut och förklara "
             "i Statuskommentar."),
        Rule("DEVIATION_CAUSE_MISSING", WARNING, "Orsak till avvikelse saknas",
             "Status {value} men Orsak till avvikelse är tom.",
             "Beskriv varför aktiviteten avviker."),
        Rule("DEVIATION_ACTION_MISSING", WARNING, "Åtgärd saknas",
             "Status {value} men Rekommenderad åtgärd är tom.",
             "Processledaren och fokusområdesansvarig föreslår en åtgärd."),
        Rule("GOAL_LINK_MISSING", WARNING, "Ingen målkoppling",
             "Aktiviteten är inte kopplad till något mål.",
             "Ange minst ett mål-ID i kolumnen Mål."),
        Rule("GOAL_UNCOVERED", WARNING, "Mål utan aktivitet",
             "Målet {value} har ingen aktivitet kopplad till sig.",
             "Koppla en aktivitet till målet eller ta upp det med styrgruppen."),
        Rule("AREA_EMPTY", WARNING, "Insatsområde utan aktiviteter",
             "Insatsområde {value} har inga aktiviteter.",
             "Lägg till aktiviteter i området eller ta upp det med styrgruppen."),
        Rule("NOT_DECIDED", WARNING, "Ej beslutad",
             "Aktiviteten saknar beslutsdatum och väntar på styrgruppens beslut.",
             "Fyll i Beslutad när styrgruppen har beslutat."),
        Rule("GOAL_NO_MEASUREMENT", WARNING, "Mål utan mätvärden",
             "Målet {value} har inga värden i fliken Mätvärden.",
             "Lägg in årets utfall i fliken Mätvärden."),
        Rule("RED_NOT_DECIDED", WARNING, "Röd utan beslut",
             "Aktiviteten är Röd (uppdaterad {since}) och styrgruppen har haft möte {meeting} "
             "utan att besluta om den eller prioritera den.",
             "Styrgruppen beslutar om åtgärd och prioritet; skriv beslutet i fliken Beslut "
             "med aktivitetens ID."),
        Rule("DECISION_FOLLOW_UP_PASSED", WARNING, "Beslut att följa upp",
             "Beslutet ”{decision}” skulle följas upp {value} men är {state}.",
             "Följ upp beslutet: sätt Status för beslutet till Verkställt eller Avskrivet, "
             "eller ett nytt datum i Följs upp."),
        Rule("DECISION_VALUE_INVALID", WARNING, "Oläsligt värde i Beslut",
             "{header} {value} går inte att läsa; skriv {expected}.",
             "Rätta cellen i fliken Beslut; rullgardinslistan visar de värden som går."),
        Rule("KOLADA_VALUE_MISSING", WARNING, "Mätvärde från Kolada saknas",
             "Målet {value} har Kolada-KPI {kpi} men inget värde för {year} i Mätvärden.",
             "Hämta värdena med plan-sheets matvarden HUVUDDOKUMENT (Kolada publicerar "
             "ett års värden under året efter)."),
        Rule("ASSESSMENT_MISSING", WARNING, "Bedömning saknas",
             "{focus} saknar samlad bedömning för {value}.",
             "Fokusområdesansvarig skriver periodens samlade bedömning i fliken Bedömningar."),
        # Merge: what bringing a focus-area workbook back into the huvuddokument found.
        Rule("MERGE_CONFLICT", ERROR, "Konflikt",
             "{header} för {id}: huvuddokumentet har ”{main}”, {source} har ”{group}” "
             "(båda har ändrats sedan uppdelningen, som var ”{base}”).",
             "Bestäm vilket värde som gäller och skriv in det i båda arbetsböckerna, "
             "eller ändra tillbaka i den ena, och kör sammanslagningen igen.", stage="merge"),
        Rule("ROW_DELETED", WARNING, "Borttagen rad",
             "Aktivitet {value} finns inte längre i {source}. Den tas inte bort ur "
             "huvuddokumentet.",
             "Ska aktiviteten avslutas: sätt Läge Avbruten i huvuddokumentet.", stage="merge"),
        Rule("ID_IN_TWO_FILES", ERROR, "Samma aktivitet olika i två arbetsböcker",
             "{what} finns i både {first} och {second}, med olika innehåll: {fields}.",
             "Bestäm vilken av arbetsböckerna som gäller och ta bort den andra (eller skriv in "
             "samma sak i båda) och kör sammanslagningen igen.", stage="merge"),
        Rule("ROW_IN_TWO_FILES", WARNING, "Samma rad i två arbetsböcker",
             "{what} finns likadan i både {first} och {second}; den förs in en gång, från "
             "{first}.",
             "Ta bort den överflödiga kopian av arbetsboken, så att ingen fyller i fel fil "
             "nästa gång.", stage="merge"),
        Rule("ID_NOT_FOUND", WARNING, "Okänt ID",
             "ID {value} i {source} finns inte i huvuddokumentet. Raden förs inte in.",
             "Rätta ID:t, eller lämna det tomt om raden är en ny aktivitet.", stage="merge"),
        Rule("ID_CLOSED", WARNING, "Avslutad aktivitet",
             "Aktivitet {value} i {source} avslutades vid ett årsskifte och står i fliken "
             "Avslutade. Raden förs inte in.",
             "Dela ut nya arbetsböcker med plan-sheets split efter årsskiftet. Ska "
             "aktiviteten fortsätta: lägg till den som en ny aktivitet (tomt ID).",
             stage="merge"),
        Rule("ID_NOT_FOUND_CHANGED", ERROR, "Okänt ID på ändrad rad",
             "ID {value} i {source} finns inte i huvuddokumentet, och raden har innehåll som "
             "då inte kan föras in.",
             "Skriv ID:t som det står i huvuddokumentet, eller töm ID om raden är en ny "
             "aktivitet, och kör sammanslagningen igen.", stage="merge"),
        Rule("NEW_ROW_UNPLACED", ERROR, "Rad utan aktivitet",
             "Raden har varken ID, Aktivitet eller Insatsområde men innehåller {value}, så den "
             "kan inte föras in.",
             "Skriv aktivitetens namn och insatsområde på raden (då blir den en ny aktivitet) "
             "eller flytta texten till den aktivitet den gäller, och kör sammanslagningen "
             "igen.", stage="merge"),
        Rule("TEXT_WITHOUT_HEADER", ERROR, "Text i kolumn utan rubrik",
             "{value} står i en kolumn utan rubrik{more} och kan inte föras in.",
             "Skriv en rubrik överst i kolumnen (då förs den in som en egen kolumn), eller "
             "flytta texten till den kolumn den hör till (t.ex. Statuskommentar), och kör "
             "sammanslagningen igen.", stage="merge"),
        Rule("ASSESSMENT_ROW_PLACED", WARNING, "Bedömning på egen rad",
             "{where} saknar {missing}; bedömningen förs in som {focus}:s för {period}, "
             "den period arbetsboken delades ut för.",
             "Skriv nästa gång bedömningen på den ifyllda raden.", stage="merge"),
        Rule("ASSESSMENT_ROW_UNPLACED", ERROR, "Bedömning utan period",
             "Raden har {value} men saknar {missing}, och arbetsboken säger inte vilken "
             "period och vilket fokusområde den gäller.",
             "Fyll i Period och Fokusområde på raden, och kör sammanslagningen igen.",
             stage="merge"),
        Rule("ASSESSMENT_ROWS_DIFFER", ERROR, "Två bedömningar för samma period",
             "{source} har två rader för {focus} {period} med olika {header}: {cells}.",
             "Behåll texten på en av raderna och töm den andra, och kör sammanslagningen "
             "igen.", stage="merge"),
        Rule("RESPONSIBLE_SPLIT", WARNING, "Flera kontor i Ansvarig",
             "Ansvarig {value} för {id} i {source} nämner flera kontor: {first} räknas som "
             "ansvarig, {others} som delaktiga.",
             "Skriv bara det ansvariga kontoret i Ansvarig och de andra i Delaktiga.",
             stage="merge"),
        Rule("NO_BASE", WARNING, "Arbetsbok utan bas",
             "{source} saknar fliken Bas (den är inte gjord med plan-sheets split). Den förs in "
             "tvåvägs: där gruppens värde skiljer sig från huvuddokumentets gäller gruppens; "
             "tomma celler ändrar ingenting.",
             "Dela ut arbetsböcker med plan-sheets split, så kan ändringar jämföras cell för "
             "cell.", stage="merge"),
        Rule("FORMULA_NOT_COPIED", WARNING, "Formel förs inte in",
             "{header} för {id} i {source} är en formel utan sparat värde. Den förs inte in.",
             "Skriv värdet i cellen i stället för en formel.", stage="merge"),
        Rule("COLUMN_ADDED", WARNING, "Ny kolumn",
             "Kolumnen ”{value}” från {source} finns inte i huvuddokumentet och läggs till.",
             "Ta bort kolumnen i huvuddokumentet efteråt om den inte ska vara kvar.",
             stage="merge"),
        # matvarden: what fetching the goals' values from open data found.
        Rule("KOLADA_KPI_UNKNOWN", WARNING, "Okänt nyckeltal",
             "Kolada känner inte till nyckeltalet {value} (målet {goal}); målets värden "
             "hämtas inte.",
             "Sök nyckeltalet på kolada.se och skriv dess ID (som N00999) i cellen.",
             stage="matvarden"),
        Rule("KOLADA_GENDER_INVALID", WARNING, "Ogiltigt kön",
             "Kön {value} för målet {goal} är inte T, K eller M; målets värden hämtas inte.",
             "Skriv T (totalt), K (kvinnor) eller M (män), eller lämna cellen tom (T).",
             stage="matvarden"),
        Rule("KOLADA_VALUE_DIFFERS", WARNING, "Inskrivet värde skiljer sig från Koladas",
             "{goal} {year}: det inskrivna värdet {value} skiljer sig från Koladas {fetched}; "
             "det inskrivna värdet lämnas.",
             "Stämmer Koladas värde: kör plan-sheets matvarden igen med --skriv-over (det "
             "loggas i Ändringslogg), eller rätta cellen själv.", stage="matvarden"),
    )
}


@dataclass(frozen=True)
class Finding:
    """One thing wrong with one place in a workbook."""

    code: str
    severity: Severity
    sheet: str
    cell: str
    """`L14`, or empty when the finding is about a whole sheet."""
    row: int | None
    column: int | None
    activity_id: str
    value: str
    message: str
    file: str = ""
    """The workbook the cell is in, when it is not the one checked (a group's, in a merge)."""

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def hint(self) -> str:
        """What to do about it, in Swedish."""
        return self.rule.hint

    @property
    def location(self) -> str:
        """`Aktiviteter!L14`, `Mål` or empty."""
        if self.row and self.column:
            return sheet_cell(self.sheet, self.row, self.column)
        if self.row:
            return f"{self.sheet} rad {self.row}"
        return self.sheet

    @property
    def origin(self) -> str:
        """`fokusomrade-1.xlsx Aktiviteter!L14`: the location, in its file when known."""
        return f"{self.file} {self.location}" if self.file else self.location

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "column": self.column,
            "activity_id": self.activity_id,
            "value": self.value,
            "message": self.message,
        }


def visible(text: str) -> str:
    """Text with each invisible character shown as its code point: `Grön⟨U+200B⟩`."""
    if text.isascii():
        return text
    return "".join(f"⟨U+{ord(ch):04X}⟩" if is_invisible(ch) else ch for ch in text)


def display(value: object) -> str:
    """A cell value as a user would recognise it in a message (invisible characters
    made visible)."""
    if value is None:
        return ""
    if isinstance(value, FormulaWithoutValue):
        return f"{value} (formel utan sparat värde – öppna och spara filen i Excel)"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    return visible(str(value))


def make(
    code: str,
    *,
    sheet: str,
    row: int | None = None,
    column: int | None = None,
    activity_id: str = "",
    value: object = None,
    file: str = "",
    **params: object,
) -> Finding:
    """Build a finding from the registry; `params` fill the rule's template.

    `file` names the workbook the cell is in when it is not the one checked.
    """
    rule = RULES[code]
    shown = display(value)
    fill = {"value": f"”{shown}”" if shown else "(tom)", "sheet": sheet, "sheet_ref": sheet,
            "note": "", **{k: display(v) for k, v in params.items()}}
    message = rule.template.format(**fill)
    if isinstance(value, FormulaWithoutValue) and "formel" not in message:
        message += f" Cellen innehåller formeln {value} utan sparat värde."
    return Finding(
        code=code,
        severity=rule.severity,
        sheet=sheet,
        cell=cell_address(row, column) if row and column else "",
        row=row,
        column=column,
        activity_id=activity_id,
        value=shown,
        message=message,
        file=file,
    )


def count_by_severity(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
