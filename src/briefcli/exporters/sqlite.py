"""The brief as a SQLite database: one table per kind of record, one per list inside a record,
with foreign keys, ready for `datasette` and `sqlite-utils` (docs/sqlite.md lists the tables)."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefcli.brief import dates
from briefcli.brief.model import Brief, FuzzyDate
from briefcli.queries.common import in_force
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex

SCHEMA = """
CREATE TABLE meta (
    title TEXT NOT NULL, as_of TEXT NOT NULL, handling TEXT, summary TEXT, bottom_line TEXT,
    format TEXT NOT NULL
);
CREATE TABLE key_judgments (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, likelihood TEXT NOT NULL, confidence TEXT NOT NULL
);
CREATE TABLE gaps (position INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, reliability TEXT NOT NULL,
    named INTEGER NOT NULL, actor TEXT REFERENCES actors(id), published TEXT,
    published_start TEXT, published_end TEXT, language TEXT, url TEXT, text TEXT,
    description TEXT
);
CREATE TABLE source_routes (
    source TEXT NOT NULL REFERENCES sources(id), position INTEGER NOT NULL,
    via TEXT NOT NULL REFERENCES sources(id), PRIMARY KEY (source, position)
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, type TEXT,
    status TEXT NOT NULL, status_date TEXT, status_event TEXT REFERENCES events(id),
    country TEXT REFERENCES actors(id), description TEXT, inferred INTEGER NOT NULL
);
CREATE TABLE aliases (
    actor TEXT NOT NULL REFERENCES actors(id), name TEXT NOT NULL, form TEXT NOT NULL,
    note TEXT
);
CREATE TABLE roles (
    actor TEXT NOT NULL REFERENCES actors(id), position INTEGER NOT NULL, title TEXT NOT NULL,
    of TEXT REFERENCES actors(id), since TEXT, until TEXT, current INTEGER NOT NULL,
    PRIMARY KEY (actor, position)
);
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT REFERENCES actors(id), within TEXT REFERENCES places(id), latitude REAL,
    longitude REAL
);
CREATE TABLE place_aliases (
    place TEXT NOT NULL REFERENCES places(id), name TEXT NOT NULL, form TEXT NOT NULL,
    note TEXT
);
CREATE TABLE relations (
    id TEXT PRIMARY KEY, subject TEXT NOT NULL REFERENCES actors(id), type TEXT NOT NULL,
    class TEXT NOT NULL, mutual INTEGER NOT NULL, object TEXT NOT NULL REFERENCES actors(id),
    confidence TEXT NOT NULL, since TEXT, until TEXT, current INTEGER NOT NULL,
    inferred INTEGER NOT NULL, description TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, date TEXT, date_start TEXT,
    date_end TEXT, date_phrase TEXT, date_method TEXT NOT NULL, date_confidence TEXT NOT NULL,
    date_reasoning TEXT, time TEXT, place TEXT REFERENCES places(id), summary TEXT
);
CREATE TABLE event_after (
    event TEXT NOT NULL REFERENCES events(id), after TEXT NOT NULL REFERENCES events(id)
);
CREATE TABLE event_before (
    event TEXT NOT NULL REFERENCES events(id), before TEXT NOT NULL REFERENCES events(id)
);
CREATE TABLE participants (
    event TEXT NOT NULL REFERENCES events(id), actor TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL, note TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, statement TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
    reliability TEXT NOT NULL, credibility INTEGER NOT NULL, grade TEXT NOT NULL,
    excerpt TEXT NOT NULL
);
CREATE TABLE claim_actors (
    claim TEXT NOT NULL REFERENCES claims(id), actor TEXT NOT NULL REFERENCES actors(id)
);
CREATE TABLE claim_events (
    claim TEXT NOT NULL REFERENCES claims(id), event TEXT NOT NULL REFERENCES events(id)
);
CREATE TABLE relation_claims (
    relation TEXT NOT NULL REFERENCES relations(id), claim TEXT NOT NULL REFERENCES claims(id)
);
CREATE TABLE event_claims (
    event TEXT NOT NULL REFERENCES events(id), claim TEXT NOT NULL REFERENCES claims(id)
);
CREATE TABLE judgment_claims (
    judgment TEXT NOT NULL REFERENCES key_judgments(id),
    claim TEXT NOT NULL REFERENCES claims(id)
);
CREATE TABLE notes (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, confidence TEXT
);
CREATE TABLE note_concerns (note TEXT NOT NULL REFERENCES notes(id), record TEXT NOT NULL);
"""

# The lists inside records, indexed both ways: a join from either end is a lookup.
INDEXES = [
    ("aliases", "actor"),
    ("roles", "of"),
    ("place_aliases", "place"),
    ("relations", "subject"),
    ("relations", "object"),
    ("events", "place"),
    ("participants", "event"),
    ("participants", "actor"),
    ("claims", "source"),
    ("claim_actors", "claim"),
    ("claim_actors", "actor"),
    ("claim_events", "claim"),
    ("claim_events", "event"),
    ("relation_claims", "relation"),
    ("relation_claims", "claim"),
    ("event_claims", "event"),
    ("event_claims", "claim"),
    ("judgment_claims", "claim"),
    ("note_concerns", "record"),
]

Row = Sequence[object]


def export(loaded: LoadedBrief) -> bytes:
    """The database file's bytes (written through a temporary file: SQLite writes files)."""
    with tempfile.TemporaryDirectory(prefix="briefcli-sqlite-") as folder:
        path = Path(folder) / "brief.db"
        connection = sqlite3.connect(path)
        try:
            with connection:
                connection.executescript(SCHEMA)
                _fill(connection, loaded.index)
                for table, column in INDEXES:
                    connection.execute(
                        f"CREATE INDEX {table}_{column} ON {table}({column})"  # names above
                    )
        finally:
            connection.close()
        return path.read_bytes()


