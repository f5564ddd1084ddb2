"""`plan-sheets webb`: the public static site (pages, charts, open data)."""
