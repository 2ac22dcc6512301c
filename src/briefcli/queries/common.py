"""What every question shares: resolving a typed name to an actor, the relation classes the
queries walk, and the small records (refs, dates, claims, notes) answers are made of.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from briefcli.brief import dates
from briefcli.brief.model import (
    Claim,
    FuzzyDate,
    Relation,
    Role,
)
from briefcli.results import (
    ClaimOut,
    DateOut,
    NoteOut,
    Ref,
)
from briefcli.search.names import Resolution
from briefcli.store.packed import CorruptStore
from briefcli.store.tables import BriefIndex


class LookupProblem(Exception):
    """A question the brief cannot answer as asked (not found, ambiguous, not connected)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def ref(index: BriefIndex, record_id: str) -> Ref:
    return Ref(id=record_id, name=index.name_of(record_id))


def claim_refs(claims: Iterable[Claim]) -> list[Ref]:
    return [Ref(id=claim.id, name=claim.statement) for claim in claims]


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
    raise resolution_problem(resolution)


def spelling_notice(resolution: Resolution) -> str | None:
    """What to tell the user when the actor was found only by a similar spelling."""
    if resolution.actor is None or resolution.spelled_as is None:
        return None
    name = resolution.actor.name
    like = "" if resolution.spelled_as == name else f" ({resolution.spelled_as!r})"
    notice = f"no actor is named {resolution.query!r}: showing {name}, a similar spelling{like}"
    return notice + _looks_the_same(resolution.spelled_as, resolution.query)


def _looks_the_same(name: str, query: str) -> str:
    """What tells apart a name that prints like the query but is written with other letters
    (a Cyrillic "А" for a Latin "A"); nothing for any other name."""
    if name.isascii() and query.isascii():
        return ""
    from briefcli.brief.lookalikes import difference, look_alike

    if not look_alike(name, query):
        return ""
    return f" (it looks the same, but has {difference(name, query)})"


def resolution_problem(resolution: Resolution) -> LookupProblem:
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
        hint = (
            "did you mean "
            + ", ".join(
                suggestion + _looks_the_same(suggestion, resolution.query)
                for suggestion in resolution.suggestions
            )
            + "?"
        )
    return LookupProblem(f"no actor matches {resolution.query!r}", hint)


def chain_types(index: BriefIndex) -> frozenset[str]:
    """Relations walked "up" from an actor towards its patrons: its own upward relations
    (membership and patronage), and the organisations it leads or is put forward to lead."""
    words = index.words
    return words.upward() | words.of_class("leadership") | {"nominated_to_lead"}


def patron_types(index: BriefIndex) -> frozenset[str]:
    """Patronage without `aide_to`: an aide's principal is not the organisation's patron."""
    return index.words.of_class("patronage") - {"aide_to"}


def moment(index: BriefIndex) -> dt.date:
    """The day answers speak for: --as-of, else the last day of the brief's own as_of."""
    return index.as_of if index.as_of is not None else dates.parse_edtf(index.meta.as_of).end


def in_force(index: BriefIndex, held: Role | Relation) -> bool:
    """Whether a role or relation holds on the day answers speak for (not former, not yet)."""
    return dates.in_force(held.since, held.until, moment(index))


def begun(index: BriefIndex, held: Role | Relation) -> bool:
    """Whether a role or relation may have begun by the day answers speak for: one not yet
    begun is not part of the brief as it stood then, in any answer (neither current nor
    former)."""
    return held.since is None or dates.parse_edtf(held.since).start <= moment(index)


def upward_targets(index: BriefIndex, actor_id: str, types: Iterable[str]) -> list[Relation]:
    """The actor's relations in force of these types, written from it."""
    wanted = frozenset(types)
    return [
        r
        for r in index.relations_of.get(actor_id, [])
        if r.subject == actor_id and r.type in wanted and in_force(index, r)
    ]


def evidence(index: BriefIndex, relation: Relation) -> list[Claim]:
    """The claims behind a relation, the same in a profile, the alignments and a trace: those
    it cites, in its order, then the other claims that name it (claims_about holds both)."""
    about = {claim.id: claim for claim in index.claims_about.get(relation.id, [])}
    if not about.keys() >= set(relation.claims):
        raise CorruptStore(f"claims cited by {relation.id!r} missing from its links")
    cited = [about.pop(claim_id) for claim_id in dict.fromkeys(relation.claims)]
    return [*cited, *about.values()]


def note_ids(index: BriefIndex, record_id: str) -> list[str]:
    return [note.id for note in index.notes_about.get(record_id, [])]


def note_out(index: BriefIndex, note_id: str) -> NoteOut:
    note = index.notes[note_id]
    return NoteOut(
        id=note.id,
        kind=note.kind,
        text=note.text,
        confidence=note.confidence,
        concerns=[ref(index, target) for target in note.concerns],
    )
