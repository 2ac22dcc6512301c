"""Broken brief files: missing, unreadable, empty, not YAML, not UTF-8, binary, huge, deeply
nested. Each ends in one inert `briefcli: error:` line naming the file (and line and column
where there is one), exit code 3 and no traceback; or, for a valid file, in the answer."""

from __future__ import annotations

import errno
import json
import random
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    SCRIPT,
    Outcome,
    assert_inert,
    assert_located,
    harbour_text,
    located_error,
    parse_located,
    process_env,
    replace_line,
    run,
    run_measured,
    run_process,
    the_error,
    time_limit,
    with_harbour_report,
    write_text,
)

from briefcli.exitcodes import ExitCode
from conftest import as_unprivileged

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    with time_limit(60):
        yield


@pytest.fixture
def harbour_copy(tmp_path: Path) -> Path:
    """A folder with the example brief's stored text, ready for a mutated brief file."""
    with_harbour_report(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- files that cannot be read


def test_a_missing_brief_is_exit_3_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    outcome = run("actors", briefs=[missing])
    assert the_error(outcome, ExitCode.INVALID_BRIEF) == f"{missing}: no such file"


def test_a_directory_given_as_the_brief_is_exit_3(tmp_path: Path) -> None:
    outcome = run("actors", briefs=[tmp_path])
    assert (
        the_error(outcome, ExitCode.INVALID_BRIEF)
        == f"{tmp_path}: is a directory, not a brief file"
    )


def test_an_unreadable_brief_is_exit_3_permission_denied(shared_tmp: Path) -> None:
    path = write_text(shared_tmp / "secret.yaml", harbour_text())
    path.chmod(0)
    command = as_unprivileged([str(SCRIPT), "--brief", str(path), "actors"])

    outcome = subprocess.run(command, capture_output=True, env=process_env(BRIEFCLI_NO_CACHE="1"))

    assert outcome.returncode == ExitCode.INVALID_BRIEF
    assert outcome.stdout == b""
    assert outcome.stderr.decode() == f"briefcli: error: {path}: permission denied\n"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot read: Input/output error"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "cannot read: Is a directory"),
    ],
    ids=["permission", "io-error", "race-became-directory"],
)
def test_an_os_error_while_reading_the_brief_is_exit_3_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    """Simulated (tests run as root, who can read anything): the read itself fails."""
    path = write_text(tmp_path / "brief.yaml", harbour_text())
    real_open = Path.open

    def failing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise error
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing_open)
    outcome = run("actors", briefs=[path])
    assert the_error(outcome, ExitCode.INVALID_BRIEF) == f"{path}: {message}"


# ---------------------------------------------------------------- files that are not a brief


@pytest.mark.parametrize(
    "text",
    ["", "\n\n\n", "# only a comment\n", "---\n", "null\n", "~\n", "--- ~\n...\n"],
    ids=["zero-bytes", "blank-lines", "comment", "document-marker", "null", "tilde", "explicit"],
)
def test_an_empty_brief_is_exit_3_the_brief_is_empty(tmp_path: Path, text: str) -> None:
    path = write_text(tmp_path / "empty.yaml", text)
    error = located_error(run("actors", briefs=[path]))
    assert (error.file, error.field, error.message) == (
        str(path),
        "(document)",
        "the brief is empty",
    )
    assert 1 <= error.line <= text.count("\n") + 1


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("- actors\n- events\n", "a list"),
        ("just a sentence\n", "a string 'just a sentence'"),
        ("42\n", "an integer 42"),
        ("3.5\n", "a number 3.5"),
        ("true\n", "true or false True"),
        ('"meta: quoted"\n', "a string 'meta: quoted'"),
    ],
    ids=["list", "string", "integer", "float", "boolean", "quoted-mapping"],
)
def test_a_brief_that_is_not_a_mapping_is_exit_3_saying_what_it_is(
    tmp_path: Path, text: str, described: str
) -> None:
    path = write_text(tmp_path / "scalar.yaml", text)
    outcome = run("actors", briefs=[path])
    wanted = 'a mapping such as {meta: {title: Port strike, as_of: "2024-04-30"}} (required: meta)'
    assert_located(outcome, path, 1, "(document)", f"a brief must be {wanted}, got {described}")


