"""A loaded brief as the queries use it: the parsed brief, or the stored form the cache keeps."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefcli.brief.model import Brief
from briefcli.brief.stored_texts import stored_text_path
from briefcli.collector import without_garbage_collection

if TYPE_CHECKING:
    from briefcli.brief.loader import CheckedBrief
    from briefcli.brief.order import Links

    # Parsing and checking load lazily: a cached brief never needs YAML or the validator.
    from briefcli.store.stored import StoredBrief
    from briefcli.store.tables import BriefIndex
    from briefcli.store.texts import NormalisedText


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
        text_digests: dict[str, str] | None = None,
        warnings: list[str] | None = None,
        file_digests: list[str] | None = None,
    ) -> None:
        self._given = brief
        self.files = files
        self.excerpts_checked = excerpts_checked
        # For each source with a stored text: the folder of the brief file that defined it.
        self.text_roots = text_roots or {}
        self._event_links = event_links  # found by the checker, for indexing a parsed brief
        # The hash of each stored text read (by resolved path), as the cache entry recorded.
        self.text_digests = text_digests or {}
        # What a lookup says besides its answer (stored texts not found).
        self.warnings = warnings or []
        # The hash of each brief file (loader.digest), when the brief came from the cache.
        self.file_digests = file_digests or []

    @classmethod
    def of(cls, checked: CheckedBrief, text_files: Sequence[tuple[Path, str]] = ()) -> LoadedBrief:
        """The brief that the loader has just checked, in memory, and the stored texts it
        read, as (path, digest)."""
        return cls(
            checked.brief,
            checked.files,
            checked.excerpts_checked,
            checked.text_roots,
            checked.event_links,
            {str(path): digest for path, digest in text_files},
            checked.warnings,
        )

    @property
    def brief(self) -> Brief:
        """The whole brief (decoded from the cache in full on first use)."""
        return self._given if isinstance(self._given, Brief) else self.index.brief

    def document(self, claim_id: str) -> tuple[str, NormalisedText] | None:
        """The source whose stored text holds a claim's excerpt and that text (normalised),
        or None (no text, unreadable). A source that came by several routes may have a
        document on each: the first whose text holds the excerpt, else the first readable."""
        claim = self.index.claims.get(claim_id)
        if claim is None:
            return None
        first: tuple[str, NormalisedText] | None = None
        documents = self.index.documents(claim.source)
        for source in documents:
            text = self._read(source.id, source.text)
            if text is None:
                continue
            # One document: no need to look for the excerpt here (claim_detail does).
            if len(documents) == 1 or text.find(claim.excerpt) is not None:
                return source.id, text
            first = first or (source.id, text)
        return first

    def _read(self, source_id: str, relative: str | None) -> NormalisedText | None:
        from briefcli.store.texts import normalised_text

        root = self.text_roots.get(source_id)
        # Only in the folder of a brief file being loaded, as the validator allows, whatever
        # a (tampered) cache entry says.
        if relative is None or root not in self._brief_folders:
            return None
        path = stored_text_path(Path(root), relative)
        if path is None:
            return None
        return normalised_text(path, self.text_digests.get(str(path)))

    def text_digests_by_source(self) -> dict[str, str | None]:
        """For each source with a stored text, the hash of that text (None: not found)."""
        found: dict[str, str | None] = {}
        for source in self.index.sources.all():
            root = self.text_roots.get(source.id)
            if source.text is None or root is None:
                continue
            path = stored_text_path(Path(root), source.text)
            found[source.id] = self.text_digests.get(str(path)) or None
        return found

    @cached_property
    def _brief_folders(self) -> set[str]:
        return {str(Path(os.path.realpath(path)).parent) for path in self.files}

    @cached_property
    def index(self) -> BriefIndex:
        from briefcli.store.tables import BriefIndex

        if isinstance(self._given, Brief):  # indexing makes many objects and no cycles
            return without_garbage_collection(BriefIndex.of, self._given, self._event_links)
        return BriefIndex(self._given)
