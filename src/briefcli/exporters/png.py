"""The alignment network as a PNG image, drawn by Graphviz from the DOT export."""

from __future__ import annotations

from briefcli.exporters import dot
from briefcli.exporters.network import Around
from briefcli.store.loaded import LoadedBrief


def export(loaded: LoadedBrief, around: Around | None = None) -> bytes:
    return dot.render(dot.export(loaded, around), "png")
