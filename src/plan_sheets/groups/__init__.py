"""The focus-area groups' round trip: `split` hands workbooks out, `merge` takes them in.

    from plan_sheets.groups.split import split_workbook
    from plan_sheets.groups.merge import merge_files

`split` writes one workbook per focus area with its hidden Bas sheet; `decisions` and
`assessments` are the pure three-way merge (tested without files); `merge` reads,
decides, validates and writes through the lossless writer; `account` is merge's
Swedish account of what it did.
"""
