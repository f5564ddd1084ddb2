"""`plan-sheets webb`: the public static site, written to a folder.

    DIR/index.html                    the plan on one page
    DIR/fokusomrade-N.html            a focus area and its decided activities
    DIR/insatsomrade-N-I.html         an intervention area's, when its focus area is long
    DIR/mal-mN.html                   a measurable goal against its target path
    DIR/om.html                       Om uppföljningen
    DIR/aktiviteter.csv, .json        the same data as open data
    DIR/stil.css                      the one stylesheet (screen and print)

Pages are Jinja2 templates with autoescaping on: text from the workbook is
always text, never markup. No script, no external resource, no tracking. Each
file is written whole or not at all (`files.replacing`); pages an earlier run
wrote that this one does not (a focus area split differently) are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from plan_sheets import swedish
from plan_sheets.analysis.privacy import PUBLIC_NOTE
from plan_sheets.errors import UsageProblem
from plan_sheets.files import replacing
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import plural
from plan_sheets.web import charts, content, opendata
from plan_sheets.web.content import SiteContent
from plan_sheets.workbook import collector
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.reader import Loaded
from plan_sheets.workbook.schema import TRAFFIC_LIGHTS

STYLESHEET = "stil.css"
INDEX = "index.html"
ABOUT = "om.html"
MANIFEST = ".plan-sheets-webb"
"""The files the last run wrote, so that the next may remove those it no longer writes."""

SYMBOLS = {"Grön": "✓", "Gul": "!", "Röd": "✕", "Ej satt": "–"}
"""Each status's symbol beside its word: a status is never told by colour alone."""

PLACEHOLDER_NOTE = ("Obs! Länken till kommunens tillgänglighetsredogörelse saknas: sidan Om "
                    "uppföljningen visar en platshållare tills adressen står under "
                    "Tillgänglighetsredogörelse i fliken Inställningar.")
NOT_AN_ADDRESS = ("Obs! Tillgänglighetsredogörelse i fliken Inställningar (”{}”) är ingen "
                  "webbadress: skriv den som https://…; sidan Om uppföljningen visar en "
                  "platshållare så länge.")


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    activities: int = 0
    largest: tuple[str, int] = ("", 0)
    """The largest page and its size in bytes."""
    personal_data: bool = False
    counts: str = ""
    based_on: str = ""
    placeholder: bool = False
    """The accessibility statement's link is missing: the page shows a placeholder."""
    not_an_address: str = ""
    """The setting Tillgänglighetsredogörelse, when it is written but is no web address."""

    @property
    def accessibility_note(self) -> str:
        """What the process leader must do about the accessibility statement's link, if
        anything."""
        if self.not_an_address:
            return NOT_AN_ADDRESS.format(self.not_an_address)
        return PLACEHOLDER_NOTE if self.placeholder else ""

    @property
    def pages(self) -> list[Path]:
        return [p for p in self.files if p.suffix == ".html"]

    def summary(self) -> list[str]:
        """A few Swedish lines for the process leader."""
        lines = [f"Webbplatsen: {self.folder / INDEX} ("
                 f"{plural(len(self.pages), 'sida', 'sidor', grouped=False)}; öppna data i "
                 f"{opendata.CSV_NAME} och {opendata.JSON_NAME})."]
        if self.based_on:
            lines.append(self.based_on)
        if self.counts:
            lines.append(self.counts)
        if not self.personal_data:
            lines.append(PUBLIC_NOTE)
        if self.accessibility_note:
            lines.append(self.accessibility_note)
        lines.append(f"Publicera genom att kopiera hela mappen {self.folder} till kommunens "
                     "webbserver.")
        return lines


@lru_cache(maxsize=1)
def _badge(label: str, css: str) -> Markup:
    return Markup('<span class="status status-{}"><span class="symbol" aria-hidden="true">'
                  '{}</span> {}</span>').format(css, SYMBOLS[label], label)


def badge(status: Status | None) -> Markup:
    """A status as word and symbol on its colour: `✓ Grön`."""
    return _badge(TRAFFIC_LIGHTS[status].label, charts.status_class(status))


