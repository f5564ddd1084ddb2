"""Plans for the chart-pack tests, built in code: the example ten times over, many deviations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from plan_sheets.example.followup import example_history, example_plan
from plan_sheets.workbook.model import Activity, Phase, Plan, Status
from plan_sheets.workbook.reader import Loaded

TODAY = date(2026, 11, 26)

_LIGHTS = (Status.GREEN, Status.GREEN, Status.YELLOW, Status.GREEN, Status.RED,
           Status.GREEN, Status.YELLOW, Status.GREEN, Status.GREEN, None)
_PHASES = (Phase.ONGOING, Phase.ONGOING, Phase.ONGOING, Phase.DONE, Phase.ONGOING,
           Phase.ONGOING, Phase.ONGOING, Phase.PLANNED, Phase.ONGOING, Phase.CANCELLED)


def loaded(plan: Plan, path: Path = Path("huvuddokument.xlsx")) -> Loaded:
    """A plan as if read from `path` (which need not exist)."""
    return Loaded(path=path, plan=plan, findings=(), fingerprint="", kind="main")


def big_plan(factor: int = 10) -> Plan:
    """The example with `factor` times as many activities, in the same areas, with history."""
    base = example_plan()
    acts: list[Activity] = []
    for a in base.activities:
        area, n = a.id.rsplit(".", 1)
        acts.append(a)
        for k in range(1, factor):
            status, phase = _LIGHTS[k % len(_LIGHTS)], _PHASES[k % len(_PHASES)]
            deviation = status in (Status.YELLOW, Status.RED)
            acts.append(replace(
                a, id=f"{area}.{int(n) + 10 * k}", title=f"{a.title} (del {k + 1})",
                status=status, phase=phase,
                end=date(2026, 3 + k % 9, 28) if phase is Phase.DONE else a.end,
                ongoing=a.ongoing and phase is not Phase.DONE,
                decided=date(2026, 1 + k % 11, 10) if k % 3 == 0 else a.decided,
                cause="Resurserna räckte inte till under hösten, och samarbetspartnern "
                      "har bytt kontaktperson två gånger." if deviation else "",
                action="Processledaren och fokusområdesansvarig tar fram en ny tidplan "
                       "till nästa styrgruppsmöte." if deviation else "",
            ))
    return replace(base, activities=tuple(acts), history=tuple(example_history(acts)))


def deviation_plan(n: int = 200) -> Plan:
    """The example's areas and goals with `n` Gul/Röd activities, some with very long text."""
    base = example_plan()
    areas = [ia.id for ia in base.intervention_areas]
    acts = []
    for i in range(n):
        area = areas[i % len(areas)]
        # Some causes fill half a page; the second one needs more than a whole page.
        repeat = 160 if i == 1 else 40 if i % 17 == 0 else 2
        acts.append(Activity(
            id=f"{area}.{i // len(areas) + 1}", focus_area=int(area.split(".")[0]),
            intervention_area=area, title=f"Avvikande aktivitet nummer {i + 1}",
            responsible="Näringslivskontoret", contact=f"Kontakt Person{i}",
            phase=Phase.ONGOING, status=Status.RED if i % 3 == 0 else Status.YELLOW,
            cause=("Orsaken är beskriven utförligt. " * repeat).strip(),
            action="Åtgärd: " + ("ta fram en ny tidplan och stäm av med styrgruppen. "
                                 * (3 if repeat > 2 else 1)).strip(),
            goals=("M1",), decided=date(2025, 1, 15)))
    return replace(base, activities=tuple(acts), history=())
