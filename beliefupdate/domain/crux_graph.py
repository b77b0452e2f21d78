"""Crux links as a graph of "B depends on A": the paths that would close a loop, and the loops already there.

A journal refuses a link that closes a loop, but it may hold one all the same (written
by an older version, or brought in by a file that holds one): these are read, reported
and shown, never a reason to fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


class LinkGraph:
    """Who depends on whom; grown link by link as links are added."""

    def __init__(self, links: Iterable[tuple[str, str]] = ()):
        self.on: dict[str, list[str]] = {}
        for b, a in links:
            self.add(b, a)

    def add(self, b: str, a: str) -> None:
        self.on.setdefault(b, []).append(a)

    def path(self, start: str, goal: str) -> list[str] | None:
        """``start``, what it depends on, ... , ``goal``: a chain of links, or None if there is none."""
        came_from: dict[str, str | None] = {start: None}
        todo = [start]
        while todo:
            here = todo.pop()
            for nxt in self.on.get(here, ()):
                if nxt in came_from:
                    continue
                came_from[nxt] = here
                if nxt == goal:
                    chain = [nxt]
                    while (back := came_from[chain[-1]]) is not None:
                        chain.append(back)
                    return chain[::-1]
                todo.append(nxt)
        return None

    def loop_closed_by(self, b: str, a: str) -> list[str] | None:
        """The loop that adding "``b`` depends on ``a``" would close: b, a, ..., b (or None)."""
        back = self.path(a, b)
        return None if back is None else [b, *back]


def loops(links: Iterable[tuple[str, str]], order: Callable[[str], Any] = str) -> list[list[str]]:
    """One loop (n1, n2, ..., n1) through each group of beliefs that depend on each other in a circle,
    from the group's first belief by ``order`` (the number a person knows it by)."""
    links = list(links)
    graph = LinkGraph(links)
    found = []
    for group in _circular_groups(graph):
        start = min(group, key=order)
        inside = LinkGraph((b, a) for b, a in links if b in group and a in group)
        found.append(next(loop for a in inside.on[start] if (loop := inside.loop_closed_by(start, a))))
    return sorted(found, key=lambda loop: [order(n) for n in loop])


def links_in_loops(links: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The links that are part of some loop."""
    links = list(links)
    member = {node: i for i, group in enumerate(_circular_groups(LinkGraph(links))) for node in group}
    return {(b, a) for b, a in links if b in member and member.get(a) == member[b]}


def loop_through_each(links: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """For each link that is part of a loop, one such loop: b, a, ..., b."""
    links = list(links)
    graph = LinkGraph(links)
    found = {}
    for b, a in links_in_loops(links):
        loop = graph.loop_closed_by(b, a)
        assert loop is not None  # a and b are in one circular group: a reaches b
        found[(b, a)] = loop
    return found


def _circular_groups(graph: LinkGraph) -> list[set[str]]:
    """The strongly connected groups of more than one belief (Tarjan's, without recursion: a journal may
    hold long chains)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in list(graph.on):
        if root in index:
            continue
        work = [(root, iter(graph.on.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            nxt = next(successors, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.on.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return groups
