"""`briefcli brief`: a one-screen pre-meeting briefing, computed from the brief.

`briefing(index)` is a pure query returning a `Briefing` record (its JSON shape);
`briefing_view(b)` lays it out as a Document that fits a 100 x 50 terminal: long texts are
wrapped and clipped, and the who's who, key events, alignments and gaps share the lines left.
"""

from __future__ import annotations

import textwrap
from collections import Counter

from briefcli import queries
from briefcli.console import safe
from briefcli.index import BriefIndex
from briefcli.render.document import Block, Document, Fields, Heading, Paragraph
from briefcli.results import DateOut, Out, Ref

# At most this many actors and events are ranked into the record; the view shows what fits.
MAX_ACTORS = 12
MAX_EVENTS = 12
# The screen the briefing is laid out for.
WIDTH = 100
HEIGHT = 50
LABEL_WIDTH = 36  # longest label shown whole in a two-column section
MIN_TAIL = 20  # narrowest room worth showing part of a description in


class JudgmentLine(Out, frozen=True):
    id: str
    text: str
    likelihood: str
    confidence: str
    claims: list[str]


class KeyActor(Out, frozen=True):
    id: str
    name: str
    kind: str
    type: str | None
    role: str | None
    status: str
    status_date: str | None
    affiliations: list[Ref]
    blocs: list[Ref]
    description: str | None
    weight: int  # relations + events + claims that concern the actor


class KeyEvent(Out, frozen=True):
    id: str
    kind: str
    title: str
    date: DateOut
    place: Ref | None
    weight: int  # claims about the event + participants


class Patron(Out, frozen=True):
    actor: Ref
    relations: list[str]  # how the bloc stands towards it: backed_by, loyal_to, part_of...


class BlocGlance(Out, frozen=True):
    bloc: Ref
    members: list[Ref]
    patrons: list[Patron]


class GradeCount(Out, frozen=True):
    grade: str  # source reliability letter + information credibility digit
    count: int


class Sourcing(Out, frozen=True):
    claims: int
    single_source: int  # what the claim supports rests on one claim or one source chain
    anonymous: int  # the source the claim rests on (first on its chain) is unnamed
    via_translation: int  # the claim reached the brief through a translation
    sources: int
    anonymous_sources: int
    grades: list[GradeCount]


class Briefing(Out, frozen=True):
    title: str
    as_of: str
    handling: str
    authors: list[str]
    bottom_line: str | None
    summary: str | None
    key_judgments: list[JudgmentLine]
    actors: list[KeyActor]  # the most concerned actors, most concerned first
    actor_count: int
    events: list[KeyEvent]  # the best documented events, in timeline order
    event_count: int
    alignments: list[BlocGlance]
    sourcing: Sourcing
    gaps: list[str]


# ---------------------------------------------------------------- query


def _key_actors(index: BriefIndex) -> list[KeyActor]:
    rows = {row.id: row for row in queries.actor_rows(index)}
    weights = {
        actor.id: len(index.relations_of.get(actor.id, []))
        + len(index.events_of.get(actor.id, []))
        + len(index.claims_about.get(actor.id, []))
        for actor in index.brief.actors
        if actor.kind != "bloc"  # blocs have their own section
    }
    ranked = sorted(weights, key=lambda actor_id: (-weights[actor_id], rows[actor_id].name))
    return [
        KeyActor(
            id=row.id,
            name=row.name,
            kind=row.kind,
            type=row.type,
            role=row.role,
            status=row.status,
            status_date=row.status_date,
            affiliations=row.affiliations,
            blocs=row.blocs,
            description=index.actors[row.id].description,
            weight=weights[row.id],
        )
        for row in (rows[actor_id] for actor_id in ranked[:MAX_ACTORS])
    ]


def _key_events(index: BriefIndex) -> list[KeyEvent]:
    entries = queries.timeline(index)
    weights = {
        entry.id: len(index.claims_about.get(entry.id, [])) + len(entry.participants)
        for entry in entries
    }
    order = {entry.id: position for position, entry in enumerate(entries)}
    chosen = sorted(weights, key=lambda event_id: (-weights[event_id], order[event_id]))
    kept = set(chosen[:MAX_EVENTS])
    return [
        KeyEvent(
            id=entry.id,
            kind=entry.kind,
            title=entry.title,
            date=entry.date,
            place=entry.place,
            weight=weights[entry.id],
        )
        for entry in entries
        if entry.id in kept
    ]


def _alignments(index: BriefIndex) -> list[BlocGlance]:
    glances = []
    for node in queries.alignment_tree(index).blocs:
        patrons: dict[str, Patron] = {}
        for link in node.patrons:
            known = patrons.get(link.target.id)
            types = [*known.relations, link.type] if known else [link.type]
            patrons[link.target.id] = Patron(actor=link.target, relations=types)
        glances.append(
            BlocGlance(
                bloc=node.bloc,
                members=[member.actor for member in node.members],
                patrons=list(patrons.values()),
            )
        )
    return glances


