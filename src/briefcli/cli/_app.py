"""The Typer app, its global options, and what every command shares: loading the brief,
resolving actor names, failing with a documented exit code."""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, get_args

import typer
import typer.core
import typer.main
from typer import _click as click  # the click that Typer 0.28 vendors

import briefcli
from briefcli import __version__, console
from briefcli.collector import resume_for_command
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat, Selection, SelectionProblem

if TYPE_CHECKING:
    from briefcli.brief.model import Actor
    from briefcli.store.loaded import LoadedBrief

# The module of briefcli.cli that defines each command, in the order of --help. A command's
# module (and all it imports) loads only when that command runs or is listed.
COMMAND_MODULES = {
    "actors": "lookups",
    "actor": "lookups",
    "relations": "listings",
    "timeline": "lookups",
    "places": "listings",
    "alignments": "lookups",
    "trace": "lookups",
    "sources": "lookups",
    "claims": "listings",
    "notes": "listings",
    "search": "lookups",
    "browse": "browsing",
    "brief": "reports",
    "export": "reports",
    "diff": "reports",
    "validate": "checks",
    "lint": "checks",
    "schema": "checks",
    "init": "authoring",
    "add": "adding",
    "edit": "editing",
    "rm": "authoring",
    "fmt": "authoring",
    "import": "importing",
}


# The options of briefcli itself (before the command), and whether each takes a value.
GLOBAL_OPTIONS = {
    "--brief": True,
    "-b": True,
    "--as-of": True,
    "--quiet": False,
    "-q": False,
    "--fields": True,
    "--jq": True,
    "--no-pager": False,
}


def global_options_first(args: list[str]) -> list[str]:
    """The arguments with briefcli's own options moved before the command, where they may
    also be written after it (`briefcli actors --brief team.yaml`, as git and gh allow; a git
    textconv puts the file last). Nothing after `--` moves."""
    command = None
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--":
            return args
        if arg in COMMAND_MODULES:
            command = position
            break
        position += 2 if GLOBAL_OPTIONS.get(arg) else 1
    if command is None:
        return args
    moved: list[str] = []
    kept: list[str] = []
    rest = args[command + 1 :]
    position = 0
    while position < len(rest):
        arg = rest[position]
        if arg == "--":
            kept += rest[position:]
            break
        takes_value = GLOBAL_OPTIONS.get(arg)
        if takes_value and position + 1 < len(rest):
            moved += rest[position : position + 2]
            position += 2
            continue
        if takes_value is False or ("=" in arg and arg.split("=", 1)[0] in GLOBAL_OPTIONS):
            moved.append(arg)
        else:
            kept.append(arg)
        position += 1
    return [*args[:command], *moved, args[command], *kept]


class _Command(typer.core.TyperCommand):
    """A command whose usage line names its arguments as Click does (`NAME...`), not in the
    braces Typer puts around required ones (`{NAME}`)."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_TYPED] = list(args)  # for whole_name: the order the words were typed in
        return super().parse_args(ctx, args)


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
        for group in app.registered_groups:  # `add` and its commands
            if isinstance(group.name, str) and group.name not in self.commands:
                self.commands[group.name] = typer.main.get_group_from_info(
                    group,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    suggest_commands=True,
                    rich_markup_mode=app.rich_markup_mode,
                )
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
            return super().parse_args(ctx, global_options_first(args))

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
    except SelectionProblem as problem:
        fail(str(problem), ExitCode.USAGE, "see 'briefcli -h'")
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.exceptions.UsageError as error:
        command = error.ctx.command_path if error.ctx is not None else "briefcli"
        message = error.format_message().rstrip(".")
        hint = f"see '{command} -h'"
        if message.startswith("Got unexpected extra argument"):
            # Most often the rest of a name of several words given to an option.
            hint = f'quote a name of several words (--actor "Hadi al-Amiri"), or {hint}'
        fail(message[:1].lower() + message[1:], ExitCode.USAGE, hint=hint)
    except click.ClickException as error:
        error.message = console.safe(error.message)
        raise


class Commands(typer.Typer):
    """A Typer whose commands are _Command, however the app is built (lazily by _Group, or
    all at once by typer.main.get_command in tests and completion)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = Commands(
    cls=_Group,
    name="briefcli",
    help="Query a structured intelligence brief: actors, relations, events and graded claims.",
    epilog="Exit codes: 0 ok; 1 not found, ambiguous or no connection (diff: the briefs "
    "differ; lint --error-on-warning: warnings; rm: referred to); 2 usage; 3 the brief is "
    "missing, unreadable or invalid (add: would be); 4 output not written (brief unchanged); "
    "129 hung up; 130 interrupted; 141 output closed; 143 terminated.\n\nEnvironment: "
    "BRIEFCLI_BRIEF, BRIEFCLI_CACHE_DIR, BRIEFCLI_NO_CACHE, BRIEFCLI_MAX_BYTES, "
    "BRIEFCLI_PAGER, PAGER, VISUAL, EDITOR, NO_COLOR, FORCE_COLOR, COLUMNS. Docs: the "
    "docs folder of the installed package (cli.md: every command's help; json.md; "
    "brief-format.md).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # Help as wide as the terminal (Click stops at 80 columns by default, and then cuts each
    # command's summary in the list at about 45 characters).
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 200},
)


