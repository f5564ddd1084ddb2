"""The steering group's and the focus areas' workbooks, and the reminders to the offices.

    from plan_sheets.reports.report import write_reports

`report` is the command (`report_data` the figures it shows, from `analysis/`),
`sheets` and `steering` the sheets in meeting order, `agenda` what the meeting
decides (pure), `book` the xlsxwriter blocks (tables, notes, links), `reminders` the
`paminnelser` texts per office.
"""
