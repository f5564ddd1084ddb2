"""The example shipped with the package (`example/data/`), made by the tool itself.

`huvuddokument.xlsx` is `init --example`; `inkommande/fokusomrade-N.xlsx` are
what `split` makes of it, then edited the way the focus-area groups would:
status changes, comments, a deviation with cause and action, a new activity,
a status typed in lower case and a staff column changed. The edits go in
through the lossless writer, as a person's spreadsheet program would leave
everything else alone.

The files are package data, so that `demo` copies the same example from a source
checkout and from an installed wheel; they are the only copy. Regenerate them with
`python -m plan_sheets.example.shipped` (it writes into the package folder); a test
checks that the committed files are what this makes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from plan_sheets.example.followup import STAFF_COLUMN
from plan_sheets.example.start import EXAMPLE_CREATED, init_plan

MAIN_NAME = "huvuddokument.xlsx"
INCOMING_DIR = "inkommande"

# Focus area -> activity ID (None: a new row) -> header -> value.
GROUP_EDITS: dict[int, list[tuple[str | None, dict[str, Any]]]] = {
    1: [
        ("1.1.4", {"Status": "Grön", STAFF_COLUMN: 420,
                   "Statuskommentar": "Ny lokal är bokad; Företagardagen hålls i mars 2027."}),
        ("1.4.1", {"Orsak till avvikelse": "Enkätleverantören bytte system och levererade "
                                           "svaren tre månader för sent."}),
    ],
    2: [
        ("2.4.1", {"Status": "Gul",
                   "Statuskommentar": "Inventeringen är halvvägs.",
                   "Orsak till avvikelse": "Två av fem branschorganisationer har inte svarat.",
                   "Rekommenderad åtgärd": "Processledaren kontaktar organisationerna direkt "
                                           "före årsskiftet."}),
        ("2.1.3", {"Statuskommentar": "Ny ansökan skrivs tillsammans med två branscher."}),
        ("2.5.2", {"Slut": dt.date(2028, 6, 30),
                   "Statuskommentar": "Förlängs ett halvår: kampanjen samordnas med "
                                      "gymnasievalet 2028."}),
    ],
    3: [
        ("3.6.1", {"Läge": "Avbruten",
                   "Statuskommentar": "Ersätts av regionens gemensamma kompetenssatsning."}),
        ("3.2.2", {"Läge": "Genomförd", "Status": "Grön",
                   "Statuskommentar": "Webbsidan om planprocessen publicerades i november."}),
        (None, {"Insatsområde": "3.3", "Fokusområde": 3,
                "Aktivitet": "Digital karta över ledig verksamhetsmark",
                "Ansvarig": "Exploateringsenheten", "Delaktiga": "Stadsbyggnadskontoret",
                "Start": dt.date(2027, 1, 1), "Slut": dt.date(2027, 12, 31),
                "Läge": "Planerad", "Mål": "M6, M8",
                "Statuskommentar": "Förslag från fokusområdesgruppen."}),
    ],
    4: [
        ("4.4.1", {"Statuskommentar": "Taxeförslaget är skickat till nämnderna."}),
        ("4.2.4", {"Ansvarig": "Kommunikationsavdelningen",
                   "Statuskommentar": "Kommunikationsavdelningen tar över från januari."}),
    ],
    5: [
        ("5.2.3", {"Rekommenderad åtgärd": "Kommunikationschefen tar pressfrågorna tills en ny "
                                           "pressansvarig är på plats."}),
        ("5.3.2", {"Status": "gul",
                   "Orsak till avvikelse": "Två evenemang har tackat nej till 2027.",
                   "Rekommenderad åtgärd": "Presentera Södertälje för tre nya arrangörer."}),
    ],
}


# Focus area -> its Bedömningar row for the period, as the focus-area lead writes it.
# Fokusområde 4 leaves it empty: ASSESSMENT_MISSING and the steering workbook say so.
ASSESSMENT_EDITS: dict[int, dict[str, Any]] = {
    1: {"Samlad bedömning": "Arbetet går enligt plan. Företagardagen flyttas till mars 2027 men "
                            "har ny lokal; analysen av företagsklimatmätningen är försenad.",
        "Väsentliga händelser": "Tolv politikerbesök; nyhetsbrevet nådde 1 300 prenumeranter.",
        "Skriven av": "Lena Holm", "Datum": dt.date(2026, 11, 20)},
    2: {"Samlad bedömning": "Branschråden är fortfarande det stora problemet; "
                            "kompetensinventeringen är halvvägs.",
        "Väsentliga händelser": "Samverkansmodellen med gymnasiet antogs i oktober.",
        "Skriven av": "Per Lundgren", "Datum": dt.date(2026, 11, 18)},
    3: {"Samlad bedömning": "Webbsidan om planprocessen är klar. Lokalregistret släpar tills "
                            "avtalen med fastighetsägarna är på plats.",
        "Väsentliga händelser": "Etableringsguiden publicerades; förslag om digital karta över "
                                "ledig mark.",
        "Skriven av": "Maria Åkesson", "Datum": dt.date(2026, 11, 19)},
    5: {"Samlad bedömning": "Pressarbetet står still sedan juni; evenemangen går bra men två "
                            "arrangörer har tackat nej till 2027.",
        "Skriven av": "Sofia Nyström", "Datum": dt.date(2026, 11, 21)},
}

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
"""The shipped example: `huvuddokument.xlsx` and `inkommande/fokusomrade-N.xlsx`."""


def shipped_files() -> list[Path]:
    """The shipped example's files, the huvuddokument first (empty if they are missing)."""
    main = SHIPPED_DIR / MAIN_NAME
    if not main.is_file():
        return []
    return [main, *sorted((SHIPPED_DIR / INCOMING_DIR).glob("*.xlsx"))]


