"""List commands for the brief's other records: relations, claims, notes, places."""

import re
from typing import TYPE_CHECKING, Annotated

import typer

from briefcli.brief.model import NoteKind, RelationClass
from briefcli.cli._app import (
    FormatOption,
    JsonFlag,
    ThroughSourceOption,
    app,
    complete_actor,
    complete_place_or_country,
    complete_record,
    complete_relation_type,
    fail,
    load_brief,
    query_problems_fail,
    resolve_optional_actor,
)
from briefcli.exitcodes import ExitCode
from briefcli.output import OutputFormat, choose, emit

if TYPE_CHECKING:
    from briefcli.store.loaded import LoadedBrief

# What `claims --about` and `notes --about` complete: the sections of queries.CLAIM_SUBJECTS
# and NOTE_SUBJECTS, written out so that --help and completion load no query module.
_CLAIM_SUBJECTS = ("actors", "events", "relations")
_NOTE_SUBJECTS = ("actors", "events", "relations", "claims", "sources", "places", "notes")


def _about(loaded: "LoadedBrief", typed: str, listing: str) -> str:
    """The id of the record `claims --about` or `notes --about` (the `listing`) names: a
    record's id, or an actor's name; a note on standard error when the actor was found only by
    a similar spelling."""
    from briefcli import console, queries

    sections = queries.CLAIM_SUBJECTS if listing == "claims" else queries.NOTE_SUBJECTS
    with query_problems_fail():
        record_id, resolution = queries.resolve_record(loaded.index, typed, sections)
    notice = queries.spelling_notice(resolution) if resolution is not None else None
    if notice is not None:
        console.note(notice)
    return record_id


_GRADE = re.compile(r"([A-F])?([1-6])?")


def _min_grade(value: str | None) -> tuple[str | None, int | None]:
    """The worst source reliability (A-F) and information credibility (1-6) --min-grade
    accepts: `B3` both, `B` or `3` one."""
    if value is None:
        return None, None
    found = _GRADE.fullmatch(value.strip().upper())
    if not value.strip() or found is None:
        fail(
            f"--min-grade {value!r} is not a grade",
            ExitCode.USAGE,
            "write a reliability letter A-F and a credibility digit 1-6 (B3), or one of them",
        )
    letter, digit = found.groups()
    return letter, int(digit) if digit else None


@app.command()
def relations(
    ctx: typer.Context,
    actor_name: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="Only relations this actor is part of (those of its profile).",
            autocompletion=complete_actor,
        ),
    ] = None,
    relation_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="Only relations of this type: leads, member_of, backed_by… or one the brief "
            "declares.",
            autocompletion=complete_relation_type,
        ),
    ] = None,
    relation_class: Annotated[
        RelationClass | None,
        typer.Option(
            "--class",
            metavar="CLASS",
            help="Only relations of this class: membership, leadership, patronage, alliance, "
            "hostility, office, kinship, succession or other (a declared type by its class).",
            case_sensitive=False,
        ),
    ] = None,
    current: Annotated[
        bool | None,
        typer.Option(
            "--current/--former",
            help="Only relations in force, or only those that had ended, on the day answers "
            "speak for (the brief's as_of, or --as-of).",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List relations: who stands how to whom, on which claims.

    Each with since when, how surely, and the claims behind it.

    \b
    Examples:
      briefcli relations --actor "Hadi al-Amiri"
      briefcli relations --class hostility --current
      briefcli relations --type part_of --format csv
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    with query_problems_fail():
        rows = queries.relations(
            loaded.index,
            actor=resolve_optional_actor(loaded, actor_name),
            relation_type=relation_type,
            relation_class=relation_class,
            current=current,
        )
    emit(rows, choose(output_format, as_json), views.relations)


@app.command()
def claims(
    ctx: typer.Context,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            metavar="RECORD",
            help="Only claims about this actor (name or id), event or relation (id).",
            autocompletion=complete_record(*_CLAIM_SUBJECTS),
        ),
    ] = None,
    source: ThroughSourceOption = None,
    min_grade: Annotated[
        str | None,
        typer.Option(
            "--min-grade",
            metavar="GRADE",
            help="Only claims graded this well or better: B3 is reliability A or B and "
            "credibility 1 to 3; B or 3 alone asks for one of them.",
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List claims: statement, grade, source, what each is about.

    Each statement with its grade, its source chain and the records it concerns.

    \b
    Examples:
      briefcli claims --about ev-beirut-meeting
      briefcli claims --source "Middle East Eye" --min-grade B2
      briefcli claims --about "Muqtada al-Sadr" --json | jq -r '.[].statement'
    """
    from briefcli import queries, views

    reliability, credibility = _min_grade(min_grade)
    loaded = load_brief(ctx)
    record = None if about is None else _about(loaded, about, "claims")
    with query_problems_fail():
        rows = queries.claims(
            loaded.index,
            about=record,
            source=source,
            reliability=reliability,
            credibility=credibility,
        )
    emit(rows, choose(output_format, as_json), views.claims)


@app.command()
def notes(
    ctx: typer.Context,
    kind: Annotated[
        NoteKind | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only notes of this kind: translation, spelling, contradiction, inference, "
            "caveat or gap.",
            case_sensitive=False,
        ),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            metavar="RECORD",
            help="Only notes concerning this actor (name or id) or record (id: an event, "
            "relation, claim, source, place…).",
            autocompletion=complete_record(*_NOTE_SUBJECTS),
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List analyst notes: translations, caveats, gaps and others.

    Translations, spellings, contradictions, inferences, caveats and gaps.

    \b
    Examples:
      briefcli notes --kind gap
      briefcli notes --about pmf
      briefcli notes --kind translation --format markdown
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    record = None if about is None else _about(loaded, about, "notes")
    rows = queries.notes(loaded.index, kind=kind, about=record)
    emit(rows, choose(output_format, as_json), views.notes)


@app.command()
def places(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="PLACE",
            help="Only places within this place (name, alias or id), at any depth; or in "
            "this country (the actor places give as their country).",
            autocompletion=complete_place_or_country,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List places: kind, where each lies, events there.

    Each with its other names and how many events took place there.

    \b
    Examples:
      briefcli places
      briefcli places --within Iraq
      briefcli places --json | jq -r '.[] | select(.event_count > 0) | .name'
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    with query_problems_fail():
        rows = queries.places(loaded.index, within=within)
    emit(rows, choose(output_format, as_json), views.places)
