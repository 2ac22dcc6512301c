"""A brief's meaning: unique ids, references that resolve to the right kind of record, real
dates, an order of events that agrees with them, excerpts found in their source text, across
every file of the brief.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Any

from briefcli.brief import dates, order
from briefcli.brief.dates import DateError, parse_edtf
from briefcli.brief.excerpts import closest_passages, normalise_excerpt
from briefcli.brief.model import RELATION_CLASSES, SECTIONS, Brief, Event, FuzzyDate
from briefcli.brief.validate.structure import Path, Record, choice_message, clip, format_path
from briefcli.brief.vocabulary import CORE_EVENT_KINDS, CORE_PARTICIPANT_ROLES, Words


@dataclass(frozen=True)
class Issue:
    """One problem, located by its path inside one file of the brief."""

    file_index: int
    path: Path
    message: str


@dataclass(frozen=True)
class Located:
    """A record's place: which file it came from and its path there."""

    file_index: int
    path: Path


class Origins:
    """Where each record of a merged brief comes from, worked out only for a record with a
    problem (a Located per record cost more than the checks at 100,000 events)."""

    def __init__(self) -> None:
        # section -> (index of the part's first record, file index, path prefix, positions)
        self._parts: dict[str, list[tuple[int, int, Path, Sequence[int]]]] = {}

    def add(self, section: str, file_index: int, prefix: Path, positions: Sequence[int]) -> None:
        """The next records of `section` came from `prefix`[position] of file `file_index`."""
        parts = self._parts.setdefault(section, [])
        first = parts[-1][0] + len(parts[-1][3]) if parts else 0
        parts.append((first, file_index, prefix, positions))

    def locate(self, record: Record) -> Located:
        section, index = record
        for first, file_index, prefix, positions in reversed(self._parts[section]):
            if index >= first:
                return Located(file_index, (*prefix, positions[index - first]))
        raise IndexError(record)


