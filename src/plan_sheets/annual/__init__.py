"""The board's annual pack: a tagged PDF, charts as PNG and a workbook of the same figures.

    from plan_sheets.annual.pack import write_annual

`figures` the year's figures, `charts` and `plates` the matplotlib charts, `pdf`,
`typeset` and `arsrapport.typ` the Typst PDF (`textfit` fits text to its box),
`workbook` the pack's workbook, `pack` the command.
"""
