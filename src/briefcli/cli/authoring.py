"""Authoring commands init, rm and fmt, and what they share with add (cli.adding), edit and
import: the one brief file they change (`--brief`, else ./brief.yaml; never the bundled brief),
the check before a write, and refusals as one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import msgspec
import typer

from briefcli import console
from briefcli.cli._app import (
    LOCAL_BRIEF,
    app,
    bundled_brief_path,
    fail,
    load_paths,
    settings,
)
from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from briefcli.authoring.writing import BriefOnDisk, Change
    from briefcli.store.tables import BriefIndex

Record = dict[str, Any]


def target(ctx: typer.Context) -> Path:
    """The one brief file to change: --brief (or $BRIEFCLI_BRIEF), else ./brief.yaml."""
    chosen = settings(ctx)
    if not chosen.chosen:
        if LOCAL_BRIEF.is_file():
            return LOCAL_BRIEF
        fail(
            "no brief to change: ./brief.yaml does not exist",
            ExitCode.USAGE,
            "give one with --brief, or start one with `briefcli init`",
        )
    if len(chosen.brief_paths) != 1:
        fail("a brief is changed one file at a time: give one --brief", ExitCode.USAGE)
    path = chosen.brief_paths[0]
    if path.resolve() == bundled_brief_path().resolve():
        fail(
            "the bundled brief is not changed",
            ExitCode.USAGE,
            "copy it, or start one with `briefcli init`",
        )
    return path


@contextmanager
def refusals() -> Iterator[None]:
    """A record that cannot be made, or a brief that cannot be written: one line, its code."""
    from briefcli.authoring.records import Refused
    from briefcli.authoring.writing import NotWritten
    from briefcli.brief.loader import BriefError

    try:
        yield
    except (Refused, NotWritten) as refused:
        fail(refused.message, refused.code, refused.hint)
    except BriefError as error:
        fail(str(error.problems[0]) if error.problems else str(error), ExitCode.INVALID_BRIEF)


def checked(
    on_disk: BriefOnDisk,
    new: bytes,
    record: Record,
    index: BriefIndex,
    change: Change | None = None,
) -> None:
    """The brief with the change must be valid (the first problem, else); an excerpt not found
    gets the closest passages of its stored text as a hint. `change`: the one record by which
    `new` differs, if it is known (then only the change may need checking)."""
    from briefcli.brief.loader import BriefError

    try:
        on_disk.checked(new, change)
    except BriefError as error:
        # Checked where it really is (its stored texts are beside it), told as the user named it.
        first = msgspec.structs.replace(error.problems[0], file=str(on_disk.shown))
        more = len(error.problems) - 1
        hint = f"{more} more problem(s)" if more else None
        if first.field.endswith(".excerpt") and "source" in record:
            hint = (
                "copy the passage as the text has it, or take lines with --from-line N-M"
                if "closest" in first.message  # the validator found one
                else closest_hint(on_disk.path, index, record["source"], record["excerpt"])
            )
        fail(str(first), ExitCode.INVALID_BRIEF, hint)


def closest_hint(brief_path: Path, index: BriefIndex, source: str, excerpt: str) -> str:
    from briefcli.authoring.passages import closest_passages

    text = stored_text(brief_path, index, source)
    if text is None:
        return "the source has no stored text to look in"
    found = closest_passages(text, excerpt)
    if not found:
        return "no passage of the stored text is close to it"
    shown = "; ".join(f"line {p.line}: {p.text!r}" for p in found)
    return f"closest: {shown} (or take lines with --from-line N-M)"


def stored_text(brief_path: Path, index: BriefIndex, source: str) -> str | None:
    """The stored text a claim of `source` is checked against: its own, or the first one on
    its chain outward (as the validator looks)."""
    from briefcli.brief.stored_texts import read_stored_text, stored_text_path

    for upstream in index.upstream(source):
        if upstream.text is not None:
            path = stored_text_path(brief_path.resolve().parent, upstream.text)
            if path is None:
                return None
            try:
                return read_stored_text(path).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError, ValueError):
                return None
    return None


# ---------------------------------------------------------------- init, rm, fmt

LAYOUT_README = """\
# {title}

