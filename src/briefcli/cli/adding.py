"""`briefcli add KIND …`: one record of each kind, from options or, at a terminal, from
answers to questions. Each is checked with the whole brief before the file is written, and
written as its own lines (cli.authoring has what add, rm and fmt share)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, get_args

import typer

from briefcli import console
from briefcli.brief.model import (
    ActorKind,
    ActorStatus,
    Confidence,
    DateMethod,
    NoteKind,
    Reliability,
    SourceKind,
)
from briefcli.cli._app import (
    Commands,
    app,
    complete_actor,
    complete_actor_kind,
    complete_claim,
    complete_event_kind,
    complete_place,
    complete_source,
    fail,
    load_paths,
    whole_name,
)
from briefcli.cli.asking import asked
from briefcli.cli.authoring import Record, checked, refusals, stored_text, target
from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from briefcli.store.tables import BriefIndex

add_app = Commands(
    name="add",
    help="Add one record to the brief.\n\n"
    "An actor, place, source, relation, event, claim or note. "
    "Each is checked as validate checks the brief before the file is written; at a terminal, "
    "what is missing is asked.\n\n"
    "\b\nExamples:\n"
    "  briefcli add actor Grace Okafor --kind person --role 'General Secretary' --role-of HDWU\n"
    "  briefcli add relation Grace Okafor leads HDWU --confidence high\n"
    "  briefcli add claim --help",
    no_args_is_help=True,
)
app.add_typer(add_app, name="add")


def add_record(ctx: typer.Context, section: str, build: Callable[[BriefIndex], Record]) -> None:
    """Build a record from the loaded brief, add it to the file, check, write; its id on
    standard output, where it went on standard error."""
    from briefcli.authoring.emit import item_yaml
    from briefcli.authoring.layout import NotInPlace
    from briefcli.authoring.writing import BriefOnDisk, Change

    path = target(ctx)
    with refusals():
        on_disk = BriefOnDisk(path)
        index = on_disk.remember(load_paths([path]))
        record = build(index)
        item = item_yaml(record)
        change: Change | None = Change(section)
        try:
            new, start = on_disk.text().with_record(section, item)
        except NotInPlace:
            new, start = round_trip_add(on_disk.data, section, item, record["id"])
            change = None  # the file was written out again: all of it is checked
        checked(on_disk, new, record, index, change)
        on_disk.replace(new)
    line = new[:start].count(b"\n") + 1
    console.note(f"added {section.removesuffix('s')} {record['id']} at {path}:{line}")
    console.write(f"{record['id']}\n")


def round_trip_add(data: bytes, section: str, item: str, record_id: str) -> tuple[bytes, int]:
    """Add a record to a file the in-place cut declines (tabs, CR line ends, flow style):
    through a YAML round trip, which keeps comments and key order but may re-indent; and the
    offset of the line where the record starts."""
    from briefcli.authoring.roundtrip import RoundTrip

    trip = RoundTrip(data)
    trip.append(section, item)
    new = trip.dumped()
    return new, new.rfind(b"\n", 0, new.rfind(f"id: {record_id}".encode())) + 1


# ---------------------------------------------------------------- add ...

IdOption = Annotated[
    str | None, typer.Option("--id", metavar="ID", help="Its id (default: made from its name).")
]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", metavar="WORDS", help="What the brief says of it.")
]
Names = Annotated[
    list[str] | None,
    typer.Argument(metavar="NAME", help="Its name (no quotes needed; asked if left out)."),
]


@add_app.command("actor")
def add_actor(
    ctx: typer.Context,
    name: Names = None,
    kind: Annotated[
        ActorKind | None,
        typer.Option(help="What it is (asked if left out).", case_sensitive=False),
    ] = None,
    actor_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="A finer kind: party, militia, union, journalist…",
            autocompletion=complete_actor_kind,
        ),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME[=FORM]",
            help="Another name it goes by, and its form (spelling, short, title…); repeat.",
        ),
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TITLE",
            help="A role it holds (leader, minister…); repeat, or give one in full as "
            '{title: Mediator, of: mediation-service, since: "2019"}.',
        ),
    ] = None,
    role_of: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The organisation or state of --role.",
            autocompletion=complete_actor,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Its country (an actor).", autocompletion=complete_actor),
    ] = None,
    status: Annotated[ActorStatus | None, typer.Option(case_sensitive=False)] = None,
    inferred: Annotated[
        bool, typer.Option(help="It rests on analyst inference, not on a source.")
    ] = False,
    description: DescriptionOption = None,
    given_id: IdOption = None,
) -> None:
    """Add an actor: a person, organisation, state or bloc.

    Also a jurisdiction (a government below or beside a state).

    \b
    Examples:
      briefcli add actor Jane Doe --kind person --role chair --role-of "Harbour Union"
      briefcli add actor Harbour Union --kind organisation --type union --alias HU
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, name or [], "NAME"), "NAME", "Name")
        what = asked(kind, "--kind", "Kind", get_args(ActorKind))
        if role_of is not None and len(role or []) != 1:
            fail("--role-of goes with one --role", ExitCode.USAGE)
        roles = [records.role(index, typed, role_of) for typed in role or []]
        return {
            "id": records.chosen_id(index, "actors", given_id, full),
            "name": full,
            "kind": what,
            "type": actor_type,
            "aliases": records.aliases(alias or []),
            "roles": roles,
            "status": status,
            "country": records.actor_id(index, country) if country else None,
            "description": description,
            "inferred": True if inferred else None,
        }

    add_record(ctx, "actors", build)


