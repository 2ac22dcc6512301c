"""Lookup tables over a loaded brief, built once, so that no query scans more than it must."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

from briefcli.model import (
    Actor,
    Brief,
    Claim,
    Event,
    Note,
    Place,
    Relation,
    Source,
)
from briefcli.names import NameIndex


class BriefIndex:
    """Records by id, and what points at each actor, event, relation and claim."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        # Answers the query layer derives from the whole brief once, e.g. every actor's blocs.
        self.memo: dict[str, Any] = {}
        self.actors: dict[str, Actor] = {actor.id: actor for actor in brief.actors}
        self.sources: dict[str, Source] = {source.id: source for source in brief.sources}
        self.places: dict[str, Place] = {place.id: place for place in brief.places}
        self.relations: dict[str, Relation] = {rel.id: rel for rel in brief.relations}
        self.events: dict[str, Event] = {event.id: event for event in brief.events}
        self.claims: dict[str, Claim] = {claim.id: claim for claim in brief.claims}
        self.notes: dict[str, Note] = {note.id: note for note in brief.notes}

        self.relations_of: dict[str, list[Relation]] = defaultdict(list)
        for relation in brief.relations:
            self.relations_of[relation.subject].append(relation)
            self.relations_of[relation.object].append(relation)

        self.events_of: dict[str, list[Event]] = defaultdict(list)
        for event in brief.events:
            for actor_id in dict.fromkeys(p.actor for p in event.participants):
                self.events_of[actor_id].append(event)

        # Claims about a record: named by the claim itself, or cited by the record.
        self.claims_about: dict[str, list[Claim]] = defaultdict(list)
        for claim in brief.claims:
            for target in dict.fromkeys([*claim.actors, *claim.events, *claim.relations]):
                self.claims_about[target].append(claim)
        cited_by: list[tuple[str, list[str]]] = [(r.id, r.claims) for r in brief.relations]
        cited_by += [(event.id, event.claims) for event in brief.events]
        for record_id, claim_ids in cited_by:
            already = {claim.id for claim in self.claims_about.get(record_id, [])}
            for claim_id in dict.fromkeys(claim_ids):
                cited = self.claims.get(claim_id)
                if cited is not None and claim_id not in already:
                    self.claims_about[record_id].append(cited)

        self.notes_about: dict[str, list[Note]] = defaultdict(list)
        for note in brief.notes:
            for target in dict.fromkeys(note.concerns):
                self.notes_about[target].append(note)

        self.claims_from: dict[str, list[Claim]] = defaultdict(list)
        for claim in brief.claims:
            self.claims_from[claim.source].append(claim)

    @cached_property
    def names(self) -> NameIndex:
        """Folded names and aliases, for resolving what the user typed."""
        return NameIndex(self.brief.actors)

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def source_chain(self, source_id: str) -> list[Source]:
        """The source, then each source it came through, outermost last (stops on loops)."""
        chain: list[Source] = []
        seen: set[str] = set()
        current: str | None = source_id
        while current is not None and current in self.sources and current not in seen:
            seen.add(current)
            chain.append(self.sources[current])
            current = self.sources[current].via
        return chain

    def name_of(self, record_id: str) -> str:
        """A human label for any id in the brief."""
        for table in (self.actors, self.places, self.sources):
            record = table.get(record_id)
            if record is not None:
                return record.name
        event = self.events.get(record_id)
        if event is not None:
            return event.title
        claim = self.claims.get(record_id)
        if claim is not None:
            return claim.statement
        relation = self.relations.get(record_id)
        if relation is not None:
            subject, obj = self.actor_name(relation.subject), self.actor_name(relation.object)
            return f"{subject} {relation.type.replace('_', ' ')} {obj}"
        return record_id
