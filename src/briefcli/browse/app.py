"""The browser: lists of actors, events, claims and sources with a search field each, and a page
for every record whose links lead to other pages, with a history to go back and forward in.

It draws with Textual's own terminal driver: plain text cells, keys and mouse, nothing that
needs a local display, so it works over SSH, at 80×24 and larger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, TabbedContent, TabPane

from briefcli.browse.pages import Catalogue, Kind, Listing, Page
from briefcli.browse.widgets import DocumentView, RecordTable, SearchField
from briefcli.console import safe
from briefcli.render.document import Document
from briefcli.store.loaded import LoadedBrief

# The lists, in the order of their tabs, each with the key that shows it.
LISTS = {"actors": "a", "timeline": "t", "claims": "c", "sources": "s"}


@dataclass
class Place:
    """Where the history has been: a list (its tab) or a record's page, and the link that
    was highlighted there when it was left."""

    kind: Kind | None  # None: one of the lists
    id: str  # the list's name, or the record's id
    row: int = 0


class ListPane(Vertical):
    """A list's search field over its table: what is typed filters the table at once. The
    list is made when its tab is first shown (a large brief's claims take a while)."""

    def __init__(self, catalogue: Catalogue, name: str) -> None:
        super().__init__(id=f"{name}-pane")
        self.catalogue = catalogue
        self.list_name = name
        self.listing: Listing | None = None

    def compose(self) -> ComposeResult:
        yield SearchField(placeholder=f"Search {self.list_name}: press / and type", compact=True)

    async def fill(self) -> None:
        """Make the list and its table, the first time."""
        if self.listing is None:
            self.listing = getattr(self.catalogue, self.list_name)
            await self.mount(RecordTable(self.listing))

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    @property
    def field(self) -> SearchField:
        return self.query_one(SearchField)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.listing is not None:
            self.table.show(self.listing.matching(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field opens the highlighted record (the first one found)."""
        event.stop()
        record = self.table.highlighted
        if record is not None:
            self.post_message(RecordTable.Open(record.kind, record.id))
        else:
            self.table.focus()

    def on_search_field_leave(self, event: SearchField.Leave) -> None:
        event.stop()
        self.table.focus()

    def on_record_table_narrow(self, event: RecordTable.Narrow) -> None:
        event.stop()
        self.field.focus()


class ListsScreen(Screen[None]):
    """The four lists, one a tab."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("slash", "search", "Search")]

    class ListShown(Message):
        """A list's tab was chosen (by the mouse, a key, or the history)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="lists"):
            for name, key in LISTS.items():
                label = Content(f"{name.capitalize()} ({key})")
                yield TabPane(label, ListPane(self.catalogue, name), id=name)
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self.show("actors")

    @property
    def active_pane(self) -> ListPane:
        tabs = self.query_one(TabbedContent)
        return self.query_one(f"#{tabs.active}-pane", ListPane)

    async def show(self, name: str) -> None:
        """Show a list, with its table focused."""
        self.query_one(TabbedContent).active = name
        await self._focus_list()

    async def _focus_list(self) -> None:
        pane = self.active_pane
        await pane.fill()
        pane.table.focus()

    def action_search(self) -> None:
        self.active_pane.field.focus()

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        if event.pane.id is not None:
            self.post_message(self.ListShown(event.pane.id))
            await self._focus_list()


class RecordScreen(Screen[None]):
    """A record's page: its document, then the records it links to; for an actor, the claims
    behind the highlighted relation below them."""

    def __init__(self, page: Page, row: int = 0) -> None:
        super().__init__(classes="with-preview" if page.preview is not None else None)
        self.page = page
        self.start_row = row
        self.title = safe(page.title)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="document"):
            yield DocumentView(self.page.document)
        links = RecordTable(self.page.links, self.start_row, id="links")
        links.border_title = Content(self.page.links.title)
        yield links
        if self.page.preview is not None:
            preview = VerticalScroll(id="preview")
            preview.border_title = Content("Claims behind the highlighted relation")
            with preview:
                yield DocumentView(self._preview(self.start_row), id="evidence")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        links = self.query_one("#links", RecordTable)
        if self.page.links.rows:
            links.focus()
        else:
            self.query_one("#document").focus()

    @property
    def row(self) -> int:
        """The highlighted link."""
        return self.query_one("#links", RecordTable).cursor_row

    def _preview(self, row: int) -> Document:
        """What to show for the link in that row (nothing for an actor without relations)."""
        if self.page.preview is None or not 0 <= row < len(self.page.links.rows):
            return []
        return self.page.preview(row)

    def on_data_table_row_highlighted(self, event: RecordTable.RowHighlighted) -> None:
        if self.page.preview is not None:
            evidence = self.query_one("#evidence", DocumentView)
            evidence.show(self._preview(event.cursor_row))
            self.query_one("#preview", VerticalScroll).scroll_home(animate=False)


class BrowseApp(App[None]):
    """`briefcli browse`: the brief as lists and pages to follow links through."""

    TITLE = "briefcli"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    /* The title line is all title: no command-palette icon (there is no palette), no space
       kept for a clock. */
    HeaderIcon, HeaderClockSpace { display: none; }
    TabbedContent, TabPane, ListPane { height: 1fr; }
    TabPane { padding: 0; }
    SearchField { margin: 0 1; }
    RecordTable { height: 1fr; scrollbar-size-vertical: 1; }
    #document { height: 2fr; padding: 0 1; scrollbar-size-vertical: 1; }
    #links { border-top: solid $accent; border-title-align: left; }
    #preview {
        height: 1fr; padding: 0 1; scrollbar-size-vertical: 1;
        border-top: solid $accent; border-title-align: left;
    }
    /* An actor's relations take the lines they need, up to about a third of the screen. */
    .with-preview #document { height: 1fr; }
    .with-preview #links { height: auto; max-height: 35%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        # A reader expects Ctrl-C to leave, as in a pager (Textual's own is Ctrl-Q).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("escape,backspace,alt+left", "back", "Back"),
        Binding("f,alt+right", "forward", "Forward"),
        # One entry in the footer for the four keys of the lists.
        Binding("a", "list('actors')", "Lists", key_display="a t c s"),
        *(
            Binding(key, f"list('{name}')", name.capitalize(), show=False)
            for name, key in list(LISTS.items())[1:]
        ),
    ]

    def __init__(self, loaded: LoadedBrief) -> None:
        super().__init__()
        self.catalogue = Catalogue(loaded)
        index = loaded.index
        as_of = index.as_of.isoformat() if index.as_of is not None else index.meta.as_of
        # The day first: a long title is cut at the right edge.
        self.sub_title = safe(f"as of {as_of} · {index.meta.title}")
        self.history: list[Place] = [Place(None, "actors")]
        self.at = 0

    def get_default_screen(self) -> Screen[None]:
        return ListsScreen(self.catalogue)

    @property
    def lists(self) -> ListsScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ListsScreen)
        return screen

    # ------------------------------------------------------------------ the history

    async def on_record_table_open(self, message: RecordTable.Open) -> None:
        await self.go_to(message.kind, message.record_id)

    async def go_to(self, kind: Kind, record_id: str) -> None:
        """Open a record's page."""
        await self.go(Place(kind, record_id))

    async def go(self, place: Place) -> None:
        """Show a place, after the one shown now."""
        self._step(place)
        await self._show(place)

    def _step(self, place: Place) -> None:
        """Make a place the current one, after the one shown now: what was ahead of that (to
        go forward to) is forgotten, as in a web browser."""
        self._leave()
        del self.history[self.at + 1 :]
        self.history.append(place)
        self.at += 1

    def _here(self, name: str) -> bool:
        """Whether the list of that name is the current place."""
        here = self.history[self.at]
        return (here.kind, here.id) == (None, name)

    def on_lists_screen_list_shown(self, message: ListsScreen.ListShown) -> None:
        """A list chosen by its tab is a step in the history too, unless it is the current
        place (shown by the history itself)."""
        if not self._here(message.name):
            self._step(Place(None, message.name))
            self.refresh_bindings()

    async def action_back(self) -> None:
        if self.at > 0:
            self._leave()
            self.at -= 1
            await self._show(self.history[self.at])

    async def action_forward(self) -> None:
        if self.at < len(self.history) - 1:
            self._leave()
            self.at += 1
            await self._show(self.history[self.at])

    async def action_list(self, name: str) -> None:
        if self._here(name):
            await self.lists.show(name)
        else:
            await self.go(Place(None, name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back and forward are shown only when there is somewhere to go."""
        if action == "back":
            return self.at > 0
        if action == "forward":
            return self.at < len(self.history) - 1
        return True

    def _leave(self) -> None:
        """Remember the highlighted link of the page being left, to come back to it."""
        if isinstance(self.screen, RecordScreen):
            self.history[self.at].row = self.screen.row

    async def _show(self, place: Place) -> None:
        if place.kind is None:
            # Popped first: the lists screen, resumed, gives focus back to the table it had,
            # and so shows that table's tab.
            while len(self.screen_stack) > 1:
                await self.pop_screen()
            await self.lists.show(place.id)
        else:
            screen = RecordScreen(self.catalogue.page(place.kind, place.id), place.row)
            if isinstance(self.screen, RecordScreen):
                await self.switch_screen(screen)
            else:
                await self.push_screen(screen)
        self.refresh_bindings()
