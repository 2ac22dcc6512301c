"""The terminal browser: browse (Textual loads here only, when it runs)."""

import sys

import typer

from briefcli import console
from briefcli.cli._app import app, fail, load_brief
from briefcli.exitcodes import ExitCode


@app.command()
def browse(ctx: typer.Context) -> None:
    """Explore the brief in a terminal, following its links.

    Lists of actors, events, claims and sources, each searched as you type; an actor's page
    with its profile and relations, each relation a link to the other actor, with the claims
    and excerpts behind it. Works over SSH, with the keyboard or the mouse, from 80×24 up.

    \b
    Keys:
      a t c s        the lists: actors, timeline, claims, sources
      /              search the list shown (type to filter; enter opens the highlighted one)
      up, down       move; enter (or a click on the highlighted row) opens or follows
      esc, f         back and forward through the pages seen
      q              quit

    Standard input and output must be a terminal (exit code 2 otherwise).

    \b
    Examples:
      briefcli browse
      briefcli --as-of 2020-01-08 browse
      briefcli browse --brief tests/briefs/harbour.yaml
    """
    for name, stream in (("output", sys.stdout), ("input", sys.stdin)):
        if not console.is_terminal(stream):
            fail(
                f"browse needs a terminal, and standard {name} is not one",
                ExitCode.USAGE,
                "run it in a terminal; for output to a pipe or a file, use the other commands",
            )
    loaded = load_brief(ctx)
    from briefcli.browse import BrowseApp

    BrowseApp(loaded).run()
