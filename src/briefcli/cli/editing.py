"""`briefcli edit ID`: one record opened in the user's editor, checked on save (opened again
with the problems, like `git commit`, until it is right or abandoned) and written back in
place. The brief it changes is chosen as for `add` and `rm` (see cli.authoring.target)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from briefcli import console
from briefcli.cli._app import app, fail, load_paths
from briefcli.cli.authoring import refusals, target
from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from briefcli.authoring.editing import Problem, RecordText
    from briefcli.authoring.writing import BriefOnDisk
    from briefcli.store.tables import BriefIndex

# The editor when neither $VISUAL nor $EDITOR names one (as for git).
DEFAULT_EDITOR = "vi"
# How many times an editor run by a script (standard input not a terminal) is given the
# problems before the edit is aborted: a script that changes its edit each time without
# mending it would otherwise run for ever. A person at a terminal stops when they choose.
SCRIPTED_ROUNDS = 5

_NOT_IN_A_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UNCHANGED = "the brief is unchanged"


@app.command()
def edit(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The record's id: a source, actor, place, relation, event, claim or note.",
        ),
    ],
) -> None:
    """Edit one record in your editor; checked, then written back.

    The record opens as a small YAML document, with its comments and quoting; the editor is
    $VISUAL, else $EDITOR, else vi. If the edit cannot be used (YAML that does not parse, a
    field that fails the checks of `validate`, an id that is taken or still referred to), the
    editor opens again with the problems as # lines at the top. Saved unchanged, nothing is
    written; saved empty, the edit is aborted (exit 1). The rest of the file is left as it was.

    \b
    Examples:
      briefcli edit c-stay-out
      VISUAL="code --wait" briefcli edit hdwu      (a windowed editor must wait)
      EDITOR="sed -i s/credibility:.*/credibility:\\ 3/" briefcli edit c-stay-out
    """
    import shutil
    import tempfile

    from briefcli.authoring.editing import record_text
    from briefcli.authoring.writing import BriefOnDisk, NotWritten

    path = target(ctx)
    editor = editor_command()
    with refusals():
        on_disk = BriefOnDisk(path)
        if not os.access(on_disk.path, os.W_OK):  # said now, not after the user's work
            raise NotWritten(f"{on_disk.shown}: the file is read-only", ExitCode.OUTPUT_ERROR)
        index = on_disk.remember(load_paths([path]))
        section, position = located(index, record_id)
        record = record_text(on_disk.data, section, position, on_disk.layout, on_disk.records())
    what = f"{section.removesuffix('s')} {record_id}"
    folder = Path(tempfile.mkdtemp(prefix="briefcli-edit-"))  # private: mode 0700
    document = folder / f"{_NOT_IN_A_FILE_NAME.sub('-', record_id).strip('.-') or 'record'}.yaml"
    kept = False
    try:
        new, body = edited_in(editor, document, record, index, on_disk, what)
        if new is None:
            console.note(f"no changes to {what}: the brief is unchanged")
            return
        try:
            on_disk.replace(new)
        except NotWritten as refused:
            kept = True  # the user's work is not lost with the brief's write
            hint = f"{refused.hint or 'the brief is unchanged'}; your edit is in {document}"
            fail(refused.message, refused.code, hint)
    finally:
        if not kept:
            shutil.rmtree(folder, ignore_errors=True)
    new_id = _parsed(body).get("id")
    renamed = f" (now {new_id})" if new_id != record_id else ""
    console.note(f"edited {what}{renamed} in {path}")


def located(index: BriefIndex, record_id: str) -> tuple[str, int]:
    """The section and position of the record with this id (exit 1 with the closest ids if
    there is none)."""
    from briefcli.brief.model import SECTIONS

    for section in SECTIONS:
        position = getattr(index, section).position(record_id)
        if position is not None:
            return section, position
    import difflib

    from briefcli.authoring.records import all_ids

    close = difflib.get_close_matches(record_id, sorted(all_ids(index)), n=3)
    fail(
        f"no record has the id {record_id!r}",
        ExitCode.NOT_FOUND,
        f"did you mean {', '.join(close)}?" if close else None,
    )


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else vi (as git chooses), split into words as a shell would.
    Without a terminal, vi cannot be used: the editor must then be named."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "")
        try:
            words = shlex.split(value)
        except ValueError as error:
            fail(f"${variable} {value!r} cannot be read: {error}", ExitCode.USAGE)
        if words:
            return words
    if not _on_a_terminal():
        fail(
            "no editor: standard input is not a terminal, and neither $VISUAL nor $EDITOR is set",
            ExitCode.USAGE,
            'set EDITOR to a command that edits the file it is given (EDITOR="sed -i …")',
        )
    return [DEFAULT_EDITOR]


def edited_in(
    editor: list[str],
    document: Path,
    record: RecordText,
    index: BriefIndex,
    on_disk: BriefOnDisk,
    what: str,
) -> tuple[bytes | None, str]:
    """The brief with the record as edited in the editor, checked, and the edited document
    (None and the document when it was saved unchanged). The editor opens again with the
    problems while the edit cannot be used; saved empty, or again unchanged, it is aborted."""
    from briefcli.authoring.editing import (
        Problem,
        Unusable,
        edited,
        with_header,
        without_header,
    )

    shown = record.document
    unusable_edit: tuple[str, list[Problem]] | None = None  # the last that could not be used
    scripted, tries = not _on_a_terminal(), 0
    while True:
        document.write_text(shown, encoding="utf-8")
        run_editor(editor, document)
        text, not_utf8 = _read(document)
        body = without_header(text)
        if body.rstrip("\n") == record.document.rstrip("\n"):
            return None, body
        if not body.strip():
            fail("edit aborted: the record was saved empty", ExitCode.NOT_FOUND, _UNCHANGED)
        if unusable_edit is not None and body == unusable_edit[0]:  # shown the problems, no change
            first = unusable_edit[1][0].message
            fail(f"edit aborted: {what}: {first}", ExitCode.NOT_FOUND, _UNCHANGED)
        if not_utf8:
            problems = [Problem(f"the file is not UTF-8 text ({not_utf8}): save it as UTF-8")]
        else:
            try:
                return edited(record, body, index, on_disk), body
            except Unusable as unusable:
                problems = unusable.problems
        tries += 1
        if scripted and tries == SCRIPTED_ROUNDS:
            fail(
                f"edit aborted: {what}: {problems[0].message}",
                ExitCode.NOT_FOUND,
                f"the editor gave no usable edit in {SCRIPTED_ROUNDS} tries; {_UNCHANGED}",
            )
        unusable_edit = body, problems
        shown = with_header(body, problems, what)


def run_editor(editor: list[str], document: Path) -> None:
    """Open the document in the editor and wait until it quits. Meanwhile Ctrl-C and Ctrl-\\
    are the editor's (vi reads them as keys), not briefcli's, as for git; an editor that
    fails ends the command, the brief unchanged."""
    try:
        process = subprocess.Popen([*editor, str(document)])
    except OSError as error:
        fail(
            f"cannot run the editor {editor[0]!r}: {error.strerror or error}",
            ExitCode.USAGE,
            "set VISUAL or EDITOR to your editor's command",
        )
    ignored = (signal.SIGINT, signal.SIGQUIT)
    before = [signal.signal(signum, signal.SIG_IGN) for signum in ignored]
    try:
        status = process.wait()
    finally:
        for signum, handler in zip(ignored, before, strict=True):
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        if process.poll() is None:  # briefcli was stopped (SIGTERM, SIGHUP): so is the editor
            process.terminate()
    if status != 0:
        how = f"exited with status {status}" if status > 0 else f"was stopped by signal {-status}"
        fail(
            f"the editor {shlex.join(editor)!r} {how}: edit aborted", ExitCode.NOT_FOUND, _UNCHANGED
        )


def _on_a_terminal() -> bool:
    """Whether a person is at the keyboard: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _read(document: Path) -> tuple[str, str]:
    """The document as saved (empty if the editor removed it), and why it is not UTF-8 ("" if
    it is: then its bad bytes are shown as U+FFFD for the user to mend)."""
    try:
        data = document.read_bytes()
    except FileNotFoundError:
        return "", ""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as error:
        return data.decode("utf-8-sig", errors="replace"), f"byte {error.start + 1}"


def _parsed(body: str) -> dict[str, Any]:
    """An edited record that was checked (so its YAML is a mapping), as data."""
    from briefcli.brief import yamlsafe

    record = yamlsafe.parse(body)
    return record if isinstance(record, dict) else {}