def _insert(connection: sqlite3.Connection, table: str, rows: Iterable[Row]) -> None:
    rows = list(rows)
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _date(date: FuzzyDate | None) -> list[object]:
    """A date as written, and the first and last day it can mean."""
    if date is None or date.value is None:
        return [None, None, None]
    days = dates.parse_edtf(date.value)
    return [date.value, days.start.isoformat(), days.end.isoformat()]


def _fill(connection: sqlite3.Connection, index: BriefIndex) -> None:
    brief: Brief = index.brief
    meta = brief.meta
    words = index.words
    _insert(
        connection,
        "meta",
        [(meta.title, meta.as_of, meta.handling, meta.summary, meta.bottom_line, brief.format)],
    )
    _insert(
        connection,
        "key_judgments",
        ((j.id, j.text, j.likelihood, j.confidence) for j in meta.key_judgments),
    )
    _insert(connection, "gaps", enumerate(meta.gaps))
    _insert(
        connection,
        "sources",
        (
            (
                s.id,
                s.name,
                s.kind,
                s.reliability,
                s.named,
                s.actor,
                *_date(s.published),
                s.language,
                s.url,
                s.text,
                s.description,
            )
            for s in brief.sources
        ),
    )
    _insert(
        connection,
        "source_routes",
        ((s.id, n, via) for s in brief.sources for n, via in enumerate(s.via_ids)),
    )
    _insert(
        connection,
        "actors",
        (
            (
                a.id,
                a.name,
                a.kind,
                a.type,
                a.status,
                a.status_date,
                a.status_event,
                a.country,
                a.description,
                a.inferred,
            )
            for a in brief.actors
        ),
    )
    _insert(
        connection,
        "aliases",
        ((a.id, alias.name, alias.form, alias.note) for a in brief.actors for alias in a.aliases),
    )
    _insert(
        connection,
        "roles",
        (
            (a.id, n, r.title, r.of, r.since, r.until, in_force(index, r))
            for a in brief.actors
            for n, r in enumerate(a.roles)
        ),
    )
    _insert(
        connection,
        "places",
        (
            (p.id, p.name, p.kind, p.country, p.within, p.latitude, p.longitude)
            for p in brief.places
        ),
    )
    _insert(
        connection,
        "place_aliases",
        ((p.id, alias.name, alias.form, alias.note) for p in brief.places for alias in p.aliases),
    )
    _insert(
        connection,
        "relations",
        (
            (
                r.id,
                r.subject,
                r.type,
                words.relation_classes.get(r.type, "other"),
                r.type in words.mutual,
                r.object,
                r.confidence,
                r.since,
                r.until,
                in_force(index, r),
                r.inferred,
                r.description,
            )
            for r in brief.relations
        ),
    )
    _insert(
        connection,
        "events",
        (
            (
                e.id,
                e.kind,
                e.title,
                *_date(e.date),
                e.date.phrase,
                e.date.method,
                e.date.confidence,
                e.date.reasoning,
                e.time,
                e.place,
                e.summary,
            )
            for e in brief.events
        ),
    )
    _insert(connection, "event_after", ((e.id, a) for e in brief.events for a in e.after))
    _insert(connection, "event_before", ((e.id, b) for e in brief.events for b in e.before))
    _insert(
        connection,
        "participants",
        ((e.id, p.actor, p.role, p.note) for e in brief.events for p in e.participants),
    )
    sources = {source.id: source for source in brief.sources}
    _insert(
        connection,
        "claims",
        (
            (
                c.id,
                c.statement,
                c.source,
                sources[c.source].reliability,
                c.credibility,
                f"{sources[c.source].reliability}{c.credibility}",
                c.excerpt,
            )
            for c in brief.claims
        ),
    )
    _insert(connection, "claim_actors", ((c.id, a) for c in brief.claims for a in c.actors))
    _insert(connection, "claim_events", ((c.id, e) for c in brief.claims for e in c.events))
    # A relation's claims: those it cites and those that name it, once each.
    cited = {(r.id, c): None for r in brief.relations for c in r.claims}
    cited.update({(r, c.id): None for c in brief.claims for r in c.relations})
    _insert(connection, "relation_claims", cited)
    _insert(connection, "event_claims", ((e.id, c) for e in brief.events for c in e.claims))
    _insert(
        connection,
        "judgment_claims",
        ((j.id, c) for j in meta.key_judgments for c in j.claims),
    )
    _insert(connection, "notes", ((n.id, n.kind, n.text, n.confidence) for n in brief.notes))
    _insert(connection, "note_concerns", ((n.id, r) for n in brief.notes for r in n.concerns))
