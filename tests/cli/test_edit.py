"""Specification of `briefcli edit ID` (issue 22, item 3): the record opens in the user's editor
as a small YAML document (its own lines, dedented, comments included); on save the brief is
checked, and the record's lines alone are replaced. An edit that cannot be used reopens the
editor with the problems as `#` lines at the top, as `git commit` does; saved unchanged
nothing is written, saved empty the edit is aborted. Bad input is one line on stderr with its
exit code, and the brief on disk exactly as it was.

The editor in these tests is real: a small Python script given as $EDITOR, which changes the
document as a person would and keeps a copy of each document it was given."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from briefcli.authoring.editing import InPlace, record_text
from briefcli.authoring.layout import BriefText
from briefcli.brief import yamlsafe
from briefcli.brief.model import SECTIONS
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import BUNDLED_BRIEF, OPENAI_BRIEF, TEST_BRIEFS, as_unprivileged, copy_harbour

runner = CliRunner()

CLAIM = "c-usf-separate-deal"
# Its credibility line, the one line the tests change; a comment the tests put inside it.
CREDIBILITY = "    credibility: 3\n"
COMMENT = "    # Brennan's words as the Courier gives them.\n"

# An editor: reads the document, records it (`seen/<opened>-<name>`), runs the test's
# statements on `text` (`opened` is how many times it ran before), writes `text` back.
EDITOR_SCRIPT = """\
import pathlib, sys
path = pathlib.Path(sys.argv[1])
work = pathlib.Path({work!r})
counter = work / "opened"
opened = int(counter.read_text()) if counter.exists() else 0
counter.write_text(str(opened + 1))
text = path.read_text(encoding="utf-8")
(work / "seen").mkdir(exist_ok=True)
(work / "seen" / f"{{opened}}-{{path.name}}").write_text(text, encoding="utf-8")
{statements}
path.write_text(text, encoding="utf-8")
"""


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The folder the document is written in goes under the test's own folder (each test
    that edits the harbour copy)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.fixture
def harbour(tmp_path: Path, temporary_folder: Path) -> Path:
    """A copy of the harbour brief, with a comment inside the claim the tests edit."""
    brief = copy_harbour(tmp_path / "brief")
    text = brief.read_text(encoding="utf-8")
    assert text.count(f"  - id: {CLAIM}\n") == 1
    at = text.index(CREDIBILITY, text.index(f"  - id: {CLAIM}\n"))
    brief.write_text(text[:at] + COMMENT + text[at:], encoding="utf-8")
    return brief


def editor(tmp_path: Path, statements: str) -> str:
    """$EDITOR for a script that runs these statements on the document's `text`."""
    work = tmp_path / "editor"
    work.mkdir(exist_ok=True)
    script = work / f"editor-{len(list(work.glob('editor-*.py')))}.py"
    script.write_text(EDITOR_SCRIPT.format(work=str(work), statements=statements), "utf-8")
    return shlex.join([sys.executable, script.as_posix()])


def seen(tmp_path: Path) -> list[str]:
    """The documents the editor was given, in order."""
    found = sorted(
        (tmp_path / "editor" / "seen").iterdir(), key=lambda p: int(p.name.split("-")[0])
    )
    return [path.read_text(encoding="utf-8") for path in found]


def edit(brief: Path, record_id: str, command: str | None, **env: str | None) -> Result:
    """`briefcli --brief BRIEF edit ID` with this $EDITOR (no $VISUAL unless given)."""
    return runner.invoke(
        app,
        ["--brief", str(brief), "edit", record_id],
        env={"VISUAL": None, "EDITOR": command, **env},
    )


