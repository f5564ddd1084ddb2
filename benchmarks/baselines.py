"""The baselines of benchmarks/run.py, each run as its own process like the commands.

    python benchmarks/baselines.py calamine   PLAN.xlsx
    python benchmarks/baselines.py pandas     PLAN.xlsx
    python benchmarks/baselines.py openpyxl   PLAN.xlsx OUT.xlsx
    python benchmarks/baselines.py xlsxwriter ROWS.pickle OUT.xlsx

calamine and pandas read every sheet of the plan (what `validate` has to do at
the least); openpyxl loads the plan and saves it again (what a naive in-place
edit costs); xlsxwriter writes the activity rows once into one sheet, with the
options plan-sheets opens its own workbooks with (what writing a report costs
at the least). Only the library each one measures is imported.
"""

from __future__ import annotations

import sys


def calamine(path: str) -> None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def pandas(path: str) -> None:
    import pandas as pd

    pd.read_excel(path, sheet_name=None, engine="openpyxl")


def openpyxl(path: str, out: str) -> None:
    import openpyxl as xl

    xl.load_workbook(path).save(out)


def xlsxwriter(rows_path: str, out: str) -> None:
    import pickle

    import xlsxwriter as xw

    with open(rows_path, "rb") as f:
        headers, rows = pickle.load(f)
    wb = xw.Workbook(out, {"strings_to_formulas": False, "strings_to_urls": False,
                           "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("Aktiviteter")
    ws.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()


BASELINES = {"calamine": calamine, "pandas": pandas, "openpyxl": openpyxl,
             "xlsxwriter": xlsxwriter}

if __name__ == "__main__":
    BASELINES[sys.argv[1]](*sys.argv[2:])
