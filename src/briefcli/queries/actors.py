"""`actors` and `actor`: the list of actors with their roles and blocs, and one actor's profile."""

from __future__ import annotations

from typing import get_args

from briefcli.brief import dates
from briefcli.brief.model import (
    Actor,
    ActorKind,
)
from briefcli.graphs import strongly_connected
from briefcli.queries.common import (
    LookupProblem,
    begun,
    chain_types,
    claim_out,
    claim_refs,
    date_out,
    evidence,
    in_force,
    moment,
    note_ids,
    note_out,
    ref,
    upward_targets,
)
from briefcli.queries.timeline import ordered_events
from briefcli.results import (
    ActorEvent,
    ActorProfile,
    ActorRow,
    AliasOut,
    Ref,
    RelationOut,
    RoleOut,
    Tie,
)
from briefcli.search.names import fold
from briefcli.store.tables import BriefIndex


def _blocs_of(index: BriefIndex, actor_id: str) -> list[Ref]:
    """Blocs the actor belongs to, directly or through organisations it leads or belongs to."""
    key = f"blocs@{moment(index)}"
    table = index.memo.get(key)
    if table is None:
        table = index.memo[key] = _bloc_table(index)
    return [ref(index, bloc_id) for bloc_id in table.get(actor_id, ()) if bloc_id != actor_id]


def _bloc_table(index: BriefIndex) -> dict[str, list[str]]:
    """Every actor's blocs at once, in time linear in the relations: blocs reached directly,
    plus those of the non-bloc actors it leads or belongs to (strongly connected components
    of that "belongs through" graph share their blocs, so cycles cost nothing extra)."""
    # Blocs are found along upward and leadership relations; membership is inherited only
    # through leadership, membership and aide_to.
    reach = chain_types(index) - {"nominated_to_lead"}
    words = index.words
    through_types = words.of_class("leadership", "membership") | {"aide_to"}
    direct: dict[str, list[str]] = {}
    through: dict[str, list[str]] = {}
    for relation in index.relations.all():
        target = index.actors.get(relation.object)
        if relation.type not in reach or target is None or relation.subject == target.id:
            continue
        if not in_force(index, relation):
            continue
        if target.kind == "bloc":
            direct.setdefault(relation.subject, []).append(target.id)
        elif relation.type in through_types:
            through.setdefault(relation.subject, []).append(target.id)
    blocs: dict[str, list[str]] = {}
    for component in strongly_connected(through, list(through)):
        found: dict[str, None] = {}
        for member in component:
            found.update(dict.fromkeys(direct.get(member, ())))
        for member in component:
            for successor in through.get(member, ()):
                found.update(dict.fromkeys(blocs.get(successor, ())))
        for member in component:
            blocs[member] = list(found)
    for actor_id, bloc_ids in direct.items():
        blocs.setdefault(actor_id, bloc_ids)
    return blocs


def _affiliations(index: BriefIndex, actor: Actor) -> list[Tie]:
    """Direct non-bloc parents: upward relations, organisations led, roles held; each once, by
    its surest tie (a role held, then the most confident relation, stated before inferred)."""
    ties = [
        Tie(
            id=r.object,
            name=index.actor_name(r.object),
            relation=r.type,
            confidence=r.confidence,
            inferred=r.inferred,
        )
        for r in upward_targets(index, actor.id, chain_types(index) - {"nominated_to_lead"})
        if r.object in index.actors and index.actors[r.object].kind != "bloc"
    ]
    ties += [
        Tie(
            id=role.of,
            name=index.name_of(role.of),
            relation="role",
            confidence="high",
            inferred=False,
        )
        for role in actor.roles
        if role.of is not None and in_force(index, role)
    ]
    surest: dict[str, Tie] = {}
    for tie in ties:
        known = surest.get(tie.id)
        if known is None or _sureness(tie) > _sureness(known):
            surest[tie.id] = tie
    order = list(dict.fromkeys(tie.id for tie in ties))
    return [surest[tie_id] for tie_id in order]


_CONFIDENCE_RANK = {"low": 0, "moderate": 1, "high": 2}


def _sureness(tie: Tie) -> tuple[bool, int]:
    return (not tie.inferred, _CONFIDENCE_RANK.get(tie.confidence, 0))


