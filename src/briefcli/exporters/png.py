"""The alignment network as a PNG image, drawn by Graphviz from the DOT export."""

from __future__ import annotations

from briefcli.exporters import dot
from briefcli.store.loaded import LoadedBrief


def export(loaded: LoadedBrief) -> bytes:
    return dot.render(dot.export(loaded), "png")
