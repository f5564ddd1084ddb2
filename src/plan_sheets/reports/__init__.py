"""The steering group's and the focus areas' workbooks, and the reminders to the offices.

    from plan_sheets.reports.report import write_reports

`report` is the command (`report_data` the figures it shows, from `analysis/`),
`sheets` and `steering` the sheets in meeting order, `agenda` what the meeting
decides (pure), `reminders` the `paminnelser` texts per office. The xlsxwriter blocks
(tables, notes, links, charts, print setup) are `workbook.xlsxbook`'s `ReportBook`.
"""