def test_a_changed_field_is_the_only_change_in_the_file(harbour: Path, tmp_path: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    changed = editor(tmp_path, "text = text.replace('credibility: 3', 'credibility: 2')")

    result = edit(harbour, CLAIM, changed)

    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == f"briefcli: note: edited claim {CLAIM} in {harbour}\n"
    at = before.index(COMMENT)
    assert harbour.read_text(encoding="utf-8") == (
        before[:at] + COMMENT + "    credibility: 2\n" + before[at + len(COMMENT + CREDIBILITY) :]
    )
    [document] = seen(tmp_path)
    assert document.startswith(f"id: {CLAIM}\nstatement: Liam Brennan says")
    assert COMMENT.strip() + "\ncredibility: 3\nexcerpt: >-\n  USF president" in document
    assert runner.invoke(app, ["validate", str(harbour)]).exit_code == ExitCode.OK


def test_the_document_is_named_after_the_record_in_a_private_folder_removed_after(
    harbour: Path, tmp_path: Path, temporary_folder: Path
) -> None:
    statements = (
        "import os, stat\n"
        "mode = stat.S_IMODE(os.stat(path.parent).st_mode)\n"
        "text += f'# {path.name} {mode:o}'"
    )
    result = edit(harbour, "src-courier", editor(tmp_path, statements))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "# src-courier.yaml 700\n" in harbour.read_text(encoding="utf-8")
    assert list(temporary_folder.iterdir()) == []


def test_a_banner_above_the_next_record_is_not_shown_nor_moved(
    tmp_path: Path, temporary_folder: Path
) -> None:
    folder = tmp_path / "brief"
    shutil.copytree(TEST_BRIEFS / "sources", folder / "sources")
    brief = Path(shutil.copy(OPENAI_BRIEF, folder / "openai.yaml"))
    before = brief.read_text(encoding="utf-8")
    banner = "\n  # The Straits Times, 20 November 2023\n  - id: src-straitstimes\n"
    assert banner in before
    changed = editor(tmp_path, "text = text.replace('confidence: moderate', 'confidence: high')")

    result = edit(brief, "src-brockman-x-propakistani", changed)

    assert result.exit_code == ExitCode.OK, result.stderr
    [document] = seen(tmp_path)
    assert document.endswith('posted "shortly after" Friday\'s announcement.\n')
    at = before.index("      confidence: moderate\n", before.index("src-brockman-x-propakistani"))
    assert at < before.index(banner)
    assert brief.read_text(encoding="utf-8") == (
        before[:at]
        + "      confidence: high\n"
        + before[at + len("      confidence: moderate\n") :]
    )


def test_saved_unchanged_nothing_is_written(harbour: Path, tmp_path: Path) -> None:
    before = harbour.stat()
    result = edit(harbour, "hdwu", editor(tmp_path, "pass"))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == "briefcli: note: no changes to actor hdwu: the brief is unchanged\n"
    after = harbour.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_an_invalid_edit_reopens_with_its_problems_at_the_top_then_is_written(
    harbour: Path, tmp_path: Path
) -> None:
    before = harbour.read_text(encoding="utf-8")
    statements = """
if opened == 0:
    text = text.replace("credibility: 3", "credibility: x")
else:
    text = text.replace("credibility: x", "credibility: 5")
"""
    result = edit(harbour, CLAIM, editor(tmp_path, statements))

    assert result.exit_code == ExitCode.OK, result.stderr
    first, second = seen(tmp_path)
    header, body = second.split("# These lines starting with # are left out.\n")
    assert body == first.replace("credibility: 3", "credibility: x")
    lines = second.splitlines()
    line = lines.index("credibility: x") + 1
    assert header.splitlines() == [
        f"# briefcli: this edit of claim {CLAIM} was not written:",
        f"#   line {line}, column 14: credibility: a string 'x' is not allowed; expected one "
        "of: 1, 2, 3, 4, 5, 6",
        "# Fix it and save to try again, or save an empty file to abort (the brief is unchanged).",
    ]
    assert harbour.read_text(encoding="utf-8") == before.replace(
        COMMENT + CREDIBILITY, COMMENT + "    credibility: 5\n"
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            "text += 'bad: [usf\\n'",
            "#   line 17, column 1: while parsing a flow sequence: did not find expected ','",
        ),
        ("text += 'colour: red\\n'", "#   line 16, column 1: colour: unknown field; allowed: id,"),
        (
            "text = text.replace('source: src-lindqvist', 'source: src-nobody')",
            "#   line 7, column 9: source: unknown source id 'src-nobody'",
        ),
        (
            f"text = text.replace('id: {CLAIM}', 'id: c-stay-out')",
            f"#   line 5, column 5: id: 'c-stay-out' is the id of another record; keep '{CLAIM}',",
        ),
        (
            f"text = text.replace('id: {CLAIM}', 'id: c-renamed')",
            f"#   line 5, column 5: id: '{CLAIM}' is still referred to by r-brennan-leads-usf "
            "(claims), r-usf-aligned-meridian (claims), e-usf-agreement (claims), "
            "kj-single-settlement (claims); keep it, or change those",
        ),
    ],
    ids=["yaml", "unknown-field", "unknown-reference", "id-taken", "id-referred-to"],
)
def test_each_kind_of_problem_is_shown_at_the_top_and_nothing_is_written(
    harbour: Path, tmp_path: Path, change: str, problem: str
) -> None:
    before = harbour.read_bytes()
    statements = f"if opened == 0:\n    {change}\nelse:\n    text = ''"
    result = edit(harbour, CLAIM, editor(tmp_path, statements))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "briefcli: error: edit aborted: the record was saved empty (hint: the brief is unchanged)\n"
    )
    reopened = seen(tmp_path)[1]
    assert any(line.startswith(problem) for line in reopened.splitlines()), reopened
    assert harbour.read_bytes() == before