def is_shipped_folder(folder: Path) -> bool:
    """Whether `folder` is the shipped example itself, which no command may change."""
    try:
        return folder.resolve() == SHIPPED_DIR
    except OSError:
        return False


def edit_group_workbook(path: Path, edits: list[tuple[str | None, dict[str, Any]]],
                        assessment: dict[str, Any] | None = None) -> None:
    """Edit a focus-area workbook the way its group would, through the lossless writer:
    its activities, and its Bedömningar row (`assessment`, by header)."""
    from plan_sheets.lossless import Patch, apply_patch
    from plan_sheets.workbook.reader import read_workbook

    loaded = read_workbook(path)
    layout = loaded.plan.layouts["activities"]
    columns = {header: col for col, header in layout.headers.items()}
    rows = {a.id: a.row for a in loaded.plan.activities}
    patch = Patch()
    new_rows = []
    for activity_id, values in edits:
        if activity_id is None:
            new_rows.append({columns[h]: v for h, v in values.items()})
            continue
        for header, value in values.items():
            patch.set_cell(layout.name, rows[activity_id], columns[header], value)
    if new_rows:
        patch.append_rows(layout.name, new_rows, header_row=layout.header_row)
    judged = loaded.plan.layouts.get("assessments")
    if assessment and judged is not None and loaded.plan.assessments:
        row = loaded.plan.assessments[0].row
        headers = {header: col for col, header in judged.headers.items()}
        for header, value in assessment.items():
            patch.set_cell(judged.name, row, headers[header], value)
    apply_patch(path, patch, expected_fingerprint=loaded.fingerprint, archive=False)


def write_shipped_example(directory: Path) -> list[Path]:
    """Write the example huvuddokument and the groups' edited workbooks into `directory`."""
    from plan_sheets.groups.split import split_workbook
    from plan_sheets.workbook.reader import read_workbook

    directory.mkdir(parents=True, exist_ok=True)
    main = directory / MAIN_NAME
    init_plan(main, example=True, force=True)
    incoming = directory / INCOMING_DIR
    # The groups have answered: their drafts are not part of what was returned.
    result = split_workbook(read_workbook(main), incoming, now=EXAMPLE_CREATED, force=True,
                            invitations=False)
    for path in result.files:
        number = int(path.stem.rsplit("-", 1)[1])
        edit_group_workbook(path, GROUP_EDITS.get(number, []), ASSESSMENT_EDITS.get(number))
    return [main, *result.files]


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED_DIR
    for written in write_shipped_example(target):
        print(written)