def _single_source_claims(index: BriefIndex) -> set[str]:
    """Claims whose relations and events all rest on one claim or one source chain. A claim
    that supports no relation or event stands alone, so it counts as single-source."""
    chains = {
        claim.id: tuple(source.id for source in index.source_chain(claim.source))
        for claim in index.brief.claims
    }
    corroborated: set[str] = set()
    for record_id, support in index.claims_about.items():
        if record_id not in index.relations and record_id not in index.events:
            continue
        if len({chains[claim.id] for claim in support}) > 1:
            corroborated.update(claim.id for claim in support)
    return set(chains) - corroborated


def _sourcing(index: BriefIndex) -> Sourcing:
    rows = queries.attributions(index)
    grades = Counter(row.grade for row in rows)
    return Sourcing(
        claims=len(rows),
        single_source=len(_single_source_claims(index)),
        anonymous=sum(not row.named for row in rows),
        via_translation=sum(row.via_translation for row in rows),
        sources=len(index.brief.sources),
        anonymous_sources=sum(not source.named for source in index.brief.sources),
        grades=[GradeCount(grade=grade, count=grades[grade]) for grade in sorted(grades)],
    )


def briefing(index: BriefIndex) -> Briefing:
    """The pre-meeting briefing: judgments, key actors and events, alignments, sourcing, gaps."""
    meta = index.brief.meta
    return Briefing(
        title=meta.title,
        as_of=meta.as_of,
        handling=meta.handling,
        authors=list(meta.authors),
        bottom_line=meta.bottom_line,
        summary=meta.summary,
        key_judgments=[
            JudgmentLine(
                id=j.id,
                text=j.text,
                likelihood=j.likelihood,
                confidence=j.confidence,
                claims=list(j.claims),
            )
            for j in meta.key_judgments
        ],
        actors=_key_actors(index),
        actor_count=len(index.brief.actors),
        events=_key_events(index),
        event_count=len(index.brief.events),
        alignments=_alignments(index),
        sourcing=_sourcing(index),
        gaps=list(meta.gaps),
    )


# ---------------------------------------------------------------- view


def _names(refs: list[Ref]) -> str:
    return ", ".join(ref.name for ref in refs)


def _actor_line(actor: KeyActor) -> str:
    parts = [actor.kind + (f" ({actor.type})" if actor.type else "")]
    if actor.role:
        parts.append(actor.role)
    elif actor.affiliations:
        parts.append(_names(actor.affiliations))
    if actor.blocs:
        parts.append(_names(actor.blocs))
    if actor.status != "active":
        parts.append(actor.status + (f" {actor.status_date}" if actor.status_date else ""))
    return " · ".join(parts)


def _event_line(event: KeyEvent) -> str:
    return event.title + (f" · {event.place.name}" if event.place else "")


def _bloc_line(glance: BlocGlance) -> str:
    parts = [glance.bloc.name]
    if glance.patrons:
        patrons = ", ".join(
            f"{p.actor.name} ({', '.join(t.replace('_', ' ') for t in p.relations)})"
            for p in glance.patrons
        )
        parts.append(f"patrons {patrons}")
    if glance.members:
        count = len(glance.members)
        parts.append(f"{count} member{'s' if count != 1 else ''}: {_names(glance.members)}")
    return " — ".join(parts)


def _judgment_line(judgment: JudgmentLine) -> str:
    likelihood = judgment.likelihood[0].upper() + judgment.likelihood[1:]
    return f"• {likelihood}, {judgment.confidence} confidence: {judgment.text}"


def _sourcing_lines(s: Sourcing) -> list[str]:
    grades = " · ".join(f"{g.grade} ×{g.count}" for g in s.grades) or "none"
    return [
        f"{s.claims} claims: {s.single_source} single-source, {s.anonymous} resting on anonymous "
        f"sources, {s.via_translation} through a translation.",
        f"Grades: {grades}. Sources: {s.sources}, {s.anonymous_sources} anonymous.",
    ]