class BriefChecker:
    """Checks a (possibly merged) brief for problems of meaning. The common case, no problem,
    runs on whole sections at once (sets of ids); records are walked one by one only in a
    section with a problem, so problems and their order are those of the record-by-record
    checks."""

    def __init__(
        self,
        brief: Brief,
        origins: Origins,
        dropped_ids: set[str],
        source_text: Callable[[int, str], str | None],
        place_in_file: Callable[[int, Path], str],
        excerpts_of: Collection[int] | None = None,
    ) -> None:
        self.brief = brief
        self.origins = origins
        self.dropped_ids = dropped_ids
        self.source_text = source_text
        # `file:line:col` of a field in one of the merged files, to name both places of a clash.
        self.place_in_file = place_in_file
        # The claims (positions) whose excerpts are looked for in their texts; None: all. The
        # others are only counted, as checked: they were, in the brief this one was changed
        # from, whose every stored text was there (an `add` or `edit` checks only its change).
        self.excerpts_of = excerpts_of
        self.issues: list[Issue] = []
        self.kinds: dict[str, str] = {}
        self.ids_by_section: dict[str, set[str]] = {}
        self.excerpts_checked = 0
        self.suggestions_left = 20
        self.passages_left = _PASSAGES_SHOWN
        # The events' `after`/`before` links as the timeline orders them: found here once,
        # kept for the store.
        self.event_links = order.NO_LINKS

    def report(self, where: Record | Located, steps: Path, message: str) -> None:
        located = where if isinstance(where, Located) else self.origins.locate(where)
        self.issues.append(Issue(located.file_index, (*located.path, *steps), message))

    def run(self) -> list[Issue]:
        self._check_ids()
        self._check_references()
        self._check_place_nesting()
        self._check_dates()
        self._check_event_order()
        self._check_relations()
        self._check_vocabulary()
        self._check_source_chains()
        self._check_excerpts()
        return self.issues

    def _records(self, section: str) -> list[Any]:
        if section == "key_judgments":
            return self.brief.meta.key_judgments
        return getattr(self.brief, section)  # type: ignore[no-any-return]

    def _check_ids(self) -> None:
        first_places: dict[str, Record] | None = None
        for section in ("key_judgments", *SECTIONS):
            ids = [record.id for record in self._records(section)]
            fresh = dict.fromkeys(ids, section)
            known = self.ids_by_section.setdefault(section, set())
            if len(fresh) == len(ids) and self.kinds.keys().isdisjoint(fresh):
                self.kinds.update(fresh)
                known.update(fresh)
                continue
            if first_places is None:
                first_places = {}
                for earlier in ("key_judgments", *SECTIONS):
                    for index, record in enumerate(self._records(earlier)):
                        first_places.setdefault(record.id, (earlier, index))
            for index, record_id in enumerate(ids):
                if record_id not in self.kinds:
                    self.kinds[record_id] = section
                    known.add(record_id)
                    continue
                where = self.origins.locate((section, index))
                other = self.origins.locate(first_places[record_id])
                elsewhere = ""
                if other.file_index != where.file_index:
                    elsewhere = f" in {self.place_in_file(other.file_index, (*other.path, 'id'))}"
                self.report(
                    where,
                    ("id",),
                    f"duplicate id {record_id!r}: already used by {format_path(other.path)}"
                    + elsewhere,
                )

    def _all_known(self, refs: Iterable[str | None], section: str | None) -> bool:
        """Whether every reference is None, dropped, or an id of `section` (any if None)."""
        known = self.kinds.keys() if section is None else self.ids_by_section[section]
        unknown = set(refs).difference(known, self.dropped_ids)
        unknown.discard(None)
        return not unknown

    def _expect(
        self, where: Record | Located, steps: Path, ref: str | None, *sections: str
    ) -> None:
        """`ref` must be the id of a record in one of `sections` (any section if none given)."""
        if ref is None or ref in self.dropped_ids:
            return
        kind = self.kinds.get(ref)
        wanted = " or ".join(_singular(section) for section in sections)
        if kind is None:
            self.report(
                where,
                steps,
                f"unknown {wanted + ' ' if wanted else ''}id {ref!r}"
                + self._suggestion(ref, sections),
            )
        elif sections and kind not in sections:
            self.report(
                where, steps, f"{ref!r} is {_article(_singular(kind))}, expected {_article(wanted)}"
            )

    def _suggestion(self, ref: str, sections: tuple[str, ...]) -> str:
        """A did-you-mean for the first few unknown ids (each costs a scan of every id)."""
        self.suggestions_left -= 1
        if self.suggestions_left < 0:
            return ""
        choices = [key for key, value in self.kinds.items() if not sections or value in sections]
        hint = difflib.get_close_matches(ref, choices, n=1)
        return f" (did you mean {hint[0]!r}?)" if hint else ""

    def _expect_all(
        self, where: Record | Located, steps: Path, refs: list[str], *sections: str
    ) -> None:
        for position, ref in enumerate(refs):
            self._expect(where, (*steps, position), ref, *sections)

    def _check_references(self) -> None:
        brief, known, each = self.brief, self._all_known, chain.from_iterable
        judgments = brief.meta.key_judgments
        if not known(each(judgment.claims for judgment in judgments), "claims"):
            for index, judgment in enumerate(judgments):
                where = ("key_judgments", index)
                self._expect_all(where, ("claims",), judgment.claims, "claims")
        if not (
            known(each(source.via_ids for source in brief.sources), "sources")
            and known((source.actor for source in brief.sources), "actors")
        ):
            for index, source in enumerate(brief.sources):
                if isinstance(source.via, list):
                    self._expect_all(("sources", index), ("via",), source.via, "sources")
                else:
                    self._expect(("sources", index), ("via",), source.via, "sources")
                self._expect(("sources", index), ("actor",), source.actor, "actors")
        if not (
            known((role.of for actor in brief.actors for role in actor.roles), "actors")
            and known((actor.status_event for actor in brief.actors), "events")
            and known((actor.country for actor in brief.actors), "actors")
        ):
            for index, actor in enumerate(brief.actors):
                where = ("actors", index)
                for position, role in enumerate(actor.roles):
                    self._expect(where, ("roles", position, "of"), role.of, "actors")
                self._expect(where, ("status_event",), actor.status_event, "events")
                self._expect(where, ("country",), actor.country, "actors")
        if not (
            known((place.country for place in brief.places), "actors")
            and known((place.within for place in brief.places), "places")
        ):
            for index, place in enumerate(brief.places):
                self._expect(("places", index), ("country",), place.country, "actors")
                self._expect(("places", index), ("within",), place.within, "places")
        relations = brief.relations
        if not (
            known((relation.subject for relation in relations), "actors")
            and known((relation.object for relation in relations), "actors")
            and known(each(relation.claims for relation in relations), "claims")
        ):
            for index, relation in enumerate(relations):
                where = ("relations", index)
                self._expect(where, ("subject",), relation.subject, "actors")
                self._expect(where, ("object",), relation.object, "actors")
                self._expect_all(where, ("claims",), relation.claims, "claims")
        events = brief.events
        if not (
            known((event.place for event in events), "places")
            and known((p.actor for event in events for p in event.participants), "actors")
            and known(each(event.claims for event in events), "claims")
            and known(each(event.after for event in events), "events")
            and known(each(event.before for event in events), "events")
        ):
            for index, event in enumerate(events):
                where = ("events", index)
                self._expect(where, ("place",), event.place, "places")
                for position, participant in enumerate(event.participants):
                    steps = ("participants", position, "actor")
                    self._expect(where, steps, participant.actor, "actors")
                self._expect_all(where, ("claims",), event.claims, "claims")
                self._expect_all(where, ("after",), event.after, "events")
                self._expect_all(where, ("before",), event.before, "events")
        claims = brief.claims
        if not (
            known((claim.source for claim in claims), "sources")
            and known(each(claim.actors for claim in claims), "actors")
            and known(each(claim.events for claim in claims), "events")
            and known(each(claim.relations for claim in claims), "relations")
        ):
            for index, claim in enumerate(claims):
                where = ("claims", index)
                self._expect(where, ("source",), claim.source, "sources")
                self._expect_all(where, ("actors",), claim.actors, "actors")
                self._expect_all(where, ("events",), claim.events, "events")
                self._expect_all(where, ("relations",), claim.relations, "relations")
        if not known(each(note.concerns for note in brief.notes), None):
            for index, note in enumerate(brief.notes):
                self._expect_all(("notes", index), ("concerns",), note.concerns)
        self._check_lint_settings()

    def _check_lint_settings(self) -> None:
        """meta.grading names sources, one rule each; meta.lint_accept names records of any
        kind (the first file's meta stands for the brief)."""
        meta, where = self.brief.meta, Located(0, ("meta",))
        ruled: dict[str, int] = {}
        for position, rule in enumerate(meta.grading):
            steps: Path = ("grading", position, "source")
            self._expect(where, steps, rule.source, "sources")
            first = ruled.setdefault(rule.source, position)
            if first != position:
                message = f"a second rule for source {rule.source!r}: meta.grading[{first}] is one"
                self.report(where, steps, message)
        for position, accepted in enumerate(meta.lint_accept):
            self._expect(where, ("lint_accept", position, "record"), accepted.record)

    def _check_date(self, where: Record | Located, steps: Path, value: str | None) -> None:
        if value is None:
            return
        try:
            parse_edtf(value)
        except DateError as error:
            self.report(where, steps, str(error))

    def _check_period(
        self, where: Record, steps: Path, since: str | None, until: str | None
    ) -> None:
        self._check_date(where, (*steps, "since"), since)
        self._check_date(where, (*steps, "until"), until)
        if since is None or until is None:
            return
        try:
            if parse_edtf(until).end < parse_edtf(since).start:
                self.report(where, (*steps, "until"), f"until {until!r} is before since {since!r}")
        except DateError:
            pass  # already reported

    def _check_fuzzy(self, where: Record, steps: Path, date: FuzzyDate | None) -> None:
        if date is None:
            return
        self._check_date(where, (*steps, "value"), date.value)
        if date.value is None and date.method != "unknown":
            self.report(where, (*steps, "method"), f"method is {date.method!r} but no value")
        if date.value is not None and date.method == "unknown":
            self.report(where, (*steps, "method"), "method is 'unknown' but a value is given")

    def _check_dates(self) -> None:
        self._check_date(Located(0, ("meta",)), ("as_of",), self.brief.meta.as_of)
        for index, source in enumerate(self.brief.sources):
            self._check_fuzzy(("sources", index), ("published",), source.published)
        for index, actor in enumerate(self.brief.actors):
            self._check_date(("actors", index), ("status_date",), actor.status_date)
            for position, role in enumerate(actor.roles):
                self._check_period(("actors", index), ("roles", position), role.since, role.until)
        for index, relation in enumerate(self.brief.relations):
            self._check_period(("relations", index), (), relation.since, relation.until)
        for index, event in enumerate(self.brief.events):
            self._check_fuzzy(("events", index), ("date",), event.date)

    def _check_event_order(self) -> None:
        """A time needs a date of one day; `after`/`before` links may not loop, nor go against
        the dates (an event after one that begins only after it ends). Each loop is reported
        once, at its first link in the brief; each contradiction at the link that makes it."""
        events = self.brief.events
        linked = False
        for index, event in enumerate(events):
            linked = linked or bool(event.after or event.before)
            if event.time is None or dates.time_seconds(event.time) is None:
                continue  # no time, or one already reported
            days = dates.day_range(event.date)
            if days is None or days.start != days.end:
                shown = f"is {event.date.value!r}" if event.date.value else "is unknown"
                message = f"a time of day needs a date of one day (the date {shown})"
                self.report(("events", index), ("time",), message)
        if not linked:
            return
        found = self.event_links = order.links(events)
        declarations = _Declarations(events)
        for path, others in found.loops:
            ids = [events[position].id for position in path]
            if len(ids) > _LOOP_SHOWN:
                ids[_LOOP_SHOWN - 2 : -1] = [f"… ({len(ids) - _LOOP_SHOWN + 1:,} more)"]
            also = ""
            if others:
                names = ", ".join(events[position].id for position in others[:_LOOP_SHOWN])
                more = (
                    f" and {len(others) - _LOOP_SHOWN:,} more" if len(others) > _LOOP_SHOWN else ""
                )
                also = f"; other loops run through these and {names}{more}"
            where = min(
                place
                for earlier, later in pairwise(path)
                for place in declarations.of(earlier, later)
            )
            message = (
                f"{ids[0]!r} comes after itself"
                if len(path) == 2
                else f"events follow each other in a loop: {' -> '.join(ids)} (each comes "
                f"before the next){also}"
            )
            self.report(("events", where[0]), where[1:], message)
        for earlier, later, bound in found.contradictions:
            through = (
                ""
                if bound == earlier
                else f", and {events[earlier].id!r} comes after {events[bound].id!r}"
            )
            where = declarations.of(earlier, later)[0]
            self.report(
                ("events", where[0]),
                where[1:],
                f"{events[later].id!r} cannot come after {events[earlier].id!r}: "
                f"{events[later].id!r} ({_when(events[later])}) ends before "
                f"{events[bound].id!r} ({_when(events[bound])}) begins{through}",
            )

    def _check_relations(self) -> None:
        for index, relation in enumerate(self.brief.relations):
            if relation.subject == relation.object:
                message = f"relation of {relation.subject!r} to itself"
                self.report(("relations", index), ("object",), message)

    def _check_vocabulary(self) -> None:
        """Declared words are new, and every relation type, event kind and participant role is
        a core word or a declared one."""
        declared = self.brief.vocabulary
        words = Words(declared)
        groups = [
            ("relations", [word.type for word in declared.relations], "type", RELATION_CLASSES),
            ("events", [word.name for word in declared.events], "name", CORE_EVENT_KINDS),
            (
                "participants",
                [w.name for w in declared.participants],
                "name",
                CORE_PARTICIPANT_ROLES,
            ),
        ]
        for group, names, field_name, core in groups:
            seen: set[str] = set()
            for index, name in enumerate(names):
                where = (f"vocabulary.{group}", index)
                if name in core:
                    self.report(
                        where, (field_name,), f"{name!r} is a core word: declare only new ones"
                    )
                elif name in seen:
                    self.report(where, (field_name,), f"{name!r} is declared twice")
                seen.add(name)
        known_types = words.relation_classes.keys()
        if not {relation.type for relation in self.brief.relations} <= known_types:
            for index, relation in enumerate(self.brief.relations):
                if relation.type not in known_types:
                    message = choice_message(relation.type, sorted(known_types))
                    self.report(("relations", index), ("type",), f"{message}; {_DECLARE}relations")
        kinds, roles = set(words.event_kinds), set(words.participant_roles)
        if not (
            {event.kind for event in self.brief.events} <= kinds
            and {p.role for event in self.brief.events for p in event.participants} <= roles
        ):
            for index, event in enumerate(self.brief.events):
                if event.kind not in kinds:
                    message = choice_message(event.kind, sorted(kinds))
                    self.report(("events", index), ("kind",), f"{message}; {_DECLARE}events")
                for position, participant in enumerate(event.participants):
                    if participant.role not in roles:
                        message = choice_message(participant.role, sorted(roles))
                        self.report(
                            ("events", index),
                            ("participants", position, "role"),
                            f"{message}; {_DECLARE}participants",
                        )

    def _check_place_nesting(self) -> None:
        """A place cannot lie within itself, directly or through others."""
        within = {place.id: place.within for place in self.brief.places}
        for index, shown in _loops([place.id for place in self.brief.places], within):
            self.report(("places", index), ("within",), f"place lies within itself: {shown}")

    def _check_source_chains(self) -> None:
        """Each loop of `via` links is reported once, at its first source in file order (at
        the `via` entry that closes it, for a list). A depth-first walk from each source in
        file order, following every route: linear, no source is walked from twice (a list
        lookup per step made it cubic)."""
        vias = {source.id: source.via_ids for source in self.brief.sources}
        first_index: dict[str, int] = {}
        for index, source in enumerate(self.brief.sources):
            first_index.setdefault(source.id, index)
        walked: set[str] = set()
        for source in self.brief.sources:
            if source.id in walked:
                continue
            path: list[str] = [source.id]
            on_path: dict[str, int] = {source.id: 0}
            # For each source on the path, the position of the next of its vias to follow.
            turns: list[int] = [0]
            while path:
                current, turn = path[-1], turns[-1]
                onward = vias.get(current, ())
                if turn == len(onward):
                    walked.add(current)
                    del on_path[current]
                    path.pop()
                    turns.pop()
                    continue
                turns[-1] += 1
                following = onward[turn]
                if following not in vias or following in walked:
                    continue
                if following in on_path:  # a loop no earlier walk has seen: report it once
                    self._report_loop(path[on_path[following] :], first_index)
                    continue
                on_path[following] = len(path)
                path.append(following)
                turns.append(0)

    def _report_loop(self, loop: list[str], first_index: dict[str, int]) -> None:
        first = min(loop, key=first_index.__getitem__)
        turn = loop.index(first)
        shown = " -> ".join([*loop[turn:], *loop[:turn], first])
        source = self.brief.sources[first_index[first]]
        following = loop[(turn + 1) % len(loop)]
        steps: Path = ("via",)
        if isinstance(source.via, list) and following in source.via:
            steps = ("via", source.via.index(following))
        self.report(
            ("sources", first_index[first]),
            steps,
            f"source chain loops back on itself: {shown}",
        )

    def _check_excerpts(self) -> None:
        sources = {source.id: source for source in self.brief.sources}
        index_of = {source.id: index for index, source in enumerate(self.brief.sources)}
        # For each claim source: its documents (the first source with a stored text on each of
        # its routes), each as its id and (file index, stored text).
        documents: dict[str, list[tuple[str, tuple[int, str]]]] = {}
        normalised: dict[tuple[int, str], str | None] = {}
        for index, claim in enumerate(self.brief.claims):
            if claim.source not in documents:
                found = documents[claim.source] = []
                for document in _documents_of(claim.source, sources):
                    where = self.origins.locate(("sources", index_of[document.id]))
                    found.append((document.id, (where.file_index, document.text)))
            if self.excerpts_of is not None and index not in self.excerpts_of:
                self.excerpts_checked += bool(documents[claim.source])
                continue
            texts: list[tuple[str, str]] = []
            for document_id, key in documents[claim.source]:
                if key not in normalised:
                    raw = self.source_text(*key)
                    normalised[key] = None if raw is None else normalise_excerpt(raw)
                text = normalised[key]
                if text is not None:
                    texts.append((document_id, text))
            if not texts:
                continue
            self.excerpts_checked += 1
            excerpt = normalise_excerpt(claim.excerpt)
            if len(excerpt) < MIN_EXCERPT_CHARS:
                self.report(
                    ("claims", index),
                    ("excerpt",),
                    f"excerpt too short to check ({len(excerpt)} characters; quote at least "
                    f"{MIN_EXCERPT_CHARS})",
                )
            elif not any(excerpt in text for _, text in texts):
                named = " or ".join(repr(document_id) for document_id, _ in texts)
                sources_word = "sources" if len(texts) > 1 else "source"
                message = f"excerpt not found in the text of {sources_word} {named}"
                message += self._closest(claim.excerpt, documents[claim.source])
                self.report(("claims", index), ("excerpt",), message)

    def _closest(self, excerpt: str, documents: list[tuple[str, tuple[int, str]]]) -> str:
        """`; closest, line 10: "…"`: the passage of the stored texts most like an excerpt not
        found in them. Only for the first few such excerpts: each is compared with every line
        of its texts, and a brief whose excerpts all fail (a wrong text) would take minutes."""
        self.passages_left -= 1
        if self.passages_left < 0:
            return ""
        texts = [(name, self.source_text(*key)) for name, key in documents]
        found = [
            (passage.score, -passage.line, name, passage)
            for name, text in texts
            if text is not None
            for passage in closest_passages(text, excerpt, limit=1)
        ]
        if not found:
            return ""
        _, _, name, passage = max(found)
        several = sum(text is not None for _, text in texts) > 1
        where = f"line {passage.line} of {name!r}" if several else f"line {passage.line}"
        shown = clip(passage.text, _PASSAGE_LIMIT)
        # In double quotes as a quotation reads, unless it holds some: then as repr() quotes.
        return f"; closest, {where}: " + (repr(shown) if '"' in shown else f'"{shown}"')


