"""The one Excel base: what every stage knows about the .xlsx format, and nothing of the plan.

    from plan_sheets.excel.ooxml import MAIN_NS, parse_xml
    from plan_sheets.excel.addresses import cell_address     # (14, 12) -> "L14"

`ooxml` holds the OOXML namespaces and the one safe lxml parser (no entities, no DTD,
no network; `parse_xml` refuses a DOCTYPE); `numformats` which number formats show
dates and the codes plan-sheets writes; `addresses` A1 addresses as the user sees them
(`Aktiviteter!L14`); `ziplimits` the limits a workbook's zip must keep before it is
opened. It imports nothing of plan-sheets but the top-level basics.
"""
