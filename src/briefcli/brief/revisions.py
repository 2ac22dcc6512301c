"""A brief as it was at a git revision, or as read from standard input, written out (with the
stored texts it names, at that revision) into a folder of its own, so that it loads like any
brief. Nothing is written where the user's files are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefcli.brief.loader import BriefError, Problem, check_contents
from briefcli.brief.stored_texts import max_bytes, stored_text_path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise BriefError([Problem(str(folder), "git is not installed")]) from None


def is_revision(folder: Path, word: str) -> bool:
    """Whether `word` names a commit in the git repository `folder` is in."""
    if word.startswith("-"):
        return False
    return _git(folder, "rev-parse", "--verify", "--quiet", f"{word}^{{commit}}").returncode == 0


def _show(folder: Path, revision: str, relative: str) -> bytes | None:
    """A file's bytes at a revision (`relative` to `folder`), or None if it was not there."""
    shown = _git(folder, "show", f"{revision}:./{relative}")
    if shown.returncode != 0:
        return None
    if len(shown.stdout) > max_bytes():
        message = f"is over the {max_bytes():,}-byte limit (BRIEFCLI_MAX_BYTES) at {revision}"
        raise BriefError([Problem(f"{revision}:{relative}", message)])
    return shown.stdout


def brief_at(brief: Path, revision: str, into: Path) -> Path:
    """Write the brief file `brief` as it was at `revision`, and the stored texts it names as
    they were then, into the empty folder `into`; the path of the brief written."""
    folder = brief.resolve().parent
    content = _show(folder, revision, brief.name)
    if content is None:
        said = f"{brief} did not exist at {revision}, or is not in a git repository"
        raise BriefError([Problem(str(brief), said)])
    written = into / brief.name
    written.write_bytes(content)
    # The stored texts it names: read from the brief as it was (a brief that does not load is
    # reported when it is loaded from `written`).
    checked, _, _ = check_contents([written], [content], missing_texts_allowed=True)
    names = {source.text for source in checked.brief.sources if source.text} if checked else set()
    for name in sorted(names):
        target = stored_text_path(into, name)
        text = _show(folder, revision, name) if target is not None else None
        if target is not None and text is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text)
    return written


def brief_from_stdin(into: Path) -> Path:
    """Write the brief read from standard input into the empty folder `into` (its stored
    texts are not there: its excerpts go unchecked, with a note)."""
    written = into / "stdin.yaml"
    data = sys.stdin.buffer.read(max_bytes() + 1)
    if len(data) > max_bytes():
        message = f"gave more than the {max_bytes():,}-byte limit (BRIEFCLI_MAX_BYTES)"
        raise BriefError([Problem("-", message)])
    written.write_bytes(data)
    return written
