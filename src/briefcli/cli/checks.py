"""Commands about the brief file itself: validate, lint, schema."""

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefcli import console
from briefcli.cli._app import FormatOption, JsonFlag, app, bundled_brief_path, fail, settings
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat, choose

if TYPE_CHECKING:
    from briefcli.brief.loader import LintWarning, Problem


# The files a check reads: those named, else the brief chosen with --brief.
BriefPaths = Annotated[
    list[Path] | None,
    typer.Argument(help="Brief files to check together. Default: --brief, or the bundled brief."),
]


@app.command()
def validate(
    ctx: typer.Context,
    paths: BriefPaths = None,
    each: Annotated[
        bool,
        typer.Option(
            "--each",
            help="Check each file as a brief of its own, not the files merged into one "
            "(a pre-commit hook, which passes every changed brief at once).",
        ),
    ] = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Check a brief and report every problem with its place.

    Each as file:line:col: field: message (as records with --format json, jsonl, csv or
    markdown).

    \b
    Examples:
      briefcli validate
      briefcli validate team.yaml extra.yaml      (merged into one brief)
      briefcli validate --each briefs/*.yaml
      briefcli validate --json | jq length
    """
    from briefcli.collector import without_garbage_collection

    chosen = list(paths) if paths else settings(ctx).brief_paths
    output_format = choose(output_format, as_json)
    found: list[Problem] = []
    for group in [[path] for path in chosen] if each else [chosen]:
        # The collector stays paused until the checked brief is let go (see _checked).
        with console.working(f"Checking {_names(group)}…", _size_of(group)):
            counts, problems = without_garbage_collection(_checked, group)
        found += problems
        if output_format is OutputFormat.table:
            _show_problems(problems, output_format)
            if counts is not None and not problems:
                _say_ok(group, counts)
    if output_format is not OutputFormat.table:
        _show_problems(found, output_format)
    if found:
        fail(f"{len(found)} problem(s) found", ExitCode.INVALID_BRIEF)


def _size_of(paths: list[Path]) -> int:
    """The files' size in bytes, as far as it can be told (0 for what cannot be)."""
    total = 0
    for path in paths:
        with suppress(OSError, ValueError):
            total += path.stat().st_size
    return total


def _say_ok(chosen: list[Path], counts: dict[str, int]) -> None:
    with console.closed_pipe_exits():
        console.write(
            f"{_names(chosen)}: ok: {counts['actors']} actors, {counts['relations']} relations, "
            f"{counts['events']} events, {counts['claims']} claims "
            f"({counts['excerpts']} excerpts checked against source texts), "
            f"{counts['sources']} sources, {counts['places']} places, {counts['notes']} notes"
        )


def _show_problems(problems: "list[Problem]", output_format: OutputFormat) -> None:
    """Problems one per line (table), or as records in the other formats (none: `[]`)."""
    if output_format is OutputFormat.table:
        with console.closed_pipe_exits():
            for problem in problems:
                console.write(console.safe(str(problem)))
        return
    from briefcli import views
    from briefcli.output import emit
    from briefcli.results import ProblemOut

    found = [
        ProblemOut(file=p.file, line=p.line, column=p.column, field=p.field, message=p.message)
        for p in problems
    ]
    emit(found, output_format, views.problems)


def _names(chosen: list[Path]) -> str:
    bundled = bundled_brief_path()
    return ", ".join(
        "the bundled brief" if path == bundled else console.safe(str(path)) for path in chosen
    )


def _checked(paths: list[Path]) -> "tuple[dict[str, int] | None, list[Problem]]":
    """Check the files; return the brief's counts (None if unusable) and every problem. The
    parsed brief is let go before this returns: with the collector running, it would walk
    every object of it, and a brief of 100,000 events has millions."""
    from briefcli.brief import loader
    from briefcli.brief.model import SECTIONS

    loaded, problems = loader.check_files(paths)
    if loaded is None:
        return None, problems
    counts = {name: len(getattr(loaded.brief, name)) for name in SECTIONS}
    return {**counts, "excerpts": loaded.excerpts_checked}, problems


@app.command()
def lint(
    ctx: typer.Context,
    paths: BriefPaths = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
    error_on_warning: Annotated[
        bool, typer.Option("--error-on-warning", help="Exit with status 1 on any warning.")
    ] = False,
) -> None:
    """Check a valid brief for analysis beyond its evidence.

    Warnings (docs/lint.md) as file:line:col: field: message [check]. An invalid brief fails
    as in validate.

    \b
    Examples:
      briefcli lint
      briefcli lint --error-on-warning team.yaml
      briefcli lint --json | jq -r '.[].check' | sort | uniq -c
    """
    from briefcli.collector import without_garbage_collection

    chosen = list(paths) if paths else settings(ctx).brief_paths
    with console.working(f"Checking {_names(chosen)}…", _size_of(chosen)):
        problems, warnings, accepted = without_garbage_collection(_linted, chosen)
    output_format = choose(output_format, as_json)
    if problems is not None:
        _show_problems(problems, output_format)
        fail(f"{len(problems)} problem(s) found", ExitCode.INVALID_BRIEF)
    if output_format is OutputFormat.table:
        with console.closed_pipe_exits():
            for warning in warnings:
                console.write(console.safe(str(warning)))
    else:
        from briefcli import views
        from briefcli.output import emit
        from briefcli.results import WarningOut

        rows = [
            WarningOut(
                file=w.file,
                line=w.line,
                column=w.column,
                field=w.field,
                message=w.message,
                check=w.check,
            )
            for w in warnings
        ]
        emit(rows, output_format, views.warnings)
    found = f"{_names(chosen)}: {len(warnings)} warning(s)"
    if accepted:
        found += f" ({accepted} more accepted in meta.lint_accept)"
    if warnings and error_on_warning:
        fail(found, ExitCode.WARNINGS)
    if warnings:
        console.note(found)
    elif output_format is OutputFormat.table:
        also = f" ({accepted} accepted in meta.lint_accept)" if accepted else ""
        with console.closed_pipe_exits():
            console.write(f"{_names(chosen)}: ok: no warnings{also}")


def _linted(paths: list[Path]) -> "tuple[list[Problem] | None, list[LintWarning], int]":
    """Check the files, then lint the brief: the problems if it is invalid (else None), the
    warnings, and how many more meta.lint_accept acknowledges. As in _checked, the brief is let
    go before this returns."""
    from briefcli.brief import loader
    from briefcli.brief.lint import lint
    from briefcli.store.tables import BriefIndex

    inspection = loader.inspect_files(paths)
    if inspection.problems or inspection.checked is None:
        return inspection.problems, [], 0
    brief = inspection.checked.brief
    index = BriefIndex.of(brief)

    def origins_of(source_id: str) -> frozenset[str]:
        return frozenset(source.id for source in index.origins(source_id))

    linted = lint(brief, origins_of)
    return None, inspection.warnings(linted.warnings), len(linted.accepted)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief format.

    For editors with a YAML language server (completion and checks as you type).

    \b
    Examples:
      briefcli schema > brief.schema.json
      # then, first line of a brief: # yaml-language-server: $schema=brief.schema.json
    """
    from briefcli.brief.schema import brief_schema_json

    with console.closed_pipe_exits():
        console.write(brief_schema_json())
