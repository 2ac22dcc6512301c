"""How each answer looks to a person: answer records -> Documents (for the terminal and
Markdown). Change a command's human output here; its JSON shape lives in results.py."""

from __future__ import annotations

from typing import Protocol

from briefcli.brief.model import RELIABILITY_LABELS
from briefcli.render.document import Document, Fields, Heading, Paragraph, Table, Tree, TreeNode
from briefcli.results import (
    ActorProfile,
    ActorRow,
    AlignmentChain,
    AlignmentTree,
    Attribution,
    ClaimDetail,
    ClaimOut,
    Link,
    MemberNode,
    ProblemOut,
    Ref,
    SearchHit,
    SourceOut,
    Tie,
    TimelineEntry,
    TraceResult,
    WarningOut,
)

ARROWS = {"outgoing": "→", "incoming": "←", "mutual": "↔", "forward": "→", "backward": "←"}


def _names(refs: list[Ref]) -> str:
    return ", ".join(r.name for r in refs)


def hedged(ties: list[Tie]) -> str:
    """Names with the hedge their tie carries: "Iran (low)", "PMF (inferred)"."""
    return ", ".join(tie.name + (f" ({tie.hedge})" if tie.hedge else "") for tie in ties)


def _label(type_: str) -> str:
    return type_.replace("_", " ")


def actors(rows: list[ActorRow]) -> Document:
    status = [row.status + (f" {row.status_date}" if row.status_date else "") for row in rows]
    return [
        Table(
            f"Actors ({len(rows)})",
            ["Name", "Kind", "Affiliation / bloc", "Role", "Status", "Id"],
            [
                [
                    row.name,
                    row.kind + (f" ({row.type})" if row.type else ""),
                    "; ".join(filter(None, [hedged(row.affiliations), _names(row.blocs)])),
                    row.role or "",
                    state,
                    row.id,
                ]
                for row, state in zip(rows, status, strict=True)
            ],
            empty="no actors match",
        )
    ]


def _claim_rows(claims: list[ClaimOut]) -> list[list[str]]:
    return [[c.grade, c.statement, " ← ".join(s.name for s in c.chain), c.id] for c in claims]


class _Held(Protocol):
    """A role, relation or link: something held over a period."""

    @property
    def since(self) -> str | None: ...
    @property
    def until(self) -> str | None: ...
    @property
    def current(self) -> bool: ...


def _period(held: _Held) -> str:
    """(since 2018-03-06)", " (2008 – 2010)", " (until 2013)", or nothing."""
    if held.since and held.until:
        return f" ({held.since} – {held.until})"
    if held.since:
        return f" (since {held.since})"
    return f" (until {held.until})" if held.until else ""


def _when(held: _Held) -> str:
    """A relation's period, and "former" when it had ended by the day answers speak for."""
    period = _period(held).strip(" ()")
    return f"former, {period}" if not held.current and held.until else period


def actor(profile: ActorProfile) -> Document:
    kind = profile.kind + (f" ({profile.type})" if profile.type else "")
    status = profile.status + (f" {profile.status_date}" if profile.status_date else "")
    if profile.status_event:
        status += f" in {profile.status_event.name}"
    pairs = [("Id", profile.id), ("Kind", kind), ("Status", status)]
    if profile.country:
        pairs.append(("Country", profile.country.name))
    if profile.aliases:
        pairs.append(("Also", "; ".join(f"{a.name} ({a.form})" for a in profile.aliases)))
    for role in profile.roles:
        held = f"{role.title}, {role.of.name}" if role.of else role.title
        pairs.append(("Role" if role.current else "Former role", held + _period(role)))
    if profile.inferred:
        pairs.append(("Basis", "analyst inference (not stated by a source)"))
    document: Document = [Heading(profile.name), Fields(pairs)]
    if profile.description:
        document.append(Paragraph(profile.description))
    document.append(
        Table(
            "Relations",
            ["", "Relation", "With", "When", "Confidence", "Claims"],
            [
                [
                    ARROWS[r.direction],
                    _label(r.type) + (" (inferred)" if r.inferred else ""),
                    r.other.name + (f"\n{r.description}" if r.description else ""),
                    _when(r),
                    r.confidence,
                    "\n".join(c.id for c in r.claims),
                ]
                for r in profile.relations
            ],
        )
    )
    document.append(
        Table(
            "Events",
            ["Date", "Event", "Role", "Place"],
            [
                [e.date.display, e.title, e.role, e.place.name if e.place else ""]
                for e in profile.events
            ],
        )
    )
    document.append(
        Table("Claims", ["Grade", "Statement", "Source chain", "Id"], _claim_rows(profile.claims))
    )
    document.append(
        Table("Analyst notes", ["Kind", "Note"], [[n.kind, n.text] for n in profile.notes])
    )
    return document


