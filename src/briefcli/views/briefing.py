"""The one-screen briefing laid out as a Document that fits a 100 x 50 terminal: long texts are
wrapped and clipped, and the who's who, key events, alignments and gaps share the lines left.
"""

from __future__ import annotations

import textwrap

from briefcli.console import safe
from briefcli.render.document import Block, Document, Fields, Heading, Paragraph
from briefcli.results import BlocGlance, Briefing, JudgmentLine, KeyActor, KeyEvent, Ref, Sourcing
from briefcli.views.lookups import hedged

# The screen the briefing is laid out for.
WIDTH = 100


HEIGHT = 50


LABEL_WIDTH = 36  # longest label shown whole in a two-column section


MIN_TAIL = 20  # narrowest room worth showing part of a description in


def _names(refs: list[Ref]) -> str:
    return ", ".join(ref.name for ref in refs)


def _actor_line(actor: KeyActor) -> str:
    parts = [actor.kind + (f" ({actor.type})" if actor.type else "")]
    if actor.role:
        parts.append(actor.role)
    elif actor.affiliations:
        parts.append(hedged(actor.affiliations))
    if actor.blocs:
        parts.append(_names(actor.blocs))
    if actor.status != "active":
        parts.append(actor.status + (f" {actor.status_date}" if actor.status_date else ""))
    return " · ".join(parts)


def _event_line(event: KeyEvent) -> str:
    return event.title + (f" · {event.place.name}" if event.place else "")


def _bloc_line(glance: BlocGlance) -> str:
    parts = [glance.bloc.name]
    if glance.leaders:
        parts.append(f"led by {_names(glance.leaders)}")
    if glance.patrons:
        patrons = ", ".join(
            f"{p.actor.name} ({', '.join(t.replace('_', ' ') for t in p.relations)})"
            for p in glance.patrons
        )
        parts.append(f"patrons {patrons}")
    if glance.members:
        count = len(glance.members)
        parts.append(f"{count} member{'s' if count != 1 else ''}: {_names(glance.members)}")
    if glance.allies:
        parts.append(f"allies: {_names(glance.allies)}")
    return " — ".join(parts)


def _judgment_line(judgment: JudgmentLine) -> str:
    likelihood = judgment.likelihood[0].upper() + judgment.likelihood[1:]
    return f"• {likelihood}, {judgment.confidence} confidence: {judgment.text}"


def _sourcing_lines(s: Sourcing) -> list[str]:
    """The sourcing caveat, saying only what applies: anonymity and translation only when the
    brief has an anonymous or a translated source; the principal sources by name."""
    counts = [f"{s.single_source_count} single-source"]
    if s.anonymous_source_count:
        counts.append(f"{s.anonymous_count} resting on anonymous sources")
    if s.translation_source_count:
        counts.append(f"{s.via_translation_count} through a translation")
    claims = s.claim_count
    lines = [f"{claims} claims: {', '.join(counts)}."]
    if s.origin_count == 1 and s.principal and s.principal[0].claim_count == claims:
        lines.append(f"All {claims} claims rest on one origin: {s.principal[0].source.name}.")
    elif s.principal:
        first, *others = s.principal
        named = f"{first.source.name} ({first.claim_count} of {claims} claims)"
        for other in others:
            count = other.claim_count
            named += f" and {other.source.name} ({count} claim{_s(count)})"
        label = "Principal sources" if others else "Principal source"
        lines.append(f"{label}: {named}, of {s.origin_count} origin{_s(s.origin_count)}.")
    grades = " · ".join(f"{g.grade} ×{g.count}" for g in s.grades) or "none"
    anonymous = f", {s.anonymous_source_count} anonymous" if s.anonymous_source_count else ""
    lines.append(f"Grades: {grades}. Sources: {s.source_count}{anonymous}.")
    return lines


def _s(count: int) -> str:
    return "" if count == 1 else "s"


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


# The last line of a briefing that left something out.
CLIPPED = "Clipped to one screen: `briefcli brief --all` shows every actor, event, bloc and gap."


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
    # A line may take two: the principal sources' names are the point of theirs.
    tail += [Paragraph(layout.wrap(line, WIDTH, 2)) for line in _sourcing_lines(b.sourcing)]

    blocs = [g for g in b.alignments if g.members or g.patrons]
    blocs.sort(key=lambda g: -(len(g.members) + len(g.patrons)))
    totals = [len(b.actors), len(b.events), len(blocs), len(b.gaps)]
    sizes = totals
    if fit:
        used = sum(_lines(block) for block in [*head, *tail]) - 1  # no blank line above the title
        sizes = _allocate(HEIGHT - used, totals)
        if sizes != totals:  # then say how to see the rest, on a line of its own
            sizes = _allocate(HEIGHT - used - 2, totals)
    clipped = [Paragraph(CLIPPED, style="dim")] if sizes != totals else []
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
        *clipped,
    ]


def whole_briefing_view(b: Briefing) -> Document:
    """Everything the briefing holds, texts unclipped (`brief --all`)."""
    return briefing_view(b, fit=False)
