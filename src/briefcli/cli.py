"""The command line: parse arguments, load the brief, call a query, hand the result to a renderer.

Nothing here computes an answer or formats one; see queries.py and views.py for that.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from briefcli import __version__, console
from briefcli.exitcodes import ExitCode
from briefcli.loader import BriefError, LoadedBrief
from briefcli.model import Actor, ActorKind, ActorStatus, EventKind
from briefcli.output import OutputFormat, choose, emit

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
        fail(
            str(error.problems[0]) if error.problems else "invalid brief",
            ExitCode.INVALID_BRIEF,
            hint,
        )


# ---------------------------------------------------------------- shared options


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
    """Actor names for shell completion (silent on any problem: completion must not fail)."""
    from briefcli import cache

    try:
        loaded = cache.load(_brief_paths_for_completion(ctx))
    except BriefError:
        return []
    return loaded.index.names.complete(incomplete)


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


def _resolve(loaded: LoadedBrief, name: str) -> Actor:
    from briefcli import queries

    try:
        return queries.resolve_actor(loaded.index, name)
    except queries.LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)


def _resolve_optional(loaded: LoadedBrief, name: str | None) -> Actor | None:
    return None if name is None else _resolve(loaded, name)


def _iso_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not an ISO date", ExitCode.USAGE, "write YYYY-MM-DD")


# ---------------------------------------------------------------- lookups


@app.command()
def actors(
    ctx: typer.Context,
    kind: Annotated[
        ActorKind | None, typer.Option(help="Only actors of this kind.", case_sensitive=False)
    ] = None,
    bloc: Annotated[
        str | None,
        typer.Option(
            help="Only members of this bloc (directly or through their organisation).",
            autocompletion=complete_actor,
        ),
    ] = None,
    affiliated_with: Annotated[
        str | None,
        typer.Option(
            help="Only actors directly tied to this actor (belong to, lead, backed by…).",
            autocompletion=complete_actor,
        ),
    ] = None,
    status: Annotated[
        ActorStatus | None,
        typer.Option(help="Only actors with this status.", case_sensitive=False),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List actors: name, kind, affiliation or bloc, role, status."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    rows = queries.actor_rows(
        loaded.index,
        kind=kind,
        bloc=_resolve_optional(loaded, bloc),
        affiliated_with=_resolve_optional(loaded, affiliated_with),
        status=status,
    )
    emit(rows, choose(output_format, as_json), views.actors)


@app.command()
def actor(
    ctx: typer.Context,
    name: ActorArgument,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """One actor's profile: names, roles, relations, events, claims with grades, notes."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    profile = queries.actor_profile(loaded.index, _resolve(loaded, name))
    emit(profile, choose(output_format, as_json), views.actor)


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="Events that may fall on or after this day (YYYY-MM-DD)."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", help="Events that may fall on or before this day (YYYY-MM-DD)."),
    ] = None,
    actor_name: Annotated[
        str | None,
        typer.Option(
            "--actor", help="Only events this actor took part in.", autocompletion=complete_actor
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Only events at this place (name, alias or id).")
    ] = None,
    kind: Annotated[
        EventKind | None, typer.Option(help="Only events of this kind.", case_sensitive=False)
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Events in chronological order, with how certain each date is."""
    from briefcli import queries, views

    start, end = _iso_date(date_from, "--from"), _iso_date(date_to, "--to")
    loaded = load_brief(ctx)
    try:
        entries = queries.timeline(
            loaded.index,
            start=start,
            end=end,
            actor=_resolve_optional(loaded, actor_name),
            place=place,
            kind=kind,
        )
    except queries.LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)
    emit(entries, choose(output_format, as_json), views.timeline)


@app.command()
def alignments(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="An actor: show its chain up to its patrons, its allies and rivals.",
            autocompletion=complete_actor,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Who is aligned with whom: blocs, factions, leaders and patrons; or one actor's chain."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    if name is None:
        emit(
            queries.alignment_tree(loaded.index),
            choose(output_format, as_json),
            views.alignment_tree,
        )
    else:
        chain = queries.alignment_chain(loaded.index, _resolve(loaded, name))
        emit(chain, choose(output_format, as_json), views.alignment_chain)


@app.command()
def trace(
    ctx: typer.Context,
    source: ActorArgument,
    target: ActorArgument,
    max_hops: Annotated[int, typer.Option(min=1, max=12, help="Longest path to look for.")] = 4,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """How two actors are connected: the shortest paths, each hop with its evidence."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    first, second = _resolve(loaded, source), _resolve(loaded, target)
    try:
        result = queries.trace(loaded.index, first, second, max_hops=max_hops)
    except queries.LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)
    emit(result, choose(output_format, as_json), views.trace)


@app.command()
def sources(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", help="Only claims that came through this source.")
    ] = None,
    claim: Annotated[
        str | None, typer.Option("--claim", help="Show one claim in full, its excerpt in context.")
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Source attributions: each claim, its source chain, its grade, named or anonymous."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    try:
        if claim is not None:
            detail = queries.claim_detail(loaded.index, claim, loaded.document_text(claim))
            emit(detail, choose(output_format, as_json), views.claim)
        else:
            rows = queries.attributions(loaded.index, source)
            emit(rows, choose(output_format, as_json), views.sources)
    except queries.LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for (typos tolerated).")],
    limit: Annotated[int, typer.Option(min=1, help="Most matches to show.")] = 20,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Ranked matches across names, aliases, events, claims, notes, sources and places."""
    from briefcli import queries, views

    loaded = load_brief(ctx)
    try:
        hits = queries.search(loaded.index, text, limit=limit)
    except queries.LookupProblem as problem:
        fail(problem.message, ExitCode.NOT_FOUND, problem.hint)
    emit(hits, choose(output_format, as_json), views.search)


# ---------------------------------------------------------------- validate and schema


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Brief files to check together. Default: --brief, or the bundled brief."
        ),
    ] = None,
) -> None:
    """Check a brief and report every problem as file:line:col: field: message."""
    from briefcli import loader

    chosen = list(paths) if paths else _settings(ctx).brief_paths
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
