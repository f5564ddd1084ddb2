"""The shipped example: the Södertälje plan, with invented follow-up data.

Focus areas, intervention areas and the 60 activities come from the action
plan (`example_data`). Everything the action plan does not say — offices,
contact persons, dates, Läge, Status, comments, goals, measurements and a year
of status history — is invented here and marked "Exempel" in the workbook.
The gaps the validator should find are planted on purpose (see PLANTED).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from plan_sheets.example import plan_text as data
from plan_sheets.workbook.model import (
    Activity,
    Assessment,
    Decision,
    DecisionState,
    Direction,
    FocusArea,
    Goal,
    InterventionArea,
    Measurement,
    Phase,
    Plan,
    Priority,
    SettingValue,
    Snapshot,
    Status,
    View,
)

EXAMPLE_NOTE = (
    "EXEMPEL – fokusområden, insatsområden och aktiviteter kommer från handlingsplanen; "
    "ansvar, kontaktpersoner, datum, läge, status, kommentarer, mål, mätvärden, "
    "statushistorik, beslut, bedömningar och synpunkter är påhittade för att visa verktyget."
)

STAFF_COLUMN = "Budget 2026 (tkr)"
"""A column of the staff's own, to show that such columns are carried everywhere."""

NLK = "Näringslivskontoret"
KOM = "Kommunikationsavdelningen"
AMF = "Arbetsmarknadsförvaltningen"
UTB = "Utbildningskontoret"
SBK = "Stadsbyggnadskontoret"
MK = "Miljökontoret"
DS = "Destination Södertälje"
KLK = "Kommunledningskontoret"
EXP = "Exploateringsenheten"
CT = "Campus Telge"

CONTACTS = {
    NLK: "Lena Holm", KOM: "Erik Sjöberg", AMF: "Fatima Rahimi", UTB: "Per Lundgren",
    SBK: "Maria Åkesson", MK: "Jonas Berg", DS: "Sofia Nyström", KLK: "Anders Wik",
    EXP: "Karin Dahl",
}
SHORT_NAMES = {1: "Företagsklimat", 2: "Kompetensförsörjning", 3: "Etablering",
               4: "Myndighetsutövning", 5: "Bilden av Södertälje"}
FOCUS_LEADS = {1: "Lena Holm", 2: "Per Lundgren", 3: "Maria Åkesson", 4: "Jonas Berg",
               5: "Sofia Nyström"}
EMAIL_DOMAIN = "sodertalje.example"
"""Invented addresses, in a domain reserved for examples (RFC 2606): never delivered."""