class _Layout:
    """Text shaped for the screen (fit) or left whole (for Markdown handouts)."""

    def __init__(self, fit: bool) -> None:
        self.fit = fit

    def wrap(self, text: str, width: int, max_lines: int, indent: str = "") -> str:
        """Text wrapped to `width`, at most `max_lines` lines (the last ends with …)."""
        if not self.fit:
            return text
        flat = safe(" ".join(text.split()))
        lines = textwrap.wrap(
            flat,
            width,
            subsequent_indent=indent,
            max_lines=max_lines,
            placeholder=" …",
            break_on_hyphens=False,
        )
        return "\n".join(lines) or flat

    def fields(self, pairs: list[tuple[str, str, str | None]], max_lines: int = 1) -> Fields:
        """(label, value, tail) rows; in fit mode each value wraps beside the widest label, and
        a tail (`— description`) is added only where a useful part of it fits."""
        if not self.fit:
            return Fields(
                [(label, value + (f" — {tail}" if tail else "")) for label, value, tail in pairs]
            )
        labels = [self.wrap(label, LABEL_WIDTH, 1) for label, _, _ in pairs]
        width = WIDTH - max((len(label) for label in labels), default=0) - 2
        rows = []
        for label, (_, value, tail) in zip(labels, pairs, strict=True):
            shaped = self.wrap(value, width, max_lines)
            room = width - len(shaped.rsplit("\n", 1)[-1]) - 3
            if tail and max_lines == 1 and room >= MIN_TAIL:
                shaped += " — " + self.wrap(tail, room, 1)
            rows.append((label, shaped))
        return Fields(rows)


def _lines(block: Fields | Paragraph | Heading) -> int:
    if isinstance(block, Fields):
        return sum(value.count("\n") + 1 for _, value in block.pairs)
    return block.text.count("\n") + 1 + (1 if isinstance(block, Heading) else 0)


def _allocate(budget: int, sizes: list[int]) -> list[int]:
    """How many items of each section fit in `budget` lines: a section costs two lines
    (blank and heading) plus one per item; every section gets one item before any gets two."""
    shown = [0] * len(sizes)
    progress = True
    while progress:
        progress = False
        for position, size in enumerate(sizes):
            cost = 3 if shown[position] == 0 else 1
            if shown[position] < size and cost <= budget:
                shown[position] += 1
                budget -= cost
                progress = True
    return shown


def _section(title: str, total: int, shown: int, *body: Block) -> list[Block]:
    """A heading counting what is shown (`Key events (5 of 14)`), then the body; nothing when
    nothing is shown."""
    if not shown:
        return []
    count = f"{shown} of {total}" if shown < total else str(total)
    return [Heading(f"{title} ({count})", 2), *body]


def briefing_view(b: Briefing, fit: bool = True) -> Document:
    """The briefing as a Document; `fit` lays it out for one 100 x 50 screen."""
    layout = _Layout(fit)
    head: list[Fields | Paragraph | Heading] = [Heading(layout.wrap(b.title, WIDTH, 2))]
    marking = " · ".join(filter(None, [b.as_of, b.handling, ", ".join(b.authors)]))
    pairs: list[tuple[str, str, str | None]] = [("As of", marking, None)]
    if b.bottom_line or b.summary:
        pairs.append(("Bottom line", b.bottom_line or b.summary or "", None))
    head.append(layout.fields(pairs, max_lines=4))
    if b.key_judgments:
        head.append(Heading("Key judgments", 2))
        head += [
            Paragraph(layout.wrap(_judgment_line(j), WIDTH, 2, indent="  "))
            for j in b.key_judgments
        ]
    tail: list[Fields | Paragraph | Heading] = [Heading("Sourcing", 2)]
    tail += [Paragraph(layout.wrap(line, WIDTH, 1)) for line in _sourcing_lines(b.sourcing)]

    blocs = [g for g in b.alignments if g.members or g.patrons]
    blocs.sort(key=lambda g: -(len(g.members) + len(g.patrons)))
    sizes = [len(b.actors), len(b.events), len(blocs), len(b.gaps)]
    if fit:
        used = sum(_lines(block) for block in [*head, *tail]) - 1  # no blank line above the title
        sizes = _allocate(HEIGHT - used, sizes)
    shown_actors = {a.id for a in b.actors[: sizes[0]]}
    shown_events = {e.id for e in sorted(b.events, key=lambda e: -e.weight)[: sizes[1]]}

    return [
        *head,
        *_section(
            "Who's who",
            b.actor_count,
            sizes[0],
            layout.fields(
                [(a.name, _actor_line(a), a.description) for a in b.actors if a.id in shown_actors]
            ),
        ),
        *_section(
            "Key events",
            b.event_count,
            sizes[1],
            layout.fields(
                [
                    (e.date.value or "undated", _event_line(e), None)
                    for e in b.events
                    if e.id in shown_events
                ]
            ),
        ),
        *_section(
            "Alignments",
            len(blocs),
            sizes[2],
            *(Paragraph(layout.wrap(_bloc_line(g), WIDTH, 1)) for g in blocs[: sizes[2]]),
        ),
        *tail,
        *_section(
            "Gaps and open questions",
            len(b.gaps),
            sizes[3],
            *(Paragraph(layout.wrap(f"• {gap}", WIDTH, 1)) for gap in b.gaps[: sizes[3]]),
        ),
    ]
