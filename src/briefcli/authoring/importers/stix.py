"""A STIX 2.1 bundle as a brief's records, read as plain JSON (docs/import.md has the tables).

Bundles of other tools: threat actors, identities, intrusion sets and campaigns are actors;
locations are places; relationships between actors are relations, their types mapped to the
brief's (RELATIONSHIP_TYPES) or taken as the brief's own when it has them; reports are sources,
and notes are notes (concerning the reports that hold them). Anything else is reported, never
dropped silently.

Bundles of `briefcli export --to stix` carry, beside the STIX properties written for other
tools, each record's id and the fields STIX has no property for as `x_briefcli_<field>`
(declared by a toplevel-property-extension); the brief's meta, vocabulary, sources and stored
texts ride on its report. Importing one into a new brief gives the brief that was exported.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, NamedTuple, get_args

import msgspec

from briefcli.authoring.importers.common import (
    Import,
    InputError,
    NotMapped,
    Record,
    read_input,
)
from briefcli.authoring.references import META_FIELDS, REFERENCE_FIELDS
from briefcli.brief.model import ActorKind, NoteKind, Vocabulary
from briefcli.brief.stored_texts import stored_text_path

PREFIX = "x_briefcli_"
# The fields of each section's records that the exporter's standard STIX properties carry
# exactly (read back from them); every other field travels as x_briefcli_<field>.
CARRIED: dict[str, frozenset[str]] = {
    "actors": frozenset({"id", "name", "kind", "type"}),  # name; labels: [kind, type]
    "places": frozenset({"id", "name", "latitude", "longitude"}),  # as a STIX location
    "relations": frozenset({"id", "subject", "object", "type", "confidence", "inferred"}),
    "events": frozenset({"id", "title", "kind"}),  # name; labels: [event, kind]
    "claims": frozenset({"id", "statement", "credibility"}),  # abstract; confidence
    "notes": frozenset({"id", "text", "kind", "confidence"}),  # content; labels: [.., kind]
}
# A place with neither coordinates nor a country is exported as a note: only its id is carried.
UNLOCATED_PLACE_CARRIED = frozenset({"id"})

# STIX relationship types between actors, and the brief's nearest relation type. A type the
# brief itself has (`member-of`, as the exporter spells member_of) is taken as it is.
RELATIONSHIP_TYPES = {
    "attributed-to": "linked_to",  # a campaign or intrusion set attributed to an actor
    "related-to": "linked_to",  # the loosest tie in the brief's words (not kinship)
    "targets": "hostile_to",
}
# STIX types the brief spells alike for another tie: STIX's `related-to` is its loosest
# relationship, the brief's `related_to` kinship. They go by the table, never as spelt.
FALSE_FRIENDS = frozenset({"related-to"})
ACTOR_TYPES = ("identity", "threat-actor", "intrusion-set", "campaign")
# A location's fields, most specific first, and the place kind of a location named as one.
LOCATION_KINDS = {
    "street_address": "address",
    "city": "city",
    "administrative_area": "region",
    "country": "country",
    "region": "region",
}
# Identity sectors that make an organisation a government.
GOVERNMENT_SECTORS = {"government-national": "state", "government-regional": "jurisdiction",
                      "government-local": "jurisdiction"}  # fmt: skip
INDIVIDUAL_THREAT_ACTORS = frozenset({"lone-wolf", "insider-accidental", "insider-disgruntled"})
# The order records are built in: what others refer to first.
ORDER = ("sources", "actors", "places", "relations", "events", "claims", "notes")


def icd203_confidence(value: Any) -> str | None:
    """A STIX confidence (0-100) on the None/Low/Med/High scale of STIX 2.1 Appendix A, as
    the brief's analytic confidence (None, which the brief has not, is low)."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        return None
    return "low" if value < 30 else "moderate" if value < 70 else "high"


