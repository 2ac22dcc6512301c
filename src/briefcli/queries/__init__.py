"""Questions asked of a loaded brief: pure functions from an index (and arguments) to answers,
one module per question. Nothing here reads files or prints; answers are the records of
results.py.

The briefing and diff, each used by one command only, are imported from their own modules.
"""

from briefcli.queries.actors import (
    actor_profile,
    actor_rows,
)
from briefcli.queries.alignments import (
    alignment_chain,
    alignment_tree,
)
from briefcli.queries.common import (
    LookupProblem,
    chain_types,
    claim_out,
    date_out,
    patron_types,
    ref,
    resolve_actor,
    spelling_notice,
)
from briefcli.queries.search import (
    SEARCH_CUTOFF,
    scored_query,
    search,
)
from briefcli.queries.sources import (
    CONTEXT_CHARS,
    attributions,
    claim_detail,
)
from briefcli.queries.timeline import (
    timeline,
)
from briefcli.queries.trace import (
    MAX_PATHS,
    trace,
)

__all__ = [
    "ALLY_RELATIONS",
    "CHAIN_RELATIONS",
    "CONTEXT_CHARS",
    "ID_SECTIONS",
    "MAX_ACTORS",
    "MAX_EVENTS",
    "MAX_PATHS",
    "MEMBERSHIP_RELATIONS",
    "PATRON_RELATIONS",
    "SEARCH_CUTOFF",
    "LookupProblem",
    "actor_profile",
    "actor_rows",
    "alignment_chain",
    "alignment_tree",
    "attributions",
    "briefing",
    "chain_types",
    "claim_detail",
    "claim_out",
    "date_out",
    "diff",
    "field_changes",
    "patron_types",
    "ref",
    "resolve_actor",
    "scored_query",
    "search",
    "spelling_notice",
    "timeline",
    "trace",
]
