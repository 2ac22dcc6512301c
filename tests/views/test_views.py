"""Specification of the views: answer records laid out as Documents, read as a person reads
them (Markdown is the plainest rendering of a Document)."""

from __future__ import annotations

from briefcli import views
from briefcli.render import markdown
from briefcli.results import (
    AlignmentChain,
    AlignmentTree,
    BlocNode,
    Hop,
    Link,
    MemberNode,
    Ref,
    TracePath,
    TraceResult,
)

NPP, UDP, PDF, BJP = (Ref(id=i, name=n) for i, n in [("npp", "NPP"), ("udp", "UDP"),
                                                      ("pdf", "PDF"), ("bjp", "BJP")])  # fmt: skip
COALITION = Ref(id="c", name="Coalition")


def link(source: Ref, type_: str, target: Ref, until: str | None = None) -> Link:
    relation = Ref(id=f"r-{source.id}", name=f"{source.name} {type_} {target.name}")
    return Link(source=source, type=type_, target=target, relation=relation,
                confidence="high", since=None, until=until, current=until is None,
                inferred=False, claims=[], depth=1)  # fmt: skip


def test_a_bloc_shows_its_leader_members_allies_and_rivals_apart() -> None:
    member = MemberNode(actor=UDP, kind="organisation", relation="member_of", confidence="high",
                        leaders=[], patrons=[])  # fmt: skip
    bloc = BlocNode(bloc=COALITION, leaders=[link(NPP, "leads", COALITION)], patrons=[],
                    members=[member], allies=[link(PDF, "aligned_with", COALITION)],
                    affiliates=[], rivals=[link(BJP, "opposes", COALITION)])  # fmt: skip
    text = markdown.render(views.alignment_tree(AlignmentTree(blocs=[bloc], unaligned=[])))
    assert "  - Coalition\n    - led by NPP\n" in text
    assert "UDP \\[organisation\\] (member of, high)" in text
    assert "ally: PDF (aligned with, high)" in text
    assert "rival: BJP opposes Coalition" in text


def test_former_relations_are_listed_with_their_dates() -> None:
    chain = AlignmentChain(actor=NPP, upward=[], allies=[], hostile=[],
                           former=[link(NPP, "allied_with", UDP, until="2013")])  # fmt: skip
    text = markdown.render(views.alignment_chain(chain))
    assert "**Former relations**" in text
    assert "| 1 | NPP | allied with | UDP | former, until 2013 | high |" in text


def test_a_role_hop_reads_as_the_role_held() -> None:
    hop = Hop(source=Ref(id="g", name="Ganga Prasad"), target=Ref(id="m", name="Meghalaya"),
              relation=None, type="holds_role_in", direction="forward", confidence="high",
              since="2017", until=None, current=True, role="Governor", claims=[])  # fmt: skip
    result = TraceResult(source=hop.source, target=hop.target, length=1,
                         paths=[TracePath(hops=[hop])])  # fmt: skip
    text = markdown.render(views.trace(result))
    assert (
        "| Ganga Prasad | → | Governor (role) | Meghalaya | since 2017 | high | (a role) |" in text
    )
