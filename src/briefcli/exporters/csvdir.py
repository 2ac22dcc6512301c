"""The brief as a folder of CSV tables, one per section, for spreadsheets and databases.

Lists are joined with `; `; references carry the id and, in a `*_name` column, the name.
"""

from __future__ import annotations

import csv
import io

from briefcli.brief import dates
from briefcli.brief.model import Alias, FuzzyDate
from briefcli.exporters import Folder
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex

Cell = str | int | float | bool | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(headers: list[str], rows: list[list[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _aliases(aliases: list[Alias]) -> str:
    return "; ".join(f"{alias.name} ({alias.form})" for alias in aliases)


def _date(date: FuzzyDate | None) -> list[Cell]:
    """value, earliest day, latest day, phrase, method, confidence."""
    if date is None:
        return [None] * 6
    days = dates.day_range(date)
    start, end = (days.start.isoformat(), days.end.isoformat()) if days else (None, None)
    return [date.value, start, end, date.phrase, date.method, date.confidence]


DATE_COLUMNS = ["value", "start", "end", "phrase", "method", "confidence"]


def _name(index: BriefIndex, record_id: str | None) -> str | None:
    return None if record_id is None else index.name_of(record_id)


def _routes(index: BriefIndex, source_id: str) -> str:
    """The source's routes outward by name, `; `-joined (its chain when it has one route)."""
    return "; ".join(" ← ".join(s.name for s in route) for route in index.source_routes(source_id))


def tables(index: BriefIndex) -> dict[str, str]:
    """File name -> CSV text for each section of the brief."""
    brief = index.brief
    return {
        "actors.csv": _table(
            [
                "id",
                "name",
                "kind",
                "type",
                "status",
                "status_date",
                "status_event",
                "country",
                "country_name",
                "aliases",
                "roles",
                "inferred",
                "description",
            ],
            [
                [
                    a.id,
                    a.name,
                    a.kind,
                    a.type,
                    a.status,
                    a.status_date,
                    a.status_event,
                    a.country,
                    _name(index, a.country),
                    _aliases(a.aliases),
                    "; ".join(
                        r.title + (f", {index.name_of(r.of)}" if r.of else "") for r in a.roles
                    ),
                    a.inferred,
                    a.description,
                ]
                for a in brief.actors
            ],
        ),
        "relations.csv": _table(
            [
                "id",
                "subject",
                "subject_name",
                "type",
                "object",
                "object_name",
                "mutual",
                "confidence",
                "since",
                "until",
                "inferred",
                "claims",
                "description",
            ],
            [
                [
                    r.id,
                    r.subject,
                    _name(index, r.subject),
                    r.type,
                    r.object,
                    _name(index, r.object),
                    r.type in index.words.mutual,
                    r.confidence,
                    r.since,
                    r.until,
                    r.inferred,
                    "; ".join(r.claims),
                    r.description,
                ]
                for r in brief.relations
            ],
        ),
        "events.csv": _table(
            [
                "id",
                "kind",
                "title",
                *(f"date_{column}" for column in DATE_COLUMNS),
                "place",
                "place_name",
                "participants",
                "claims",
                "after",
                "summary",
                "time",
                "before",
            ],
            [
                [
                    e.id,
                    e.kind,
                    e.title,
                    *_date(e.date),
                    e.place,
                    _name(index, e.place),
                    "; ".join(f"{p.actor} ({p.role})" for p in e.participants),
                    "; ".join(e.claims),
                    "; ".join(e.after),
                    e.summary,
                    e.time,
                    "; ".join(e.before),
                ]
                for e in brief.events
            ],
        ),
        "claims.csv": _table(
            [
                "id",
                "statement",
                "grade",
                "source",
                "source_name",
                "chain",
                "credibility",
                "actors",
                "events",
                "relations",
                "excerpt",
            ],
            [
                [
                    c.id,
                    c.statement,
                    f"{chain[0].reliability if chain else 'F'}{c.credibility}",
                    c.source,
                    _name(index, c.source),
                    _routes(index, c.source),
                    c.credibility,
                    "; ".join(c.actors),
                    "; ".join(c.events),
                    "; ".join(c.relations),
                    c.excerpt,
                ]
                for c in brief.claims
                for chain in [index.source_chain(c.source)]
            ],
        ),
        "sources.csv": _table(
            [
                "id",
                "name",
                "kind",
                "reliability",
                "named",
                "via",
                "actor",
                "language",
                "url",
                "text",
                *(f"published_{column}" for column in DATE_COLUMNS),
                "description",
            ],
            [
                [
                    s.id,
                    s.name,
                    s.kind,
                    s.reliability,
                    s.named,
                    "; ".join(s.via_ids),
                    s.actor,
                    s.language,
                    s.url,
                    s.text,
                    *_date(s.published),
                    s.description,
                ]
                for s in brief.sources
            ],
        ),
        "places.csv": _table(
            ["id", "name", "kind", "country", "country_name", "latitude", "longitude", "aliases"],
            [
                [
                    p.id,
                    p.name,
                    p.kind,
                    p.country,
                    _name(index, p.country),
                    p.latitude,
                    p.longitude,
                    _aliases(p.aliases),
                ]
                for p in brief.places
            ],
        ),
        "notes.csv": _table(
            ["id", "kind", "confidence", "concerns", "text"],
            [[n.id, n.kind, n.confidence, "; ".join(n.concerns), n.text] for n in brief.notes],
        ),
    }


def export(loaded: LoadedBrief) -> Folder:
    return Folder(tables(loaded.index))
