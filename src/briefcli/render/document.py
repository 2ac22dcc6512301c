"""A small layout model for human-readable output, shared by the terminal and Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str | None = None  # a Rich style name, ignored by Markdown


@dataclass(frozen=True)
class Fields:
    """Label/value pairs, e.g. an actor's kind, status and description."""

    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    title: str | None
    headers: list[str]
    rows: list[list[str]]
    empty: str = "(none)"


@dataclass
class TreeNode:
    label: str
    children: list[TreeNode] = field(default_factory=list)

    def add(self, label: str) -> TreeNode:
        child = TreeNode(label)
        self.children.append(child)
        return child


@dataclass(frozen=True)
class Tree:
    title: str | None
    root: TreeNode


Block = Heading | Paragraph | Fields | Table | Tree
Document = list[Block]
