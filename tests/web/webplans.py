"""Plans for the site's tests, built in code, and a small reader of the pages they make."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from plan_sheets.workbook.model import (
    Activity,
    Decision,
    FocusArea,
    Goal,
    InterventionArea,
    Measurement,
    Phase,
    Plan,
    Snapshot,
    Status,
)

TODAY = dt.date(2026, 11, 26)
DECIDED = dt.date(2025, 1, 15)


def act(aid: str, **values) -> Activity:
    focus, area, _n = aid.split(".")
    fields = dict(id=aid, focus_area=int(focus), intervention_area=f"{focus}.{area}",
                  title=f"Aktivitet {aid}", responsible="Näringslivskontoret",
                  contact="Eva Ek", phase=Phase.ONGOING, status=Status.GREEN,
                  goals=("M1",), decided=DECIDED, start=dt.date(2025, 1, 1),
                  end=dt.date(2027, 12, 31))
    fields.update(values)
    return Activity(**fields)


def small_plan(*activities: Activity, **values) -> Plan:
    """Two focus areas, three intervention areas, two goals with values."""
    acts = activities or (
        act("1.1.1"), act("1.1.2", status=Status.YELLOW, cause="Sen leverans",
                          action="Ny leverantör"),
        act("1.2.1", phase=Phase.DONE), act("1.2.2", phase=Phase.CANCELLED, status=None),
        act("2.1.1", status=Status.RED, goals=("M1", "M2")), act("2.1.2", decided=None),
    )
    fields = dict(
        activities=tuple(acts),
        focus_areas=(FocusArea(1, "Ett företagsklimat som främjar utveckling", "Lena Holm"),
                     FocusArea(2, "God tillgång på kompetens", "Per Lund")),
        intervention_areas=(InterventionArea("1.1", 1, "erbjuder mötesplatser", "träffas"),
                            InterventionArea("1.2", 1, "har partners"),
                            InterventionArea("2.1", 2, "verkar för utbildning")),
        goals=(Goal("M1", "Bättre företagsklimat", "Ranking", "placering", 200, 2016, 100,
                    2028, None, "Svenskt Näringsliv"),
               Goal("M2", "Fler jobb", "Sysselsättning", "procent", 70, 2016, 75, 2028, None,
                    "SCB")),
        measurements=(Measurement("M1", 2024, 150, "Enkät"), Measurement("M1", 2025, 140),
                      Measurement("M2", 2024, 72.5)),
    )
    fields.update(values)
    return Plan(**fields)


def snapshot(plan: Plan, period: str, taken: dt.date, **changes) -> tuple[Snapshot, ...]:
    """A Statushistorik snapshot of `plan`'s activities, with `changes` per activity ID."""
    rows = []
    for a in plan.activities:
        values = dict(phase=a.phase, status=a.status, status_comment=a.status_comment,
                      cause=a.cause, action=a.action, responsible=a.responsible, end=a.end,
                      decided=a.decided)
        values.update(changes.get(a.id.replace(".", "_"), {}))
        rows.append(Snapshot(taken, period, a.id, **values))
    return tuple(rows)


def decision(day: dt.date, text: str, aid: str = "") -> Decision:
    return Decision(day, activity_id=aid, text=text)


class Page(HTMLParser):
    """What the tests read from a page: headings in order, ids, text, links, sources."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.tags: list[str] = []
        self.lang = ""
        self._heading: int | None = None
        self._text: list[str] = []
        self.text_parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = values.get("lang", "")
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in ("link", "script", "img", "iframe") and (values.get("href") or
                                                           values.get("src")):
            self.sources.append(values.get("href") or values.get("src"))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading, self._text = int(tag[1]), []

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading is not None:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())