def _role_label(index: BriefIndex, actor: Actor) -> str | None:
    """The first role the actor holds on the day answers speak for; else its last role that
    ended, as "former ..."; a role not yet taken up is not its role."""
    today = moment(index)
    current = [role for role in actor.roles if in_force(index, role)]
    ended = [r for r in actor.roles if r.until and dates.parse_edtf(r.until).end <= today]
    if current:
        role, prefix = current[0], ""
    elif ended:
        role, prefix = max(ended, key=lambda r: dates.parse_edtf(r.until or "").end), "former "
    else:
        return None
    held = f"{role.title}, {index.name_of(role.of)}" if role.of else role.title
    return prefix + held


def _known_kind(index: BriefIndex, kind: str) -> str:
    """The kind or type asked for, casefolded, if any actor can have it."""
    known = {*get_args(ActorKind), *((a.type or "").casefold() for a in index.actors.all())}
    known.discard("")
    wanted = kind.casefold()
    if wanted in known:
        return wanted
    import difflib

    close = difflib.get_close_matches(wanted, sorted(known), n=1)
    raise LookupProblem(
        f"no actor kind or type {kind!r} in this brief",
        f"did you mean {close[0]!r}?" if close else f"kinds: {', '.join(get_args(ActorKind))}",
    )


def actor_rows(
    index: BriefIndex,
    kind: str | None = None,
    bloc: Actor | None = None,
    affiliated_with: Actor | None = None,
    status: str | None = None,
) -> list[ActorRow]:
    """Every actor (filtered), sorted by kind then name. `kind` is a kind (person,
    organisation, state, jurisdiction, bloc) or a type the brief gives ("party", "militia"),
    in any case; one the brief has not is a LookupProblem with the closest."""
    rows = []
    wanted = _known_kind(index, kind) if kind is not None else None
    for actor in index.actors.all():
        if wanted is not None and wanted not in (actor.kind, (actor.type or "").casefold()):
            continue
        if status is not None and actor.status != status:
            continue
        blocs = _blocs_of(index, actor.id)
        if bloc is not None and bloc.id not in {b.id for b in blocs}:
            continue
        affiliations = _affiliations(index, actor)
        if affiliated_with is not None and affiliated_with.id not in {a.id for a in affiliations}:
            continue
        rows.append(
            ActorRow(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                type=actor.type,
                blocs=blocs,
                affiliations=affiliations,
                role=_role_label(index, actor),
                status=actor.status,
                status_date=actor.status_date,
            )
        )
    order = {"person": 0, "organisation": 1, "state": 2, "jurisdiction": 3, "bloc": 4}
    return sorted(rows, key=lambda row: (order.get(row.kind, 9), fold(row.name), row.id))


def actor_profile(index: BriefIndex, actor: Actor) -> ActorProfile:
    """Everything the brief holds about one actor."""
    relations = [
        RelationOut(
            id=r.id,
            type=r.type,
            direction="mutual"
            if r.type in index.words.mutual
            else ("outgoing" if r.subject == actor.id else "incoming"),
            other=ref(index, r.object if r.subject == actor.id else r.subject),
            confidence=r.confidence,
            since=r.since,
            until=r.until,
            current=in_force(index, r),
            inferred=r.inferred,
            description=r.description,
            claims=claim_refs(evidence(index, r)),
        )
        for r in index.relations_of.get(actor.id, [])
        if begun(index, r)
    ]
    events = [
        ActorEvent(
            id=event.id,
            kind=event.kind,
            title=event.title,
            date=date_out(event.date),
            place=ref(index, event.place) if event.place else None,
            role=", ".join(
                dict.fromkeys(p.role for p in event.participants if p.actor == actor.id)
            ),
        )
        for event in ordered_events(index, actor)
    ]
    return ActorProfile(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        type=actor.type,
        status=actor.status,
        status_date=actor.status_date,
        status_event=ref(index, actor.status_event) if actor.status_event else None,
        country=ref(index, actor.country) if actor.country else None,
        description=actor.description,
        inferred=actor.inferred,
        aliases=[AliasOut(name=a.name, form=a.form, note=a.note) for a in actor.aliases],
        roles=[
            RoleOut(
                title=role.title,
                of=ref(index, role.of) if role.of else None,
                since=role.since,
                until=role.until,
                current=in_force(index, role),
            )
            for role in actor.roles
            if begun(index, role)
        ],
        relations=relations,
        events=events,
        claims=[claim_out(index, c) for c in index.claims_about.get(actor.id, [])],
        notes=[note_out(index, note_id) for note_id in note_ids(index, actor.id)],
    )
