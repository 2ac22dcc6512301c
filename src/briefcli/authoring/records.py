"""New records made from what a user typed: names resolved to the ids they stand for, words
checked against the brief's vocabulary, ids made when none is given. Each builder returns the
record as the brief writes it (a dict in the model's field order, absent fields left out)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from briefcli.brief.model import (
    SECTIONS,
)
from briefcli.exitcodes import ExitCode
from briefcli.store.tables import BriefIndex


class Refused(Exception):
    """What was typed does not make a record of this brief: why, in one line, and a hint."""

    def __init__(self, message: str, hint: str | None = None, code: ExitCode = ExitCode.NOT_FOUND):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code


def all_ids(index: BriefIndex) -> set[str]:
    return {record_id for section in SECTIONS for record_id in getattr(index, section)}


def chosen_id(
    index: BriefIndex, section: str, given: str | None, text: str, words: int | None = None
) -> str:
    """The id given (refused if taken), else one made from the first `words` words of `text`
    (ids.ID_WORDS by default)."""
    from briefcli.authoring.ids import ID_WORDS, new_id

    taken = all_ids(index)
    if given is not None:
        if given in taken:
            raise Refused(f"the id {given!r} is taken", "give another with --id, or leave it out")
        return given
    return new_id(section, text, taken, getattr(index, section), words or ID_WORDS)


def actor_id(index: BriefIndex, typed: str, what: str = "actor") -> str:
    """The actor a name or id means (one only: a name that fits several is refused)."""
    resolution = index.names.resolve(typed)
    if resolution.actor is not None and resolution.spelled_as is None:
        return resolution.actor.id
    if resolution.actor is not None:  # a guess from a similar spelling is not good enough here
        raise Refused(
            f"no {what} is named {typed!r}",
            f"did you mean {resolution.actor.name!r}? (its id: {resolution.actor.id})",
        )
    if resolution.ambiguous:
        listed = ", ".join(f"{c.actor.name} [{c.actor.id}]" for c in resolution.candidates[:5])
        raise Refused(f"{typed!r} fits several actors: {listed}", "give its id")
    hint = f"did you mean {', '.join(resolution.suggestions)}?" if resolution.suggestions else None
    raise Refused(
        f"no {what} matches {typed!r}", hint or f"add it first: briefcli add actor {typed!r} …"
    )


def record_id(index: BriefIndex, section: str, typed: str) -> str:
    """A record of `section` by its id (places and sources also by name)."""
    table = getattr(index, section)
    if typed in table:
        return typed
    if section == "places":
        from briefcli.queries.timeline import named_places

        found = sorted(named_places(index, typed))
        if len(found) == 1:
            return found[0]
    if section == "sources":  # as `sources --source` finds them: "Courier" is the Courier
        from briefcli.queries.sources import matching_sources

        found = sorted(matching_sources(index, typed))
        if len(found) == 1:
            return found[0]
    close = difflib.get_close_matches(typed, list(table), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else None
    raise Refused(f"no {section.rstrip('s')} {typed!r} in this brief", hint)


def word(typed: str, known: Iterable[str], what: str) -> str:
    """A vocabulary word (`backed by` is `backed_by`), or refused with the closest."""
    known = list(known)
    wanted = "_".join(typed.strip().lower().split())
    for form in (wanted, wanted.replace("_", "-")):
        if form in known:
            return form
    close = difflib.get_close_matches(wanted, known, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else f"one of: {', '.join(known)}"
    raise Refused(f"no {what} {typed!r} in this brief's vocabulary", hint, ExitCode.USAGE)


def date_record(
    value: str | None,
    phrase: str | None = None,
    method: str | None = None,
    confidence: str | None = None,
    reasoning: str | None = None,
) -> dict[str, Any] | None:
    """A date as the brief writes it; `value` may also be a whole date mapping in YAML's flow
    form (`{value: "2024-03-15", phrase: Friday}`)."""
    if value is not None and value.lstrip().startswith("{"):
        return flow_mapping(value, "date")
    if value is None and phrase is None:
        return None
    return {
        "value": value,
        "phrase": phrase,
        "method": method,
        "confidence": confidence,
        "reasoning": reasoning,
    }


def flow_mapping(typed: str, what: str) -> dict[str, Any]:
    """A mapping typed in YAML's flow form, `{title: Mediator, of: mediation-service}`: the
    way to give every field of a nested record from the command line."""
    from briefcli.brief import yamlsafe

    try:
        value = yamlsafe.parse(typed)
    except yamlsafe.YamlProblem as problem:
        raise Refused(f"{what} {typed!r}: {problem.message}", code=ExitCode.USAGE) from None
    if not isinstance(value, dict):
        raise Refused(f"{what} {typed!r} is not a mapping", "write {key: value, …}", ExitCode.USAGE)
    return value


def short_or_flow(typed: str, what: str, key: str, second: str) -> dict[str, Any]:
    """`TEXT` or `TEXT=WORD` as {key: TEXT, second: WORD}, or a whole mapping in flow form."""
    if typed.lstrip().startswith("{"):
        return flow_mapping(typed, what)
    text, _, word = typed.rpartition("=") if "=" in typed else (typed, "", "")
    return {key: text.strip(), second: word.strip() or None}


def aliases(typed: Sequence[str]) -> list[dict[str, Any]]:
    """`NAME`, `NAME=FORM` (`Ms Okafor=title`) or `{name: …, form: …, note: …}`."""
    return [short_or_flow(alias, "alias", "name", "form") for alias in typed]


def role(index: BriefIndex, typed: str, of: str | None) -> dict[str, Any]:
    """A role: its title (held in `of`, a name or id), or the whole role in flow form."""
    given: dict[str, Any] = (
        flow_mapping(typed, "role") if typed.lstrip().startswith("{") else {"title": typed}
    )
    held_in = of if of is not None else given.get("of")
    given["of"] = actor_id(index, str(held_in)) if held_in else None
    return given
