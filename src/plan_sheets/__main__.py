from plan_sheets.cli import main

main()
