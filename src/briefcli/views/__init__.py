"""Answers laid out as Documents (render/document.py), one module per kind of answer; the
renderers in render/ turn a Document into text, Markdown or data.
The briefing's and diff's layouts, each used by one command only, are imported from their own
modules.
"""

from briefcli.views.listings import (
    claims,
    notes,
    places,
    relations,
)
from briefcli.views.lookups import (
    ARROWS,
    actor,
    actors,
    alignment_chain,
    alignment_tree,
    claim,
    problems,
    search,
    sources,
    timeline,
    timeline_with_reasons,
    trace,
    warnings,
)

__all__ = [
    "ARROWS",
    "HEIGHT",
    "LABEL_WIDTH",
    "MIN_TAIL",
    "WIDTH",
    "actor",
    "actors",
    "alignment_chain",
    "alignment_tree",
    "briefing_view",
    "claim",
    "claims",
    "diff_view",
    "notes",
    "places",
    "problems",
    "relations",
    "search",
    "sources",
    "timeline",
    "timeline_with_reasons",
    "trace",
    "warnings",
]
