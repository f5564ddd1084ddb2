"""A large, realistic huvuddokument built in code, for the benchmark scripts.

`write_plan(path, n)` writes a plan of `n` activities over the five focus areas
and 25 intervention areas (five each) with every contract column in use, two
staff columns (one naming a person), ten goals with values, and a status
snapshot of the previous tertial, so that every report sheet has work to do.
The same seed gives the same workbook.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from plan_sheets.example import plan_text as example_data
from plan_sheets.example.followup import (
    AMF,
    CONTACTS,
    CT,
    DS,
    EXP,
    FOCUS_LEADS,
    GOAL_DATA,
    GOAL_SOURCE,
    KLK,
    KOM,
    MK,
    NLK,
    SBK,
    UTB,
)
from plan_sheets.workbook.model import (
    Activity,
    FocusArea,
    Goal,
    InterventionArea,
    Measurement,
    Phase,
    Plan,
    Snapshot,
    Status,
)
from plan_sheets.workbook.newbook import write_huvuddokument

AREAS_PER_FOCUS = 5
OFFICES = (NLK, KOM, AMF, UTB, SBK, MK, DS, KLK, EXP, CT)
STAFF_BUDGET = "Budget 2026 (tkr)"
STAFF_OFFICER = "Handläggare"
"""A staff column naming a person: left out with --no-personal-data."""
SNAPSHOT = ("2026-T2", date(2026, 8, 28))
NOW = date(2026, 11, 1)
"""Activities that ended before this are mostly reported done."""

_TITLES = [t for *_x, titles in example_data.INTERVENTION_AREAS for t in titles]
_VERBS = ("Genomföra", "Utveckla", "Kartlägga", "Samordna", "Följa upp", "Förbättra",
          "Marknadsföra", "Utreda", "Starta", "Utvärdera")
_WHAT = ("dialogmöten med företag", "insatser för nyföretagare", "etableringsservice",
         "kompetensförsörjning i industrin", "handläggningstider för bygglov",
         "besöksnäringens evenemang", "samverkan med Campus Telge", "lokalregistret",
         "rekryteringsträffar", "företagsbesök i kommundelarna", "digitala e-tjänster",
         "bilden av Södertälje i regionen")
_COMMENTS = ("Arbetet går enligt plan.", "Två av tre delmoment är klara.",
             "Avstämning med fokusområdesgruppen i nästa månad.",
             "Första mätningen visar en förbättring.", "Tidplanen är reviderad.",
             "Väntar på underlag från samverkansparterna.")
_CAUSES = ("Resursbrist under hösten.", "Upphandlingen drog ut på tiden.",
           "Beslut i nämnden har inte fattats.", "Samverkansparten har dragit sig ur.",
           "Budgeten halverades.", "Nyckelperson har slutat.")
_ACTIONS = ("Lyft frågan till styrgruppen för prioritering.",
            "Ny tidplan tas fram tillsammans med fokusområdesansvarig.",
            "Omfördela resurser från en avslutad aktivitet.",
            "Sök extern finansiering under våren.",
            "Begränsa omfattningen till de viktigaste delarna.")
_FIRST = ("Anna", "Erik", "Fatima", "Per", "Maria", "Jonas", "Sofia", "Anders", "Karin", "Ali",
          "Elin", "Johan", "Sara", "Mohammed", "Lina")
_LAST = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
         "Persson", "Svensson", "Rahimi", "Holm", "Berg", "Dahl")


def _areas() -> list[InterventionArea]:
    known = {aid: (text, approach) for aid, text, approach, _ in example_data.INTERVENTION_AREAS}
    out = []
    for focus, _name in example_data.FOCUS_AREAS:
        for n in range(1, AREAS_PER_FOCUS + 1):
            aid = f"{focus}.{n}"
            text, approach = known.get(aid, ("arbetar med en insats som planen lägger till.",
                                              "Genom att samverka med näringslivet."))
            out.append(InterventionArea(aid, focus, text, approach))
    return out


def _activity(rng: random.Random, aid: str, area: InterventionArea, goals: list[str]) -> Activity:
    office = rng.choice(OFFICES)
    start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
    ongoing = rng.random() < 0.25
    end = None if ongoing else start + timedelta(days=rng.randrange(90, 3 * 365))
    phase = rng.choices(list(Phase), weights=(10, 70, 15, 5))[0]
    if end is not None and end < NOW and rng.random() < 0.85:
        phase = Phase.DONE  # most activities that have ended are reported done; some are late
    status = rng.choices([Status.GREEN, Status.YELLOW, Status.RED, None],
                         weights=(70, 15, 8, 7))[0]
    deviation = status in (Status.YELLOW, Status.RED)
    linked = rng.sample(goals, k=rng.choice((1, 1, 2, 2, 3))) if rng.random() > 0.03 else []
    decided = None if rng.random() < 0.05 else start - timedelta(days=rng.randrange(20, 120))
    title = rng.choice(_TITLES) if rng.random() < 0.4 else \
        f"{rng.choice(_VERBS)} {rng.choice(_WHAT)}"
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return Activity(
        id=aid, focus_area=area.focus_area, intervention_area=area.id, title=title,
        description=f"{title} inom insatsområde {area.id}, {area.text}",
        responsible=office, contact=CONTACTS.get(office, person),
        participants=", ".join(rng.sample([o for o in OFFICES if o != office], k=2)),
        start=start, end=end, ongoing=ongoing, phase=phase, status=status,
        status_comment=rng.choice(_COMMENTS),
        cause=rng.choice(_CAUSES) if deviation and rng.random() < 0.85 else "",
        action=rng.choice(_ACTIONS) if deviation and rng.random() < 0.8 else "",
        goals=tuple(sorted(linked, key=lambda g: int(g[1:]))), decided=decided,
        updated=date(2026, 9, 1) + timedelta(days=rng.randrange(0, 60)),
        extra={STAFF_BUDGET: rng.randrange(10, 2500) * 10, STAFF_OFFICER: person},
    )


def generate_plan(n_activities: int, *, seed: int = 0) -> Plan:
    """A plan of `n_activities` spread evenly over 25 intervention areas."""
    rng = random.Random(seed)
    areas = _areas()
    goals = [Goal(gid, name, indicator, unit, base, base_year, target, target_year, direction,
                  GOAL_SOURCE)
             for gid, name, indicator, unit, base, base_year, target, target_year, direction, _v
             in GOAL_DATA]
    goals.append(Goal("M10", "Fler besökare i stadskärnan", "Besökare per vecka", "antal",
                      20000, 2016, 30000, 2028, None, GOAL_SOURCE))
    goal_ids = [g.id for g in goals]
    measurements = [Measurement(gid, 2016 + i, v, "Exempel")
                    for gid, *_x, values in GOAL_DATA for i, v in enumerate(values)]
    activities = []
    for i in range(n_activities):
        area = areas[i % len(areas)]
        activities.append(_activity(rng, f"{area.id}.{i // len(areas) + 1}", area, goal_ids))
    period, taken = SNAPSHOT
    history = []
    for a in activities:
        if a.decided is None or a.decided > taken:
            continue
        status = a.status if rng.random() < 0.85 else rng.choice(list(Status))
        phase = Phase.ONGOING if a.phase is Phase.DONE and rng.random() < 0.3 else a.phase
        history.append(Snapshot(taken, period, a.id, phase, status))
    return Plan(
        activities=tuple(activities),
        focus_areas=tuple(FocusArea(n, name, FOCUS_LEADS[n])
                          for n, name in example_data.FOCUS_AREAS),
        intervention_areas=tuple(areas),
        goals=tuple(goals),
        measurements=tuple(measurements),
        history=tuple(history),
    )


def write_plan(path: Path | str, n_activities: int, *, seed: int = 0) -> Plan:
    """Write a generated huvuddokument of `n_activities` to `path`; returns its plan."""
    plan = generate_plan(n_activities, seed=seed)
    write_huvuddokument(path, plan, title=f"Genererad plan med {n_activities} aktiviteter")
    return plan
