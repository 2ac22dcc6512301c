"""The command line: parse arguments, load the brief, call a query, hand the result to a renderer.

Nothing here computes an answer or formats one; see queries.py and views.py for that.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from briefcli import __version__, console
from briefcli.exitcodes import ExitCode
from briefcli.loader import BriefError, LoadedBrief

app = typer.Typer(
    name="briefcli",
    help="Query a structured intelligence brief: actors, relations, events and graded claims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    brief_paths: list[Path]


def bundled_brief_path() -> Path:
    """The brief shipped inside the package (wheel), or the repository's data/ in development."""
    from importlib.resources import files

    packaged = files("briefcli").joinpath("data", "brief.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data" / "brief.yaml"


def fail(message: str, code: ExitCode, hint: str | None = None) -> NoReturn:
    console.error(message, hint)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        console.write(f"briefcli {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    brief: Annotated[
        list[Path] | None,
        typer.Option(
            "--brief",
            "-b",
            envvar="BRIEFCLI_BRIEF",
            help="Brief file to read; repeat to merge several. Default: the bundled brief.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = Settings(list(brief) if brief else [bundled_brief_path()])


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    if settings is None:  # a command invoked without the group (tests calling it directly)
        settings = Settings([bundled_brief_path()])
    return settings


def load_brief(ctx: typer.Context) -> LoadedBrief:
    """Load the brief the user chose; an invalid one ends the command with exit code 3."""
    from briefcli import cache

    paths = _settings(ctx).brief_paths
    try:
        return cache.load(paths)
    except BriefError as error:
        more = len(error.problems) - 1
        hint = f"{more} more problem(s): run `briefcli validate`" if more > 0 else None
        fail(str(error.problems[0]) if error.problems else "invalid brief", ExitCode.INVALID_BRIEF, hint)


# ---------------------------------------------------------------- validate and schema


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Brief files to check together. Default: --brief, or the bundled brief."),
    ] = None,
) -> None:
    """Check a brief and report every problem as file:line:col: field: message."""
    from briefcli import loader

    chosen = list(paths) if paths else _settings(typer.get_current_context()).brief_paths
    loaded, problems = loader.check_files(chosen)
    for problem in problems:
        console.write(console.safe(str(problem)))
    if problems or loaded is None:
        fail(f"{len(problems)} problem(s) found", ExitCode.INVALID_BRIEF)
    brief = loaded.brief
    names = ", ".join(console.safe(str(path)) for path in chosen)
    console.write(
        f"{names}: ok: {len(brief.actors)} actors, {len(brief.relations)} relations, "
        f"{len(brief.events)} events, {len(brief.claims)} claims "
        f"({loaded.excerpts_checked} excerpts checked against source texts), "
        f"{len(brief.sources)} sources, {len(brief.places)} places, {len(brief.notes)} notes"
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief format (for editors with a YAML language server)."""
    from briefcli.schema import brief_schema_json

    console.write(brief_schema_json())


def main() -> None:
    """Console-script entry point: exit codes for Ctrl-C and closed pipes, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("\nbriefcli: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.BROKEN_PIPE)