class Settings:
    """What the global options chose, handed to every command through the context."""

    def __init__(
        self,
        brief_paths: list[Path],
        as_of: dt.date | None = None,
        chosen: bool = False,
        as_of_text: str | None = None,
    ) -> None:
        self.brief_paths = brief_paths
        self.as_of = as_of
        self.as_of_text = as_of_text  # as typed: `init` writes it as the new brief's as_of
        self.chosen = chosen  # the brief was named (--brief, $BRIEFCLI_BRIEF), not the bundled one


# The brief of the folder a command runs in, read when none is named (as git finds its repository).
LOCAL_BRIEF = Path("brief.yaml")


def default_brief_path() -> Path:
    """./brief.yaml when there is one (a brief started with `briefcli init`), else the bundled
    brief."""
    return LOCAL_BRIEF if LOCAL_BRIEF.is_file() else bundled_brief_path()


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
            metavar="PATH",
            envvar="BRIEFCLI_BRIEF",
            help="Brief file to read; repeat to merge several. Default: ./brief.yaml if there is "
            "one, else the bundled brief.",
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
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="A,B,C",
            help="Only these fields of each record, in this order (JSON, JSON Lines, CSV; a "
            "table answer becomes JSON).",
        ),
    ] = None,
    jq_program: Annotated[
        str | None,
        typer.Option(
            "--jq",
            metavar="EXPR",
            help="Filter the JSON answer with a jq program: a string printed as it is, "
            "anything else as compact JSON, one per line.",
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight to the terminal, not through $BRIEFCLI_PAGER, "
            "$PAGER or less.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No notes on standard error (a guessed spelling, a missing stored text); "
            "errors still.",
        ),
    ] = False,
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
    console.notes_wanted = not quiet
    console.pager_wanted = not no_pager
    Selection.fields = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    Selection.jq = jq_program
    ctx.obj = Settings(
        list(brief) if brief else [default_brief_path()],
        _as_of_day(as_of),
        chosen=bool(brief),
        as_of_text=as_of,
    )
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


def load_paths(paths: list[Path], cached: bool = True) -> LoadedBrief:
    """Load brief files as one brief; an invalid one ends the command with exit code 3, its
    first problem and how to see the others. `cached=False`: not through the cache (a brief
    written out for this command only)."""
    from briefcli.brief.loader import BriefError
    from briefcli.store import cache

    try:
        loaded = cache.load(paths, cached)
    except BriefError as error:
        import shlex

        more = len(error.problems) - 1
        command = shlex.join(["briefcli", "validate", *map(str, paths)])
        hint = f"{more} more problem(s): run `{command}`" if more > 0 else None
        names = ", ".join(map(str, paths))
        first = str(error.problems[0]) if error.problems else f"{names}: invalid brief"
        fail(first, ExitCode.INVALID_BRIEF, hint)
    for warning in loaded.warnings:
        console.note(warning)
    return loaded


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
        [Path(p) for p in from_env.split(os.pathsep) if p] if from_env else [default_brief_path()]
    )


