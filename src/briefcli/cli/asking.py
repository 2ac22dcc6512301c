"""Questions for what a command needs and was not given, asked only when a person is at a
terminal (stdin, stdout and stderr all terminals); anywhere else a missing value is a usage
error, so that a script never waits on a prompt. Tab completes from the brief's own names and
the format's words (readline), and an answer outside a fixed set of words is asked again."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from briefcli.cli._app import fail
from briefcli.exitcodes import ExitCode


def at_a_terminal() -> bool:
    return all(
        stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr)
    )


def asked(
    given: str | None,
    option: str,
    question: str,
    choices: Sequence[str] = (),
    completions: Sequence[str] = (),
) -> str:
    """`given`, else the answer to `question` (one of `choices`, if any), else a usage error
    naming `option` when nobody can answer."""
    if given is not None and given != "":
        return given
    if not at_a_terminal():
        fail(
            f"missing {option}",
            ExitCode.USAGE,
            "give it, or run the command at a terminal to be asked",
        )
    offered = list(choices or completions)
    _complete_from(offered)
    shown = f" ({', '.join(choices)})" if choices and len(choices) <= 10 else ""
    while True:
        try:
            answer = input(f"{question}{shown}: ").strip()
        except EOFError:
            sys.stderr.write("\n")
            fail("no answer: nothing changed", ExitCode.USAGE)
        if answer and (not choices or answer in choices):
            return answer
        if answer:
            sys.stderr.write(f"  {answer!r} is not one of: {', '.join(choices)}\n")


def _complete_from(words: list[str]) -> None:
    """Tab completes the whole answer (names have spaces) from `words`, in any case."""
    try:
        import readline
    except ImportError:  # a Python built without readline: no completion, still a prompt
        return

    def complete(text: str, state: int) -> str | None:
        wanted = text.casefold()
        matches = [word for word in words if word.casefold().startswith(wanted)]
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims("")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
