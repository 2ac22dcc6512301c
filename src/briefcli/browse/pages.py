"""What the browser shows, made of the queries' answers and the views' layouts: the four lists
(actors, timeline, claims, sources) and each record's page (a Document, and the records to
follow from it). Nothing here draws: app.py and widgets.py put these on the screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal

from briefcli import queries, views
from briefcli.queries.sources import source_out
from briefcli.render.document import Document, Fields, Heading, Paragraph, Table
from briefcli.results import ClaimRow, RelationOut, SourceOut, TimelineEntry
from briefcli.search.names import fold_name
from briefcli.store.loaded import LoadedBrief

# The kinds of record that have a page.
Kind = Literal["actor", "event", "claim", "source"]


@dataclass(frozen=True)
class Column:
    """A column of a list, and how it gives way on a narrow screen."""

    header: str
    # Share of the room left once every column has its minimum.
    weight: int = 0
    # Fewest cells it keeps; None: as wide as its widest cell (a date, a grade, an id).
    minimum: int | None = None
    # Which columns go first when the screen cannot hold them all: the highest rank first.
    rank: int = 0


@dataclass(frozen=True)
class Row:
    """One line of a list: the record it opens and its cells, one per column."""

    kind: Kind
    id: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """Rows under column headers; `searched` holds, for each row, the folded text that a
    search matches (its cells and more: an actor's aliases, a claim's excerpt)."""

    title: str
    columns: tuple[Column, ...]
    rows: list[Row]
    searched: list[str]

    def matching(self, query: str) -> list[Row]:
        """The rows whose text holds every word typed, in any case and with or without
        diacritics or hyphens ("al amiri" finds "Hadi al-Amiri"); those whose first cell (the
        name, the title) holds them first, so that a name typed is at the top whatever else
        mentions it."""
        words = fold_name(query).split()
        if not words:
            return self.rows
        found = [
            row
            for row, text in zip(self.rows, self.searched, strict=True)
            if all(word in text for word in words)
        ]
        named = [all(word in fold_name(row.cells[0]) for word in words) for row in found]
        return [row for row, first in zip(found, named, strict=True) if first] + [
            row for row, first in zip(found, named, strict=True) if not first
        ]


@dataclass(frozen=True)
class Page:
    """A record's page: its heading, its Document, the records it links to, and what to show
    while a link is highlighted (an actor's relation: the claims behind it), made when it is
    first highlighted: an actor of a large brief may have thousands of relations."""

    kind: Kind
    id: str
    title: str
    document: Document
    links: Listing
    preview: Callable[[int], Document] | None = None


def _table(document: Document) -> Table:
    """The one table a list's view lays out."""
    tables = [block for block in document if isinstance(block, Table)]
    assert len(tables) == 1, "a list's view lays out one table"
    return tables[0]


def _cells(table: Table, columns: tuple[Column, ...], row: list[str]) -> tuple[str, ...]:
    """The cells of a view's row under these columns' headers."""
    return tuple(row[table.headers.index(column.header)] for column in columns)


def _folded(*texts: str | None) -> str:
    return fold_name(" ".join(text for text in texts if text))


class Catalogue:
    """Every list and page of one loaded brief, each built on first use: a large brief's
    claims are not laid out until their tab is shown."""

    def __init__(self, loaded: LoadedBrief) -> None:
        self.loaded = loaded
        self.index = loaded.index

    # ------------------------------------------------------------------ the lists

    @cached_property
    def actors(self) -> Listing:
        rows = queries.actor_rows(self.index)
        table = _table(views.actors(rows))
        columns = (
            Column("Name", weight=3, minimum=22),
            Column("Kind", weight=1, minimum=14, rank=3),
            Column("Affiliation / bloc", weight=2, minimum=16, rank=4),
            Column("Role", weight=3, minimum=20, rank=1),
            Column("Status", weight=1, minimum=10, rank=2),
        )
        aliases = {
            actor.id: [alias.name for alias in actor.aliases] for actor in self.index.actors.all()
        }
        return Listing(
            f"Actors ({len(rows)})",
            columns,
            [
                Row("actor", actor.id, _cells(table, columns, cells))
                for actor, cells in zip(rows, table.rows, strict=True)
            ],
            [
                _folded(*cells, *aliases.get(actor.id, []))
                for actor, cells in zip(rows, table.rows, strict=True)
            ],
        )

    @cached_property
    def _timeline(self) -> list[TimelineEntry]:
        return queries.timeline(self.index)

    @cached_property
    def timeline(self) -> Listing:
        entries = self._timeline
        table = _table(views.timeline(entries))
        columns = (
            Column("Date", weight=1, minimum=22),
            Column("Sure", rank=4),
            Column("Kind", weight=1, minimum=8, rank=3),
            Column("Event", weight=4, minimum=24),
            Column("Place", weight=1, minimum=10, rank=1),
            Column("Who (role)", weight=2, minimum=14, rank=2),
        )
        return Listing(
            f"Timeline ({len(entries)} events)",
            columns,
            [
                Row("event", entry.id, _cells(table, columns, cells))
                for entry, cells in zip(entries, table.rows, strict=True)
            ],
            [
                _folded(*cells, entry.summary, entry.date.phrase)
                for entry, cells in zip(entries, table.rows, strict=True)
            ],
        )

    @cached_property
    def claims(self) -> Listing:
        rows = queries.claims(self.index)
        table = _table(views.claims(rows))
        columns = (
            Column("Grade"),
            Column("Statement", weight=4, minimum=24),
            Column("Source chain", weight=2, minimum=12, rank=1),
            Column("Id", weight=1, minimum=10, rank=2),
        )
        return Listing(
            f"Claims ({len(rows)})",
            columns,
            [
                Row("claim", claim.id, _cells(table, columns, cells))
                for claim, cells in zip(rows, table.rows, strict=True)
            ],
            [_folded(*cells, claim.excerpt) for claim, cells in zip(rows, table.rows, strict=True)],
        )

    @cached_property
    def sources(self) -> Listing:
        """Every source with how many claims came through it (on any of their routes)."""
        through: Counter[str] = Counter()
        for row in queries.attributions(self.index):
            through.update({source.id for route in row.routes for source in route})
        records = [source_out(self.index, source) for source in self.index.sources.all()]
        table = Table(
            None,
            ["Source", "Kind", "Reliability", "Claims", "Id"],
            [
                [
                    source.name,
                    source.kind + ("" if source.named else " (anonymous)"),
                    source.reliability,
                    str(through[source.id]),
                    source.id,
                ]
                for source in records
            ],
        )
        columns = (
            Column("Source", weight=3, minimum=20),
            Column("Kind", weight=1, minimum=10, rank=2),
            Column("Reliability"),
            Column("Claims", rank=1),
            Column("Id", weight=1, minimum=10, rank=3),
        )
        return Listing(
            f"Sources ({len(records)})",
            columns,
            [
                Row("source", source.id, _cells(table, columns, cells))
                for source, cells in zip(records, table.rows, strict=True)
            ],
            [
                _folded(*cells, source.description, source.url)
                for source, cells in zip(records, table.rows, strict=True)
            ],
        )

    # ------------------------------------------------------------------ the pages

    def page(self, kind: Kind, record_id: str) -> Page:
        """The page of a record (its id as the lists and links give it)."""
        if kind == "actor":
            return self._actor_page(record_id)
        if kind == "event":
            return self._event_page(record_id)
        if kind == "claim":
            return self._claim_page(record_id)
        return self._source_page(record_id)

    def _actor_page(self, actor_id: str) -> Page:
        """The profile as `actor` shows it, its relations taken out to be links: each opens
        the other actor, and shows the claims behind it while highlighted."""
        profile = queries.actor_profile(self.index, self.index.actors[actor_id])
        document = views.actor(profile)
        table = next(
            block for block in document if isinstance(block, Table) and block.title == "Relations"
        )
        document.remove(table)
        # The view's cells, by header: the other actor's name alone (the view adds the
        # description under it), and how many claims (the view lists their ids).
        shown = [dict(zip(table.headers, cells, strict=True)) for cells in table.rows]
        rows = [
            Row(
                "actor",
                relation.other.id,
                (
                    cells[""],
                    cells["Relation"],
                    relation.other.name,
                    cells["When"],
                    cells["Confidence"],
                    str(len(relation.claims)),
                ),
            )
            for relation, cells in zip(profile.relations, shown, strict=True)
        ]
        links = Listing(
            f"Relations ({len(rows)}): enter or a second click follows one",
            (
                Column(""),
                Column("Relation", weight=1, minimum=10),
                Column("With", weight=3, minimum=16),
                Column("When", weight=1, minimum=8, rank=2),
                Column("Confidence", rank=3),
                Column("Claims", rank=1),
            ),
            rows,
            [_folded(*row.cells) for row in rows],
        )

        @cache
        def preview(position: int) -> Document:
            cells = shown[position]
            relation = profile.relations[position]
            return self._evidence(profile.name, relation, cells["Relation"], cells["When"])

        return Page("actor", actor_id, profile.name, document, links, preview)

    def _evidence(self, name: str, relation: RelationOut, label: str, when: str) -> Document:
        """What a relation rests on: how it reads (subject first), when and how sure, its
        description, and each claim behind it with its grade, excerpt and source chain."""
        subject, target = (
            (relation.other.name, name)
            if relation.direction == "incoming"
            else (name, relation.other.name)
        )
        said = [f"{relation.confidence} confidence", *([when] if when else [])]
        document: Document = [
            Heading(f"{subject} {label} {target}", 2),
            Paragraph(" · ".join(said), style="dim"),
        ]
        if relation.description:
            document.append(Paragraph(relation.description))
        document += _claims(queries.claims(self.index, about=relation.id)) or [
            Paragraph("No claim is cited for this relation.", style="dim")
        ]
        return document

    @cached_property
    def _events(self) -> dict[str, TimelineEntry]:
        return {entry.id: entry for entry in self._timeline}

    def _event_page(self, event_id: str) -> Page:
        entry = self._events[event_id]
        date = entry.date
        pairs = [("Date", date.display + (f", {entry.time}" if entry.time else ""))]
        pairs.append(("How sure", f"{date.confidence} ({date.method.replace('_', ' ')})"))
        if date.phrase:
            pairs.append(("Said as", date.phrase))
        if date.reasoning:
            pairs.append(("Why", date.reasoning))
        pairs.append(("Kind", entry.kind))
        if entry.place:
            pairs.append(("Place", entry.place.name))
        for label, refs in (("After", entry.after), ("Before", entry.before)):
            if refs:
                pairs.append((label, "; ".join(ref.name for ref in refs)))
        pairs.append(("Id", entry.id))
        document: Document = [Heading(entry.title), Fields(pairs)]
        if entry.summary:
            document.append(Paragraph(entry.summary))
        claims = _claims(queries.claims(self.index, about=entry.id))
        if claims:
            document += [Heading("Claims", 2), *claims]
        rows = [
            Row("actor", person.id, (person.name, person.role, person.note or ""))
            for person in entry.participants
        ]
        links = Listing(
            f"Participants ({len(rows)})",
            (
                Column("Actor", weight=2, minimum=16),
                Column("Role", weight=1, minimum=10),
                Column("Note", weight=2, minimum=10, rank=1),
            ),
            rows,
            [_folded(*row.cells) for row in rows],
        )
        return Page("event", event_id, entry.title, document, links)

    def _claim_page(self, claim_id: str) -> Page:
        """The claim as `sources --claim` shows it (the excerpt in its stored text); links to
        what it is about and to the sources it came through."""
        detail = queries.claim_detail(self.index, claim_id, self.loaded.document(claim_id))
        rows = [
            *(Row("actor", ref.id, ("actor", ref.name)) for ref in detail.actors),
            *(Row("event", ref.id, ("event", ref.name)) for ref in detail.events),
            *(Row("source", source.id, ("source", source.name)) for source in detail.sources),
        ]
        links = Listing(
            f"About, and through ({len(rows)})",
            (Column("Kind"), Column("Name", weight=1, minimum=16)),
            rows,
            [_folded(*row.cells) for row in rows],
        )
        return Page("claim", claim_id, detail.claim.statement, views.claim(detail), links)

    def _source_page(self, source_id: str) -> Page:
        """The source as `sources --source` shows it, with the claims that came through it,
        each a link."""
        rows = queries.attributions(self.index, source_id)
        source = source_out(self.index, self.index.sources[source_id])
        document = views.sources(rows) if rows else _without_claims(source)
        links = [Row("claim", row.id, (row.grade, row.statement, row.id)) for row in rows]
        listing = Listing(
            f"Claims through it ({len(links)})",
            (
                Column("Grade"),
                Column("Statement", weight=4, minimum=24),
                Column("Id", weight=1, minimum=10, rank=1),
            ),
            links,
            [_folded(*row.cells) for row in links],
        )
        return Page("source", source_id, source.name, document, listing)


def _claims(rows: list[ClaimRow]) -> Document:
    """Claims as evidence: grade and statement, the excerpt, the source chain and id."""
    document: Document = []
    for row in rows:
        chain = " ← ".join(source.name for source in row.chain)
        document += [
            Paragraph(""),  # a blank line between claims
            Paragraph(f"{row.grade}  {row.statement}", style="bold"),
            Paragraph(f"» {row.excerpt} «"),
            Paragraph(f"{chain}{'' if row.named else ' (anonymous)'} · {row.id}", style="dim"),
        ]
    return document


def _without_claims(source: SourceOut) -> Document:
    """A source no claim came through (views.sources lays out a source with its claims)."""
    pairs = [("Id", source.id), ("Kind", source.kind), ("Reliability", source.reliability)]
    if source.description:
        pairs.append(("Description", source.description))
    return [
        Heading(source.name),
        Fields(pairs),
        Paragraph("No claim in the brief came through this source.", style="dim"),
    ]
