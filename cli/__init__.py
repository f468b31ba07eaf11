"""The `duban` command line: parsing, dispatch, and the one place errors become messages."""
