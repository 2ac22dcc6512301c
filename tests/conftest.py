"""Shared fixtures: the bundled brief, the second test brief, an isolated cache, briefs from
the benchmark's generator."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_BRIEF = ROOT / "data" / "brief.yaml"
TEST_BRIEFS = Path(__file__).resolve().parent / "briefs"
SECOND_BRIEF = TEST_BRIEFS / "harbour.yaml"
MEGHALAYA_BRIEF = TEST_BRIEFS / "meghalaya-2018.yaml"
OPENAI_BRIEF = TEST_BRIEFS / "openai-board-2023.yaml"

# Sam Altman's posts on X, one source reached through two outlets (`via` as a list), in a copy
# of the OpenAI brief that needed two records for them while `via` took one id.
ALTMAN_POSTS = "src-altman-x"
# A claim of those posts quoted from the second outlet's text (bahsegels.com) only.
ALTMAN_RETURN_CLAIM = "c-altman-keeping-team"


def altman_posts_by_two_routes(folder: Path) -> Path:
    """The OpenAI brief, with its stored texts, written into `folder` with Altman's two post
    records made one source `via: [src-propakistani, src-bahsegels]`, and a claim of it that
    only the second outlet's text holds."""
    import shutil

    import yaml

    data = yaml.safe_load(OPENAI_BRIEF.read_text(encoding="utf-8"))
    merged = ("src-altman-x-propakistani", "src-altman-x-bahsegels")
    sources = [s for s in data["sources"] if s["id"] not in merged]
    sources.append(
        {
            "id": ALTMAN_POSTS,
            "name": "Sam Altman's posts on X",
            "kind": "social-media",
            "reliability": "B",
            "via": ["src-propakistani", "src-bahsegels"],
            "actor": "sam-altman",
            "description": "Altman's own posts, quoted by ProPakistani and by bahsegels.com.",
        }
    )
    data["sources"] = sources
    for claim in data["claims"]:
        if claim["source"] in merged:
            claim["source"] = ALTMAN_POSTS
    data["claims"].append(
        {
            "id": ALTMAN_RETURN_CLAIM,
            "statement": "Altman wrote on X that he had acted to keep the team together.",
            "source": ALTMAN_POSTS,
            "credibility": 1,
            "excerpt": "everything i’ve done over the past few days has been in service of "
            "keeping this team and its mission together",
            "actors": ["sam-altman"],
        }
    )
    shutil.copytree(TEST_BRIEFS / "sources", folder / "sources", dirs_exist_ok=True)
    path = folder / "openai-two-routes.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def generate_brief(out: Path, events: int, seed: int | None = None) -> Path:
    """Write a brief of `events` events with the benchmark's generator (bench/generate.py)."""
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--events", str(events)]
    seeded = [] if seed is None else ["--seed", str(seed)]
    subprocess.run(
        [*command, "--out", str(out), *seeded], check=True, capture_output=True, timeout=120
    )
    return out


