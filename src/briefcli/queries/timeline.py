"""`timeline`: events in order, filtered by actor, kind, place and period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from briefcli.brief.model import (
    Actor,
    Event,
)
from briefcli.queries.common import LookupProblem, claim_refs, date_out, ref
from briefcli.results import (
    ParticipantOut,
    Ref,
    TimelineEntry,
)
from briefcli.search.names import fold
from briefcli.store.tables import BriefIndex


def ordered_events(index: BriefIndex, actor: Actor | None) -> list[Event]:
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
    """Events in timeline order (by date, time, then `after`/`before`), filtered."""
    if kind is not None and kind.lower() in index.words.event_kinds:
        kind = kind.lower()
    elif kind is not None:
        import difflib

        close = difflib.get_close_matches(kind, index.words.event_kinds, n=1)
        raise LookupProblem(
            f"no event kind {kind!r} in this brief's vocabulary",
            f"did you mean {close[0]!r}?" if close else "see docs/brief-format.md, events",
        )
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
                    ParticipantOut(
                        id=p.actor, name=index.actor_name(p.actor), role=p.role, note=p.note
                    )
                    for p in event.participants
                ],
                claims=claim_refs(index.claims[claim_id] for claim_id in event.claims),
                summary=event.summary,
                time=event.time,
                after=[Ref(id=e, name=index.events[e].title) for e in event.after],
                before=[Ref(id=e, name=index.events[e].title) for e in event.before],
            )
        )
    return entries


def _matching_places(index: BriefIndex, query: str) -> set[str]:
    """The places the query names (by id, name or alias), and every place within them."""
    named = named_places(index, query)
    if not named:
        known = ", ".join(sorted(place.name for place in index.places.all())[:12])
        raise LookupProblem(
            f"no place matches {query!r}", f"known places: {known}" if known else None
        )
    return places_within(index, named)


def named_places(index: BriefIndex, query: str) -> set[str]:
    """The places a query names: by id, else by name or alias (folded); none is empty."""
    if query in index.places:
        return {query}
    wanted = fold(query)
    return {
        place.id
        for place in index.places.all()
        if any(wanted == fold(name) for name in [place.name, *(a.name for a in place.aliases)])
    }


def places_within(index: BriefIndex, outer: set[str]) -> set[str]:
    """These places and every place within them, at any depth (`within`)."""
    inside: dict[str, list[str]] = {}
    for place in index.places.all():
        if place.within is not None:
            inside.setdefault(place.within, []).append(place.id)
    found, waiting = set(outer), list(outer)
    while waiting:
        for contained in inside.get(waiting.pop(), []):
            if contained not in found:
                found.add(contained)
                waiting.append(contained)
    return found
