"""Specification of declared vocabularies: a brief's own relation types (with their class),
event kinds and participant roles, and the examples of the format reference."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import ROOT, BriefWriter

runner = CliRunner()

BRIEF = """\
meta: {title: T, as_of: "2018-03-06"}
vocabulary:
  relations:
    - {type: outside_support_to, class: alliance, label: gives outside support to}
    - {type: seat_sharing_with, class: alliance, mutual: true}
    - {type: minister_in, class: membership}
  events:
    - {name: swearing-in}
  participants:
    - {name: officiant}
actors:
  - {id: pdf, name: PDF, kind: organisation}
  - {id: udp, name: UDP, kind: organisation}
  - {id: coalition, name: Coalition, kind: bloc}
  - {id: governor, name: Ganga Prasad, kind: person}
relations:
  - {id: r-pdf, subject: pdf, type: outside_support_to, object: coalition}
  - {id: r-udp, subject: udp, type: minister_in, object: coalition}
  - {id: r-seats, subject: coalition, type: seat_sharing_with, object: pdf}
events:
  - id: e-oath
    kind: swearing-in
    title: Oath
    participants: [{actor: governor, role: officiant}]
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_declared_words_validate_and_answer_by_their_class(write_brief: BriefWriter) -> None:
    brief = str(write_brief(BRIEF))
    code, out, err = invoke("validate", brief)
    assert code == 0, out + err
    for _ in range(2):  # the first run fills the cache; the second answers from it
        code, out, err = invoke("--brief", brief, "alignments", "--json")
        assert code == 0, err
        bloc = json.loads(out)["blocs"][0]
        assert [member["actor"]["id"] for member in bloc["members"]] == ["udp"]
        assert {link["source"]["id"] for link in bloc["allies"]} == {"pdf"}
        code, out, err = invoke("--brief", brief, "actor", "PDF", "--json")
        directions = {r["id"]: r["direction"] for r in json.loads(out)["relations"]}
        assert directions == {"r-pdf": "outgoing", "r-seats": "mutual"}
    code, out, _ = invoke("--brief", brief, "timeline", "--json")
    assert json.loads(out)[0]["kind"] == "swearing-in"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("type: minister_in, object", "type: minister_of, object"),
            "relations[1].type: a string 'minister_of' is not allowed (did you mean "
            "'minister_in'?)",
        ),
        (
            ("kind: swearing-in", "kind: swearing_in"),
            "events[0].kind: a string 'swearing_in' is not allowed (did you mean 'swearing-in'?)",
        ),
        (
            ("role: officiant", "role: officiating"),
            "events[0].participants[0].role: a string 'officiating' is not allowed (did you "
            "mean 'officiant'?)",
        ),
        (
            ("{name: officiant}", "{name: host}"),
            "vocabulary.participants[0].name: 'host' is a core word: declare only new ones",
        ),
        (
            ("{type: minister_in, class: membership}", "{type: minister_in, class: member}"),
            "vocabulary.relations[2].class: a string 'member' is not allowed (did you mean "
            "'membership'?)",
        ),
        (
            ("- {name: swearing-in}", "- {name: swearing-in}\n    - {name: swearing-in}"),
            "vocabulary.events[1].name: 'swearing-in' is declared twice",
        ),
    ],
)
def test_an_undeclared_or_wrongly_declared_word_is_located(
    write_brief: BriefWriter, change: tuple[str, str], message: str
) -> None:
    assert change[0] in BRIEF
    code, out, err = invoke("validate", str(write_brief(BRIEF.replace(*change))))
    assert code == ExitCode.INVALID_BRIEF
    lines = (out + err).splitlines()
    assert any(
        message in line and re.match(r"^\S+brief\.yaml:\d+:\d+: ", line) for line in lines
    ), lines


def test_files_of_one_brief_each_declare_words(write_brief: BriefWriter) -> None:
    main = write_brief(BRIEF.replace("    - {type: minister_in, class: membership}\n", ""))
    extra = write_brief(
        "meta: {title: More, as_of: '2018'}\n"
        "vocabulary:\n  relations:\n    - {type: minister_in, class: membership}\n",
        name="more.yaml",
    )
    code, out, err = invoke("validate", str(main), str(extra))
    assert code == 0, out + err


def test_every_complete_example_in_the_format_reference_is_a_valid_brief(
    write_brief: BriefWriter,
) -> None:
    reference = (ROOT / "docs" / "brief-format.md").read_text(encoding="utf-8")
    examples = [
        b for b in re.findall(r"```yaml\n(.*?)```", reference, re.DOTALL) if b.startswith("meta:")
    ]
    assert len(examples) >= 2
    for number, example in enumerate(examples):
        path = write_brief(example, name=f"example-{number}.yaml")
        code, out, err = invoke("validate", str(path))
        assert code == 0, f"example {number}:\n{example}\n{out}{err}"
