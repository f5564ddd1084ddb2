"""`import`: an existing, hand-kept action-plan workbook becomes a huvuddokument.

layout (sheets, header row, columns, heading rows), cells (what a Status cell
shows; which light a colour is, is `workbook/colours`), timeline
(Start/Slut/Läge from free text), ids, values (one row's cells; an Ansvarig naming
several offices is split by workbook/responsibility, as every stage reads it),
record (the sheet `Import`), convert (sheets into a Plan) and command (the files).
"""
