"""Specification of the authoring commands (issue 22): `init` starts a brief, `add` adds one
record, `rm` takes one out, `fmt` writes a brief in canonical form. Each change is checked as
`validate` checks a brief before the file is replaced; bad input is one line on stderr with its
exit code, and the brief on disk is then exactly as it was."""

from __future__ import annotations

import difflib
import errno
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from briefcli.authoring import writing
from briefcli.brief import yamlsafe
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import BUNDLED_BRIEF, BriefWriter, Golden, copy_harbour

runner = CliRunner()


def run(brief: Path, *args: str) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args])


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path)


def records(brief: Path, section: str) -> list[dict[str, object]]:
    return yamlsafe.parse(brief.read_text(encoding="utf-8"))[section]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- init


def test_init_starts_a_valid_brief_with_its_schema_sources_and_readme(tmp_path: Path) -> None:
    folder = tmp_path / "strike"
    result = runner.invoke(app, ["--as-of", "2024-03", "init", str(folder), "--title", "A strike"])
    assert result.exit_code == 0, result.stderr
    text = (folder / "brief.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=brief.schema.json\n")
    assert 'as_of: "2024-03"' in text and "title: A strike" in text
    assert (folder / "sources").is_dir() and (folder / "README.md").is_file()
    assert '"$schema"' in (folder / "brief.schema.json").read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate", str(folder / "brief.yaml")]).exit_code == 0


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "README.md exists: nothing written" in result.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "brief.yaml").exists()


# ---------------------------------------------------------------- add


