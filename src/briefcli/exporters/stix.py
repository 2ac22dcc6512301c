"""The brief as a STIX 2.1 bundle, written by hand as JSON (no STIX library needed).

- actors -> `identity` (person: individual; organisation: organization; state: organization
  in the government-national sector; bloc: group);
- places -> `location` (latitude/longitude, country, city where known); a place with neither
  coordinates nor a country cannot be a valid location and becomes a `note` labelled `place`;
- relations -> `relationship`; STIX defines no relationship between two identities, so the
  brief's type is used, spelt as the spec requires (`member_of` -> `member-of`);
- events -> `grouping` of their participants, place and evidence (STIX has no event object);
- claims -> `note` (abstract: the statement; content: the verbatim excerpt and its grade;
  `authors`: every source it came through, on every route; `external_references`: each of
  these sources), with an
  `opinion` of the brief's authors on it from the Admiralty credibility digit;
- key judgments, analyst notes and gaps -> `note`; everything -> one `report`.

What STIX has no property for travels beside it, so that `briefcli import --from stix` gives
back the brief that was exported: each record's object carries its id and the fields its STIX
properties do not carry exactly as `x_briefcli_<field>` (the model's field, as the brief
writes it), and the report carries the meta, vocabulary, sources and stored texts. These are
top-level properties of an `extension-definition` (toplevel-property-extension) in the bundle,
so STIX tools that do not know them accept and ignore them (docs/import.md).

Confidence follows the STIX 2.1 specification, Appendix A: the Admiralty credibility scale for
claims (1 -> 90 ... 5 -> 10; 6, "truth cannot be judged", has no value and is left out) and
the None/Low/Med/High scale for ICD 203 analytic confidence (low 15, moderate 50, high 85).
Ids are uuid5 over a fixed namespace and the brief's ids, and every timestamp is meta.as_of,
so an unchanged brief exports to the same bytes.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import msgspec

from briefcli.authoring.importers.stix import CARRIED, PREFIX, UNLOCATED_PLACE_CARRIED
from briefcli.brief import dates
from briefcli.brief.model import (
    CREDIBILITY_LABELS,
    RELIABILITY_LABELS,
    Actor,
    Claim,
    Event,
    Note,
    Place,
    Relation,
    Source,
)
from briefcli.brief.stored_texts import UnreadableText, read_stored_text, stored_text_path
from briefcli.console import safe_json
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex

# Never change: every exported id is derived from it.
NAMESPACE = uuid.UUID("1b6f0a5e-2f1c-4d5e-9b8a-7c3d2e1f0a9b")

ADMIRALTY_CREDIBILITY = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
ICD203_CONFIDENCE = {"low": 15, "moderate": 50, "high": 85}
# The brief's authors' opinion of a claim, from its credibility digit.
CREDIBILITY_OPINIONS = {
    1: "strongly-agree",
    2: "agree",
    3: "neutral",
    4: "disagree",
    5: "strongly-disagree",
}
IDENTITY_CLASSES = {
    "person": "individual",
    "organisation": "organization",
    "state": "organization",
    "jurisdiction": "organization",
    "bloc": "group",
}
# STIX's industry-sector vocabulary for governments.
SECTORS = {"state": "government-national", "jurisdiction": "government-regional"}

StixObject = dict[str, Any]
BriefRecord = Actor | Place | Relation | Event | Claim | Note


def stix_id(stix_type: str, key: str) -> str:
    """`type--uuid5(NAMESPACE, "type/key")`; `key` names the record, e.g. `actors/hdwu`."""
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, f'{stix_type}/{key}')}"


def timestamp(edtf: str) -> str:
    """The first day an EDTF date may mean, as a STIX timestamp (midnight UTC)."""
    return f"{dates.parse_edtf(edtf).start.isoformat()}T00:00:00.000Z"


def _end_timestamp(edtf: str) -> str:
    return f"{dates.parse_edtf(edtf).end.isoformat()}T23:59:59.999Z"


def _words(relation_type: str) -> str:
    return relation_type.replace("_", " ")


def _located(place: Place) -> bool:
    return (place.latitude is not None and place.longitude is not None) or bool(place.country)


class _Builder:
    """Builds the bundle's objects; each method adds the objects for one section."""

    def __init__(self, index: BriefIndex, texts: dict[str, str]) -> None:
        self.index = index
        self.texts = texts
        meta = index.brief.meta
        self.created = timestamp(meta.as_of)
        self.authors = list(meta.authors)
        self.report_id = stix_id("report", f"brief/{meta.title}")
        self.author_id = stix_id("identity", "authors/" + "\n".join(self.authors))
        self.marking_id = stix_id("marking-definition", f"handling/{meta.handling}")
        self.extension_id = stix_id("extension-definition", "briefcli/records")
        self.objects: list[StixObject] = []
        # Brief id -> STIX id, for every record that becomes an object.
        self.ids: dict[str, str] = {}
        for actor in index.brief.actors:
            self.ids[actor.id] = stix_id("identity", f"actors/{actor.id}")
        for place in index.brief.places:
            kind = "location" if _located(place) else "note"
            self.ids[place.id] = stix_id(kind, f"places/{place.id}")
        for relation in index.brief.relations:
            self.ids[relation.id] = stix_id("relationship", f"relations/{relation.id}")
        for event in index.brief.events:
            self.ids[event.id] = stix_id("grouping", f"events/{event.id}")
        for claim in index.brief.claims:
            self.ids[claim.id] = stix_id("note", f"claims/{claim.id}")
        for judgment in meta.key_judgments:
            self.ids[judgment.id] = stix_id("note", f"key_judgments/{judgment.id}")
        for note in index.brief.notes:
            self.ids[note.id] = stix_id("note", f"notes/{note.id}")
        # The relations and events each claim supports, and the events at each place.
        self.supports: dict[str, list[str]] = {}
        for record_id, claims in index.claims_about.items():
            if record_id in index.relations or record_id in index.events:
                for claim in claims:
                    self.supports.setdefault(claim.id, []).append(record_id)
        self.events_at: dict[str, list[str]] = {}
        for event in index.brief.events:
            if event.place:
                self.events_at.setdefault(event.place, []).append(event.id)

    # ------------------------------------------------------------ helpers

    def common(self, stix_type: str, stix_id_: str) -> StixObject:
        return {
            "type": stix_type,
            "spec_version": "2.1",
            "id": stix_id_,
            "created": self.created,
            "modified": self.created,
            "created_by_ref": self.author_id,
            "object_marking_refs": [self.marking_id],
        }

    def refs(self, record_ids: list[str]) -> list[str]:
        """STIX ids of the records that are objects, in order, once each; the report when
        none is (object_refs may not be empty)."""
        found = [self.ids[r] for r in dict.fromkeys(record_ids) if r in self.ids]
        return found or [self.report_id]

    def carry(self, target: StixObject, record: BriefRecord, carried: frozenset[str]) -> None:
        """The record's id, and its fields that the STIX properties do not carry exactly, as
        x_briefcli_<field> (those at their default value are left out, as in the brief)."""
        target[f"{PREFIX}id"] = record.id
        for field, value in msgspec.to_builtins(record).items():
            if field not in carried:
                target[PREFIX + field] = value
        self.extended(target)

    def extended(self, target: StixObject) -> None:
        target["extensions"] = {
            self.extension_id: {"extension_type": "toplevel-property-extension"}
        }

    def add_authors(self, target: StixObject) -> None:
        if self.authors:
            target["authors"] = list(self.authors)

    def source_reference(self, source: Source) -> StixObject:
        parts = [
            f"{source.kind}, reliability {source.reliability} "
            f"({RELIABILITY_LABELS[source.reliability]}), "
            + ("named" if source.named else "anonymous")
        ]
        routes = [route[1:] for route in self.index.source_routes(source.id) if len(route) > 1]
        if routes:
            parts.append(
                "reached the brief via "
                + " or via ".join(" ← ".join(s.name for s in route) for route in routes)
            )
        if source.description:
            parts.append(source.description)
        reference: StixObject = {"source_name": source.name, "description": "; ".join(parts)}
        if source.url:
            reference["url"] = source.url
        return reference

    # ------------------------------------------------------------ sections

    def preamble(self) -> None:
        meta = self.index.brief.meta
        self.objects.append(
            {
                "type": "identity",
                "spec_version": "2.1",
                "id": self.author_id,
                "created": self.created,
                "modified": self.created,
                "name": ", ".join(self.authors) or "briefcli",
                "description": f"Authors of the brief {meta.title!r}.",
            }
        )
        self.objects.append(
            {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": self.marking_id,
                "created": self.created,
                "created_by_ref": self.author_id,
                "name": meta.handling,
                "definition_type": "statement",
                "definition": {"statement": meta.handling},
            }
        )
        self.objects.append(
            {
                "type": "extension-definition",
                "spec_version": "2.1",
                "id": self.extension_id,
                "created": self.created,
                "modified": self.created,
                "created_by_ref": self.author_id,
                "name": "briefcli records",
                "description": "What a briefcli brief says that STIX has no property for: each "
                "record's id and fields (x_briefcli_id, x_briefcli_<field>), and on the report "
                "the brief's meta, vocabulary, sources and stored texts.",
                "schema": "The fields of the briefcli/1 brief format (docs/brief-format.md of "
                "briefcli), as the brief writes them; docs/import.md says which property "
                "carries which field.",
                "version": "1.0.0",
                "extension_types": ["toplevel-property-extension"],
                "extension_properties": [],  # filled in when every object is made
            }
        )

    def actor(self, actor: Actor) -> None:
        index = self.index
        lines = [f"{actor.kind}" + (f" ({actor.type})" if actor.type else "") + "."]
        if actor.description:
            lines.append(actor.description)
        if actor.aliases:
            lines.append("Also known as: " + "; ".join(a.name for a in actor.aliases) + ".")
        if actor.status != "active":
            lines.append(
                f"Status: {actor.status}" + (f" {actor.status_date}" if actor.status_date else "")
            )
        if actor.country:
            lines.append(f"Country: {index.name_of(actor.country)}.")
        identity = self.common("identity", self.ids[actor.id])
        identity.update(
            name=actor.name,
            description="\n".join(lines),
            identity_class=IDENTITY_CLASSES[actor.kind],
            labels=[actor.kind, *([actor.type] if actor.type else [])],
        )
        if actor.kind in SECTORS:
            identity["sectors"] = [SECTORS[actor.kind]]
        if actor.roles:
            identity["roles"] = [
                role.title + (f", {index.name_of(role.of)}" if role.of else "")
                for role in actor.roles
            ]
        self.carry(identity, actor, CARRIED["actors"])
        self.objects.append(identity)

    def place(self, place: Place) -> None:
        index = self.index
        description = f"{place.kind}" + (
            f" in {index.name_of(place.country)}" if place.country else ""
        )
        if place.aliases:
            description += "; also: " + "; ".join(a.name for a in place.aliases)
        if not _located(place):
            note = self.common("note", self.ids[place.id])
            note.update(
                abstract=f"Place: {place.name}",
                content=f"{place.name}: {description}. The brief gives no coordinates or "
                "country, so it cannot be a STIX location.",
                object_refs=self.refs(self.events_at.get(place.id, [])),
                labels=["place"],
            )
            self.carry(note, place, UNLOCATED_PLACE_CARRIED)
            self.objects.append(note)
            return
        location = self.common("location", self.ids[place.id])
        location.update(name=place.name, description=description)
        if place.latitude is not None and place.longitude is not None:
            location.update(latitude=place.latitude, longitude=place.longitude)
        if place.country:
            # The brief has no ISO 3166 codes: the country is named.
            location["country"] = index.name_of(place.country)
        if place.kind == "city":
            location["city"] = place.name
        self.carry(location, place, CARRIED["places"])
        self.objects.append(location)

    def relation(self, relation: Relation) -> None:
        index = self.index
        subject, obj = index.actor_name(relation.subject), index.actor_name(relation.object)
        text = f"{subject} {_words(relation.type)} {obj}"
        if relation.inferred:
            text += " (analyst inference)"
        if relation.description:
            text += f". {relation.description}"
        labels: list[str] = [relation.type]
        if relation.type in index.words.mutual:
            labels.append("mutual")
        if relation.inferred:
            labels.append("inferred")
        relationship = self.common("relationship", self.ids[relation.id])
        relationship.update(
            relationship_type=relation.type.replace("_", "-"),
            source_ref=self.ids[relation.subject],
            target_ref=self.ids[relation.object],
            description=text,
            confidence=ICD203_CONFIDENCE[relation.confidence],
            labels=labels,
        )
        if relation.since:
            relationship["start_time"] = timestamp(relation.since)
        if relation.until:
            relationship["stop_time"] = _end_timestamp(relation.until)
        self.carry(relationship, relation, CARRIED["relations"])
        self.objects.append(relationship)

    def event(self, event: Event) -> None:
        index = self.index
        lines = [f"{event.kind}, {dates.display(event.date)}"]
        if event.date.reasoning:
            lines.append(f"Date reasoning: {event.date.reasoning}")
        if event.place:
            lines.append(f"Place: {index.name_of(event.place)}")
        if event.participants:
            lines.append(
                "Participants: "
                + "; ".join(f"{index.actor_name(p.actor)} ({p.role})" for p in event.participants)
            )
        if event.summary:
            lines.append(event.summary)
        evidence = [claim.id for claim in index.claims_about.get(event.id, [])]
        members = [p.actor for p in event.participants]
        grouping = self.common("grouping", self.ids[event.id])
        grouping.update(
            name=event.title,
            description="\n".join(lines),
            context="unspecified",
            object_refs=self.refs([*members, *([event.place] if event.place else []), *evidence]),
            labels=["event", event.kind],
        )
        self.carry(grouping, event, CARRIED["events"])
        self.objects.append(grouping)

    def claim(self, claim: Claim) -> None:
        index = self.index
        chain = index.source_chain(claim.source)
        reliability = chain[0].reliability if chain else "F"
        # The chain's sources first, then those only other routes pass through.
        on_chain = {source.id for source in chain}
        upstream = [*chain, *(s for s in index.upstream(claim.source) if s.id not in on_chain)]
        content = (
            f"“{claim.excerpt}”\n\nGrade {reliability}{claim.credibility}: source "
            f"{RELIABILITY_LABELS[reliability]}, information "
            f"{CREDIBILITY_LABELS[claim.credibility]} (Admiralty scale)."
        )
        note = self.common("note", self.ids[claim.id])
        note.update(
            abstract=claim.statement,
            content=content,
            authors=[source.name for source in upstream],
            object_refs=self.refs([*claim.actors, *self.supports.get(claim.id, [])]),
            external_references=[self.source_reference(source) for source in upstream],
            labels=["claim"],
        )
        if claim.credibility in ADMIRALTY_CREDIBILITY:
            note["confidence"] = ADMIRALTY_CREDIBILITY[claim.credibility]
        self.carry(note, claim, CARRIED["claims"])
        self.objects.append(note)
        if claim.credibility in CREDIBILITY_OPINIONS:
            opinion = self.common("opinion", stix_id("opinion", f"claims/{claim.id}"))
            opinion.update(
                opinion=CREDIBILITY_OPINIONS[claim.credibility],
                explanation=f"Information credibility {claim.credibility} on the Admiralty "
                f"scale: {CREDIBILITY_LABELS[claim.credibility]}.",
                object_refs=[self.ids[claim.id]],
            )
            self.add_authors(opinion)
            self.objects.append(opinion)

    def judgments(self) -> None:
        for judgment in self.index.brief.meta.key_judgments:
            note = self.common("note", self.ids[judgment.id])
            note.update(
                abstract=f"Key judgment ({judgment.likelihood}, {judgment.confidence} confidence)",
                content=f"{judgment.text}\n\nLikelihood (ICD 203): {judgment.likelihood}. "
                f"Analytic confidence: {judgment.confidence}.",
                confidence=ICD203_CONFIDENCE[judgment.confidence],
                object_refs=self.refs(judgment.claims),
                labels=["key-judgment"],
            )
            self.add_authors(note)
            self.objects.append(note)

    def note(self, brief_note: Note) -> None:
        sources = [
            self.index.sources[target]
            for target in brief_note.concerns
            if target in self.index.sources
        ]
        note = self.common("note", self.ids[brief_note.id])
        note.update(
            abstract=f"Analyst note ({brief_note.kind})",
            content=brief_note.text,
            object_refs=self.refs(brief_note.concerns),
            labels=["analyst-note", brief_note.kind],
        )
        if brief_note.confidence:
            note["confidence"] = ICD203_CONFIDENCE[brief_note.confidence]
        if sources:
            note["external_references"] = [self.source_reference(s) for s in sources]
        self.add_authors(note)
        self.carry(note, brief_note, CARRIED["notes"])
        self.objects.append(note)

    def gaps(self) -> None:
        gaps = self.index.brief.meta.gaps
        if not gaps:
            return
        note = self.common("note", stix_id("note", "gaps"))
        note.update(
            abstract="Gaps and open questions",
            content="\n".join(f"- {gap}" for gap in gaps),
            object_refs=[self.report_id],
            labels=["gap"],
        )
        self.add_authors(note)
        self.objects.append(note)

    def report(self) -> None:
        meta = self.index.brief.meta
        description = "\n\n".join(filter(None, [meta.bottom_line, meta.summary]))
        report = self.common("report", self.report_id)
        report.update(
            name=meta.title,
            published=self.created,
            object_refs=[
                obj["id"]
                for obj in self.objects
                if obj["type"] not in ("marking-definition", "extension-definition")
            ],
        )
        if description:
            report["description"] = description
        brief = self.index.brief
        report[f"{PREFIX}meta"] = {
            key: value for key, value in msgspec.to_builtins(meta).items() if key != "title"
        }
        vocabulary = msgspec.to_builtins(brief.vocabulary)
        if vocabulary:
            report[f"{PREFIX}vocabulary"] = vocabulary
        if brief.sources:
            report[f"{PREFIX}sources"] = [msgspec.to_builtins(s) for s in brief.sources]
        if self.texts:
            report[f"{PREFIX}stored_texts"] = self.texts
        self.extended(report)
        self.objects.append(report)