# Characters bash would read as more than part of a word, escaped in what completion inserts.
_BASH_SPECIAL = frozenset(" \t\n'\"\\$`!&;|<>()[]{}*?#~=%")


def for_the_shell(values: list[str]) -> list[str]:
    """Completions as the user's shell should insert them: bash inserts them as they are, so a
    name's spaces and quotes are escaped there ("Moqtada\\ al-Sadr"); zsh and fish quote what
    they insert themselves."""
    if os.environ.get("_BRIEFCLI_COMPLETE") != "complete_bash":
        return values
    return ["".join("\\" + c if c in _BASH_SPECIAL else c for c in value) for value in values]


def _completing(ctx: typer.Context, find: Callable[[LoadedBrief], list[str]]) -> list[str]:
    """What `find` offers from the brief the command line names, for the shell (nothing for a
    brief that does not load or a damaged cache: completion offers nothing, never fails)."""
    from briefcli.brief.loader import BriefError
    from briefcli.store import cache
    from briefcli.store.packed import CorruptStore

    try:
        return for_the_shell(find(cache.load(_brief_paths_for_completion(ctx))))
    except (BriefError, CorruptStore):
        return []


def complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    """Actor names (and aliases) that start with what was typed. A name being typed unquoted,
    word by word ("Moqtada al-<TAB>"), is completed from the words before: what completes
    the current word is the rest of the name."""
    before: list[str] = []
    for words in (ctx.params.get("name"), ctx.params.get("names")):
        if words:
            before = list(words)
    if "to" in before:  # trace A to B: B's words
        before = before[len(before) - before[::-1].index("to") :]

    def find(loaded: LoadedBrief) -> list[str]:
        names = loaded.index.names
        for start in range(len(before) + 1):  # the most words of the name first
            typed = " ".join([*before[start:], incomplete])
            found = names.complete(typed)
            if found:
                kept = len(typed) - len(incomplete)
                return [incomplete + name[len(typed) :] for name in found if len(name) > kept]
        return []

    return _completing(ctx, find)


def _starting_with(incomplete: str, values: Iterable[str]) -> list[str]:
    """The values that start with what was typed, in any case."""
    wanted = incomplete.casefold()
    return [value for value in values if value.casefold().startswith(wanted)]


def complete_bloc(ctx: typer.Context, incomplete: str) -> list[str]:
    """The names of blocs that start with what was typed."""
    return _completing(
        ctx,
        lambda loaded: _starting_with(
            incomplete, (a.name for a in loaded.index.actors.all() if a.kind == "bloc")
        ),
    )


def complete_place(ctx: typer.Context, incomplete: str) -> list[str]:
    """Place names and aliases that start with what was typed."""
    return _completing(
        ctx,
        lambda loaded: _starting_with(
            incomplete,
            (
                name
                for place in loaded.index.places.all()
                for name in [place.name, *(alias.name for alias in place.aliases)]
            ),
        ),
    )