def test_an_id_nothing_refers_to_can_be_changed(harbour: Path, tmp_path: Path) -> None:
    text = harbour.read_text(encoding="utf-8")
    note = "n-usf-deal-terms"
    assert text.count(note) == 1
    result = edit(harbour, note, editor(tmp_path, f"text = text.replace('{note}', 'n-deal')"))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == f"briefcli: note: edited note {note} (now n-deal) in {harbour}\n"
    assert harbour.read_text(encoding="utf-8") == text.replace(note, "n-deal")


@pytest.mark.parametrize(
    "statements",
    ["text = ''", "text = '# nothing left\\n\\n'"],
    ids=["empty", "only-comments"],
)
def test_saved_empty_the_edit_is_aborted(harbour: Path, tmp_path: Path, statements: str) -> None:
    before = harbour.read_bytes()
    result = edit(harbour, CLAIM, editor(tmp_path, statements))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "edit aborted" in result.stderr
    assert harbour.read_bytes() == before


def test_reopened_and_saved_again_unchanged_the_edit_is_aborted(
    harbour: Path, tmp_path: Path
) -> None:
    before = harbour.read_bytes()
    statements = "if opened == 0:\n    text = text.replace('credibility: 3', 'credibility: 9')"
    result = edit(harbour, CLAIM, editor(tmp_path, statements))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith(
        f"briefcli: error: edit aborted: claim {CLAIM}: credibility: an integer 9 is not allowed"
    )
    assert len(seen(tmp_path)) == 2
    assert harbour.read_bytes() == before


def test_a_script_that_never_mends_its_edit_is_stopped(harbour: Path, tmp_path: Path) -> None:
    before = harbour.read_bytes()
    result = edit(harbour, CLAIM, editor(tmp_path, "text += f'colour{opened}: red\\n'"))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "the editor gave no usable edit in 5 tries" in result.stderr
    assert len(seen(tmp_path)) == 5
    assert harbour.read_bytes() == before


def test_an_unknown_id_suggests_close_ones(harbour: Path, tmp_path: Path) -> None:
    result = edit(harbour, "c-usf-separate", editor(tmp_path, "text = ''"))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith(
        f"briefcli: error: no record has the id 'c-usf-separate' (hint: did you mean {CLAIM}, "
    )
    assert not (tmp_path / "editor" / "seen").exists()


def test_a_brief_changed_on_disk_meanwhile_is_kept_and_the_edit_too(
    harbour: Path, tmp_path: Path
) -> None:
    # The editor saves the brief itself (another window), then the record.
    statements = (
        f"with open({str(harbour)!r}, 'a', encoding='utf-8') as brief:\n"
        "    brief.write('# saved in another window\\n')\n"
        "text = text.replace('credibility: 3', 'credibility: 2')"
    )
    before = harbour.read_text(encoding="utf-8")
    result = edit(harbour, CLAIM, editor(tmp_path, statements))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert result.stderr.startswith(
        f"briefcli: error: {harbour} changed on disk while briefcli was changing it (hint: "
        "nothing was written; run the command again; your edit is in "
    )
    assert harbour.read_text(encoding="utf-8") == before + "# saved in another window\n"
    kept = Path(result.stderr.rsplit("your edit is in ", 1)[1].removesuffix(")\n"))
    assert kept.name == f"{CLAIM}.yaml"
    assert "credibility: 2\n" in kept.read_text(encoding="utf-8")