@add_app.command("place")
def add_place(
    ctx: typer.Context,
    name: Names = None,
    kind: Annotated[
        str, typer.Option(metavar="KIND", help="city, port, province, building…")
    ] = "city",
    country: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Its country (an actor).", autocompletion=complete_actor),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(metavar="PLACE", help="The place it lies in.", autocompletion=complete_place),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME[=FORM]", help="Another name, and its form; repeat."),
    ] = None,
    given_id: IdOption = None,
) -> None:
    """Add a place where events happen.

    \b
    Examples:
      briefcli add place Kilbarra --kind city --country Ireland
      briefcli add place Terminal 3 --kind port --within Kilbarra
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, name or [], "NAME"), "NAME", "Name")
        return {
            "id": records.chosen_id(index, "places", given_id, full),
            "name": full,
            "kind": kind,
            "country": records.actor_id(index, country) if country else None,
            "within": records.record_id(index, "places", within) if within else None,
            "aliases": records.aliases(alias or []),
        }

    add_record(ctx, "places", build)


@add_app.command("source")
def add_source(
    ctx: typer.Context,
    name: Names = None,
    kind: Annotated[
        SourceKind | None,
        typer.Option(help="What it is (asked if left out).", case_sensitive=False),
    ] = None,
    reliability: Annotated[
        Reliability | None,
        typer.Option(
            help="Source reliability, A (completely reliable) to F (cannot be judged); asked if "
            "left out."
        ),
    ] = None,
    anonymous: Annotated[bool, typer.Option(help="The source is not named.")] = False,
    via: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SOURCE",
            help="A source it reached the brief through; repeat for each route.",
            autocompletion=complete_source,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The actor this source is (a person quoted, an outlet).",
            autocompletion=complete_actor,
        ),
    ] = None,
    url: Annotated[str | None, typer.Option(metavar="URL")] = None,
    text: Annotated[
        str | None,
        typer.Option(metavar="PATH", help="Its stored text, relative to the brief's folder."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(metavar="DATE", help="When it was published (YYYY-MM-DD).")
    ] = None,
    language: Annotated[str | None, typer.Option(metavar="CODE")] = None,
    description: DescriptionOption = None,
    given_id: IdOption = None,
) -> None:
    """Add a source: an outlet, a report, a person quoted, a document.

    \b
    Examples:
      briefcli add source The Kilbarra Courier --kind outlet --reliability B \\
          --text sources/courier-2024-03-14.txt --published 2024-03-14
      briefcli add source A council official --kind anonymous --reliability F \\
          --anonymous --via "The Kilbarra Courier"
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, name or [], "NAME"), "NAME", "Name")
        what = asked(kind, "--kind", "Kind", get_args(SourceKind))
        grade = asked(reliability, "--reliability", "Reliability", get_args(Reliability))
        routes = [records.record_id(index, "sources", s) for s in via or []]
        return {
            "id": records.chosen_id(index, "sources", given_id, full),
            "name": full,
            "kind": what,
            "reliability": grade,
            "named": False if anonymous else None,
            "via": routes[0] if len(routes) == 1 else routes or None,
            "actor": records.actor_id(index, actor) if actor else None,
            "published": records.date_record(published),
            "language": language,
            "url": url,
            "text": text,
            "description": description,
        }

    add_record(ctx, "sources", build)


ClaimsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--claim", metavar="ID", help="A claim behind it; repeat.", autocompletion=complete_claim
    ),
]
ConfidenceOption = Annotated[Confidence | None, typer.Option(case_sensitive=False)]


@add_app.command("relation")
def add_relation(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SUBJECT TYPE OBJECT",
            help='Who stands how to whom: "Jane Doe" leads "Harbour Union", or unquoted '
            "(asked if left out).",
        ),
    ] = None,
    confidence: ConfidenceOption = None,
    since: Annotated[str | None, typer.Option(metavar="DATE")] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE")] = None,
    claim: ClaimsOption = None,
    inferred: Annotated[bool, typer.Option(help="It rests on analyst inference.")] = False,
    description: DescriptionOption = None,
    given_id: IdOption = None,
) -> None:
    """Add a relation between two actors.

    \b
    Examples:
      briefcli add relation Jane Doe leads Harbour Union --confidence high
      briefcli add relation "Harbour Union" rival_of "Dock Federation" --claim c-rivals
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        if words:
            subject, relation_type, object_ = split_relation(index, words)
        else:
            actors = [a.name for a in index.actors.all()]
            subject = asked(None, "SUBJECT TYPE OBJECT", "Subject", completions=actors)
            typed = asked(
                None, "TYPE", "Relation", completions=sorted(index.words.relation_classes)
            )
            relation_type = records.word(typed, index.words.relation_classes, "relation type")
            object_ = asked(None, "OBJECT", "Object", completions=actors)
        source_id = records.actor_id(index, subject)
        target_id = records.actor_id(index, object_)
        return {
            # Named by its ends' ids in full: two relations of one type between two actors are
            # the same relation.
            "id": records.chosen_id(
                index, "relations", given_id, f"{source_id} {relation_type} {target_id}", 40
            ),
            "subject": source_id,
            "type": relation_type,
            "object": target_id,
            "confidence": confidence,
            "since": since,
            "until": until,
            "claims": [records.record_id(index, "claims", c) for c in claim or []],
            "inferred": True if inferred else None,
            "description": description,
        }

    add_record(ctx, "relations", build)


def split_relation(index: BriefIndex, words: list[str]) -> tuple[str, str, str]:
    """SUBJECT TYPE OBJECT: three words as given, or the words either side of the first one
    that is a relation type of the brief's vocabulary."""
    from briefcli.authoring import records

    types = index.words.relation_classes
    for at, word in enumerate(words[1:-1], start=1):
        if word in types or "_".join(word.lower().split()) in types:
            relation_type = records.word(word, types, "relation type")
            return " ".join(words[:at]), relation_type, " ".join(words[at + 1 :])
    if len(words) == 3:
        return words[0], records.word(words[1], types, "relation type"), words[2]
    fail(
        "a relation is SUBJECT TYPE OBJECT, and no word of it is a relation type",
        ExitCode.USAGE,
        "e.g. `briefcli add relation Jane Doe leads Harbour Union`; types: "
        + ", ".join(sorted(types)[:8])
        + "…",
    )


