"""The restricted EDTF dates of a brief: parsing into day ranges, validity, sorting, display;
and an event's time of day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

import msgspec

from briefcli.brief.model import TIME_PATTERN, FuzzyDate


class DateError(ValueError):
    """A date string that matches the pattern but names no real day (2020-02-30, 2020-13)."""


class DayRange(msgspec.Struct, frozen=True, order=True):
    """The first and last day a date may stand for, and its EDTF qualifiers."""

    start: dt.date
    end: dt.date
    uncertain: bool = False  # `?`
    approximate: bool = False  # `~`

    @property
    def exact(self) -> bool:
        return self.start == self.end and not self.uncertain and not self.approximate


def _parse_one(text: str) -> tuple[dt.date, dt.date, bool, bool]:
    if not text:
        raise DateError("a date is missing")
    qualifier = text[-1] if text[-1] in "?~%" else ""
    core = text.rstrip("?~%")
    try:
        parts = [int(part) for part in core.split("-")]
        if len(parts) == 1:
            start, end = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        elif len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1] if 1 <= parts[1] <= 12 else 0
            start, end = dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        else:
            start = end = dt.date(parts[0], parts[1], parts[2])
    except ValueError as error:  # int() on what is not a number, or a day that is not
        raise DateError(f"{core!r} is not a real date ({error})") from None
    return start, end, qualifier in "?%" and qualifier != "", qualifier in "~%" and qualifier != ""


@lru_cache(maxsize=8192)  # a timeline repeats its dates; a DayRange is immutable
def parse_edtf(text: str) -> DayRange:
    """Parse `YYYY[-MM[-DD]][?~%]`, or two of them joined by `/`, into a DayRange."""
    first, _, second = text.partition("/")
    start, end, uncertain, approximate = _parse_one(first)
    if second:
        _, end, uncertain2, approximate2 = _parse_one(second)
        uncertain, approximate = uncertain or uncertain2, approximate or approximate2
        if end < start:
            raise DateError(f"interval {text!r} ends before it starts")
    return DayRange(start, end, uncertain, approximate)


def day_range(date: FuzzyDate | None) -> DayRange | None:
    """The days a brief's date may stand for; None when unknown (or, unchecked, invalid)."""
    if date is None or date.value is None:
        return None
    try:
        return parse_edtf(date.value)
    except DateError:
        return None


def display(date: FuzzyDate) -> str:
    """`2020-01-09 (inferred from "last Thursday")`, `2020-01 (approximate)`, `unknown`..."""
    value = date.value or "unknown"
    if date.method == "stated":
        return f'{value} ("{date.phrase}")' if date.phrase and date.value else value
    if date.phrase and date.method == "unknown":
        return f'unknown ("{date.phrase}")'
    if date.phrase:
        verb = "inferred from" if date.method == "inferred" else date.method + ","
        return f'{value} ({verb} "{date.phrase}")'
    return value if date.method == "unknown" and date.value is None else f"{value} ({date.method})"


def in_force(since: str | None, until: str | None, on: dt.date) -> bool:
    """Whether a role or relation holds on the day `on`: it may have begun by then (the first
    day its `since` can mean), and has not ended (the last day its `until` can mean is later).
    An `until` interval says when it ended at the latest: "2010/2013" is over by 2014."""
    if since is not None and parse_edtf(since).start > on:
        return False
    return until is None or parse_edtf(until).end > on


_TIME = re.compile(TIME_PATTERN)


def time_seconds(time: str | None) -> int | None:
    """Seconds from the start of the event's day to `time` (HH:MM[:SS][offset]): in UTC when
    the time has an offset, so from -14 h to +38 h; as written when it has none. None when
    there is no time (or, unchecked, not a valid one)."""
    if time is None or not _TIME.match(time):
        return None
    seconds = int(time[0:2]) * 3600 + int(time[3:5]) * 60
    rest = time[5:]
    if rest.startswith(":"):
        seconds += int(rest[1:3])
        rest = rest[3:]
    if rest and rest != "Z":
        offset = int(rest[1:3]) * 3600 + int(rest[4:6]) * 60
        seconds -= offset if rest[0] == "+" else -offset
    return seconds