def test_a_read_only_brief_is_refused_before_the_editor_opens(
    shared_tmp: Path, tmp_path: Path
) -> None:
    # As an unprivileged user (root may write any file): a brief that user may not write.
    folder = shared_tmp / "brief"
    brief = copy_harbour(folder)
    for path in (folder, folder / "sources"):
        path.chmod(0o755)
    brief.chmod(0o444)
    before = brief.read_bytes()
    command = [str(Path(sys.executable).with_name("briefcli")), "--brief", str(brief)]
    completed = subprocess.run(
        as_unprivileged([*command, "edit", CLAIM]),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "BRIEFCLI_NO_CACHE": "1", "EDITOR": "touch"},
        check=False,
    )
    assert completed.returncode == ExitCode.OUTPUT_ERROR, completed.stderr
    assert completed.stderr == f"briefcli: error: {brief}: the file is read-only\n"
    assert brief.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "code", "message"),
    [
        (
            f"{shlex.quote(sys.executable)} -c 'raise SystemExit(1)'",
            ExitCode.NOT_FOUND,
            "briefcli: error: the editor {command} exited with status 1: edit aborted "
            "(hint: the brief is unchanged)\n",
        ),
        (
            "no-such-editor --wait",
            ExitCode.USAGE,
            "briefcli: error: cannot run the editor 'no-such-editor': No such file or "
            "directory (hint: set VISUAL or EDITOR to your editor's command)\n",
        ),
    ],
    ids=["fails", "missing"],
)
def test_an_editor_that_fails_or_is_missing_is_one_line_and_the_brief_unchanged(
    harbour: Path, command: str, code: ExitCode, message: str
) -> None:
    before = harbour.read_bytes()
    result = edit(harbour, CLAIM, command)
    assert result.exit_code == code
    assert result.stderr == message.format(command=repr(shlex.join(shlex.split(command))))
    assert harbour.read_bytes() == before


def test_visual_comes_before_editor(harbour: Path, tmp_path: Path) -> None:
    visual = editor(tmp_path, "text = text.replace('credibility: 3', 'credibility: 2')")
    result = edit(harbour, CLAIM, "no-such-editor", VISUAL=visual)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert COMMENT + "    credibility: 2\n" in harbour.read_text(encoding="utf-8")


def test_not_at_a_terminal_an_editor_must_be_named(harbour: Path) -> None:
    before = harbour.read_bytes()
    result = edit(harbour, CLAIM, None)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(
        "briefcli: error: no editor: standard input is not a terminal, and neither $VISUAL nor "
        "$EDITOR is set (hint: set EDITOR to "
    )
    assert harbour.read_bytes() == before


def test_the_bundled_brief_is_never_changed(tmp_path: Path, bundled_stand_in: Path) -> None:
    before = bundled_stand_in.read_bytes()
    result = edit(bundled_stand_in, "hadi-al-amiri", editor(tmp_path, "text += 'x: 1\\n'"))
    assert result.exit_code == ExitCode.USAGE
    assert "the bundled brief is not changed" in result.stderr
    assert bundled_stand_in.read_bytes() == before


def test_a_file_the_in_place_cut_declines_is_edited_through_a_round_trip(
    harbour: Path, tmp_path: Path
) -> None:
    # CR LF line ends: the record's lines cannot be cut in place.
    harbour.write_bytes(harbour.read_bytes().replace(b"\n", b"\r\n"))
    before = yamlsafe.parse(harbour.read_text(encoding="utf-8"))
    changed = editor(tmp_path, "text = text.replace('credibility: 3', 'credibility: 2')")

    result = edit(harbour, CLAIM, changed)

    assert result.exit_code == ExitCode.OK, result.stderr
    assert seen(tmp_path)[0].startswith(f"id: {CLAIM}\n")
    after = yamlsafe.parse(harbour.read_text(encoding="utf-8"))
    [position] = [i for i, claim in enumerate(before["claims"]) if claim["id"] == CLAIM]
    before["claims"][position]["credibility"] = 2
    assert after == before
    assert COMMENT.strip() in harbour.read_text(encoding="utf-8")


@pytest.mark.parametrize("brief", [BUNDLED_BRIEF, *sorted(TEST_BRIEFS.glob("*.yaml"))], ids=str)
def test_every_record_written_back_as_it_was_shown_leaves_the_file_as_it_was(
    brief: Path,
) -> None:
    """What the editor is shown, put back unchanged, gives the same bytes: the cut, the
    dedent and the re-indent lose nothing (comments, quoting, blank lines) in any record."""
    data = brief.read_bytes()
    text = BriefText(data)
    for section in SECTIONS:
        for position in range(text.count(section)):
            record = record_text(data, section, position)
            assert isinstance(record, InPlace), (section, position)
            assert record.replaced(record.document) == data, (section, position)
