"""The text of the `Instruktioner` sheet, in plain Swedish for staff.

Two audiences: the huvuddokument (everyone who edits the plan) and a
focus-area workbook from `split` (the focus-area group).
"""

from __future__ import annotations

from plan_sheets.workbook.model import Phase, Status
from plan_sheets.workbook.schema import ACTIVITIES, TRAFFIC_LIGHTS

Section = tuple[str, list[str]]

COLOURS: list[tuple[Status, str]] = [
    (Status.GREEN, "allt är som det ska och aktiviteten fortskrider enligt plan."),
    (Status.YELLOW, "allt går inte helt som planerat; det finns en avvikelse i planen. "
                    "Fyll i Orsak till avvikelse och Rekommenderad åtgärd."),
    (Status.RED, "aktiviteten går inte alls som planerat och avviker avsevärt. "
                 "Fyll i Orsak till avvikelse och Rekommenderad åtgärd."),
]

PHASES: list[tuple[Phase, str]] = [
    (Phase.PLANNED, "beslutad eller föreslagen men inte påbörjad. Status får vara tom."),
    (Phase.ONGOING, "pågår. Sätt alltid en status (Grön, Gul eller Röd)."),
    (Phase.DONE, "klar. Blir aldrig försenad."),
    (Phase.CANCELLED, "avbruten efter beslut. Skriv varför i Statuskommentar."),
]


def colour_lines() -> list[str]:
    return [f"{TRAFFIC_LIGHTS[s].label} – {text}" for s, text in COLOURS]


def column_lines() -> list[str]:
    return [f"{f.header}: {f.help}" for f in ACTIVITIES.fields if f.help]


def main_sections() -> list[Section]:
    """Instructions for the huvuddokument."""
    return [
        ("Om arbetsboken", [
            "Det här är huvuddokumentet för handlingsplanen för näringslivsstrategin. Här finns "
            "alla aktiviteter med ansvar, tidplan, status och koppling till de mätbara målen.",
            "Processledaren håller huvuddokumentet uppdaterat. Fokusområdesgrupperna får var "
            "sin arbetsbok att fylla i; processledaren för sedan in deras ändringar här.",
        ]),
        ("Så fyller du i en rad", [
            "En rad är en aktivitet. Skriv bara i de vita cellerna under rubrikraden och "
            "ändra inte rubrikerna. Kolumnerna betyder:",
            *column_lines(),
            "Egna kolumner går bra: lägg dem till höger om de andra. De följer med överallt.",
        ]),
        ("Vad färgerna betyder", [
            "Varje aktivitets status visas med färgen grön, gul eller röd (handlingsplanen, "
            "avsnitt 7). Cellen färgas automatiskt när du väljer status i listan:",
            *colour_lines(),
            "Orsaker till avvikelser följs upp. Processledaren och fokusområdesansvarig tar "
            "gemensamt fram en rekommenderad åtgärd, och styrgruppen beslutar.",
        ]),
        ("Läge", [f"{p.value} – {text}" for p, text in PHASES]),
        ("Nya aktiviteter", [
            "Nya aktiviteter kan läggas till under året. Styrgruppen beslutar om dem; till dess "
            "är Beslutad tom och aktiviteten visas under Förslag att besluta i "
            "styrgruppsrapporten.",
        ]),
        ("När grupperna lämnar in (sammanslagning)", [
            "Processledaren kör plan-sheets merge med fokusområdesgruppernas arbetsböcker. "
            "Verktyget jämför varje cell med hur den såg ut när arbetsboken skickades ut:",
            "En cell som bara gruppen har ändrat förs in här. En cell som bara har ändrats här "
            "behålls. Har båda ändrat samma cell olika blir det en konflikt: ingenting skrivs "
            "förrän processledaren har rett ut den.",
            "Rader som en grupp har tagit bort tas inte bort här; de rapporteras.",
            "Före varje sammanslagning sparas en kopia av huvuddokumentet i mappen arkiv "
            "bredvid filen. Varje ändring skrivs i fliken Ändringslogg, och läge och status "
            "för alla aktiviteter sparas i fliken Statushistorik.",
            "Stäng huvuddokumentet i Excel innan processledaren kör sammanslagningen.",
        ]),
        ("Flikarna", [
            "Aktiviteter – alla aktiviteter.",
            "Fokusområden och Insatsområden – handlingsplanens struktur.",
            "Mål – de mätbara målen. Mätvärden – utfall per mål och år.",
            "Statushistorik och Ändringslogg – skrivs av verktyget; ändra inte i dem.",
        ]),
    ]


def group_sections(focus_area: int, name: str) -> list[Section]:
    """Instructions for a focus-area workbook from `split`."""
    return [
        ("Om arbetsboken", [
            f"Det här är arbetsboken för fokusområde {focus_area}: {name}.",
            "Fyll i läget för områdets aktiviteter och lämna tillbaka filen till "
            "processledaren. Byt gärna inte namn på filen.",
        ]),
        ("Så fyller du i", [
            "En rad är en aktivitet. Ändra inte rubrikerna och inte ID (den grå kolumnen).",
            *column_lines(),
            "Ny aktivitet: lägg till en rad längst ned och lämna ID tomt. Processledaren ger "
            "den ett ID, och styrgruppen beslutar om den.",
            "Ta inte bort rader. En aktivitet som inte ska genomföras får Läge Avbruten och "
            "en förklaring i Statuskommentar.",
            "Skriv värden, inte formler: formler förs inte över till huvuddokumentet.",
            "Fliken Bedömningar: fokusområdesansvarig skriver periodens samlade bedömning "
            "med några meningar och de väsentliga händelserna. Styrgruppen läser den bredvid "
            "områdets trafikljus.",
        ]),
        ("Vad färgerna betyder", [
            "Status visas med färgen grön, gul eller röd (handlingsplanen, avsnitt 7):",
            *colour_lines(),
        ]),
        ("Läge", [f"{p.value} – {text}" for p, text in PHASES]),
        ("När du lämnar in", [
            "Processledaren för in era ändringar i huvuddokumentet med plan-sheets merge. "
            "Varje cell jämförs med hur den såg ut när arbetsboken skickades ut, så bara det "
            "ni har ändrat förs in.",
            "Har någon ändrat samma cell i huvuddokumentet under tiden blir det en konflikt, "
            "och processledaren hör av sig.",
            "Den dolda fliken Bas behövs för jämförelsen. Ändra inte i den.",
        ]),
    ]
