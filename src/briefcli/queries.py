"""Questions asked of a loaded brief: pure functions from an index (and arguments) to answers.

Nothing here reads files or prints; answers are the records of results.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence

from briefcli import dates
from briefcli.index import LAST_SEARCHED_FIELD, BriefIndex
from briefcli.model import (
    HOSTILE_RELATIONS,
    MUTUAL_RELATIONS,
    UPWARD_RELATIONS,
    Actor,
    Claim,
    Event,
    FuzzyDate,
    Relation,
)
from briefcli.names import Resolution, fold
from briefcli.packed import CorruptStore
from briefcli.results import (
    ActorEvent,
    ActorProfile,
    ActorRow,
    AliasOut,
    AlignmentChain,
    AlignmentTree,
    Attribution,
    BlocNode,
    ClaimDetail,
    ClaimOut,
    DateOut,
    Hop,
    Link,
    MemberNode,
    NoteOut,
    ParticipantOut,
    Ref,
    RelationOut,
    RoleOut,
    SearchHit,
    TimelineEntry,
    TracePath,
    TraceResult,
)
from briefcli.textindex import THRESHOLD

# Relations walked "up" from an actor towards its patrons: its own upward relations, and the
# organisations it leads or is put forward to lead.
CHAIN_RELATIONS = UPWARD_RELATIONS | {"leads", "nominated_to_lead"}
ALLY_RELATIONS = frozenset({"aligned_with", "allied_with"})
PATRON_RELATIONS = frozenset({"backed_by", "loyal_to", "linked_to", "affiliated_with"})
MEMBERSHIP_RELATIONS = frozenset(
    {"member_of", "part_of", "linked_to", "affiliated_with", "loyal_to", "backed_by"}
)


class LookupProblem(Exception):
    """A question the brief cannot answer as asked (not found, ambiguous, not connected)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# ---------------------------------------------------------------- shared pieces


def ref(index: BriefIndex, record_id: str) -> Ref:
    return Ref(id=record_id, name=index.name_of(record_id))


def date_out(date: FuzzyDate) -> DateOut:
    days = dates.day_range(date)
    return DateOut(
        value=date.value,
        start=days.start.isoformat() if days else None,
        end=days.end.isoformat() if days else None,
        phrase=date.phrase,
        method=date.method,
        confidence=date.confidence,
        reasoning=date.reasoning,
        display=dates.display(date),
    )


def claim_out(index: BriefIndex, claim: Claim) -> ClaimOut:
    chain = index.source_chain(claim.source)
    source = chain[0] if chain else None
    reliability = source.reliability if source else "F"
    return ClaimOut(
        id=claim.id,
        statement=claim.statement,
        grade=f"{reliability}{claim.credibility}",
        reliability=reliability,
        credibility=claim.credibility,
        source=ref(index, claim.source),
        chain=[Ref(id=s.id, name=s.name) for s in chain],
        named=source.named if source else False,
        excerpt=claim.excerpt,
    )


def resolve_actor(index: BriefIndex, query: str) -> Resolution:
    """How a typed name resolves to one actor (`actor` is set), or a LookupProblem listing
    candidates/suggestions."""
    resolution = index.names.resolve(query)
    if resolution.actor is not None:
        return resolution
    raise _resolution_problem(resolution)


def spelling_notice(resolution: Resolution) -> str | None:
    """What to tell the user when the actor was found only by a similar spelling."""
    if resolution.actor is None or resolution.spelled_as is None:
        return None
    name = resolution.actor.name
    like = "" if resolution.spelled_as == name else f" ({resolution.spelled_as!r})"
    return f"no actor is named {resolution.query!r}: showing {name}, a similar spelling{like}"


def _resolution_problem(resolution: Resolution) -> LookupProblem:
    if resolution.ambiguous:
        listed = "; ".join(
            f"{c.actor.name} [{c.actor.id}]"
            + (f" as {c.matched!r}" if c.matched != c.actor.name else "")
            for c in resolution.candidates[:8]
        )
        return LookupProblem(
            f"{resolution.query!r} matches {len(resolution.candidates)} actors: {listed}",
            "give a fuller name or an id",
        )
    hint = None
    if resolution.suggestions:
        hint = "did you mean " + ", ".join(resolution.suggestions) + "?"
    return LookupProblem(f"no actor matches {resolution.query!r}", hint)


