"""A small layout model for human-readable output, shared by the terminal and Markdown.

Plain classes with slots: views are imported on every command, and dataclasses would add to
start-up the time to generate their methods.
"""

from __future__ import annotations


class Heading:
    __slots__ = ("level", "text")

    def __init__(self, text: str, level: int = 1) -> None:
        self.text = text
        self.level = level


class Paragraph:
    __slots__ = ("style", "text")

    def __init__(self, text: str, style: str | None = None) -> None:
        self.text = text
        self.style = style  # a Rich style name, ignored by Markdown


class Fields:
    """Label/value pairs, e.g. an actor's kind, status and description."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs


class Table:
    __slots__ = ("empty", "headers", "rows", "title")

    def __init__(
        self, title: str | None, headers: list[str], rows: list[list[str]], empty: str = "(none)"
    ) -> None:
        self.title = title
        self.headers = headers
        self.rows = rows
        self.empty = empty  # shown instead of a table without rows


class TreeNode:
    __slots__ = ("children", "label")

    def __init__(self, label: str) -> None:
        self.label = label
        self.children: list[TreeNode] = []

    def add(self, label: str) -> TreeNode:
        child = TreeNode(label)
        self.children.append(child)
        return child


class Tree:
    __slots__ = ("root", "title")

    def __init__(self, title: str | None, root: TreeNode) -> None:
        self.title = title
        self.root = root


Block = Heading | Paragraph | Fields | Table | Tree
Document = list[Block]
