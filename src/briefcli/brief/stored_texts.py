"""Where a source's stored text may be: inside the folder of the brief file that names it."""

from __future__ import annotations

from pathlib import Path


def stored_text_path(folder: Path, text: str) -> Path | None:
    """Where a source's stored text is, or None unless it is inside the brief's folder."""
    folder = folder.resolve()
    target = (folder / text).resolve()
    if Path(text).is_absolute() or not target.is_relative_to(folder):
        return None
    return target
