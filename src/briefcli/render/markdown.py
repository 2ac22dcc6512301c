"""A Document as GitHub-flavoured Markdown. Text from the brief is escaped so that it cannot
become links, emphasis or table cells it was not meant to be."""

from __future__ import annotations

import re

from briefcli.console import safe
from briefcli.render.document import Document, Fields, Heading, Paragraph, Table, Tree, TreeNode

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Line starts that would make a heading, quote, list item or setext underline.
_BLOCK_START = re.compile(r"^(\s*)(\d*)([#>+=.)-])")


def escape(text: str) -> str:
    """Markdown-inert text on one line (no emphasis, links, HTML, cells, headings or lists)."""
    # safe() keeps line breaks (multiline) so that they become spaces here.
    inline = _SPECIAL.sub(r"\\\1", safe(text, multiline=True)).replace("\n", " ")
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", inline)


def _tree_lines(node: TreeNode, depth: int) -> list[str]:
    lines = [f"{'  ' * depth}- {escape(node.label)}"]
    for child in node.children:
        lines += _tree_lines(child, depth + 1)
    return lines


def render(document: Document) -> str:
    parts: list[str] = []
    for block in document:
        if isinstance(block, Heading):
            parts.append(f"{'#' * min(block.level, 6)} {escape(block.text)}")
        elif isinstance(block, Paragraph):
            parts.append(escape(block.text))
        elif isinstance(block, Fields):
            parts.append("\n".join(f"- **{escape(k)}:** {escape(v)}" for k, v in block.pairs))
        elif isinstance(block, Table):
            title = f"**{escape(block.title)}**\n\n" if block.title else ""
            if not block.rows:
                parts.append(f"{title}{escape(block.empty)}")
                continue
            lines = [
                "| " + " | ".join(escape(h) for h in block.headers) + " |",
                "|" + "|".join("---" for _ in block.headers) + "|",
            ]
            lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
            parts.append(title + "\n".join(lines))
        elif isinstance(block, Tree):
            title = f"**{escape(block.title)}**\n\n" if block.title else ""
            parts.append(title + "\n".join(_tree_lines(block.root, 0)))
    return "\n\n".join(parts) + "\n"
