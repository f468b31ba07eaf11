"""Workbooks: the plan's summary table and quarterly report, unit fill-in templates, their import, and the roll-up.

Only this package imports openpyxl; the text it lays out comes from `duban.core.narrative`.
"""
