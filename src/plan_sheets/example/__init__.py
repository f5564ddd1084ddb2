"""Södertälje's action plan and an invented year of follow-up, for `init --example` and `demo`.

    from plan_sheets.example.followup import example_plan

`plan_text` is the plan's text (focus areas, intervention areas, activities, goals),
`followup` the invented follow-up data (and `PLANTED`: which defects it plants),
`start` what `init` writes, `shipped` the example shipped as package data in `data/`
(`python -m plan_sheets.example.shipped` makes it again).
"""
