"""Frozen panes and the autofilter of a worksheet."""

from __future__ import annotations

from lxml import etree

from plan_sheets.excel.addresses import cell_address
from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.problems import Refusal
from plan_sheets.lossless.refs import Area, parse_ref
from plan_sheets.lossless.sheetxml import WORKSHEET_ORDER, Worksheet


def freeze(ws: Worksheet, *, row: int, column: int) -> None:
    """Freeze the rows above `row` and the columns left of `column` in every view."""
    q = ws.q
    views = ws.root.find(q("sheetViews"))
    if views is None:
        views = xmlparts.insert_in_order(ws.root, etree.Element(q("sheetViews")),
                                         WORKSHEET_ORDER)
    if views.find(q("sheetView")) is None:
        etree.SubElement(views, q("sheetView")).set("workbookViewId", "0")
    for view in views.findall(q("sheetView")):
        _freeze_view(view, q, row - 1, column - 1)


def _freeze_view(view: etree._Element, q, y_split: int, x_split: int) -> None:
    pane = view.find(q("pane"))
    if not x_split and not y_split:
        if pane is not None and pane.get("state", "split") != "split":
            view.remove(pane)
            for selection in view.findall(q("selection")):
                if selection.get("pane"):
                    view.remove(selection)
        return
    top_left = cell_address(y_split + 1, x_split + 1)
    active = "bottomRight" if x_split and y_split else "bottomLeft" if y_split else "topRight"
    wanted = {"topLeftCell": top_left, "activePane": active, "state": "frozen"}
    if x_split:
        wanted["xSplit"] = str(x_split)
    if y_split:
        wanted["ySplit"] = str(y_split)
    if pane is not None and dict(pane.attrib) == wanted:
        return
    if pane is not None:
        view.remove(pane)
    for selection in view.findall(q("selection")):
        view.remove(selection)
    pane = etree.Element(q("pane"))
    for key in ("xSplit", "ySplit", "topLeftCell", "activePane", "state"):
        if key in wanted:
            pane.set(key, wanted[key])
    view.insert(0, pane)
    panes = ["topRight", "bottomLeft", "bottomRight"] if x_split and y_split else [active]
    for i, name in enumerate(panes, start=1):
        selection = etree.Element(q("selection"))
        selection.set("pane", name)
        if name == active:
            selection.set("activeCell", top_left)
            selection.set("sqref", top_left)
        view.insert(i, selection)


def set_autofilter(ws: Worksheet, area: Area) -> None:
    """Put the sheet's autofilter on `area`, keeping set filters when the columns stay put."""
    q = ws.q
    auto = ws.root.find(q("autoFilter"))
    if auto is None:
        auto = xmlparts.insert_in_order(ws.root, etree.Element(q("autoFilter")), WORKSHEET_ORDER)
    else:
        old = parse_ref(auto.get("ref", ""))
        if len(auto) and (old is None or old.first_col != area.first_col):
            raise Refusal(f"bladet {ws.sheet} har ett filter med valda villkor på andra "
                          f"kolumner; ta bort filtret i Excel och försök igen", part=ws.part)
    auto.set("ref", area.ref)


def remove_autofilter(ws: Worksheet) -> None:
    """Take the sheet's own autofilter away (a table on it filters instead)."""
    auto = ws.root.find(ws.q("autoFilter"))
    if auto is not None:
        ws.root.remove(auto)


def autofilter_area(ws: Worksheet) -> Area | None:
    auto = ws.root.find(ws.q("autoFilter"))
    return parse_ref(auto.get("ref", "")) if auto is not None else None


def print_scaled(ws: Worksheet, scale: int) -> None:
    """Landscape at `scale` per cent, pages over then down (a row's continuation follows
    it); the paper size and printer settings the sheet has are kept (A4 when it names
    none: OOXML's default would be Letter)."""
    q = ws.q
    properties = ws.root.find(q("sheetPr"))
    fit = properties.find(q("pageSetUpPr")) if properties is not None else None
    if fit is not None and "fitToPage" in fit.attrib:
        del fit.attrib["fitToPage"]
    setup = ws.root.find(q("pageSetup"))
    if setup is None:
        setup = xmlparts.insert_in_order(ws.root, etree.Element(q("pageSetup")),
                                         WORKSHEET_ORDER)
    if "paperSize" not in setup.attrib:
        setup.set("paperSize", "9")
    setup.set("orientation", "landscape")
    setup.set("scale", str(scale))
    setup.set("pageOrder", "overThenDown")
    for name in ("fitToWidth", "fitToHeight"):
        setup.attrib.pop(name, None)
