"""The fields search looks in: which sections and fields, their labels' order, and how a
field's place is packed into a word-index key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from briefcli.brief.model import Actor, Brief, Meta, Place, Relation
from briefcli.search.names import fold_text
from briefcli.store.packed import CorruptStore

if TYPE_CHECKING:
    from briefcli.search import textindex


class SearchCandidates:
    """The searched fields that may match a query (see search_fields), a section at a time:
    a field's text is decoded only when its section is asked for."""

    def __init__(self, found: textindex.Candidates, searched_ends: list[int]) -> None:
        # A group per searched section, and one for keys beyond them, which has no text.
        if found.group_count != len(searched_ends) + 1 or found.in_group(len(searched_ends))[0]:
            raise CorruptStore("the word index does not match the searched sections")
        self._found = found
        self._searched_ends = searched_ends
        # Whether any field can have the query as a whole word (or words): each word is in one.
        self.every_word = found.every_word

    def in_section(self, section: str) -> SectionCandidates:
        """The section's candidate fields, shortest first."""
        first, end = searched_span(self._searched_ends, section)
        keys, texts = self._found.in_group(SEARCHED_SECTIONS.index(section))
        return SectionCandidates(texts, keys, first, end)


class SectionCandidates:
    """A section's candidate fields: their folded texts, and where each is."""

    def __init__(self, texts: list[str], keys: list[int], first: int, end: int) -> None:
        self.texts = texts
        self._keys = keys
        self._first = first
        self._end = end

    def standing_for_many(self) -> list[int]:
        """The numbers of the candidates that stand for many fields of one record (those
        beyond LAST_SEARCHED_FIELD), whose score says little about each field's."""
        return [
            number
            for number, key in enumerate(self._keys)
            if key & LAST_SEARCHED_FIELD == LAST_SEARCHED_FIELD
        ]

    def place(self, number: int) -> tuple[int, int]:
        """The record position in the section and the field place of candidate `number`."""
        key = self._keys[number]
        record = key >> FIELD_BITS
        if not self._first <= record < self._end:
            raise CorruptStore(f"the word index puts record {record} in the wrong section")
        return record - self._first, key & LAST_SEARCHED_FIELD


# Sections that search looks into, in the order their records are numbered for the word index.
SEARCHED_SECTIONS = (
    "actors",
    "events",
    "claims",
    "notes",
    "sources",
    "places",
    "relations",
    "key_judgments",
    "gaps",
)
# Searched like sections, but held in meta.
META_SECTIONS = ("key_judgments", "gaps")


class Gap(NamedTuple):
    """A gap of meta.gaps, searched like a record: `gap-3` is the third."""

    id: str
    text: str


def searched_records(meta: Meta, section: str) -> list[Any]:
    """The records of a searched section held in meta (key judgments, gaps)."""
    if section == "key_judgments":
        return list(meta.key_judgments)
    return [Gap(f"gap-{number}", text) for number, text in enumerate(meta.gaps, start=1)]


def changed_search_texts(
    before: Iterable[tuple[int, str]], brief: Brief, section: str, position: int, added: bool
) -> Iterator[tuple[int, str]]:
    """folded_search_texts(brief), given those of the brief it was changed from by the record
    at `position` of `section` (`added` there, or replacing the one there): only that record's
    fields are folded, the others are numbered again."""
    earlier = SEARCHED_SECTIONS[: SEARCHED_SECTIONS.index(section)]
    first = sum(len(records_of(brief, name)) for name in earlier)
    changed = first + position
    shift = 1 << FIELD_BITS if added else 0
    for key, text in before:
        number = key >> FIELD_BITS
        if number < changed:
            yield key, text
        elif number > changed or added:
            yield key + shift, text
    record = records_of(brief, section)[position]
    for field, text in enumerate(_folded_fields(section, record)):
        yield changed << FIELD_BITS | field, text


def records_of(brief: Brief, section: str) -> Sequence[Any]:
    """A searched section's records, in brief order."""
    if section in META_SECTIONS:
        return searched_records(brief.meta, section)
    records: Sequence[Any] = getattr(brief, section)
    return records


