"""`briefcli import`: records from a CSV file, a STIX 2.1 bundle or an ACLED export added to a
brief, new or existing (docs/import.md has every mapping)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefcli import console
from briefcli.cli._app import app, bundled_brief_path, fail, load_paths

# At import, not in the command: the authoring commands this module brings in then register
# while `import` loads (_app._Group._load), and are built as the others are.
from briefcli.cli.authoring import init, refusals, target
from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from briefcli.authoring.importers.common import Entry, Import
    from briefcli.authoring.importers.csvfile import Columns, Table
    from briefcli.authoring.importers.stix import Bundle

# How many added, skipped and unmapped rows the report lists on standard error (--json: all).
LISTED = 20


class ImportFormat(str, enum.Enum):
    csv = "csv"
    stix = "stix"
    acled = "acled"


class RecordKind(str, enum.Enum):
    actors = "actors"
    relations = "relations"
    events = "events"


@app.command("import")
def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The file to import.")],
    source_format: Annotated[
        ImportFormat,
        typer.Option("--from", help="What the file is.", case_sensitive=False),
    ],
    into: Annotated[
        Path | None,
        typer.Option(
            metavar="BRIEF", help="The brief to add to (default: --brief, else ./brief.yaml)."
        ),
    ] = None,
    new: Annotated[
        Path | None,
        typer.Option(
            "--new", metavar="DIR", help="Start a brief in this folder, as init does, and fill it."
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            metavar="TITLE",
            help="The new brief's title (default: the exported brief's, or the file's name).",
        ),
    ] = None,
    records: Annotated[
        RecordKind | None,
        typer.Option(help="What each row of the CSV is (--from csv).", case_sensitive=False),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="The column that fills a field, where it is not named as the field; repeat.",
        ),
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="FIELD=VALUE",
            help="A field's value for every row whose column is empty or missing; repeat.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Which column fills each field: YAML or JSON."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report, but write nothing.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON on standard output.")
    ] = False,
) -> None:
    """Add records from a CSV file, a STIX bundle or an ACLED export.

    Every row (a STIX object) is accounted for on standard error: what it added, what was
    already present (same id; same name for an actor, place or source), and what could not
    be mapped and why; --json prints that report on standard output. The rows that map are
    written, the whole brief checked as validate checks it; exit 1 when some rows could not
    be mapped, 3 when the file cannot be read. The mappings are in docs/import.md.

    \b
    Examples:
      briefcli import --from csv contacts.csv --records actors --map name="Full name"
      briefcli import --from csv ties.csv --records relations --mapping ties.yaml
      briefcli import --from stix bundle.json --new threat-brief
      briefcli import --from acled events.csv --into brief.yaml --dry-run
    """
    from briefcli.authoring.importers.common import Import, Writer
    from briefcli.authoring.writing import BriefOnDisk

    _check_options(
        source_format, into, new, title, records, [*(maps or []), *(sets or [])], mapping
    )
    parsed = _read(source_format, file, records, maps or [], sets or [], mapping)
    if new is not None:
        path = _start(ctx, new, file, title, parsed)
    else:
        path = into if into is not None else target(ctx)
        if path.resolve() == bundled_brief_path().resolve():
            fail(
                "the bundled brief is not changed",
                ExitCode.USAGE,
                "import into a copy, or --new DIR",
            )
    with refusals():
        on_disk = BriefOnDisk(path)
        imported = Import(load_paths([path]).index)
        _map(imported, parsed, records, on_disk.path.parent, new is not None)
        imported.settle()
        written = Writer(on_disk, imported).write(dry_run)
    _report(imported, file, source_format, path, written, dry_run, as_json)
    if imported.not_mapped:
        raise typer.Exit(ExitCode.NOT_FOUND)


def _check_options(
    source_format: ImportFormat,
    into: Path | None,
    new: Path | None,
    title: str | None,
    records: RecordKind | None,
    columns: list[str],
    mapping: Path | None,
) -> None:
    """Usage errors (exit 2) before anything is read."""
    if into is not None and new is not None:
        fail("give --into BRIEF or --new DIR, not both", ExitCode.USAGE)
    if title is not None and new is None:
        fail("--title is for a new brief (--new DIR)", ExitCode.USAGE)
    if source_format is not ImportFormat.csv and (records or columns or mapping):
        fail(
            "--records, --map, --set and --mapping are for --from csv",
            ExitCode.USAGE,
            f"a {source_format.value} file's columns are mapped as docs/import.md says",
        )
    if source_format is ImportFormat.csv and records is None:
        fail("--from csv needs --records actors, relations or events", ExitCode.USAGE)


def _read(
    source_format: ImportFormat,
    file: Path,
    records: RecordKind | None,
    maps: list[str],
    sets: list[str],
    mapping: Path | None,
) -> tuple[Table, Columns | None] | Bundle:
    """The input, read and parsed (exit 3 if it cannot be), with its columns mapped (exit 2
    if the mapping does not fit it)."""
    from briefcli.authoring.importers import acled, csvfile, stix
    from briefcli.authoring.importers.common import InputError, UsageProblem

    try:
        if source_format is ImportFormat.stix:
            return stix.read_bundle(file)
        table = csvfile.read_table(file)
        if source_format is ImportFormat.acled:
            acled.check_header(table)
            return table, None
        assert records is not None  # _check_options
        given = csvfile.read_mapping(mapping) if mapping is not None else None
        return table, csvfile.columns_for(records.value, table, maps, sets, given)
    except InputError as error:
        fail(str(error), ExitCode.INVALID_BRIEF)
    except UsageProblem as problem:
        fail(problem.message, ExitCode.USAGE, problem.hint)


def _start(
    ctx: typer.Context,
    folder: Path,
    file: Path,
    title: str | None,
    parsed: tuple[Table, Columns | None] | Bundle,
) -> Path:
    """A new brief, started by `init`: titled as given, else as the bundle's brief was (whose
    whole meta it then takes), else after the file."""
    from briefcli.authoring.importers.stix import PREFIX, Bundle

    shown = title
    if shown is None and isinstance(parsed, Bundle):
        shown = next(
            (obj.get("name") for _, obj in parsed.objects
             if isinstance(obj, dict) and isinstance(obj.get(f"{PREFIX}meta"), dict)),
            None,
        )  # fmt: skip
    if not isinstance(shown, str) or not shown.strip():
        shown = f"Imported from {file.name}"
    init(ctx, folder=folder, title=shown)
    return folder / "brief.yaml"


def _map(
    imported: Import,
    parsed: tuple[Table, Columns | None] | Bundle,
    records: RecordKind | None,
    folder: Path,
    new_brief: bool,
) -> None:
    from briefcli.authoring.importers import acled, csvfile, stix

    if isinstance(parsed, stix.Bundle):
        stix.import_bundle(imported, parsed, folder, new_brief)
        return
    table, columns = parsed
    if columns is None:
        acled.import_table(imported, table, folder)
    else:
        assert records is not None
        csvfile.import_table(imported, table, records.value, columns)


def _report(
    imported: Import,
    file: Path,
    source_format: ImportFormat,
    path: Path,
    written: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """What the import did with every row: JSON on standard output (--json), and on standard
    error the counts, then the rows skipped and not mapped."""
    added = sorted(imported.added, key=lambda entry: entry.row)
    skipped = sorted(imported.skipped, key=lambda entry: entry.row)
    not_mapped = sorted(imported.not_mapped, key=lambda entry: entry.row)
    rows = len(imported.rows)
    mapped = len(imported.mapped_rows)
    if as_json:
        report = {
            "file": str(file),
            "from": source_format.value,
            "brief": str(path),
            "written": written,
            "rows": rows,
            "mapped": mapped,
            "added": [entry.as_json() for entry in added],
            "skipped": [entry.as_json() for entry in skipped],
            "not_mapped": [entry.as_json() for entry in not_mapped],
        }
        console.write(console.safe_json(json.dumps(report, indent=2, ensure_ascii=False)))
    unit = "object" if source_format is ImportFormat.stix else "row"
    console.note(
        f"{file} into {path}: {rows} {unit}(s), {mapped} mapped, {len(not_mapped)} not mapped"
        + ("" if written else " (nothing written: a dry run)" if dry_run else " (nothing written)")
    )
    counts: dict[str, int] = {}
    for entry in added:
        counts[str(entry.section)] = counts.get(str(entry.section), 0) + 1
    if counts:
        console.note("added " + ", ".join(f"{n} {section}" for section, n in counts.items()))
    for entry in added:
        if entry.reason:
            console.note(f"{unit} {entry.row}: {entry.section} {entry.id}: {entry.reason}")
    _listed("skipped", unit, skipped)
    _listed("not mapped", unit, not_mapped)
    if not_mapped:
        console.error(
            f"{len(not_mapped)} of {rows} {unit}(s) could not be mapped"
            + (": the others were written" if written else ""),
            "see the notes above, or --json",
        )


def _listed(what: str, unit: str, entries: list[Entry]) -> None:
    """Entries on standard error, up to LISTED lines; those about no record (a STIX object
    that is not one) one line for each reason."""
    lines: list[str] = []
    alike: dict[tuple[str | None, str | None], list[int]] = {}
    for entry in entries:
        if entry.id is None:
            rows = alike.setdefault((entry.reason, entry.hint), [])
            if not rows:
                lines.append("")  # filled in below, where the first of them comes
            rows.append(entry.row)
            continue
        record = f" {str(entry.section).removesuffix('s')} {entry.id}:"
        hint = f" (hint: {entry.hint})" if entry.hint else ""
        lines.append(f"{what}: {unit} {entry.row}:{record} {entry.reason}{hint}")
    groups = iter(alike.items())
    for position, line in enumerate(lines):
        if line:
            continue
        (reason, group_hint), rows = next(groups)
        shown = ", ".join(map(str, rows[:8])) + (
            f" … ({len(rows)} in all)" if len(rows) > 8 else ""
        )
        hint_text = f" (hint: {group_hint})" if group_hint else ""
        lines[position] = f"{what}: {unit} {shown}: {reason}{hint_text}"
    for line in lines[:LISTED]:
        console.note(line)
    if len(lines) > LISTED:
        console.note(f"{what}: … and {len(lines) - LISTED} more lines (--json lists every row)")
