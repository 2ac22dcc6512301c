"""The shapes of query answers. JSON output is exactly these records (see docs/json.md):
every reference to another record is a Ref (id and name), a record listed has its own `id`,
counts are named `..._count`, dates carry their certainty, absent values are null.
"""

from typing import Any, Literal

import msgspec


class Out(msgspec.Struct, kw_only=True, frozen=True, gc=False):
    """Base of every answer record (trees of plain values: untracked by the cyclic garbage
    collector, like the brief's records in model.Base)."""


class Ref(Out, frozen=True):
    id: str
    name: str


class DateOut(Out, frozen=True):
    value: str | None  # restricted EDTF, as in the brief
    start: str | None  # earliest possible day (ISO 8601)
    end: str | None  # latest possible day
    phrase: str | None
    method: str
    confidence: str
    reasoning: str | None
    display: str


class Tie(Out, frozen=True):
    """An actor an answer ties another to, and how sure the brief is of the tie: a summary
    keeps the hedge the record carries."""

    id: str
    name: str
    relation: str  # the relation's type, or "role" for a role held in it
    confidence: str
    inferred: bool

    @property
    def hedge(self) -> str:
        """ "low", "inferred", "low, inferred" or "": what a summary should say of the tie."""
        low = ["low"] if self.confidence == "low" else []
        return ", ".join([*low, *(["inferred"] if self.inferred else [])])


class ActorRow(Out, frozen=True):
    id: str
    name: str
    kind: str
    type: str | None
    blocs: list[Ref]
    affiliations: list[Tie]  # organisations and states it belongs to, leads, holds a role in
    role: str | None
    status: str
    status_date: str | None


class AliasOut(Out, frozen=True):
    name: str
    form: str
    note: str | None


class RoleOut(Out, frozen=True):
    title: str
    of: Ref | None
    since: str | None
    until: str | None
    current: bool  # held on the day answers speak for (meta.as_of, or --as-of)


class RelationOut(Out, frozen=True):
    id: str
    type: str
    direction: str  # outgoing, incoming or mutual, seen from the actor
    other: Ref
    confidence: str
    since: str | None
    until: str | None
    current: bool  # in force on the day answers speak for (meta.as_of, or --as-of)
    inferred: bool
    description: str | None
    claims: list[Ref]


class ActorEvent(Out, frozen=True):
    id: str
    kind: str
    title: str
    date: DateOut
    place: Ref | None
    role: str


class ClaimOut(Out, frozen=True):
    id: str
    statement: str
    grade: str  # reliability letter + credibility digit, e.g. B3
    reliability: str
    credibility: int
    source: Ref
    chain: list[Ref]  # from the source outward to the document the brief read
    named: bool
    excerpt: str


class NoteOut(Out, frozen=True):
    id: str
    kind: str
    text: str
    confidence: str | None
    concerns: list[Ref]


class ActorProfile(Out, frozen=True):
    id: str
    name: str
    kind: str
    type: str | None
    status: str
    status_date: str | None
    status_event: Ref | None
    country: Ref | None
    description: str | None
    inferred: bool
    aliases: list[AliasOut]
    roles: list[RoleOut]
    relations: list[RelationOut]
    events: list[ActorEvent]
    claims: list[ClaimOut]
    notes: list[NoteOut]


class ParticipantOut(Out, frozen=True):
    id: str
    name: str
    role: str
    note: str | None


class TimelineEntry(Out, frozen=True):
    id: str
    kind: str
    title: str
    date: DateOut
    place: Ref | None
    participants: list[ParticipantOut]
    claims: list[Ref]
    summary: str | None
    time: str | None
    after: list[Ref]  # events it is declared to follow, as written in the brief
    before: list[Ref]


class Link(Out, frozen=True):
    """One relation walked from `source` to `target` (not necessarily its own direction)."""

    source: Ref
    type: str
    target: Ref
    relation: Ref
    confidence: str
    since: str | None
    until: str | None
    current: bool  # in force on the day answers speak for (meta.as_of, or --as-of)
    inferred: bool
    claims: list[Ref]
    depth: int