@add_app.command("event")
def add_event(
    ctx: typer.Context,
    title: Annotated[
        list[str] | None, typer.Argument(metavar="TITLE", help="What happened (asked if left out).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="meeting, strike, protest… (asked if left out)",
            autocompletion=complete_event_kind,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When: YYYY, YYYY-MM, YYYY-MM-DD, maybe with ? or ~, or START/END.",
        ),
    ] = None,
    phrase: Annotated[
        str | None, typer.Option(metavar="WORDS", help='The source\'s words ("last Thursday").')
    ] = None,
    method: Annotated[DateMethod | None, typer.Option(help="How the date is known.")] = None,
    date_confidence: Annotated[
        Confidence | None, typer.Option(help="How sure the date is.", case_sensitive=False)
    ] = None,
    reasoning: Annotated[
        str | None, typer.Option(metavar="WORDS", help="How the date was worked out.")
    ] = None,
    time: Annotated[str | None, typer.Option(metavar="HH:MM", help="The time of day.")] = None,
    place: Annotated[
        str | None, typer.Option(metavar="PLACE", autocompletion=complete_place)
    ] = None,
    participant: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME[=ROLE]",
            help="An actor taking part, and its role (attendee by default); repeat. In full: "
            "{actor: NAME, role: ROLE, note: TEXT}.",
            autocompletion=complete_actor,
        ),
    ] = None,
    claim: ClaimsOption = None,
    summary: Annotated[
        str | None, typer.Option(metavar="WORDS", help="What happened, briefly.")
    ] = None,
    after: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="An event it came after; repeat.")
    ] = None,
    before: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="An event it came before; repeat.")
    ] = None,
    given_id: IdOption = None,
) -> None:
    """Add an event to the timeline.

    \b
    Examples:
      briefcli add event Talks collapse --kind meeting --date 2024-03-12 --place Kilbarra \\
          --participant "Harbour Union" --participant "City council=host"
      briefcli add event Walkout --kind strike --date 2024-03-04? --phrase "last Monday"
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, title or [], "TITLE"), "TITLE", "Title")
        typed = asked(kind, "--kind", "Kind", completions=index.words.event_kinds)
        return {
            "id": records.chosen_id(index, "events", given_id, full),
            "kind": records.word(typed, index.words.event_kinds, "event kind"),
            "title": full,
            "date": records.date_record(date, phrase, method, date_confidence, reasoning),
            "time": time,
            "place": records.record_id(index, "places", place) if place else None,
            "participants": [participant_record(index, p) for p in participant or []],
            "claims": [records.record_id(index, "claims", c) for c in claim or []],
            "summary": summary,
            "after": [records.record_id(index, "events", e) for e in after or []],
            "before": [records.record_id(index, "events", e) for e in before or []],
        }

    add_record(ctx, "events", build)


def participant_record(index: BriefIndex, typed: str) -> Record:
    """`NAME`, `NAME=ROLE` or `{actor: NAME, role: ROLE, note: TEXT}`."""
    from briefcli.authoring import records

    given = records.short_or_flow(typed, "participant", "actor", "role")
    given["actor"] = records.actor_id(index, str(given.get("actor", "")))
    if given.get("role"):
        given["role"] = records.word(
            str(given["role"]), index.words.participant_roles, "participant role"
        )
    return given


@add_app.command("claim")
def add_claim(
    ctx: typer.Context,
    statement: Annotated[
        list[str] | None,
        typer.Argument(metavar="STATEMENT", help="What is claimed (asked if left out)."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            metavar="SOURCE",
            help="Who says it (id or name; asked if left out).",
            autocompletion=complete_source,
        ),
    ] = None,
    credibility: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=6,
            metavar="1-6",
            help="Information credibility: 1 confirmed … 6 cannot be judged (asked if left out).",
        ),
    ] = None,
    excerpt: Annotated[
        str | None,
        typer.Option(metavar="WORDS", help="The source's words, verbatim from its stored text."),
    ] = None,
    from_line: Annotated[
        str | None,
        typer.Option(metavar="N-M", help="Take the excerpt from these lines of the stored text."),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME", help="An actor it is about; repeat.", autocompletion=complete_actor
        ),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="An event it supports.")
    ] = None,
    relation: Annotated[
        list[str] | None, typer.Option(metavar="ID", help="A relation it supports.")
    ] = None,
    given_id: IdOption = None,
) -> None:
    """Add a claim: a statement, its source, grade and excerpt.

    \b
    Examples:
      briefcli add claim The union will stay out --source courier --credibility 2 \\
          --excerpt "We will stay out until we have it in writing"
      briefcli add claim Talks broke down --source courier --credibility 2 --from-line 12-13
    """
    from briefcli.authoring import records
    from briefcli.authoring.passages import lines_of

    if excerpt is not None and from_line is not None:
        fail("give the excerpt once: --excerpt TEXT or --from-line N-M", ExitCode.USAGE)

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, statement or [], "STATEMENT"), "STATEMENT", "Statement")
        sources = [s.id for s in index.sources.all()]
        source_id = records.record_id(
            index, "sources", asked(source, "--source", "Source", completions=sources)
        )
        grade = int(
            asked(
                str(credibility) if credibility else None,
                "--credibility",
                "Credibility",
                [str(n) for n in range(1, 7)],
            )
        )
        quoted = (
            excerpt if from_line is not None else asked(excerpt, "--excerpt", "Excerpt (verbatim)")
        )
        if from_line is not None:
            text = stored_text(target(ctx), index, source_id)
            if text is None:
                fail(f"source {source_id!r} has no stored text to take lines from", ExitCode.USAGE)
            first, _, last = from_line.partition("-")
            try:
                quoted = lines_of(text, int(first), int(last or first))
            except ValueError as error:
                fail(f"--from-line {from_line!r}: {error}", ExitCode.USAGE)
        return {
            "id": records.chosen_id(index, "claims", given_id, full),
            "statement": full,
            "source": source_id,
            "credibility": grade,
            "excerpt": quoted,
            "actors": [records.actor_id(index, a) for a in actor or []],
            "events": [records.record_id(index, "events", e) for e in event or []],
            "relations": [records.record_id(index, "relations", r) for r in relation or []],
        }

    add_record(ctx, "claims", build)


@add_app.command("note")
def add_note(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None, typer.Argument(metavar="NOTE", help="The note (asked if left out).")
    ] = None,
    kind: Annotated[
        NoteKind | None,
        typer.Option(help="What kind of note (asked if left out).", case_sensitive=False),
    ] = None,
    concerns: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID", help="A record it concerns (an id, or an actor's name); repeat."
        ),
    ] = None,
    confidence: ConfidenceOption = None,
    given_id: IdOption = None,
) -> None:
    """Add an analyst's note: a caveat, a gap, an inference.

    Or a translation, a spelling, a contradiction.

    \b
    Examples:
      briefcli add note The report never names the mediator --kind gap --concerns e-talks
    """
    from briefcli.authoring import records

    def build(index: BriefIndex) -> Record:
        full = asked(whole_name(ctx, text or [], "TEXT"), "TEXT", "Note")
        what = asked(kind, "--kind", "Kind", get_args(NoteKind))
        every = records.all_ids(index)
        return {
            "id": records.chosen_id(index, "notes", given_id, full),
            "kind": what,
            "text": full,
            "concerns": [c if c in every else records.actor_id(index, c) for c in concerns or []],
            "confidence": confidence,
        }

    add_record(ctx, "notes", build)
