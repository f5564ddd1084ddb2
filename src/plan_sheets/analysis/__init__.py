"""What several stages compute from a plan: reports and the annual pack share it.

    from plan_sheets.analysis.population import population
    from plan_sheets.analysis import figures

`population` says which activities a report counts (DESIGN.md, Populations) and in
which order (`in_id_order`); `figures` counts them (status, deviations, overdue, goals);
`history` rebuilds a past period's plan from Statushistorik; `privacy` takes personal
data out of a plan (`--no-personal-data`). Pure functions of `Plan`s: no files.
"""
