"""Commands about the brief file itself: validate, schema."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefcli import console
from briefcli.cli._app import FormatOption, JsonFlag, app, bundled_brief_path, fail, settings
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat, choose

if TYPE_CHECKING:
    from briefcli.brief.loader import Problem


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Brief files to check together. Default: --brief, or the bundled brief."
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Check a brief and report every problem as file:line:col: field: message (as records
    with --format json, jsonl, csv or markdown)."""
    from briefcli.collector import without_garbage_collection

    chosen = list(paths) if paths else settings(ctx).brief_paths
    # The collector stays paused until the checked brief is let go (see _checked).
    counts, problems = without_garbage_collection(_checked, chosen)
    output_format = choose(output_format, as_json)
    if output_format is OutputFormat.table:
        with console.closed_pipe_exits():
            for problem in problems:
                console.write(console.safe(str(problem)))
    else:
        from briefcli import views
        from briefcli.output import emit
        from briefcli.results import ProblemOut

        found = [
            ProblemOut(file=p.file, line=p.line, column=p.column, field=p.field, message=p.message)
            for p in problems
        ]
        emit(found, output_format, views.problems)
    if problems or counts is None:
        fail(f"{len(problems)} problem(s) found", ExitCode.INVALID_BRIEF)
    if output_format is not OutputFormat.table:
        return  # the records said it all: none
    bundled = bundled_brief_path()
    names = ", ".join(
        "the bundled brief" if path == bundled else console.safe(str(path)) for path in chosen
    )
    with console.closed_pipe_exits():
        console.write(
            f"{names}: ok: {counts['actors']} actors, {counts['relations']} relations, "
            f"{counts['events']} events, {counts['claims']} claims "
            f"({counts['excerpts']} excerpts checked against source texts), "
            f"{counts['sources']} sources, {counts['places']} places, {counts['notes']} notes"
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
def schema() -> None:
    """Print the JSON Schema of the brief format (for editors with a YAML language server)."""
    from briefcli.brief.schema import brief_schema_json

    with console.closed_pipe_exits():
        console.write(brief_schema_json())
