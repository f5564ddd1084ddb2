"""Commands that maintain the huvuddokument: `init` (`create`) and `format` (`restyle`).

    from plan_sheets.upkeep.create import init_workbook
    from plan_sheets.upkeep.restyle import format_workbook

`init` writes a new huvuddokument with xlsxwriter; `format` patches an existing one in
place through the lossless writer (spellings, traffic lights, lists, widths).
"""
