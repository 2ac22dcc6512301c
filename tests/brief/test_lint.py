"""Specification of `briefcli lint`: the analytic checks of a valid brief (docs/lint.md).

Each check has a brief that gets its warning and one that does not. The examples of
docs/lint.md are run too: each YAML block followed by a `briefcli lint example.yaml` console
block must print what the block shows (BRIEFCLI_UPDATE_GOLDEN=1 rewrites them; review the
diff).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefcli.brief.dates import parse_edtf
from briefcli.brief.lint import CHECKS, phrase_window, relative_date
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import BUNDLED_BRIEF, ROOT, TEST_BRIEFS, UPDATE_GOLDEN

runner = CliRunner()
LINT_DOC = ROOT / "docs" / "lint.md"
# A YAML block, then the console block of `briefcli lint example.yaml` that shows its output.
EXAMPLE = re.compile(
    r"```yaml\n((?:(?!```).)*)```\n\n```console\n\$ briefcli lint example.yaml\n((?:(?!```).)*)```",
    re.DOTALL,
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


class Lint:
    """Writes a brief into the working directory and lints it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, text: str, name: str = "brief.yaml") -> str:
        (self.folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return name

    def records(self, text: str, *more: str) -> list[dict[str, Any]]:
        """Every warning, as the records of `--format json`."""
        names = [self.write(text), *(self.write(t, f"more-{i}.yaml") for i, t in enumerate(more))]
        code, out, err = invoke("lint", *names, "--format", "json")
        assert code == 0, out + err
        return json.loads(out)  # type: ignore[no-any-return]

    def warnings(self, text: str) -> list[tuple[str, str]]:
        """Every warning as (field, check)."""
        return [(record["field"], record["check"]) for record in self.records(text)]

    def checks(self, text: str) -> set[str]:
        return {check for _, check in self.warnings(text)}


@pytest.fixture
def lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lint:
    monkeypatch.chdir(tmp_path)
    return Lint(tmp_path)


def brief(*sections: str, meta: str = 'meta: {title: T, as_of: "2024-03-15"}') -> str:
    """A brief from its sections, each written at the left margin."""
    return "\n".join([meta, *(textwrap.dedent(section).strip() for section in sections)]) + "\n"


SOURCES = """
sources:
  - {id: courier, name: The Courier, kind: outlet, reliability: C}
  - {id: gazette, name: The Gazette, kind: outlet, reliability: C}
  - {id: reporter, name: A reporter, kind: journalist, reliability: C, via: courier}
  - {id: wire, name: A wire, kind: outlet, reliability: B}
"""
ACTORS = """
actors:
  - {id: okafor, name: Grace Okafor, kind: person}
  - {id: hdwu, name: HDWU, kind: organisation}
"""


def claim(claim_id: str, source: str, credibility: int, **links: str) -> str:
    fields = "".join(f", {name}: [{value}]" for name, value in links.items())
    return (
        f"  - {{id: {claim_id}, statement: S, source: {source}, credibility: {credibility}, "
        f"excerpt: an excerpt of the text{fields}}}"
    )


def claims(*lines: str) -> str:
    return "claims:\n" + "\n".join(lines)


def relation(confidence: str, claim_ids: str = "", **more: str) -> str:
    cited = f", claims: [{claim_ids}]" if claim_ids else ""
    extra = "".join(f", {name}: {value}" for name, value in more.items())
    return (
        "relations:\n  - {id: r-leads, subject: okafor, type: leads, object: hdwu, "
        f"confidence: {confidence}{cited}{extra}}}"
    )


# ------------------------------------------------------------------ the command


def test_warnings_are_lines_with_the_check_last_and_exit_0(lint: Lint) -> None:
    name = lint.write(
        brief(SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)))
    )
    code, out, err = invoke("lint", name)
    assert code == ExitCode.OK
    assert out == (
        "brief.yaml:11:75: relations[0].confidence: confidence 'high' is above what its claim "
        "supports ('moderate'): no claim graded 1-2 from a source graded A-C, and no two graded "
        "1-3 on independent origins [confidence-above-evidence]\n"
    )
    assert err == "briefcli: note: brief.yaml: 1 warning(s)\n"