def admiralty_credibility(value: Any) -> int:
    """A STIX confidence on the Admiralty credibility scale of Appendix A (80-100 is 1,
    confirmed ... 0-19 is 5, improbable); none is 6, truth cannot be judged."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        return 6
    return (
        next(grade for grade, least in ((1, 80), (2, 60), (3, 40), (4, 20)) if value >= least)
        if value >= 20
        else 5
    )


class Bundle(NamedTuple):
    path: Path
    objects: list[tuple[int, Any]]  # (number from 1, object)


def read_bundle(path: Path) -> Bundle:
    """A STIX bundle (JSON); InputError, with the line and column, if it is not one."""
    text = read_input(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: line {error.lineno} column {error.colno}: not valid JSON: {error.msg}"
        ) from None
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise InputError(f'{path}: line 1: not a STIX bundle (a JSON object of "type": "bundle")')
    objects = data.get("objects", [])
    if not isinstance(objects, list):
        raise InputError(f"{path}: the bundle's objects are not a list")
    return Bundle(path, list(enumerate(objects, start=1)))


def import_bundle(imported: Import, bundle: Bundle, folder: Path, new_brief: bool) -> None:
    """Every object of the bundle as records of the brief in `folder` (or a reason it is not
    one); `new_brief`: the brief is new and takes the meta of a briefcli bundle."""
    _Reader(imported, bundle, folder, new_brief).run()


def _date(timestamp: Any) -> str | None:
    """The day of a STIX timestamp."""
    return timestamp[:10] if isinstance(timestamp, str) and len(timestamp) >= 10 else None


class _Reader:
    def __init__(self, imported: Import, bundle: Bundle, folder: Path, new_brief: bool) -> None:
        self.imported = imported
        self.folder = folder
        self.new_brief = new_brief
        self.numbered = [
            (number, obj)
            for number, obj in bundle.objects
            if isinstance(obj, dict)
            and isinstance(obj.get("type"), str)
            and isinstance(obj.get("id"), str)
        ]
        good = {number for number, _ in self.numbered}
        self.malformed = [number for number, _ in bundle.objects if number not in good]
        self.objects = {obj["id"]: obj for _, obj in self.numbered}
        self.number_of = {obj["id"]: number for number, obj in self.numbered}
        self.ids: dict[str, str] = {}  # STIX id -> the record's id in this brief
        self.renamed: dict[str, str] = {}  # the exported brief's ids -> ids in this brief
        self.present: dict[int, tuple[str, str]] = {}  # object -> (id, why) already in the brief
        self.containers: dict[str, list[str]] = {}  # STIX id -> sources of reports holding it
        self.report = next(
            ((n, obj) for n, obj in self.numbered
             if obj["type"] == "report" and f"{PREFIX}meta" in obj),
            None,
        )  # fmt: skip
        self.briefcli_claims = {
            obj["id"] for _, obj in self.numbered if obj["type"] == "note" and _ours(obj)
        }
        self.producers = self._producers()

    def _producers(self) -> set[str]:
        """Identities that only made the bundle (created_by_ref), not actors in it: no
        relationship or object but a report (which lists everything) refers to them."""
        makers = {obj.get("created_by_ref") for _, obj in self.numbered}
        named = {
            ref
            for _, obj in self.numbered
            if obj["type"] != "report"
            for ref in [
                obj.get("source_ref"),
                obj.get("target_ref"),
                *_list(obj.get("object_refs")),
            ]
        }
        return {maker for maker in makers if isinstance(maker, str)} - named

    # ------------------------------------------------------------ plan

    def run(self) -> None:
        imported = self.imported
        if self.report is not None:
            self._plan_report()
        plan: dict[str, list[tuple[int, dict[str, Any]]]] = {section: [] for section in ORDER}
        for number in self.malformed:
            with imported.row(number):
                raise NotMapped("not a STIX object: it has no type or no id")
        for number, obj in self.numbered:
            section = self._section(number, obj)
            if section is not None:
                plan[section].append((number, obj))
        for section in ORDER:
            for number, obj in plan[section]:
                self._allocate(section, number, obj)
        for _, report in plan["sources"]:  # the notes a report holds concern it
            for ref in _strings(report.get("object_refs")):
                self.containers.setdefault(ref, []).append(self.ids[report["id"]])
        if self.report is not None:
            self._report_row()
        for section in ORDER:
            build = getattr(self, f"_{section}")
            for number, obj in plan[section]:
                with imported.row(number, obj["id"]):
                    present = self.present.get(number)
                    if present is not None:
                        imported.skip(number, section, present[0], present[1], obj["id"])
                        continue
                    record = build(number, obj)
                    if record is not None:  # None: skipped, and said why
                        imported.add(section, record, number, obj["id"])

    def _section(self, number: int, obj: dict[str, Any]) -> str | None:
        """The section an object goes to; None when it is reported here instead."""
        kind, labels = obj["type"], obj.get("labels") or []
        skip = None
        if obj.get("revoked") is True:
            skip = "revoked by its producer"
        elif self.report is not None and obj is self.report[1]:
            return None  # its own row (_report_row)
        elif kind in ACTOR_TYPES and obj["id"] not in self.producers:
            return "actors"
        elif kind == "identity":
            skip = "the bundle's author (created_by_ref), not an actor in it"
        elif kind == "location" or (kind == "note" and _ours(obj) and "place" in labels):
            return "places"
        elif kind == "relationship":
            return "relations"
        elif kind == "grouping" and "event" in labels:
            return "events"
        elif kind == "note" and _ours(obj) and "claim" in labels:
            return "claims"
        elif (
            kind == "note"
            and self.report is not None
            and not _ours(obj)
            and {"key-judgment", "gap"} & set(labels)
        ):
            skip = "a key judgment or the gaps: part of the brief's meta"
            if not self.new_brief:
                skip += ", which stays the target brief's own"
        elif kind == "note":
            return "notes"
        elif kind == "report":
            return "sources"
        elif kind == "marking-definition":
            skip = "a marking definition: a brief's one marking is its handling, in its meta"
        elif kind == "extension-definition":
            skip = "the definition of the x_briefcli_ properties"
        elif kind == "opinion" and set(obj.get("object_refs") or ["-"]) <= self.briefcli_claims:
            skip = "an opinion made from a claim's credibility, which the claim carries"
        with self.imported.row(number, obj["id"]):
            if skip is None:
                raise NotMapped(f"a STIX {kind}: the brief has no record for it")
            self.imported.skip(number, None, None, skip, obj["id"])
        return None

    def _allocate(self, section: str, number: int, obj: dict[str, Any]) -> None:
        """Find the object's record in the brief (same id, or same name), or set an id aside
        for it, before any record is built: records refer to each other in any order."""
        imported = self.imported
        own = obj.get(f"{PREFIX}id") if _ours(obj) else None
        name = _name_of(section, obj, self.objects)
        found: tuple[str, str] | None = None
        if isinstance(own, str) and imported.has(section, own):
            found = (own, "already present: same id")
        elif section in ("actors", "places", "sources") and name:
            same = imported.named(section, name)
            if same:
                found = (same[0], "already present: same name")
        if found is not None:
            self.present[number] = found
            record_id = found[0]
        else:
            record_id = imported.new_id(section, name or str(own or section), own)
        self.ids[obj["id"]] = record_id
        if isinstance(own, str):
            self.renamed[own] = record_id

    # ------------------------------------------------------------ the brief's report

    def _plan_report(self) -> None:
        """The sources a briefcli bundle's report carries get their ids first."""
        assert self.report is not None
        report = self.report[1]
        for source in _list(report.get(f"{PREFIX}sources")):
            if not isinstance(source, dict) or not isinstance(source.get("id"), str):
                continue
            same = self.imported.named("sources", str(source.get("name", "")))
            if self.imported.has("sources", source["id"]):
                self.renamed[source["id"]] = source["id"]
            elif same:
                self.renamed[source["id"]] = same[0]
            else:
                self.renamed[source["id"]] = self.imported.new_id(
                    "sources", str(source.get("name", "")), source["id"]
                )
        if self.new_brief:  # the meta's key judgments keep their ids
            judgments = _list(_dict(report.get(f"{PREFIX}meta")).get("key_judgments"))
            self.imported.taken |= {str(kj.get("id")) for kj in judgments if isinstance(kj, dict)}
        vocabulary = report.get(f"{PREFIX}vocabulary")
        if self.new_brief and isinstance(vocabulary, dict):
            from briefcli.brief.vocabulary import Words

            self.imported.vocabulary = vocabulary
            # A vocabulary that is not one is reported by the check of the whole brief.
            with contextlib.suppress(msgspec.ValidationError):
                self.imported.words = Words(msgspec.convert(vocabulary, Vocabulary))

    def _report_row(self) -> None:
        """A briefcli bundle's report: the brief's meta (for a new brief), and its sources
        with their stored texts."""
        assert self.report is not None
        imported = self.imported
        number, report = self.report
        with imported.row(number, report["id"]):
            if self.new_brief:
                meta = {"title": report.get("name"), **_dict(report.get(f"{PREFIX}meta"))}
                for name, fields in META_FIELDS.items():
                    for entry in _list(meta.get(name)):
                        for field in fields:
                            if isinstance(entry, dict) and field in entry:
                                entry[field] = self._renamed(entry[field])
                imported.meta = meta
                imported.skip(number, "meta", None, "used as the new brief's meta", report["id"])
            else:
                imported.skip(
                    number, "meta", None, "the brief's meta: the target keeps its own",
                    report["id"],
                )  # fmt: skip
            texts = _dict(report.get(f"{PREFIX}stored_texts"))
            for source in _list(report.get(f"{PREFIX}sources")):
                if not isinstance(source, dict) or not isinstance(source.get("id"), str):
                    raise NotMapped("its x_briefcli_sources hold a source with no id")
                record_id = self.renamed[source["id"]]
                if imported.has("sources", record_id):
                    imported.skip(number, "sources", record_id, "already present", report["id"])
                    continue
                record = self._remapped("sources", {**source, "id": record_id})
                remark = self._stored_text(number, record, texts.get(str(record.get("text"))))
                imported.add("sources", record, number, report["id"], remark)

    def _stored_text(self, number: int, source: Record, content: Any) -> str | None:
        """Write a source's stored text from the bundle beside the brief (under another name
        if a different file has its name); a remark when it cannot be."""
        relative = source.get("text")
        if not isinstance(relative, str):
            return None
        path = stored_text_path(self.folder, relative)
        if path is None:
            del source["text"]
            return f"its stored text {relative!r} is not inside the brief's folder: left out"
        try:
            there = path.read_text(encoding="utf-8") if path.exists() else None
        except (OSError, UnicodeDecodeError):
            there = ""  # unreadable: another text, kept as it is
        if not isinstance(content, str):
            if there is not None:
                return None
            del source["text"]
            return f"its stored text {relative} is not in the bundle: left out"
        if there is None or there == content:
            if there is None:
                self.imported.text(relative, number, content)
            return None
        stem, _, suffix = relative.rpartition(".")
        count = 2
        while (self.folder / f"{stem}-{count}.{suffix}").exists():
            count += 1
        source["text"] = f"{stem}-{count}.{suffix}"
        self.imported.text(source["text"], number, content)
        return f"its stored text was written as {source['text']}: {relative} is another text"

    # ------------------------------------------------------------ records

    def _record(self, section: str, obj: dict[str, Any], carried: Record) -> Record:
        """A record from the properties that carry it, and, for a briefcli object, its
        x_briefcli_ fields (their ids as in this brief)."""
        record = {**carried, "id": self.ids[obj["id"]]}
        if _ours(obj):
            for key, value in obj.items():
                if key.startswith(PREFIX) and key != f"{PREFIX}id":
                    record[key.removeprefix(PREFIX)] = value
            record = self._remapped(section, record)
        return record

    def _remapped(self, section: str, record: Record) -> Record:
        """A record of the exported brief with its references to ids of this brief."""
        for path in REFERENCE_FIELDS[section]:
            head, _, rest = path.partition(".")
            value = record.get(head)
            if rest:
                for item in value or []:
                    if isinstance(item, dict) and rest in item:
                        item[rest] = self._renamed(item[rest])
            elif value is not None:
                record[head] = self._renamed(value)
        return record

    def _renamed(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.renamed.get(item, item) for item in value]
        return self.renamed.get(value, value) if isinstance(value, str) else value

    def _reference(self, obj: dict[str, Any], field: str) -> str:
        """The actor a STIX reference stands for, or NotMapped saying why there is none."""
        target = obj.get(field)
        if not isinstance(target, str) or target not in self.objects:
            raise NotMapped(f"its {field} {target!r} is not in the bundle")
        record_id = self.ids.get(target)
        if record_id is not None and self.imported.has("actors", record_id):
            return record_id
        number, kind = self.number_of[target], self.objects[target]["type"]
        if record_id is None:
            raise NotMapped(f"its {field} (object {number}, a STIX {kind}) is not an actor")
        section = next((s for s in ORDER if self.imported.has(s, record_id)), None)
        if section is None:
            raise NotMapped(f"its {field} (object {number}) could not be mapped")
        raise NotMapped(
            f"its {field} (object {number}) is a {section.removesuffix('s')}, not an actor"
        )

    def _actors(self, number: int, obj: dict[str, Any]) -> Record:
        labels = obj.get("labels") or []
        name = _text(obj.get("name"), "name")
        if _ours(obj):
            kind = labels[0] if labels else None
            if kind not in get_args(ActorKind):
                raise NotMapped(f"its first label {kind!r} is not an actor kind")
            carried = {"name": name, "kind": kind, "type": labels[1] if len(labels) > 1 else None}
            return self._record("actors", obj, carried)
        aliases = [{"name": alias, "form": "nickname"} for alias in _strings(obj.get("aliases"))]
        record = {
            "name": name,
            "aliases": [alias for alias in aliases if alias["name"] != name],
            "description": obj.get("description"),
        }
        stix_type = obj["type"]
        if stix_type == "identity":
            sectors = _strings(obj.get("sectors"))
            governments = [GOVERNMENT_SECTORS[s] for s in sectors if s in GOVERNMENT_SECTORS]
            individual = obj.get("identity_class") == "individual"
            record["kind"] = "person" if individual else (governments or ["organisation"])[0]
            record["roles"] = [{"title": role} for role in _strings(obj.get("roles"))]
        elif stix_type == "threat-actor":
            types = _strings(obj.get("threat_actor_types"))
            alone = obj.get("resource_level") == "individual" or INDIVIDUAL_THREAT_ACTORS & set(
                types
            )
            record["kind"] = "person" if alone else "organisation"
            record["type"] = "threat actor" + (
                f": {', '.join(t.replace('-', ' ') for t in types)}" if types else ""
            )
        else:  # intrusion-set, campaign
            record["kind"] = "organisation"
            record["type"] = stix_type.replace("-", " ")
        return self._record("actors", obj, record)

    def _places(self, number: int, obj: dict[str, Any]) -> Record:
        if obj["type"] == "note":  # a place the exporter could not make a location
            return self._record("places", obj, {})
        latitude, longitude = obj.get("latitude"), obj.get("longitude")
        carried: Record = {"latitude": latitude, "longitude": longitude}
        if _ours(obj):
            return self._record("places", obj, {**carried, "name": _text(obj.get("name"), "name")})
        fields = [field for field in LOCATION_KINDS if isinstance(obj.get(field), str)]
        name = obj.get("name") or (obj[fields[0]] if fields else None)
        if not isinstance(name, str) or not name.strip():
            raise NotMapped("a location with no name, address, city, area, country or region")
        # The kind of the field that is the location's name (a city named as its city), else
        # a site at an address, else a place.
        kind = next((LOCATION_KINDS[f] for f in fields if obj[f] == name), None)
        record = {
            **carried,
            "name": name.strip(),
            "kind": kind or ("site" if "street_address" in fields else "place"),
        }
        country = obj.get("country")
        if isinstance(country, str) and kind != "country":
            same = self.imported.named("actors", country)
            if len(same) == 1:
                record["country"] = same[0]
        return self._record("places", obj, record)

    def _relations(self, number: int, obj: dict[str, Any]) -> Record | None:
        imported = self.imported
        subject = self._reference(obj, "source_ref")
        object_ = self._reference(obj, "target_ref")
        labels = obj.get("labels") or []
        stix_type = str(obj.get("relationship_type", ""))
        types = imported.words.relation_classes
        if _ours(obj) and labels:
            relation_type = labels[0]
        else:
            own = stix_type.replace("-", "_")
            if own in types and stix_type not in FALSE_FRIENDS:
                relation_type = own
            else:
                relation_type = RELATIONSHIP_TYPES.get(stix_type, own)
        if relation_type not in types:
            raise NotMapped(
                f"relationship type {stix_type!r} has no relation type in this brief",
                f"declare {relation_type!r} under vocabulary.relations to take it",
            )
        if subject == object_:
            raise NotMapped(f"a relation of {subject!r} to itself")
        since, until = _date(obj.get("start_time")), _date(obj.get("stop_time"))
        if _ours(obj):  # the exported dates are days; the brief's own are in x_briefcli_
            since, until = obj.get(f"{PREFIX}since"), obj.get(f"{PREFIX}until")
        same = imported.related(subject, relation_type, object_, since, until)
        if same is not None:
            imported.skip(
                number, "relations", same, "already present: the same relation", obj["id"]
            )
            return None
        carried: Record = {
            "subject": subject,
            "type": relation_type,
            "object": object_,
            "confidence": icd203_confidence(obj.get("confidence")),
            "inferred": True if _ours(obj) and "inferred" in labels[1:] else None,
        }
        if not _ours(obj):
            carried.update(since=since, until=until, description=obj.get("description"))
        return self._record("relations", obj, carried)

    def _events(self, number: int, obj: dict[str, Any]) -> Record:
        labels = obj.get("labels") or []
        title = _text(obj.get("name"), "name")
        kinds = self.imported.words.event_kinds
        if _ours(obj):
            kind = labels[1] if len(labels) > 1 else ""
            if kind not in kinds:
                raise NotMapped(
                    f"event kind {kind!r} is not in this brief's vocabulary",
                    f"declare {kind!r} under vocabulary.events to take it",
                )
            return self._record("events", obj, {"title": title, "kind": kind})
        kind = next((label for label in labels if label in kinds), "other")
        refs = [self.ids.get(ref) for ref in _strings(obj.get("object_refs"))]
        actors = [ref for ref in refs if ref and self.imported.has("actors", ref)]
        places = [ref for ref in refs if ref and self.imported.has("places", ref)]
        record = {
            "title": title,
            "kind": kind,
            "place": places[0] if places else None,
            "participants": [{"actor": actor} for actor in dict.fromkeys(actors)],
            "summary": obj.get("description"),
        }
        return self._record("events", obj, record)

    def _claims(self, number: int, obj: dict[str, Any]) -> Record:
        statement = _text(obj.get("abstract"), "abstract")
        credibility = admiralty_credibility(obj.get("confidence"))
        return self._record("claims", obj, {"statement": statement, "credibility": credibility})

    def _notes(self, number: int, obj: dict[str, Any]) -> Record:
        labels = obj.get("labels") or []
        content = _text(obj.get("content"), "content")
        confidence = icd203_confidence(obj.get("confidence"))
        if _ours(obj):
            kind = labels[1] if len(labels) > 1 else None
            return self._record(
                "notes", obj, {"text": content, "kind": kind, "confidence": confidence}
            )
        abstract = obj.get("abstract")
        refs = [self.ids.get(ref) for ref in _strings(obj.get("object_refs"))]
        concerns = [ref for ref in refs if ref and self.imported.known(ref)]
        concerns += self.containers.get(obj["id"], [])
        record = {
            "kind": next((label for label in labels if label in get_args(NoteKind)), "inference"),
            "text": _joined(abstract, content),
            "concerns": list(dict.fromkeys(concerns)),
            "confidence": confidence,
        }
        return self._record("notes", obj, record)

    def _sources(self, number: int, obj: dict[str, Any]) -> Record:
        """A report of another tool: a document whose reliability the brief cannot judge."""
        references = [ref for ref in obj.get("external_references") or [] if isinstance(ref, dict)]
        url = next((ref["url"] for ref in references if isinstance(ref.get("url"), str)), None)
        published = _date(obj.get("published"))
        record = {
            "name": _text(obj.get("name"), "name"),
            "kind": "document",
            "reliability": "F",
            "published": {"value": published} if published else None,
            "language": obj.get("lang"),
            "url": url,
            "description": obj.get("description"),
        }
        return self._record("sources", obj, record)


def _ours(obj: dict[str, Any]) -> bool:
    """Whether `briefcli export` wrote the object (it carries the record's id)."""
    return isinstance(obj.get(f"{PREFIX}id"), str)


def _name_of(section: str, obj: dict[str, Any], objects: dict[str, Any]) -> str:
    """What the record's id is made from: its name, title or statement."""
    if obj["type"] == "relationship":
        ends = [objects.get(str(obj.get(end)), {}) for end in ("source_ref", "target_ref")]
        names = [str(end.get("name", "")) if isinstance(end, dict) else "" for end in ends]
        return f"{names[0]} {obj.get('relationship_type', '')} {names[1]}"
    for key in ("name", "abstract", "content", "city", "country"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            return str(obj[key]).strip()
    return ""


def _joined(abstract: Any, content: str) -> str:
    """A STIX note's abstract and content as one text."""
    if not isinstance(abstract, str) or not abstract.strip():
        return content
    abstract = abstract.strip()
    return f"{abstract} {content}" if abstract[-1] in ".:;!?" else f"{abstract}. {content}"


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise NotMapped(f"it has no {field}")
    return value


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}