def _tab_indented(text: str) -> tuple[str, int]:
    """The first actor's `type:` line indented with a tab instead of spaces."""
    lines = text.split("\n")
    number = next(n for n, line in enumerate(lines) if line.strip() == "type: trade union")
    lines[number] = "\t" + lines[number].lstrip()
    return "\n".join(lines), number + 1


def _line_with(old: str, new: str) -> Callable[[str], tuple[str, int]]:
    def mutate(text: str) -> tuple[str, int]:
        return replace_line(text, old, new)

    return mutate


def _first_line_with(stripped: str, new: str) -> Callable[[str], tuple[str, int]]:
    def mutate(text: str) -> tuple[str, int]:
        lines = text.split("\n")
        number = next(n for n, line in enumerate(lines) if line.strip() == stripped)
        lines[number] = new
        return "\n".join(lines), number + 1

    return mutate


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            _line_with(
                "title: Meridian announces automation of two cranes",
                "title: Meridian announces: automation of two cranes",
            ),
            "mapping values are not allowed",
        ),
        (_tab_indented, "tabs are not allowed in YAML indentation"),
        (_first_line_with("name: Grace Okafor", "   name: Grace Okafor"), "did not find expected"),
        (
            _first_line_with("name: Norland Freight", "    - stray item"),
            "did not find expected key",
        ),
        (
            _line_with('value: "2024-03-04"', 'value: "2024-03-04" trailing words'),
            "did not find expected key",
        ),
    ],
    ids=[
        "colon-in-plain-scalar",
        "tab-indentation",
        "bad-indentation",
        "stray-dash",
        "after-quote",
    ],
)
def test_a_yaml_syntax_error_is_exit_3_at_its_line(
    harbour_copy: Path, mutate: Callable[[str], tuple[str, int]], message: str
) -> None:
    text, line = mutate(harbour_text())
    path = write_text(harbour_copy / "broken.yaml", text)
    assert_located(run("actors", briefs=[path]), path, line, None, message)
    listed = run("validate", str(path))
    assert listed.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(listed.stdout + listed.stderr, "validate output")
    assert f"{path}:{line}:" in listed.stdout


# ---------------------------------------------------------------- encodings and bytes


def test_a_brief_that_is_not_utf8_is_exit_3_at_the_offending_byte(harbour_copy: Path) -> None:
    text, line = replace_line(harbour_text(), "name: José Álvarez", "name: José Álvarez")
    raw = text.encode("utf-8").split(b"\n")
    raw[line - 1] = "    name: José Álvarez".encode("latin-1")
    path = harbour_copy / "latin1.yaml"
    path.write_bytes(b"\n".join(raw))
    error = assert_located(
        run("actors", briefs=[path]), path, line, None, "not UTF-8 text (byte 0xe9)"
    )
    assert error.column == len("    name: Jos") + 1


def test_a_utf16_brief_is_exit_3_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes(harbour_text().encode("utf-16"))
    error = assert_located(run("actors", briefs=[path]), path, 1, None, "not UTF-8 text")
    assert error.column == 1


def test_a_utf8_bom_is_ignored_and_does_not_shift_lines_or_columns(harbour_copy: Path) -> None:
    plain = write_text(harbour_copy / "plain.yaml", harbour_text())
    with_bom = harbour_copy / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    expected = run("actors", "--json", briefs=[plain])
    answered = run("actors", "--json", briefs=[with_bom])
    assert answered.exit_code == 0, answered.stderr
    assert json.loads(answered.stdout) == json.loads(expected.stdout)

    text, line = replace_line(harbour_text(), "kind: bloc", "kind: blok")
    broken = harbour_copy / "bom-broken.yaml"
    broken.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    error = assert_located(
        run("actors", briefs=[broken]), broken, line, "actors[4].kind", "did you mean 'bloc'"
    )
    assert error.column == len("    kind: ") + 1


def test_a_nul_byte_is_exit_3_not_a_text_file(harbour_copy: Path) -> None:
    text, line = replace_line(harbour_text(), "name: Kilbarra", "name: Kil\x00barra")
    path = write_text(harbour_copy / "nul.yaml", text)
    error = assert_located(run("actors", briefs=[path]), path, line, None, "NUL byte")
    assert error.column == len("    name: Kil") + 1


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _random_text_with_controls(seed: int, size: int) -> bytes:
    generator = random.Random(seed)
    alphabet = [chr(c) for c in range(0x20)] + list("abc: -[]{}#&*!|>'\"\n") + ["\u202e", "\x9b"]
    return "".join(generator.choice(alphabet) for _ in range(size)).encode("utf-8")