def test_error_on_warning_exits_1_only_when_there_is_a_warning(lint: Lint) -> None:
    warned = lint.write(
        brief(SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)))
    )
    code, out, err = invoke("lint", "--error-on-warning", warned)
    assert code == ExitCode.WARNINGS
    assert int(ExitCode.WARNINGS) == 1
    assert "[confidence-above-evidence]" in out
    assert err == "briefcli: error: brief.yaml: 1 warning(s)\n"
    clean = lint.write(
        brief(SOURCES, ACTORS, relation("moderate", "c-1"), claims(claim("c-1", "courier", 3))),
        "clean.yaml",
    )
    assert invoke("lint", "--error-on-warning", clean) == (0, "clean.yaml: ok: no warnings\n", "")


def test_json_gives_one_record_per_warning(lint: Lint) -> None:
    records = lint.records(
        brief(SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)))
    )
    assert records == [
        {
            "file": "brief.yaml",
            "line": 11,
            "column": 75,
            "field": "relations[0].confidence",
            "message": records[0]["message"],
            "check": "confidence-above-evidence",
        }
    ]


@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_an_invalid_brief_fails_as_validate_does(lint: Lint, output_format: str) -> None:
    name = lint.write(brief(ACTORS, relation("high", "c-missing")))
    validated = invoke("validate", name, "--format", output_format)
    linted = invoke("lint", name, "--format", output_format)
    assert linted == validated
    assert linted[0] == ExitCode.INVALID_BRIEF
    assert "unknown claim id 'c-missing'" in linted[1]


def test_lint_uses_the_brief_option_and_places_warnings_in_merged_files(lint: Lint) -> None:
    first = lint.write(brief(SOURCES, ACTORS))
    second = lint.write(
        brief(relation("high", "c-1"), claims(claim("c-1", "courier", 3))), "second.yaml"
    )
    code, out, _ = invoke("--brief", first, "--brief", second, "lint")
    assert code == 0
    assert out.startswith("second.yaml:3:75: relations[0].confidence: ")


def test_every_brief_in_the_repository_lints_clean() -> None:
    """Each remaining warning is acknowledged in its brief's meta.lint_accept with a reason."""
    for path in [BUNDLED_BRIEF, *sorted(TEST_BRIEFS.glob("*.yaml"))]:
        code, out, err = invoke("lint", str(path), "--json", "--error-on-warning")
        assert (code, json.loads(out)) == (0, []), (path, err)


# ------------------------------------------------------------------ accepting warnings


def test_an_accepted_warning_is_left_out_and_counted(lint: Lint) -> None:
    meta = """\
meta:
  title: T
  as_of: "2024-03-15"
  lint_accept:
    - {check: confidence-above-evidence, record: r-leads, reason: Known from elsewhere.}"""
    name = lint.write(
        brief(
            SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)), meta=meta
        )
    )
    assert invoke("lint", name) == (
        0,
        "brief.yaml: ok: no warnings (1 accepted in meta.lint_accept)\n",
        "",
    )


def test_an_acceptance_covers_its_check_and_record_only(lint: Lint) -> None:
    meta = """\
meta:
  title: T
  as_of: "2024-03-15"
  lint_accept:
    - {check: single-origin-corroborated, record: r-leads, reason: Wrong check.}"""
    text = brief(
        SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)), meta=meta
    )
    assert lint.checks(text) == {"confidence-above-evidence"}