def timeline(entries: list[TimelineEntry], why: bool = False) -> Document:
    """Events with how sure each date is; `why` adds the reasoning behind each date."""
    headers = ["Date", "Sure", "Kind", "Event", "Place", "Who (role)"]
    return [
        Table(
            f"Timeline ({len(entries)} events)",
            [*headers, "Why this date"] if why else headers,
            [
                [
                    _date_and_time(e),
                    e.date.confidence,
                    e.kind,
                    e.title,
                    e.place.name if e.place else "",
                    "; ".join(
                        f"{p.name} ({p.role}{': ' + p.note if p.note else ''})"
                        for p in e.participants
                    ),
                    *([e.date.reasoning or ""] if why else []),
                ]
                for e in entries
            ],
            empty="no events match",
        )
    ]


def timeline_with_reasons(entries: list[TimelineEntry]) -> Document:
    """`timeline --why`: each date with the reasoning that resolved it."""
    return timeline(entries, why=True)


def _date_and_time(entry: TimelineEntry) -> str:
    """The date as displayed, with the time of day after its value: `2024-06-03 17:00`."""
    display, value = entry.date.display, entry.date.value
    if entry.time is None:
        return display
    if value and display.startswith(value):
        return f"{value} {entry.time}{display[len(value) :]}"
    return f"{display}, {entry.time}"


def _link_label(link: Link, towards: str = "target") -> str:
    other = link.target if towards == "target" else link.source
    inferred = ", inferred" if link.inferred else ""
    return f"{_label(link.type)} {other.name} ({link.confidence}{inferred}){_period(link)}"


def _member_node(parent: TreeNode, member: MemberNode) -> None:
    node = parent.add(
        f"{member.actor.name} [{member.kind}] ({_label(member.relation)}, {member.confidence})"
        if member.relation != "none"
        else f"{member.actor.name} [{member.kind}]"
    )
    for leader in member.leaders:
        node.add(f"led by {leader.name}")
    for patron in member.patrons:
        node.add(_link_label(patron))


def alignment_tree(tree: AlignmentTree) -> Document:
    root = TreeNode("Alignments")
    for bloc in tree.blocs:
        node = root.add(bloc.bloc.name)
        for leader in bloc.leaders:
            node.add(f"led by {leader.source.name}{_period(leader)}")
        for patron in bloc.patrons:
            node.add(_link_label(patron))
        for member in bloc.members:
            _member_node(node, member)
        for ally in bloc.allies:
            other = ally.target if ally.source.id == bloc.bloc.id else ally.source
            node.add(f"ally: {other.name} ({_label(ally.type)}, {ally.confidence})")
        for affiliate in bloc.affiliates:
            node.add(
                f"not a member: {affiliate.source.name} "
                f"({_label(affiliate.type)}, {affiliate.confidence})"
            )
        for rival in bloc.rivals:
            node.add(f"rival: {rival.source.name} {_label(rival.type)} {rival.target.name}")
    if tree.unaligned:
        loose = root.add("In no bloc")
        for member in tree.unaligned:
            _member_node(loose, member)
    return [Tree(None, root)]


def alignment_chain(chain: AlignmentChain) -> Document:
    def rows(links: list[Link]) -> list[list[str]]:
        return [
            [
                str(link.depth),
                link.source.name,
                _label(link.type) + (" (inferred)" if link.inferred else ""),
                link.target.name,
                _when(link),
                link.confidence,
                "\n".join(c.id for c in link.claims),
            ]
            for link in links
        ]

    headers = ["Depth", "From", "Relation", "To", "When", "Confidence", "Claims"]
    document: Document = [
        Heading(f"Alignments of {chain.actor.name}"),
        Table("Upward (leads, belongs to, backed by, loyal to…)", headers, rows(chain.upward)),
        Table("Allies", headers, rows(chain.allies)),
        Table("Rivals and hostile relations", headers, rows(chain.hostile)),
    ]
    if chain.former:
        document.append(Table("Former relations", headers, rows(chain.former)))
    return document


def trace(result: TraceResult) -> Document:
    count = len(result.paths)
    document: Document = [
        Heading(f"{result.source.name} … {result.target.name}"),
        Paragraph(
            f"{count} shortest path{'s' if count != 1 else ''} of {result.length} "
            f"hop{'s' if result.length != 1 else ''}",
            style="dim",
        ),
    ]
    for number, path in enumerate(result.paths, start=1):
        document.append(
            Table(
                f"Path {number}",
                ["From", "", "Relation", "To", "When", "Confidence", "Evidence"],
                [
                    [
                        hop.source.name,
                        ARROWS[hop.direction],
                        f"{hop.role} (role)" if hop.role else _label(hop.type),
                        hop.target.name,
                        _when(hop),
                        hop.confidence,
                        "\n".join(f"{c.grade} {c.id}" for c in hop.claims)
                        or ("(a role)" if hop.role else "(no claim)"),
                    ]
                    for hop in path.hops
                ],
            )
        )
    return document


