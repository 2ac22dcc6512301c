"""The command line: parse arguments, load the brief, call a query, hand the answer to a
renderer. Nothing here computes or formats an answer: see queries.py, views.py and render/.

- `_app`: the Typer app, global options, loading and name resolution shared by commands;
- `lookups`: actors, actor, timeline, alignments, trace, sources, search;
- `checks`: validate, schema.
"""

from __future__ import annotations

import os
import sys

# Commands are listed in --help in the order these modules register them.
from briefcli.cli import lookups

# isort: split
from briefcli.cli import reports

# isort: split
from briefcli.cli import checks

# isort: split
from briefcli.cli._app import app
from briefcli.exitcodes import ExitCode

__all__ = ["app", "checks", "lookups", "main", "reports"]


def main() -> None:
    """Console-script entry point: exit codes for Ctrl-C and closed pipes, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("\nbriefcli: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # output written outside briefcli.output (e.g. --help)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.BROKEN_PIPE)