def test_add_prints_the_new_id_and_changes_only_the_lines_it_adds(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    result = run(harbour, "add", "actor", "Jane", "Doe", "--kind", "person", "--alias", "JD=short")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "jane-doe\n"
    assert f"added actor jane-doe at {harbour}:" in result.stderr
    after = harbour.read_text(encoding="utf-8")
    added = "  - id: jane-doe\n    name: Jane Doe\n    kind: person\n    aliases:\n"
    assert after.replace(added + "      - name: JD\n        form: short\n", "", 1) == before


def test_add_resolves_names_to_ids_and_follows_the_briefs_id_prefixes(harbour: Path) -> None:
    result = run(harbour, "add", "relation", "Grace", "Okafor", "rival_of", "Emeka Okafor")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "r-grace-okafor-rival-of-emeka-okafor\n"
    assert records(harbour, "relations")[-1] == {
        "id": "r-grace-okafor-rival-of-emeka-okafor",
        "subject": "grace-okafor",
        "type": "rival_of",
        "object": "emeka-okafor",
    }


def test_an_excerpt_not_in_the_stored_text_is_refused_with_the_closest_passage(
    harbour: Path,
) -> None:
    before = harbour.read_bytes()
    claim = ["add", "claim", "The union stays out", "--source", "src-courier", "--credibility",
             "2", "--excerpt"]  # fmt: skip
    result = run(harbour, *claim, "stay out until every job is guaranteed")
    assert result.exit_code == 0, result.stderr  # verbatim: found
    result = run(harbour, *claim, "stay out until all jobs are guaranteed")
    assert result.exit_code == ExitCode.INVALID_BRIEF
    line = result.stderr.strip()
    assert "excerpt not found" in line and "closest, line 10:" in line
    assert "stay out until every job is guaranteed" in line and "--from-line" in line
    assert len(result.stderr.splitlines()) == 1
    assert harbour.read_bytes() != before  # the first claim is there; the second is not
    assert [c["statement"] for c in records(harbour, "claims")].count("The union stays out") == 1


def test_from_line_takes_the_excerpt_from_the_stored_text(harbour: Path) -> None:
    result = run(harbour, "add", "claim", "The terminal stood idle", "--source", "src-courier",
                 "--credibility", "2", "--from-line", "8")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    excerpt = str(records(harbour, "claims")[-1]["excerpt"])
    assert excerpt.startswith("Kilbarra's container terminal stood idle again on Thursday")
    blank = run(harbour, "add", "claim", "x", "--source", "src-courier", "--credibility", "2",
                "--from-line", "3-3")  # fmt: skip
    assert blank.exit_code == ExitCode.USAGE and "those lines are blank" in blank.stderr


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["actor", "Grace Okafor", "--kind", "person", "--id", "grace-okafor"], 1, "is taken"),
        (["relation", "Nobody Known", "leads", "HDWU"], 1, "no actor matches 'Nobody Known'"),
        (["actor", "X", "--kind", "persn"], 2, "'persn' is not one of"),
        (["event", "E", "--kind", "meetng"], 2, "did you mean meeting"),
        (["claim", "x", "--source", "src-courier", "--credibility", "9", "--excerpt", "x"], 2,
         "9 is not in the range 1<=x<=6"),
        (["place", "P", "--within", "Atlantis"], 1, "no place 'Atlantis'"),
        (["event", "E", "--kind", "meeting", "--date", "2024-13-45"], 3, "date.value"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_with_its_exit_code_and_the_brief_unchanged(
    harbour: Path, args: list[str], code: int, said: str
) -> None:
    before = harbour.read_bytes()
    result = run(harbour, "add", *args)
    assert result.exit_code == code, result.stderr
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("briefcli: error: ")
    assert harbour.read_bytes() == before


def test_a_read_only_brief_is_not_written(harbour: Path) -> None:
    harbour.chmod(0o444)
    before = harbour.read_bytes()
    result = run(harbour, "add", "actor", "Jane Doe", "--kind", "person")
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "the file is read-only" in result.stderr
    assert harbour.read_bytes() == before


def test_a_brief_changed_on_disk_meanwhile_is_not_overwritten(
    harbour: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = writing.BriefOnDisk.checked

    def someone_else_saves(
        self: writing.BriefOnDisk, new: bytes, change: writing.Change | None = None
    ) -> object:
        found = checked(self, new, change)
        with harbour.open("a", encoding="utf-8") as stream:
            stream.write("# saved by an editor meanwhile\n")
        return found

    monkeypatch.setattr(writing.BriefOnDisk, "checked", someone_else_saves)
    result = run(harbour, "add", "actor", "Jane Doe", "--kind", "person")
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "changed on disk while briefcli was changing it" in result.stderr
    assert harbour.read_text(encoding="utf-8").endswith("# saved by an editor meanwhile\n")
    assert "jane-doe" not in harbour.read_text(encoding="utf-8")


def test_a_full_disk_leaves_the_brief_and_no_temporary_file(
    harbour: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    before = harbour.read_bytes()
    result = run(harbour, "add", "actor", "Jane Doe", "--kind", "person")
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "No space left on device" in result.stderr
    assert harbour.read_bytes() == before
    assert sorted(p.name for p in harbour.parent.iterdir()) == ["harbour.yaml", "sources"]


def test_the_bundled_brief_is_never_changed(bundled_stand_in: Path) -> None:
    before = bundled_stand_in.read_bytes()
    result = run(bundled_stand_in, "add", "actor", "Jane Doe", "--kind", "person")
    assert result.exit_code == ExitCode.USAGE and "bundled brief is not changed" in result.stderr
    assert bundled_stand_in.read_bytes() == before


def test_without_a_brief_add_changes_brief_yaml_here_or_says_how_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["add", "actor", "Jane Doe", "--kind", "person"])
    assert result.exit_code == ExitCode.USAGE and "briefcli init" in result.stderr
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["add", "actor", "Jane Doe", "--kind", "person"])
    assert result.exit_code == 0, result.stderr
    assert records(tmp_path / "brief.yaml", "actors") == [
        {"id": "jane-doe", "name": "Jane Doe", "kind": "person"}
    ]


# ---------------------------------------------------------------- rm


def test_rm_refuses_while_others_refer_to_the_record_and_lists_them(harbour: Path) -> None:
    before = harbour.read_bytes()
    result = run(harbour, "rm", "src-courier")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "'src-courier' is referred to by" in result.stderr and "--cascade" in result.stderr
    assert harbour.read_bytes() == before


def test_rm_takes_out_only_the_records_lines(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    result = run(harbour, "rm", "n-usf-deal-terms")
    assert result.exit_code == 0, result.stderr
    after = harbour.read_text(encoding="utf-8")
    assert after == before.replace(
        "  - id: n-usf-deal-terms\n    kind: gap\n"
        "    text: The terms of the USF's separate agreement are not reported.\n"
        "    concerns: [e-usf-agreement, r-usf-aligned-meridian]\n",
        "",
    )


def test_rm_cascade_removes_what_cannot_stand_without_it_and_drops_references(
    harbour: Path,
) -> None:
    result = run(harbour, "rm", "emeka-okafor", "--cascade")
    assert result.exit_code == 0, result.stderr
    text = harbour.read_text(encoding="utf-8")
    assert "emeka-okafor" not in text.replace("# ", "")  # not in any record
    assert "r-emeka-okafor-meridian" in result.stderr  # its relation went with it
    assert "# A second, unrelated brief for the test suite" in text  # comments kept
    assert runner.invoke(app, ["validate", str(harbour)]).exit_code == 0


def test_rm_an_unknown_id_suggests_close_ones(harbour: Path) -> None:
    result = run(harbour, "rm", "n-usf-deal-term")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean n-usf-deal-terms" in result.stderr


# ---------------------------------------------------------------- fmt


def test_fmt_check_fails_with_a_diff_then_fmt_formats_and_is_idempotent(harbour: Path) -> None:
    check = run(harbour, "fmt", "--check")
    assert check.exit_code == ExitCode.NOT_FOUND
    assert check.stdout.startswith(f"--- {harbour}\n+++ {harbour} (formatted)\n")
    assert run(harbour, "fmt").exit_code == 0
    once = harbour.read_bytes()
    assert run(harbour, "fmt", "--check").exit_code == 0
    assert run(harbour, "fmt").exit_code == 0
    assert harbour.read_bytes() == once
    assert b"# A second, unrelated brief for the test suite" in once
    assert runner.invoke(app, ["validate", str(harbour)]).exit_code == 0


def test_fmt_puts_keys_in_the_formats_order_and_quotes_dates(write_brief: BriefWriter) -> None:
    brief = write_brief(
        "actors:\n  - kind: person\n    name: A\n    id: a\n"
        "meta:\n  as_of: 2024-03-15\n  title: T  # the title\n"
    )
    assert run(brief, "fmt").exit_code == 0
    assert brief.read_text(encoding="utf-8") == (
        'meta:\n  title: T  # the title\n  as_of: "2024-03-15"\n'
        "actors:\n  - id: a\n    name: A\n    kind: person\n"
    )


# ---------------------------------------------------------------- asked at a terminal

SCRIPT = Path(sys.executable).with_name("briefcli")


def converse(argv: list[str], answers: list[tuple[str, str]], timeout: float = 60) -> str:
    """Run briefcli on a pseudo-terminal (stdin, stdout and stderr), answering each question
    when its text appears; everything it showed."""
    import pty
    import select
    import subprocess

    controller, terminal = pty.openpty()
    environment = {**os.environ, "TERM": "dumb", "COLUMNS": "100"}
    process = subprocess.Popen(
        [str(SCRIPT), *argv], stdin=terminal, stdout=terminal, stderr=terminal, env=environment
    )
    os.close(terminal)
    shown = b""
    waiting = list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        if waiting and waiting[0][0].encode() in shown.rsplit(b"\n", 1)[-1]:
            os.write(controller, waiting.pop(0)[1].encode() + b"\n")
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=timeout)
    os.close(controller)
    return shown.decode("utf-8", "replace")


def test_at_a_terminal_what_is_missing_is_asked_with_completion(harbour: Path) -> None:
    shown = converse(
        ["--brief", str(harbour), "add", "relation"],
        [("Subject", "Grace Ok\t"), ("Relation", "rival_of"), ("Object", "Emeka Okafor")],
    )
    assert "Grace Okafor" in shown  # Tab completed the name
    assert records(harbour, "relations")[-1]["subject"] == "grace-okafor"
    shown = converse(
        ["--brief", str(harbour), "add", "note", "The mediator is not named"],
        [("Kind", "gaps"), ("Kind", "gap")],
    )
    assert "'gaps' is not one of" in shown
    assert records(harbour, "notes")[-1]["kind"] == "gap"


def test_not_at_a_terminal_a_missing_value_is_a_usage_error_not_a_prompt(harbour: Path) -> None:
    result = run(harbour, "add", "note", "The mediator is not named")
    assert result.exit_code == ExitCode.USAGE
    assert "missing --kind" in result.stderr


# ---------------------------------------------------------------- comments survive


def test_add_edit_and_rm_change_only_their_records_lines_as_the_golden_diff(
    tmp_path: Path, golden: Golden
) -> None:
    """On the bundled brief (banners, comments inside and between records, folded texts), an
    actor added, a claim edited and a note removed: the whole change is the golden diff, and
    every comment is still there."""
    shutil.copytree(BUNDLED_BRIEF.parent, tmp_path / "data")
    brief = tmp_path / "data" / "brief.yaml"
    before = brief.read_text(encoding="utf-8")
    added = run(brief, "add", "actor", "Jane Doe", "--kind", "person", "--type", "journalist")
    assert added.exit_code == 0, added.stderr
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text().replace('credibility: 3', 'credibility: 2'))\n",
        encoding="utf-8",
    )
    edited = runner.invoke(
        app,
        ["--brief", str(brief), "edit", "c-lead-agreement"],
        env={"VISUAL": None, "EDITOR": f"{sys.executable} {script}"},
    )
    assert edited.exit_code == 0, edited.stderr
    assert run(brief, "rm", "n-popular-crowd").exit_code == 0
    after = brief.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "before", "after"
        )
    )
    golden("authoring/add-edit-rm.diff", diff)
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert runner.invoke(app, ["validate", str(brief)]).exit_code == 0