class MemberNode(Out, frozen=True):
    actor: Ref
    kind: str
    relation: str
    confidence: str
    leaders: list[Ref]
    patrons: list[Link]


class BlocNode(Out, frozen=True):
    """A bloc as it stands on the day answers speak for: who leads it, who belongs to it
    (membership relations only), who is allied with or attached to it without belonging,
    its own patrons, and its rivals."""

    bloc: Ref
    leaders: list[Link]
    patrons: list[Link]
    members: list[MemberNode]
    allies: list[Link]  # alliance relations (aligned with, allied with, supports), either way
    affiliates: list[Link]  # patronage towards the bloc (loyal to, backed by, linked to it)
    rivals: list[Link]  # hostility relations either way


class AlignmentTree(Out, frozen=True):
    blocs: list[BlocNode]
    unaligned: list[MemberNode]  # organisations in no bloc, with their patrons


class AlignmentChain(Out, frozen=True):
    actor: Ref
    upward: list[Link]  # towards patrons, parents and the organisations the actor leads
    allies: list[Link]  # aligned/allied with, from the actor or anyone on its chain
    hostile: list[Link]  # hostile, rival and strained relations, likewise
    former: list[Link]  # the actor's own relations that had ended by then, with their dates


class Hop(Out, frozen=True):
    """One step of a path: a relation, or a role an actor holds in an organisation."""

    source: Ref
    target: Ref
    relation: Ref | None  # None for a role
    type: str  # the relation's type, or "holds_role_in"
    direction: str  # forward: source -> target as written; backward; mutual
    confidence: str
    since: str | None
    until: str | None
    current: bool  # in force on the day answers speak for (meta.as_of, or --as-of)
    role: str | None  # a role's title
    claims: list[ClaimOut]


class TracePath(Out, frozen=True):
    hops: list[Hop]


class TraceResult(Out, frozen=True):
    source: Ref
    target: Ref
    length: int
    paths: list[TracePath]


class SourceOut(Out, frozen=True):
    """A source record, every field of it, with the origins it rests on."""

    id: str
    name: str
    kind: str
    reliability: str
    named: bool
    via: list[Ref]  # the sources it reached the brief through (one per route)
    actor: Ref | None
    published: DateOut | None
    language: str | None
    url: str | None
    text: str | None
    description: str | None
    origins: list[Ref]  # the root sources it rests on (itself when it came through nothing)


class Attribution(Out, frozen=True):
    id: str  # the claim's
    statement: str
    source: Ref
    chain: list[Ref]
    reliability: str
    credibility: int
    grade: str
    named: bool
    via_translation: bool
    origins: list[Ref]  # the root sources the claim rests on
    routes: list[list[Ref]]  # every route from the source outward (the first is `chain`)
    through: list[SourceOut]  # with --source: the matching sources the claim came through


class ClaimDetail(Out, frozen=True):
    claim: ClaimOut
    actors: list[Ref]
    events: list[Ref]
    relations: list[Ref]
    document: Ref | None  # the source whose stored text holds the excerpt
    context_before: str | None
    context_after: str | None
    routes: list[list[Ref]]  # every route from the source outward (the first is the chain)
    sources: list[SourceOut]  # the claim's source, then every source it came through


class SearchHit(Out, frozen=True):
    kind: str  # actor, event, claim, note, source, place
    id: str
    name: str  # the record's name, title or statement
    field: str
    text: str
    score: float


class ProblemOut(Out, frozen=True):
    """One problem `validate` found; line and column are null when it has no place in the file
    (missing, a directory, unreadable, over the size limit)."""

    file: str
    line: int | None
    column: int | None
    field: str  # dotted path, as in messages (`events[0].date.value`); "" for none
    message: str


class WarningOut(Out, frozen=True):
    """One warning `lint` found: a place, as for a problem, and the check that found it."""

    file: str
    line: int | None
    column: int | None
    field: str  # dotted path, as in messages (`relations[3].confidence`)
    message: str
    check: str  # the check's name (docs/lint.md), as meta.lint_accept names it


