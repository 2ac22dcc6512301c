"""Specification: the cache is a trust boundary. An entry is answered from only if this user
wrote it, nobody else may change it, its closing hash matches, and it was built from exactly
the files being loaded; a forged, planted, foreign or damaged entry (or stat shortcut) is
ignored and the brief is read again. A source's text is read only from a brief's own folder,
whatever an entry says.

Files "written by another user" are made by this process and handed to another owner with
chown, which needs root; as any other user those tests are skipped (a user cannot give a file
away), and the checks they cover are the same ownership test.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import msgspec
import pytest
from hostile_support import SCRIPT, process_env, run_process

from briefcli.brief import yamlsafe
from briefcli.store import cache
from conftest import as_unprivileged, copy_harbour

TEXT_NAME = "sources/harbour-report.txt"
ANOTHER_USER = 65534  # nobody
_CHECK_SIZE = hashlib.sha256().digest_size

as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="handing a file to another owner (chown) needs root"
)


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path / "victim")


@pytest.fixture
def forged_brief(tmp_path: Path) -> Path:
    """Another valid brief, whose entry the attacks put in the victim's place."""
    path = copy_harbour(tmp_path / "attacker")
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Grace Okafor", "name: Mallory Forged"),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written, so the stat shortcut is used."""
    monkeypatch.setattr(cache, "SETTLED_NS", 0)


class Parses:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.real = yamlsafe.parse
        monkeypatch.setattr(yamlsafe, "parse", self)

    def __call__(self, text: str) -> object:
        self.calls += 1
        return self.real(text)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.msgpack"))


def stat_file(directory: Path) -> Path:
    (found,) = directory.glob("*.stat")
    return found


def read_entry(file: Path) -> cache.Entry:
    return msgspec.msgpack.decode(file.read_bytes()[:-_CHECK_SIZE], type=cache.Entry)


def write_sealed(file: Path, value: object) -> None:
    """Write as briefcli does, closing hash included: only the other checks can refuse it."""
    body = msgspec.msgpack.encode(value)
    file.write_bytes(body + hashlib.sha256(body).digest())
    file.chmod(0o600)


def names_in(brief: Path) -> set[str]:
    return {actor.name for actor in cache.load([brief]).brief.actors}


# ---------------------------------------------------------------- planted and forged entries


def test_another_briefs_entry_under_this_briefs_key_is_not_answered_from(
    brief: Path, forged_brief: Path, isolated_cache: Path, parses: Parses
) -> None:
    cache.load([brief])
    (victims,) = entries(isolated_cache)
    cache.load([forged_brief])
    (forged,) = set(entries(isolated_cache)) - {victims}
    shutil.copy(forged, victims)  # a valid entry, sealed, of the wrong brief

    assert "Mallory Forged" not in names_in(brief)
    assert "Grace Okafor" in names_in(brief)
    assert parses.calls == 3  # the victim's brief was read again, not taken from the entry


def _forge_shortcut(
    brief: Path, forged_brief: Path, directory: Path, owner: dict[str, int] | None = None
) -> None:
    """Plant what an attacker with write access to a shared cache folder could: an entry with
    the forged brief's answers but the victim's file names, and a stat shortcut naming the
    victim's file signatures and that entry. `owner`: the uid to give the "entry" or the
    "shortcut" (before the shortcut records the entry's signature)."""
    owner = owner or {}
    cache.load([brief])
    shortcut = stat_file(directory)
    seen = msgspec.msgpack.decode(shortcut.read_bytes(), type=cache.Seen)
    cache.load([forged_brief])
    (forged_entry,) = [e for e in entries(directory) if e.stem != seen.entry]
    forged = read_entry(forged_entry)
    victims = read_entry(directory / f"{seen.entry}.msgpack")
    planted = directory / "planted.msgpack"
    write_sealed(planted, msgspec.structs.replace(forged, files=victims.files))
    if "entry" in owner:
        os.chown(planted, owner["entry"], owner["entry"])
    status = planted.stat()
    entry_file = cache.Signature(
        str(planted), status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino
    )
    forged_seen = msgspec.structs.replace(seen, entry="planted", entry_file=entry_file)
    shortcut.write_bytes(msgspec.msgpack.encode(forged_seen))
    if "shortcut" in owner:
        os.chown(shortcut, owner["shortcut"], owner["shortcut"])