def complete_source(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source ids and names that start with what was typed."""
    return _completing(
        ctx,
        lambda loaded: _starting_with(
            incomplete,
            (value for source in loaded.index.sources.all() for value in (source.id, source.name)),
        ),
    )


def complete_claim(ctx: typer.Context, incomplete: str) -> list[str]:
    """Claim ids that start with what was typed."""
    return _completing(
        ctx, lambda loaded: [i for i in loaded.index.claims if i.startswith(incomplete)]
    )


def complete_actor_kind(ctx: typer.Context, incomplete: str) -> list[str]:
    """Actor kinds, and the types the brief gives its actors."""
    from briefcli.brief.model import ActorKind

    def find(loaded: LoadedBrief) -> list[str]:
        types = {(actor.type or "").casefold() for actor in loaded.index.actors.all()}
        known = [*get_args(ActorKind), *sorted(types - {""})]
        return _starting_with(incomplete, dict.fromkeys(known))

    return _completing(ctx, find)


def complete_event_kind(ctx: typer.Context, incomplete: str) -> list[str]:
    """Event kinds the brief knows (the core ones and those it declares)."""
    return _completing(
        ctx,
        lambda loaded: [k for k in loaded.index.words.event_kinds if k.startswith(incomplete)],
    )


def complete_place_or_country(ctx: typer.Context, incomplete: str) -> list[str]:
    """Place names and aliases, and the names of the countries places lie in, that start with
    what was typed."""

    def find(loaded: LoadedBrief) -> list[str]:
        index = loaded.index
        places = index.places.all()
        names = [
            name for place in places for name in [place.name, *(a.name for a in place.aliases)]
        ]
        countries = [index.name_of(place.country) for place in places if place.country]
        return _starting_with(incomplete, dict.fromkeys([*names, *countries]))

    return _completing(ctx, find)


def complete_relation_type(ctx: typer.Context, incomplete: str) -> list[str]:
    """Relation types the brief knows (the core ones and those it declares)."""
    return _completing(
        ctx,
        lambda loaded: [t for t in loaded.index.words.relation_classes if t.startswith(incomplete)],
    )


def complete_record(*sections: str) -> Callable[[typer.Context, str], list[str]]:
    """Completion for an option that names a record: actor names, and the ids of the records
    of these sections (other than actors), that start with what was typed."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        def find(loaded: LoadedBrief) -> list[str]:
            index = loaded.index
            ids = [
                record_id
                for section in sections
                if section != "actors"
                for record_id in getattr(index, section).ids
                if record_id.startswith(incomplete)
            ]
            return [*index.names.complete(incomplete), *ids]

        return _completing(ctx, find)

    return complete


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ThroughSourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="SOURCE",
        help="Only claims that came through this source (id or name).",
        autocompletion=complete_source,
    ),
]
ActorArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="NAME",
        help="An actor: id, name, alias or a close spelling; quotes are optional "
        "(actor Hadi al-Amiri).",
        autocompletion=complete_actor,
        show_default=False,
    ),
]


def typed_name(words: list[str]) -> str:
    """A name typed as one argument or as several words (unquoted): the words joined."""
    return " ".join(words)


# Where a command keeps the arguments as typed (click.Context.meta).
_TYPED = "briefcli.typed"


def whole_name(ctx: click.Context, words: list[str], argument: str) -> str:
    """typed_name() of words that were typed together. A name's words that options split
    apart are refused: the rest of a name given to an option (`--role-of Riverton Council`)
    would otherwise join the name before it ("Anna Berg Council") and be written so."""
    typed: list[str] = ctx.meta.get(_TYPED, [])
    width = len(words)
    if (
        width > 1
        and typed
        and not any(
            typed[start : start + width] == words for start in range(len(typed) - width + 1)
        )
    ):
        fail(
            f"the words of {argument} are split by options: {' '.join(words)!r}",
            ExitCode.USAGE,
            'quote each name of several words, an option\'s value too: --role-of "Harbour Union"',
        )
    return typed_name(words)


_TWO_NAMES_HINT = 'quote each name ("Hadi al-Amiri" "Hassan Nasrallah"), or write A to B'


def two_names(loaded: LoadedBrief, words: list[str]) -> tuple[str, str]:
    """The two names of `trace`: two arguments as given; or the words either side of a lone
    "to"; or, unquoted, the one way to split the words into two names that both resolve."""
    if "to" in words[1:-1]:
        at = words.index("to", 1)
        return typed_name(words[:at]), typed_name(words[at + 1 :])
    if len(words) == 2:
        return words[0], words[1]
    if len(words) < 2:
        fail("trace needs two actors", ExitCode.USAGE, _TWO_NAMES_HINT)
    from briefcli import queries

    def resolves(name: str) -> bool:
        try:
            queries.resolve_actor(loaded.index, name)
        except queries.LookupProblem:
            return False
        return True

    splits = [
        (typed_name(words[:at]), typed_name(words[at:]))
        for at in range(1, len(words))
        if resolves(typed_name(words[:at])) and resolves(typed_name(words[at:]))
    ]
    if len(splits) != 1:
        said = "cannot tell" if splits else "found no"
        fail(f"{said} two actors in {typed_name(words)!r}", ExitCode.USAGE, _TWO_NAMES_HINT)
    return splits[0]


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
