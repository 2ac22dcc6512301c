"""`sources`: who said what (source chains and their claims), and one claim in its context."""

from __future__ import annotations

from briefcli.queries.common import LookupProblem, claim_out, ref
from briefcli.results import (
    Attribution,
    ClaimDetail,
    Ref,
)
from briefcli.search.names import fold
from briefcli.store.tables import BriefIndex


def attributions(index: BriefIndex, source_query: str | None = None) -> list[Attribution]:
    """Each claim with its source chain and grade; optionally only claims through one source."""
    if source_query is None:
        claims = index.claims.all()
    else:
        # A claim came through a source if that source is on its direct source's chain.
        wanted = _matching_sources(index, source_query)
        direct = [s for s in index.sources if wanted & {c.id for c in index.source_chain(s)}]
        positions = sorted(p for s in direct for p in index.claims_from.positions(s))
        claims = [index.claims.at(position) for position in positions]
    rows = []
    for claim in claims:
        chain = index.source_chain(claim.source)
        out = claim_out(index, claim)
        rows.append(
            Attribution(
                claim=claim.id,
                statement=claim.statement,
                source=out.source,
                chain=out.chain,
                reliability=out.reliability,
                credibility=out.credibility,
                grade=out.grade,
                named=out.named,
                via_translation=any(s.kind == "translation" for s in chain),
            )
        )
    return rows


def _matching_sources(index: BriefIndex, query: str) -> set[str]:
    """The sources a query names, the first of these that finds any: an id; a source's whole
    name; the sources that are the actor the query names ("MEE"); then every source with the
    query in its name (so "Middle East Eye" is that outlet, not also each report relaying
    it)."""
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


def claim_detail(index: BriefIndex, claim_id: str, document_text: str | None) -> ClaimDetail:
    """One claim in full, with the text around its excerpt when the stored text is given."""
    claim = index.claims.get(claim_id)
    if claim is None:
        from rapidfuzz import process

        close = process.extract(claim_id, list(index.claims), limit=3)
        hint = "did you mean " + ", ".join(match for match, _, _ in close) + "?" if close else None
        raise LookupProblem(f"no claim with id {claim_id!r}", hint)
    document = next((s for s in index.source_chain(claim.source) if s.text is not None), None)
    before = after = None
    if document_text is not None:
        before, after = _context(document_text, claim.excerpt)
    return ClaimDetail(
        claim=claim_out(index, claim),
        actors=[ref(index, a) for a in claim.actors],
        events=[ref(index, e) for e in claim.events],
        relations=[ref(index, r) for r in claim.relations],
        document=Ref(id=document.id, name=document.name) if document else None,
        context_before=before,
        context_after=after,
    )


def _context(text: str, excerpt: str) -> tuple[str | None, str | None]:
    """Text just before and after the excerpt, matched as the validator does."""
    from briefcli.brief.excerpts import normalise_excerpt

    flat = normalise_excerpt(text)
    needle = normalise_excerpt(excerpt)
    position = flat.find(needle)
    if position < 0:
        return None, None
    start = max(0, position - CONTEXT_CHARS)
    end = min(len(flat), position + len(needle) + CONTEXT_CHARS)
    before = ("…" if start > 0 else "") + flat[start:position]
    after = flat[position + len(needle) : end] + ("…" if end < len(flat) else "")
    return before, after
