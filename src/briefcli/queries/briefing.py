"""`briefcli brief`: the pre-meeting briefing, computed from the brief (its layout is in
views/briefing.py).
"""

from __future__ import annotations

from collections import Counter

from briefcli import queries
from briefcli.brief.evidence import corroborated
from briefcli.results import (
    BlocGlance,
    Briefing,
    GradeCount,
    JudgmentLine,
    KeyActor,
    KeyEvent,
    Patron,
    Ref,
    SourceCount,
    Sourcing,
)
from briefcli.store.tables import BriefIndex

# At most this many actors and events are ranked into the record; the view shows what fits.
MAX_ACTORS = 12


MAX_EVENTS = 12


def _key_actors(index: BriefIndex, most: int | None) -> list[KeyActor]:
    rows = {row.id: row for row in queries.actor_rows(index)}
    weights = {
        actor.id: len(index.relations_of.get(actor.id, []))
        + len(index.events_of.get(actor.id, []))
        + len(index.claims_about.get(actor.id, []))
        for actor in index.brief.actors
        if actor.kind != "bloc"  # blocs have their own section
    }
    ranked = sorted(weights, key=lambda actor_id: (-weights[actor_id], rows[actor_id].name))
    return [
        KeyActor(
            id=row.id,
            name=row.name,
            kind=row.kind,
            type=row.type,
            role=row.role,
            status=row.status,
            status_date=row.status_date,
            affiliations=row.affiliations,
            blocs=row.blocs,
            description=index.actors[row.id].description,
            weight=weights[row.id],
        )
        for row in (rows[actor_id] for actor_id in ranked[:most])
    ]


def _key_events(index: BriefIndex, most: int | None) -> list[KeyEvent]:
    entries = queries.timeline(index)
    weights = {
        entry.id: len(index.claims_about.get(entry.id, [])) + len(entry.participants)
        for entry in entries
    }
    order = {entry.id: position for position, entry in enumerate(entries)}
    chosen = sorted(weights, key=lambda event_id: (-weights[event_id], order[event_id]))
    kept = set(chosen[:most])
    return [
        KeyEvent(
            id=entry.id,
            kind=entry.kind,
            title=entry.title,
            date=entry.date,
            place=entry.place,
            weight=weights[entry.id],
        )
        for entry in entries
        if entry.id in kept
    ]


def _alignments(index: BriefIndex) -> list[BlocGlance]:
    glances = []
    for node in queries.alignment_tree(index).blocs:
        patrons: dict[str, Patron] = {}
        for link in node.patrons:
            known = patrons.get(link.target.id)
            types = [*known.relations, link.type] if known else [link.type]
            patrons[link.target.id] = Patron(actor=link.target, relations=types)
        glances.append(
            BlocGlance(
                bloc=node.bloc,
                leaders=[link.source for link in node.leaders],
                members=[member.actor for member in node.members],
                allies=[
                    link.target if link.source.id == node.bloc.id else link.source
                    for link in node.allies
                ],
                patrons=list(patrons.values()),
            )
        )
    return glances


def _origins_of_claims(index: BriefIndex) -> dict[str, frozenset[str]]:
    """Each claim's origins: the ids of the root sources its source came through."""
    by_source: dict[str, frozenset[str]] = {}
    origins = {}
    for claim in index.brief.claims:
        known = by_source.get(claim.source)
        if known is None:
            known = by_source[claim.source] = frozenset(s.id for s in index.origins(claim.source))
        origins[claim.id] = known
    return origins


def _single_source_claims(index: BriefIndex, origins: dict[str, frozenset[str]]) -> set[str]:
    """Claims no independent origin corroborates. A claim is corroborated when a relation or
    event it supports (one it names, or that cites it) is also supported by a claim resting on
    none of its origins (root sources: those its source came through that came through
    nothing else). Two claims from one article, or from an article and an outlet relaying it,
    share that outlet as origin: they do not corroborate each other. A claim that supports no
    relation or event stands alone, so it is single-source."""
    groups = (
        [claim.id for claim in support]
        for record_id, support in index.claims_about.items()
        if record_id in index.relations or record_id in index.events
    )
    return set(origins) - corroborated(groups, origins)


# At most this many origins are named as the principal sources.
MAX_PRINCIPAL = 2


def _sourcing(index: BriefIndex) -> Sourcing:
    rows = queries.attributions(index)
    grades = Counter(row.grade for row in rows)
    origins = _origins_of_claims(index)
    counts = Counter(origin for kinds in origins.values() for origin in kinds)
    ranked = sorted(counts, key=lambda o: (-counts[o], index.name_of(o), o))
    return Sourcing(
        claim_count=len(rows),
        single_source_count=len(_single_source_claims(index, origins)),
        anonymous_count=sum(not row.named for row in rows),
        via_translation_count=sum(row.via_translation for row in rows),
        source_count=len(index.brief.sources),
        anonymous_source_count=sum(not source.named for source in index.brief.sources),
        grades=[GradeCount(grade=grade, count=grades[grade]) for grade in sorted(grades)],
        origin_count=len(counts),
        principal=[
            SourceCount(source=Ref(id=o, name=index.name_of(o)), claim_count=counts[o])
            for o in ranked[:MAX_PRINCIPAL]
        ],
        translation_source_count=sum(
            source.kind == "translation" for source in index.brief.sources
        ),
    )


def briefing(index: BriefIndex, everything: bool = False) -> Briefing:
    """The pre-meeting briefing: judgments, key actors and events, alignments, sourcing, gaps."""
    meta = index.brief.meta
    return Briefing(
        title=meta.title,
        as_of=meta.as_of,
        handling=meta.handling,
        authors=list(meta.authors),
        bottom_line=meta.bottom_line,
        summary=meta.summary,
        key_judgments=[
            JudgmentLine(
                id=j.id,
                text=j.text,
                likelihood=j.likelihood,
                confidence=j.confidence,
                claims=[queries.ref(index, claim_id) for claim_id in j.claims],
            )
            for j in meta.key_judgments
        ],
        actors=_key_actors(index, None if everything else MAX_ACTORS),
        actor_count=sum(actor.kind != "bloc" for actor in index.brief.actors),
        events=_key_events(index, None if everything else MAX_EVENTS),
        event_count=len(index.brief.events),
        alignments=_alignments(index),
        sourcing=_sourcing(index),
        gaps=list(meta.gaps),
    )
