"""ACLED's CSV export as a brief's records (docs/import.md has the tables and their reasons).

Each row is one ACLED event and becomes:
- an event: its kind from the sub-event or event type, as the brief declares it under
  `vocabulary.events` or else by EVENT_TYPE_KINDS / SUB_EVENT_KINDS (a type with neither is
  not mapped); its date with ACLED's time precision kept as EDTF;
- its place (`location`, within a place for `admin1`, in a state actor for `country`), its
  kind from the geographic precision;
- its actors (`actor1`, `actor2`, and their associated actors, each `affiliated_with` the one
  it is associated with);
- a source for the `source` cell, graded from `source_scale` (SCALE_RELIABILITY), relayed by
  ACLED (one source "ACLED" for every import);
- a claim of that source whose excerpt is ACLED's `notes`, checked against a stored text
  written beside the brief for the source, `sources/acled-<name>.txt`, which holds the notes
  of its events verbatim.

A row whose event is in the brief already (the id made from `event_id_cnty`) is skipped whole:
importing the same export twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefcli.authoring.ids import prefix_of, slug
from briefcli.authoring.importers.common import Import, InputError, NotMapped, Record, names_in
from briefcli.authoring.importers.csvfile import Table
from briefcli.brief.excerpts import normalise_excerpt

# Columns without which a file is not an ACLED export (the others may be missing or empty).
REQUIRED_COLUMNS = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
    "location",
)  # fmt: skip
# Cells without which a row is not an event.
REQUIRED_CELLS = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "location")

# ACLED's event types whose every sub-event is one kind of the brief's: battles and remote
# violence are attacks (`strike`: "an attack, or a work stoppage"); protests are protests.
EVENT_TYPE_KINDS = {
    "battles": "strike",
    "explosions/remote violence": "strike",
    "protests": "protest",
}
# Sub-events of the other types that are one of the brief's kinds; the rest (sexual violence,
# abduction, mob violence, arrests, looting, changes to a group, bases, transfers of territory,
# disrupted weapons use) fit none, and are mapped only to kinds the brief declares.
SUB_EVENT_KINDS = {
    "attack": "strike",
    "violent demonstration": "protest",
    "agreement": "agreement",
    "other": "other",
}
# How actor1 and actor2 take part. ACLED's actors have no direction (its codebook: "Actor 1
# and Actor 2 do not imply directionality"), except that civilians attacked are actor 2.
ROLES = {
    "violence against civilians": ("perpetrator", "target"),
    "protests": ("attendee", "party"),
    "riots": ("attendee", "party"),
}
# ACLED's inter codes (inter1, inter2), numbered in older exports, named in newer ones.
INTER_TYPES = {
    "1": "state forces",
    "2": "rebel group",
    "3": "political militia",
    "4": "identity militia",
    "5": "rioters",
    "6": "protesters",
    "7": "civilians",
    "8": "external/other forces",
}
# The place a row's location is, by geo_precision: 1, the town named; 2, near it (the event's
# summary says so); 3, somewhere in a larger area the location stands for.
PLACE_KINDS = {"1": "town", "2": "town", "3": "area"}
# Source reliability (Admiralty) from the geographic scale of ACLED's sources. The scale says
# where a source sits, not how reliable it has been, so established media of any scale get C
# (fairly reliable: no record here to grade them by); ACLED's local partners, organisations it
# vets and works with on the ground, B; new media and other sources F (cannot be judged). A
# mixed scale ("National-International") takes its best part: each of the sources reported
# the event.
SCALE_RELIABILITY = {
    "local partner": "B",
    "local": "C",
    "subnational": "C",
    "national": "C",
    "regional": "C",
    "international": "C",
    "new media": "F",
    "other": "F",
}
# Every claim's credibility (Admiralty): "possibly true", reported and coded by ACLED, not
# confirmed by the brief's own analysis.
CREDIBILITY = 3
ACLED_SOURCE = {
    "name": "ACLED",
    "kind": "document",
    # Usually reliable: a documented, reviewed coding of published reports.
    "reliability": "B",
    "url": "https://acleddata.com",
    "description": "Armed Conflict Location & Event Data: an export of its events. The stored "
    "texts sources/acled-*.txt hold ACLED's notes, its summaries of its sources' reports.",
}
MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"],
        start=1,
    )
}  # fmt: skip


def check_header(table: Table) -> None:
    """InputError unless the table has ACLED's columns."""
    have = {name.lower() for name in table.header}
    missing = [column for column in REQUIRED_COLUMNS if column not in have]
    if missing:
        raise InputError(
            f"{table.path}: line 1: not an ACLED export: no column {', '.join(missing)}"
        )


