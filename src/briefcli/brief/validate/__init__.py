"""Every problem in a brief at once: structure (types, required and unknown fields) and meaning
(unique ids, references that resolve, real dates, excerpts found in their source text).

Problems carry a path such as ("actors", 3, "name"); the loader turns paths into line numbers.
"""

from briefcli.brief.validate.meaning import (
    MIN_EXCERPT_CHARS,
    BriefChecker,
    Issue,
    Located,
    Origins,
)
from briefcli.brief.validate.structure import (
    BRIEF_INFO,
    ECHO_LIMIT,
    Converted,
    Path,
    Record,
    check_structure,
    clip,
    convert,
    convert_in_parts,
    convert_item,
    format_path,
)

__all__ = [
    "BRIEF_INFO",
    "ECHO_LIMIT",
    "MIN_EXCERPT_CHARS",
    "BriefChecker",
    "Converted",
    "Issue",
    "Located",
    "Origins",
    "Path",
    "Record",
    "check_structure",
    "clip",
    "convert",
    "convert_in_parts",
    "convert_item",
    "format_path",
]
