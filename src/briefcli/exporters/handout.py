"""The whole brief as a Markdown handout: the briefing, then actors, timeline, alignments,
sources, attributions and analyst notes, through the same views as the commands."""

from __future__ import annotations

from briefcli import queries, views
from briefcli.brief.model import RELIABILITY_LABELS
from briefcli.queries.briefing import briefing
from briefcli.render import markdown
from briefcli.render.document import Document, Heading, Paragraph, Table
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex
from briefcli.views.briefing import briefing_view


def _sources(index: BriefIndex) -> Table:
    return Table(
        f"Sources ({len(index.brief.sources)})",
        ["Source", "Kind", "Reliability", "Named", "Reached the brief via", "Id"],
        [
            [
                source.name,
                source.kind,
                f"{source.reliability} ({RELIABILITY_LABELS[source.reliability]})",
                "named" if source.named else "anonymous",
                "; ".join(
                    " ← ".join(s.name for s in route[1:])
                    for route in index.source_routes(source.id)
                    if len(route) > 1
                ),
                source.id,
            ]
            for source in index.brief.sources
        ],
    )


def _notes(index: BriefIndex) -> Table:
    return Table(
        f"Analyst notes ({len(index.brief.notes)})",
        ["Kind", "Note", "Concerns", "Confidence", "Id"],
        [
            [
                note.kind,
                note.text,
                "; ".join(index.name_of(target) for target in note.concerns),
                note.confidence or "",
                note.id,
            ]
            for note in index.brief.notes
        ],
    )


def handout(index: BriefIndex) -> Document:
    """Every part of the brief, briefing first."""
    document = briefing_view(briefing(index), fit=False)
    summary = index.brief.meta.summary
    if summary:
        document += [Heading("Summary", 2), Paragraph(summary)]
    document += [Heading("Actors", 2), *views.actors(queries.actor_rows(index))]
    document += [Heading("Timeline", 2), *views.timeline(queries.timeline(index))]
    document += [Heading("Alignments", 2), *views.alignment_tree(queries.alignment_tree(index))]
    document += [Heading("Sources", 2), _sources(index)]
    document += views.sources(queries.attributions(index))
    document += [Heading("Analyst notes", 2), _notes(index)]
    return document


def export(loaded: LoadedBrief) -> str:
    return markdown.render(handout(loaded.index))