def test_validate_checks_what_acceptances_and_grading_rules_name(lint: Lint) -> None:
    meta = """\
meta:
  title: T
  as_of: "2024-03-15"
  grading:
    - {source: courier, credibility: 3, reason: R}
    - {source: courier, credibility: 2, reason: R}
    - {source: okafor, credibility: 2, reason: R}
  lint_accept:
    - {check: confidence-above-evidence, record: r-nowhere, reason: R}"""
    name = lint.write(brief(SOURCES, ACTORS, relation("low"), meta=meta))
    code, out, _ = invoke("validate", name)
    assert code == ExitCode.INVALID_BRIEF
    assert out.splitlines() == [
        "brief.yaml:6:16: meta.grading[1].source: a second rule for source 'courier': "
        "meta.grading[0] is one",
        "brief.yaml:7:16: meta.grading[2].source: 'okafor' is an actor, expected a source",
        "brief.yaml:9:50: meta.lint_accept[0].record: unknown id 'r-nowhere'",
    ]


def test_validate_knows_the_names_of_the_checks(lint: Lint) -> None:
    meta = """\
meta:
  title: T
  as_of: "2024-03-15"
  lint_accept:
    - {check: confidence-above-evidnce, record: r-leads, reason: R}"""
    code, out, _ = invoke("validate", lint.write(brief(ACTORS, relation("low"), meta=meta)))
    assert code == ExitCode.INVALID_BRIEF
    assert out.startswith(
        "brief.yaml:5:15: meta.lint_accept[0].check: a string 'confidence-above-evidnce' is not "
        "allowed (did you mean 'confidence-above-evidence'?)"
    )


# ------------------------------------------------------------------ confidence-above-evidence


def test_high_confidence_on_one_c3_claim_is_above_its_evidence(lint: Lint) -> None:
    text = brief(SOURCES, ACTORS, relation("high", "c-1"), claims(claim("c-1", "courier", 3)))
    assert lint.warnings(text) == [("relations[0].confidence", "confidence-above-evidence")]


@pytest.mark.parametrize(
    ("confidence", "claim_lines"),
    [
        # high: a claim graded 1-2 from a source graded A-C
        ("high", [claim("c-1", "courier", 2)]),
        # high: two claims graded 1-3 on independent origins
        ("high", [claim("c-1", "courier", 3), claim("c-2", "gazette", 3)]),
        # moderate: a claim graded 1-3
        ("moderate", [claim("c-1", "courier", 3)]),
        ("low", [claim("c-1", "courier", 5)]),
    ],
)
def test_confidence_the_claims_support_gets_no_warning(
    lint: Lint, confidence: str, claim_lines: list[str]
) -> None:
    ids = ", ".join(line.split("id: ")[1].split(",")[0] for line in claim_lines)
    assert (
        lint.warnings(brief(SOURCES, ACTORS, relation(confidence, ids), claims(*claim_lines))) == []
    )


def test_two_claims_on_one_origin_do_not_make_high_confidence(lint: Lint) -> None:
    # The reporter came through the Courier: both claims rest on the Courier.
    text = brief(
        SOURCES,
        ACTORS,
        relation("high", "c-1, c-2"),
        claims(claim("c-1", "courier", 3), claim("c-2", "reporter", 3)),
    )
    assert lint.warnings(text) == [("relations[0].confidence", "confidence-above-evidence")]


def test_a_claim_graded_2_from_an_unreliable_source_supports_moderate_only(lint: Lint) -> None:
    sources = "sources:\n  - {id: blog, name: A blog, kind: social-media, reliability: E}"
    text = brief(sources, ACTORS, relation("high", "c-1"), claims(claim("c-1", "blog", 2)))
    assert lint.warnings(text) == [("relations[0].confidence", "confidence-above-evidence")]


def test_the_default_moderate_on_doubtful_claims_is_above_its_evidence(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        "relations:\n  - {id: r-leads, subject: okafor, type: leads, object: hdwu}",
        # the claim names the relation instead of being cited by it
        claims(claim("c-1", "courier", 4, relations="r-leads")),
    )
    [record] = lint.records(text)
    assert record["check"] == "confidence-above-evidence"
    assert record["message"] == (
        "confidence 'moderate' is above what its claim supports ('low'): every claim is graded "
        "4-6 (moderate is also the default: write `confidence: low`)"
    )


