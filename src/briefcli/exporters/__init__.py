"""Whole-brief exports for `briefcli export --to FORMAT OUT`: one module per format.

Every format module exposes `export(loaded: LoadedBrief) -> Output`: text, bytes, or (for
`csv`) a `Folder` of named text files. `exporter(format)` finds the function through the
MODULES table; the modules load only when asked for, so that importing this package stays
cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from briefcli.store.loaded import LoadedBrief


class ExportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    stix = "stix"
    graphml = "graphml"
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"
    png = "png"
    csv = "csv"
    sqlite = "sqlite"


@dataclass(frozen=True)
class Folder:
    """Files to write into one directory: file name -> text."""

    files: dict[str, str]


Output: TypeAlias = str | bytes | Folder
Exporter: TypeAlias = Callable[["LoadedBrief"], Output]


class ExportError(Exception):
    """The export could not be produced (e.g. Graphviz is missing); the message is one line."""


# The module of each format, imported only when that format is asked for.
MODULES: dict[ExportFormat, str] = {
    ExportFormat.markdown: "handout",
    ExportFormat.html: "html",
    ExportFormat.stix: "stix",
    ExportFormat.graphml: "graphml",
    ExportFormat.dot: "dot",
    ExportFormat.mermaid: "mermaid",
    ExportFormat.svg: "svg",
    ExportFormat.png: "png",
    ExportFormat.csv: "csvdir",
    ExportFormat.sqlite: "sqlite",
}


def exporter(export_format: ExportFormat) -> Exporter:
    """The export function of a format."""
    module = importlib.import_module(f"briefcli.exporters.{MODULES[export_format]}")
    function: Exporter = module.export
    return function
