"""Graph algorithms the layers share, on plain mappings of nodes to their successors."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def strongly_connected(
    edges: Mapping[Node, Sequence[Node]], roots: Iterable[Node]
) -> list[list[Node]]:
    """Tarjan's strongly connected components of the graph reached from `roots`, without
    recursion; each component comes after every component it has edges to."""
    number: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    components: list[list[Node]] = []
    for root in roots:
        if root in number:
            continue
        work: list[tuple[Node, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                number[node] = low[node] = len(number)
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, ())
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position]
                if successor not in number:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], number[successor])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                component: list[Node] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components