def test_a_file_the_in_place_cut_declines_gets_the_record_through_a_round_trip(
    write_brief: BriefWriter,
) -> None:
    """CR LF line ends: the record goes in through ruamel's round trip, comments kept."""
    brief = write_brief(
        "# the team's brief\r\nmeta:\r\n  title: T\r\n  as_of: '2024'\r\n"
        "actors:\r\n  - id: a  # the first\r\n    name: A\r\n    kind: person\r\n"
    )
    result = run(brief, "add", "actor", "Jane Doe", "--kind", "person")
    assert result.exit_code == 0, result.stderr
    assert f"added actor jane-doe at {brief}:9" in result.stderr  # after the 8 lines
    text = brief.read_text(encoding="utf-8")
    assert "# the team's brief" in text and "# the first" in text
    assert records(brief, "actors")[-1] == {"id": "jane-doe", "name": "Jane Doe", "kind": "person"}


def test_a_text_that_keeps_its_trailing_lines_keeps_them_when_records_follow_or_go(
    tmp_path: Path,
) -> None:
    assert runner.invoke(app, ["init", str(tmp_path), "--title", "T"]).exit_code == 0
    brief = tmp_path / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    kept = "  - id: n-one\n    kind: gap\n    text: |+\n      Kept lines follow.\n\n\n"
    brief.write_text(text.replace("notes: []\n", "notes:\n" + kept), encoding="utf-8")
    assert run(brief, "add", "note", "Another gap", "--kind", "gap").exit_code == 0
    assert [note["text"] for note in records(brief, "notes")] == [
        "Kept lines follow.\n\n\n",
        "Another gap",
    ]
    assert run(brief, "rm", "n-another-gap").exit_code == 0
    assert [note["text"] for note in records(brief, "notes")] == ["Kept lines follow.\n\n\n"]


def test_the_words_of_a_name_split_by_options_are_refused_not_joined(harbour: Path) -> None:
    """`--role-of Kilbarra Council` gives the option "Kilbarra": "Council" would have joined
    the actor's name ("Jane Doe Council") and been written so."""
    before = harbour.read_bytes()
    args = ["add", "actor", "Jane", "Doe", "--kind", "person", "--role", "Clerk"]
    result = run(harbour, *args, "--role-of", "Kilbarra", "Council")
    assert result.exit_code == ExitCode.USAGE
    assert "the words of NAME are split by options: 'Jane Doe Council'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert harbour.read_bytes() == before
    # Typed together, the words are one name, wherever the options go.
    assert run(harbour, "add", "actor", "--kind", "person", "Jane", "Doe").exit_code == 0
    assert records(harbour, "actors")[-1]["name"] == "Jane Doe"