@pytest.mark.parametrize(
    "content",
    [
        _random_bytes(1, 4096),
        _random_bytes(2, 100_000),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(3, 500),
        b"\x1f\x8b\x08\x00" + _random_bytes(4, 500),
        b"\x7fELF\x02\x01\x01" + bytes(9) + _random_bytes(5, 500),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + _random_bytes(6, 500),
        b"PK\x03\x04" + _random_bytes(7, 500),
        _random_text_with_controls(8, 2000),
        _random_text_with_controls(9, 20_000),
        b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbfmeta: x\n",
    ],
    ids=[
        "random-4k",
        "random-100k",
        "png",
        "gzip",
        "elf",
        "pdf",
        "zip",
        "utf8-controls-2k",
        "utf8-controls-20k",
        "three-boms",
    ],
)
def test_binary_garbage_is_exit_3_with_one_inert_error_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(content)
    error = located_error(run("actors", briefs=[path]))
    assert error.file == str(path)
    listed = run("validate", str(path))
    assert listed.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(listed.stdout + listed.stderr, "validate output")


# ---------------------------------------------------------------- huge files


def _write_huge(path: Path, head: str, filler_size: int, tail: str) -> Path:
    """A file of about `filler_size` bytes, written in chunks (cheap in time and memory)."""
    chunk = "x" * MB
    with path.open("w", encoding="utf-8") as stream:
        stream.write(head)
        for _ in range(filler_size // MB):
            stream.write(chunk)
        stream.write(tail)
    return path


HUGE = 100 * MB
# Peak resident memory allowed for a 100 MB brief (measured: about 3.5x for a valid one and
# 6.5x for an invalid one, as text, YAML events and error positions are held at once).
MEMORY_BOUND = 10 * HUGE


@pytest.mark.slow
def test_a_100_mb_brief_answers_within_seconds_in_bounded_memory(tmp_path: Path) -> None:
    path = _write_huge(
        tmp_path / "huge.yaml", 'meta:\n  title: huge\n  as_of: "2024"\n# ', HUGE, "\n"
    )
    measured = run_measured(["--brief", str(path), "actors", "--json"], tmp_path, timeout=30)
    assert measured.exit_code == 0, measured.stderr
    assert json.loads(measured.stdout) == []
    assert measured.seconds < 10, f"took {measured.seconds:.1f} s"
    assert measured.peak_bytes < MEMORY_BOUND, f"peak RSS {measured.peak_bytes / MB:.0f} MB"


@pytest.mark.slow
def test_a_mistake_after_a_100_mb_scalar_is_located_within_seconds(tmp_path: Path) -> None:
    path = _write_huge(
        tmp_path / "huge.yaml",
        'meta:\n  title: huge\n  as_of: "2024"\n  summary: "',
        HUGE,
        '"\n  bogus: field\n',
    )
    measured = run_measured(["--brief", str(path), "actors"], tmp_path, timeout=30)
    assert measured.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(measured.stderr, "stderr")
    assert measured.stderr.startswith(f"briefcli: error: {path}:5:3: meta.bogus: unknown field")
    assert len(measured.stderr) < 1000
    assert measured.seconds < 10, f"took {measured.seconds:.1f} s"
    assert measured.peak_bytes < MEMORY_BOUND, f"peak RSS {measured.peak_bytes / MB:.0f} MB"


def test_an_ampersand_in_a_large_brief_does_not_make_loading_slow(tmp_path: Path) -> None:
    path = _write_huge(
        tmp_path / "amp.yaml", 'meta:\n  title: AT&T\n  as_of: "2024"\n# ', 20 * MB, "\n"
    )
    measured = run_measured(["--brief", str(path), "actors", "--json"], tmp_path, timeout=5)
    assert measured.exit_code == 0, measured.stderr
    assert measured.seconds < 3, f"took {measured.seconds:.1f} s"


def test_a_brief_over_the_byte_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write_text(tmp_path / "brief.yaml", harbour_text())
    outcome = run("actors", briefs=[path], env={"BRIEFCLI_MAX_BYTES": "1000"})
    message = the_error(outcome, ExitCode.INVALID_BRIEF)
    size = path.stat().st_size
    assert message == (f"{path}: is {size:,} bytes, over the 1,000-byte limit (BRIEFCLI_MAX_BYTES)")


@pytest.mark.parametrize("value", ["lots", "", "-5x", "1e9"])
def test_a_malformed_byte_limit_falls_back_to_the_default(harbour_copy: Path, value: str) -> None:
    path = write_text(harbour_copy / "brief.yaml", harbour_text())
    outcome = run("actors", "--json", briefs=[path], env={"BRIEFCLI_MAX_BYTES": value})
    assert outcome.exit_code == 0, outcome.stderr
    assert len(json.loads(outcome.stdout)) == 14


# ---------------------------------------------------------------- deep nesting

DEPTH = 100_000


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEPTH,
        "{a: " * DEPTH,
        "- " * DEPTH + "x\n",
        "meta: " + "[" * DEPTH + "]" * DEPTH + "\n",
        "".join(f"{' ' * level}k{level}:\n" for level in range(5000)) + " " * 5000 + "x\n",
        "# AT&T\n" + "[" * DEPTH,
        "# a*b\n" + "- " * DEPTH + "x\n",
    ],
    ids=[
        "flow-sequences",
        "flow-mappings",
        "block-sequences",
        "balanced-brackets",
        "block-mappings",
        "flow-with-ampersand",
        "block-with-asterisk",
    ],
)
def test_deep_nesting_is_exit_3_without_recursion_error_or_crash(tmp_path: Path, text: str) -> None:
    """As a real process: a stack overflow in C would kill it with a signal."""
    path = write_text(tmp_path / "deep.yaml", text)
    for args in (["--brief", str(path), "actors"], ["validate", str(path)]):
        completed = run_process(args, timeout=60, env=process_env())
        stdout, stderr = completed.stdout.decode(), completed.stderr.decode()
        assert completed.returncode == ExitCode.INVALID_BRIEF, (completed.returncode, stderr)
        assert_inert(stdout + stderr, "output")
        assert "RecursionError" not in stderr
        assert stderr.startswith(f"briefcli: error: {path}:") or stdout.startswith(f"{path}:")
        assert len(stderr.splitlines()) == 1


