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
from briefcli.queries.listings import (
    CLAIM_SUBJECTS,
    NOTE_SUBJECTS,
    claims,
    notes,
    places,
    relations,
    resolve_record,
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
    "CLAIM_SUBJECTS",
    "CONTEXT_CHARS",
    "ID_SECTIONS",
    "MAX_ACTORS",
    "MAX_EVENTS",
    "MAX_PATHS",
    "MEMBERSHIP_RELATIONS",
    "NOTE_SUBJECTS",
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
    "claims",
    "date_out",
    "diff",
    "field_changes",
    "notes",
    "patron_types",
    "places",
    "ref",
    "relations",
    "resolve_actor",
    "resolve_record",
    "scored_query",
    "search",
    "spelling_notice",
    "timeline",
    "trace",
]
