"""What the public site shows, as data: pure functions of a Plan, no HTML and no I/O.

The figures are the reports' (`analysis.population`, `analysis.figures`,
`analysis.history`, `analysis.privacy`): the site counts exactly what the
steering group's workbook and the annual report count, and a past `--period`
shows that period's snapshot as `report` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from plan_sheets import swedish
from plan_sheets.analysis import figures
from plan_sheets.analysis.history import Basis, basis
from plan_sheets.analysis.population import Changes, Population, population
from plan_sheets.analysis.privacy import public_plan
from plan_sheets.periods import Period
from plan_sheets.reports import agenda
from plan_sheets.workbook.dates import period_bounds
from plan_sheets.workbook.model import Activity, Decision, Goal, Phase, Plan

SPLIT_ABOVE = 250
"""A focus area with more decided activities than this gets one page per intervention area
(and an overview page), so that no page grows past 1 MB (about 1 kB an activity)."""


def activity_anchor(activity_id: str) -> str:
    """`a-1-3-2`: the fragment of an activity on its page."""
    return "a-" + activity_id.replace(".", "-")


def focus_page(number: int) -> str:
    return f"fokusomrade-{number}.html"


def area_page(area_id: str) -> str:
    return f"insatsomrade-{area_id.replace('.', '-')}.html"


def goal_page(goal_id: str) -> str:
    return f"mal-{swedish.slug(goal_id) or 'utan-id'}.html"


@dataclass(frozen=True)
class AreaSection:
    """An intervention area and its decided activities that are neither completed nor
    cancelled."""

    id: str
    text: str
    approach: str
    activities: tuple[Activity, ...]
    counts: dict[str, int]
    """Status label -> count (and `Totalt`) of the area's counted activities."""
    page: str
    """The file the area's activities are on."""


@dataclass(frozen=True)
class Listing:
    """A page of activities: per intervention area, then the completed and the cancelled."""

    file: str
    title: str
    areas: tuple[AreaSection, ...]
    completed: tuple[Activity, ...]
    cancelled: tuple[Activity, ...]

    @property
    def ids(self) -> list[str]:
        return [a.id for s in self.areas for a in s.activities] + \
            [a.id for a in (*self.completed, *self.cancelled)]


@dataclass(frozen=True)
class FocusPage:
    number: int
    name: str
    short_name: str
    file: str
    counts: dict[str, int]
    """Status label -> count of the focus area's counted activities, and `Totalt`."""
    areas: tuple[AreaSection, ...]
    listing: Listing | None
    """All its activities on its own page; None when they are split by intervention area."""
    parts: tuple[Listing, ...] = ()
    """One page per intervention area, when split."""
    cancelled: int = 0
    proposals: int = 0
    assessment: str = ""
    """The focus-area lead's Samlad bedömning of the period, when written."""


@dataclass(frozen=True)
class GoalRow:
    year: int
    value: float | None
    path: float | None
    """Where the straight line from baseline to target is that year."""
    source: str
    comment: str


@dataclass(frozen=True)
class GoalPage:
    goal: Goal
    file: str
    rows: tuple[GoalRow, ...]
    progress: figures.GoalProgress
    activities: tuple[Activity, ...]
    """The counted activities linked to the goal."""
    source: str = ""
    """Where its values come from (`analysis.figures.value_source`)."""


