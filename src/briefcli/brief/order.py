"""The order of a brief's events: by date, then time of day, then the `after`/`before` links.

Each event has a sort key: its first possible day, its last, then its time of day (in UTC when
the time has an offset). An unknown date sorts after every known one, an unknown time after
every time of its day, and events with the same key go by id. The links then move events only
where the keys do not already agree with them:

- an event that follows others (its `after`, or their `before`) sorts no earlier than the
  latest of them: one with an unknown date or time takes that event's key (so an undated
  event declared after X is placed just after X), one with an earlier key takes that key;
- an event that must come before another and sorts after it (an undated one, or one without a
  time on the same day) is placed just before the first event in the timeline that follows it;
- among events with the same key, each comes after the events it follows (depth first).

A link the dates rule out (an event declared after one that begins only after it ends,
directly or through events without dates) and every link of a loop are left out of the order;
`briefcli validate` reports both (validate/meaning.py). Linear in the events and links, plus
one sort.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from briefcli.brief import dates
from briefcli.brief.model import Event
from briefcli.graphs import strongly_connected

# A sort key is one int: ((first day << DAY_BITS) | last day) << TIME_BITS | time. Date
# ordinals are below 2**22; times are seconds from -14 h to +38 h (UTC, see
# dates.time_seconds) shifted to start at 1, below 2**18. 0 means "unknown" in each part.
DAY_BITS = 22
TIME_BITS = 18
TIME_MASK = (1 << TIME_BITS) - 1
NO_TIME = TIME_MASK  # an unknown time sorts after every time of its day
_TIME_SHIFT = 14 * 3600 + 1
_NEVER = 1 << (2 * DAY_BITS + TIME_BITS)  # later than any moment
UNKNOWN = _NEVER  # an unknown date sorts after every known one, 9999-12-31 included

_ID, _AFTER, _BEFORE = attrgetter("id"), attrgetter("after"), attrgetter("before")

# (first day, last day, time) of an event: date ordinals and a time_key, 0 when unknown.
Span = tuple[int, int, int]


def time_key(time: str | None) -> int:
    """An event's time of day as the last part of a sort key (0: no time)."""
    seconds = dates.time_seconds(time)
    return 0 if seconds is None else seconds + _TIME_SHIFT


def span_of(event: Event) -> Span:
    """(first day, last day, time key) of an event, 0 for what is unknown."""
    days = dates.day_range(event.date)
    if days is None:
        return (0, 0, 0)
    time = 0 if event.time is None else time_key(event.time)
    return (days.start.toordinal(), days.end.toordinal(), time)


def _own_key(first: int, last: int, time: int) -> int:
    """The key that `follows` links compare: unknown parts are 0, below any known value."""
    return ((first << DAY_BITS | last) << TIME_BITS | time) if first else 0


def sort_key(key: int) -> int:
    """A key as the timeline sorts it: unknown dates and times after every known one."""
    if not key:
        return UNKNOWN
    return key if key & TIME_MASK else key | NO_TIME


class Contradiction(NamedTuple):
    """A link the dates rule out: `later` is declared to follow `earlier`, but it is over
    before `bound` begins, where `bound` is `earlier` or an event `earlier` follows (through
    events without dates)."""

    earlier: int
    later: int
    bound: int


class Loop(NamedTuple):
    """Events whose links loop: a shortest loop through the first of them (in brief order),
    as [that event, the next in the order of time, ..., that event], and the others."""

    path: list[int]
    others: list[int]


class Links(NamedTuple):
    """The `after`/`before` links between events (by position), as the order uses them."""

    follows: dict[int, list[int]]  # the events each one comes after, links left out excluded
    moved: dict[int, int]  # events whose key the links changed: the new key (unknown parts 0)
    loops: list[Loop]
    contradictions: list[Contradiction]


NO_LINKS = Links({}, {}, [], [])


def declared_links(events: Sequence[Event]) -> dict[int, list[int]]:
    """For each event with links, the events it comes after: its own `after` list in order,
    then the events naming it in their `before`, in brief order. References to no event are
    left out (`validate` reports them)."""
    # Found in C (100,000 events: 0.13 -> 0.03 s): most events have no links.
    with_after = compress(range(len(events)), map(_AFTER, events))
    with_before = compress(range(len(events)), map(_BEFORE, events))
    linked = sorted({*with_after, *with_before})
    if not linked:
        return {}
    by_id = dict(zip(map(_ID, events), range(len(events)), strict=True))
    follows: dict[int, list[int]] = {}
    preceding: list[tuple[int, int]] = []
    for position in linked:
        event = events[position]
        if event.after:
            found = [earlier for earlier in map(by_id.get, event.after) if earlier is not None]
            if found:
                follows[position] = found
        for later in map(by_id.get, event.before):
            if later is not None:
                preceding.append((later, position))
    for later, earlier in preceding:
        follows.setdefault(later, []).append(earlier)
    for position, followed in follows.items():
        if len(followed) > 1:
            follows[position] = list(dict.fromkeys(followed))
    return follows


