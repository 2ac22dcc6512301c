"""The brief: typed records for meta, sources, actors, places, relations, events, claims, notes.

These Structs are the single definition of the brief format. The loader converts parsed YAML
into them, the validator walks their type information to report every problem at once, and
`briefcli schema` derives the JSON Schema from them.
"""

from typing import Annotated, Literal

import msgspec

FORMAT_VERSION = "briefcli/1"

# Admiralty (NATO AJP-2.1) source reliability and information credibility.
Reliability = Literal["A", "B", "C", "D", "E", "F"]
Credibility = Literal[1, 2, 3, 4, 5, 6]
RELIABILITY_LABELS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_LABELS: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

# ICD 203 expressions of likelihood, from least to most likely, and analytic confidence.
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
Confidence = Literal["low", "moderate", "high"]

ActorKind = Literal["person", "organisation", "state", "bloc"]
ActorStatus = Literal["active", "killed", "dead", "detained", "dissolved", "unknown"]
AliasForm = Literal[
    "spelling",  # another spelling found in a source
    "transliteration",  # another romanisation of the same Arabic/Persian name
    "literal-translation",  # a name translated word by word ("the engineer")
    "short",  # a short form or acronym
    "native",  # the name in its own script
    "nickname",
    "title",  # a form of address ("the Supreme Leader")
    "metonym",  # a place standing for an actor ("Tehran" for Iran's government)
    "adjective",  # the adjective a source uses for the actor ("American")
]

RelationType = Literal[
    "leads",
    "member_of",
    "part_of",
    "backed_by",
    "loyal_to",
    "linked_to",
    "affiliated_with",
    "aide_to",
    "nominated_to_lead",
    "aligned_with",
    "allied_with",
    "rival_of",
    "hostile_to",
    "strained_relations_with",
    "tasked",
    "brokered",
    "employed_by",
]
# Relations that hold both ways; every other type reads subject -> object.
MUTUAL_RELATIONS: frozenset[str] = frozenset(
    {"aligned_with", "allied_with", "rival_of", "strained_relations_with"}
)
# Relations that point from a client up to its patron or parent.
UPWARD_RELATIONS: frozenset[str] = frozenset(
    {"member_of", "part_of", "backed_by", "loyal_to", "linked_to", "affiliated_with", "aide_to"}
)
# Relations of opposition, shown "sideways" by `alignments NAME`.
HOSTILE_RELATIONS: frozenset[str] = frozenset({"hostile_to", "rival_of", "strained_relations_with"})

EventKind = Literal[
    "meeting",
    "strike",
    "killing",
    "trip",
    "speech",
    "agreement",
    "visit",
    "statement",
    "tasking",
    "publication",
    "protest",
    "other",
]
ParticipantRole = Literal[
    "convener",
    "broker",
    "host",
    "attendee",
    "represented",
    "traveller",
    "target",
    "perpetrator",
    "speaker",
    "subject",
    "party",
    "recipient",
    "requester",
    "author",
]
DateMethod = Literal["stated", "inferred", "approximate", "unknown"]
SourceKind = Literal[
    "outlet",
    "journalist",
    "wire-photo",
    "translation",
    "anonymous",
    "official",
    "document",
    "social-media",
    "analyst",
]
NoteKind = Literal[
    "translation",
    "spelling",
    "contradiction",
    "inference",
    "caveat",
    "gap",
]

# A date in a restricted EDTF: YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by `?` (uncertain),
# `~` (approximate) or `%` (both), or a closed interval of two such dates joined by `/`. ASCII
# digits only (`\d` would take full-width and other scripts' digits, which int() reads).
_DAY = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?"
EdtfDate = Annotated[str, msgspec.Meta(pattern=f"^{_DAY}(/{_DAY})?$")]
# A time of day: HH:MM or HH:MM:SS (24-hour), optionally with a UTC offset (`Z`, `+05:30`,
# `-08:00`). Every string the pattern takes is a real time.
_OFFSET = r"(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])"
TIME_PATTERN = f"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?{_OFFSET}?$"
TimeOfDay = Annotated[str, msgspec.Meta(pattern=TIME_PATTERN)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_.:-]*$", max_length=200)]
Text = Annotated[str, msgspec.Meta(min_length=1)]