def badge_label(label: str) -> Markup:
    """`badge` for a status label (`Ej satt`)."""
    status = next(s for s in charts.STATUSES if TRAFFIC_LIGHTS[s].label == label)
    return badge(status)


def _environment():
    # One environment per process: it keeps the compiled templates (compiling them costs
    # about a second, rendering a small site a few milliseconds).
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("plan_sheets.web", "templates"),
        # Every value is escaped unless a template says otherwise, which ours never do for
        # text from the workbook.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=lambda d: swedish.long_date(d) if d else "",
        number=swedish.number,
        quantity=swedish.quantity,
        anchor=content.activity_anchor,
        goal_page=content.goal_page,
    )
    env.globals.update(
        symbols=SYMBOLS,
        badge=badge,
        badge_label=badge_label,
        status_label=lambda s: TRAFFIC_LIGHTS[s].label,
        status_class=charts.status_class,
        status_bars=charts.status_bars,
        line_chart=charts.line_chart,
        labels=[TRAFFIC_LIGHTS[s].label for s in charts.STATUSES],
        classes={TRAFFIC_LIGHTS[s].label: charts.status_class(s) for s in charts.STATUSES},
        csv_name=opendata.CSV_NAME,
        json_name=opendata.JSON_NAME,
        stylesheet=STYLESHEET,
        about=ABOUT,
    )
    return env


def render(site: SiteContent) -> dict[str, bytes]:
    """File name -> content, every page and data file of the site."""
    env = _environment()
    common = {"site": site}
    out: dict[str, bytes] = {}

    def page(name: str, template: str, **values) -> None:
        html = env.get_template(template).render(**common, **values, current=name)
        out[name] = html.encode("utf-8")

    page(INDEX, "index.html")
    for focus in site.focus:
        page(focus.file, "focus.html", focus=focus)
        for part in focus.parts:
            page(part.file, "area.html", focus=focus, listing=part)
    for goal in site.goals:
        page(goal.file, "goal.html", page=goal)
    page(ABOUT, "about.html", columns=opendata.columns(site))
    out[opendata.CSV_NAME] = opendata.to_csv(site)
    out[opendata.JSON_NAME] = opendata.to_json(site)
    out[STYLESHEET] = resources.files("plan_sheets.web").joinpath(
        "static", STYLESHEET).read_bytes()
    return out


def write_site(loaded: Loaded, out: Path, *, period: str, today: date,
               personal_data: bool = False, accessibility_url: str = "",
               progress: Progress | None = None) -> SiteResult:
    """Write the public site of the plan to `out`.

    Without `personal_data` the site names no person (`analysis.privacy`). A past
    `period` shows that period's snapshot, as `report` does. The accessibility
    statement's link is `accessibility_url`, else the plan's setting. Raises UsageProblem
    when `out` is a file, OSError when it cannot be written.
    """
    say = progress or quiet
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"{out} är en fil, inte en mapp.",
                           hint="Ange en mapp för webbplatsen med --out.")
    with collector.paused():
        say("Räknar fram webbplatsens innehåll …")
        site = content.site_content(loaded.plan, period=period, today=today,
                                    personal_data=personal_data, source=loaded.path.name,
                                    accessibility_url=accessibility_url)
        files = render(site)
    say(f"Skriver {plural(len(files), 'fil', 'filer', grouped=False)} till {out} …")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = out / name
        with replacing(path) as tmp:
            tmp.write_bytes(data)
        written.append(path)
    _remove_stale(out, set(files))
    pages = {n: len(b) for n, b in files.items() if n.endswith(".html")}
    largest = max(pages.items(), key=lambda item: item[1])
    return SiteResult(folder=out, files=written, activities=len(site.population.decided),
                      largest=largest, personal_data=personal_data,
                      counts=site.population.sentence(), based_on=site.basis.sentence(),
                      placeholder=not site.accessibility_url,
                      not_an_address="" if site.accessibility_url else
                      content.accessibility_statement(loaded.plan))


def _remove_stale(out: Path, names: set[str]) -> None:
    manifest = out / MANIFEST
    if manifest.is_file():
        for name in manifest.read_text(encoding="utf-8").split("\n"):
            old = out / name
            if name and name not in names and "/" not in name and old.is_file():
                old.unlink()
    with replacing(manifest) as tmp:
        tmp.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
