"""The public site in a real browser: headless Chromium (Debian's, never a downloaded one)
driven by Playwright, checked by axe-core against WCAG 2.0/2.1 A and AA.

axe-core comes from PyPI at install time (`axe-playwright-python` bundles `axe.min.js`,
MPL-2.0). Where Chromium or Playwright is missing the tests are skipped with a note.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from plan_sheets.cycle import copy_example
from plan_sheets.groups.merge import merge_files
from plan_sheets.web import content
from plan_sheets.web.site import render, write_site
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.reader import read_workbook

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or \
    shutil.which("google-chrome")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TODAY = dt.date(2026, 12, 7)

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra brings both
    sync_playwright = None

if CHROMIUM is None or sync_playwright is None:
    pytest.skip("Chromium (Debians chromium) eller Playwright finns inte på den här datorn: "
                "webbläsartesterna hoppas över", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """The shipped example after its focus-area workbooks are merged, as `demo` runs it."""
    work = tmp_path_factory.mktemp("exempel")
    main = copy_example(work)
    merge_files(main, sorted((work / "inkommande").glob("*.xlsx")), period="2026-T3",
                today=TODAY, now=dt.datetime(2026, 12, 7, 10))
    out = work / "webb"
    write_site(read_workbook(main), out, period="2026-T3", today=TODAY)
    return out


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    """A generated plan of 600 activities (benchmarks/generate.py), its focus areas split by
    intervention area as a plan of more than 250 decided activities a focus area is, so that
    those pages are checked too."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_plan
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("stor")
    split_above = content.SPLIT_ABOVE
    content.SPLIT_ABOVE = 60
    try:
        site = content.site_content(generate_plan(600), period="2026-T3", today=TODAY)
    finally:
        content.SPLIT_ABOVE = split_above
    assert all(page.parts for page in site.focus)
    for name, data in render(site).items():
        (out / name).write_bytes(data)
    return out


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def _violations(browser, page_path: Path) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(page_path.as_uri())
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        return [f"{v['id']}: {v['help']} ({len(v['nodes'])} st, t.ex. "
                f"{v['nodes'][0]['target']})" for v in result.response["violations"]]
    finally:
        page.close()


def test_axe_finds_no_violation_on_any_page_of_the_example(browser, example_site):
    pages = _pages(example_site)
    assert len(pages) >= 10
    found = {p.name: _violations(browser, p) for p in pages}
    assert {name: v for name, v in found.items() if v} == {}


def test_axe_finds_no_violation_on_any_page_of_a_plan_of_600_activities(browser, large_site):
    found = {p.name: _violations(browser, p) for p in _pages(large_site)}
    assert len(found) >= 40 and "insatsomrade-1-1.html" in found
    assert {name: v for name, v in found.items() if v} == {}


def test_axe_finds_what_it_should(browser, tmp_path):
    # The check can fail: a page with an image without text and a skipped heading level.
    page = tmp_path / "fel.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><main>'
                    '<h1>Rubrik</h1><img src="x.png"></main></body></html>', encoding="utf-8")
    assert {v.split(":")[0] for v in _violations(browser, page)} >= {"image-alt", "html-has-lang"}


def _decided(site_folder: Path) -> dict[str, str]:
    import json

    data = json.loads((site_folder / "aktiviteter.json").read_text(encoding="utf-8"))
    return {row["ID"]: str(row["Fokusområde"]) for row in data["aktiviteter"]}


@pytest.mark.parametrize("which", ["example_site", "large_site"])
def test_every_decided_activity_is_on_its_focus_areas_pages(browser, which, request):
    folder = request.getfixturevalue(which)
    decided = _decided(folder)
    assert len(decided) > 50
    shown: dict[str, str] = {}
    page = browser.new_page()
    for number in sorted(set(decided.values())):
        focus = folder / f"fokusomrade-{number}.html"
        page.goto(focus.as_uri())
        parts = page.eval_on_selector_all(
            "a[href^='insatsomrade-']", "els => [...new Set(els.map(e => e.getAttribute('href')"
            ".split('#')[0]))]")
        for file in [focus, *(folder / p for p in parts)]:
            page.goto(file.as_uri())
            for aid, text in page.eval_on_selector_all(
                    "article.aktivitet", "els => els.map(e => [e.id, e.innerText])"):
                activity_id = text.split()[0]
                assert aid == "a-" + activity_id.replace(".", "-")
                shown[activity_id] = number
    page.close()
    assert shown == decided


@pytest.mark.parametrize("name", ["index.html", "fokusomrade-1.html", "mal-m1.html", "om.html"])
def test_one_h1_and_no_skipped_heading_level(browser, example_site, name):
    page = browser.new_page()
    page.goto((example_site / name).as_uri())
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6",
                                       "els => els.map(e => Number(e.tagName[1]))")
    page.close()
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, text: e.innerText, outline: s.outlineStyle,
          width: parseFloat(s.outlineWidth), visible: r.width > 0 && r.height > 0 &&
          r.bottom > 0 && r.top < innerHeight};
}"""


def test_keyboard_focus_is_visible_on_every_stop(browser, example_site):
    page = browser.new_page()
    page.goto((example_site / "fokusomrade-1.html").as_uri())
    stops = []
    for _ in range(25):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    page.close()
    assert stops[0]["text"] == "Hoppa till innehållet"
    for stop in stops:
        assert stop["outline"] != "none" and stop["width"] >= 2, stop
        assert stop["visible"], stop


def test_the_skip_link_moves_to_the_content(browser, example_site):
    page = browser.new_page()
    page.goto((example_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('main') !== null")
    page.close()
    assert focused


def test_a_status_comment_with_a_script_shows_as_text(browser, tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    try:
        from webplans import TODAY as PLAN_DAY
        from webplans import act, small_plan
    finally:
        sys.path.remove(str(ROOT / "tests" / "web"))
    evil = "<script>alert(1)</script>"
    plan = small_plan(act("1.1.1", status=Status.RED, status_comment=evil,
                          cause='<img src=x onerror="alert(2)">'))
    plan = dataclasses.replace(plan)
    for name, data in render(content.site_content(plan, period="2026-T3",
                                                  today=PLAN_DAY)).items():
        (tmp_path / name).write_bytes(data)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((tmp_path / "fokusomrade-1.html").as_uri())
    card = page.inner_text("#a-1-1-1")
    scripts = page.eval_on_selector_all("main script, main img", "els => els.length")
    page.close()
    assert dialogs == []
    assert scripts == 0
    assert evil in card and '<img src=x onerror="alert(2)">' in card


@pytest.mark.parametrize("name", ["index.html", "fokusomrade-2.html", "mal-m1.html", "om.html"])
def test_readable_at_320_px_without_scrolling_sideways(browser, example_site, name):
    # 320 CSS pixels is also what a 1280 px window shows at 400 % zoom (WCAG 1.4.10).
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((example_site / name).as_uri())
    width = page.evaluate("() => document.documentElement.scrollWidth")
    page.close()
    assert width <= 320


def test_the_print_stylesheet_hides_the_navigation(browser, example_site):
    page = browser.new_page()
    page.goto((example_site / "index.html").as_uri())
    page.emulate_media(media="print")
    shown = page.evaluate("() => getComputedStyle(document.querySelector('nav.meny')).display")
    page.close()
    assert shown == "none"