def _upward_targets(index: BriefIndex, actor_id: str, types: Iterable[str]) -> list[Relation]:
    wanted = frozenset(types)
    return [
        r
        for r in index.relations_of.get(actor_id, [])
        if r.subject == actor_id and r.type in wanted
    ]


# Blocs are found along these relations; membership is inherited only through the last four.
_BLOC_REACH = CHAIN_RELATIONS - {"nominated_to_lead"}
_BLOC_THROUGH = frozenset({"leads", "member_of", "part_of", "aide_to"})


def _blocs_of(index: BriefIndex, actor_id: str) -> list[Ref]:
    """Blocs the actor belongs to, directly or through organisations it leads or belongs to."""
    table = index.memo.get("blocs")
    if table is None:
        table = index.memo["blocs"] = _bloc_table(index)
    return [ref(index, bloc_id) for bloc_id in table.get(actor_id, ()) if bloc_id != actor_id]


def _bloc_table(index: BriefIndex) -> dict[str, list[str]]:
    """Every actor's blocs at once, in time linear in the relations: blocs reached directly,
    plus those of the non-bloc actors it leads or belongs to (strongly connected components
    of that "belongs through" graph share their blocs, so cycles cost nothing extra)."""
    direct: dict[str, list[str]] = {}
    through: dict[str, list[str]] = {}
    for relation in index.relations.all():
        target = index.actors.get(relation.object)
        if relation.type not in _BLOC_REACH or target is None or relation.subject == target.id:
            continue
        if target.kind == "bloc":
            direct.setdefault(relation.subject, []).append(target.id)
        elif relation.type in _BLOC_THROUGH:
            through.setdefault(relation.subject, []).append(target.id)
    blocs: dict[str, list[str]] = {}
    for component in _components_in_dependency_order(through):
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


