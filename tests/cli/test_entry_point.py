"""The installed `briefcli` command, run as a real process: what scripts and shells see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.main import get_command_name

from briefcli.cli import (
    _app,
    adding,
    authoring,
    browsing,
    checks,
    editing,
    importing,
    listings,
    lookups,
    reports,
)
from briefcli.collector import COMMAND_GC_THRESHOLDS
from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF, BriefWriter, generate_brief

SCRIPT = Path(sys.executable).with_name("briefcli")


def briefcli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_console_script_is_installed_next_to_the_interpreter() -> None:
    assert SCRIPT.exists(), "install the package (pip install -e .[test]) before testing"


def test_the_bundled_brief_is_found_from_any_working_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert ": ok: " in result.stdout


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefcli", "--brief", str(SECOND_BRIEF), "actors", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_json_output_pipes_into_another_program() -> None:
    result = briefcli("--brief", str(SECOND_BRIEF), "timeline", "--format", "jsonl")
    assert result.returncode == 0
    starts = [json.loads(line)["date"]["start"] for line in result.stdout.splitlines()]
    assert len(starts) == 7
    assert starts == sorted(starts)


def test_a_closed_pipe_ends_quietly() -> None:
    """`briefcli actors --json | head -1`: no traceback, no 'Broken pipe' noise."""
    process = subprocess.Popen(
        [str(SCRIPT), "--brief", str(SECOND_BRIEF), "search", "a", "--limit", "200", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    code = process.wait(timeout=60)
    assert "Traceback" not in stderr
    assert "Broken pipe" not in stderr
    assert code in (ExitCode.OK, ExitCode.BROKEN_PIPE)


def exit_when_the_reader_goes_away(*args: str) -> tuple[int, str]:
    """Run briefcli, read one byte of its output and close the pipe: its exit code and stderr."""
    process = subprocess.Popen([str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    return process.wait(timeout=60), stderr


@pytest.fixture(scope="module")
def big_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A brief whose Markdown and STIX exports are larger than a pipe's buffer."""
    return generate_brief(tmp_path_factory.mktemp("big") / "brief-300.yaml", 300)


@pytest.mark.parametrize("to", ["markdown", "stix"])
def test_export_to_a_pipe_closed_early_exits_141(big_brief: Path, to: str) -> None:
    """`briefcli export --to markdown - | head -1`: exit 141 and nothing on stderr."""
    code, stderr = exit_when_the_reader_goes_away(
        "--brief", str(big_brief), "export", "--to", to, "-"
    )
    assert (code, stderr) == (ExitCode.BROKEN_PIPE, "")


def test_validate_to_a_pipe_closed_early_exits_141(write_brief: BriefWriter) -> None:
    """`briefcli validate many-problems.yaml | head -1`: thousands of problems, reader gone."""
    actors = "".join(
        f"  - id: a{n}\n    name: Actor {n}\n    kind: person\n    colour: blue\n"
        for n in range(3000)
    )
    path = write_brief(
        f"format: briefcli/1\nmeta:\n  title: t\n  as_of: '2024-01-01'\nactors:\n{actors}"
    )
    code, stderr = exit_when_the_reader_goes_away("validate", str(path))
    assert (code, stderr) == (ExitCode.BROKEN_PIPE, "")


def briefcli_with_stdout_closed(
    *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`briefcli ARGS >&-`: started without a standard output at all."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", str(SCRIPT), *args],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--brief", str(SECOND_BRIEF), "actors"],
        ["--brief", str(SECOND_BRIEF), "actors", "--json"],
        ["--brief", str(SECOND_BRIEF), "export", "--to", "stix", "-"],
        ["--brief", str(SECOND_BRIEF), "validate"],
        ["schema"],
        ["--help"],
    ],
)
def test_output_to_a_closed_stdout_is_one_error_line_and_exit_4(args: list[str]) -> None:
    """`briefcli actors >&-`: the output cannot be written (exit 4, as for a full disk), which
    is an error to report; not 141, the quiet exit for a reader that took what it wanted."""
    result = briefcli_with_stdout_closed(*args)
    assert result.returncode == ExitCode.OUTPUT_ERROR
    assert result.stderr == "briefcli: error: cannot write the output: standard output is closed\n"


