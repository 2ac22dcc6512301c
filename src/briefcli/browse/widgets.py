"""The browser's widgets: a list of records as a table that fits its width, its search field,
and a Document laid out as the other commands print it. Every string from the brief reaches
the screen as an inert rich Text, its control characters made visible (console.safe)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from briefcli.browse.pages import Column, Kind, Listing, Row
from briefcli.console import safe
from briefcli.render.document import Document, Heading, Table, Tree
from briefcli.render.terminal import renderable

# Cells a table puts either side of each column (DataTable's cell_padding).
_PADDING = 1
# The widest a column sized to its cells (a date, a grade, an id) grows.
_WIDEST_FITTED = 30
# Rows a table holds at most: Textual's DataTable takes seconds to lay out tens of thousands,
# and a list that long is read by narrowing it with its search.
MOST_SHOWN = 500


def fit_columns(columns: tuple[Column, ...], rows: list[Row], room: int) -> list[int | None]:
    """Each column's width in `room` cells (None: not shown). A column takes what its widest
    cell needs when all fit; otherwise columns sized to their cells keep that, the others
    start at their minimum and share what is left by weight, and the columns of highest
    rank are left out while even their minimums do not fit (the first column always stays)."""
    natural = []
    for i, column in enumerate(columns):
        widest = max([cell_len(column.header), *(cell_len(safe(row.cells[i])) for row in rows)])
        natural.append(min(widest, _WIDEST_FITTED) if column.minimum is None else widest)
    gaps = 2 * _PADDING
    if sum(natural) + gaps * len(columns) <= room:
        return list(natural)
    floor = [
        width if column.minimum is None else min(width, column.minimum)
        for column, width in zip(columns, natural, strict=True)
    ]
    shown = list(range(len(columns)))
    by_rank = sorted(shown[1:], key=lambda i: (columns[i].rank, i), reverse=True)
    while sum(floor[i] + gaps for i in shown) > room and by_rank:
        shown.remove(by_rank.pop(0))
    widths = {i: floor[i] for i in shown}
    left = room - sum(width + gaps for width in widths.values())
    growing = [i for i in shown if columns[i].weight and widths[i] < natural[i]]
    while left > 0 and growing:  # each round gives at least one cell
        total, shared = sum(columns[i].weight for i in growing), left
        for i in growing:
            more = min(max(shared * columns[i].weight // total, 1), natural[i] - widths[i], left)
            widths[i] += more
            left -= more
        growing = [i for i in growing if widths[i] < natural[i]]
    return [widths.get(i) for i in range(len(columns))]


def _cell(text: str) -> Text:
    return Text(safe(text), no_wrap=True, overflow="ellipsis")


class RecordTable(DataTable[Text]):
    """Rows of records under column headers, as many columns as the width holds; enter (or a
    click on the highlighted row) opens the record of a row. Past MOST_SHOWN rows, a last
    row says how many more there are."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open"),
        # Rows, not columns, are what a reader pages through: home and end go to the first
        # and the last (DataTable's own scroll sideways).
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    class Open(Message):
        """A record to open, by kind and id."""

        def __init__(self, kind: Kind, record_id: str) -> None:
            super().__init__()
            self.kind = kind
            self.record_id = record_id

    class Narrow(Message):
        """The row saying that more rows are left out was chosen: narrow the list."""

    def __init__(self, listing: Listing, row: int = 0, *, id: str | None = None) -> None:
        """A table of a listing's rows, `row` highlighted once it is laid out."""
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=_PADDING, id=id)
        self.listing = listing
        self.matched = listing.rows
        self._row = row
        self._laid_out_for: int | None = None

    @property
    def shown(self) -> list[Row]:
        """The records the table holds, in order."""
        return self.matched[:MOST_SHOWN]

    def show(self, rows: list[Row]) -> None:
        """Show these rows (of the listing) in place of the others, the first highlighted."""
        self.matched = rows
        self._row = 0
        self._lay_out(force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self, force: bool = False) -> None:
        """Fit the columns to the width inside the scroll bar (once more when it changes)."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        if room <= 0 or (room == self._laid_out_for and not force):
            return
        if self._laid_out_for is not None and not force:
            self._row = self.cursor_row  # laid out again for a new width: stay on the row
        self._laid_out_for = room
        shown = self.shown
        widths = fit_columns(self.listing.columns, shown, room)
        kept = [i for i, width in enumerate(widths) if width is not None]
        self.clear(columns=True)
        for i in kept:
            self.add_column(_cell(self.listing.columns[i].header), width=widths[i])
        self.add_rows([_cell(record.cells[i]) for i in kept] for record in shown)
        left_out = len(self.matched) - len(shown)
        if left_out:
            # Said in the widest column, where it is read whole.
            widest = max(range(len(kept)), key=lambda k: widths[kept[k]] or 0)
            said = f"… {left_out:,} more (press / to narrow)"
            cells = [
                Text(said if k == widest else "", style="dim", no_wrap=True, overflow="ellipsis")
                for k in range(len(kept))
            ]
            self.add_row(*cells)
        if shown:
            self.move_cursor(row=min(self._row, len(shown) - 1), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.cursor_row < len(self.shown):
            record = self.shown[event.cursor_row]
            self.post_message(self.Open(record.kind, record.id))
        else:
            self.post_message(self.Narrow())

    @property
    def highlighted(self) -> Row | None:
        """The record of the highlighted row, if any."""
        shown = self.shown
        return shown[self.cursor_row] if 0 <= self.cursor_row < len(shown) else None


class SearchField(Input):
    """Type to filter the list under it: down goes to the list, escape empties the field and
    goes back to the list (enter opens the list's highlighted record: see ListPane)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave(True)", "Clear"),
        Binding("down", "leave(False)", "To the list", show=False),
    ]

    class Leave(Message):
        """Focus goes back to the list."""

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.post_message(self.Leave())


class _LaidOut:
    """A Document as the terminal renderer lays it out, at the width it is given."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for position, block in enumerate(self.document):
            if position and isinstance(block, (Heading, Table, Tree)):
                yield Text("")
            yield renderable(block, options.max_width)


class DocumentView(Static):
    """A Document (views/, render/document.py): fields, paragraphs, tables."""

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(_LaidOut(document), id=id)

    def show(self, document: Document) -> None:
        self.update(_LaidOut(document))
