"""Commands about the brief file itself: validate, schema."""

from pathlib import Path
from typing import Annotated

import typer

from briefcli import console
from briefcli.cli._app import FormatOption, JsonFlag, app, bundled_brief_path, fail, settings
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat, choose


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
    from briefcli import loader

    chosen = list(paths) if paths else settings(ctx).brief_paths
    loaded, problems = loader.without_garbage_collection(loader.check_files, chosen)
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
    if problems or loaded is None:
        fail(f"{len(problems)} problem(s) found", ExitCode.INVALID_BRIEF)
    if output_format is not OutputFormat.table:
        return  # the records said it all: none
    brief = loaded.brief
    bundled = bundled_brief_path()
    names = ", ".join(
        "the bundled brief" if path == bundled else console.safe(str(path)) for path in chosen
    )
    with console.closed_pipe_exits():
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

    with console.closed_pipe_exits():
        console.write(brief_schema_json())
