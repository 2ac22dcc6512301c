"""Write a synthetic but realistic brief that validates, at any size, for benchmarks and tests.

    python bench/generate.py --events 100000 --out bench/out/brief-100000.yaml [--seed 7]

For N events the brief has about N/10 actors (persons, organisations, states, blocs) with
spelling and transliteration aliases that share surname parts, N relations (cycles and mutual
ones included), N events with exact, approximate, range, relative ("last Thursday") and unknown
dates (some with a time of day, one in ten linked to an earlier one by `after` or `before`), 2N
claims whose excerpts really occur in stored source texts (one text per 500 claims,
written under `sources/<brief name>/` next to the brief), source chains through `via`, notes
and key judgments. The same seed gives the same bytes.

The YAML is streamed out with plain string writes; every string is a JSON-style double-quoted
scalar, which is valid YAML. A small `<brief name>.hints.json` next to the brief names actors
and words that the benchmark can look up (a uniquely named person, two connected actors, a
search word).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CLAIMS_PER_TEXT = 500
Write = Callable[[str], object]  # a text stream's bound `write`
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
AS_OF = "2025-01-15"

# ---------------------------------------------------------------- quoting

# JSON leaves these raw, but YAML would fold or refuse them inside a double-quoted scalar.
_YAML_UNSAFE = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF)}


def q(text: str) -> str:
    """A JSON double-quoted string, which is also a valid YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False).translate(_YAML_UNSAFE)


# Numbered ids have a fixed width: a real brief's ids (slugs, dates) do not get longer as it
# grows, and with them a brief of 10x the events is 10x the bytes, as the growth targets assume.
ID_DIGITS = 7


def numbered(prefix: str, number: int) -> str:
    return f"{prefix}-{number:0{ID_DIGITS}d}"


def q_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(q(item) for item in items) + "]"


# ---------------------------------------------------------------- name material

# Given names with the transliterations sources actually use for them.
GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    "Muqtada": ("Moqtada", "Muktada"),
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad"),
    "Hussein": ("Husayn", "Hussain", "Hosein"),
    "Ali": ("Aly",),
    "Hassan": ("Hasan",),
    "Hadi": ("Hady",),
    "Qais": ("Qays", "Kais"),
    "Abdul Aziz": ("Abd al-Aziz", "Abdelaziz"),
    "Falih": ("Faleh", "Falah"),
    "Nouri": ("Nuri", "Noori"),
    "Haider": ("Haidar", "Hayder"),
    "Akram": ("Akrem",),
    "Ammar": ("Amar",),
    "Jafar": ("Ja'far", "Jaafar"),
    "Kadhim": ("Kazem", "Kazim", "Kathim"),
    "Yousef": ("Yusuf", "Youssef", "Yosef"),
    "Ibrahim": ("Ebrahim", "Ibraheem"),
    "Qassem": ("Qasim", "Ghasem", "Kassem"),
    "Esmail": ("Ismail", "Isma'il"),
    "Abu Fadak": ("Abu Fadhak",),
    "Shibl": ("Shebl",),
    "Layth": ("Laith", "Leith"),
    "Omar": ("Umar",),
    "Khalid": ("Khaled", "Halid"),
    "Mahmoud": ("Mahmud", "Mahmood"),
    "Suad": ("Souad", "Su'ad"),
    "Zainab": ("Zaynab", "Zeinab"),
    "Fatima": ("Fatimah", "Fatema"),
    "Maryam": ("Mariam", "Maryem"),
    "Rasha": ("Rasha'",),
    "Grace": (),
    "Liam": (),
    "Maria": ("María",),
    "José": ("Jose",),
    "Siobhán": ("Siobhan",),
    "Emeka": (),
    "Anneliese": ("Annelise",),
    "Dmitri": ("Dmitry", "Dimitri"),
    "Reza": ("Rida", "Ridha"),
    "Mehdi": ("Mahdi",),
}
GIVEN = list(GIVEN_NAMES)
ONSETS = ["K", "Kh", "Z", "H", "M", "S", "Sh", "R", "D", "J", "F", "B", "N", "T", "Q", "Gh", "L"]
VOWELS = ["a", "i", "u", "o", "aa"]
MIDDLES = ["z", "l", "r", "d", "b", "m", "n", "s", "h", "j", "t", "q", "dh", "kh", "'"]
ENDINGS = ["i", "awi", "ani", "iri", "ali", "uri", "aji", "ubi", "is", "ar", "un"]
ORG_PREFIXES: dict[str, str] = {
    "Kata'ib": "Brigades",
    "Saraya": "Companies",
    "Harakat": "Movement",
    "Asa'ib": "League",
    "Liwa": "Brigade",
    "Jaish": "Army",
    "Hizb": "Party",
    "Tayyar": "Current",
    "Quwat": "Forces",
    "Munazzamat": "Organisation",
}
ORG_NATIVE: dict[str, str] = {
    "Kata'ib": "كتائب",
    "Saraya": "سرايا",
    "Harakat": "حركة",
    "Jaish": "جيش",
    "Hizb": "حزب",
}
ORG_WORDS = [
    "Sayyid al-Shuhada",
    "al-Imam Ali",
    "al-Khorasani",
    "Ahl al-Haq",
    "al-Nujaba",
    "al-Salam",
    "al-Jihad",
    "al-Wa'd al-Sadiq",
    "al-Abbas",
    "Ansar al-Marjaiya",
    "al-Hussein",
    "al-Tufuf",
    "Jund al-Imam",
    "al-Muqawama",
    "al-Watan",
]
ENGLISH_ORGS = [
    "Popular Mobilisation",
    "National Reform",
    "Harbour Workers",
    "Dock Workers",
    "Southern Tribes",
    "Reconstruction",
    "Martyrs",
    "Border Guards",
    "Oil Workers",
    "Free Press",
    "National Wisdom",
    "Victory",
    "Rule of Law",
    "Civil Defence",
]
ORG_TYPES = [
    "Union",
    "Movement",
    "Front",
    "Coalition",
    "Party",
    "Brigades",
    "Council",
    "Federation",
    "Forces",
    "Commission",
    "Authority",
    "Media Office",
]
ORG_SUBTYPES = ["militia", "party", "movement", "media", "trade union", "agency", "company"]
BLOC_PATTERNS = [
    "{} Coordination Framework",
    "Axis of {}",
    "{} Alliance",
    "{} Bloc",
    "{} Front",
    "Alliance for {}",
]
BLOC_WORDS = [
    "Resistance",
    "Reform",
    "Sovereignty",
    "Progress",
    "Victory",
    "Unity",
    "Conquest",
    "Construction",
    "Renewal",
    "Dignity",
]
PERSON_TITLES = [
    "Secretary-General",
    "Commander",
    "Spokesman",
    "Deputy Leader",
    "Political Bureau Chief",
    "Chief of Staff",
    "Head of Security",
    "Minister",
    "Member of Parliament",
    "Adviser",
    "Labour Correspondent",
    "Envoy",
]
NICKNAMES = [
    "the Engineer",
    "the Sheikh",
    "the Doctor",
    "the Professor",
    "the Hajji",
    "the Colonel",
]
PLACE_KINDS = ["city", "city", "city", "port", "building", "base", "district", "airport"]
PLACE_SUFFIXES = ["a", "ah", "iya", "an", "ur", "ar", "ik", "ul", "in"]
STATE_SUFFIXES = ["ia", "istan", "and", "ar", "ona", "enia"]

