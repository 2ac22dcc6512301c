"""The alignment network as SVG, drawn by Graphviz from the DOT export."""

from __future__ import annotations

from briefcli.exporters import dot
from briefcli.store.loaded import LoadedBrief


def export(loaded: LoadedBrief) -> str:
    return dot.render(dot.export(loaded), "svg").decode("utf-8")
