"""Whole-brief exports for `briefcli export --to FORMAT OUT`: one module per format.

Every format module exposes `export(loaded: LoadedBrief) -> Output`: text, bytes, or (for
`csv`) a `Folder` of named text files. `exporter(format)` finds the function; the modules
themselves load only when asked for, so that importing this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeAlias, assert_never

if TYPE_CHECKING:
    from briefcli.store.loaded import LoadedBrief


class ExportFormat(str, Enum):
    markdown = "markdown"
    stix = "stix"
    graphml = "graphml"
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"
    png = "png"
    csv = "csv"


@dataclass(frozen=True)
class Folder:
    """Files to write into one directory: file name -> text."""

    files: dict[str, str]


Output: TypeAlias = str | bytes | Folder
Exporter: TypeAlias = Callable[["LoadedBrief"], Output]


class ExportError(Exception):
    """The export could not be produced (e.g. Graphviz is missing); the message is one line."""


def exporter(export_format: ExportFormat) -> Exporter:
    """The export function of a format."""
    if export_format is ExportFormat.markdown:
        from briefcli.exporters import handout

        return handout.export
    if export_format is ExportFormat.stix:
        from briefcli.exporters import stix

        return stix.export
    if export_format is ExportFormat.graphml:
        from briefcli.exporters import graphml

        return graphml.export
    if export_format is ExportFormat.dot:
        from briefcli.exporters import dot

        return dot.export
    if export_format is ExportFormat.mermaid:
        from briefcli.exporters import mermaid

        return mermaid.export
    if export_format is ExportFormat.svg:
        from briefcli.exporters import svg

        return svg.export
    if export_format is ExportFormat.png:
        from briefcli.exporters import png

        return png.export
    if export_format is ExportFormat.csv:
        from briefcli.exporters import csvdir

        return csvdir.export
    assert_never(export_format)