def import_table(imported: Import, table: Table, folder: Path) -> None:
    """Every row of an ACLED export as an event with what it involves (or a reason it is not
    one); stored texts go in `folder`, the brief's."""
    _Rows(imported, folder).run(table)


def acled_date(cell: str) -> dt.date:
    """`event_date` as ACLED writes it: 2024-03-15, 15 March 2024 or 15-03-2024."""
    text = cell.strip()
    try:
        if len(text) == 10 and text[4] == "-":
            return dt.date.fromisoformat(text)
        day, month, year = text.replace("-", " ").replace("/", " ").split()
        number = int(month) if month.isdigit() else MONTHS[month.lower()]
        return dt.date(int(year), number, int(day))
    except (ValueError, KeyError):
        raise NotMapped(
            f"event_date {cell!r} is not a date", "ACLED writes 2024-03-15 or 15 March 2024"
        ) from None


def edtf_date(day: dt.date, precision: str) -> Record:
    """The event's date as the brief keeps it, from ACLED's time_precision."""
    shown = day.isoformat()
    if precision in ("", "1"):
        return {"value": shown}
    if precision == "2":
        start, end = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        return {
            "value": f"{start.isoformat()}/{end.isoformat()}",
            "method": "approximate",
            "confidence": "moderate",
            "reasoning": f"ACLED time_precision 2: its sources give the week or weekend, and "
            f"ACLED codes a day in it ({shown}); the week around that day.",
        }
    if precision == "3":
        return {
            "value": shown[:7],
            "method": "approximate",
            "confidence": "moderate",
            "reasoning": f"ACLED time_precision 3: its sources give only the month (ACLED "
            f"codes {shown}).",
        }
    raise NotMapped(f"time_precision {precision!r} is not 1, 2 or 3")


def event_kind(imported: Import, event_type: str, sub_event_type: str) -> str:
    """The brief's kind for an ACLED event type: one the brief has for the sub-event or the
    event type (`arrests`, `violence-against-civilians`), else from the tables, else none."""
    kinds = imported.words.event_kinds
    for name in (sub_event_type, event_type):
        for word in (slug(name, 10), slug(name, 10).replace("-", "_")):
            if word and word in kinds:
                return word
    kind = SUB_EVENT_KINDS.get(sub_event_type.lower()) or EVENT_TYPE_KINDS.get(event_type.lower())
    if kind is None:
        declared = slug(sub_event_type or event_type, 10)
        raise NotMapped(
            f"{event_type}: {sub_event_type} has no event kind in this brief",
            f"declare {declared!r} under vocabulary.events to take it",
        )
    return kind


def reliability(scale: str) -> str:
    """A source's reliability from its source_scale (SCALE_RELIABILITY)."""
    grades = [SCALE_RELIABILITY.get(part.strip().lower(), "F") for part in scale.split("-")]
    return min(grades) if scale.strip() else "F"


def _number(cell: str, field: str) -> float | None:
    if not cell.strip():
        return None
    try:
        return float(cell)
    except ValueError:
        raise NotMapped(f"{field} {cell!r} is not a number") from None