# Rewrites golden files instead of comparing with them (the one setting tests keep).
UPDATE_GOLDEN = "BRIEFCLI_UPDATE_GOLDEN"
# What a terminal or CI runner may set that changes how output looks.
TERMINAL_VARIABLES = ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TERM", "TTY_COMPATIBLE")


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own empty cache directory, and none of the caller's terminal or
    briefcli settings: the suite passes whatever COLUMNS, FORCE_COLOR or NO_COLOR it runs
    under. Tests that want one set it themselves."""
    briefcli_settings = [n for n in os.environ if n.startswith("BRIEFCLI_") and n != UPDATE_GOLDEN]
    for name in [*TERMINAL_VARIABLES, *briefcli_settings]:
        monkeypatch.delenv(name, raising=False)
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEFCLI_CACHE_DIR", str(directory))
    yield directory


@pytest.fixture(scope="session", autouse=True)
def repository_briefs_untouched() -> Iterator[None]:
    """No test may change the repository's own briefs or their texts (tests change copies): a
    change is an error at the end of the run, naming the file."""
    watched = [BUNDLED_BRIEF, *sorted(TEST_BRIEFS.glob("*.yaml"))]
    watched += sorted(BUNDLED_BRIEF.parent.glob("sources/*")) + sorted(
        TEST_BRIEFS.glob("sources/*")
    )
    before = {path: path.read_bytes() for path in watched}
    yield
    changed = [str(path) for path, data in before.items() if path.read_bytes() != data]
    assert not changed, f"a test changed the repository's briefs: {changed}"


@pytest.fixture
def bundled_stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled brief that briefcli takes for its bundled brief (every module's
    `bundled_brief_path`): tests that it is never changed change nothing real if it is (an
    installed package's bundled brief is not the repository's data/brief.yaml)."""
    import importlib
    import shutil
    import sys

    from briefcli.cli._app import COMMAND_MODULES

    copy = tmp_path / "bundled" / "brief.yaml"
    shutil.copytree(BUNDLED_BRIEF.parent, copy.parent)
    # Every command module first: one imported later would keep the stand-in for good.
    for module_name in set(COMMAND_MODULES.values()):
        importlib.import_module(f"briefcli.cli.{module_name}")
    for name, module in list(sys.modules.items()):
        if name.startswith("briefcli.cli") and hasattr(module, "bundled_brief_path"):
            monkeypatch.setattr(module, "bundled_brief_path", lambda: copy)
    return copy


def copy_harbour(folder: Path) -> Path:
    """harbour.yaml and its stored source texts, copied into `folder` to be edited."""
    import shutil

    shutil.copytree(SECOND_BRIEF.parent / "sources", folder / "sources")
    return Path(shutil.copy(SECOND_BRIEF, folder / "harbour.yaml"))


# The user that tests needing an unprivileged process run as, when the suite runs as root.
UNPRIVILEGED_UID = 65534  # nobody


def as_unprivileged(argv: list[str], uid: int = UNPRIVILEGED_UID) -> list[str]:
    """`argv` run as an unprivileged user: as it is when the suite is not root, else through
    setpriv as `uid` (nobody by default). Skips the test, saying why, when that user cannot
    run this Python (an interpreter in a folder only root may enter)."""
    if os.geteuid() != 0:
        return argv
    command = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *argv]
    probe = subprocess.run([*command[:4], sys.executable, "-c", "import briefcli"], check=False)
    if probe.returncode != 0:
        pytest.skip("as root, and the unprivileged user cannot run this Python to drop to")
    return command


def on_a_terminal(
    argv: list[str], env: dict[str, str], stream: str = "stdout", timeout: float = 120
) -> str:
    """Run a command with its stdout or stderr on a pseudo-terminal (the other discarded);
    what it wrote there."""
    import pty

    controller, terminal = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: terminal}
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=streams["stdout"], stderr=streams["stderr"], env=env
    )
    os.close(terminal)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=timeout)
    os.close(controller)
    return shown.decode("utf-8", "replace")


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder that an unprivileged user may enter and read (pytest's own are
    private to the user running the suite)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="briefcli-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def write_brief(tmp_path: Path) -> BriefWriter:
    return BriefWriter(tmp_path)


class BriefWriter:
    """Writes a brief (and optional stored source texts) into a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, text: str, name: str = "brief.yaml", **texts: str) -> Path:
        for text_name, content in texts.items():
            (self.folder / f"{text_name}.txt").write_text(content, encoding="utf-8")
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path


GOLDEN = Path(__file__).resolve().parent / "golden"


class Golden:
    """Compares output with a stored file; BRIEFCLI_UPDATE_GOLDEN=1 rewrites the files instead."""

    def __call__(self, name: str, actual: str) -> None:
        path = GOLDEN / name
        if os.environ.get(UPDATE_GOLDEN) == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run with BRIEFCLI_UPDATE_GOLDEN=1"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.fixture
def golden() -> Golden:
    return Golden()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Property tests (hypothesis) are slow by rule, beside the scale tests marked by hand."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
