"""The one text catalogue: every user-facing message, keyed, in Simplified Chinese and English.

The messages are data, one JSON file per area to keep each short: `{"about": …, "notes": {key: why},
"messages": {key: [zh, en]}}`, where a note explains the key it is filed under. `AREAS` lists the
files; `duban.core.i18n` merges them on first use. Nothing is registered by importing a feature module.
"""

AREAS = ("core", "store", "units", "narrative", "cli", "tui", "calendars", "reports", "help", "amend", "records")
