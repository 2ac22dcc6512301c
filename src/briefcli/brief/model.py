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

# `jurisdiction`: a government below or beside a state (a province, a city, a region).
ActorKind = Literal["person", "organisation", "state", "jurisdiction", "bloc"]
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
    "chairs",
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
    "supports",
    "rival_of",
    "hostile_to",
    "opposes",
    "strained_relations_with",
    "tasked",
    "brokered",
    "employed_by",
    "holds_role_in",
    "candidate_for",
    "succeeded",
    "founded",
    "related_to",
    "parent_of",
    "spouse_of",
]
# What a relation means to the queries: `alignments` lists a bloc's members (membership class
# only), leaders, allies, patrons and rivals from these, so an ally is never counted a member.
RelationClass = Literal[
    "membership",
    "leadership",
    "patronage",
    "alliance",
    "hostility",
    "office",
    "kinship",
    "succession",
    "other",
]
RELATION_CLASSES: dict[str, RelationClass] = {
    "member_of": "membership",
    "part_of": "membership",
    "leads": "leadership",
    "chairs": "leadership",
    "backed_by": "patronage",
    "loyal_to": "patronage",
    "linked_to": "patronage",
    "affiliated_with": "patronage",
    "aide_to": "patronage",
    "aligned_with": "alliance",
    "allied_with": "alliance",
    "supports": "alliance",
    "rival_of": "hostility",
    "hostile_to": "hostility",
    "opposes": "hostility",
    "strained_relations_with": "hostility",
    "employed_by": "office",
    "holds_role_in": "office",
    "candidate_for": "office",
    "nominated_to_lead": "office",
    "related_to": "kinship",
    "parent_of": "kinship",
    "spouse_of": "kinship",
    "succeeded": "succession",
    "tasked": "other",
    "brokered": "other",
    "founded": "other",
}
# Relations that hold both ways; every other type reads subject -> object.
MUTUAL_RELATIONS: frozenset[str] = frozenset(
    {
        "aligned_with",
        "allied_with",
        "rival_of",
        "strained_relations_with",
        "related_to",
        "spouse_of",
    }
)

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
    "election",
    "result",
    "vote",
    "appointment",
    "taking-office",
    "resignation",
    "dismissal",
    "offer",
    "rejection",
    "decision",
    "founding",
    "negotiation",
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
# The end of the text. `$` alone also matches before a final newline in Python (not in the
# JSON Schema's ECMAScript), so "alice\n" would pass as an id and print like "alice".
_END = r"$(?!\n)"
EdtfDate = Annotated[str, msgspec.Meta(pattern=f"^{_DAY}(/{_DAY})?{_END}")]
# A time of day: HH:MM or HH:MM:SS (24-hour), optionally with a UTC offset (`Z`, `+05:30`,
# `-08:00`). Every string the pattern takes is a real time.
_OFFSET = r"(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])"
TIME_PATTERN = f"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?{_OFFSET}?{_END}"
TimeOfDay = Annotated[str, msgspec.Meta(pattern=TIME_PATTERN)]
Id = Annotated[str, msgspec.Meta(pattern=f"^[a-z0-9][a-z0-9_.:-]*{_END}", max_length=200)]
Text = Annotated[str, msgspec.Meta(min_length=1)]
# A relation type, event kind or participant role: a core word below, or one the brief declares
# in its `vocabulary:` section (validate checks which).
Word = Annotated[str, msgspec.Meta(pattern=f"^[a-z][a-z0-9_-]*{_END}", max_length=100)]


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
    they are left out of Python's cyclic garbage collector (`gc=False`): collections over them
    could never free anything."""


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


class NameRules(Base, frozen=True):
    """Words that come with a name in the brief's languages without being part of it; they add
    to briefcli's own lists (search/names.py), which cover Arabic, Persian, English and South
    Asian usage. Each is a word or a phrase, matched as names are (case, accents, hyphens)."""

    articles: list[Text] = []  # left out anywhere in a name when more of it follows ("al-")
    titles: list[Text] = []  # left out at the start of a name when more follows ("Governor")


# The analytic checks of `briefcli lint` (brief/lint.py, docs/lint.md), by the names it prints.
LintCheck = Literal[
    "confidence-above-evidence",
    "judgment-above-evidence",
    "grade-differs-from-siblings",
    "single-origin-corroborated",
    "inference-phrased-as-fact",
    "date-window-narrower-than-phrases",
    "names-look-alike",
]


class GradingRule(Base, frozen=True):
    """How the brief grades every claim of one source: `lint` warns at a claim of that source
    graded otherwise (grade-differs-from-siblings)."""

    source: Id
    credibility: Credibility
    reason: Text


class LintAcceptance(Base, frozen=True):
    """A warning of `briefcli lint` the analyst has weighed and accepts: the check, the record
    it is about, and why."""

    check: LintCheck
    record: Id
    reason: Text


class Meta(Base, frozen=True):
    title: Text
    as_of: EdtfDate
    handling: Text = "UNCLASSIFIED"
    authors: list[Text] = []
    summary: str | None = None
    bottom_line: str | None = None
    key_judgments: list[Judgment] = []
    gaps: list[Text] = []
    names: NameRules | None = None  # how this brief's names are written
    grading: list[GradingRule] = []  # one grade for every claim of a source
    lint_accept: list[LintAcceptance] = []  # warnings of `briefcli lint` weighed and accepted


class Source(Base, frozen=True):
    id: Id
    name: Text
    kind: SourceKind
    reliability: Reliability
    named: bool = True
    # The source(s) this one reached the brief through: one id, or a list when it came by
    # several routes (relayed by more than one outlet). Relay is a relation between sources.
    via: Id | list[Id] | None = None
    actor: Id | None = None  # the actor this source is, when it is one
    published: FuzzyDate | None = None
    language: str | None = None
    url: str | None = None
    text: str | None = None  # path of the stored text, relative to the brief file
    description: str | None = None

    @property
    def via_ids(self) -> tuple[str, ...]:
        """The ids in `via`, one or a list alike, in order, each once."""
        if self.via is None:
            return ()
        if isinstance(self.via, str):
            return (self.via,)
        return tuple(dict.fromkeys(self.via))


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
    within: Id | None = None  # the place this one lies in (a city in a province)
    aliases: list[Alias] = []
    latitude: float | None = None
    longitude: float | None = None


class Relation(Base, frozen=True):
    id: Id
    subject: Id
    type: Word  # a RelationType, or one declared under vocabulary.relations
    object: Id
    confidence: Confidence = "moderate"
    since: EdtfDate | None = None
    until: EdtfDate | None = None
    claims: list[Id] = []
    inferred: bool = False
    description: str | None = None


class Participant(Base, frozen=True):
    actor: Id
    role: Word = "attendee"  # a ParticipantRole, or one declared under vocabulary.participants
    note: str | None = None


class Event(Base, frozen=True):
    id: Id
    kind: Word  # an EventKind, or one declared under vocabulary.events
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


class DeclaredRelation(Base, frozen=True):
    """A relation type of the brief's own, and what it means to the queries."""

    type: Word
    # `class` is a Python keyword: the field is written `class:` in YAML.
    meaning: RelationClass = msgspec.field(name="class")
    label: str | None = None  # how to read it, e.g. "gives outside support to"
    mutual: bool = False  # holds both ways, like allied_with


class DeclaredWord(Base, frozen=True):
    """An event kind or participant role of the brief's own."""

    name: Word
    label: str | None = None


class Vocabulary(Base, frozen=True):
    """Words a brief adds to the core vocabulary."""

    relations: list[DeclaredRelation] = []
    events: list[DeclaredWord] = []
    participants: list[DeclaredWord] = []


class Brief(Base, frozen=True):
    meta: Meta
    format: str = FORMAT_VERSION
    vocabulary: Vocabulary = Vocabulary()
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
