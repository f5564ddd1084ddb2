"""The example shipped in `workbooks/`, made by the tool itself.

`huvuddokument.xlsx` is `init --example`; `inkommande/fokusomrade-N.xlsx` are
what `split` makes of it, then edited the way the focus-area groups would:
status changes, comments, a deviation with cause and action, a new activity,
a status typed in lower case and a staff column changed. The edits go in
through the lossless writer, as a person's spreadsheet program would leave
everything else alone.

Regenerate with `python -m plan_sheets.example.shipped workbooks` from the repository
root; a test checks that the committed files are what this makes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from plan_sheets.example.followup import STAFF_COLUMN
from plan_sheets.workbook.create import EXAMPLE_CREATED, init_workbook

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
    ],
    3: [
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
    ],
    5: [
        ("5.2.3", {"Rekommenderad åtgärd": "Kommunikationschefen tar pressfrågorna tills en ny "
                                           "pressansvarig är på plats."}),
        ("5.3.2", {"Status": "gul",
                   "Orsak till avvikelse": "Två evenemang har tackat nej till 2027.",
                   "Rekommenderad åtgärd": "Presentera Södertälje för tre nya arrangörer."}),
    ],
}


def repository_workbooks() -> Path | None:
    """`workbooks/` of the source checkout this package runs from, when there is one."""
    folder = Path(__file__).resolve().parents[3] / "workbooks"
    return folder if (folder / MAIN_NAME).is_file() else None


def edit_group_workbook(path: Path, edits: list[tuple[str | None, dict[str, Any]]]) -> None:
    """Edit a focus-area workbook the way its group would, through the lossless writer."""
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
    apply_patch(path, patch, expected_fingerprint=loaded.fingerprint, archive=False)


def write_shipped_example(directory: Path) -> list[Path]:
    """Write the example huvuddokument and the groups' edited workbooks into `directory`."""
    from plan_sheets.groups.split import split_workbook
    from plan_sheets.workbook.reader import read_workbook

    directory.mkdir(parents=True, exist_ok=True)
    main = directory / MAIN_NAME
    init_workbook(main, example=True, force=True)
    incoming = directory / INCOMING_DIR
    result = split_workbook(read_workbook(main), incoming, now=EXAMPLE_CREATED)
    for path in result.files:
        number = int(path.stem.rsplit("-", 1)[1])
        edit_group_workbook(path, GROUP_EDITS.get(number, []))
    return [main, *result.files]


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "workbooks")
    for written in write_shipped_example(target):
        print(written)
