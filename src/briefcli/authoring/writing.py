"""A changed brief written in place of the old one, only when it is valid, only if the file
is still what was read, and atomically: a failure at any step leaves the file as it was."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from briefcli.authoring.layout import BriefText, cut_finds
from briefcli.brief import loader, yamlsafe
from briefcli.brief.model import SECTIONS
from briefcli.exitcodes import ExitCode
from briefcli.search import textindex
from briefcli.search.fields import changed_search_texts
from briefcli.store import cache
from briefcli.store.loaded import LoadedBrief
from briefcli.store.packed import CorruptStore
from briefcli.store.tables import BriefIndex


class NotWritten(Exception):
    """The brief was left as it was: why, in one line, and the exit code to end with."""

    def __init__(self, message: str, code: ExitCode, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.hint = hint


@dataclass(frozen=True)
class Change:
    """One record put into a brief's `section`: in place of the record at `position`, or
    (None) after the last."""

    section: str
    position: int | None = None


def _changed_item(
    old: bytes, old_layout: yamlsafe.Layout | None, new: bytes, change: Change
) -> tuple[int, Any] | None:
    """Where `new` has the changed item and the item (parsed), if `new` is `old` with only
    that item put in or replaced; else None. Every byte before the item before it and after
    the item is the same in both, and the item before it reads the same (an item's trailing
    blank lines move to the new item after it)."""
    before, after = old_layout, yamlsafe.split(new, SECTIONS)
    if before is None or after is None:
        return None
    old_offsets = before.items.get(change.section)
    new_offsets = after.items.get(change.section)
    if old_offsets is None or new_offsets is None:
        return None
    count = len(old_offsets) - 1
    added = change.position is None
    position = count if change.position is None else change.position
    if len(new_offsets) - 1 != count + added or not 0 <= position < count + added:
        return None
    kept_start = position - 1 if position else position  # the item before may gain or lose lines
    if old[: old_offsets[kept_start]] != new[: new_offsets[kept_start]]:
        return None
    if old[old_offsets[position + (not added)] :] != new[new_offsets[position + 1] :]:
        return None
    try:
        if position and _parsed(old, old_offsets, position - 1) != _parsed(
            new, new_offsets, position - 1
        ):
            return None
        item = _parsed(new, new_offsets, position)
    except (yamlsafe.YamlProblem, yamlsafe.NotSimple, UnicodeDecodeError):
        return None
    return None if item is None else (position, item[0])


def _parsed(data: bytes, offsets: list[int], position: int) -> list[Any] | None:
    """The item at `position` of a split section, alone (as a one-item list), or None."""
    items = yamlsafe.parse_simple(data[offsets[position] : offsets[position + 1]].decode())
    return items if isinstance(items, list) and len(items) == 1 else None


class BriefOnDisk:
    """A brief file as read for a change: where it really is (a link is followed, so that the
    file it points to is changed, not replaced by a copy) and its bytes."""

    def __init__(self, path: Path) -> None:
        self.shown = path
        self.path = path.resolve()
        self.data = loader.read_bytes(self.path)
        self._loaded: LoadedBrief | None = None

    def remember(self, loaded: LoadedBrief) -> BriefIndex:
        """Keep the brief as a command loaded it (from the cache, it holds the digest of the file
        it was made from): a change of the file as read then checks only what it changed."""
        self._loaded = loaded
        return loaded.index

    @cached_property
    def layout(self) -> yamlsafe.Layout | None:
        """The file cut into records (yamlsafe.split), None if it cannot be."""
        return yamlsafe.split(self.data, SECTIONS)

    def records(self) -> dict[str, int] | None:
        """How many records each section of the remembered brief has (None: none remembered)."""
        if self._loaded is None:
            return None
        index = self._loaded.index
        return {section: len(getattr(index, section)) for section in SECTIONS}

    def text(self) -> BriefText:
        """The file as records to change in place: NotInPlace if it cannot be cut, or if the cut
        does not find the remembered brief's records."""
        return BriefText(self.data, self.layout, self.records())

    def checked(self, new: bytes, change: Change | None = None) -> LoadedBrief:
        """The brief `new` would be, checked as `validate` checks it (BriefError if not
        valid) and stored in the cache for the next command. With `change`, the one record
        by which `new` differs, and the brief as read remembered, only the change is read and
        checked (against the whole brief)."""
        if change is not None:
            loaded = self._checked_change(new, change)
            if loaded is not None:
                return loaded
        return cache.load_to_be_written([self.path], [new])

    def _checked_change(self, new: bytes, change: Change) -> LoadedBrief | None:
        """None when the file as read is not the one the remembered brief was made from (or
        that brief had warnings), when `new` is not that file with one item of the section put
        in or replaced, or when the change has any problem: the whole file is checked then."""
        old, records = self._loaded, self.records()
        if old is None or records is None or old.warnings:
            return None
        if old.file_digests != [loader.digest(self.data)]:
            return None
        if self.layout is None or not cut_finds(self.layout, records):
            return None
        changed = _changed_item(self.data, self.layout, new, change)
        if changed is None:
            return None
        position, item = changed
        try:
            checked = loader.check_change(
                self.path, old.brief, old.text_digests, change.section, position, item
            )
            if checked is None:
                return None
            brief, dependencies = checked
            search_texts = changed_search_texts(
                textindex.texts(old.index.stored.words),
                brief.brief,
                change.section,
                position,
                added=change.position is None,
            )
        except CorruptStore:  # after an edit, not a reason to run the command (and editor) again
            return None
        return cache.store_to_be_written([self.path], [new], brief, dependencies, search_texts)

    def replace(self, new: bytes) -> None:
        """Write `new` in place of the file, atomically, if the file is still as it was read
        (NotWritten, and the file as it was, otherwise)."""
        # Read-only by its mode is refused even to root, who could write it: the mode is the
        # owner's word that it must not change.
        try:
            mode = self.path.stat().st_mode
        except OSError as error:
            raise NotWritten(
                f"{self.shown}: {error.strerror or error}", ExitCode.OUTPUT_ERROR
            ) from None
        if not mode & 0o222 or not os.access(self.path, os.W_OK):
            raise NotWritten(f"{self.shown}: the file is read-only", ExitCode.OUTPUT_ERROR)
        self._still_as_read()
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.briefcli-tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.fchmod(descriptor, mode & 0o7777)  # the brief's own mode, whatever the umask
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(new)
                    stream.flush()
                    os.fsync(stream.fileno())
                self._still_as_read()
                temporary.replace(self.path)
            finally:
                temporary.unlink(missing_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise NotWritten(
                f"{self.shown}: not written: {reason}",
                ExitCode.OUTPUT_ERROR,
                "the brief is unchanged",
            ) from None

    def _still_as_read(self) -> None:
        try:
            now = self.path.read_bytes()
        except OSError as error:
            raise NotWritten(
                f"{self.shown}: {error.strerror or error}", ExitCode.OUTPUT_ERROR
            ) from None
        if now != self.data:
            raise NotWritten(
                f"{self.shown} changed on disk while briefcli was changing it",
                ExitCode.OUTPUT_ERROR,
                "nothing was written; run the command again",
            )