class _Rows:
    def __init__(self, imported: Import, folder: Path) -> None:
        self.imported = imported
        self.folder = folder
        self.event_prefix = prefix_of("events", imported.index.events)

    def run(self, table: Table) -> None:
        names = {name.lower(): name for name in table.header}
        for number, cells in table.rows:
            row = {column: cells.get(names.get(column, ""), "").strip() for column in _COLUMNS}
            with self.imported.row(number):
                if not any(cells.values()):
                    self.imported.skip(number, None, None, "an empty row")
                    continue
                self.event(number, row)

    def event(self, number: int, row: dict[str, str]) -> None:
        imported = self.imported
        for column in REQUIRED_CELLS:
            if not row[column]:
                raise NotMapped(f"no {column}: the cell is empty")
        own = self.event_prefix + slug(row["event_id_cnty"], 10)
        if imported.has("events", own):
            imported.skip(number, "events", own, "already present: same ACLED event")
            return
        day = acled_date(row["event_date"])
        date = edtf_date(day, row["time_precision"])
        kind = event_kind(imported, row["event_type"], row["sub_event_type"])
        place = self.place(number, row)
        place_country = self.country(number, row["country"])  # named in the statement
        first, second = ROLES.get(row["event_type"].lower(), ("party", "party"))
        participants: dict[str, str] = {}
        relations: list[str] = []
        for main, associates, inter, role in (
            ("actor1", "assoc_actor_1", "inter1", first),
            ("actor2", "assoc_actor_2", "inter2", second),
        ):
            if not row[main]:
                continue
            lead = self.actor(number, row[main], INTER_TYPES.get(row[inter], row[inter].lower()))
            participants.setdefault(lead, role)
            for name in names_in(row[associates]):
                associate = self.actor(number, name, None)
                participants.setdefault(associate, role)
                if associate != lead:
                    relations.append(self.affiliation(number, associate, lead))
        event_id = imported.new_id("events", row["event_id_cnty"], own)
        notes = row["notes"]
        claimed = len(normalise_excerpt(notes)) >= 8  # the least excerpt the brief checks
        imported.add(
            "events",
            {
                "id": event_id,
                "kind": kind,
                "title": f"{row['sub_event_type'] or row['event_type']} in {row['location']}",
                "date": date,
                "place": place,
                "participants": [{"actor": a, "role": r} for a, r in participants.items()],
                "summary": _summary(row, claimed),
            },
            number,
        )
        if row["source"] and claimed:
            source = self.source(number, row["source"], row["source_scale"])
            fatalities = f", with {row['fatalities']} reported fatalities" if _dead(row) else ""
            when = {"2": "in the week of ", "3": "in "}.get(row["time_precision"], "on ")
            shown = day.isoformat()[:7] if row["time_precision"] == "3" else day.isoformat()
            statement = (
                f"{row['sub_event_type'] or row['event_type']} in {row['location']}, "
                f"{row['country']}, {when}{shown}{fatalities}."
            )
            imported.add(
                "claims",
                {
                    "id": imported.new_id("claims", f"{row['event_id_cnty']} {statement}"),
                    "statement": statement,
                    "source": source,
                    "credibility": CREDIBILITY,
                    "excerpt": notes,
                    "actors": [*participants, place_country],
                    "events": [event_id],
                    "relations": list(dict.fromkeys(relations)),
                },
                number,
            )
            text = imported.field("sources", source, "text")
            paragraph = f"\n{row['event_id_cnty']} ({day.isoformat()}): {notes}\n"
            imported.text(text, number, paragraph, self._text_base(source, text, row["source"]))

    # ------------------------------------------------------------ what an event involves

    def country(self, number: int, name: str) -> str:
        """The state actor for a country: the brief's, else a new one."""
        imported = self.imported
        for candidate in imported.named("actors", name):
            if imported.field("actors", candidate, "kind") == "state":
                return imported.reuse(number, "actors", candidate, f"already present: {name}")
        record = {"id": imported.new_id("actors", name), "name": name, "kind": "state"}
        return imported.add("actors", record, number)

    def place(self, number: int, row: dict[str, str]) -> str:
        """The location's place, within its admin1 region, in its country."""
        country = self.country(number, row["country"])
        region = None
        if row["admin1"]:
            region = self.named_place(number, row["admin1"], "region", None, country)
        precision = row["geo_precision"]
        if region is not None and precision == "3" and _same(row["location"], row["admin1"]):
            return region  # the location is the region itself
        kind = PLACE_KINDS.get(precision, "town")
        coordinates = (_number(row["latitude"], "latitude"), _number(row["longitude"], "longitude"))
        return self.named_place(number, row["location"], kind, region, country, coordinates)

    def named_place(
        self,
        number: int,
        name: str,
        kind: str,
        within: str | None,
        country: str,
        coordinates: tuple[float | None, float | None] = (None, None),
    ) -> str:
        """A place of this name within the same place and country (the brief's, or one added
        by a row before), else a new one: two villages of one name in two regions stay two."""
        imported = self.imported
        for candidate in imported.named("places", name):
            if (
                imported.field("places", candidate, "within") == within
                and imported.field("places", candidate, "country") == country
            ):
                return imported.reuse(number, "places", candidate, f"already present: {name}")
        latitude, longitude = coordinates
        record = {
            "id": imported.new_id("places", name),
            "name": name,
            "kind": kind,
            "country": country,
            "within": within,
            "latitude": latitude,
            "longitude": longitude,
        }
        return imported.add("places", record, number)

    def actor(self, number: int, name: str, actor_type: str | None) -> str:
        imported = self.imported
        same = imported.named("actors", name)
        if same:
            return imported.reuse(number, "actors", same[0], f"already present: {name}")
        record = {
            "id": imported.new_id("actors", name),
            "name": name,
            "kind": "organisation",  # ACLED's actors are forces, groups and crowds
            "type": actor_type or None,
        }
        return imported.add("actors", record, number)

    def affiliation(self, number: int, associate: str, lead: str) -> str:
        """`associate affiliated_with lead`: the brief's relation, or a new one."""
        imported = self.imported
        same = imported.related(associate, "affiliated_with", lead)
        if same is not None:
            return imported.reuse(number, "relations", same, "already present: same relation")
        record = {
            "id": imported.new_id("relations", f"{associate} affiliated_with {lead}"),
            "subject": associate,
            "type": "affiliated_with",
            "object": lead,
            "description": "Associated with it in an ACLED event (assoc_actor).",
        }
        return imported.add("relations", record, number)

    def source(self, number: int, name: str, scale: str) -> str:
        """The source for a `source` cell, relayed by ACLED: one a previous import added (its
        stored text is ACLED's notes), else a new one. A source of that name without such a
        text is the brief's own: the new one is named `<name> (ACLED)`."""
        imported = self.imported
        acled = self.acled(number)
        for shown in (name, f"{name} (ACLED)"):
            same = imported.named("sources", shown)
            for candidate in same:
                text = imported.field("sources", candidate, "text")
                if isinstance(text, str) and text.startswith("sources/acled-"):
                    return imported.reuse(number, "sources", candidate, f"already present: {shown}")
            if same:
                continue
            parts = [part.strip().lower() for part in scale.split("-") if part.strip()]
            new_media = bool(parts) and all(part == "new media" for part in parts)
            record = {
                "id": imported.new_id("sources", shown),
                "name": shown,
                "kind": "social-media" if new_media else "outlet",
                "reliability": reliability(scale),
                "via": acled,
                "text": self.text_path(name),
                "description": f"As ACLED names the source(s) of its events; source_scale "
                f"{scale or 'not given'}. Its stored text holds ACLED's notes of them.",
            }
            return imported.add("sources", record, number)
        raise NotMapped(f"the brief has sources named {name!r} and {name} (ACLED) already")

    def acled(self, number: int) -> str:
        imported = self.imported
        same = imported.named("sources", ACLED_SOURCE["name"])
        if same:
            return imported.reuse(number, "sources", same[0], "already present: ACLED")
        record = {"id": imported.new_id("sources", ACLED_SOURCE["name"]), **ACLED_SOURCE}
        return imported.add("sources", record, number)

    def text_path(self, name: str) -> str:
        """A new stored text's path: not a file there, nor one this import writes."""
        stem = f"sources/acled-{slug(name, 8) or 'source'}"
        path, count = f"{stem}.txt", 2
        while (self.folder / path).exists() or path in self.imported.texts:
            path, count = f"{stem}-{count}.txt", count + 1
        return path

    def _text_base(self, source: str, path: str, name: str) -> str:
        """What a stored text begins with: the file of a source the brief has, as it is; for
        a new source, a heading saying what the text is."""
        if path in self.imported.texts:
            return self.imported.texts[path].base
        if source not in self.imported.existing:
            return (
                f"ACLED's notes of the events it coded from {name}: one event a paragraph, "
                "its ACLED id and date, then the notes verbatim.\n"
            )
        try:
            return (self.folder / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise NotMapped(f"the stored text {path} of source {source!r} cannot be read") from None


_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def _same(first: str, second: str) -> bool:
    from briefcli.search.names import fold_name

    return fold_name(first) == fold_name(second)


def _dead(row: dict[str, str]) -> bool:
    return row["fatalities"].isdigit() and int(row["fatalities"]) > 0


def _summary(row: dict[str, str], claimed: bool) -> str:
    """What ACLED says of the event that no other field of the brief holds."""
    parts = [f"ACLED event {row['event_id_cnty']}: {row['event_type']}, {row['sub_event_type']}"]
    if row["disorder_type"]:
        parts[0] += f" ({row['disorder_type']})"
    if _dead(row):
        parts.append(f"{row['fatalities']} reported fatalities")
    if row["civilian_targeting"]:
        parts.append("civilians targeted")
    if row["geo_precision"] == "2":
        parts.append(f"near {row['location']}")
    if row["tags"]:
        parts.append(f"tags: {row['tags']}")
    if row["notes"] and not claimed:
        parts.append(f"notes: {row['notes']}")
    if not row["source"]:
        parts.append("no source given")
    return "; ".join(parts) + "."