@pytest.mark.usefixtures("settled_at_once")
def test_a_forged_stat_shortcut_of_this_user_is_followed_which_shows_the_attack_works(
    brief: Path, forged_brief: Path, isolated_cache: Path
) -> None:
    # The control for the next test: the same files, owned by this user, are trusted (a
    # user's own cache is theirs to change), so it is the owner check that stops the attack.
    _forge_shortcut(brief, forged_brief, isolated_cache)

    assert "Mallory Forged" in names_in(brief)


@as_root
@pytest.mark.usefixtures("settled_at_once")
@pytest.mark.parametrize("planted_by_other", ["shortcut", "entry", "both"])
def test_a_stat_shortcut_or_entry_planted_by_another_user_is_ignored(
    brief: Path, forged_brief: Path, isolated_cache: Path, planted_by_other: str
) -> None:
    others = ("shortcut", "entry") if planted_by_other == "both" else (planted_by_other,)
    _forge_shortcut(brief, forged_brief, isolated_cache, dict.fromkeys(others, ANOTHER_USER))

    assert "Mallory Forged" not in names_in(brief)
    assert "Grace Okafor" in names_in(brief)


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_an_entry_that_others_may_write_is_not_trusted(
    brief: Path, isolated_cache: Path, parses: Parses, mode: int
) -> None:
    cache.load([brief])
    (entry,) = entries(isolated_cache)
    entry.chmod(mode)

    cache.load([brief])

    assert parses.calls == 2


def test_a_symbolic_link_planted_as_an_entry_is_not_followed(
    brief: Path, forged_brief: Path, isolated_cache: Path
) -> None:
    cache.load([brief])
    (victims,) = entries(isolated_cache)
    cache.load([forged_brief])
    (forged,) = set(entries(isolated_cache)) - {victims}
    victims.unlink()
    victims.symlink_to(forged)

    assert "Mallory Forged" not in names_in(brief)


# ---------------------------------------------------------------- damaged entries


@pytest.mark.parametrize("shortcut", [False, True], ids=["by content", "by stat shortcut"])
def test_seven_changed_bytes_in_an_entry_are_not_answered_from(
    brief: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch, shortcut: bool
) -> None:
    if shortcut:
        monkeypatch.setattr(cache, "SETTLED_NS", 0)
    cache.load([brief])
    (entry,) = entries(isolated_cache)
    raw = entry.read_bytes()
    assert raw.count(b"General Secretary") >= 1
    before = entry.stat()
    entry.write_bytes(raw.replace(b"General Secretary", b"Traitor Secretary"))
    os.utime(entry, ns=(before.st_atime_ns, before.st_mtime_ns))  # the mtime put back

    roles = [
        role.title
        for actor in cache.load([brief]).brief.actors
        for role in actor.roles
        if actor.id == "grace-okafor"
    ]

    assert roles == ["General Secretary"]


def test_no_single_byte_flip_in_an_entry_gives_a_wrong_answer(
    brief: Path, isolated_cache: Path
) -> None:
    expected = cache.load([brief]).brief
    (entry,) = entries(isolated_cache)
    valid = entry.read_bytes()
    chosen = random.Random(20).sample(range(len(valid)), 60)
    for offset in chosen:
        flipped = bytearray(valid)
        flipped[offset] ^= 1 << (offset % 8)
        entry.write_bytes(bytes(flipped))

        assert cache.load([brief]).brief == expected, f"byte {offset} flipped was answered"
        entry.write_bytes(valid)


# ---------------------------------------------------------------- text roots