def email(name: str) -> str:
    """The example's invented address of `name`: `maria.akesson@sodertalje.example`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"{'.'.join(ascii_name.lower().split())}@{EMAIL_DOMAIN}"


LOP = "Löpande"
P, ON, D, C = Phase.PLANNED, Phase.ONGOING, Phase.DONE, Phase.CANCELLED
G, Y, R = Status.GREEN, Status.YELLOW, Status.RED
DEC_2024 = date(2024, 11, 20)

# ID: (Ansvarig, Delaktiga, Start, Slut, Läge, Status, Mål, Beslutad,
#      Statuskommentar, Orsak till avvikelse, Rekommenderad åtgärd)
FOLLOW_UP: dict[str, tuple] = {
    "1.1.1": (KLK, NLK, "2025-01", LOP, ON, G, "M1", DEC_2024,
              "Tolv besök genomförda hittills i år.", "", ""),
    "1.1.2": (NLK, f"{SBK}, {MK}", "2025-01", LOP, ON, G, "M1, M3", DEC_2024,
              "Omkring 150 besök per år enligt besöksprogrammet.", "", ""),
    "1.1.3": (NLK, DS, "2025-01", LOP, ON, G, "M1", DEC_2024, "", "", ""),
    "1.1.4": (DS, f"{NLK}, {KOM}", "2025-02", LOP, ON, Y, "M1, M7", DEC_2024,
              "Företagardagen flyttas till våren 2027.",
              "Lokalen blev inte tillgänglig hösten 2026.",
              "Boka lokal ett år i förväg och ha en reservlokal."),
    "1.1.5": (NLK, SBK, "2025-03", "2027-12-31", ON, G, "M1", date(2025, 2, 12), "", "", ""),
    "1.3.1": (NLK, CT, "2024-01", "2026-06-30", D, G, "M3, M5", date(2023, 12, 6),
              "Projektet avslutades i juni 2026; slutrapporten är inlämnad.", "", ""),
    "1.3.2": (NLK, KLK, "2024-01", LOP, ON, G, "M3, M6", date(2023, 12, 6), "", "", ""),
    "1.4.1": (NLK, "", "2025-01", LOP, ON, Y, "M1", DEC_2024,
              "Analysen av 2025 års mätning är inte klar.", "",
              "Beställ analysen av en extern part senast i februari."),
    "1.4.2": (KOM, NLK, "2025-01", LOP, ON, G, "M1", DEC_2024,
              "Nyhetsbrevet går ut varannan månad.", "", ""),
    "1.4.3": (NLK, "Alla berörda kontor", "2025-01", LOP, ON, G, "M1, M2", DEC_2024, "", "", ""),
    "1.5.1": (NLK, KLK, "2025-01", LOP, ON, G, "M6", DEC_2024, "", "", ""),
    "1.5.2": (NLK, "", "2025-01", LOP, ON, G, "M3, M6", DEC_2024, "", "", ""),
    "2.1.1": (UTB, CT, "2025-01", LOP, ON, G, "M5", DEC_2024, "", "", ""),
    "2.1.2": (UTB, AMF, "2025-03", "2026-10-31", D, G, "M5", date(2025, 2, 12),
              "Samverkansmodellen antogs i oktober 2026.", "", ""),
    "2.1.3": (UTB, NLK, "2025-09", "2027-12-31", ON, Y, "M4, M5", date(2025, 6, 11),
              "", "Ansökan till Myndigheten för yrkeshögskolan fick avslag 2026.",
              "Ny ansökan 2027 med två branscher som medsökande."),
    "2.1.4": (AMF, f"{UTB}, {NLK}", "2026-01", "2026-04-30", D, G, "M4", date(2025, 12, 10),
              "Mässan hölls i april med 85 utställare.", "", ""),
    "2.1.5": (AMF, UTB, "2026-03", "2027-12-31", ON, G, "M4, M5", date(2026, 2, 18), "", "", ""),
    "2.2.1": (UTB, CT, "2024-08", LOP, ON, G, "M5", date(2024, 6, 12), "", "", ""),
    "2.3.1": (AMF, NLK, "2020-01", "2025-06-30", D, G, "M4", date(2019, 11, 13),
              "Projektet avslutat; arbetssättet lever vidare i ordinarie verksamhet.", "", ""),
    "2.4.1": (AMF, UTB, "2026-02", "2027-12-31", ON, None, "M4, M5", date(2025, 12, 10),
              "", "", ""),
    "2.5.1": (UTB, AMF, "2025-01", LOP, ON, G, "M4, M5", DEC_2024, "", "", ""),
    "2.5.2": (KOM, f"{UTB}, {CT}", "2025-09", "2027-12-31", ON, G, "M5", date(2025, 6, 11),
              "", "", ""),
    "2.6.1": (NLK, f"{UTB}, {AMF}", "2026-03", "2027-12-31", ON, R, "M4, M5", date(2026, 2, 18),
              "Två av tre branschråd har inte träffats.",
              "Företagen prioriterar inte branschråden.",
              "Koppla råden till befintliga nätverksforum och låt företagen leda mötena."),
    "2.6.2": (AMF, NLK, "2027-01", "2027-12-31", P, None, "M4, M5", None,
              "Nytt förslag från fokusområdesgruppen.", "", ""),
    "3.1.1": (NLK, SBK, "2025-01", "2026-09-30", D, G, "M6", DEC_2024,
              "Etableringsguiden publicerades i september.", "", ""),
    "3.1.2": (NLK, KOM, "2025-01", LOP, ON, G, "M6", DEC_2024, "", "", ""),
    "3.1.3": (NLK, "", "2025-01", LOP, ON, G, "M6", DEC_2024, "", "", ""),
    "3.2.1": (SBK, NLK, "2025-06", "2027-12-31", ON, G, "M6, M8", date(2025, 4, 9), "", "", ""),
    "3.2.2": (SBK, "", "2025-03", "2025-12-31", ON, Y, "M6", date(2025, 2, 12),
              "Försenad; ny tidplan tas fram.", "Resursbrist på planenheten under 2025.",
              "Prioritera webbsidan om planprocessen i verksamhetsplanen 2027."),
    "3.3.1": (EXP, SBK, "2025-01", "2027-12-31", ON, G, "M6, M8", DEC_2024, "", "", ""),
    "3.4.1": (NLK, "", "2025-01", LOP, ON, G, "M6", DEC_2024, "", "", ""),
    "3.4.2": (NLK, KOM, "2025-06", "2027-12-31", ON, R, "M6", date(2025, 4, 9),
              "Registret är inte uppdaterat sedan våren.",
              "Fastighetsägarna rapporterar inte in lediga lokaler.",
              "Avtal om kvartalsvis rapportering med de fem största fastighetsägarna."),
    "3.4.3": (NLK, SBK, "2026-03", "2027-12-31", ON, G, "M6", date(2026, 2, 18), "", "", ""),
    "3.5.1": (SBK, EXP, "2025-01", "2030-12-31", ON, G, "M6, M8", DEC_2024, "", "", ""),
    "3.5.2": (SBK, NLK, "2025-01", LOP, ON, G, "M6, M7", DEC_2024, "", "", ""),
    "3.5.3": (SBK, "", "2025-01", LOP, ON, G, "", DEC_2024, "", "", ""),
    "3.6.1": (AMF, NLK, "2025-06", "2027-12-31", ON, G, "M4, M6", date(2025, 4, 9), "", "", ""),
    "4.1.1": (SBK, MK, "2025-01", LOP, ON, G, "M2", DEC_2024, "", "", ""),
    "4.1.2": (MK, SBK, "2025-01", "2027-12-31", ON, G, "M2", DEC_2024, "", "", ""),
    "4.1.3": (KLK, f"{SBK}, {MK}", "2025-09", "2026-06-30", D, G, "M2", date(2025, 6, 11),
              "Alla handläggare har gått utbildningen.", "", ""),
    "4.1.4": (SBK, MK, "2026-03", "2027-12-31", ON, Y, "M2", date(2026, 2, 18), "",
              "Enheterna har inte brutit ned NKI-målet.",
              "Processledaren tar fram en mall för enhetsmål med förvaltningscheferna."),
    "4.1.5": (MK, SBK, "2025-01", LOP, ON, G, "M2", DEC_2024, "", "", ""),
    "4.2.1": (SBK, MK, "2025-01", "2027-12-31", ON, G, "M2", DEC_2024, "", "", ""),
    "4.2.2": (NLK, "", "2026-03", "2026-09-30", C, None, "M2", date(2026, 2, 18),
              "Ersatt av SKR:s jämförelseprojekt.", "", ""),
    "4.2.3": (KLK, "", "2025-06", "2027-12-31", ON, G, "M2, M6", date(2025, 4, 9), "", "", ""),
    "4.2.4": (DS, KOM, "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "4.2.5": (NLK, f"{SBK}, {MK}", "2025-01", LOP, ON, G, "M2", DEC_2024, "", "", ""),
    "4.3.1": (KLK, f"{SBK}, {MK}", "2025-01", "2027-12-31", ON, Y, "M2, M3", DEC_2024, "",
              "Upphandlingen av e-tjänsteplattformen drog ut på tiden.",
              "Börja med de tre mest efterfrågade tjänsterna i befintlig plattform."),
    "4.4.1": (MK, SBK, "2025-09", "2026-06-30", ON, R, "M2", date(2025, 6, 11),
              "Översynen är försenad.",
              "Taxeöversynen kräver beslut i nämnderna som inte har fattats.",
              "Lyft taxeöversynen till kommunstyrelsen i februari 2027."),
    "4.4.2": (MK, KOM, "2026-03", "2027-12-31", ON, G, "M2", date(2026, 2, 18), "", "", ""),
    "5.1.1": (KOM, f"{NLK}, {DS}", "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "5.1.2": (KOM, "", "2025-01", "2027-12-31", ON, G, "M7", DEC_2024, "", "", ""),
    "5.1.3": (KOM, NLK, "2027-01", "2027-12-31", P, None, "M7", date(2025, 12, 10), "", "", ""),
    "5.2.1": (KOM, "", "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "5.2.2": (DS, KOM, "2025-01", LOP, ON, Y, "M6, M7", DEC_2024, "",
              "Kampanjbudgeten halverades 2026.",
              "Gemensamma kampanjer med Stockholm Business Alliance."),
    "5.2.3": (KOM, "", "2025-01", LOP, ON, R, "M7", DEC_2024,
              "Inga pressutskick sedan juni.", "Tjänsten som pressansvarig är vakant sedan juni.",
              ""),
    "5.3.1": (DS, "", "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "5.3.2": (DS, NLK, "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "5.3.3": (DS, "", "2025-01", LOP, ON, G, "M7", DEC_2024, "", "", ""),
    "5.3.4": (DS, "", None, None, P, None, "M7", None,
              "Idé från fokusområdesgruppen; inte planerad ännu.", "", ""),
}

BUDGET = {"1.1.4": 350, "1.3.2": 1200, "2.1.1": 2500, "2.1.4": 180, "3.4.2": 90,
          "4.3.1": 1800, "5.2.2": 400, "5.3.1": 650}

# (ID, Mål, Indikator, Enhet, Utgångsvärde, Utgångsår, Målvärde, Målår, Riktning, values 2016-)
GOAL_DATA: tuple[tuple, ...] = (
    ("M1", "Ett bättre företagsklimat",
     "Placering i Svenskt Näringslivs ranking av det lokala företagsklimatet", "placering",
     232, 2016, 100, 2028, Direction.DOWN,
     (232, 221, 205, 198, 187, 176, 160, 149, 152, 138)),
    ("M2", "Nöjdare företag i kontakten med kommunens myndigheter",
     "Nöjd-kund-index (NKI) för företagens myndighetskontakter", "index",
     67, 2016, 76, 2028, Direction.UP, (67, 68, 68, 70, 71, 69, 72, 73, 72, 74)),
    ("M3", "Fler nya företag", "Nystartade företag per 1 000 invånare", "antal",
     8.9, 2016, 11.5, 2028, Direction.UP,
     (8.9, 9.3, 9.1, 9.6, 10.2, 10.8, 9.9, 9.4, 9.8, 10.1)),
    ("M4", "Högre sysselsättning", "Förvärvsfrekvens 20–64 år", "procent",
     72.5, 2016, 78, 2028, Direction.UP,
     (72.5, 73.1, 73.8, 74.0, 72.9, 73.6, 74.8, 75.2, 75.0, 75.4)),
    ("M5", "Högre utbildningsnivå", "Andel invånare 25–64 år med eftergymnasial utbildning",
     "procent", 33.8, 2016, 42, 2028, Direction.UP,
     (33.8, 34.5, 35.1, 35.9, 36.6, 37.4, 38.0, 38.7, 39.1, 39.6)),
    ("M6", "Fler företagsetableringar", "Antal nya företagsetableringar per år", "antal",
     12, 2016, 25, 2028, Direction.UP, (12, 15, 14, 18, 11, 16, 19, 21, 17, 22)),
    ("M7", "En starkare bild av Södertälje", "Gästnätter i kommersiella boenden", "antal",
     310000, 2016, 400000, 2028, Direction.UP,
     (310000, 322000, 331000, 340000, 198000, 240000, 305000, 338000, 352000, 361000)),
    ("M8", "God planberedskap för verksamhetsmark",
     "Detaljplanerad, ledig verksamhetsmark", "hektar", 40, 2016, 80, 2028, Direction.UP, ()),
    ("M9", "Fler arbetstillfällen", "Antal arbetstillfällen i kommunen", "antal",
     45200, 2016, 50000, 2028, Direction.UP,
     (45200, 45800, 46400, 46900, 46100, 46800, 47500, 48100, 48400, 48900)),
)
GOAL_SOURCE = "Exempel – påhittade värden"
# The goals whose indicator Kolada publishes per municipality (matvarden fetches them): new
# firms per 1,000 inhabitants 16-64, gainfully employed 20-64 (%), post-secondary education
# 25-64 (%). Kön T (total).
KOLADA_KPIS = {"M3": "N00999", "M4": "N00914", "M5": "N01982"}
SODERTALJE = "0181"
"""Inställningar's Kommunkod: Södertälje's municipality code."""

# Snapshots of the status history: (period, date).
PERIODS = (("2025-T3", date(2025, 12, 12)), ("2026-T1", date(2026, 4, 24)),
           ("2026-T2", date(2026, 8, 28)))
# Earlier (Läge, Status) that differ from today's, by activity and period.
HISTORY_OVERRIDES: dict[str, dict[str, tuple[Phase, Status | None]]] = {
    "1.1.4": {"2026-T2": (ON, G), "2026-T1": (ON, G), "2025-T3": (ON, G)},
    "1.3.2": {"2026-T1": (ON, Y), "2025-T3": (ON, Y)},
    "1.4.1": {"2026-T1": (ON, G), "2025-T3": (ON, G)},
    "2.4.1": {"2026-T2": (ON, G), "2026-T1": (P, None)},
    "2.6.1": {"2026-T2": (ON, Y), "2026-T1": (P, None)},
    "3.3.1": {"2026-T2": (ON, Y), "2026-T1": (ON, Y)},
    "3.4.2": {"2026-T2": (ON, Y), "2026-T1": (ON, G), "2025-T3": (ON, G)},
    "4.1.4": {"2026-T2": (ON, G), "2026-T1": (P, None)},
    "4.2.2": {"2026-T2": (ON, Y), "2026-T1": (P, None)},
    "4.3.1": {"2026-T2": (ON, R), "2026-T1": (ON, R), "2025-T3": (ON, Y)},
    "4.4.1": {"2026-T2": (ON, Y), "2026-T1": (ON, G), "2025-T3": (ON, G)},
    "5.2.2": {"2026-T2": (ON, G), "2026-T1": (ON, G), "2025-T3": (ON, G)},
    "5.2.3": {"2026-T1": (ON, Y), "2025-T3": (ON, G)},
}

# The steering group's meetings: (date, the period it followed up).
MEETINGS = ((date(2026, 1, 21), "2025-T3"), (date(2026, 5, 13), "2026-T1"),
            (date(2026, 9, 16), "2026-T2"))
HIGH, MEDIUM, LOW = Priority.HIGH, Priority.MEDIUM, Priority.LOW
OPEN, IN_PROGRESS, DONE_DECISION = (DecisionState.OPEN, DecisionState.IN_PROGRESS,
                                    DecisionState.DONE)
# (meeting index, ID or "", Beslut, Prioritet, Ansvarig, Följs upp, Status för beslutet)
DECISIONS: tuple[tuple, ...] = (
    (0, "4.3.1", "Börja med de tre mest efterfrågade e-tjänsterna i befintlig plattform i "
                 "stället för att vänta på upphandlingen.", HIGH, KLK, date(2026, 5, 13),
     DONE_DECISION),
    (0, "", "Processledaren redovisar synpunkter från Näringslivsrådet vid varje "
            "styrgruppsmöte.", MEDIUM, NLK, None, DONE_DECISION),
    (1, "4.3.1", "Fortsatt hög prioritet; kommunledningskontoret rapporterar läget i "
                 "september.", HIGH, KLK, date(2026, 9, 16), DONE_DECISION),
    (1, "3.2.2", "Webbsidan om planprocessen prioriteras i verksamhetsplanen 2027.", MEDIUM,
     SBK, date(2026, 11, 15), OPEN),
    (2, "4.4.1", "Taxeöversynen lyfts till kommunstyrelsen; miljökontoret tar fram underlag.",
     HIGH, MK, date(2026, 11, 30), IN_PROGRESS),
    (2, "3.4.2", "Avtal om kvartalsvis rapportering med de fem största fastighetsägarna "
                 "prioriteras.", HIGH, NLK, date(2027, 1, 20), IN_PROGRESS),
    (2, "2.6.1", "Branschråden kopplas till Frukostklubben och Näringslivsrådet; ny plan "
                 "redovisas i januari.", MEDIUM, NLK, date(2027, 1, 20), OPEN),
    (2, "", "Fokusområdesgrupperna skriver en samlad bedömning varje tertial.", LOW, NLK, None,
     DONE_DECISION),
)
# (period, focus area, Samlad bedömning, Väsentliga händelser, Datum)
ASSESSMENTS: tuple[tuple, ...] = (
    ("2026-T1", 1, "Arbetet går i stort enligt plan. Företagsbesöken ligger över målet.",
     "Företagardagen planeras till hösten.", date(2026, 4, 22)),
    ("2026-T1", 2, "Kompetensförsörjningen följer planen; branschråden startar i mars.",
     "Rekryteringsmässan hölls med 85 utställare.", date(2026, 4, 23)),
    ("2026-T1", 3, "Etableringsarbetet följer planen, men lokalregistret släpar.",
     "", date(2026, 4, 20)),
    ("2026-T1", 4, "E-tjänsterna är försenade; övrigt enligt plan.",
     "Utbildningen av handläggare är klar.", date(2026, 4, 21)),
    ("2026-T1", 5, "Bilden av Södertälje stärks; pressarbetet är sårbart.", "",
     date(2026, 4, 22)),
    ("2026-T2", 1, "Enligt plan. Analysen av företagsklimatmätningen är sen.",
     "Nyhetsbrevet har 1 200 prenumeranter.", date(2026, 8, 24)),
    ("2026-T2", 2, "Två av tre branschråd har inte träffats; resten enligt plan.",
     "Samverkansmodellen med gymnasiet antogs.", date(2026, 8, 26)),
    ("2026-T2", 3, "Lokalregistret är inte uppdaterat och kräver beslut om avtal med "
                   "fastighetsägarna.", "Etableringsguiden är klar för publicering.",
     date(2026, 8, 25)),
    ("2026-T2", 4, "Taxeöversynen väntar på nämndernas beslut; e-tjänsterna har kommit "
                   "igång.", "", date(2026, 8, 27)),
    ("2026-T2", 5, "Pressarbetet står still sedan juni eftersom tjänsten är vakant.",
     "Kampanjbudgeten halverades.", date(2026, 8, 24)),
)
# (Datum, Forum, Synpunkt eller idé, Fokusområde, Hur den hanteras)
VIEWS: tuple[tuple, ...] = (
    (date(2026, 3, 12), "Näringslivsrådet", "Företagen vill veta var i handläggningen deras "
     "ärenden ligger.", 4, "Ingår i e-tjänsterna (4.3.1)."),
    (date(2026, 6, 11), "Näringslivsrådet", "Branschråden bör hållas i samband med "
     "befintliga nätverksträffar.", 2, "Styrgruppen beslutade i september (2.6.1)."),
    (date(2026, 10, 8), "Näringslivsrådet", "Brist på lediga lokaler för små "
     "tillverkningsföretag i centrala Södertälje.", 3,
     "Tas upp i fokusområdesgruppen för etablering."),
    (date(2026, 10, 22), "Frukostklubben", "Fler frukostmöten ute i kommundelarna, "
     "inte bara i centrum.", 1, "Prövas våren 2027 i Järna och Hölö."),
    (date(2026, 11, 12), "Näringslivsrådet", "Idé: en gemensam kalender för alla "
     "företagsevenemang i kommunen.", 5, "Föreslås som ny aktivitet till styrgruppen."),
)


def example_decisions() -> list[Decision]:
    return [Decision(date=MEETINGS[meeting][0], period=MEETINGS[meeting][1], activity_id=aid,
                     text=text, priority=priority, responsible=responsible,
                     follow_up=follow_up, state=state)
            for meeting, aid, text, priority, responsible, follow_up, state in DECISIONS]


def example_assessments() -> list[Assessment]:
    return [Assessment(period=period, focus_area=n, text=text, events=events,
                       author=FOCUS_LEADS[n], date=day)
            for period, n, text, events, day in ASSESSMENTS]


def example_views() -> list[View]:
    return [View(date=day, forum=forum, text=text, focus_area=n, handling=handling)
            for day, forum, text, n, handling in VIEWS]


# What was written then where today's text would not fit the period:
# ID -> period -> (Statuskommentar, Orsak till avvikelse, Rekommenderad åtgärd).
HISTORY_TEXTS: dict[str, dict[str, tuple[str, str, str]]] = {
    "1.3.2": {p: ("Medfinansieringen är inte klar.",
                  "Regionens beslut om medfinansiering har dröjt.",
                  "Sök medfinansiering från Tillväxtverket som reserv.")
              for p in ("2025-T3", "2026-T1")},
    "2.1.3": {"2025-T3": ("Ansökan skrivs.", "Branscherna har inte lämnat sina underlag.",
                          "Processledaren påminner branschorganisationerna i januari.")},
    "3.2.2": {"2025-T3": ("Försenad; webbsidan blir inte klar i år.",
                          "Resursbrist på planenheten under 2025.",
                          "Prioritera webbsidan om planprocessen i verksamhetsplanen 2026.")},
    "3.3.1": {p: ("Markanvisningen är försenad.",
                  "Detaljplanen för området överklagades.",
                  "Erbjud intressenterna mark i ett annat område under tiden.")
              for p in ("2026-T1", "2026-T2")},
    "4.2.2": {"2026-T2": ("Jämförelsen har inte kommit i gång.",
                          "Få kommuner har anmält sig till jämförelsen.",
                          "Pröva att gå med i SKR:s jämförelseprojekt i stället.")},
    "5.2.3": {"2026-T1": ("Färre pressutskick än planerat.",
                          "Kommunikationsavdelningen har haft sjukfrånvaro under våren.",
                          "Fördela pressutskicken inom avdelningen tills vidare.")},
}

PLANTED = (
    # (code, activity or goal or area) the validator must find in the example, and nothing else
    ("RED_NOT_DECIDED", "5.2.3"),
    ("DECISION_FOLLOW_UP_PASSED", "3.2.2"),
    ("AREA_EMPTY", "1.2"),
    ("DEVIATION_CAUSE_MISSING", "1.4.1"),
    ("STATUS_MISSING", "2.4.1"),
    ("NOT_DECIDED", "2.6.2"),
    ("OVERDUE", "3.2.2"),
    ("GOAL_LINK_MISSING", "3.5.3"),
    ("OVERDUE", "4.4.1"),
    ("DEVIATION_ACTION_MISSING", "5.2.3"),
    ("NOT_DECIDED", "5.3.4"),
    ("DATE_MISSING", "5.3.4"),
    ("DATE_MISSING", "5.3.4"),
    ("GOAL_NO_MEASUREMENT", "M8"),
    ("GOAL_UNCOVERED", "M9"),
)


def _month(text: str | None) -> date | None:
    if text is None:
        return None
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        return date(year, month, 1)
    return date.fromisoformat(text)


STALE_OFFICES = (DS, MK)
"""Offices that have not updated their activities since the summer (Rapportering shows it)."""


def _updated(activity_id: str, decided: date | None, responsible: str = "") -> date:
    # A plausible "last updated" date: the last follow-up round, spread over some days.
    day = 1 + sum(int(p) for p in activity_id.split(".")) % 20
    month = 6 if responsible in STALE_OFFICES else 9
    return max(date(2026, month, day), decided or date(2026, month, 1))


def example_activities() -> list[Activity]:
    activities = []
    for area_id, _text, _approach, titles in data.INTERVENTION_AREAS:
        focus = int(area_id.split(".")[0])
        for n, title in enumerate(titles, start=1):
            aid = f"{area_id}.{n}"
            (resp, parts, start, end, phase, status, goals, decided, comment, cause,
             action) = FOLLOW_UP[aid]
            extra = {STAFF_COLUMN: BUDGET[aid]} if aid in BUDGET else {}
            activities.append(Activity(
                id=aid, focus_area=focus, intervention_area=area_id, title=title,
                responsible=resp, contact=CONTACTS.get(resp, ""), participants=parts,
                start=_month(start), end=None if end in (None, LOP) else _month(end),
                ongoing=end == LOP, phase=phase, status=status, status_comment=comment,
                cause=cause, action=action,
                goals=tuple(g.strip() for g in goals.split(",") if g.strip()),
                decided=decided,
                updated=_updated(aid, decided, resp) if start else None,
                extra=extra,
                values={"contact_email": email(CONTACTS[resp])} if resp in CONTACTS else {},
            ))
    return activities


def example_history(activities: list[Activity]) -> list[Snapshot]:
    snapshots = []
    for period, taken in PERIODS:
        for act in activities:
            if act.decided is None or act.decided > taken:
                continue
            phase, status = act.phase, act.status
            if act.start and act.start > taken:
                phase, status = Phase.PLANNED, None
            elif phase in (Phase.DONE, Phase.CANCELLED) and act.end and act.end > taken:
                phase, status = Phase.ONGOING, Status.GREEN
            phase, status = HISTORY_OVERRIDES.get(act.id, {}).get(period, (phase, status))
            snapshots.append(Snapshot(taken, period, act.id, phase, status,
                                      **_history_texts(act, period, phase, status),
                                      responsible=act.responsible, end=act.end,
                                      ongoing=act.ongoing, decided=act.decided))
    return snapshots


def _history_texts(act: Activity, period: str, phase: Phase | None,
                   status: Status | None) -> dict[str, str]:
    """The texts of a snapshot: today's where the activity stood as it does today (a cause
    only while Gul or Röd), else what HISTORY_TEXTS says was written then."""
    if period in HISTORY_TEXTS.get(act.id, {}):
        comment, cause, action = HISTORY_TEXTS[act.id][period]
        return {"status_comment": comment, "cause": cause, "action": action}
    same = (phase, status) == (act.phase, act.status)
    deviation = status is not None and status.is_deviation and act.is_deviation
    return {"status_comment": act.status_comment if same else "",
            "cause": act.cause if deviation else "", "action": act.action if deviation else ""}


def example_plan() -> Plan:
    """The Södertälje plan with its invented follow-up data, as a Plan."""
    activities = example_activities()
    goals, measurements = [], []
    for gid, name, indicator, unit, base, base_year, target, target_year, direction, values \
            in GOAL_DATA:
        kpi = KOLADA_KPIS.get(gid, "")
        goals.append(Goal(gid, name, indicator, unit, base, base_year, target, target_year,
                          direction, GOAL_SOURCE, kolada_kpi=kpi, gender="T" if kpi else ""))
        comment = "Exempel"
        measurements += [Measurement(gid, 2016 + i, v, comment) for i, v in enumerate(values)]
    return Plan(
        activities=tuple(activities),
        focus_areas=tuple(FocusArea(n, name, FOCUS_LEADS[n], short=SHORT_NAMES[n],
                                    lead_email=email(FOCUS_LEADS[n]))
                          for n, name in data.FOCUS_AREAS),
        intervention_areas=tuple(
            InterventionArea(aid, int(aid.split(".")[0]), text, approach)
            for aid, text, approach, _ in data.INTERVENTION_AREAS),
        goals=tuple(goals),
        measurements=tuple(measurements),
        history=tuple(example_history(activities)),
        decisions=tuple(example_decisions()),
        settings={"sender": SettingValue("sender", email("Processledare Exempel")),
                  "municipality": SettingValue("municipality", SODERTALJE)},
        assessments=tuple(example_assessments()),
        views=tuple(example_views()),
    )
