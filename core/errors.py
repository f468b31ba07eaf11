"""The one exception type users can cause, caught once at the CLI/TUI edge."""


class DubanError(Exception):
    """A problem the user can act on; its message is already translated and one line."""

    exit_status = 1


class UsageError(DubanError):
    """The command line itself is wrong (exit status 2)."""

    exit_status = 2