def links(events: Sequence[Event], span: Callable[[int], Span] | None = None) -> Links:
    """Check and resolve the links: loops, contradictions, and the keys links change.
    `span(position)`: span_of(events[position]), if already known."""
    follows = declared_links(events)
    if not follows:
        return NO_LINKS
    span_at = span if span is not None else (lambda position: span_of(events[position]))
    loops: list[Loop] = []
    contradictions: list[Contradiction] = []
    kept: dict[int, list[int]] = {}
    moved: dict[int, int] = {}
    earliest: dict[int, int] = {}  # the earliest moment each event can be, given its links
    bound_of: dict[int, int] = {}  # the event that sets it
    key_of: dict[int, int] = {}
    in_order = _in_order(follows)
    if in_order is not None:
        components = [[position] for position in in_order]
    else:
        components = _components(follows)
    no_members: set[int] = set()
    for component in components:
        members = no_members
        first = component[0]
        if in_order is None and (len(component) > 1 or first in follows.get(first, ())):
            members = set(component)  # a loop (or an event after itself)
            path = _cycle(follows, members)
            loops.append(Loop(path, sorted(members.difference(path))))
        for position in component:
            first, last, time = span_at(position)
            own = _own_key(first, last, time)
            moment = first << TIME_BITS | time
            latest = (last << TIME_BITS | (time or NO_TIME)) if first else _NEVER
            bound, key, follows_kept = position, own, []
            for earlier in follows.get(position, ()):
                if earlier in members:
                    continue
                if earliest[earlier] > latest:
                    contradictions.append(Contradiction(earlier, position, bound_of[earlier]))
                    continue
                follows_kept.append(earlier)
                if earliest[earlier] > moment:
                    moment, bound = earliest[earlier], bound_of[earlier]
                key = max(key, key_of[earlier])
            earliest[position], bound_of[position], key_of[position] = moment, bound, key
            if follows_kept:
                kept[position] = follows_kept
            if key != own:
                moved[position] = key
    return Links(kept, moved, loops, contradictions)


def _in_order(follows: dict[int, list[int]]) -> list[int] | None:
    """The linked events, each after the events it follows; None if the links loop. (Cheaper
    than finding components, which only a brief with a loop needs.)"""
    state: dict[int, bool] = {}  # False while an event's predecessors are walked, then True
    found: list[int] = []
    for start in follows:
        if start in state:
            continue
        state[start] = False
        stack = [(start, iter(follows[start]))]
        while stack:
            position, followed = stack[-1]
            for earlier in followed:
                done = state.get(earlier)
                if done is None:
                    state[earlier] = False
                    stack.append((earlier, iter(follows.get(earlier, ()))))
                    break
                if not done:
                    return None
            else:
                stack.pop()
                state[position] = True
                found.append(position)
    return found


def _components(follows: dict[int, list[int]]) -> list[list[int]]:
    """The strongly connected components of the links, each sorted, every event before the
    events that follow it."""
    return [sorted(component) for component in strongly_connected(follows, sorted(follows))]


def _cycle(follows: dict[int, list[int]], members: set[int]) -> list[int]:
    """A shortest loop through the first member (in brief order), in the order of time."""
    start = min(members)
    followers: dict[int, list[int]] = {}
    for later in sorted(members):
        for earlier in follows.get(later, ()):
            if earlier in members:
                followers.setdefault(earlier, []).append(later)
    came_from = {start: start}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for later in followers.get(current, ()):
            if later == start:
                path = [current]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if later not in came_from:
                came_from[later] = current
                queue.append(later)
    raise AssertionError("a component with no loop through its first member")  # unreachable


def chronological_order(
    events: Sequence[Event], firsts: list[int], lasts: list[int], found: Links | None = None
) -> list[int]:
    """Event positions in timeline order (see the module's docstring). `firsts`, `lasts`:
    each event's first and last possible day as a date ordinal (0: unknown); `found`:
    links(events), if already known."""
    times = [0 if event.time is None else time_key(event.time) for event in events]
    keys = [
        ((first << DAY_BITS | last) << TIME_BITS | (time or NO_TIME)) if first else UNKNOWN
        for first, last, time in zip(firsts, lasts, times, strict=True)
    ]
    if found is None:
        found = links(events, lambda position: (firsts[position], lasts[position], times[position]))
    for position, key in found.moved.items():
        keys[position] = sort_key(key)
    ids = [event.id for event in events]
    id_order = sorted(range(len(events)), key=ids.__getitem__)
    ordered = sorted(id_order, key=keys.__getitem__)  # stable: events with the same key by id
    earlier_of = found.follows
    if not earlier_of:
        return ordered
    result: list[int] = []
    placed = bytearray(len(events))
    for position in ordered:
        if placed[position]:
            continue
        # Depth-first over the links with an explicit stack (no recursion limit): the events
        # one follows that are not placed yet (same key, or placed by their links) go first.
        stack: list[tuple[int, bool]] = [(position, False)]
        while stack:
            current, expanded = stack.pop()
            if expanded:
                result.append(current)
                continue
            if placed[current]:
                continue
            placed[current] = 1
            stack.append((current, True))
            for earlier in reversed(earlier_of.get(current, ())):
                if not placed[earlier]:
                    stack.append((earlier, False))
    return result