def test_an_entry_whose_text_root_points_outside_the_brief_never_prints_that_file(
    brief: Path, tmp_path: Path, isolated_cache: Path
) -> None:
    # A file outside the brief's folder, at the same relative path, that holds the excerpt:
    # read, its lines around the excerpt would be shown as the claim's context.
    secret = tmp_path / "etc"
    (secret / "sources").mkdir(parents=True)
    leaked = "root:x:0:0:root:/root:/bin/bash\n"
    excerpt = cache.load([brief]).index.claims["c-stay-out"].excerpt
    (secret / TEXT_NAME).write_text(leaked * 3 + excerpt + leaked * 3, encoding="utf-8")
    env = process_env(BRIEFCLI_CACHE_DIR=str(isolated_cache))
    honest = run_process(["-b", str(brief), "sources", "--claim", "c-stay-out"], env=env)
    assert honest.returncode == 0, honest.stderr
    (entry,) = entries(isolated_cache)
    crafted = read_entry(entry)
    roots = dict.fromkeys(crafted.text_roots, str(secret))
    write_sealed(entry, msgspec.structs.replace(crafted, text_roots=roots))

    shown = run_process(["-b", str(brief), "sources", "--claim", "c-stay-out"], env=env)

    assert shown.returncode == 0, shown.stderr
    assert b"root:x" not in shown.stdout


# ---------------------------------------------------------------- left by killed processes


def test_temporary_files_a_killed_process_left_are_swept_and_fresh_ones_kept(
    brief: Path, isolated_cache: Path
) -> None:
    isolated_cache.mkdir(parents=True, exist_ok=True)
    stale = isolated_cache / ".tmp-killed.msgpack"
    stale.write_bytes(b"\0" * 4096)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    fresh = isolated_cache / ".tmp-writing-now.msgpack"  # another process's, still writing
    fresh.write_bytes(b"\0" * 4096)

    cache.load([brief])

    assert not stale.exists()
    assert fresh.exists()


# ---------------------------------------------------------------- where the cache is


def _run_with(env: dict[str, str | None], brief: Path, cwd: Path) -> None:
    environment = {k: v for k, v in process_env().items() if not k.startswith("BRIEFCLI_")}
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    completed = subprocess.run(
        [str(SCRIPT), "--brief", str(brief), "actors", "--json"],
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )
    assert (completed.returncode, completed.stderr) == (0, b"")


def test_a_relative_xdg_cache_home_is_ignored(brief: Path, tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    _run_with({"XDG_CACHE_HOME": "relative-cache", "HOME": str(home)}, brief, work)

    assert list(work.iterdir()) == []  # as the XDG spec says: a relative path is ignored
    assert entries(home / ".cache" / "briefcli")


@pytest.mark.parametrize("home", ["", "relative-home"], ids=["empty", "relative"])
def test_a_home_that_is_empty_or_relative_means_no_cache(
    brief: Path, tmp_path: Path, home: str
) -> None:
    # Run from `work`: an empty HOME was read as the current folder (as root in /, the cache
    # went to /.cache/briefcli).
    work = tmp_path / "work"
    (work / "relative-home").mkdir(parents=True)
    _run_with({"HOME": home, "XDG_CACHE_HOME": None}, brief, work)

    assert list(work.iterdir()) == [work / "relative-home"]  # nothing beside it
    assert list((work / "relative-home").iterdir()) == []


def test_a_user_with_no_home_and_no_passwd_entry_runs_without_a_cache(shared_tmp: Path) -> None:
    folder = shared_tmp / "brief"
    copy_harbour(folder)
    for path in (folder, folder / "sources"):
        path.chmod(0o755)
    no_entry = 54_321  # a uid with no line in /etc/passwd, as in a container
    command = as_unprivileged(
        [str(SCRIPT), "--brief", str(folder / "harbour.yaml"), "actors", "--json"], uid=no_entry
    )
    unset = ("HOME", "XDG_CACHE_HOME", "BRIEFCLI_CACHE_DIR")
    environment = {k: v for k, v in process_env().items() if k not in unset}
    completed = subprocess.run(
        command, capture_output=True, cwd=shared_tmp, env=environment, timeout=60
    )

    assert (completed.returncode, completed.stderr) == (0, b"")
