"""The Typer app, its global options, and what every command shares: loading the brief,
resolving actor names, failing with a documented exit code."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.core
import typer.main
from typer import _click as click  # the click that Typer 0.28 vendors

import briefcli
from briefcli import __version__, console
from briefcli.collector import resume_for_command
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat

if TYPE_CHECKING:
    from briefcli.brief.model import Actor
    from briefcli.store.loaded import LoadedBrief

# The module of briefcli.cli that defines each command, in the order of --help. A command's
# module (and all it imports) loads only when that command runs or is listed.
COMMAND_MODULES = {
    "actors": "lookups",
    "actor": "lookups",
    "timeline": "lookups",
    "alignments": "lookups",
    "trace": "lookups",
    "sources": "lookups",
    "search": "lookups",
    "brief": "reports",
    "export": "reports",
    "diff": "reports",
    "validate": "checks",
    "lint": "checks",
    "schema": "checks",
}


class _Group(typer.core.TyperGroup):
    """Commands load on first use (see COMMAND_MODULES). Usage errors are one line (see
    _usage_errors_on_one_line)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:  # load them all: "No such command" suggests close names
            for name in dict.fromkeys(COMMAND_MODULES.values()):
                self._load(name)
        elif cmd_name not in self.commands:
            self._load(module)
        return self.commands.get(cmd_name)

    def _load(self, module: str) -> None:
        """Import a command module (its commands register on `app`); build what is new."""
        importlib.import_module(f"briefcli.cli.{module}")
        for info in app.registered_commands:
            name = info.name or typer.main.get_command_name(getattr(info.callback, "__name__", ""))
            if name not in self.commands:
                self.commands[name] = typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _usage_errors_on_one_line():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_errors_on_one_line():
            return super().invoke(ctx)


@contextmanager
def _usage_errors_on_one_line() -> Iterator[None]:
    """A usage error (unknown option or command, missing argument, bad value) is one
    `briefcli: error:` line that says where help is, not click's usage block; what was typed
    is quoted with its control and bidi characters shown as visible escapes (click's own
    messages escape only C0/C1 controls). A bare `briefcli` still shows the help."""
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.exceptions.UsageError as error:
        command = error.ctx.command_path if error.ctx is not None else "briefcli"
        message = error.format_message().rstrip(".")
        fail(message[:1].lower() + message[1:], ExitCode.USAGE, hint=f"see '{command} -h'")
    except click.ClickException as error:
        error.message = console.safe(error.message)
        raise


app = typer.Typer(
    cls=_Group,
    name="briefcli",
    help="Query a structured intelligence brief: actors, relations, events and graded claims.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings:
    """What the global options chose, handed to every command through the context."""

    def __init__(self, brief_paths: list[Path], as_of: dt.date | None = None) -> None:
        self.brief_paths = brief_paths
        self.as_of = as_of


def bundled_brief_path() -> Path:
    """The brief shipped inside the package (wheel), or the repository's data/ in development."""
    package = Path(briefcli.__file__).resolve().parent  # src/briefcli, or site-packages/briefcli
    packaged = package / "data" / "brief.yaml"
    if packaged.is_file():
        return packaged
    return package.parent.parent / "data" / "brief.yaml"


def fail(message: str, code: ExitCode, hint: str | None = None) -> NoReturn:
    console.error(message, hint)
    raise typer.Exit(code)


@contextmanager
def query_problems_fail() -> Iterator[None]:
    """The one place a query's LookupProblem (an unknown actor, claim or source, nothing to
    search for) becomes the command's error: its message and hint, exit code NOT_FOUND."""
    from briefcli.queries.common import LookupProblem

    try:
        yield
    except LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)


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
            readable=False,  # an unreadable brief is exit 3, said by the loader
            show_envvar=True,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Answer as the brief stood on this date (YYYY, YYYY-MM or YYYY-MM-DD): roles "
            "and relations that had ended are former, those not yet begun are left out. "
            "Default: the brief's own as_of.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    if ctx.get_parameter_source("brief") is click.core.ParameterSource.ENVIRONMENT:
        # Split as PATH is, but an empty part (a stray `:`) names no file, not the current
        # folder, which click would make of it.
        parts = os.environ.get("BRIEFCLI_BRIEF", "").split(os.pathsep)
        brief = [Path(part) for part in parts if part]
    ctx.obj = Settings(list(brief) if brief else [bundled_brief_path()], _as_of_day(as_of))
    resume_for_command()


def settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    if settings is None:  # a command invoked without the group (tests calling it directly)
        settings = Settings([bundled_brief_path()])
    return settings


def _as_of_day(value: str | None) -> dt.date | None:
    """The last day a --as-of date can mean ("2013": 31 December 2013)."""
    if value is None:
        return None
    from briefcli.brief.dates import DateError, parse_edtf

    digits = value.replace("-", "")
    if len(value) not in (4, 7, 10) or not (digits.isascii() and digits.isdigit()):
        fail(
            f"--as-of {value!r} is not a date", ExitCode.USAGE, "write YYYY, YYYY-MM or YYYY-MM-DD"
        )
    try:
        return parse_edtf(value).end
    except DateError as error:
        fail(f"--as-of {value!r}: {error}", ExitCode.USAGE)


def load_brief(ctx: typer.Context) -> LoadedBrief:
    """Load the brief the user chose; an invalid one ends the command with exit code 3."""
    chosen = settings(ctx)
    loaded = load_paths(chosen.brief_paths)
    loaded.index.as_of = chosen.as_of
    return loaded


def load_paths(paths: list[Path]) -> LoadedBrief:
    """Load brief files as one brief; an invalid one ends the command with exit code 3, its
    first problem and how to see the others."""
    from briefcli.brief.loader import BriefError
    from briefcli.store import cache

    try:
        return cache.load(paths)
    except BriefError as error:
        import shlex

        more = len(error.problems) - 1
        command = shlex.join(["briefcli", "validate", *map(str, paths)])
        hint = f"{more} more problem(s): run `{command}`" if more > 0 else None
        names = ", ".join(map(str, paths))
        first = str(error.problems[0]) if error.problems else f"{names}: invalid brief"
        fail(first, ExitCode.INVALID_BRIEF, hint)


def _brief_paths_for_completion(ctx: typer.Context) -> list[Path]:
    """During shell completion the group callback has not run: read --brief from the params."""
    current: typer.Context | None = ctx
    while current is not None:
        chosen = current.params.get("brief")
        if chosen:
            return [Path(p) for p in chosen]
        current = current.parent  # type: ignore[assignment]
    from_env = os.environ.get("BRIEFCLI_BRIEF")
    return (
        [Path(p) for p in from_env.split(os.pathsep) if p] if from_env else [bundled_brief_path()]
    )


def complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    """Actor names for shell completion (none for a brief that does not load or a damaged
    cache: completion offers nothing rather than failing)."""
    from briefcli.brief.loader import BriefError
    from briefcli.store import cache
    from briefcli.store.packed import CorruptStore

    try:
        return cache.load(_brief_paths_for_completion(ctx)).index.names.complete(incomplete)
    except (BriefError, CorruptStore):
        return []


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ActorArgument = Annotated[
    str,
    typer.Argument(
        help="An actor: id, name, alias or a close spelling.", autocompletion=complete_actor
    ),
]


def resolve_actor(loaded: LoadedBrief, name: str) -> Actor:
    """The actor a typed name means; a note on stderr when that is a guess from its spelling."""
    from briefcli import console, queries

    with query_problems_fail():
        resolution = queries.resolve_actor(loaded.index, name)
    notice = queries.spelling_notice(resolution)
    if notice is not None:
        console.note(notice)
    assert resolution.actor is not None  # resolve_actor raised otherwise
    return resolution.actor


def resolve_optional_actor(loaded: LoadedBrief, name: str | None) -> Actor | None:
    return None if name is None else resolve_actor(loaded, name)


def iso_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not an ISO date", ExitCode.USAGE, "write YYYY-MM-DD")
