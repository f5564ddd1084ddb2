"""The floor: the contract as data, the plan as frozen dataclasses, and reading a workbook.

    from plan_sheets.workbook.reader import read_workbook
    loaded = read_workbook("huvuddokument.xlsx")   # Loaded(plan, findings, fingerprint, kind, base)

`schema` declares the sheets and fields (Swedish headers, aliases, kinds, widths) and the
`Contract` a plan is read by (`read_workbook(path, contract=...)`); `kinds` how each kind
of field reads, checks and writes a cell; `model` the `Plan` and its rows (a field without
an attribute of `Activity` in `Activity.values`); `findings` the `Finding` type and the
registry of finding codes with their Swedish texts; `reader` reads with python-calamine
(after the file checks of `inputs`, `xlsxparts` and `security`), `baseline` the Bas sheet
split writes; `dates`, `colours` and `appearance` (traffic lights, lists); `xlsxbook` is
the one xlsxwriter helper layer (`open_workbook`, the one `Formats` class, `write_value`,
`print_setup`, `ReportBook`'s tables and charts, report columns as `TableColumn`s),
`newbook` writes new workbooks in the contract's layout on it, `rowvalues` a row's cells
(by the fields' kinds). It imports only `excel/` and the top-level basics; every later
stage builds on it.
"""
