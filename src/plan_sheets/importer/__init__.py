"""`import`: an existing, hand-kept action-plan workbook becomes a huvuddokument.

layout (sheets, header row, columns, heading rows), cells (what a Status cell
shows; which light a colour is, is `workbook/colours`), timeline
(Start/Slut/Läge from free text), ids, responsibility, values (one row's cells),
record (the sheet `Import`), convert (sheets into a Plan) and command (the files).
"""