@dataclass(frozen=True)
class SiteContent:
    plan: Plan
    period: str
    today: date
    day: date
    """The report day (the period's last day for a past period, else today)."""
    basis: Basis
    population: Population
    personal_data: bool
    source: str
    focus: tuple[FocusPage, ...]
    goals: tuple[GoalPage, ...]
    changes: Changes
    decisions: tuple[Decision, ...]
    """The steering group's decisions dated in the period."""
    latest: tuple[str, date] | None
    """The latest Statushistorik snapshot the site rests on: (period, day taken)."""
    pages: dict[str, str] = field(default_factory=dict)
    """Activity ID -> the file it is shown on."""
    accessibility_url: str = ""
    """The municipality's accessibility statement (an http(s) address), or empty."""

    @property
    def period_days(self) -> str:
        """`1 september–31 december 2026`: the days the period covers, for readers who do
        not know what `2026-T3` means (empty for a label that names no days)."""
        found = Period.read(self.period)
        if found is None:
            return ""
        first, last = found.first, found.last
        start = swedish.long_date(first)
        if first.year == last.year:
            start = start.removesuffix(f" {first.year}")
        return f"{start}–{swedish.long_date(last)}"

    @property
    def totals(self) -> dict[str, int]:
        out = dict.fromkeys([*figures.STATUS_LABELS, "Totalt"], 0)
        for page in self.focus:
            for key in out:
                out[key] += page.counts.get(key, 0)
        return out

    def link(self, activity_id: str) -> str:
        """`fokusomrade-1.html#a-1-3-2`, or empty for an activity the site does not show."""
        page = self.pages.get(activity_id)
        return f"{page}#{activity_anchor(activity_id)}" if page else ""


def _counts(activities: Sequence[Activity]) -> dict[str, int]:
    counts = dict.fromkeys(figures.STATUS_LABELS, 0)
    for a in activities:
        counts[figures.status_label(a.status)] += 1
    counts["Totalt"] = len(activities)
    return counts


def _focus_page(plan: Plan, pop: Population, number: int, period: str) -> FocusPage:
    mine = pop.within(number)
    active = [a for a in mine.counted if a.phase is not Phase.DONE]
    completed = tuple(a for a in mine.counted if a.phase is Phase.DONE)
    texts = {a.id: a for a in plan.intervention_areas}
    split = len(mine.decided) > SPLIT_ABOVE
    file = focus_page(number)
    sections = []
    for area_id in figures.intervention_area_ids(replace(plan, activities=mine.decided), number):
        area = texts.get(area_id)
        acts = tuple(a for a in active if a.intervention_area == area_id)
        counted = [a for a in mine.counted if a.intervention_area == area_id]
        sections.append(AreaSection(area_id, area.text if area else "",
                                    area.approach if area else "", acts, _counts(counted),
                                    area_page(area_id) if split else file))
    loose = tuple(a for a in active if a.intervention_area not in
                  {s.id for s in sections})
    if loose:
        sections.append(AreaSection("", "", "", loose, _counts(loose), file))
    name = plan.focus_area_name(number)
    assessment = plan.assessment(period, number)
    page = FocusPage(number, name, plan.focus_area_short_name(number), file,
                     _counts(mine.counted), tuple(sections), None,
                     cancelled=len(mine.cancelled), proposals=len(mine.proposals),
                     assessment=assessment.text if assessment and assessment.is_written else "")
    title = f"Fokusområde {number}: {name}" if name else f"Fokusområde {number}"
    if not split:
        return replace(page, listing=Listing(file, title, tuple(sections), completed,
                                             mine.cancelled))
    parts = tuple(
        Listing(s.page, f"Insatsområde {s.id}" if s.id else title, (s,),
                tuple(a for a in completed if a.intervention_area == s.id),
                tuple(a for a in mine.cancelled if a.intervention_area == s.id))
        for s in sections if s.id)
    leftover_done = tuple(a for a in completed if a.intervention_area not in
                          {s.id for s in sections if s.id})
    leftover_cancelled = tuple(a for a in mine.cancelled if a.intervention_area not in
                               {s.id for s in sections if s.id})
    rest = [s for s in sections if not s.id]
    if rest or leftover_done or leftover_cancelled:
        parts += (Listing(area_page(f"{number}-ovriga"), f"{title}: övriga aktiviteter",
                          tuple(replace(s, page=area_page(f"{number}-ovriga")) for s in rest),
                          leftover_done, leftover_cancelled),)
    return replace(page, parts=parts)