def searched_span(searched_ends: list[int], section: str) -> tuple[int, int]:
    """The numbers of a searched section's first record and of the one after its last, given
    the number after each section's last (BriefIndex._searched_ends)."""
    at = SEARCHED_SECTIONS.index(section)
    return (searched_ends[at - 1] if at else 0), searched_ends[at]


def search_fields(section: str, record: Any) -> list[tuple[str, str]]:
    """The (field, text) pairs of a record that search matches against; the first is its
    label (LABEL_FIELDS), except for a relation, labelled by its ends (BriefIndex.name_of)."""
    if section == "actors":
        description = [("description", record.description)] if record.description else []
        return [("name", record.name), *_aliases(record), *description]
    if section == "places":
        return [("name", record.name), *_aliases(record)]
    if section == "events":
        summary = [("summary", record.summary)] if record.summary else []
        return [("title", record.title), *summary]
    if section == "claims":
        return [("statement", record.statement), ("excerpt", record.excerpt)]
    if section in ("notes", "key_judgments", "gaps"):
        return [("text", record.text)]
    if section == "relations":  # found by what the brief says of it; shown by its two ends
        return [("description", record.description)] if record.description else []
    description = [("description", record.description)] if record.description else []
    return [("name", record.name), *description]


# The field that labels a record of each searched section: the first of its search_fields
# (a relation is labelled by its ends: relation_label).
LABEL_FIELDS = {
    "actors": "name",
    "events": "title",
    "claims": "statement",
    "notes": "text",
    "sources": "name",
    "places": "name",
    "key_judgments": "text",
    "gaps": "text",
}


def relation_label(relation: Relation, actor_name: Callable[[str], str]) -> str:
    """A relation read out: "Hadi al-Amiri leads Badr Organization"."""
    subject, obj = actor_name(relation.subject), actor_name(relation.object)
    return f"{subject} {relation.type.replace('_', ' ')} {obj}"


def label_of(section: str, record: Any, actor_name: Callable[[str], str]) -> str:
    """How a search hit on the record is labelled (and ordered among hits of equal score)."""
    if section == "relations":
        return relation_label(record, actor_name)
    return str(getattr(record, LABEL_FIELDS[section]))


def label_ranks_of(brief: Brief) -> Iterator[int]:
    """Each searched record's place among its section's records ordered by label, then by
    position: search orders hits of equal score by label without decoding their records."""
    names = {actor.id: actor.name for actor in brief.actors}

    def actor_name(actor_id: str) -> str:
        return names.get(actor_id, actor_id)

    for section in SEARCHED_SECTIONS:
        labels = [label_of(section, record, actor_name) for record in records_of(brief, section)]
        yield from places_in(sorted(range(len(labels)), key=labels.__getitem__))


def places_in(order: list[int]) -> list[int]:
    """For each position, its place in `order` (an ordering of all the positions)."""
    places = [0] * len(order)
    for place, position in enumerate(order):
        places[position] = place
    return places


def _aliases(record: Actor | Place) -> list[tuple[str, str]]:
    return [("alias", alias.name) for alias in record.aliases]


# Word-index keys: a record's number (see SEARCHED_SECTIONS) and a field's place in it.
FIELD_BITS = 12


LAST_SEARCHED_FIELD = (1 << FIELD_BITS) - 1


def folded_search_texts(brief: Brief) -> Iterator[tuple[int, str]]:
    """Each searched field, folded, keyed by its record's number and its place in the record
    (fields beyond the last place share it)."""
    number = 0
    for section in SEARCHED_SECTIONS:
        for record in records_of(brief, section):
            for field, text in enumerate(_folded_fields(section, record)):
                yield number << FIELD_BITS | field, text
            number += 1


def _folded_fields(section: str, record: Any) -> list[str]:
    """A record's searched fields, folded; those beyond the last place joined into it."""
    texts = [fold_text(text) for _, text in search_fields(section, record)]
    if len(texts) > LAST_SEARCHED_FIELD:
        texts[LAST_SEARCHED_FIELD:] = [" ".join(texts[LAST_SEARCHED_FIELD:])]
    return texts
