"""The one-screen briefing laid out as a Document that fits the terminal in front of the user
(100 x 50 when the output is not a terminal): long texts are wrapped, less of them kept on a
short screen, and the who's who, key events, alignments and gaps share the lines left.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from briefcli.console import safe
from briefcli.render.document import Block, Document, Fields, Heading, Paragraph
from briefcli.results import BlocGlance, Briefing, JudgmentLine, KeyActor, KeyEvent, Ref, Sourcing
from briefcli.views.lookups import hedged

# The screen the briefing is laid out for when there is no terminal to fit.
WIDTH = 100


HEIGHT = 50


LABEL_WIDTH = 36  # longest label shown whole in a two-column section (a third of a narrow one)


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
    """Text shaped for a screen `width` cells wide (fit) or left whole (Markdown handouts)."""

    def __init__(self, fit: bool, width: int = WIDTH) -> None:
        self.fit = fit
        self.width = width
        self.label_width = min(LABEL_WIDTH, width // 3)

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
        labels = [self.wrap(label, self.label_width, 1) for label, _, _ in pairs]
        width = self.width - max((len(label) for label in labels), default=0) - 2
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


def _allocate(budget: int, sections: list[list[int]]) -> list[int]:
    """How many items of each section fit in `budget` lines, given each item's lines: a section
    costs two lines (blank and heading) plus its items'; every section gets one item before any
    gets two, in the order given."""
    shown = [0] * len(sections)
    progress = True
    while progress:
        progress = False
        for position, items in enumerate(sections):
            if shown[position] == len(items):
                continue
            cost = items[shown[position]] + (2 if shown[position] == 0 else 0)
            if cost <= budget:
                shown[position] += 1
                budget -= cost
                progress = True
    return shown


# The last line of a briefing that left something out.
CLIPPED = "Shortened to fit the screen: `briefcli brief --all` shows everything."


def _section(title: str, total: int, shown: int, *body: Block) -> list[Block]:
    """A heading counting what is shown (`Key events (5 of 14)`), then the body; nothing when
    nothing is shown."""
    if not shown:
        return []
    count = f"{shown} of {total}" if shown < total else str(total)
    return [Heading(f"{title} ({count})", 2), *body]


# Lines the bottom line may take, on a screen at least this tall: less on a short screen.
_BOTTOM_LINE_LINES = ((40, 4), (30, 3), (0, 2))


# Lines a key judgment, a gap or a sourcing line may take.
JUDGMENT_LINES = 2


def briefing_view(b: Briefing, fit: bool = True) -> Document:
    """The briefing as a Document; `fit` lays it out for one 100 x 50 screen."""
    return _briefing(b, fit, WIDTH, HEIGHT)


def fitted_to(width: int, height: int) -> Callable[[Briefing], Document]:
    """The briefing view for a screen of this size."""

    def view(b: Briefing) -> Document:
        return _briefing(b, True, width, height)

    return view


def _briefing(b: Briefing, fit: bool, width: int, height: int) -> Document:
    """The briefing on a screen `width` x `height`: what must be there (title, date, bottom
    line, sourcing), then as many judgments, actors, events, blocs and gaps as fit, each
    section with at least one item before any has two; and a note when some are left out."""
    layout = _Layout(fit, width)
    bottom_line = next(lines for tall, lines in _BOTTOM_LINE_LINES if height >= tall)
    head = _head(b, layout, bottom_line)
    tail: list[Fields | Paragraph | Heading] = [
        Heading("Sourcing", 2),
        *(
            Paragraph(layout.wrap(line, width, JUDGMENT_LINES))
            for line in _sourcing_lines(b.sourcing)
        ),
    ]
    blocs = [g for g in b.alignments if g.members or g.patrons]
    blocs.sort(key=lambda g: -(len(g.members) + len(g.patrons)))
    judgments = [
        Paragraph(layout.wrap(_judgment_line(j), width, JUDGMENT_LINES, indent="  "))
        for j in b.key_judgments
    ]
    totals = [len(judgments), len(b.actors), len(b.events), len(blocs), len(b.gaps)]
    # The record ranks only the first actors and events: there may be more in the brief.
    held = [len(judgments), b.actor_count, b.event_count, len(blocs), len(b.gaps)]
    sizes = totals
    clipped_note = layout.wrap(CLIPPED, width, 2)
    if fit:
        used = sum(_lines(block) for block in [*head, *tail]) - 1  # no blank line above the title
        items = [[_lines(j) for j in judgments], *([1] * total for total in totals[1:])]
        sizes = _allocate(height - used, items)
        if sizes != held:  # then say how to see the rest, on the last line
            sizes = _allocate(height - used - _lines(Paragraph(clipped_note)), items)
    clipped = [Paragraph(clipped_note, style="dim")] if fit and sizes != held else []
    shown_actors = {a.id for a in b.actors[: sizes[1]]}
    shown_events = {e.id for e in sorted(b.events, key=lambda e: -e.weight)[: sizes[2]]}

    return [
        *head,
        *_section("Key judgments", totals[0], sizes[0], *judgments[: sizes[0]]),
        *_section(
            "Who's who",
            b.actor_count,
            sizes[1],
            layout.fields(
                [(a.name, _actor_line(a), a.description) for a in b.actors if a.id in shown_actors]
            ),
        ),
        *_section(
            "Key events",
            b.event_count,
            sizes[2],
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
            sizes[3],
            *(Paragraph(layout.wrap(_bloc_line(g), width, 1)) for g in blocs[: sizes[3]]),
        ),
        *tail,
        *_section(
            "Gaps and open questions",
            len(b.gaps),
            sizes[4],
            *(Paragraph(layout.wrap(f"• {gap}", width, 1)) for gap in b.gaps[: sizes[4]]),
        ),
        *clipped,
    ]


def _head(b: Briefing, layout: _Layout, bottom_line: int) -> list[Fields | Paragraph | Heading]:
    """The title, the date and marking, and the bottom line."""
    head: list[Fields | Paragraph | Heading] = [Heading(layout.wrap(b.title, layout.width, 2))]
    marking = " · ".join(filter(None, [b.as_of, b.handling, ", ".join(b.authors)]))
    pairs: list[tuple[str, str, str | None]] = [("As of", marking, None)]
    if b.bottom_line or b.summary:
        pairs.append(("Bottom line", b.bottom_line or b.summary or "", None))
    head.append(layout.fields(pairs, max_lines=bottom_line))
    return head


def whole_briefing_view(b: Briefing) -> Document:
    """Everything the briefing holds, texts unclipped (`brief --all`)."""
    return briefing_view(b, fit=False)