class _Declarations:
    """Where the brief says that one event comes before another. Each list of links is read
    once, into a dict (an event after 100,000 others could otherwise be read for each)."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.firsts: dict[tuple[int, str], dict[str, int]] = {}

    def _first(self, position: int, field: str, ref: str) -> int | None:
        """The first place of `ref` in the `field` list of event `position`."""
        key = (position, field)
        found = self.firsts.get(key)
        if found is None:
            found = self.firsts[key] = {}
            for number, listed in enumerate(getattr(self.events[position], field)):
                found.setdefault(listed, number)
        return found.get(ref)

    def of(self, earlier: int, later: int) -> list[tuple[int, str, int]]:
        """The fields that say `earlier` comes before `later`, in brief order: (event
        position, "after" or "before", place in that list)."""
        found = []
        number = self._first(later, "after", self.events[earlier].id)
        if number is not None:
            found.append((later, "after", number))
        number = self._first(earlier, "before", self.events[later].id)
        if number is not None:
            found.append((earlier, "before", number))
        return sorted(found)


def _when(event: Event) -> str:
    """An event's date (and time) as the brief gives it."""
    value = event.date.value or "unknown date"
    return f"{value} {event.time}" if event.time else value


def _singular(section: str) -> str:
    return {"key_judgments": "key judgment"}.get(section, section.removesuffix("s"))


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _documents_of(source_id: str, sources: dict[str, Any]) -> list[Any]:
    """On each route from the source (this one, then its `via`s), the first source with a
    stored text; each once, nearest first."""
    found: dict[str, Any] = {}
    walked: set[str] = set()
    waiting = [source_id]
    for current in waiting:  # breadth first: the list grows as it is walked
        if current in walked or current not in sources:
            continue
        walked.add(current)
        if sources[current].text is not None:
            found[current] = sources[current]
        else:
            waiting.extend(sources[current].via_ids)
    return list(found.values())


