"""plan-sheets: follow up a municipality's business-strategy action plan in Excel.

The library door is `plan_sheets.api` (its functions are here too): one function per
command, taking paths and keyword-only options and returning a `Result` with the Swedish
summary, the findings and the exit code the command line would give.

    import plan_sheets
    result = plan_sheets.validate(["huvuddokument.xlsx"])
    print(result.text)
"""

__version__ = "0.3.0"

from plan_sheets import api  # noqa: E402
from plan_sheets.api import (  # noqa: E402
    Result,
    annual,
    demo,
    format_plan,
    import_plan,
    init,
    merge,
    reminders,
    report,
    run,
    split,
    validate,
    web,
)

__all__ = ["Result", "annual", "api", "demo", "format_plan", "import_plan", "init", "merge",
           "reminders", "report", "run", "split", "validate", "web"]
