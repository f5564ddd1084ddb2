"""`import`: an existing, hand-kept action-plan workbook becomes a huvuddokument.

layout (sheets, header row, columns, heading rows), cells (what a Status cell
shows), colours (which traffic light a colour is), timeline (Start/Slut/Läge
from free text), ids, responsibility, record (the sheet `Import`), convert
(cells into a Plan) and command (the files).
"""