# ------------------------------------------------------------------ judgment-above-evidence


def judgment(likelihood: str, confidence: str, claim_ids: str) -> str:
    return f"""\
meta:
  title: T
  as_of: "2024-03-15"
  key_judgments:
    - id: kj-1
      text: J
      likelihood: {likelihood}
      confidence: {confidence}
      claims: [{claim_ids}]"""


def test_a_judgment_above_the_relations_its_claims_support(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        relation("moderate", "c-1"),
        claims(claim("c-1", "courier", 3)),
        meta=judgment("likely", "high", "c-1"),
    )
    [record] = lint.records(text)
    assert (record["field"], record["check"]) == (
        "meta.key_judgments[0].confidence",
        "judgment-above-evidence",
    )
    assert "the relations and events its claims support (r-leads moderate)" in record["message"]


def test_a_judgment_no_higher_than_what_its_claims_support_gets_no_warning(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        relation("high", "c-1"),
        claims(claim("c-1", "wire", 2)),
        meta=judgment("very likely", "high", "c-1"),
    )
    assert lint.warnings(text) == []


def test_a_judgment_whose_claims_support_nothing_is_weighed_by_the_claims(lint: Lint) -> None:
    supported = brief(
        SOURCES,
        ACTORS,
        claims(claim("c-1", "wire", 2, actors="okafor, hdwu")),
        meta=judgment("likely", "high", "c-1"),
    )
    assert lint.warnings(supported) == []
    weak = brief(
        SOURCES,
        ACTORS,
        claims(claim("c-1", "wire", 4, actors="okafor, hdwu")),
        meta=judgment("likely", "moderate", "c-1"),
    )
    assert lint.warnings(weak) == [("meta.key_judgments[0].confidence", "judgment-above-evidence")]


def test_very_likely_on_claims_graded_3_or_worse(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        relation("moderate", "c-1, c-2"),
        claims(claim("c-1", "courier", 3), claim("c-2", "courier", 4)),
        meta=judgment("almost certain", "low", "c-1, c-2"),
    )
    assert lint.warnings(text) == [("meta.key_judgments[0].likelihood", "judgment-above-evidence")]
    likely = text.replace("almost certain", "likely")
    assert lint.warnings(likely) == []


# ------------------------------------------------------------------ grade-differs-from-siblings

GRADING = """\
meta:
  title: T
  as_of: "2024-03-15"
  grading:
    - {source: courier, credibility: 3, reason: The Courier reports the union's own account.}"""


def test_a_claim_graded_otherwise_than_its_sources_rule(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        claims(
            claim("c-1", "courier", 3, actors="hdwu"),
            claim("c-2", "courier", 2, actors="okafor"),
            claim("c-3", "gazette", 2, actors="okafor"),
        ),
        meta=GRADING,
    )
    [record] = lint.records(text)
    assert (record["field"], record["check"]) == (
        "claims[1].credibility",
        "grade-differs-from-siblings",
    )
    assert record["message"] == (
        "graded 2, but meta.grading grades the claims of source 'courier' 3 (The Courier reports "
        "the union's own account.)"
    )


def test_claims_graded_as_their_rule_or_without_rules_get_no_warning(lint: Lint) -> None:
    sections = (
        SOURCES,
        ACTORS,
        claims(
            claim("c-1", "courier", 3, actors="hdwu"), claim("c-2", "courier", 3, actors="okafor")
        ),
    )
    assert lint.warnings(brief(*sections, meta=GRADING)) == []
    varied = brief(
        SOURCES,
        ACTORS,
        claims(
            claim("c-1", "courier", 3, actors="hdwu"), claim("c-2", "courier", 2, actors="okafor")
        ),
    )
    assert lint.warnings(varied) == []


# ------------------------------------------------------------------ single-origin-corroborated

