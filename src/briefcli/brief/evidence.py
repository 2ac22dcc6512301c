"""What a brief's claims support, and which claims independent origins corroborate: the rule
the briefing counts single-source claims by, and `lint` weighs confidence by.

A source's origins (the root sources it came through) are worked out by the store
(BriefIndex.origins); here they are given, as a set of source ids per claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefcli.brief.model import Brief, Claim, Event, Relation


def supporting_claims(brief: Brief) -> dict[str, list[Claim]]:
    """For each relation and event with support, its claims: those it lists and those that
    name it, each once, in the order of the claims section."""
    position = {claim.id: index for index, claim in enumerate(brief.claims)}
    found: dict[str, set[int]] = {}
    records: list[Relation | Event] = [*brief.relations, *brief.events]
    for record in records:
        listed = {position[claim_id] for claim_id in record.claims if claim_id in position}
        if listed:
            found.setdefault(record.id, set()).update(listed)
    for index, claim in enumerate(brief.claims):
        for record_id in (*claim.relations, *claim.events):
            found.setdefault(record_id, set()).add(index)
    return {
        record_id: [brief.claims[index] for index in sorted(indexes)]
        for record_id, indexes in found.items()
    }


def independent(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two claims resting on these origins are independent: they share none (a claim
    with no known origin is independent of nothing)."""
    return bool(first) and bool(second) and first.isdisjoint(second)


def corroborated(
    groups: Iterable[Iterable[str]], origins: Mapping[str, frozenset[str]]
) -> set[str]:
    """The claims corroborated: those that, in some group (the claims supporting one relation
    or event), stand beside a claim resting on none of their origins."""
    found: set[str] = set()
    for group in groups:
        claims = list(group)
        kinds = {origins[claim_id] for claim_id in claims}
        if len(kinds) < 2:
            continue
        backed = {kind for kind in kinds if any(independent(kind, other) for other in kinds)}
        found.update(claim_id for claim_id in claims if origins[claim_id] in backed)
    return found
