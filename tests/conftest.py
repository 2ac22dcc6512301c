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
