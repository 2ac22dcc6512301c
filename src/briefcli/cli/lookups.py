"""Lookup commands: actors, actor, timeline, alignments, trace, sources, search."""

from typing import Annotated

import typer

from briefcli.brief.model import ActorStatus
from briefcli.cli._app import (
    ActorArgument,
    FormatOption,
    JsonFlag,
    ThroughSourceOption,
    app,
    complete_actor,
    complete_actor_kind,
    complete_bloc,
    complete_claim,
    complete_event_kind,
    complete_place,
    iso_date,
    load_brief,
    query_problems_fail,
    resolve_actor,
    resolve_optional_actor,
    two_names,
    typed_name,
)
from briefcli.output import OutputFormat, choose, emit


@app.command()
def actors(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="Only actors of this kind (person, organisation, state, jurisdiction, bloc) or "
            "type (party, militia… as the brief gives them).",
            autocompletion=complete_actor_kind,
        ),
    ] = None,
    bloc: Annotated[
        str | None,
        typer.Option(
            metavar="BLOC",
            help="Only members of this bloc (directly or through their organisation).",
            autocompletion=complete_bloc,
        ),
    ] = None,
    affiliated_with: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only actors directly tied to this actor (belong to, lead, backed by…).",
            autocompletion=complete_actor,
        ),
    ] = None,
    status: Annotated[
        ActorStatus | None,
        typer.Option(help="Only actors with this status.", case_sensitive=False),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """List actors: name, kind, affiliation or bloc, role, status.

    \b
    Examples:
      briefcli actors
      briefcli actors --kind person --bloc "United resistance front"
      briefcli actors --json | jq -r '.[].name'
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    with query_problems_fail():
        rows = queries.actor_rows(
            loaded.index,
            kind=kind,
            bloc=resolve_optional_actor(loaded, bloc),
            affiliated_with=resolve_optional_actor(loaded, affiliated_with),
            status=status,
        )
    emit(rows, choose(output_format, as_json), views.actors)


@app.command()
def actor(
    ctx: typer.Context,
    name: ActorArgument,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """One actor's profile: roles, relations, events, claims, notes.

    Its names, roles, relations, events, the claims about it with their grades, and notes.

    \b
    Examples:
      briefcli actor Hadi al-Amiri
      briefcli actor al-Amri            (a close spelling)
      briefcli actor hadi-al-amiri --json | jq '.relations[].type'
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    profile = queries.actor_profile(loaded.index, resolve_actor(loaded, typed_name(name)))
    emit(profile, choose(output_format, as_json), views.actor)


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Events that may fall on or after this day (YYYY-MM-DD).",
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Events that may fall on or before this day (YYYY-MM-DD)."
        ),
    ] = None,
    actor_name: Annotated[
        str | None,
        typer.Option(
            "--actor",
            metavar="NAME",
            help="Only events this actor took part in.",
            autocompletion=complete_actor,
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            metavar="PLACE",
            help="Only events at this place (name, alias or id).",
            autocompletion=complete_place,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="Only events of this kind: meeting, strike, agreement… or one the brief declares.",
            autocompletion=complete_event_kind,
        ),
    ] = None,
    why: Annotated[
        bool, typer.Option("--why", help="Also show the reasoning behind each date.")
    ] = False,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Events in chronological order, with how certain each date is.

    \b
    Examples:
      briefcli timeline
      briefcli timeline --actor "Hadi al-Amiri" --why
      briefcli timeline --from 2020-01-01 --kind meeting --format csv
    """
    from briefcli import queries, views

    start, end = iso_date(date_from, "--from"), iso_date(date_to, "--to")
    loaded = load_brief(ctx)
    with query_problems_fail():
        entries = queries.timeline(
            loaded.index,
            start=start,
            end=end,
            actor=resolve_optional_actor(loaded, actor_name),
            place=place,
            kind=kind,
        )
    view = views.timeline_with_reasons if why else views.timeline
    emit(entries, choose(output_format, as_json), view)


@app.command()
def alignments(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME]",
            help="An actor: show its chain up to its patrons, its allies and rivals (quotes "
            "are optional).",
            autocompletion=complete_actor,
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Who is aligned with whom, or one actor's chain of allegiance.

    Blocs, factions, leaders and patrons; given a name, that actor's chain upward.

    \b
    Examples:
      briefcli alignments
      briefcli alignments Hadi al-Amiri
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    if not name:
        emit(
            queries.alignment_tree(loaded.index),
            choose(output_format, as_json),
            views.alignment_tree,
        )
    else:
        chain = queries.alignment_chain(loaded.index, resolve_actor(loaded, typed_name(name)))
        emit(chain, choose(output_format, as_json), views.alignment_chain)


@app.command()
def trace(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="A B",
            help='Two actors: each quoted ("Hadi al-Amiri" "Hassan Nasrallah"), or A to B '
            "unquoted (Hadi al-Amiri to Hassan Nasrallah).",
            autocompletion=complete_actor,
            show_default=False,
        ),
    ],
    max_hops: Annotated[
        int, typer.Option(min=1, max=12, metavar="N", help="Longest path to look for.")
    ] = 4,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """How two actors are connected, with the evidence for each hop.

    The shortest paths between them, each hop with the claims behind it.

    \b
    Examples:
      briefcli trace Hadi al-Amiri to Hassan Nasrallah
      briefcli trace "Moqtada al-Sadr" Khamenei --max-hops 6
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    source, target = two_names(loaded, names)
    first, second = resolve_actor(loaded, source), resolve_actor(loaded, target)
    with query_problems_fail():
        result = queries.trace(loaded.index, first, second, max_hops=max_hops)
    emit(result, choose(output_format, as_json), views.trace)


@app.command()
def sources(
    ctx: typer.Context,
    source: ThroughSourceOption = None,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim",
            metavar="ID",
            help="Show one claim in full, its excerpt in context.",
            autocompletion=complete_claim,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Source attributions: each claim's source chain and grade.

    Each claim, its source chain, its grade, and whether its source is named.

    \b
    Examples:
      briefcli sources
      briefcli sources --source "Middle East Eye"
      briefcli sources --claim c-us-strike
    """
    from briefcli import queries, views

    loaded = load_brief(ctx)
    with query_problems_fail():
        if claim is not None:
            detail = queries.claim_detail(loaded.index, claim, loaded.document(claim))
            emit(detail, choose(output_format, as_json), views.claim)
        else:
            rows = queries.attributions(loaded.index, source)
            emit(rows, choose(output_format, as_json), views.sources)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS",
            help="Words to look for (typos tolerated; quotes are optional).",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="Most matches to show.")] = 20,
    output_format: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Ranked matches across every name and text of the brief.

    Names, aliases, events, claims, notes, sources, places, relation descriptions, key
    judgments and gaps.

    \b
    Examples:
      briefcli search popular crowd
      briefcli search Amri            (typos and other spellings match)
      briefcli search '"Beirut meeting"'  (words in double quotes: only together)
      briefcli search Beirut --limit 5 --json
    """
    from briefcli import console, queries, views

    loaded = load_brief(ctx)
    with query_problems_fail():
        hits = queries.search(loaded.index, typed_name(text), limit=limit)
    scored, cut = queries.scored_query(typed_name(text))
    if cut:
        console.note(f"the query is matched on its first {len(scored)} characters: {scored!r}")
    emit(hits, choose(output_format, as_json), views.search)
