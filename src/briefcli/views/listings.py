"""How the lists of records look to a person: `relations`, `claims`, `notes` and `places`, each
one table. Their JSON and CSV shapes are the records of results.py named in the signatures."""

from __future__ import annotations

from briefcli.render.document import Document, Table
from briefcli.results import ClaimRow, NoteOut, PlaceRow, RelationRow


def _when(row: RelationRow) -> str:
    """When the relation held ("since 2018", "2008 – 2010"), and "former" once it had ended by
    the day answers speak for, as in a profile."""
    if row.since and row.until:
        period = f"{row.since} – {row.until}"
    elif row.since:
        period = f"since {row.since}"
    else:
        period = f"until {row.until}" if row.until else ""
    return f"former, {period}" if not row.current and row.until else period


def relations(rows: list[RelationRow]) -> Document:
    """One row a relation, read subject → object, with the claims behind it (as an actor's
    profile and the alignments show relations; the id and description are in the JSON)."""
    return [
        Table(
            f"Relations ({len(rows)})",
            ["Subject", "Relation", "Object", "When", "Confidence", "Claims"],
            [
                [
                    row.subject.name,
                    row.type.replace("_", " ") + (" (inferred)" if row.inferred else ""),
                    row.object.name,
                    _when(row),
                    row.confidence,
                    "\n".join(claim.id for claim in row.claims),
                ]
                for row in rows
            ],
            empty="no relations match",
        )
    ]


def claims(rows: list[ClaimRow]) -> Document:
    return [
        Table(
            f"Claims ({len(rows)})",
            ["Grade", "Statement", "Source chain", "Id"],
            [
                [
                    row.grade,
                    row.statement,
                    " ← ".join(source.name for source in row.chain)
                    + ("" if row.named else " (anonymous)"),
                    row.id,
                ]
                for row in rows
            ],
            empty="no claims match",
        )
    ]


def notes(rows: list[NoteOut]) -> Document:
    return [
        Table(
            f"Analyst notes ({len(rows)})",
            ["Kind", "Note", "Concerns", "Id"],
            [
                [
                    row.kind + (f" ({row.confidence})" if row.confidence else ""),
                    row.text,
                    "\n".join(record.id for record in row.concerns),
                    row.id,
                ]
                for row in rows
            ],
            empty="no notes match",
        )
    ]


def places(rows: list[PlaceRow]) -> Document:
    return [
        Table(
            f"Places ({len(rows)})",
            ["Name", "Kind", "Within", "Country", "Also", "Events", "Id"],
            [
                [
                    row.name,
                    row.kind,
                    row.within.name if row.within else "",
                    row.country.name if row.country else "",
                    "; ".join(alias.name for alias in row.aliases),
                    str(row.event_count),
                    row.id,
                ]
                for row in rows
            ],
            empty="no places match",
        )
    ]
