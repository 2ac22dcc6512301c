"""`relations`, `claims`, `notes` and `places`: the brief's records of one kind, listed in brief
order and filtered, each with its references named."""

from __future__ import annotations

import re
from collections import Counter

from briefcli.brief import dates
from briefcli.brief.model import Actor, Claim, Event, Relation
from briefcli.queries.common import (
    LookupProblem,
    begun,
    claim_out,
    claim_refs,
    evidence,
    in_force,
    moment,
    note_out,
    ref,
    resolution_problem,
)
from briefcli.queries.sources import claims_through, matching_sources
from briefcli.queries.timeline import named_places, places_within
from briefcli.results import (
    AliasOut,
    ClaimRow,
    NoteOut,
    PlaceRow,
    Ref,
    RelationRow,
)
from briefcli.search.fields import relation_label
from briefcli.search.names import Resolution
from briefcli.store.tables import BriefIndex

# Each section whose records an option may name by id, and what one of its records is called.
RECORD_KINDS = {
    "actors": "an actor",
    "events": "an event",
    "relations": "a relation",
    "claims": "a claim",
    "sources": "a source",
    "places": "a place",
    "notes": "a note",
}
# What a claim can be about (its actors, events and relations); a note can concern any record.
CLAIM_SUBJECTS = ("actors", "events", "relations")
NOTE_SUBJECTS = tuple(RECORD_KINDS)

# A query written like an id (lower case, no spaces): a near miss is answered with close ids.
_ID_LIKE = re.compile(r"[a-z0-9][a-z0-9_.:-]*\Z")


def resolve_record(
    index: BriefIndex, query: str, sections: tuple[str, ...]
) -> tuple[str, Resolution | None]:
    """The record an option names: the record with that id in one of `sections`, else the
    actor the query names, with how its name resolved (to say when it is only a guess from its
    spelling). An id of another kind of record, or no match, is a LookupProblem: with the
    closest ids for a query written like an id, else as for an actor's name."""
    for section, kind in RECORD_KINDS.items():
        if query in getattr(index, section):
            if section in sections:
                return query, None
            wanted = [RECORD_KINDS[s] for s in sections]
            listed = ", ".join(wanted[:-1]) + f" or {wanted[-1]}" if len(wanted) > 1 else wanted[0]
            raise LookupProblem(f"{query!r} is {kind}, not {listed}")
    resolution = index.names.resolve(query)
    if resolution.actor is not None:
        return resolution.actor.id, resolution
    if not resolution.ambiguous and _ID_LIKE.match(query):
        close = _close_ids(index, query, sections)
        if close:
            raise LookupProblem(
                f"no record has the id {query!r}", "did you mean " + ", ".join(close) + "?"
            )
    raise resolution_problem(resolution)


def _close_ids(index: BriefIndex, query: str, sections: tuple[str, ...]) -> list[str]:
    from rapidfuzz import process

    ids = [record_id for section in sections for record_id in getattr(index, section).ids]
    return [match for match, _, _ in process.extract(query, ids, limit=3, score_cutoff=75)]


# ---------------------------------------------------------------- relations


def known_relation_type(index: BriefIndex, typed: str) -> str:
    """The relation type asked for, as the brief writes it ("backed by" is `backed_by`); one
    its vocabulary does not have is a LookupProblem with the closest."""
    types = index.words.relation_classes
    wanted = "_".join(typed.strip().lower().split())
    if wanted in types:
        return wanted
    import difflib

    close = difflib.get_close_matches(wanted, sorted(types), n=1)
    raise LookupProblem(
        f"no relation type {typed!r} in this brief's vocabulary",
        f"did you mean {close[0]!r}?" if close else "see docs/brief-format.md, relations",
    )


def _ended(index: BriefIndex, relation: Relation) -> bool:
    """Whether the relation had ended by the day answers speak for (it is former)."""
    return relation.until is not None and dates.parse_edtf(relation.until).end <= moment(index)


def relations(
    index: BriefIndex,
    actor: Actor | None = None,
    relation_type: str | None = None,
    relation_class: str | None = None,
    current: bool | None = None,
) -> list[RelationRow]:
    """Every relation, in brief order; or only the actor's (as in its profile), of one type or
    class (membership, leadership, patronage…, declared types by their class). `current`:
    True, only those in force on the day answers speak for; False, only those that had ended
    by then (former); relations not yet begun are neither."""
    wanted = known_relation_type(index, relation_type) if relation_type is not None else None
    listed = index.relations_of.get(actor.id, []) if actor is not None else index.relations.all()
    classes = index.words.relation_classes
    rows = []
    for relation in listed:
        if wanted is not None and relation.type != wanted:
            continue
        if relation_class is not None and classes.get(relation.type) != relation_class:
            continue
        if not begun(index, relation):
            continue
        held = in_force(index, relation)
        if current is True and not held:
            continue
        if current is False and not _ended(index, relation):
            continue
        rows.append(
            RelationRow(
                id=relation.id,
                type=relation.type,
                subject=Ref(id=relation.subject, name=index.actor_name(relation.subject)),
                object=Ref(id=relation.object, name=index.actor_name(relation.object)),
                confidence=relation.confidence,
                since=relation.since,
                until=relation.until,
                current=held,
                inferred=relation.inferred,
                description=relation.description,
                claims=claim_refs(evidence(index, relation)),
            )
        )
    return rows