EVENT_KINDS = [
    "meeting",
    "meeting",
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
ROLES_BY_KIND: dict[str, tuple[str, str]] = {
    "meeting": ("convener", "attendee"),
    "strike": ("perpetrator", "target"),
    "killing": ("perpetrator", "target"),
    "trip": ("traveller", "host"),
    "speech": ("speaker", "subject"),
    "agreement": ("party", "party"),
    "visit": ("attendee", "host"),
    "statement": ("author", "subject"),
    "tasking": ("requester", "recipient"),
    "publication": ("author", "subject"),
    "protest": ("convener", "target"),
    "other": ("party", "attendee"),
}
TITLE_VERBS: dict[str, str] = {
    "meeting": "meets",
    "strike": "strikes",
    "killing": "kills",
    "trip": "travels to meet",
    "speech": "speaks about",
    "agreement": "signs an agreement with",
    "visit": "visits",
    "statement": "issues a statement on",
    "tasking": "tasks",
    "publication": "publishes on",
    "protest": "protests against",
    "other": "deals with",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SPEAKERS = [
    "a security source said",
    "according to two officials",
    "a spokesman told reporters",
    "the report said",
    "sources close to the group said",
    "a ministry statement said",
    "local residents said",
    "an official who asked not to be named said",
]
FILLER = [
    "The situation remained tense, and no group claimed responsibility.",
    "Officials declined to comment on the reports.",
    "The ministry did not respond to a request for comment.",
    "Traffic was diverted for several hours as security forces sealed off the area.",
    "Analysts said the move reflected a wider struggle for influence.",
    "Neither side published a full account of the talks.",
    "The claims could not be independently verified.",
    "Local media carried conflicting accounts of what happened.",
]
RELATION_TYPES_SIDEWAYS = ["linked_to", "affiliated_with", "aligned_with", "rival_of"]
SOURCE_KINDS_DERIVED = ["journalist", "anonymous", "analyst", "official", "social-media"]
RELIABILITIES = ["A", "B", "B", "C", "C", "C", "D", "E", "F"]
CREDIBILITIES = [1, 2, 2, 2, 3, 3, 3, 4, 5, 6]
CONFIDENCES = ["low", "moderate", "moderate", "high"]
LIKELIHOODS = ["unlikely", "roughly even chance", "likely", "very likely", "almost certain"]


# ---------------------------------------------------------------- records in memory


@dataclass
class ActorRec:
    id: str
    name: str
    kind: str
    faction: int
    type: str | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, form)
    roles: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    status: str = "active"
    status_date: str | None = None
    status_event: int | None = None
    country: int | None = None
    description: str | None = None
    family: str = ""  # persons: surname, for hints and search


@dataclass
class PlaceRec:
    id: str
    name: str
    kind: str
    country: int | None
    aliases: list[str]


@dataclass
class EventRec:
    kind: str
    day: dt.date | None
    # (value, phrase, method, confidence, reasoning), or None for an undated event
    date: tuple[str, str | None, str, str, str | None] | None
    place: int | None
    participants: list[tuple[int, str]]
    after: int | None
    two_claims: bool
    # When it "really" happened (also for an undated event): the day within its dates and a
    # minute of that day. Links follow it, so they never contradict the dates or loop.
    moment: tuple[dt.date, int] = (FIRST_DAY, 0)
    time: str | None = None  # HH:MM, for some events with a stated day
    before: int | None = None


@dataclass
class Hints:
    actor: str = ""
    actor_candidates: list[str] = field(default_factory=list)
    trace: tuple[str, str] = ("", "")
    trace_distance: int = 0
    search: str = ""
    claim: str = ""  # a claim id, half-way through the claims
    counts: dict[str, int] = field(default_factory=dict)


def _slug(text: str) -> str:
    out = []
    for char in text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "x"


class Ids:
    """Unique ids (slugs, numbered on collision)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, name: str) -> str:
        base = f"{prefix}{_slug(name)}"[:60].rstrip("-")
        candidate, number = base, 2
        while candidate in self.used:
            candidate = f"{base}-{number}"
            number += 1
        self.used.add(candidate)
        return candidate


def _variant(rng: random.Random, name: str) -> str:
    """Another plausible romanisation of a name."""
    rules = [
        ("u", "o"),
        ("o", "u"),
        ("i", "ee"),
        ("q", "k"),
        ("Q", "K"),
        ("kh", "h"),
        ("Kh", "H"),
        ("aa", "a"),
        ("a", "aa"),
        ("dh", "z"),
        ("'", ""),
        ("z", "zz"),
        ("l", "ll"),
    ]
    rng.shuffle(rules)
    for old, new in rules:
        if old in name:
            position = name.index(old)
            changed = name[:position] + new + name[position + len(old) :]
            if changed != name:
                return changed
    return name + "h"


# ---------------------------------------------------------------- the generator


class Generator:
    def __init__(self, events: int, seed: int) -> None:
        self.n = max(events, 10)
        self.rng = random.Random(seed)
        self.ids = Ids()
        self.actors: list[ActorRec] = []
        self.places: list[PlaceRec] = []
        self.relations: list[tuple[int, str, int, str]] = []  # subject, type, object, confidence
        self.events: list[EventRec] = []
        self.latent_day = FIRST_DAY  # the day event_date drew last, even for an undated event
        self.persons: list[int] = []
        self.orgs: list[int] = []
        self.states: list[int] = []
        self.blocs: list[int] = []
        self.by_faction: list[list[int]] = []

    # ------------------------------------------------------------ actors

    def make_actors(self) -> None:
        rng = self.rng
        total = max(self.n // 10, 16)
        n_blocs = max(2, total // 500)
        n_states = max(3, total // 200)
        n_orgs = max(4, (total * 3) // 10)
        n_persons = total - n_blocs - n_states - n_orgs
        self.by_faction = [[] for _ in range(n_blocs)]
        used_names: set[str] = set()

        def unique(name: str, alternative: Callable[[str], str]) -> str:
            """The name, else an alternative, else the name numbered: never a duplicate."""
            tries, base, number = 0, name, 2
            while name in used_names:
                tries += 1
                if tries <= 20:
                    name = alternative(base)
                else:
                    name, number = f"{base} {number}", number + 1
            used_names.add(name)
            return name

        words = BLOC_WORDS[:]
        for position in range(n_blocs):
            word = words[position % len(words)]
            name = rng.choice(BLOC_PATTERNS).format(word)
            name = unique(name, str)
            aliases: list[tuple[str, str]] = [
                ("".join(w[0] for w in name.split() if w[0].isupper()), "short")
            ]
            self.add(ActorRec(self.ids.make("", name), name, "bloc", position, None, aliases))
            self.blocs.append(len(self.actors) - 1)

        state_roots: list[str] = []
        for position in range(n_states):
            root = rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(MIDDLES).strip("'")
            root = root + rng.choice(VOWELS) + rng.choice(["r", "n", "l", "d"])
            name = unique(root.capitalize() + rng.choice(STATE_SUFFIXES), str)
            state_roots.append(name)
            aliases = [(f"Republic of {name}", "title"), (_variant(rng, name), "spelling")]
            faction = position % n_blocs
            record = ActorRec(self.ids.make("", name), name, "state", faction, None, aliases)
            record.description = f"A state; its government backs the {self.bloc_name(faction)}."
            self.add(record)
            self.states.append(len(self.actors) - 1)

        for _ in range(n_orgs):
            style = rng.random()
            aliases = []
            if style < 0.55:
                prefix = rng.choice(list(ORG_PREFIXES))
                rest = rng.choice(ORG_WORDS)
                base = f"{prefix} {rest}"
                name = unique(base, lambda b: f"{b} {rng.choice(ORG_WORDS)}")
                aliases.append((f"{ORG_PREFIXES[prefix]} of {rest}", "literal-translation"))
                if prefix in ORG_NATIVE and rng.random() < 0.3:
                    aliases.append((f"{ORG_NATIVE[prefix]} {rest}", "native"))
                aliases.append((_variant(rng, name), "transliteration"))
            else:
                base = f"{rng.choice(ENGLISH_ORGS)} {rng.choice(ORG_TYPES)}"
                name = unique(base, lambda b: f"{b} of {rng.choice(state_roots)}")
            initials = "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())
            if len(initials) >= 2:
                aliases.append((initials, "short"))
            faction = rng.randrange(n_blocs)
            record = ActorRec(
                self.ids.make("", name),
                name,
                "organisation",
                faction,
                rng.choice(ORG_SUBTYPES),
                aliases,
            )
            record.country = self.states[rng.randrange(len(self.states))]
            if rng.random() < 0.4:
                record.description = (
                    f"An organisation in the {self.bloc_name(faction)}; "
                    f"founded in {rng.randint(1982, 2020)}."
                )
            self.add(record)
            self.orgs.append(len(self.actors) - 1)

        def middle_name(base: str) -> str:
            head, _, family = base.rpartition(" ")
            return f"{head} {rng.choice(GIVEN).split()[0]} {family}"

        families: list[str] = []
        family_set: set[str] = set()
        while len(families) < max(8, n_persons // 3):
            family = (
                rng.choice(ONSETS)
                + rng.choice(VOWELS)
                + rng.choice(MIDDLES)
                + rng.choice(VOWELS[:4])
                + rng.choice(MIDDLES[:10])
                + rng.choice(ENDINGS)
            ).replace("''", "'")
            if family not in family_set:
                family_set.add(family)
                families.append(family)
        for _ in range(n_persons):
            given = rng.choice(GIVEN)
            family = rng.choice(families)
            article = "al-" if rng.random() < 0.4 else ""
            base = f"{given} {article}{family}"

            name = unique(base, middle_name)
            aliases = []
            variants = GIVEN_NAMES[given]
            if variants:
                alt_given = rng.choice(variants)
                alt_family = _variant(rng, family) if rng.random() < 0.7 else family
                aliases.append((f"{alt_given} {alt_family}", "transliteration"))
            if rng.random() < 0.5:
                other_article = "" if article else "al-"
                aliases.append((f"{given} {other_article}{family}", "spelling"))
            if rng.random() < 0.3:
                aliases.append((f"Abu {rng.choice(GIVEN).split()[0]}", "nickname"))
            if rng.random() < 0.05:
                aliases.append((rng.choice(NICKNAMES), "literal-translation"))
            if rng.random() < 0.2:
                aliases.append((f"{article}{family}", "short"))
            faction = rng.randrange(n_blocs)
            record = ActorRec(self.ids.make("", name), name, "person", faction, None, aliases)
            record.family = family
            self.add(record)
            self.persons.append(len(self.actors) - 1)

        # Roles: most persons hold one or two, in an organisation of their faction.
        for person in self.persons:
            record = self.actors[person]
            for _ in range(rng.choice((0, 1, 1, 1, 2))):
                where = self.pick(record.faction, self.orgs, 0.85)
                since = self.random_day().isoformat()[: rng.choice((4, 7, 10))]
                record.roles.append((rng.choice(PERSON_TITLES), where, since))

    def bloc_name(self, faction: int) -> str:
        return self.actors[self.blocs[faction]].name

    def add(self, record: ActorRec) -> None:
        self.actors.append(record)
        if record.kind != "bloc":
            self.by_faction[record.faction].append(len(self.actors) - 1)

    def pick(self, faction: int, pool: list[int], loyalty: float) -> int:
        """An actor of the pool, usually from the same faction."""
        rng = self.rng
        if rng.random() < loyalty:
            members = self.by_faction[faction]
            for _ in range(6):
                candidate = members[rng.randrange(len(members))]
                if self.actors[candidate].kind == self.actors[pool[0]].kind:
                    return candidate
        return pool[rng.randrange(len(pool))]

    def random_day(self) -> dt.date:
        span = (LAST_DAY - FIRST_DAY).days
        return FIRST_DAY + dt.timedelta(days=self.rng.randrange(span))

    # ------------------------------------------------------------ places

    def make_places(self) -> None:
        rng = self.rng
        seen: set[str] = set()
        for _ in range(max(10, self.n // 50)):
            name = (
                rng.choice(ONSETS)
                + rng.choice(VOWELS)
                + rng.choice(MIDDLES).strip("'")
                + rng.choice(PLACE_SUFFIXES)
            ).capitalize()
            while name in seen:
                name = f"{name} {rng.choice(['al-Jadida', 'North', 'South', 'Old Town'])}"
            seen.add(name)
            kind = rng.choice(PLACE_KINDS)
            if kind in ("building", "base", "airport", "port"):
                label = {"building": "Hall", "base": "Air Base", "airport": "Airport"}
                name_full = f"{name} {label.get(kind, 'Port')}"
                seen.add(name_full)
                name = name_full
            aliases = [_variant(rng, name)] if rng.random() < 0.5 else []
            country = self.states[rng.randrange(len(self.states))]
            self.places.append(PlaceRec(self.ids.make("pl-", name), name, kind, country, aliases))

    # ------------------------------------------------------------ relations

    def make_relations(self) -> None:
        rng = self.rng
        seen: set[tuple[int, str, int]] = set()
        target = self.n

        def add(subject: int, kind: str, obj: int, confidence: str | None = None) -> None:
            if subject == obj or (subject, kind, obj) in seen or len(self.relations) >= target:
                return
            seen.add((subject, kind, obj))
            self.relations.append((subject, kind, obj, confidence or rng.choice(CONFIDENCES)))

        # Structure: organisations in blocs, backed by states; leaders; members; aides.
        for org in self.orgs:
            record = self.actors[org]
            add(org, "member_of" if rng.random() < 0.7 else "part_of", self.blocs[record.faction])
            if rng.random() < 0.6:
                add(org, "backed_by", self.pick(record.faction, self.states, 0.8))
        for org in self.orgs:
            leader = self.pick(self.actors[org].faction, self.persons, 0.9)
            add(leader, "leads", org, "high")
        for person in self.persons:
            record = self.actors[person]
            for _, where, _ in record.roles:
                if where is not None:
                    add(person, "member_of" if rng.random() < 0.8 else "employed_by", where)
            if rng.random() < 0.25:
                add(person, "aide_to", self.pick(record.faction, self.persons, 0.9))
            if rng.random() < 0.1:
                add(person, "nominated_to_lead", self.pick(record.faction, self.orgs, 0.9))
        for state in self.states:
            add(state, "member_of", self.blocs[self.actors[state].faction], "high")
        for a in self.states:
            for b in self.states:
                if a < b and rng.random() < 0.3:
                    kind = rng.choice(("allied_with", "hostile_to", "strained_relations_with"))
                    add(a, kind, b)
        # Cycles of patronage (A backed_by B backed_by C backed_by A), as sources report them.
        for _ in range(max(1, len(self.orgs) // 50)):
            ring = [self.orgs[rng.randrange(len(self.orgs))] for _ in range(3)]
            if len(set(ring)) == 3:
                for position in range(3):
                    add(ring[position], "backed_by", ring[(position + 1) % 3], "low")
        # Mutual pairs stated both ways.
        for _ in range(max(1, len(self.orgs) // 20)):
            a = self.orgs[rng.randrange(len(self.orgs))]
            b = self.pick(self.actors[a].faction, self.orgs, 0.7)
            add(a, "aligned_with", b)
            add(b, "aligned_with", a)
        # Everything else: ties, rivalries, taskings and brokering, mostly inside a faction.
        pool = self.persons + self.orgs
        attempts = 0
        while len(self.relations) < target and attempts < 20 * target:
            attempts += 1
            subject = pool[rng.randrange(len(pool))]
            faction = self.actors[subject].faction
            roll = rng.random()
            if roll < 0.35:
                obj = self.pick(faction, self.orgs, 0.75)
                kind = rng.choice(("linked_to", "affiliated_with", "loyal_to", "member_of"))
                if kind == "member_of" and self.actors[subject].kind == "organisation":
                    # Organisations join organisations of their own faction, lower ones joining
                    # higher ones (a hierarchy, as briefs describe them), never in a loop.
                    if self.actors[obj].faction != faction:
                        kind = "linked_to"
                    elif obj > subject:
                        subject, obj = obj, subject
            elif roll < 0.55:
                obj = self.pick(faction, self.persons, 0.75)
                kind = rng.choice(
                    ("linked_to", "strained_relations_with", "loyal_to", "aligned_with")
                )
            elif roll < 0.75:
                obj = self.pick(rng.randrange(len(self.blocs)), self.orgs, 0.9)
                kind = rng.choice(("rival_of", "hostile_to", "strained_relations_with"))
            elif roll < 0.9:
                obj = self.pick(faction, self.orgs, 0.6)
                kind = rng.choice(("tasked", "brokered", "backed_by", "aligned_with"))
            else:
                obj = self.pick(faction, self.states, 0.8)
                kind = rng.choice(("backed_by", "linked_to", "hostile_to"))
            add(subject, kind, obj)

    # ------------------------------------------------------------ events

    def event_date(
        self,
    ) -> tuple[dt.date | None, tuple[str, str | None, str, str, str | None] | None]:
        rng = self.rng
        day = self.latent_day = self.random_day()
        roll = rng.random()
        iso = day.isoformat()
        if roll < 0.40:
            phrase = f"on {day.day} {MONTHS[day.month - 1]}" if rng.random() < 0.4 else None
            return day, (iso, phrase, "stated", "high", None)
        if roll < 0.55:
            if rng.random() < 0.5:
                phrase = f"in {MONTHS[day.month - 1]} {day.year}"
                return day, (iso[:7], phrase, "approximate", "moderate", None)
            return day, (
                iso + "~",
                f"around {day.day} {MONTHS[day.month - 1]}",
                "approximate",
                "moderate",
                None,
            )
        if roll < 0.68:
            end = day + dt.timedelta(days=rng.randint(2, 20))
            reasoning = "Between the two reports that mention it; the exact day is not given."
            return day, (f"{iso}/{end.isoformat()}", None, "inferred", "moderate", reasoning)
        if roll < 0.93:
            offset = rng.randint(1, 7)
            report = day + dt.timedelta(days=offset)
            weekday = WEEKDAYS[day.weekday()]
            if offset == 1:
                phrase = "yesterday"
            elif offset == 2:
                phrase = "two days ago"
            elif rng.random() < 0.7:
                phrase = f"last {weekday}"
            else:
                phrase = f"on {weekday}"
            reasoning = (
                f"The report is dated {WEEKDAYS[report.weekday()]} {report.isoformat()}; "
                f"{phrase!r} read as {weekday} {iso}."
            )
            uncertain = phrase.startswith("on ") and rng.random() < 0.5
            value = iso + ("?" if uncertain else "")
            confidence = "moderate" if uncertain else "high"
            return day, (value, phrase, "inferred", confidence, reasoning)
        if roll < 0.97:
            return None, None
        return None, ("", "some time ago", "unknown", "low", None)

    def make_events(self) -> None:
        rng = self.rng
        for position in range(self.n):
            kind = EVENT_KINDS[rng.randrange(len(EVENT_KINDS))]
            first_role, other_role = ROLES_BY_KIND[kind]
            lead = (
                self.persons[rng.randrange(len(self.persons))]
                if rng.random() < 0.6
                else (self.orgs[rng.randrange(len(self.orgs))])
            )
            faction = self.actors[lead].faction
            participants = [(lead, first_role)]
            chosen = {lead}
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                other = self.pick(faction, self.persons if rng.random() < 0.5 else self.orgs, 0.8)
                if other not in chosen:
                    chosen.add(other)
                    participants.append((other, other_role))
            day, date = self.event_date()
            place = rng.randrange(len(self.places)) if rng.random() < 0.8 else None
            linked = rng.randrange(position) if position and rng.random() < 0.1 else None
            event = EventRec(kind, day, date, place, participants, None, rng.random() < 0.1)
            # No draw from rng below: the rest of the brief is as before times and `before`.
            minute = position * 37 % 1440
            event.moment = (self.latent_day, minute)
            if date is not None and date[2] == "stated" and position % 5 == 0:
                event.time = f"{minute // 60:02d}:{minute % 60:02d}"
            if linked is not None:
                # After the linked event if it came first, else before it.
                if self.events[linked].moment <= event.moment:
                    event.after = linked
                else:
                    event.before = linked
            self.events.append(event)
        # Some killings end a person's story.
        for position, event in enumerate(self.events):
            if event.kind == "killing" and event.day is not None and len(event.participants) > 1:
                target = self.actors[event.participants[1][0]]
                if target.kind == "person" and target.status == "active" and rng.random() < 0.5:
                    target.status = "killed"
                    target.status_date = event.day.isoformat()
                    target.status_event = position

    # ------------------------------------------------------------ hints

    def hints(self) -> Hints:
        """Names the benchmark can look up: a person, two actors 3 hops apart, a search word."""
        families: dict[str, int] = {}
        for person in self.persons:
            families[self.actors[person].family] = families.get(self.actors[person].family, 0) + 1
        candidates = [
            self.actors[p].name
            for p in self.persons
            if families[self.actors[p].family] == 1 and len(self.actors[p].name.split()) == 2
        ][:5] or [self.actors[self.persons[0]].name]
        chosen = next(a for a in self.actors if a.name == candidates[0])
        neighbours: list[list[int]] = [[] for _ in self.actors]
        for subject, _, obj, _ in self.relations:
            neighbours[subject].append(obj)
            neighbours[obj].append(subject)
        start = self.actors.index(chosen)
        distance = {start: 0}
        queue = deque([start])
        while queue:
            current = queue.popleft()
            if distance[current] >= 4:
                continue
            for other in neighbours[current]:
                if other not in distance:
                    distance[other] = distance[current] + 1
                    queue.append(other)
        farthest = max(distance.values())
        wanted = min(3, farthest)
        target = next(
            (
                node
                for node, hops in distance.items()
                if hops == wanted and self.actors[node].kind == "person"
            ),
            next(node for node, hops in distance.items() if hops == wanted),
        )
        return Hints(
            actor=candidates[0],
            actor_candidates=candidates,
            trace=(chosen.id, self.actors[target].id),
            trace_distance=wanted,
            search=chosen.family,
        )

    # ------------------------------------------------------------ writing

    def write(self, out: Path) -> Hints:
        rng = self.rng
        n_claims = 2 * self.n
        n_texts = -(-n_claims // CLAIMS_PER_TEXT)
        folder_name = f"sources/{out.stem}"
        text_folder = out.parent / folder_name
        text_folder.mkdir(parents=True, exist_ok=True)
        for old in text_folder.glob("doc-*.txt"):
            old.unlink()
        # Per text: the source holding it and the sources that reached the brief through it.
        groups: list[list[str]] = []
        with out.open("w", encoding="utf-8", newline="\n") as stream:
            w = stream.write
            w(f"# Synthetic brief: {self.n} events, generated by bench/generate.py.\n")
            w('format: "briefcli/1"\n\nmeta:\n')
            w(f"  title: {q(f'Synthetic brief of {self.n} events')}\n")
            w(f'  as_of: {q(AS_OF)}\n  handling: "UNCLASSIFIED // EXERCISE"\n')
            w('  authors: ["Benchmark desk"]\n')
            w(f"  summary: {q('Generated data for benchmarks: names and events are invented.')}\n")
            w("  key_judgments:\n")
            for position in range(min(5, self.n)):
                w(f'    - id: "kj-{position}"\n')
                w(f"      text: {q(f'Judgment {position} about the synthetic conflict.')}\n")
                w(f"      likelihood: {q(rng.choice(LIKELIHOODS))}\n")
                w(f"      confidence: {q(rng.choice(CONFIDENCES))}\n")
                judged = [numbered("c", position * 2), numbered("c", position * 2 + 1)]
                w(f"      claims: {q_list(judged)}\n")
            w('  gaps:\n    - "Who funds the smaller factions."\n')
            w("\nsources:\n")
            self.write_sources(w, n_texts, folder_name, groups)
            w("\nactors:\n")
            for actor in self.actors:
                self.write_actor(w, actor)
            w("\nplaces:\n")
            for place in self.places:
                w(f"  - id: {q(place.id)}\n    name: {q(place.name)}\n    kind: {q(place.kind)}\n")
                if place.country is not None:
                    w(f"    country: {q(self.actors[place.country].id)}\n")
                if place.aliases:
                    w("    aliases:\n")
                    for alias in place.aliases:
                        w(f"      - name: {q(alias)}\n")
            w("\nrelations:\n")
            for position, (subject, kind, obj, confidence) in enumerate(self.relations):
                w(f"  - id: {q(numbered('r', position))}\n")
                w(f"    subject: {q(self.actors[subject].id)}\n")
                w(f"    type: {q(kind)}\n    object: {q(self.actors[obj].id)}\n")
                w(f"    confidence: {q(confidence)}\n")
                if position % 7 == 0:
                    w(f"    since: {q(self.random_day().isoformat()[:7])}\n")
                if position % 13 == 0:
                    w("    inferred: true\n")
                w(f"    claims: {q_list([numbered('c', 2 * position + 1)])}\n")
            w("\nevents:\n")
            for position, event in enumerate(self.events):
                self.write_event(w, position, event)
            w("\nclaims:\n")
            self.write_claims(w, n_claims, groups, text_folder)
            w("\nnotes:\n")
            self.write_notes(w)
        hints = self.hints()
        hints.claim = numbered("c", n_claims // 2)
        hints.counts = {
            "actors": len(self.actors),
            "relations": len(self.relations),
            "events": len(self.events),
            "claims": n_claims,
            "sources": sum(len(group) for group in groups) + n_texts // 5,
            "texts": n_texts,
            "places": len(self.places),
        }
        return hints

    def write_sources(self, w: Write, n_texts: int, folder: str, groups: list[list[str]]) -> None:
        rng = self.rng
        for text in range(n_texts):
            published = self.random_day()
            group: list[str] = []
            if text % 5 == 4:
                # A translation holds the text; the foreign outlet it translates has none.
                original = numbered("src-outlet", text)
                w(f"  - id: {q(original)}\n    name: {q(f'Al-Bayan Daily {text}')}\n")
                w(f'    kind: "outlet"\n    reliability: {q(rng.choice(RELIABILITIES))}\n')
                w('    language: "ar"\n')
                holder = numbered("src-doc", text)
                w(f"  - id: {q(holder)}\n    name: {q(f'Translation of report {text}')}\n")
                w(f'    kind: "translation"\n    reliability: "C"\n    via: {q(original)}\n')
            else:
                holder = numbered("src-doc", text)
                w(f"  - id: {q(holder)}\n    name: {q(f'The Courier, report {text}')}\n")
                w(f'    kind: "outlet"\n    reliability: {q(rng.choice(RELIABILITIES))}\n')
            w(f"    published:\n      value: {q(published.isoformat())}\n")
            w(f"    text: {q(f'{folder}/doc-{text:05d}.txt')}\n")
            group.append(holder)
            previous = holder
            for depth in range(rng.choice((1, 2, 2, 3))):
                kind = SOURCE_KINDS_DERIVED[(text + depth) % len(SOURCE_KINDS_DERIVED)]
                source_id = f"{numbered(f'src-{kind}', text)}-{depth}"
                w(f"  - id: {q(source_id)}\n    name: {q(f'{kind.capitalize()} {text}.{depth}')}\n")
                w(f"    kind: {q(kind)}\n    reliability: {q(rng.choice(RELIABILITIES))}\n")
                if kind == "anonymous":
                    w("    named: false\n")
                w(f"    via: {q(previous)}\n")
                group.append(source_id)
                previous = source_id
            groups.append(group)

    def write_actor(self, w: Write, actor: ActorRec) -> None:
        w(f"  - id: {q(actor.id)}\n    name: {q(actor.name)}\n    kind: {q(actor.kind)}\n")
        if actor.type:
            w(f"    type: {q(actor.type)}\n")
        if actor.aliases:
            w("    aliases:\n")
            for name, form in actor.aliases:
                w(f"      - name: {q(name)}\n        form: {q(form)}\n")
        if actor.roles:
            w("    roles:\n")
            for title, where, since in actor.roles:
                w(f"      - title: {q(title)}\n")
                if where is not None:
                    w(f"        of: {q(self.actors[where].id)}\n")
                if since:
                    w(f"        since: {q(since)}\n")
        if actor.status != "active":
            w(f"    status: {q(actor.status)}\n")
        if actor.status_date:
            w(f"    status_date: {q(actor.status_date)}\n")
        if actor.status_event is not None:
            w(f"    status_event: {q(numbered('e', actor.status_event))}\n")
        if actor.country is not None:
            w(f"    country: {q(self.actors[actor.country].id)}\n")
        if actor.description:
            w(f"    description: {q(actor.description)}\n")

    def event_title(self, event: EventRec) -> str:
        lead = self.actors[event.participants[0][0]].name
        verb = TITLE_VERBS[event.kind]
        other = (
            self.actors[event.participants[1][0]].name
            if len(event.participants) > 1
            else "the situation"
        )
        where = f" in {self.places[event.place].name}" if event.place is not None else ""
        return f"{lead} {verb} {other}{where}"

    def write_event(self, w: Write, position: int, event: EventRec) -> None:
        w(f"  - id: {q(numbered('e', position))}\n    kind: {q(event.kind)}\n")
        w(f"    title: {q(self.event_title(event))}\n")
        if event.date is not None:
            value, phrase, method, confidence, reasoning = event.date
            w("    date:\n")
            if value:
                w(f"      value: {q(value)}\n")
            if phrase:
                w(f"      phrase: {q(phrase)}\n")
            w(f"      method: {q(method)}\n      confidence: {q(confidence)}\n")
            if reasoning:
                w(f"      reasoning: {q(reasoning)}\n")
        if event.time is not None:
            w(f"    time: {q(event.time)}\n")
        if event.place is not None:
            w(f"    place: {q(self.places[event.place].id)}\n")
        w("    participants:\n")
        for actor, role in event.participants:
            w(f"      - actor: {q(self.actors[actor].id)}\n        role: {q(role)}\n")
        claims = [numbered("c", 2 * position)]
        if event.two_claims and 2 * position + 1 < 2 * self.n:
            claims.append(numbered("c", 2 * position + 1))
        w(f"    claims: {q_list(claims)}\n")
        if event.after is not None:
            w(f"    after: {q_list([numbered('e', event.after)])}\n")
        if event.before is not None:
            w(f"    before: {q_list([numbered('e', event.before)])}\n")

    def claim_sentence(self, claim: int) -> tuple[str, str, list[int], list[int], list[int]]:
        """(statement, sentence as the text has it, actors, events, relations) of one claim."""
        rng = self.rng
        if claim % 2 == 0:
            position = claim // 2
            event = self.events[position]
            actors = [actor for actor, _ in event.participants[:3]]
            title = self.event_title(event)
            lead = self.actors[actors[0]]
            shown = lead.aliases[0][0] if lead.aliases and rng.random() < 0.4 else lead.name
            when = event.date[1] if event.date and event.date[1] else "recently"
            where = f" in {self.places[event.place].name}" if event.place is not None else ""
            verb = TITLE_VERBS[event.kind]
            other = self.actors[actors[1]].name if len(actors) > 1 else "the situation"
            sentence = (
                f"{shown} {verb} {other}{where} {when}, {rng.choice(SPEAKERS)}, "
                f"calling it “a {rng.choice(('necessary', 'grave', 'historic', 'routine'))} step”."
            )
            return f"{title} ({when}).", sentence, actors, [position], []
        position = claim // 2
        if position < len(self.relations):
            subject, kind, obj, _ = self.relations[position]
            a, b = self.actors[subject].name, self.actors[obj].name
            words = kind.replace("_", " ")
            sentence = (
                f"{a}’s ties to {b} are well known: {rng.choice(SPEAKERS)} that the two "
                f"are “{words}” and have been for years."
            )
            return f"{a} {words} {b}.", sentence, [subject, obj], [], [position]
        number = rng.randrange(len(self.actors))
        name = self.actors[number].name
        sentence = f"{name} remained influential, {rng.choice(SPEAKERS)}."
        return f"{name} remains influential.", sentence, [number], [], []

    def write_claims(self, w: Write, n_claims: int, groups: list[list[str]], folder: Path) -> None:
        rng = self.rng
        paragraph: list[str] = []
        text_lines: list[str] = []
        for claim in range(n_claims):
            text_number = claim // CLAIMS_PER_TEXT
            statement, sentence, actors, events, relations = self.claim_sentence(claim)
            # The stored text wraps the sentence across a line and uses typographic quotes;
            # the excerpt is the same words on one line, sometimes with plain quotes, and
            # sometimes only the part after the attribution.
            middle = sentence.find(" ", len(sentence) // 2)
            paragraph.append(
                sentence[:middle] + "\n" + sentence[middle + 1 :] if middle > 0 else sentence
            )
            if rng.random() < 0.3:
                paragraph.append(FILLER[rng.randrange(len(FILLER))])
            if len(paragraph) >= rng.randint(3, 6):
                text_lines.append(" ".join(paragraph))
                paragraph = []
            excerpt = sentence
            if rng.random() < 0.5:
                excerpt = excerpt.replace("“", '"').replace("”", '"').replace("’", "'")
            if rng.random() < 0.3 and ", " in excerpt:
                excerpt = excerpt.split(", ", 1)[1]
            group = groups[text_number]
            source = group[rng.randrange(len(group))]
            w(f"  - id: {q(numbered('c', claim))}\n    statement: {q(statement)}\n")
            w(f"    source: {q(source)}\n")
            w(f"    credibility: {CREDIBILITIES[rng.randrange(len(CREDIBILITIES))]}\n")
            w(f"    excerpt: {q(excerpt)}\n")
            w(f"    actors: {q_list([self.actors[a].id for a in actors])}\n")
            if events:
                w(f"    events: {q_list([numbered('e', e) for e in events])}\n")
            if relations:
                w(f"    relations: {q_list([numbered('r', r) for r in relations])}\n")
            last_of_text = claim % CLAIMS_PER_TEXT == CLAIMS_PER_TEXT - 1 or claim == n_claims - 1
            if last_of_text:
                if paragraph:
                    text_lines.append(" ".join(paragraph))
                    paragraph = []
                header = f"REPORT {text_number}\n\n"
                body = "\n\n".join(text_lines) + "\n"
                (folder / f"doc-{text_number:05d}.txt").write_text(header + body, encoding="utf-8")
                text_lines = []

    def write_notes(self, w: Write) -> None:
        rng = self.rng
        for position in range(max(5, self.n // 20)):
            roll = position % 5
            if roll == 0:
                actor = self.actors[self.persons[rng.randrange(len(self.persons))]]
                kind, concerns = "spelling", [actor.id]
                text = f"Sources spell {actor.name} several ways; all are the same person."
            elif roll == 1:
                a, b = rng.randrange(2 * self.n), rng.randrange(2 * self.n)
                kind, concerns = "contradiction", [numbered("c", a), numbered("c", b)]
                text = "These two claims disagree on who attended."
            elif roll == 2:
                event = rng.randrange(self.n)
                kind, concerns = "inference", [numbered("e", event)]
                text = "The date is inferred from the report's own date and a weekday."
            elif roll == 3:
                relation = rng.randrange(len(self.relations))
                kind, concerns = "caveat", [numbered("r", relation)]
                text = "Rests on a single anonymous source."
            else:
                kind, concerns = "gap", [self.actors[rng.randrange(len(self.actors))].id]
                text = "Nothing is known of this actor's funding."
            w(f"  - id: {q(numbered('n', position))}\n    kind: {q(kind)}\n    text: {q(text)}\n")
            w(f"    concerns: {q_list(concerns)}\n")
            if roll != 4:
                w(f"    confidence: {q(rng.choice(CONFIDENCES))}\n")


def generate(events: int, out: Path, seed: int = 7) -> Hints:
    """Write the brief, its stored texts and its hints file; return the hints."""
    generator = Generator(events, seed)
    generator.make_actors()
    generator.make_places()
    generator.make_relations()
    generator.make_events()
    out.parent.mkdir(parents=True, exist_ok=True)
    hints = generator.write(out)
    hints_path = out.with_name(out.stem + ".hints.json")
    hints_path.write_text(
        json.dumps(
            {
                "actor": hints.actor,
                "actor_candidates": hints.actor_candidates,
                "trace": list(hints.trace),
                "trace_distance": hints.trace_distance,
                "search": hints.search,
                "claim": hints.claim,
                "counts": hints.counts,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return hints


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, required=True, help="number of events (N)")
    parser.add_argument("--out", type=Path, required=True, help="brief file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    hints = generate(args.events, args.out, args.seed)
    size = args.out.stat().st_size
    counts = ", ".join(f"{value:,} {key}" for key, value in hints.counts.items())
    elapsed = time.perf_counter() - started
    sys.stderr.write(f"{args.out}: {size / 1e6:.1f} MB, {counts} in {elapsed:.1f} s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