# ---------------------------------------------------------------- the briefing (`brief`)


class JudgmentLine(Out, frozen=True):
    id: str
    text: str
    likelihood: str
    confidence: str
    claims: list[Ref]


class KeyActor(Out, frozen=True):
    id: str
    name: str
    kind: str
    type: str | None
    role: str | None
    status: str
    status_date: str | None
    affiliations: list[Tie]
    blocs: list[Ref]
    description: str | None
    weight: int  # relations + events + claims that concern the actor


class KeyEvent(Out, frozen=True):
    id: str
    kind: str
    title: str
    date: DateOut
    place: Ref | None
    weight: int  # claims about the event + participants


class Patron(Out, frozen=True):
    actor: Ref
    relations: list[str]  # how the bloc stands towards it: backed_by, loyal_to, part_of...


class BlocGlance(Out, frozen=True):
    bloc: Ref
    leaders: list[Ref]
    members: list[Ref]  # membership relations only: allies are listed apart
    allies: list[Ref]
    patrons: list[Patron]


class GradeCount(Out, frozen=True):
    grade: str  # source reliability letter + information credibility digit
    count: int


class SourceCount(Out, frozen=True):
    source: Ref
    claim_count: int


class Sourcing(Out, frozen=True):
    """Counts, each named `..._count`: a field named after records holds records."""

    claim_count: int
    single_source_count: int  # no relation or event it supports has another origin's support
    anonymous_count: int  # the source the claim rests on (first on its chain) is unnamed
    via_translation_count: int  # the claim reached the brief through a translation
    source_count: int
    anonymous_source_count: int
    grades: list[GradeCount]
    origin_count: int  # root sources (came through nothing else) that claims rest on
    principal: list[SourceCount]  # the one or two origins most claims rest on, most first
    translation_source_count: int  # sources of kind `translation`


class Briefing(Out, frozen=True):
    title: str
    as_of: str
    handling: str
    authors: list[str]
    bottom_line: str | None
    summary: str | None
    key_judgments: list[JudgmentLine]
    actors: list[KeyActor]  # the most concerned actors, most concerned first
    actor_count: int  # actors other than blocs (blocs are under alignments)
    events: list[KeyEvent]  # the best documented events, in timeline order
    event_count: int
    alignments: list[BlocGlance]
    sourcing: Sourcing
    gaps: list[str]


# ---------------------------------------------------------------- a diff of two briefs (`diff`)


class FieldChange(Out, frozen=True):
    field: str
    old: Any
    new: Any


class ChangedRecord(Out, frozen=True):
    id: str
    name: str
    fields: list[FieldChange]


class TextChange(Out, frozen=True):
    """A source's stored text that differs between two versions of a brief."""

    id: str  # the source
    name: str
    change: Literal["changed", "added", "removed"]


class BriefDiff(Out, frozen=True):
    identical: bool
    added: dict[str, list[Ref]]
    removed: dict[str, list[Ref]]
    changed: dict[str, list[ChangedRecord]]  # also "meta", with the id "meta"
    texts_changed: list[TextChange]


# ---------------------------------------------------------------- lists of records
# (`relations`, `claims`, `notes`, `places`; `notes` lists NoteOut records)


class RelationRow(Out, frozen=True):
    id: str
    type: str
    subject: Ref
    object: Ref
    confidence: str
    since: str | None
    until: str | None
    current: bool  # in force on the day answers speak for (meta.as_of, or --as-of)
    inferred: bool
    description: str | None
    claims: list[Ref]  # the claims behind it: those it cites, then the others naming it


class ClaimRow(ClaimOut, frozen=True):
    """A claim as in ClaimOut, with the records it is about."""

    actors: list[Ref]
    events: list[Ref]
    relations: list[Ref]


class PlaceRow(Out, frozen=True):
    id: str
    name: str
    kind: str
    country: Ref | None  # the actor (a state) it lies in
    within: Ref | None  # the place it lies in
    aliases: list[AliasOut]
    latitude: float | None
    longitude: float | None
    event_count: int  # events there or at a place within it (what `timeline --place` lists)
