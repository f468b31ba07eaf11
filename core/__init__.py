"""duban's domain core: the plan model, the store, the status engine and the plugin host.

Nothing in this package imports Textual, openpyxl or ics.
"""