# ---------------------------------------------------------------- claims


def claims(
    index: BriefIndex,
    about: str | None = None,
    source: str | None = None,
    reliability: str | None = None,
    credibility: int | None = None,
) -> list[ClaimRow]:
    """Every claim, in brief order; or only those about a record (the id of an actor, event or
    relation: see _claims_about), those that came through the sources a query names (as
    `sources --source`), and those graded at least so well: source reliability `reliability`
    or better (A best), information credibility `credibility` or better (1 best)."""
    listed = _claims_about(index, about) if about is not None else index.claims.all()
    if source is not None:
        through = {claim.id for claim in claims_through(index, matching_sources(index, source))}
        listed = [claim for claim in listed if claim.id in through]
    rows = []
    for claim in listed:
        out = claim_out(index, claim)
        if reliability is not None and out.reliability > reliability:
            continue
        if credibility is not None and claim.credibility > credibility:
            continue
        rows.append(
            ClaimRow(
                id=out.id,
                statement=out.statement,
                grade=out.grade,
                reliability=out.reliability,
                credibility=out.credibility,
                source=out.source,
                chain=out.chain,
                named=out.named,
                excerpt=out.excerpt,
                actors=[Ref(id=a, name=index.actor_name(a)) for a in claim.actors],
                events=[Ref(id=e, name=index.events[e].title) for e in claim.events],
                relations=[
                    Ref(id=r, name=relation_label(index.relations[r], index.actor_name))
                    for r in claim.relations
                ],
            )
        )
    return rows


def _claims_about(index: BriefIndex, record_id: str) -> list[Claim]:
    """The claims about a record: those naming it; for a relation or an event, those it cites
    first, in its order (a relation's evidence, as its profile, alignments and trace give it)."""
    about = index.claims_about.get(record_id, [])
    record: Relation | Event | None = index.relations.get(record_id) or index.events.get(record_id)
    if record is None:
        return about
    order = {claim_id: rank for rank, claim_id in enumerate(dict.fromkeys(record.claims))}
    return sorted(about, key=lambda claim: order.get(claim.id, len(order)))


# ---------------------------------------------------------------- notes


def notes(index: BriefIndex, kind: str | None = None, about: str | None = None) -> list[NoteOut]:
    """Every analyst note, in brief order; or only those of a kind, or concerning a record
    (any record's id)."""
    listed = index.notes_about.get(about, []) if about is not None else index.notes.all()
    return [note_out(index, note.id) for note in listed if kind is None or note.kind == kind]


# ---------------------------------------------------------------- places


def places(index: BriefIndex, within: str | None = None) -> list[PlaceRow]:
    """Every place, in brief order, with how many events took place there (or at a place
    within it); or only the places within one (see `inside`)."""
    every = index.places.all()
    if within is not None:
        found = inside(index, within)
        every = [place for place in every if place.id in found]
    parent = {place.id: place.within for place in index.places.all()}
    direct = Counter(event.place for event in index.events.all() if event.place is not None)
    events: Counter[str] = Counter()
    for place_id, count in direct.items():
        seen: set[str] = set()
        at: str | None = place_id
        while at is not None and at not in seen:  # up the places it lies within
            seen.add(at)
            events[at] += count
            at = parent.get(at)
    return [
        PlaceRow(
            id=place.id,
            name=place.name,
            kind=place.kind,
            country=Ref(id=place.country, name=index.actor_name(place.country))
            if place.country
            else None,
            within=ref(index, place.within) if place.within else None,
            aliases=[AliasOut(name=a.name, form=a.form, note=a.note) for a in place.aliases],
            latitude=place.latitude,
            longitude=place.longitude,
            event_count=events[place.id],
        )
        for place in every
    ]


def inside(index: BriefIndex, query: str) -> set[str]:
    """The ids of the places within the place a query names (by id, name or alias), at any
    depth, itself left out; or, when it names no place but a country of places (an actor: a
    state), the places in that country and those within them. Neither is a LookupProblem."""
    named = named_places(index, query)
    if named:
        return places_within(index, named) - named
    countries = {place.country for place in index.places.all() if place.country is not None}
    resolution = index.names.resolve(query)
    country = resolution.actor
    if country is not None and resolution.spelled_as is None and country.id in countries:
        in_country = {place.id for place in index.places.all() if place.country == country.id}
        return places_within(index, in_country)
    known = sorted(place.name for place in index.places.all())
    known += sorted(index.name_of(country_id) for country_id in countries)
    shown = ", ".join(known[:12])
    raise LookupProblem(
        f"no place or country of places matches {query!r}",
        f"places and countries: {shown}" if shown else None,
    )
