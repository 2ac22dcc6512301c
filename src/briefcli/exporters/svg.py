"""The alignment network as SVG, drawn by Graphviz from the DOT export."""

from __future__ import annotations

import re

from briefcli.exporters import dot
from briefcli.exporters.network import Around
from briefcli.store.loaded import LoadedBrief

# Graphviz writes a node's or edge's tooltip as the title attribute of a link around it; a
# <title> element inside the link says the same to every browser and screen reader. The
# attribute's text is already XML-escaped by Graphviz, which makes it valid element text too.
_LINK_TITLE = re.compile(r'(<a xlink:title="([^"]*)">)')


def export(loaded: LoadedBrief, around: Around | None = None) -> str:
    drawn = dot.render(dot.export(loaded, around), "svg").decode("utf-8")
    return _LINK_TITLE.sub(r"\1<title>\2</title>", drawn)