EVENT = "events:\n  - {id: e-1, kind: strike, title: Walkout, participants: [{actor: hdwu}]}"


def test_confirmed_by_other_sources_on_one_origin(lint: Lint) -> None:
    # The reporter came through the Courier: one origin for both claims.
    text = brief(
        SOURCES,
        ACTORS,
        EVENT,
        claims(
            claim("c-1", "reporter", 1, events="e-1", actors="okafor"),
            claim("c-2", "courier", 2, events="e-1"),
        ),
    )
    assert lint.warnings(text) == [("claims[0].credibility", "single-origin-corroborated")]


def test_confirmed_by_another_origin_gets_no_warning(lint: Lint) -> None:
    text = brief(
        SOURCES,
        ACTORS,
        EVENT,
        claims(
            claim("c-1", "reporter", 1, events="e-1", actors="okafor"),
            claim("c-2", "gazette", 2, events="e-1"),
        ),
    )
    assert lint.warnings(text) == []


def test_confirmed_while_supporting_nothing(lint: Lint) -> None:
    [record] = lint.records(
        brief(SOURCES, ACTORS, claims(claim("c-1", "wire", 1, actors="okafor, hdwu")))
    )
    assert record["check"] == "single-origin-corroborated"
    assert record["message"].endswith("it rests on wire alone: it supports no relation or event")


# ------------------------------------------------------------------ inference-phrased-as-fact


def test_an_inference_note_without_confidence(lint: Lint) -> None:
    note = "notes:\n  - {id: n-1, kind: inference, text: Inferred., concerns: [hdwu]}"
    text = brief(SOURCES, ACTORS, claims(claim("c-1", "courier", 3, actors="okafor, hdwu")), note)
    assert lint.warnings(text) == [("notes[0].confidence", "inference-phrased-as-fact")]
    sure = note.replace("concerns", "confidence: low, concerns")
    caveat = note.replace("inference", "caveat")
    for notes in (sure, caveat):
        text = brief(
            SOURCES, ACTORS, claims(claim("c-1", "courier", 3, actors="okafor, hdwu")), notes
        )
        assert lint.warnings(text) == []


def test_an_inferred_relation_that_does_not_say_what_from(lint: Lint) -> None:
    named = claims(claim("c-1", "courier", 3, actors="okafor, hdwu"))
    bare = brief(SOURCES, ACTORS, relation("low", inferred="true"), named)
    assert lint.warnings(bare) == [("relations[0].inferred", "inference-phrased-as-fact")]
    described = brief(
        SOURCES, ACTORS, relation("low", inferred="true", description="From the byline."), named
    )
    note = (
        "notes:\n  - {id: n-1, kind: inference, text: From the byline., concerns: [r-leads], "
        "confidence: low}"
    )
    explained = brief(SOURCES, ACTORS, relation("low", inferred="true"), named, note)
    assert lint.warnings(described) == lint.warnings(explained) == []


def test_a_relation_without_claims_not_marked_inferred(lint: Lint) -> None:
    named = claims(claim("c-1", "courier", 3, actors="okafor, hdwu"))
    assert lint.warnings(brief(SOURCES, ACTORS, relation("low"), named)) == [
        ("relations[0].claims", "inference-phrased-as-fact")
    ]


def test_an_actor_nothing_sourced_mentions_not_marked_inferred(lint: Lint) -> None:
    actors = ACTORS + "  - {id: forum, name: Employers' Forum, kind: bloc}\n"
    named = claims(claim("c-1", "courier", 3, actors="okafor, hdwu"))
    assert lint.warnings(brief(SOURCES, actors, named)) == [
        ("actors[2].inferred", "inference-phrased-as-fact")
    ]
    inferred = actors.replace("kind: bloc", "kind: bloc, inferred: true")
    assert lint.warnings(brief(SOURCES, inferred, named)) == []


