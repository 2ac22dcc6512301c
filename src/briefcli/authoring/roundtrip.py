"""A whole brief read and written back through ruamel.yaml's round trip, for the changes that
touch several records (`rm --cascade`), for `fmt`, and for a file the in-place cut declines
(`add`, `edit`, `import`): comments and key order are kept, and the file's own indentation (as
ruamel guesses it)."""

from __future__ import annotations

import io
from typing import Any

from briefcli.authoring.emit import WIDTH


class RoundTrip:
    def __init__(self, data: bytes, canonical: bool = False) -> None:
        """Read a brief; `canonical`: write it back in the canonical indentation instead of
        its own (two spaces a level, sequences indented under their key)."""
        from ruamel.yaml import YAML
        from ruamel.yaml.util import load_yaml_guess_indent

        text = data.decode("utf-8-sig")
        _, sequence, offset = load_yaml_guess_indent(text)
        if canonical or sequence is None:
            sequence, offset = 4, 2
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = WIDTH
        self.yaml.indent(mapping=max(offset or 2, 2), sequence=sequence, offset=offset or 0)
        self.document: Any = self.yaml.load(text)

    def append(self, section: str, block: str) -> None:
        """Add records (YAML of sequence items, as emit writes them) after the section's own,
        making the section if the brief has none."""
        records = self.document.get(section)
        if records is None:
            self.document[section] = records = []
        records.extend(self.yaml.load(block))

    def dumped(self) -> bytes:
        buffer = io.BytesIO()
        self.yaml.dump(self.document, buffer)
        return buffer.getvalue()
