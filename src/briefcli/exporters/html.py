"""The brief as one self-contained HTML page (`export --to html`): the briefing, an interactive
link chart of the actors, the timeline and the attribution table, on a screen or printed.

The page needs no network, so it opens offline and can be mailed: its styles, its code and the
force layout it uses (d3-force, vendored under vendor/) are inline, and its
Content-Security-Policy lets it fetch nothing. The brief goes in as JSON that the page's code
(page/briefing.js) lays out through textContent, never as markup. Every string is first made
visible-safe as in the terminal (controls and bidi overrides shown as `\\x1b`, `\\u202e`), and
the JSON is escaped so that no text can end the script element that holds it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

from briefcli import __version__, queries
from briefcli.brief import dates
from briefcli.brief.model import CREDIBILITY_LABELS, RELIABILITY_LABELS
from briefcli.console import safe
from briefcli.exporters.network import CLASS_LOOKS, KIND_LOOKS, Network, network
from briefcli.queries.briefing import briefing
from briefcli.queries.common import evidence, moment
from briefcli.render.document import Document, Fields, Heading, Paragraph
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex
from briefcli.views.briefing import briefing_view

# The force layout and the modules it needs, in the order they must load (vendor/README.md).
VENDORED = ("d3-dispatch.min.js", "d3-quadtree.min.js", "d3-timer.min.js", "d3-force.min.js")


def _period(since: str | None, until: str | None) -> dict[str, str | None]:
    """A role's or relation's dates as written, and the days the page compares with its
    `as of` date: the first day `since` can mean, the last day `until` can mean (as
    dates.in_force reads them)."""
    return {
        "since": since,
        "until": until,
        "start": dates.parse_edtf(since).start.isoformat() if since else None,
        "end": dates.parse_edtf(until).end.isoformat() if until else None,
    }


def _blocks(document: Document) -> list[dict[str, Any]]:
    """The briefing's blocks, as the page draws them."""
    blocks: list[dict[str, Any]] = []
    for block in document:
        if isinstance(block, Heading):
            blocks.append({"heading": block.text, "level": block.level})
        elif isinstance(block, Paragraph):
            blocks.append({"paragraph": block.text, "quiet": block.style is not None})
        elif isinstance(block, Fields):
            blocks.append({"fields": [list(pair) for pair in block.pairs]})
        else:  # the briefing view lays out no tables or trees
            raise TypeError(f"the page does not draw {type(block).__name__} blocks")
    return blocks


def _briefing(index: BriefIndex) -> list[dict[str, Any]]:
    """The briefing `brief` prints, unclipped (as the Markdown handout has it), and the summary."""
    document = briefing_view(briefing(index), fit=False)
    summary = index.brief.meta.summary
    if summary:
        document += [Heading("Summary", 2), Paragraph(summary)]
    return _blocks(document)


def _nodes(index: BriefIndex, graph: Network) -> list[dict[str, Any]]:
    nodes = []
    for node in graph.nodes:
        actor = index.actors[node.id]
        nodes.append(
            {
                "id": node.id,
                "name": node.name,
                "kind": node.kind,
                "type": node.type,
                "status": node.status,
                "statusDate": actor.status_date,
                "blocs": node.blocs,
                "aliases": [alias.name for alias in actor.aliases],
                "description": actor.description,
                "roles": [
                    {
                        "title": role.title,
                        "of": role.of,
                        "ofName": index.name_of(role.of) if role.of else None,
                        **_period(role.since, role.until),
                    }
                    for role in actor.roles
                ],
            }
        )
    return nodes


def _edges(index: BriefIndex, graph: Network) -> list[dict[str, Any]]:
    edges = []
    for edge in graph.edges:
        relation = index.relations.get(edge.id)  # None for a role
        edges.append(
            {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "type": edge.type,
                "class": edge.meaning,
                "confidence": edge.confidence,
                "mutual": edge.mutual,
                "inferred": edge.inferred,
                "role": edge.role,
                **_period(edge.since, edge.until),
                "description": relation.description if relation else None,
                "claims": [claim.id for claim in evidence(index, relation)] if relation else [],
            }
        )
    return edges


