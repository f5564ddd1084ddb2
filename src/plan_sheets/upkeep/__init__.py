"""Commands that maintain the huvuddokument: `init` (`create`), `format` (`restyle`) and
`arsskifte`, the turn of the year.

    from plan_sheets.upkeep.create import init_workbook
    from plan_sheets.upkeep.restyle import format_workbook

`init` writes a new huvuddokument with xlsxwriter; `format` and `arsskifte` patch an
existing one in place through the lossless writer (spellings, traffic lights, lists,
widths; the year's close).
"""
