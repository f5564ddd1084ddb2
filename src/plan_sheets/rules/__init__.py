"""Validation: every rule of DESIGN.md as one function, run over a plan.

    from plan_sheets.rules.validate import validate
    findings = validate(loaded, today=date(2026, 11, 26))   # [Finding, ...]

`checks` is the table of checks (`@check("CODE")`), one module per sheet looked at
(`activities`, `goals`, `areas`, `steering`), `validate` runs them (and `validate_file`
a file), `terminal` and `findings_workbook` show the findings as text, JSON or a workbook
whose rows link to the cells. The codes and texts are `workbook/findings.py`'s.
"""
