"""plan-sheets: follow up a municipality's business-strategy action plan in Excel."""

__version__ = "0.3.0"