class Base(
    msgspec.Struct,
    kw_only=True,
    frozen=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    gc=False,
):
    """Every record rejects unknown fields: a typo in a key is an error, not silence.

    Records are trees (a brief cannot express a reference cycle: YAML anchors are refused), so
    they are left out of Python's cyclic garbage collector (`gc=False`): a listing of 100,000
    events spent a quarter of its time in collections that could never free anything."""


class FuzzyDate(Base, frozen=True):
    """A date as the source gave it, and as the analyst resolved it."""

    value: EdtfDate | None = None  # None: unknown
    phrase: str | None = None  # the source's own words ("last Thursday")
    method: DateMethod = "stated"
    confidence: Confidence = "high"
    reasoning: str | None = None


class Judgment(Base, frozen=True):
    id: Id
    text: Text
    likelihood: Likelihood
    confidence: Confidence
    claims: list[Id] = []


class Meta(Base, frozen=True):
    title: Text
    as_of: EdtfDate
    handling: Text = "UNCLASSIFIED"
    authors: list[Text] = []
    summary: str | None = None
    bottom_line: str | None = None
    key_judgments: list[Judgment] = []
    gaps: list[Text] = []


class Source(Base, frozen=True):
    id: Id
    name: Text
    kind: SourceKind
    reliability: Reliability
    named: bool = True
    via: Id | None = None  # the source this one reached the brief through
    actor: Id | None = None  # the actor this source is, when it is one
    published: FuzzyDate | None = None
    language: str | None = None
    url: str | None = None
    text: str | None = None  # path of the stored text, relative to the brief file
    description: str | None = None


class Alias(Base, frozen=True):
    name: Text
    form: AliasForm = "spelling"
    note: str | None = None


class Role(Base, frozen=True):
    title: Text
    of: Id | None = None  # organisation or state the role is held in
    since: EdtfDate | None = None
    until: EdtfDate | None = None


class Actor(Base, frozen=True):
    id: Id
    name: Text
    kind: ActorKind
    type: str | None = None  # finer kind: militia, party, movement, media, journalist...
    aliases: list[Alias] = []
    roles: list[Role] = []
    status: ActorStatus = "active"
    status_date: EdtfDate | None = None
    status_event: Id | None = None
    country: Id | None = None
    description: str | None = None
    inferred: bool = False  # the actor itself comes from analyst inference, not from a source


class Place(Base, frozen=True):
    id: Id
    name: Text
    kind: str = "city"
    country: Id | None = None
    aliases: list[Alias] = []
    latitude: float | None = None
    longitude: float | None = None


class Relation(Base, frozen=True):
    id: Id
    subject: Id
    type: RelationType
    object: Id
    confidence: Confidence = "moderate"
    since: EdtfDate | None = None
    until: EdtfDate | None = None
    claims: list[Id] = []
    inferred: bool = False
    description: str | None = None


class Participant(Base, frozen=True):
    actor: Id
    role: ParticipantRole = "attendee"
    note: str | None = None


class Event(Base, frozen=True):
    id: Id
    kind: EventKind
    title: Text
    date: FuzzyDate = FuzzyDate(method="unknown", confidence="low")
    time: TimeOfDay | None = None  # the time of day, for a date of one day
    place: Id | None = None
    participants: list[Participant] = []
    claims: list[Id] = []
    summary: str | None = None
    after: list[Id] = []  # events this one is known to follow
    before: list[Id] = []  # events this one is known to precede


class Claim(Base, frozen=True):
    id: Id
    statement: Text
    source: Id
    credibility: Credibility
    excerpt: Text
    actors: list[Id] = []
    events: list[Id] = []
    relations: list[Id] = []


class Note(Base, frozen=True):
    id: Id
    kind: NoteKind
    text: Text
    concerns: list[Id] = []
    confidence: Confidence | None = None


class Brief(Base, frozen=True):
    meta: Meta
    format: str = FORMAT_VERSION
    sources: list[Source] = []
    actors: list[Actor] = []
    places: list[Place] = []
    relations: list[Relation] = []
    events: list[Event] = []
    claims: list[Claim] = []
    notes: list[Note] = []


SECTIONS: tuple[str, ...] = (
    "sources",
    "actors",
    "places",
    "relations",
    "events",
    "claims",
    "notes",
)
