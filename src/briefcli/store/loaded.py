"""A loaded brief as the queries use it: the parsed brief, or the stored form the cache keeps."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefcli.brief.model import Brief
from briefcli.brief.stored_texts import UnreadableText, read_stored_text, stored_text_path
from briefcli.collector import without_garbage_collection

if TYPE_CHECKING:
    from briefcli.brief.loader import CheckedBrief
    from briefcli.brief.order import Links

    # Parsing and checking load lazily: a cached brief never needs YAML or the validator.
    from briefcli.store.stored import StoredBrief
    from briefcli.store.tables import BriefIndex


class LoadedBrief:
    """A valid brief, merged from one or more files: in memory after a parse, or the indexed
    form the cache stored (decoded as queries need it)."""

    def __init__(
        self,
        brief: Brief | StoredBrief,
        files: list[Path],
        excerpts_checked: int = 0,
        text_roots: dict[str, str] | None = None,
        event_links: Links | None = None,
    ) -> None:
        self._given = brief
        self.files = files
        self.excerpts_checked = excerpts_checked
        # For each source with a stored text: the folder of the brief file that defined it.
        self.text_roots = text_roots or {}
        self._event_links = event_links  # found by the checker, for indexing a parsed brief

    @classmethod
    def of(cls, checked: CheckedBrief) -> LoadedBrief:
        """The brief that the loader has just checked, in memory."""
        return cls(
            checked.brief,
            checked.files,
            checked.excerpts_checked,
            checked.text_roots,
            checked.event_links,
        )

    @property
    def brief(self) -> Brief:
        """The whole brief (decoded from the cache in full on first use)."""
        return self._given if isinstance(self._given, Brief) else self.index.brief

    def document_text(self, claim_id: str) -> str | None:
        """The stored text a claim's excerpt comes from, or None (no text, unreadable)."""
        found = self.document(claim_id)
        return found[1] if found else None

    def document(self, claim_id: str) -> tuple[str, str] | None:
        """The source whose stored text holds a claim's excerpt and that text, or None (no
        text, unreadable). A source that came by several routes may have a document on each:
        the first whose text holds the excerpt, else the first readable one."""
        claim = self.index.claims.get(claim_id)
        if claim is None:
            return None
        documents = self.index.documents(claim.source)
        first: tuple[str, str] | None = None
        for source in documents:
            text = self._read(source.id, source.text)
            if text is None:
                continue
            if len(documents) == 1:
                return source.id, text
            from briefcli.brief.excerpts import normalise_excerpt

            if normalise_excerpt(claim.excerpt) in normalise_excerpt(text):
                return source.id, text
            first = first or (source.id, text)
        return first

    def _read(self, source_id: str, relative: str | None) -> str | None:
        root = self.text_roots.get(source_id)
        # Only in the folder of a brief file being loaded, as the validator allows, whatever
        # a (tampered) cache entry says.
        if relative is None or root not in self._brief_folders:
            return None
        path = stored_text_path(Path(root), relative)
        if path is None:
            return None
        try:
            return read_stored_text(path).decode("utf-8-sig", errors="replace")
        except (OSError, UnreadableText):
            return None

    @cached_property
    def _brief_folders(self) -> set[str]:
        return {str(Path(os.path.realpath(path)).parent) for path in self.files}

    @cached_property
    def index(self) -> BriefIndex:
        from briefcli.store.tables import BriefIndex

        if isinstance(self._given, Brief):  # indexing makes many objects and no cycles
            return without_garbage_collection(BriefIndex.of, self._given, self._event_links)
        return BriefIndex(self._given)