def sources(rows: list[Attribution]) -> Document:
    """The attributions; with --source, each matching source record first and then the claims
    that came through it, so two records that share a name stay two."""
    matched: dict[str, SourceOut] = {}
    for row in rows:
        for source in row.through:
            matched.setdefault(source.id, source)
    if not matched:
        return [_attributions(f"Attributions ({len(rows)} claims)", rows)]
    document: Document = []
    for source in matched.values():
        through = [row for row in rows if any(s.id == source.id for s in row.through)]
        document += [Heading(source.name), Fields(_source_pairs(source))]
        document.append(_attributions(f"Claims through it ({len(through)})", through))
    return document


def _attributions(title: str, rows: list[Attribution]) -> Table:
    return Table(
        title,
        ["Claim", "Statement", "Source chain", "Grade", "Named"],
        [
            [
                row.id,
                row.statement,
                "; ".join(" ← ".join(s.name for s in route) for route in row.routes),
                row.grade,
                "named" if row.named else "anonymous",
            ]
            for row in rows
        ],
        empty="no claims match",
    )


def _source_pairs(source: SourceOut) -> list[tuple[str, str]]:
    """Every field of a source record that is set, as label/value pairs."""
    pairs = [
        ("Id", source.id),
        ("Kind", source.kind + ("" if source.named else " (anonymous)")),
        ("Reliability", f"{source.reliability} ({RELIABILITY_LABELS[source.reliability]})"),
    ]
    if source.via:
        pairs.append(("Came through", _names(source.via)))
    if [o.id for o in source.origins] != [source.id]:
        pairs.append(("Origins", _names(source.origins)))
    if source.actor:
        pairs.append(("Actor", source.actor.name))
    if source.published:
        pairs.append(("Published", source.published.display))
    for label, value in (
        ("Language", source.language),
        ("URL", source.url),
        ("Stored text", source.text),
        ("Description", source.description),
    ):
        if value:
            pairs.append((label, value))
    return pairs


def claim(detail: ClaimDetail) -> Document:
    c = detail.claim
    routes = [" ← ".join(s.name for s in route) for route in detail.routes]
    pairs = [
        ("Claim", c.id),
        ("Grade", f"{c.grade} (source reliability {c.reliability}, credibility {c.credibility})"),
        ("Source", c.source.name + ("" if c.named else " (anonymous)")),
        ("Chain" if len(routes) <= 1 else "Routes", "; ".join(routes)),
    ]
    for label, refs in (
        ("Actors", detail.actors),
        ("Events", detail.events),
        ("Relations", detail.relations),
    ):
        if refs:
            pairs.append((label, _names(refs)))
    document: Document = [Heading(c.statement), Fields(pairs), Heading("Excerpt", 2)]
    if detail.context_before is not None and detail.context_after is not None:
        document.append(Paragraph(detail.context_before, style="dim"))
        document.append(Paragraph(f"» {c.excerpt} «", style="bold"))
        document.append(Paragraph(detail.context_after, style="dim"))
        if detail.document:
            document.append(
                Paragraph(f"(from the stored text of {detail.document.name})", style="dim")
            )
    else:
        document.append(Paragraph(f"» {c.excerpt} «", style="bold"))
        if detail.document:  # the source has a stored text, but it could not be read
            document.append(
                Paragraph(
                    f"(not checked: the stored text of {detail.document.name} was not found)",
                    style="dim",
                )
            )
    if detail.sources:
        document.append(Heading("Sources", 2))
        document.append(Fields([(s.name, _source_line(s)) for s in detail.sources]))
    return document


def _source_line(source: SourceOut) -> str:
    """A source record on one line: kind, reliability, then what else it says."""
    parts = [
        source.kind + ("" if source.named else ", anonymous"),
        f"reliability {source.reliability}",
    ]
    if source.published:
        parts.append(f"published {source.published.display}")
    parts += [value for value in (source.language, source.url) if value]
    line = " · ".join(parts)
    return line + (f" — {source.description}" if source.description else "")


def search(hits: list[SearchHit]) -> Document:
    return [
        Table(
            f"Matches ({len(hits)})",
            ["Score", "Kind", "Match", "In", "Id"],
            [
                [f"{h.score:g}", h.kind, h.text if h.field != "name" else h.name, h.field, h.id]
                for h in hits
            ],
            empty="no matches",
        )
    ]


def problems(rows: list[ProblemOut]) -> Document:
    return [
        Table(
            f"Problems ({len(rows)})",
            ["File", "Line", "Column", "Field", "Message"],
            [
                [row.file, str(row.line or ""), str(row.column or ""), row.field, row.message]
                for row in rows
            ],
            empty="no problems",
        )
    ]


def warnings(rows: list[WarningOut]) -> Document:
    return [
        Table(
            f"Warnings ({len(rows)})",
            ["File", "Line", "Column", "Field", "Message", "Check"],
            [
                [
                    row.file,
                    str(row.line or ""),
                    str(row.column or ""),
                    row.field,
                    row.message,
                    row.check,
                ]
                for row in rows
            ],
            empty="no warnings",
        )
    ]