def bundle(index: BriefIndex, texts: dict[str, str] | None = None) -> StixObject:
    """The STIX bundle as plain data; `texts`: the sources' stored texts, by their `text`."""
    builder = _Builder(index, texts or {})
    brief = index.brief
    builder.preamble()
    for actor in brief.actors:
        builder.actor(actor)
    for place in brief.places:
        builder.place(place)
    for relation in brief.relations:
        builder.relation(relation)
    for event in brief.events:
        builder.event(event)
    for claim in brief.claims:
        builder.claim(claim)
    builder.judgments()
    for note in brief.notes:
        builder.note(note)
    builder.gaps()
    builder.report()
    extension = next(o for o in builder.objects if o["type"] == "extension-definition")
    extension["extension_properties"] = sorted(
        {key for obj in builder.objects for key in obj if key.startswith(PREFIX)}
    )
    return {
        "type": "bundle",
        "id": stix_id("bundle", f"brief/{brief.meta.title}/{brief.meta.as_of}"),
        "objects": builder.objects,
    }


def stored_texts(loaded: LoadedBrief) -> dict[str, str]:
    """The stored texts of the brief's sources that can be read, by the path the brief gives."""
    texts: dict[str, str] = {}
    for source in loaded.brief.sources:
        root = loaded.text_roots.get(source.id)
        if source.text is None or root is None or source.text in texts:
            continue
        path = stored_text_path(Path(root), source.text)
        if path is None:
            continue
        try:
            texts[source.text] = read_stored_text(path).decode("utf-8-sig")
        except (OSError, UnreadableText, UnicodeDecodeError):
            continue  # a brief copied without its texts exports without them
    return texts


def export(loaded: LoadedBrief) -> str:
    """JSON with sorted keys and two-space indents; C1 and bidi characters as \\u escapes."""
    text = json.dumps(
        bundle(loaded.index, stored_texts(loaded)), sort_keys=True, indent=2, ensure_ascii=False
    )
    return safe_json(text) + "\n"
