"""The one text catalogue: every user-facing message, keyed, in Simplified Chinese and English.

One module per area keeps the files short; `AREAS` lists them all, and `duban.core.i18n` merges
them on first use. Nothing is registered by importing a feature module.
"""

AREAS = ("core", "store", "units", "narrative", "cli", "tui", "calendars", "reports", "help", "amend", "records")
