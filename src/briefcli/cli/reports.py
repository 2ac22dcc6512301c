"""Report commands: brief (a one-screen briefing), export (whole brief to a file), diff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from briefcli import console
from briefcli.cli._app import FormatOption, JsonFlag, app, fail, load_brief, load_paths
from briefcli.exitcodes import ExitCode
from briefcli.exporters import ExportFormat
from briefcli.output import OutputFormat, choose, emit


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Everything, not only what fits one screen: every actor, "
            "event, bloc and gap, texts unclipped.",
        ),
    ] = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """A one-screen briefing: bottom line, key judgments, who's who, key events, alignments,
    sourcing caveats, gaps."""
    from briefcli.queries.briefing import briefing
    from briefcli.views.briefing import briefing_view, whole_briefing_view

    loaded = load_brief(ctx)
    view = whole_briefing_view if show_all else briefing_view
    emit(briefing(loaded.index, everything=show_all), choose(output_format, as_json), view)


def _write_stdout(data: str | bytes) -> None:
    with console.closed_pipe_exits():
        if isinstance(data, str):
            console.write(data)
            return
        if console.is_terminal(sys.stdout):
            fail(
                "not writing binary data to a terminal",
                ExitCode.OUTPUT_ERROR,
                "redirect it to a file",
            )
        console.write_bytes(data)


@app.command()
def export(
    ctx: typer.Context,
    out: Annotated[
        str,
        typer.Argument(
            metavar="OUT",
            help="File to write, or - for standard output; for csv, a directory.",
        ),
    ],
    to: Annotated[
        ExportFormat,
        typer.Option("--to", "-t", help="Format to export to.", case_sensitive=False),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUT (for csv: write into it).")
    ] = False,
) -> None:
    """Export the whole brief: a Markdown handout, a STIX 2.1 bundle, the alignment network
    (GraphML, DOT, Mermaid; SVG or PNG through Graphviz) or CSV tables."""
    from briefcli.exporters import ExportError, Folder, exporter, files

    loaded = load_brief(ctx)
    try:
        result = exporter(to)(loaded)
    except ExportError as error:
        fail(str(error), ExitCode.OUTPUT_ERROR)
    try:
        if isinstance(result, Folder):
            if out == "-":
                fail("csv export writes a directory of files: give its path, not -", ExitCode.USAGE)
            encoded = {name: text.encode("utf-8") for name, text in result.files.items()}
            files.write_folder(Path(out), encoded, force)
        elif out == "-":
            _write_stdout(result)
        else:
            data = result.encode("utf-8") if isinstance(result, str) else result
            files.write_file(Path(out), data, force)
    except files.OutputProblem as problem:
        fail(str(problem), ExitCode.OUTPUT_ERROR)


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier version of the brief.")],
    new: Annotated[Path, typer.Argument(help="The later version.")],
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """What changed between two versions of a brief, matched by id: added, removed and
    changed records, field by field. Exit code 0 when identical, 1 when they differ."""
    from briefcli.queries.diff import diff
    from briefcli.views.diff import diff_view

    before, after = load_paths([old]), load_paths([new])
    result = diff(before.index, after.index)
    emit(result, choose(output_format, as_json), diff_view)
    if not result.identical:
        raise typer.Exit(ExitCode.NOT_FOUND)
