"""The words a brief may use: the core relation types, event kinds and participant roles, and
those the brief declares in its `vocabulary:` section, each relation type with its class."""

from __future__ import annotations

from typing import get_args

from briefcli.brief.model import (
    MUTUAL_RELATIONS,
    RELATION_CLASSES,
    EventKind,
    ParticipantRole,
    RelationClass,
    Vocabulary,
)

CORE_EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
CORE_PARTICIPANT_ROLES: tuple[str, ...] = get_args(ParticipantRole)


class Words:
    """One brief's vocabulary: core words and its declared ones."""

    def __init__(self, declared: Vocabulary) -> None:
        self.relation_classes: dict[str, RelationClass] = {
            **RELATION_CLASSES,
            **{relation.type: relation.meaning for relation in declared.relations},
        }
        self.mutual: frozenset[str] = MUTUAL_RELATIONS | {
            relation.type for relation in declared.relations if relation.mutual
        }
        self.labels: dict[str, str] = {
            word.type: word.label for word in declared.relations if word.label
        } | {
            word.name: word.label
            for word in [*declared.events, *declared.participants]
            if word.label
        }
        self.event_kinds: tuple[str, ...] = (
            *CORE_EVENT_KINDS,
            *(word.name for word in declared.events),
        )
        self.participant_roles: tuple[str, ...] = (
            *CORE_PARTICIPANT_ROLES,
            *(word.name for word in declared.participants),
        )
        self._of_class: dict[tuple[str, ...], frozenset[str]] = {}

    def of_class(self, *classes: RelationClass) -> frozenset[str]:
        """The relation types (core and declared) of these classes."""
        found = self._of_class.get(classes)
        if found is None:
            found = self._of_class[classes] = frozenset(
                name for name, meaning in self.relation_classes.items() if meaning in classes
            )
        return found

    def upward(self) -> frozenset[str]:
        """Relations that point from a client or part up to its patron or parent."""
        return self.of_class("membership", "patronage")

    def label(self, word: str) -> str:
        """How to read a relation type, event kind or role: its declared label, or the word."""
        return self.labels.get(word) or word.replace("_", " ")