A brief for [briefcli](https://pypi.org/project/briefcli/): what is known about a situation,
with the claims behind it, each attributed to its source and graded.

- `brief.yaml`: the brief (docs: `briefcli --help`; the format: brief-format.md in the docs
  folder of the installed package). Its first line points editors at `brief.schema.json`.
- `sources/`: the stored texts of the sources, as read; each excerpt in the brief is verbatim
  from one of them.

Grow it with `briefcli add actor|place|source|relation|event|claim|note …`, check it with
`briefcli validate`, read it with `briefcli brief`.
"""


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder for the new brief (made if missing).")
    ] = Path(),
    title: Annotated[str, typer.Option(metavar="TITLE", help="What the brief is about.")] = (
        "Untitled brief"
    ),
    author: Annotated[list[str] | None, typer.Option(metavar="NAME", help="Repeat.")] = None,
    handling: Annotated[
        str, typer.Option(metavar="MARKING", help="Its handling marking.")
    ] = "UNCLASSIFIED",
) -> None:
    """Start a brief: brief.yaml, its schema, sources/ and a README.

    The brief speaks for today, or for the day given with briefcli's --as-of.

    \b
    Examples:
      briefcli init port-strike --title "Kilbarra port strike" --as-of 2024-03-15
      cd port-strike && briefcli add actor Grace Okafor --kind person
    """
    import datetime as dt

    from briefcli.authoring.emit import document_yaml
    from briefcli.brief.model import FORMAT_VERSION, SECTIONS
    from briefcli.brief.schema import brief_schema_json

    files = {
        folder / "brief.yaml": "# yaml-language-server: $schema=brief.schema.json\n"
        + document_yaml(
            {
                "format": FORMAT_VERSION,
                "meta": {
                    "title": title,
                    "as_of": settings(ctx).as_of_text or dt.date.today().isoformat(),
                    "handling": handling,
                    "authors": list(author or []),
                },
            }
        )
        + "".join(f"\n{section}: []\n" for section in SECTIONS),
        folder / "brief.schema.json": brief_schema_json(),
        folder / "README.md": LAYOUT_README.format(title=title),
    }
    there = [str(path) for path in files if path.exists() or path.is_symlink()]
    if there:
        fail(f"{there[0]} exists: nothing written", ExitCode.OUTPUT_ERROR, "init a new folder")
    try:
        (folder / "sources").mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            with path.open("x", encoding="utf-8") as stream:  # never over a file made meanwhile
                stream.write(text)
    except OSError as error:
        fail(f"{folder}: {error.strerror or error}", ExitCode.OUTPUT_ERROR)
    console.note(f"started a brief in {folder / 'brief.yaml'}")


@app.command()
def rm(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The record to remove.")],
    cascade: Annotated[
        bool,
        typer.Option(
            help="Also drop every reference to it, and remove the records that cannot stand "
            "without it (a relation of a removed actor, a claim of a removed source)."
        ),
    ] = False,
) -> None:
    """Remove a record, unless other records refer to it.

    With --cascade, the references go too, and the records that cannot stand without it.

    \b
    Examples:
      briefcli rm n-usf-deal-terms
      briefcli rm jane-doe --cascade
    """
    from briefcli.authoring.layout import NotInPlace
    from briefcli.authoring.references import cascade as removed_with
    from briefcli.authoring.references import referrers, remove_from
    from briefcli.authoring.roundtrip import RoundTrip
    from briefcli.authoring.writing import BriefOnDisk
    from briefcli.brief.model import SECTIONS

    path = target(ctx)
    with refusals():
        on_disk = BriefOnDisk(path)
        index = on_disk.remember(load_paths([path]))
        section = next((s for s in SECTIONS if record_id in getattr(index, s)), None)
        if section is None:
            import difflib

            from briefcli.authoring.records import all_ids

            close = difflib.get_close_matches(record_id, sorted(all_ids(index)), n=3)
            fail(
                f"no record has the id {record_id!r}",
                ExitCode.NOT_FOUND,
                f"did you mean {', '.join(close)}?" if close else None,
            )
        brief = index.brief
        pointing = referrers(brief, record_id)
        if pointing and not cascade:
            listed = ", ".join(f"{r.record_id or r.section} ({r.field})" for r in pointing[:6])
            more = f" and {len(pointing) - 6} more" if len(pointing) > 6 else ""
            fail(
                f"{record_id!r} is referred to by {listed}{more}",
                ExitCode.NOT_FOUND,
                "remove those first, or use --cascade",
            )
        removed = removed_with(brief, record_id) if pointing else {record_id}
        try:
            if pointing:
                raise NotInPlace("references elsewhere change too")
            position = list(getattr(index, section)).index(record_id)
            new = on_disk.text().without_record(section, position)
        except NotInPlace:
            document = RoundTrip(on_disk.data)
            remove_from(document.document, removed)
            new = document.dumped()
        checked(on_disk, new, {}, index)
        on_disk.replace(new)
    others = sorted(removed - {record_id})
    also = f", and {len(others)} record(s) that needed it: {', '.join(others)}" if others else ""
    console.note(f"removed {record_id}{also}")


@app.command()
def fmt(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(metavar="PATH", help="The brief (default: --brief, ./brief.yaml)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(help="Change nothing: exit 1 and show the difference if it is not formatted."),
    ] = False,
) -> None:
    """Write a brief in canonical form.

    Key order, quoted dates, indentation, wrapping; comments stay.

    \b
    Examples:
      briefcli fmt
      briefcli fmt --check brief.yaml      (in CI: exit 1 and a diff when not formatted)
    """
    import difflib

    from briefcli.authoring.canonical import canonical
    from briefcli.authoring.writing import BriefOnDisk

    chosen = path if path is not None else target(ctx)
    with refusals():
        on_disk = BriefOnDisk(chosen)
        formatted = canonical(on_disk.data)
        if formatted == on_disk.data:
            return
        if check:
            old = on_disk.data.decode("utf-8-sig").splitlines(keepends=True)
            new = formatted.decode().splitlines(keepends=True)
            diff = difflib.unified_diff(old, new, f"{chosen}", f"{chosen} (formatted)")
            console.write(console.safe("".join(diff), multiline=True))
            raise typer.Exit(ExitCode.NOT_FOUND)
        on_disk.replace(formatted)
    console.note(f"formatted {chosen}")
