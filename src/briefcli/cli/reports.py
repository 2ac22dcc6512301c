"""Report commands: brief (a one-screen briefing), export (whole brief to a file), diff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefcli import console
from briefcli.cli._app import (
    FormatOption,
    JsonFlag,
    app,
    complete_actor,
    fail,
    load_brief,
    resolve_actor,
)
from briefcli.exitcodes import ExitCode
from briefcli.exporters import ExportFormat
from briefcli.output import OutputFormat, choose, emit

if TYPE_CHECKING:
    from briefcli.store.loaded import LoadedBrief


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
    """A one-screen briefing to read before a meeting.

    Bottom line, key judgments, who's who, key events, alignments, sourcing caveats, gaps.
    Laid out for the terminal's width and height (100 x 50 when piped), it chooses how many
    of each to show, and says how to see the rest.

    \b
    Examples:
      briefcli brief
      briefcli brief --all --format markdown > handout.md
      briefcli --as-of 2020-01-10 brief
    """
    from briefcli.queries.briefing import briefing
    from briefcli.views.briefing import HEIGHT, WIDTH, fitted_to, whole_briefing_view

    loaded = load_brief(ctx)
    screen = console.screen_size()
    width, height = screen if screen is not None else (WIDTH, HEIGHT)
    # A line is left for the shell's prompt, so that the title stays on the screen.
    view = whole_briefing_view if show_all else fitted_to(width, height - 1 if height else HEIGHT)
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


# What a file's name says it holds, to point out an export written under another format's name
# (`--to png network.svg` writes a PNG, which a viewer then refuses).
SUFFIX_FORMATS = {
    ".md": ExportFormat.markdown,
    ".markdown": ExportFormat.markdown,
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
    ".graphml": ExportFormat.graphml,
    ".dot": ExportFormat.dot,
    ".gv": ExportFormat.dot,
    ".mmd": ExportFormat.mermaid,
    ".svg": ExportFormat.svg,
    ".png": ExportFormat.png,
    ".db": ExportFormat.sqlite,
    ".sqlite": ExportFormat.sqlite,
    ".sqlite3": ExportFormat.sqlite,
}


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
    around: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Graph formats: draw only this actor and those within --depth links of it "
            "(either way, roles included).",
            autocompletion=complete_actor,
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            metavar="N", min=1, help="With --around: how many links away to go (default 1)."
        ),
    ] = None,
) -> None:
    """Export the whole brief for other tools.

    A Markdown handout, one HTML page to open offline (briefing, interactive link chart,
    timeline, claims), a STIX 2.1 bundle, the alignment network (GraphML, DOT, Mermaid;
    SVG or PNG through Graphviz), CSV tables or SQLite. The charts colour actors by kind and
    links by class, with a legend; ties ended by the day the brief speaks for (--as-of) are
    dotted, ties not yet begun are left out.

    \b
    Examples:
      briefcli export --to markdown handout.md
      briefcli export --to sqlite brief.db && datasette brief.db
      briefcli export --to mermaid - | head
      briefcli export --to png --around "Hadi al-Amiri" --depth 2 amiri.png
      briefcli --as-of 2019-12 export --to svg network.svg
    """
    from briefcli.exporters import ExportError, Folder, exporter, files
    from briefcli.exporters.network import GRAPH_FORMATS, Around, graph_exporter

    if around is None and depth is not None:
        fail("--depth goes with --around", ExitCode.USAGE, "add --around NAME")
    if around is not None and to not in GRAPH_FORMATS:
        drawn = ", ".join(f.value for f in ExportFormat if f in GRAPH_FORMATS)
        fail(f"--around draws a graph, not {to.value}", ExitCode.USAGE, f"use {drawn}")
    loaded = load_brief(ctx)
    focus = None if around is None else Around(resolve_actor(loaded, around).id, depth or 1)
    try:
        result = exporter(to)(loaded) if focus is None else graph_exporter(to)(loaded, focus)
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
            named = SUFFIX_FORMATS.get(Path(out).suffix.lower())
            if named is not None and named != to:
                console.note(f"wrote {to.value} to {out}, whose name says {named.value}")
    except files.OutputProblem as problem:
        fail(str(problem), ExitCode.OUTPUT_ERROR)


@app.command("diff")
def diff_command(
    ctx: typer.Context,
    versions: Annotated[
        list[str],
        typer.Argument(
            metavar="OLD [NEW] [PATH]",
            help="Two brief files (- for standard input); or a git revision of the brief "
            "(compared with the working copy); or two revisions; the brief is --brief, or "
            "PATH after the revisions.",
            show_default=False,
        ),
    ],
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """What changed between two versions of a brief.

    Records matched by id: added, removed and changed ones, field by field, and stored
    texts that changed. Exit code 0 when identical, 1 when they differ.

    \b
    Examples:
      briefcli diff last-week.yaml brief.yaml
      briefcli -b brief.yaml diff HEAD~3        (a git revision and the working copy)
      briefcli diff v1.0 v1.1 brief.yaml
      git show HEAD:brief.yaml | briefcli diff - brief.yaml
    """
    import tempfile

    from briefcli.queries.diff import diff
    from briefcli.views.diff import diff_view

    with tempfile.TemporaryDirectory(prefix="briefcli-diff-") as scratch:
        before, after = (
            _version(version, Path(scratch) / side)
            for version, side in zip(_two_versions(ctx, versions), ("old", "new"), strict=True)
        )
        result = diff(
            before.index,
            after.index,
            before.text_digests_by_source(),
            after.text_digests_by_source(),
        )
    emit(result, choose(output_format, as_json), diff_view)
    if not result.identical:
        raise typer.Exit(ExitCode.NOT_FOUND)


def _is_file(word: str) -> bool:
    return word == "-" or Path(word).exists()


# One side of a diff: (a git revision or None, the brief's path or "-" for standard input).
Version = tuple[str | None, str]


def _two_versions(ctx: typer.Context, words: list[str]) -> tuple[Version, Version]:
    """OLD and NEW, each a file, `-`, or a git revision of a brief: FILE FILE;
    REV [PATH] (that revision and the working copy); REV REV [PATH]. PATH defaults to the
    brief chosen with --brief. A word that is neither a file nor a revision is taken for a
    file (and reported missing)."""
    from briefcli.brief import revisions
    from briefcli.cli._app import settings

    usage = "give two files, or one or two git revisions (see 'briefcli diff -h')"
    chosen = settings(ctx).brief_paths
    if len(words) > 1 and _is_file(words[-1]):
        brief, named = words[-1], words[:-1]
    else:
        brief, named = (str(chosen[0]) if len(chosen) == 1 else ""), words
    folder = Path(brief).resolve().parent if brief else Path.cwd()
    is_revision = [not _is_file(word) and revisions.is_revision(folder, word) for word in named]
    if len(words) == 2 and not any(is_revision):
        return (None, words[0]), (None, words[1])
    if not 1 <= len(named) <= 2 or not all(is_revision):
        fail("diff needs two versions of a brief", ExitCode.USAGE, usage)
    if not brief:
        fail("diff compares one brief file between revisions", ExitCode.USAGE, usage)
    if len(named) == 1:
        return (named[0], brief), (None, brief)
    return (named[0], brief), (named[1], brief)


def _version(version: Version, scratch: Path) -> LoadedBrief:
    """One side of a diff: a brief file, `-` (standard input), or a revision of one."""
    from briefcli.brief import revisions
    from briefcli.brief.loader import BriefError
    from briefcli.cli._app import load_paths

    revision, path = version
    if revision is None and path != "-":
        return load_paths([Path(path)])
    scratch.mkdir()
    try:
        if revision is None:
            written = revisions.brief_from_stdin(scratch)
        else:
            written = revisions.brief_at(Path(path), revision, scratch)
    except BriefError as error:
        fail(str(error.problems[0]), ExitCode.INVALID_BRIEF)
    return load_paths([written], cached=False)
