"""Specification: shell completion, through a real bash (issue 21). The completion script
briefcli prints is sourced, the completion function is called as bash calls it on <TAB>, and
what it offers is then read back by bash as the command line the user would get: a name of
several words must stay one argument."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SECOND_BRIEF

SCRIPT_DIR = Path(sys.executable).parent
BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="no bash on this machine")


def offered(*words: str, brief: Path | None = None) -> list[str]:
    """What bash's <TAB> offers after `briefcli WORDS` (the last word being completed), each
    read back by bash as the words it stands for (joined by "|")."""
    line = ["briefcli", *(["--brief", str(brief)] if brief else []), *words]
    script = (
        "source <(_BRIEFCLI_COMPLETE=source_bash briefcli)\n"
        'complete -p briefcli | grep -q -- "-F _briefcli_completion" || exit 9\n'
        f"COMP_WORDS=({' '.join(_quoted(word) for word in line)})\n"
        f"COMP_CWORD={len(line) - 1}\n"
        "_briefcli_completion briefcli\n"
        # Each offer as bash reads it back into words, as on the command line.
        'for offer in "${COMPREPLY[@]}"; do eval "set -- $offer"; IFS="|"; echo "$*"; done\n'
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("_BRIEFCLI")
    }
    environment["PATH"] = f"{SCRIPT_DIR}{os.pathsep}{environment.get('PATH', '')}"
    assert BASH is not None
    completed = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def _quoted(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'" if word else '""'


def test_a_name_of_several_words_is_offered_as_one_argument() -> None:
    assert offered("actor", "Moq") == ["Moqtada al-Sadr"]


def test_a_name_typed_unquoted_word_by_word_is_completed_from_its_first_words() -> None:
    assert offered("actor", "Moqtada", "al-") == ["al-Sadr"]


def test_trace_completes_the_second_name_after_to() -> None:
    assert offered("trace", "Hadi", "al-Amiri", "to", "Hassan", "Nas") == ["Nasrallah"]


def test_bloc_is_offered_blocs_only() -> None:
    offers = offered("actors", "--bloc", "", brief=SECOND_BRIEF)
    assert offers
    actors = subprocess.run(
        [str(SCRIPT_DIR / "briefcli"), "--brief", str(SECOND_BRIEF), "actors", "--kind", "bloc"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BRIEFCLI_NO_CACHE": "1"},
    ).stdout
    assert all(offer in actors for offer in offers)
    assert "Grace Okafor" not in offers


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("timeline", "--place", "Kil"), "Kilbarra"),
        (("timeline", "--kind", "stri"), "strike"),
        (("sources", "--claim", "c-stay"), "c-stay-out"),
        (("sources", "--source", "The Kil"), "The Kilbarra Courier"),
        (("relations", "--type", "memb"), "member_of"),
        (("claims", "--about", "e-talks-c"), "e-talks-collapse"),
        (("notes", "--about", "Grace"), "Grace Okafor"),
        (("places", "--within", "Kilbarra C"), "Kilbarra City Hall"),
    ],
    ids=["place", "kind", "claim", "source", "relation-type", "about-id", "about-name", "within"],
)
def test_options_that_name_records_complete_them(words: tuple[str, ...], expected: str) -> None:
    offers = offered(*words, brief=SECOND_BRIEF)
    assert any(offer.startswith(expected) for offer in offers), offers