def test_a_command_that_writes_nothing_to_stdout_works_with_stdout_closed(tmp_path: Path) -> None:
    result = briefcli_with_stdout_closed(
        "--brief", str(SECOND_BRIEF), "export", "--to", "markdown", "brief.md", cwd=tmp_path
    )
    assert (result.returncode, result.stderr) == (ExitCode.OK, "")
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_a_note_that_cannot_be_written_does_not_stop_the_answer(stderr: str) -> None:
    """`briefcli actor Khomeini --json 2>&-`: the spelling note is lost, the answer is not."""
    result = subprocess.run(
        ["sh", "-c", f'exec "$@" {stderr}', "sh", str(SCRIPT), "actor", "Khomeini", "--json"],
        stdout=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "ali-khamenei"


def test_piped_tables_carry_no_escape_codes_even_when_colour_is_not_disabled() -> None:
    result = briefcli("--brief", str(SECOND_BRIEF), "actors", env={"TERM": "xterm-256color"})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout


def test_force_color_turns_colour_on_when_piped() -> None:
    result = briefcli(
        "--brief", str(SECOND_BRIEF), "actor", "grace okafor", env={"FORCE_COLOR": "1"}
    )
    assert "\x1b[" in result.stdout


def modules_after(*args: str) -> set[str]:
    """The modules a run of `briefcli ARGS` imported (stdout a pipe, no variable asking for
    colour or a width), on a warm cache."""
    return set(_run_main(args, "sys.modules").split(","))


def _run_main(args: Sequence[str], shown: str, before: str = "") -> str:
    """Run main() with these arguments twice (the first fills the cache) in a child, after
    the statements `before`; then the names in the expression `shown`, joined by commas."""
    asking = ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")
    env = {name: value for name, value in os.environ.items() if name not in asking}
    program = (
        "import gc, sys\n"
        f"{before}\n"
        "from briefcli.cli import main\n"
        f"sys.argv = ['briefcli', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"sys.stderr.write('SHOWN:' + ','.join(sorted({shown})))\n"
    )
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    assert "SHOWN:" in result.stderr, result.stderr
    return result.stderr.split("SHOWN:")[1]


def _matching(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(
        m for m in modules if m in prefixes or m.startswith(tuple(f"{p}." for p in prefixes))
    )


@pytest.mark.parametrize(
    "args",
    [
        ["actors", "--json"],
        ["timeline", "--json"],
        ["sources", "--format", "csv"],
        ["actor", "Grace Okafor", "--format", "jsonl"],
        ["sources", "--claim", "c-stay-out", "--json"],  # the excerpt in context, not validate
        ["trace", "Grace Okafor", "Emeka Okafor", "--json"],
    ],
)
def test_machine_output_never_imports_rich(args: list[str]) -> None:
    """Rich costs ~50 ms to import: commands that print data must not pay for it."""
    modules = modules_after("--brief", str(SECOND_BRIEF), *args)
    assert _matching(modules, "rich", "yaml", "textual") == []


@pytest.mark.parametrize(
    "args", [["actor", "Grace Okafor"], ["actors"], ["timeline"], ["alignments"], ["brief"]]
)
def test_piped_tables_never_import_richs_console(args: list[str]) -> None:
    """rich.console and rich.table cost ~20 ms: piped tables are laid out without them."""
    modules = modules_after("--brief", str(SECOND_BRIEF), *args)
    assert _matching(modules, "rich") == sorted(
        m
        for m in modules
        if m in ("rich", "rich.cells", "rich._extension") or m.startswith("rich._unicode_data")
    )
    assert _matching(modules, "yaml") == []


def test_a_command_loads_its_own_module_only() -> None:
    modules = modules_after("--brief", str(SECOND_BRIEF), "actors", "--json")
    assert "briefcli.cli.lookups" in modules
    loaded = _matching(
        modules,
        "briefcli.cli.reports",
        "briefcli.cli.checks",
        "briefcli.exporters",
        "briefcli.cli.browsing",
        "briefcli.browse",
        "textual",
    )
    assert loaded == []
    assert _matching(modules, "csv", "briefcli.brief.validate", "briefcli.brief.yamlsafe") == []


def test_help_loads_no_brief_and_no_heavy_module() -> None:
    modules = modules_after("--help")
    brief_modules = (
        "brief.loader",
        "brief.validate",
        "store",
        "search",
        "queries",
        "views",
    )
    assert _matching(modules, *(f"briefcli.{name}" for name in brief_modules)) == []
    assert (
        _matching(modules, "briefcli.results", "briefcli.render", "briefcli.brief.yamlsafe") == []
    )
    assert _matching(modules, "rich", "yaml", "rapidfuzz", "textual") == []


@pytest.mark.parametrize("args", [["actors", "--json"], ["actor", "Grace Okafor"]])
def test_the_garbage_collector_paused_for_start_up_runs_again_for_the_command(
    args: list[str],
) -> None:
    spy = (
        "from briefcli.store import cache\n"
        "load, collecting = cache.load, []\n"
        "state = lambda: f'{gc.isenabled()} {gc.get_threshold()}'\n"
        "cache.load = lambda *given: collecting.append(state()) or load(*given)"
    )
    collecting = _run_main(["--brief", str(SECOND_BRIEF), *args], "collecting", spy)
    assert collecting == f"True {COMMAND_GC_THRESHOLDS}"


def test_shell_completion_offers_actor_names() -> None:
    result = briefcli(
        env={"_BRIEFCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "briefcli actor Moq"}
    )
    assert "Moqtada al-Sadr" in result.stdout
    result = briefcli(
        env={
            "_BRIEFCLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": f"briefcli --brief {SECOND_BRIEF} trace Grace Em",
        }
    )
    assert "Emeka Okafor" in result.stdout


def test_each_command_loads_from_the_module_that_defines_it() -> None:
    """`_app.COMMAND_MODULES` (which module to import for a command, and the order of --help)
    names every command, and only those, with its module."""
    defined = {
        info.name or get_command_name(getattr(info.callback, "__name__", "")): (
            getattr(info.callback, "__module__", "")
        )
        for info in _app.app.registered_commands
    }
    defined |= {  # groups of commands (`add`): where their commands are defined
        str(group.name): group.typer_instance.registered_commands[0].callback.__module__
        for group in _app.app.registered_groups
        if group.typer_instance is not None and group.typer_instance.registered_commands
    }
    modules = {
        lookups.__name__,
        listings.__name__,
        reports.__name__,
        checks.__name__,
        adding.__name__,
        authoring.__name__,
        browsing.__name__,
        editing.__name__,
        importing.__name__,
    }
    assert set(defined.values()) == modules
    assert defined == {
        name: f"briefcli.cli.{module}" for name, module in _app.COMMAND_MODULES.items()
    }


def test_help_lists_every_command_and_a_mistyped_one_gets_suggestions() -> None:
    commands = briefcli("--help").stdout.split("Commands:")[1].split("\n\n")[0]
    lines = commands.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("  ") and line[2] != " "]
    assert listed == list(_app.COMMAND_MODULES)
    mistyped = briefcli("actorz")
    assert mistyped.returncode == ExitCode.USAGE
    assert mistyped.stderr == (
        "briefcli: error: no such command 'actorz'. Did you mean 'actor', 'actors'? "
        "(hint: see 'briefcli -h')\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["search"], "missing argument 'WORDS' (hint: see 'briefcli search -h')"),
        (["actor", "--bogus", "x"], "no such option: --bogus (hint: see 'briefcli actor -h')"),
        (
            ["trace", "a", "b", "--max-hops", "many"],
            "invalid value for '--max-hops': 'many' is not a valid int range "
            "(hint: see 'briefcli trace -h')",
        ),
    ],
)
def test_a_usage_error_is_one_line_saying_where_help_is(args: list[str], error: str) -> None:
    outcome = briefcli(*args)
    assert outcome.returncode == ExitCode.USAGE
    assert (outcome.stdout, outcome.stderr) == ("", f"briefcli: error: {error}\n")


def test_briefcli_alone_shows_the_help_as_it_is() -> None:
    bare = briefcli()
    assert bare.returncode == ExitCode.USAGE
    assert "\nCommands:\n  actors " in bare.stderr
    assert "\\x0a" not in bare.stderr  # line breaks are not escaped as if typed by a user