def test_actors_mentioned_by_supported_records_or_sources_are_sourced(lint: Lint) -> None:
    sources = (
        SOURCES
        + "  - {id: statement, name: HDWU statement, kind: official, reliability: B, "
        + "actor: hdwu}\n"
    )
    # okafor: an end of a relation a claim supports; hdwu: the actor of a source
    text = brief(sources, ACTORS, relation("moderate", "c-1"), claims(claim("c-1", "courier", 3)))
    assert lint.warnings(text) == []
    participant = brief(
        SOURCES,
        ACTORS,
        "events:\n  - {id: e-1, kind: strike, title: W, claims: [c-1], "
        "participants: [{actor: okafor}, {actor: hdwu}]}",
        claims(claim("c-1", "courier", 3)),
    )
    assert lint.warnings(participant) == []


# ------------------------------------------------------------ date-window-narrower-than-phrases


def dated(published: str, value: str, phrase: str, method: str = "inferred") -> str:
    return brief(
        f"""
        sources:
          - id: gazette
            name: G
            kind: outlet
            reliability: B
            published: {{value: "{published}", method: approximate}}
          - {{id: reporter, name: R, kind: journalist, reliability: B, via: gazette}}
        """,
        "actors:\n  - {id: guild, name: Guild, kind: organisation}",
        f"""
        events:
          - id: e-1
            kind: strike
            title: Walkout
            date: {{value: "{value}", phrase: "{phrase}", method: {method}}}
            participants: [{{actor: guild}}]
        """,
        claims(claim("c-1", "reporter", 2, events="e-1")),
    )


@pytest.mark.parametrize(
    ("published", "value", "phrase"),
    [
        ("2024-06", "2024-06-03", "last Monday"),  # any Monday before a day of June
        ("2024-06-06/2024-06-12", "2024-06-03", "walked out last Monday"),
        ("2024-06-06/2024-06-07", "2024-06-05", "yesterday"),
        ("2024-06-06", "2024-06-04", "on Monday"),  # not the day it means at all
    ],
)
def test_an_inferred_date_narrower_than_its_phrase(
    lint: Lint, published: str, value: str, phrase: str
) -> None:
    assert lint.warnings(dated(published, value, phrase)) == [
        ("events[0].date.value", "date-window-narrower-than-phrases")
    ]


def test_the_warning_says_which_window_to_write(lint: Lint) -> None:
    [record] = lint.records(dated("2024-06-06/2024-06-12", "2024-06-03", "last Monday"))
    assert record["message"] == (
        "'2024-06-03' does not cover every day 'last Monday' can mean: 2024-06-03 to "
        "2024-06-10, for a text published '2024-06-06/2024-06-12' (source 'gazette'); write "
        "'2024-06-03/2024-06-10'"
    )


@pytest.mark.parametrize(
    ("published", "value", "phrase", "method"),
    [
        ("2024-06-06", "2024-06-03", "last Monday", "inferred"),
        ("2024-06-06/2024-06-12", "2024-06-03/2024-06-10", "last Monday", "inferred"),
        ("2024-06-06/2024-06-09", "2024-06-03", "on Monday", "inferred"),
        ("2024-06-06", "2024-06-10", "on Monday", "inferred"),  # after publication: the next
        ("2024-06-06", "2024-06-13", "next Thursday", "inferred"),
        ("2024-06-06", "2024-06-06", "Thursday", "inferred"),
        ("2024-06", "2024-06-03", "last Monday", "stated"),  # only inferred dates
        ("2024-06", "2024-06-03", "last Monday, then Tuesday", "inferred"),  # two dates
        ("2024-06", "2024-06-03", "Monday 3 June", "inferred"),  # digits
        ("2024-06", "2024-06-03", "over the weekend", "inferred"),
    ],
)
def test_an_inferred_date_that_covers_its_phrase_or_is_not_recomputed(
    lint: Lint, published: str, value: str, phrase: str, method: str
) -> None:
    assert lint.warnings(dated(published, value, phrase, method)) == []