def test_nesting_within_the_parsers_limit_is_reported_as_a_type_error(tmp_path: Path) -> None:
    nested = "[" * 900 + "]" * 900
    text = f'meta:\n  title: deep\n  as_of: "2024"\nactors: {nested}\nevents:\n  - {nested}\n'
    path = write_text(tmp_path / "deep.yaml", text)
    outcome = run("validate", str(path))
    assert outcome.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(outcome.stdout + outcome.stderr, "validate output")
    assert f"{path}:4:10: actors[0]: expected a mapping such as {{id: jane-doe," in outcome.stdout
    assert f"{path}:6:5: events[0]: expected a mapping such as {{id: e-walkout," in outcome.stdout


def test_every_problem_line_of_validate_has_the_located_shape(harbour_copy: Path) -> None:
    text = harbour_text()
    for old, new in [
        ("kind: bloc", "kind: blok"),
        ("reliability: C", "reliability: Z"),
        ("credibility: 4", "credibility: 9"),
    ]:
        text, _ = replace_line(text, old, new)
    path = write_text(harbour_copy / "three.yaml", text)
    outcome: Outcome = run("validate", str(path))
    assert outcome.exit_code == ExitCode.INVALID_BRIEF
    problem_lines = outcome.stdout.splitlines()
    assert len(problem_lines) == 3
    for problem in problem_lines:
        located = parse_located(problem)
        assert located.file == str(path)
        assert located.field is not None
    assert the_error(
        Outcome(outcome.argv, outcome.exit_code, "", outcome.stderr), ExitCode.INVALID_BRIEF
    ) == ("3 problem(s) found")


@pytest.mark.parametrize("value", ["{brief}:", ":{brief}", "{brief}::"])
def test_an_empty_part_of_briefcli_brief_names_no_file(harbour_copy: Path, value: str) -> None:
    brief = write_text(harbour_copy / "brief.yaml", harbour_text())
    # Not the current folder, as click would make of it ("is a directory").
    outcome = run("actors", "--json", env={"BRIEFCLI_BRIEF": value.format(brief=brief)})

    assert outcome.exit_code == ExitCode.OK, outcome.stderr
    assert len(json.loads(outcome.stdout)) == 14
