"""`sources`: who said what (source chains and their claims), and one claim in its context."""

from __future__ import annotations

from briefcli.brief.model import Claim, Source
from briefcli.queries.common import LookupProblem, claim_out, date_out, ref
from briefcli.results import (
    Attribution,
    ClaimDetail,
    Ref,
    SourceOut,
)
from briefcli.search.names import fold
from briefcli.store.tables import BriefIndex
from briefcli.store.texts import NormalisedText


def attributions(index: BriefIndex, source_query: str | None = None) -> list[Attribution]:
    """Each claim with its source chain, routes, origins and grade; optionally only claims
    through the sources a query names, each row saying which of them it came through."""
    matched: dict[str, SourceOut] = {}
    if source_query is None:
        claims = index.claims.all()
    else:
        wanted = matching_sources(index, source_query)
        matched = {s.id: source_out(index, s) for s in index.sources.all() if s.id in wanted}
        claims = claims_through(index, wanted)
    rows = []
    # What depends on the source only, worked out once per source (briefs have few sources
    # and many claims): translated or not, origins, routes beyond the chain, matched sources.
    by_source: dict[str, tuple[bool, list[Ref], list[list[Ref]] | None, list[SourceOut]]] = {}
    for claim in claims:
        out = claim_out(index, claim)
        known = by_source.get(claim.source)
        if known is None:
            upstream = index.upstream(claim.source)
            known = by_source[claim.source] = (
                any(s.kind == "translation" for s in upstream),
                _refs(index.origins(claim.source)),
                _other_routes(index, claim.source),
                [matched[s.id] for s in upstream if s.id in matched],
            )
        translated, origins, routes, through = known
        rows.append(
            Attribution(
                id=claim.id,
                statement=claim.statement,
                source=out.source,
                chain=out.chain,
                reliability=out.reliability,
                credibility=out.credibility,
                grade=out.grade,
                named=out.named,
                via_translation=translated,
                origins=origins,
                routes=_routes(routes, out.chain),
                through=through,
            )
        )
    return rows


def _refs(sources: tuple[Source, ...]) -> list[Ref]:
    return [Ref(id=s.id, name=s.name) for s in sources]


def _other_routes(index: BriefIndex, source_id: str) -> list[list[Ref]] | None:
    """Every route of a source outward, or None when it has one, its chain (most briefs)."""
    if all(len(s.via_ids) <= 1 for s in index.upstream(source_id)):
        return None
    return [_refs(route) for route in index.source_routes(source_id)]


def _routes(others: list[list[Ref]] | None, chain: list[Ref]) -> list[list[Ref]]:
    return others if others is not None else [chain] if chain else []


def source_out(index: BriefIndex, source: Source) -> SourceOut:
    """A source record in full, with references named."""
    return SourceOut(
        id=source.id,
        name=source.name,
        kind=source.kind,
        reliability=source.reliability,
        named=source.named,
        via=[ref(index, via) for via in source.via_ids],
        actor=ref(index, source.actor) if source.actor else None,
        published=date_out(source.published) if source.published else None,
        language=source.language,
        url=source.url,
        text=source.text,
        description=source.description,
        origins=_refs(index.origins(source.id)),
    )


def claims_through(index: BriefIndex, wanted: set[str]) -> list[Claim]:
    """The claims that came through any of these sources, in brief order: a claim came through
    a source if that source is upstream of its direct source (on any of its routes)."""
    direct = [s for s in index.sources if wanted & {c.id for c in index.upstream(s)}]
    positions = sorted(p for s in direct for p in index.claims_from.positions(s))
    return [index.claims.at(position) for position in positions]


def matching_sources(index: BriefIndex, query: str) -> set[str]:
    """The sources a query names, the first of these that finds any: an id; a source's whole
    name; the sources that are the actor the query names ("MEE"); then every source with the
    query in its name (so "Middle East Eye" is that outlet, not also each report relaying
    it). Several sources may match (two records that share a name, the two posts of one
    person): the answer keeps them apart (Attribution.through)."""
    if query in index.sources:
        return {query}
    wanted = fold(query)
    sources = index.sources.all()
    matches = {s.id for s in sources if wanted and fold(s.name) == wanted}
    if not matches:
        actor = index.names.resolve(query).actor if wanted else None
        matches = {s.id for s in sources if actor is not None and s.actor == actor.id}
    if not matches:
        matches = {s.id for s in sources if wanted and wanted in fold(s.name)}
    if not matches:
        names = ", ".join(s.name for s in sources[:12])
        raise LookupProblem(f"no source matches {query!r}", f"sources: {names}" if names else None)
    return matches


CONTEXT_CHARS = 240


def claim_detail(
    index: BriefIndex, claim_id: str, document: tuple[str, NormalisedText] | None
) -> ClaimDetail:
    """One claim in full, with the text around its excerpt when its document (the id of the
    source holding the stored text, and the text, normalised) is given, and every source it
    came through."""
    claim = index.claims.get(claim_id)
    if claim is None:
        from rapidfuzz import process

        close = process.extract(claim_id, list(index.claims), limit=3)
        hint = "did you mean " + ", ".join(match for match, _, _ in close) + "?" if close else None
        raise LookupProblem(f"no claim with id {claim_id!r}", hint)
    documents = index.documents(claim.source)
    holder = documents[0] if documents else None
    before = after = None
    if document is not None:
        holder = index.sources.get(document[0], holder)
        before, after = _context(document[1], claim.excerpt)
    out = claim_out(index, claim)
    return ClaimDetail(
        claim=out,
        actors=[ref(index, a) for a in claim.actors],
        events=[ref(index, e) for e in claim.events],
        relations=[ref(index, r) for r in claim.relations],
        document=Ref(id=holder.id, name=holder.name) if holder else None,
        context_before=before,
        context_after=after,
        routes=_routes(_other_routes(index, claim.source), out.chain),
        sources=[source_out(index, source) for source in index.upstream(claim.source)],
    )


def _context(text: NormalisedText, excerpt: str) -> tuple[str | None, str | None]:
    """Text just before and after the excerpt, matched as the validator does."""
    found = text.find(excerpt)
    if found is None:
        return None, None
    return text.around(*found, CONTEXT_CHARS)