def test_one_publication_that_the_date_covers_is_enough(lint: Lint) -> None:
    text = dated("2024-06", "2024-06-03", "last Monday").replace(
        "claims:\n",
        "claims:\n" + claim("c-2", "wire", 2, events="e-1") + "\n",
    )
    text = text.replace(
        "sources:\n",
        "sources:\n  - {id: wire, name: W, kind: outlet, reliability: B, "
        'published: {value: "2024-06-05"}}\n',
    )
    assert lint.warnings(text) == []


@pytest.mark.parametrize(
    ("phrase", "published", "window"),
    [
        ("last Thursday", "2024-03-15", ("2024-03-14", "2024-03-14")),  # a Friday
        ("last Thursday", "2024-03-14", ("2024-03-07", "2024-03-07")),  # a Thursday
        ("on Thursday", "2024-03-14", ("2024-03-14", "2024-03-14")),
        ("LAST THURSDAY", "2024-03", ("2024-02-29", "2024-03-28")),
        ("yesterday", "2024-03-01/2024-03-02", ("2024-02-29", "2024-03-01")),
        ("next Tuesday", "2024-03-12", ("2024-03-19", "2024-03-19")),
    ],
)
def test_the_days_a_phrase_can_mean(phrase: str, published: str, window: tuple[str, str]) -> None:
    relative = relative_date(phrase)
    assert relative is not None
    first, last = phrase_window(relative, parse_edtf(published))
    assert (first, last) == tuple(dt.date.fromisoformat(day) for day in window)


def test_phrases_with_no_single_relative_date_are_not_read() -> None:
    for phrase in ("last Thursday ... last Sunday", "Tuesday 12 March", "late last year", ""):
        assert relative_date(phrase) is None


# ------------------------------------------------------------------ documentation


def test_every_check_is_documented_in_docs_lint() -> None:
    doc = LINT_DOC.read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"## `{check}`" in doc, f"docs/lint.md has no section for {check}"


def test_the_worked_example_of_the_format_reference_gets_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = (ROOT / "docs" / "brief-format.md").read_text(encoding="utf-8")
    example = reference.split("## 10. A complete worked example")[1]
    blocks = dict(re.findall(r"```(text|yaml)\n(.*?)```", example, re.DOTALL))
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "ferry-report.txt").write_text(blocks["text"], encoding="utf-8")
    (tmp_path / "ferry.yaml").write_text(blocks["yaml"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("lint", "ferry.yaml") == (0, "ferry.yaml: ok: no warnings\n", "")


def _doc_examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(LINT_DOC.read_text(encoding="utf-8"))


def _lint_example(folder: Path, text: str) -> str:
    (folder / "example.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", "example.yaml"])
    return result.stdout + result.stderr


if os.environ.get(UPDATE_GOLDEN) == "1":

    @pytest.fixture(autouse=True, scope="module")
    def _refresh_docs(tmp_path_factory: pytest.TempPathFactory) -> None:
        folder = tmp_path_factory.mktemp("docs")
        here = Path.cwd()
        os.chdir(folder)
        try:

            def refresh(match: re.Match[str]) -> str:
                shown = _lint_example(folder, match.group(1))
                return (
                    f"```yaml\n{match.group(1)}```\n\n```console\n$ briefcli lint example.yaml\n"
                    f"{shown}```"
                )

            doc = LINT_DOC.read_text(encoding="utf-8")
            LINT_DOC.write_text(EXAMPLE.sub(refresh, doc), encoding="utf-8")
        finally:
            os.chdir(here)


def test_every_check_has_an_example_that_gets_its_warning() -> None:
    shown = "".join(output for _, output in _doc_examples())
    for check in CHECKS:
        assert f"[{check}]" in shown, f"no example in docs/lint.md gets {check}"


@pytest.mark.parametrize("number", range(len(_doc_examples())))
def test_every_docs_example_prints_what_docs_lint_shows(
    number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text, expected = _doc_examples()[number]
    assert _lint_example(tmp_path, text) == expected, "docs/lint.md is out of date"
