"""Exit codes, documented in the README; tests assert each one."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # Not found, ambiguous, not connected; for `diff`, the briefs differ.
    NOT_FOUND = 1
    # `lint --error-on-warning` found warnings (the same number: an alias of NOT_FOUND).
    WARNINGS = 1
    # Bad command-line usage (click's own code).
    USAGE = 2
    # The brief is missing, unreadable or invalid.
    INVALID_BRIEF = 3
    # Output could not be written: file exists without --force, disk full, renderer missing.
    OUTPUT_ERROR = 4
    # Stopped by SIGHUP (the terminal closed) or SIGTERM (`kill`), as by Ctrl-C: 128 + signal.
    HUNG_UP = 129
    INTERRUPTED = 130
    TERMINATED = 143
    BROKEN_PIPE = 141