def _goal_page(plan: Plan, goal: Goal, counted: Sequence[Activity], day: date) -> GoalPage:
    # A value belongs to its year: a page on a past period shows the years up to it.
    shown = replace(plan, measurements=tuple(m for m in plan.measurements
                                             if m.goal == goal.id and m.year <= day.year))
    progress = figures.goal_progress(shown, goal)
    comments = {m.year: m.comment for m in shown.measurements}
    # Each value's own Källa (`Kolada, hämtad …` where matvarden fetched it), else the goal's.
    sources = {m.year: m.source.strip() for m in shown.measurements}
    values = dict(progress.values)
    years = sorted({*values, *(y for y in (goal.baseline_year, goal.target_year)
                               if y is not None)})
    rows = []
    for year in years:
        if year in values:
            value, comment = values[year], comments.get(year, "")
        elif year == goal.baseline_year and goal.baseline is not None:
            value, comment = goal.baseline, "Utgångsvärde"
        else:
            value, comment = None, ""
        source = (sources.get(year) or goal.source) if value is not None else ""
        rows.append(GoalRow(year, value, target_path(goal, year), source, comment))
    linked = tuple(a for a in counted if goal.id in a.goals)
    return GoalPage(goal, goal_page(goal.id), tuple(rows), progress, linked,
                    figures.value_source(shown, goal))


def target_path(goal: Goal, year: int) -> float | None:
    """The value the straight line from baseline to target gives for `year` (None outside
    it, or without a baseline and a target)."""
    if None in (goal.baseline, goal.baseline_year, goal.target, goal.target_year):
        return None
    if not goal.baseline_year <= year <= goal.target_year:
        return None
    if goal.target_year == goal.baseline_year:
        return goal.target
    share = (year - goal.baseline_year) / (goal.target_year - goal.baseline_year)
    return goal.baseline + (goal.target - goal.baseline) * share


def accessibility_statement(plan: Plan) -> str:
    """The setting Tillgänglighetsredogörelse as written (empty when not given)."""
    found = plan.settings.get("accessibility_statement")
    return str(found.value).strip() if found is not None and found.value is not None else ""


def is_web_address(text: str) -> bool:
    """Only an http(s) address becomes a link: `javascript:` or a typo must not."""
    return text.strip().lower().startswith(("https://", "http://")) and " " not in text.strip()


def site_content(plan: Plan, *, period: str, today: date, personal_data: bool = False,
                 source: str = "", accessibility_url: str = "") -> SiteContent:
    """Everything the site's pages and data files show, computed once.

    Without `personal_data` the plan is `public_plan`'s (no contact persons, no
    names in free text). A period that ended before `today` is shown from its
    Statushistorik snapshot (`history.basis`), as `report` shows it. The link to the
    accessibility statement is `accessibility_url`, else the plan's setting
    Tillgänglighetsredogörelse; one that is not an http(s) address is left out.
    """
    accessibility_url = accessibility_url or accessibility_statement(plan)
    if not is_web_address(accessibility_url):
        accessibility_url = ""
    live = plan if personal_data else public_plan(plan)
    bounds = period_bounds(period)
    based = basis(live, day=bounds[1] if bounds else today, today=today, wanted=period)
    day = based.day if based.past else today
    shown = based.plan
    pop = population(shown, day=day)
    focus = tuple(_focus_page(shown, pop, n, period) for n in figures.focus_numbers(shown))
    pages: dict[str, str] = {}
    for page in focus:
        for listing in (page.listing,) if page.listing else page.parts:
            for aid in listing.ids:
                pages[aid] = listing.file
    goals = tuple(_goal_page(shown, g, pop.counted, day) for g in shown.goals if g.id)
    span = agenda.period_span(shown, period, day)
    decisions = tuple(sorted((d for d in shown.decisions if span.holds(d.date)),
                             key=lambda d: d.date))
    if based.period is not None:
        latest = (based.period, based.taken)
    else:
        periods = shown.periods()
        taken: dict[str, date] = {}
        for snap in shown.history:
            taken.setdefault(snap.period, snap.date)
        latest = (periods[-1], taken[periods[-1]]) if periods else None
    return SiteContent(plan=shown, period=period, today=today, day=day, basis=based,
                       population=pop, personal_data=personal_data, source=source,
                       focus=focus, goals=goals,
                       changes=figures.changes_since_last_snapshot(shown, pop),
                       decisions=decisions, latest=latest, pages=pages,
                       accessibility_url=accessibility_url)