def _claims(index: BriefIndex) -> list[dict[str, Any]]:
    """Every claim with its grade and source chain, in brief order."""
    excerpts = {claim.id: claim.excerpt for claim in index.brief.claims}
    return [
        {
            "id": row.id,
            "statement": row.statement,
            "grade": row.grade,
            "gradeMeaning": f"{row.reliability}: {RELIABILITY_LABELS[row.reliability]}; "
            f"{row.credibility}: {CREDIBILITY_LABELS[row.credibility]}",
            "chain": [source.name for source in row.chain],
            "named": row.named,
            "translated": row.via_translation,
            "excerpt": excerpts[row.id],
        }
        for row in queries.attributions(index)
    ]


def _timeline(index: BriefIndex) -> list[dict[str, Any]]:
    events = []
    for entry in queries.timeline(index):
        days = dates.day_range(index.events[entry.id].date)
        events.append(
            {
                "id": entry.id,
                "kind": entry.kind,
                "title": entry.title,
                "date": entry.date.display,
                "time": entry.time,
                "start": entry.date.start,
                "end": entry.date.end,
                "uncertain": days is not None and days.uncertain,
                "approximate": days is not None and days.approximate,
                "place": entry.place.name if entry.place else None,
                "who": [f"{p.name} ({p.role})" for p in entry.participants],
            }
        )
    return events


def _visible(value: Any) -> Any:
    """Every string in the data, with its controls and bidi characters made visible."""
    if isinstance(value, str):
        return safe(value, multiline=True)
    if isinstance(value, list):
        return [_visible(item) for item in value]
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    return value


def page_data(index: BriefIndex) -> dict[str, Any]:
    """Everything the page shows, as plain data (what goes into its JSON)."""
    graph = network(index)
    nodes = _nodes(index, graph)
    edges = _edges(index, graph)
    timeline = _timeline(index)
    today = moment(index).isoformat()
    starts = [e["start"] for e in edges] + [r["start"] for n in nodes for r in n["roles"]]
    starts += [event["start"] for event in timeline]
    meta = index.brief.meta
    data: dict[str, Any] = _visible(
        {
            "meta": {
                "title": meta.title,
                "handling": meta.handling,
                "asOf": today,  # the day the chart first shows: the brief's as_of, or --as-of
                "first": min([today, *(start for start in starts if start)]),
                "generator": f"briefcli {__version__}",
            },
            "briefing": _briefing(index),
            "kinds": [
                {"name": kind, "colour": look.colour, "label": look.label}
                for kind, look in KIND_LOOKS.items()
            ],
            "classes": [
                {"name": name, "colour": look.colour, "label": look.label}
                for name, look in CLASS_LOOKS.items()
            ],
            "nodes": nodes,
            "edges": edges,
            "claims": _claims(index),
            "timeline": timeline,
        }
    )
    return data


def script_json(data: Any) -> str:
    """JSON that can sit inside a <script> element: `<`, `>` and `&` escaped, so no text
    closes the element or opens a comment, and the line separators JavaScript once refused."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(char, escape)
    return encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(*path: str) -> str:
    folder = resources.files("briefcli.exporters")
    for part in path:
        folder = folder.joinpath(part)
    return folder.read_text(encoding="utf-8")


def _digest(text: str) -> str:
    """The CSP source that allows one inline script or style, by the hash of its text."""
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def page(data: dict[str, Any]) -> str:
    """The page around its data."""
    licence = _asset("vendor", "LICENSE-d3").strip()
    library = "\n".join(
        [f"/* d3-force and its modules (ISC): see below.\n{licence}\n*/"]
        + [_asset("vendor", name) for name in VENDORED]
    )
    code = _asset("page", "briefing.js")
    style = _asset("page", "briefing.css")
    # Only the page's own script and style, by hash; no source to fetch anything from.
    policy = (
        f"default-src 'none'; script-src {_digest(library)} {_digest(code)}; "
        f"style-src {_digest(style)}; base-uri 'none'; form-action 'none'"
    )
    title = html.escape(data["meta"]["title"])
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta name="generator" content="briefcli {__version__}">\n',
            f"<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n",
            _asset("page", "briefing.html"),
            f'<script type="application/json" id="brief-data">{script_json(data)}</script>\n',
            f"<script>{library}</script>\n<script>{code}</script>\n</body>\n</html>\n",
        ]
    )


def export(loaded: LoadedBrief) -> str:
    return page(page_data(loaded.index))
