"""Conditional formatting and dropdowns: plan-sheets' own replaced, the staff's kept.

How plan-sheets knows its own rules again, in files that Excel has since
opened and saved (Excel drops unknown markers such as our own ext elements,
but keeps formulas and texts):

- A traffic light is ours when it is an `expression` rule whose formula is
  exactly `formatting.traffic_light_formula(status, row, column)` for one of
  the statuses, at the anchor cell the formula itself names. Staff do not type
  that formula; when the Status column moves, Excel moves the rule and its
  anchor along, and it is still recognised.
- A dropdown is ours when it is a `list` validation whose prompt title is the
  ListRule's title and whose prompt text or list is the rule's. Replacing a
  dropdown removes only such earlier ones of the same kind.

Everything else (the staff's rules, and everything in `<extLst>`: x14
conditional formatting, cross-sheet dropdowns, sparklines) is left as it is.
Our dropdown is kept off cells where a staff dropdown already is, because two
validations on one cell make Excel repair the file.
"""

from __future__ import annotations

import re

from lxml import etree

from plan_sheets.excel.addresses import column_letter, column_number
from plan_sheets.lossless import xmlparts
from plan_sheets.lossless.refs import Area, column_rows_free, parse_sqref
from plan_sheets.lossless.sheetxml import WORKSHEET_ORDER, Worksheet
from plan_sheets.lossless.styles import Styles
from plan_sheets.workbook.appearance import ListRule, traffic_light_formula
from plan_sheets.workbook.model import Status
from plan_sheets.workbook.schema import TRAFFIC_LIGHTS

_ANCHOR = re.compile(r"TRIM\(\$([A-Z]{1,3})(\d+)\)")
TITLE_LIMIT = 32
MESSAGE_LIMIT = 255


def is_our_light(rule: etree._Element) -> bool:
    """Whether a cfRule is one of plan-sheets' traffic lights."""
    if rule.get("type") != "expression":
        return False
    formulas = [f for f in rule if xmlparts.local(f) == "formula"]
    if len(formulas) != 1:
        return False
    text = formulas[0].text or ""
    m = _ANCHOR.search(text)
    if not m:
        return False
    row, column = int(m.group(2)), column_number(m.group(1))
    return any(text == traffic_light_formula(status, row, column) for status in Status)


def set_traffic_lights(ws: Worksheet, styles: Styles, *, column: int, first_row: int,
                       last_row: int) -> None:
    """Replace our traffic-light rules with ones on `column`, rows first_row..last_row."""
    root, q = ws.root, ws.q
    for cf in root.findall(q("conditionalFormatting")):
        for rule in cf.findall(q("cfRule")):
            if is_our_light(rule):
                cf.remove(rule)
        if cf.find(q("cfRule")) is None:
            root.remove(cf)
    priorities = [int(r.get("priority", "")) for r in root.iter()
                  if xmlparts.local(r) == "cfRule" and r.get("priority", "").isdigit()]
    priority = max(priorities, default=0)
    letter = column_letter(column)
    cf = etree.Element(q("conditionalFormatting"))
    cf.set("sqref", f"{letter}{first_row}:{letter}{last_row}")
    for status in Status:
        light = TRAFFIC_LIGHTS[status]
        priority += 1
        rule = etree.SubElement(cf, q("cfRule"))
        rule.set("type", "expression")
        rule.set("dxfId", str(styles.light_dxf(fill=light.fill, font=light.font)))
        rule.set("priority", str(priority))
        rule.set("stopIfTrue", "1")
        etree.SubElement(rule, q("formula")).text = traffic_light_formula(status, first_row,
                                                                          column)
    xmlparts.insert_in_order(root, cf, WORKSHEET_ORDER)


def is_our_dropdown(validation: etree._Element, rule: ListRule) -> bool:
    """Whether a dataValidation is an earlier plan-sheets dropdown of `rule`'s kind."""
    if validation.get("type") != "list":
        return False
    if validation.get("promptTitle") != rule.title[:TITLE_LIMIT]:
        return False
    formula = next((f.text for f in validation if xmlparts.local(f) == "formula1"), None)
    return validation.get("prompt") == rule.message[:MESSAGE_LIMIT] or formula == rule.formula


def set_dropdown(ws: Worksheet, *, column: int, first_row: int, last_row: int,
                 rule: ListRule) -> None:
    """Replace our dropdown of `rule`'s kind with one on `column`, off the staff's cells."""
    root, q = ws.root, ws.q
    validations = root.find(q("dataValidations"))
    if validations is not None:
        for dv in validations.findall(q("dataValidation")):
            if is_our_dropdown(dv, rule):
                validations.remove(dv)
    spans = column_rows_free(column, first_row, last_row, _staff_validated(ws))
    if spans:
        if validations is None:
            validations = xmlparts.insert_in_order(
                root, etree.Element(q("dataValidations")), WORKSHEET_ORDER)
        validations.append(_validation(q, column, spans, rule))
    if validations is not None:
        count = len(validations.findall(q("dataValidation")))
        if count:
            validations.set("count", str(count))
        else:
            root.remove(validations)


def _staff_validated(ws: Worksheet) -> list[Area]:
    """Cells under a validation that stays: the main ones and the x14 ones in extLst."""
    areas: list[Area] = []
    for element in ws.root.iter():
        name = xmlparts.local(element)
        if name == "dataValidation" and element.get("sqref"):
            areas.extend(parse_sqref(element.get("sqref", "")) or [])
        elif name == "sqref" and xmlparts.local(element.getparent()) == "dataValidation":
            areas.extend(parse_sqref(element.text or "") or [])
    return areas


def _validation(q, column: int, spans: list[tuple[int, int]], rule: ListRule) -> etree._Element:
    letter = column_letter(column)
    dv = etree.Element(q("dataValidation"))
    dv.set("type", "list")
    dv.set("allowBlank", "1")
    dv.set("showInputMessage", "1")
    if rule.strict:
        dv.set("showErrorMessage", "1")
        dv.set("errorTitle", f"Ogiltigt värde i {rule.title}"[:TITLE_LIMIT])
        dv.set("error", rule.message[:MESSAGE_LIMIT])
    dv.set("promptTitle", rule.title[:TITLE_LIMIT])
    dv.set("prompt", rule.message[:MESSAGE_LIMIT])
    dv.set("sqref", " ".join(f"{letter}{lo}:{letter}{hi}" if lo != hi else f"{letter}{lo}"
                             for lo, hi in spans))
    etree.SubElement(dv, q("formula1")).text = rule.formula
    return dv