# A loop of events is shown with at most this many ids.
_LOOP_SHOWN = 12

# An excerpt must quote enough of its source to identify the passage.
MIN_EXCERPT_CHARS = 8

# The closest passage is named for this many excerpts not found, at most this long.
_PASSAGES_SHOWN = 10
_PASSAGE_LIMIT = 100


_DECLARE = "or declare it under vocabulary."


def _loops(ids: list[str], link: dict[str, str | None]) -> Iterator[tuple[int, str]]:
    """Each loop of single links (a source's via, a place's within) once, as the position of
    its first record in file order and the loop written out from it ("a -> b -> a").
    Linear: no record is walked from twice (a list lookup per step made it cubic)."""
    first_index: dict[str, int] = {}
    for index, record_id in enumerate(ids):
        first_index.setdefault(record_id, index)
    walked: set[str] = set()
    for record_id in ids:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = record_id
        while current is not None and current in link and current not in walked:
            if current in on_path:  # a loop no earlier walk has seen: report it once
                loop = path[on_path[current] :]
                first = min(loop, key=first_index.__getitem__)
                turn = loop.index(first)
                yield first_index[first], " -> ".join([*loop[turn:], *loop[:turn], first])
                break
            on_path[current] = len(path)
            path.append(current)
            current = link[current]
        walked.update(path)