def _components_in_dependency_order(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively; each component comes after every
    component it has edges to."""
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in list(edges):
        if root in number:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                number[node] = low[node] = len(number)
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position]
                if successor not in number:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], number[successor])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


# ---------------------------------------------------------------- actors


def _affiliations(index: BriefIndex, actor: Actor) -> list[Ref]:
    """Direct non-bloc parents: upward relations, organisations led, roles held."""
    targets = [
        r.object
        for r in _upward_targets(index, actor.id, CHAIN_RELATIONS - {"nominated_to_lead"})
        if r.object in index.actors and index.actors[r.object].kind != "bloc"
    ]
    targets += [role.of for role in actor.roles if role.of is not None]
    return [ref(index, target) for target in dict.fromkeys(targets)]


def _role_label(index: BriefIndex, actor: Actor) -> str | None:
    if not actor.roles:
        return None
    role = actor.roles[0]
    return f"{role.title}, {index.name_of(role.of)}" if role.of else role.title


def actor_rows(
    index: BriefIndex,
    kind: str | None = None,
    bloc: Actor | None = None,
    affiliated_with: Actor | None = None,
    status: str | None = None,
) -> list[ActorRow]:
    """Every actor (filtered), sorted by kind then name."""
    rows = []
    for actor in index.actors.all():
        if kind is not None and actor.kind != kind:
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
    order = {"person": 0, "organisation": 1, "state": 2, "bloc": 3}
    return sorted(rows, key=lambda row: (order.get(row.kind, 9), fold(row.name), row.id))


def _evidence(index: BriefIndex, relation: Relation) -> list[Claim]:
    """The claims behind a relation, the same in a profile, the alignments and a trace: those
    it cites, in its order, then the other claims that name it (claims_about holds both)."""
    about = {claim.id: claim for claim in index.claims_about.get(relation.id, [])}
    if not about.keys() >= set(relation.claims):
        raise CorruptStore(f"claims cited by {relation.id!r} missing from its links")
    cited = [about.pop(claim_id) for claim_id in dict.fromkeys(relation.claims)]
    return [*cited, *about.values()]


def actor_profile(index: BriefIndex, actor: Actor) -> ActorProfile:
    """Everything the brief holds about one actor."""
    relations = [
        RelationOut(
            id=r.id,
            type=r.type,
            direction="mutual"
            if r.type in MUTUAL_RELATIONS
            else ("outgoing" if r.subject == actor.id else "incoming"),
            other=ref(index, r.object if r.subject == actor.id else r.subject),
            confidence=r.confidence,
            since=r.since,
            until=r.until,
            inferred=r.inferred,
            claims=[claim.id for claim in _evidence(index, r)],
        )
        for r in index.relations_of.get(actor.id, [])
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
        for event in _ordered_events(index, actor)
    ]
    return ActorProfile(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        type=actor.type,
        status=actor.status,
        status_date=actor.status_date,
        status_event=ref(index, actor.status_event) if actor.status_event else None,
        description=actor.description,
        inferred=actor.inferred,
        aliases=[AliasOut(name=a.name, form=a.form, note=a.note) for a in actor.aliases],
        roles=[
            RoleOut(
                title=role.title,
                of=ref(index, role.of) if role.of else None,
                since=role.since,
                until=role.until,
            )
            for role in actor.roles
        ],
        relations=relations,
        events=events,
        claims=[claim_out(index, c) for c in index.claims_about.get(actor.id, [])],
        notes=[_note_out(index, note_id) for note_id in _note_ids(index, actor.id)],
    )


def _note_ids(index: BriefIndex, record_id: str) -> list[str]:
    return [note.id for note in index.notes_about.get(record_id, [])]


def _note_out(index: BriefIndex, note_id: str) -> NoteOut:
    note = index.notes[note_id]
    return NoteOut(
        id=note.id,
        kind=note.kind,
        text=note.text,
        confidence=note.confidence,
        concerns=[ref(index, target) for target in note.concerns],
    )


# ---------------------------------------------------------------- timeline


def _ordered_events(index: BriefIndex, actor: Actor | None) -> list[Event]:
    """Events in timeline order (see index.chronological_order); only the actor's, if given."""
    return [index.events.at(position) for position in _timeline_positions(index, actor)]


def _timeline_positions(index: BriefIndex, actor: Actor | None) -> Sequence[int]:
    if actor is None:
        return index.chronological
    positions = index.events_of.positions(actor.id)
    return sorted(positions, key=index.timeline_rank.__getitem__)


def _within(
    index: BriefIndex, positions: Sequence[int], start: dt.date | None, end: dt.date | None
) -> list[int]:
    """The events that may fall within [start, end]; unknown dates never do."""
    firsts, lasts = index.event_days
    low = start.toordinal() if start else 0
    high = end.toordinal() if end else None
    return [
        p
        for p in positions
        if firsts[p] and lasts[p] >= low and (high is None or firsts[p] <= high)
    ]


def timeline(
    index: BriefIndex,
    start: dt.date | None = None,
    end: dt.date | None = None,
    actor: Actor | None = None,
    place: str | None = None,
    kind: str | None = None,
) -> list[TimelineEntry]:
    """Events in chronological order (unknown dates last), filtered."""
    place_ids = _matching_places(index, place) if place else None
    entries = []
    positions = _timeline_positions(index, actor)
    if start or end:
        positions = _within(index, positions, start, end)
    for event in (index.events.at(position) for position in positions):
        if kind is not None and event.kind != kind:
            continue
        if place_ids is not None and event.place not in place_ids:
            continue
        entries.append(
            TimelineEntry(
                id=event.id,
                kind=event.kind,
                title=event.title,
                date=date_out(event.date),
                place=ref(index, event.place) if event.place else None,
                participants=[
                    ParticipantOut(id=p.actor, name=index.actor_name(p.actor), role=p.role)
                    for p in event.participants
                ],
                claims=list(event.claims),
                summary=event.summary,
            )
        )
    return entries


def _matching_places(index: BriefIndex, query: str) -> set[str]:
    if query in index.places:
        return {query}
    wanted = fold(query)
    matches = {
        place.id
        for place in index.places.all()
        if any(wanted == fold(name) for name in [place.name, *(a.name for a in place.aliases)])
    }
    if not matches:
        known = ", ".join(sorted(place.name for place in index.places.all())[:12])
        raise LookupProblem(
            f"no place matches {query!r}", f"known places: {known}" if known else None
        )
    return matches


# ---------------------------------------------------------------- alignments


def _link(index: BriefIndex, relation: Relation, depth: int, reverse: bool = False) -> Link:
    source, target = (
        (relation.object, relation.subject) if reverse else (relation.subject, relation.object)
    )
    return Link(
        source=ref(index, source),
        type=relation.type,
        target=ref(index, target),
        relation=relation.id,
        confidence=relation.confidence,
        inferred=relation.inferred,
        claims=[claim.id for claim in _evidence(index, relation)],
        depth=depth,
    )


def alignment_tree(index: BriefIndex) -> AlignmentTree:
    """Blocs, their members with leaders and patrons; then organisations in no bloc."""

    def member(actor_id: str, relation: Relation) -> MemberNode:
        actor = index.actors[actor_id]
        leaders = [
            ref(index, r.subject)
            for r in index.relations_of.get(actor_id, [])
            if r.type == "leads" and r.object == actor_id
        ]
        patrons = [
            _link(index, r, 1)
            for r in _upward_targets(index, actor_id, PATRON_RELATIONS)
            if r.object in index.actors and index.actors[r.object].kind != "bloc"
        ]
        return MemberNode(
            actor=Ref(id=actor.id, name=actor.name),
            kind=actor.kind,
            relation=relation.type,
            confidence=relation.confidence,
            leaders=leaders,
            patrons=patrons,
        )

    blocs: list[BlocNode] = []
    in_bloc: set[str] = set()
    for bloc in sorted(
        (a for a in index.actors.all() if a.kind == "bloc"), key=lambda a: fold(a.name)
    ):
        members = []
        for relation in index.relations_of.get(bloc.id, []):
            joins = relation.object == bloc.id and relation.type in MEMBERSHIP_RELATIONS
            allied = relation.type in ALLY_RELATIONS  # mutual: written either way round
            other = relation.subject if relation.object == bloc.id else relation.object
            if (joins or allied) and other in index.actors and other != bloc.id:
                members.append(member(other, relation))
                in_bloc.add(other)
        patrons = [_link(index, r, 1) for r in _upward_targets(index, bloc.id, UPWARD_RELATIONS)]
        members.sort(key=lambda node: fold(node.actor.name))
        blocs.append(
            BlocNode(bloc=Ref(id=bloc.id, name=bloc.name), patrons=patrons, members=members)
        )
    unaligned = []
    for actor in sorted(index.actors.all(), key=lambda a: fold(a.name)):
        if actor.kind != "organisation" or actor.id in in_bloc:
            continue
        node = member(actor.id, Relation(id="-", subject=actor.id, type="member_of", object="-"))
        unaligned.append(
            MemberNode(
                actor=node.actor,
                kind=node.kind,
                relation="none",
                confidence="-",
                leaders=node.leaders,
                patrons=node.patrons,
            )
        )
    return AlignmentTree(blocs=blocs, unaligned=unaligned)


def alignment_chain(index: BriefIndex, actor: Actor) -> AlignmentChain:
    """The actor's chain up to its patrons (breadth-first, each actor once), and the allies
    and hostile relations of the actor and of everyone on that chain."""
    upward: list[Link] = []
    depth_of = {actor.id: 0}
    queue = deque([actor.id])
    while queue:
        current = queue.popleft()
        for relation in _upward_targets(index, current, CHAIN_RELATIONS):
            upward.append(_link(index, relation, depth_of[current] + 1))
            if relation.object not in depth_of:
                depth_of[relation.object] = depth_of[current] + 1
                queue.append(relation.object)
    allies: list[Link] = []
    hostile: list[Link] = []
    for member_id, depth in depth_of.items():
        for relation in index.relations_of.get(member_id, []):
            reverse = relation.object == member_id and relation.subject != member_id
            if relation.type in ALLY_RELATIONS:
                allies.append(_link(index, relation, depth, reverse=reverse))
            elif relation.type in HOSTILE_RELATIONS:
                hostile.append(_link(index, relation, depth, reverse=reverse))
    return AlignmentChain(
        actor=Ref(id=actor.id, name=actor.name),
        upward=upward,
        allies=_unique_links(allies),
        hostile=_unique_links(hostile),
    )


def _unique_links(links: list[Link]) -> list[Link]:
    return list({link.relation: link for link in links}.values())


# ---------------------------------------------------------------- trace

MAX_PATHS = 10


def trace(index: BriefIndex, source: Actor, target: Actor, max_hops: int = 4) -> TraceResult:
    """All shortest paths (at most MAX_PATHS) between two actors over relations, either way."""
    if source.id == target.id:
        raise LookupProblem(f"{source.name!r} and {target.name!r} are the same actor")
    # Breadth-first over relation positions and ends: no relation is decoded until a path uses it.
    subjects, objects = index.relation_ends
    parents: dict[str, list[int]] = {source.id: []}
    frontier = [source.id]
    depth = 0
    while frontier and target.id not in parents and depth < max_hops:
        depth += 1
        reached: dict[str, list[int]] = {}
        for current in frontier:
            for position in index.relations_of.positions(current):
                subject, obj = subjects[position], objects[position]
                other = obj if subject == current else subject
                if other in parents or other not in index.actors:
                    continue
                reached.setdefault(other, []).append(position)
        parents.update(reached)
        frontier = list(reached)
    if target.id not in parents:
        raise LookupProblem(
            f"no connection between {source.name!r} and {target.name!r} within {max_hops} "
            + ("hop" if max_hops == 1 else "hops"),
            "raise --max-hops" if frontier else None,
        )
    paths = _paths_back(index, parents, source.id, target.id)
    return TraceResult(
        source=Ref(id=source.id, name=source.name),
        target=Ref(id=target.id, name=target.name),
        length=depth,
        paths=[TracePath(hops=hops) for hops in paths],
    )


def _paths_back(
    index: BriefIndex, parents: dict[str, list[int]], source: str, target: str
) -> list[list[Hop]]:
    """Walk parent relations back from the target, at most MAX_PATHS paths."""
    finished: list[list[Hop]] = []
    stack: list[tuple[str, list[Hop]]] = [(target, [])]
    while stack and len(finished) < MAX_PATHS:
        current, suffix = stack.pop()
        if current == source:
            finished.append(suffix)
            continue
        for relation in (index.relations.at(p) for p in reversed(parents[current])):
            previous = relation.object if relation.subject == current else relation.subject
            stack.append((previous, [_hop(index, relation, previous, current), *suffix]))
    return sorted(finished, key=lambda hops: [hop.relation for hop in hops])


def _hop(index: BriefIndex, relation: Relation, start: str, end: str) -> Hop:
    if relation.type in MUTUAL_RELATIONS:
        direction = "mutual"
    else:
        direction = "forward" if relation.subject == start else "backward"
    return Hop(
        source=ref(index, start),
        target=ref(index, end),
        relation=relation.id,
        type=relation.type,
        direction=direction,
        confidence=relation.confidence,
        claims=[claim_out(index, claim) for claim in _evidence(index, relation)],
    )


# ---------------------------------------------------------------- sources


def attributions(index: BriefIndex, source_query: str | None = None) -> list[Attribution]:
    """Each claim with its source chain and grade; optionally only claims through one source."""
    if source_query is None:
        claims = index.claims.all()
    else:
        # A claim came through a source if that source is on its direct source's chain.
        wanted = _matching_sources(index, source_query)
        direct = [s for s in index.sources if wanted & {c.id for c in index.source_chain(s)}]
        positions = sorted(p for s in direct for p in index.claims_from.positions(s))
        claims = [index.claims.at(position) for position in positions]
    rows = []
    for claim in claims:
        chain = index.source_chain(claim.source)
        out = claim_out(index, claim)
        rows.append(
            Attribution(
                claim=claim.id,
                statement=claim.statement,
                source=out.source,
                chain=out.chain,
                reliability=out.reliability,
                credibility=out.credibility,
                grade=out.grade,
                named=out.named,
                via_translation=any(s.kind == "translation" for s in chain),
            )
        )
    return rows


def _matching_sources(index: BriefIndex, query: str) -> set[str]:
    """The sources a query names, the first of these that finds any: an id; a source's whole
    name; the sources that are the actor the query names ("MEE"); then every source with the
    query in its name (so "Middle East Eye" is that outlet, not also each report relaying
    it)."""
    if query in index.sources:
        return {query}
    wanted = fold(query)
    sources = index.sources.all()
    matches = {s.id for s in sources if wanted and fold(s.name) == wanted}
    if not matches:
        actor = index.names.resolve(query).actor if wanted else None
        matches = {s.id for s in sources if actor is not None and s.actor == actor.id}
    if not matches:
        matches = {s.id for s in sources if wanted and wanted in fold(s.name)}
    if not matches:
        names = ", ".join(s.name for s in sources[:12])
        raise LookupProblem(f"no source matches {query!r}", f"sources: {names}" if names else None)
    return matches


CONTEXT_CHARS = 240


def claim_detail(index: BriefIndex, claim_id: str, document_text: str | None) -> ClaimDetail:
    """One claim in full, with the text around its excerpt when the stored text is given."""
    claim = index.claims.get(claim_id)
    if claim is None:
        from rapidfuzz import process

        close = process.extract(claim_id, list(index.claims), limit=3)
        hint = "did you mean " + ", ".join(match for match, _, _ in close) + "?" if close else None
        raise LookupProblem(f"no claim with id {claim_id!r}", hint)
    document = next((s for s in index.source_chain(claim.source) if s.text is not None), None)
    before = after = None
    if document_text is not None:
        before, after = _context(document_text, claim.excerpt)
    return ClaimDetail(
        claim=claim_out(index, claim),
        actors=[ref(index, a) for a in claim.actors],
        events=[ref(index, e) for e in claim.events],
        relations=[ref(index, r) for r in claim.relations],
        document=Ref(id=document.id, name=document.name) if document else None,
        context_before=before,
        context_after=after,
    )


def _context(text: str, excerpt: str) -> tuple[str | None, str | None]:
    """Text just before and after the excerpt, matched as the validator does."""
    from briefcli.excerpts import normalise_excerpt

    flat = normalise_excerpt(text)
    needle = normalise_excerpt(excerpt)
    position = flat.find(needle)
    if position < 0:
        return None, None
    start = max(0, position - CONTEXT_CHARS)
    end = min(len(flat), position + len(needle) + CONTEXT_CHARS)
    before = ("…" if start > 0 else "") + flat[start:position]
    after = flat[position + len(needle) : end] + ("…" if end < len(flat) else "")
    return before, after


# ---------------------------------------------------------------- search


def search(index: BriefIndex, text: str, limit: int = 20) -> list[SearchHit]:
    """Ranked matches across names, aliases, events, claims, notes, sources and places: best
    score first, then by kind, then by label (then brief order).

    The word index narrows the fields to those sharing a word (or a near spelling of one) with
    the query and gives them folded; they are scored with rapidfuzz's partial ratio. Fields are
    decoded and scored only while they can still make the first `limit` hits: sections are
    taken best ceiling first (the most a field of theirs can score), a section's fields best
    bound first (the score their section's weightiest field would give) and by label among
    equal bounds, and once `limit` records rank above what a field could reach, neither it nor
    the fields after it can change the answer."""
    from rapidfuzz import fuzz, process

    wanted = fold(text)
    if not wanted:
        raise LookupProblem("nothing to search for", "give a word or a name")
    if limit < 1:
        return []
    candidates = index.search_candidates(wanted)
    # Each record's best hit, with the place of its field in the record and its rank: (-score,
    # kind, label rank), the order of the answer.
    best: dict[tuple[str, str], tuple[SearchHit, int, _Rank]] = {}
    # The `limit` best ranks, in order (kept as hits come in; a record's rank only improves).
    leading: list[tuple[_Rank, tuple[str, str]]] = []

    def keep(key: tuple[str, str], rank: _Rank, earlier: _Rank | None) -> None:
        """Count a record's new rank (its `earlier` one, if any, no longer stands)."""
        if earlier is not None:
            at = bisect.bisect_left(leading, (earlier, key))
            if at < len(leading) and leading[at] == (earlier, key):
                del leading[at]
        if len(leading) < limit or rank < leading[-1][0]:
            bisect.insort(leading, (rank, key))
            del leading[limit:]

    def cannot_make_it(rank: _Rank) -> bool:
        """True when `limit` records rank above the best a field could reach."""
        return len(leading) == limit and rank > leading[-1][0]

    for section in _SECTIONS_BY_CEILING:
        kind = _SEARCH_KINDS[section]
        if cannot_make_it((-_CEILINGS[section], kind, -1)):
            continue
        fields = candidates.in_section(section)
        # The least partial ratio that can still make the answer (checked again below).
        least = SEARCH_CUTOFF
        if len(leading) == limit:
            bonus = _EXACT_WORD_BONUS if candidates.every_word else 0.0
            needed = -leading[-1][0][0] - _ROUNDING - bonus
            least = max(least, needed / _SECTION_WEIGHTS[section])
            if least > 100.0:
                continue  # a field of this section would need more than a perfect ratio
        scored = process.extract(
            wanted, fields.texts, scorer=fuzz.partial_ratio, score_cutoff=least, limit=None
        )
        if least > SEARCH_CUTOFF:
            for number in fields.standing_for_many():  # scored alone below
                score = fuzz.partial_ratio(wanted, fields.texts[number])
                if SEARCH_CUTOFF <= score < least:
                    scored.append((fields.texts[number], score, number))
        label_ranks = index.label_ranks(section)
        bounded = []
        for folded, score, position in scored:
            record_position, place = fields.place(position)
            if place == LAST_SEARCHED_FIELD:  # may stand for many fields, each scored alone
                bound = _CEILINGS[section]
            else:
                bound = _weighted(score, _SECTION_WEIGHTS[section], folded, wanted)
            label_rank = label_ranks[record_position]
            bounded.append((-bound, label_rank, place, score, record_position, folded))
        # Best bound first; by label among equal bounds, then a record's fields in brief order.
        bounded.sort()
        for negative_bound, label_rank, place, score, record_position, folded in bounded:
            if cannot_make_it((negative_bound, kind, label_rank)):
                break  # nor can the fields after it
            record, label, shown_fields = index.searched_fields(section, record_position, place)
            if len(shown_fields) > 1:  # a record with thousands of fields: scored one by one
                matching = []
                for one_field, one_text in shown_fields:
                    folded_text = fold(one_text)
                    ratio = fuzz.partial_ratio(wanted, folded_text)
                    if ratio >= SEARCH_CUTOFF:
                        matching.append((ratio, one_field, one_text, folded_text))
                if not matching:
                    continue
                # The field that scores best (the first of equals), weights and bonus included.
                score, field, shown, folded = max(
                    matching,
                    key=lambda item: _weighted(
                        item[0], _FIELD_WEIGHTS[section, item[1]], item[3], wanted
                    ),
                )
            else:
                ((field, shown),) = shown_fields
            final = _weighted(score, _FIELD_WEIGHTS[section, field], folded, wanted)
            key = (kind, record.id)
            earlier = best.get(key)
            # A record's best field; among equally good ones, the first in the record.
            if earlier is None or (final, -place) > (earlier[0].score, -earlier[1]):
                hit = SearchHit(
                    kind=kind, id=record.id, label=label, field=field, text=shown, score=final
                )
                rank = (-final, kind, label_rank)
                best[key] = (hit, place, rank)
                keep(key, rank, earlier[2] if earlier else None)
    ranked = sorted(best.values(), key=lambda found: found[2])
    return [hit for hit, _, _ in ranked[:limit]]


# A search hit's place in the answer: (-score, kind, label rank).
_Rank = tuple[float, str, int]


def _weighted(score: float, weight: float, folded: str, wanted: str) -> float:
    """A hit's score: the field's partial ratio times its weight, plus a bonus when the query
    is a whole word of the field."""
    has_word = f" {wanted} " in f" {folded} "
    return round(score * weight + (_EXACT_WORD_BONUS if has_word else 0.0), 1)


# The lowest partial_ratio a match may have: the word index's guarantee is stated for it.
SEARCH_CUTOFF = THRESHOLD
_SEARCH_KINDS = {
    "actors": "actor",
    "events": "event",
    "claims": "claim",
    "notes": "note",
    "sources": "source",
    "places": "place",
}
# How much a match in each field counts, relative to a match in a name.
_FIELD_WEIGHTS = {
    ("actors", "name"): 1.0,
    ("actors", "alias"): 0.98,
    ("actors", "description"): 0.8,
    ("events", "title"): 0.95,
    ("events", "summary"): 0.8,
    ("claims", "statement"): 0.85,
    ("claims", "excerpt"): 0.8,
    ("notes", "text"): 0.8,
    ("sources", "name"): 0.9,
    ("places", "name"): 0.9,
    ("places", "alias"): 0.88,
}
_SECTION_WEIGHTS = {
    section: max(weight for (name, _), weight in _FIELD_WEIGHTS.items() if name == section)
    for section, _ in _FIELD_WEIGHTS
}
_EXACT_WORD_BONUS = 10.0  # when the query is a whole word of the field
_ROUNDING = 0.1  # scores are rounded to 0.1: one this much lower may round up to a tie
# The most a field of each section can score, and the sections in that order.
_CEILINGS = {
    section: round(100.0 * weight + _EXACT_WORD_BONUS, 1)
    for section, weight in _SECTION_WEIGHTS.items()
}
_SECTIONS_BY_CEILING = sorted(_CEILINGS, key=lambda section: -_CEILINGS[section])
