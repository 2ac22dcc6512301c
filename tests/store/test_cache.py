"""Specification of the cache of validated briefs (briefcli.store.cache).

A valid brief is parsed and checked once; later loads decode a MessagePack entry instead. The
entry is keyed by the brief files' paths and bytes and remembers the digest of every stored
source text it checked, so changing one byte of either misses the cache. A cache file that does
not decode as an entry (garbage, truncated, another shape, a pickle) is ignored and rebuilt,
and nothing in it is ever executed. BRIEFCLI_NO_CACHE=1 turns the cache off; a cache that
cannot be written never stops a brief from loading; concurrent writers cannot corrupt it.

Also here: the benchmark's brief generator (bench/generate.py) must keep writing briefs that
validate, so that it cannot silently rot.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from briefcli.brief import loader, yamlsafe
from briefcli.brief.loader import BriefError
from briefcli.brief.model import Meta
from briefcli.store import cache
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex
from conftest import ROOT, as_unprivileged, copy_harbour, generate_brief

TEXT_NAME = "sources/harbour-report.txt"


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    """A private copy of the harbour brief and its stored source text, free to modify."""
    return copy_harbour(tmp_path / "brief")


class ParseCounter:
    """Counts calls to the YAML parser; `refuse()` makes every later call fail the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.refused = False
        self.real: Callable[[str], Any] = yamlsafe.parse
        monkeypatch.setattr(yamlsafe, "parse", self)

    def __call__(self, text: str) -> Any:
        if self.refused:
            raise AssertionError("the YAML was parsed although the cache holds this brief")
        self.calls += 1
        return self.real(text)

    def refuse(self) -> None:
        self.refused = True


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> ParseCounter:
    return ParseCounter(monkeypatch)


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.msgpack"))


def only_cache_file(directory: Path) -> Path:
    files = cache_files(directory)
    assert len(files) == 1, files
    return files[0]


def read_entry(file: Path) -> cache.Entry:
    """The entry in a cache file (its closing hash left out, not checked)."""
    return msgspec.msgpack.decode(
        file.read_bytes()[: -hashlib.sha256().digest_size], type=cache.Entry
    )


def write_entry(file: Path, entry: cache.Entry) -> None:
    """Write an entry as briefcli does, with the hash that makes it pass the check: the
    change is then one only this user could make (the tests of tampering leave it out)."""
    body = msgspec.msgpack.encode(entry)
    file.write_bytes(body + hashlib.sha256(body).digest())


def change_one_byte(path: Path, old: bytes, new: bytes) -> None:
    """Replace the first `old` with `new` (same length), keeping the file's size and mtime."""
    assert len(old) == len(new)
    raw = path.read_bytes()
    assert old in raw
    stat = path.stat()
    path.write_bytes(raw.replace(old, new, 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


# ---------------------------------------------------------------- the cache is used


def test_a_second_load_decodes_the_cache_instead_of_parsing_yaml(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    first = cache.load([brief])
    assert parses.calls == 1
    file = only_cache_file(isolated_cache)
    entry = read_entry(file)
    assert BriefIndex(entry.stored).brief == first.brief

    parses.refuse()
    second = cache.load([brief])

    assert second.brief == first.brief
    assert second.excerpts_checked == first.excerpts_checked == 13
    assert second.text_roots == first.text_roots
    assert second.document("c-stay-out") is not None


def test_the_cache_file_is_what_the_second_load_reads(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    file = only_cache_file(isolated_cache)
    entry = read_entry(file)
    # A changed title in the cache entry shows that the entry, not the YAML, was read.
    meta = msgspec.msgpack.decode(entry.stored.meta, type=Meta)
    meta = msgspec.structs.replace(meta, title="from the cache")
    stored = msgspec.structs.replace(entry.stored, meta=memoryview(msgspec.msgpack.encode(meta)))
    marked = msgspec.structs.replace(entry, stored=stored)
    write_entry(file, marked)
    parses.refuse()

    assert cache.load([brief]).brief.meta.title == "from the cache"


def test_a_first_run_runs_no_garbage_collection_while_the_parsed_brief_is_held(
    brief: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Between parsing and letting the parsed brief go, a collection could free nothing and
    # would walk every object the parse made (0.4 s at 100,000 events).
    collections: list[str] = []
    holding = False

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and holding:
            collections.append(f"generation {info['generation']}")

    real_load_contents = loader.load_contents

    def load_contents(*args: Any) -> Any:
        nonlocal holding
        result = real_load_contents(*args)
        holding = True
        return result

    monkeypatch.setattr(loader, "load_contents", load_contents)
    thresholds = gc.get_threshold()
    gc.callbacks.append(record)
    gc.set_threshold(1, 1, 1)  # any allocation collects while the collector runs
    try:
        loaded = cache.load([brief])  # the parsed brief is let go before this returns
    finally:
        holding = False
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(record)

    assert collections == []
    assert gc.isenabled()
    assert only_cache_file(isolated_cache).exists()
    assert loaded.index.actors  # answered from the entry written and read back


# ---------------------------------------------------------------- invalidation


def test_one_byte_changed_in_the_brief_misses_the_cache(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    change_one_byte(brief, b"Kilbarra port strike", b"Kilbarra port strikE")

    loaded = cache.load([brief])

    assert parses.calls == 2
    assert loaded.brief.meta.title.startswith("Kilbarra port strikE")
    assert len(cache_files(isolated_cache)) == 2  # one entry per content


def test_one_byte_changed_in_a_stored_text_misses_the_cache(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    # The headline is quoted by no claim: the brief stays valid, but must be checked again.
    change_one_byte(brief.parent / TEXT_NAME, b"Port strike drags", b"Port strike dragz")

    cache.load([brief])

    assert parses.calls == 2


def test_a_stored_text_changed_under_an_excerpt_makes_the_brief_invalid_again(
    brief: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    change_one_byte(brief.parent / TEXT_NAME, b"stay out until", b"stay 0ut until")

    with pytest.raises(BriefError) as raised:
        cache.load([brief])

    assert "excerpt not found" in str(raised.value)
    assert parses.calls == 2


def test_a_deleted_stored_text_misses_the_cache_and_is_a_warning(
    brief: Path, parses: ParseCounter
) -> None:
    assert cache.load([brief]).excerpts_checked == 13
    (brief.parent / TEXT_NAME).unlink()

    without = cache.load([brief])

    assert parses.calls == 2
    assert without.excerpts_checked == 0
    assert [w.split(": ", 2)[1:] for w in without.warnings] == [
        [
            "sources[0].text",
            f"stored text {TEXT_NAME!r} not found (looked in {brief.parent / 'sources'}); its "
            "excerpts are not checked (`validate` requires it)",
        ]
    ]


def test_a_stored_text_that_comes_back_misses_the_cache(
    brief: Path, parses: ParseCounter, tmp_path: Path
) -> None:
    text = brief.parent / TEXT_NAME
    kept = tmp_path / "kept.txt"
    text.rename(kept)
    assert cache.load([brief]).warnings
    assert cache.load([brief]).warnings  # from the entry: said again
    assert parses.calls == 1
    kept.rename(text)

    back = cache.load([brief])

    assert (back.warnings, back.excerpts_checked, parses.calls) == ([], 13, 2)


def test_the_same_brief_at_another_path_has_its_own_entry(
    brief: Path, isolated_cache: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(brief.parent, copy)
    first = cache.load([brief])
    second = cache.load([copy / brief.name])

    assert len(cache_files(isolated_cache)) == 2
    assert first.text_roots != second.text_roots
    assert cache.load([copy / brief.name]).text_roots == second.text_roots


# ---------------------------------------------------------------- the stat shortcut


def stat_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.stat"))


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are written (normally after SETTLED_NS)."""
    monkeypatch.setattr(cache, "SETTLED_NS", 0)


@pytest.mark.usefixtures("settled_at_once")
def test_an_unchanged_brief_is_found_by_its_stat_signature_without_reading_it(
    brief: Path, isolated_cache: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache.load([brief])
    assert len(stat_files(isolated_cache)) == 1

    def unread(path: Path) -> bytes:
        raise AssertionError(f"{path} was read although its signature had not changed")

    monkeypatch.setattr(loader, "read_bytes", unread)
    parses.refuse()
    assert cache.load([brief]).brief == first.brief


@pytest.mark.usefixtures("settled_at_once")
def test_the_byte_limit_holds_for_a_brief_the_cache_knows(
    brief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load([brief])
    monkeypatch.setenv("BRIEFCLI_MAX_BYTES", "100")
    with pytest.raises(loader.BriefError, match="over the 100-byte limit"):
        cache.load([brief])


@pytest.mark.usefixtures("settled_at_once")
def test_a_change_that_keeps_size_and_mtime_still_misses_the_stat_shortcut(
    brief: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    time.sleep(0.05)  # past the file system's timestamp granularity: the ctime moves
    change_one_byte(brief, b"Kilbarra port strike", b"Kilbarra port strikE")

    loaded = cache.load([brief])

    assert parses.calls == 2
    assert loaded.brief.meta.title.startswith("Kilbarra port strikE")


@pytest.mark.usefixtures("settled_at_once")
def test_a_changed_stored_text_misses_the_stat_shortcut(brief: Path, parses: ParseCounter) -> None:
    cache.load([brief])
    time.sleep(0.05)
    change_one_byte(brief.parent / TEXT_NAME, b"stay out until", b"stay 0ut until")

    with pytest.raises(BriefError, match="excerpt not found"):
        cache.load([brief])


def test_files_changed_moments_ago_get_no_stat_shortcut(brief: Path, isolated_cache: Path) -> None:
    cache.load([brief])  # the brief was written by the fixture just now

    assert cache_files(isolated_cache)
    assert stat_files(isolated_cache) == []


@pytest.mark.usefixtures("settled_at_once")
def test_a_stat_file_pointing_elsewhere_is_not_followed(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    cache.load([brief])
    seen_file = stat_files(isolated_cache)[0]
    seen = msgspec.msgpack.decode(seen_file.read_bytes(), type=cache.Seen)
    seen_file.write_bytes(msgspec.msgpack.encode(msgspec.structs.replace(seen, entry="../x")))

    cache.load([brief])

    assert parses.calls == 1  # found by content hash instead


class ReadCounter:
    """Counts brief files read (the stat shortcut reads none)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.real = loader.read_bytes
        monkeypatch.setattr(loader, "read_bytes", self)

    def __call__(self, path: Path) -> bytes:
        self.calls += 1
        return self.real(path)


@pytest.mark.usefixtures("settled_at_once")
def test_a_stat_file_that_names_no_files_is_not_trusted(
    brief: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load([brief])
    seen_file = stat_files(isolated_cache)[0]
    seen = msgspec.msgpack.decode(seen_file.read_bytes(), type=cache.Seen)
    seen_file.write_bytes(msgspec.msgpack.encode(msgspec.structs.replace(seen, files=[])))
    reads = ReadCounter(monkeypatch)

    cache.load([brief])

    assert reads.calls == 1  # the brief was read and hashed, not taken on trust


@pytest.mark.usefixtures("settled_at_once")
def test_a_brief_changed_while_it_was_loading_gets_no_stat_shortcut(
    brief: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_load = loader.load_contents

    def saved_meanwhile(*args: Any) -> Any:
        loaded = real_load(*args)
        time.sleep(0.05)  # past the file system's timestamp granularity
        change_one_byte(brief, b"Kilbarra port strike", b"Kilbarra port strikE")
        return loaded

    monkeypatch.setattr(loader, "load_contents", saved_meanwhile)
    cache.load([brief])  # answers from the bytes it read: the old title
    monkeypatch.setattr(loader, "load_contents", real_load)

    assert cache.load([brief]).brief.meta.title.startswith("Kilbarra port strikE")
    assert parses.calls == 2


def test_an_interrupted_cache_write_leaves_no_temporary_file(
    brief: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(brief_records: Any, event_links: Any, search_texts: Any) -> Iterator[object]:
        yield brief_records.format
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "stored_parts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.load([brief])

    assert list(isolated_cache.iterdir()) == []


def test_a_stored_text_outside_the_briefs_folder_is_never_read(brief: Path) -> None:
    loaded = cache.load([brief])
    claim = loaded.index.claims["c-stay-out"]
    outside = brief.parent.parent / "outside.txt"
    outside.write_text("secret " * 40, encoding="utf-8")
    sources = [
        msgspec.structs.replace(source, text="../outside.txt") if source.text else source
        for source in loaded.brief.sources
    ]
    tampered = msgspec.structs.replace(loaded.brief, sources=sources)
    hostile = LoadedBrief(tampered, [brief], 0, loaded.text_roots)

    assert loaded.document(claim.id) is not None
    assert hostile.document(claim.id) is None


# ---------------------------------------------------------------- corrupt cache files


class _Exploit:
    """Pickles to a call of os.system: unpickling it would create the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _garbage(valid: bytes, marker: Path) -> bytes:
    return bytes(range(256)) * 8


def _truncated(valid: bytes, marker: Path) -> bytes:
    return valid[: len(valid) // 2]


def _empty(valid: bytes, marker: Path) -> bytes:
    return b""


def _wrong_shape(valid: bytes, marker: Path) -> bytes:
    return _sealed(
        msgspec.msgpack.encode({"version": "0", "stored": [1, 2, 3], "dependencies": "x"})
    )


def _sealed(body: bytes) -> bytes:
    """A file with a correct closing hash: what is wrong must be found by the other checks."""
    return body + hashlib.sha256(body).digest()


def _entry_missing_the_brief(valid: bytes, marker: Path) -> bytes:
    entry = msgspec.msgpack.decode(valid[: -hashlib.sha256().digest_size])
    del entry["stored"]
    return _sealed(msgspec.msgpack.encode(entry))


def _other_version(valid: bytes, marker: Path) -> bytes:
    entry = msgspec.msgpack.decode(valid[: -hashlib.sha256().digest_size])
    entry["version"] = "0.0.0-other"
    return _sealed(msgspec.msgpack.encode(entry))


def _pickle(valid: bytes, marker: Path) -> bytes:
    return pickle.dumps(_Exploit(marker))


def _pickle_after_valid_entry(valid: bytes, marker: Path) -> bytes:
    return valid + pickle.dumps(_Exploit(marker))


CORRUPTIONS = [
    _garbage,
    _truncated,
    _empty,
    _wrong_shape,
    _entry_missing_the_brief,
    _other_version,
    _pickle,
    _pickle_after_valid_entry,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.strip("_"))
def test_a_corrupt_cache_file_is_ignored_and_rebuilt_without_executing_anything(
    corrupt: Callable[[bytes, Path], bytes],
    brief: Path,
    isolated_cache: Path,
    parses: ParseCounter,
    tmp_path: Path,
) -> None:
    # Decoded now: the file is about to be overwritten in place, under its memory map.
    expected = cache.load([brief]).brief
    file = only_cache_file(isolated_cache)
    marker = tmp_path / "executed"
    file.write_bytes(corrupt(file.read_bytes(), marker))

    loaded = cache.load([brief])

    assert not marker.exists(), "a cache file's content was executed"
    assert loaded.brief == expected
    assert parses.calls == 2
    rebuilt = read_entry(file)
    assert BriefIndex(rebuilt.stored).brief == expected
    parses.refuse()
    assert cache.load([brief]).brief == expected


def _damage_records(file: Path, section: str) -> None:
    """Overwrite one section's encoded records with bytes that are not MessagePack: the entry
    still decodes, the damage shows only when a command reads those records."""
    entry = read_entry(file)
    part = getattr(entry.stored, section)
    records = msgspec.structs.replace(
        part.records, data=memoryview(b"\xc1" * len(part.records.data))
    )
    stored = msgspec.structs.replace(
        entry.stored, **{section: msgspec.structs.replace(part, records=records)}
    )
    write_entry(file, msgspec.structs.replace(entry, stored=stored))


@pytest.mark.parametrize("section", ["actors", "relations", "claims"])
def test_records_found_damaged_while_answering_are_discarded_and_the_command_run_again(
    brief: Path, tmp_path: Path, section: str
) -> None:
    directory = tmp_path / "cache"
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFCLI_")}
    env["BRIEFCLI_CACHE_DIR"] = str(directory)
    command = _briefcli("-b", str(brief), "actor", "HDWU", "--json")
    expected = subprocess.run(command, capture_output=True, check=True, env=env).stdout
    _damage_records(only_cache_file(directory), section)

    again = subprocess.run(command, capture_output=True, env=env)

    assert (again.returncode, again.stderr, again.stdout) == (0, b"", expected)
    rebuilt = read_entry(only_cache_file(directory))
    assert len(BriefIndex(rebuilt.stored).actors.all()) == 14


def test_a_directory_where_the_cache_file_should_be_does_not_break_loading(
    brief: Path, isolated_cache: Path, parses: ParseCounter
) -> None:
    expected = cache.load([brief])
    file = only_cache_file(isolated_cache)
    file.unlink()
    file.mkdir()

    assert cache.load([brief]).brief == expected.brief
    assert cache.load([brief]).brief == expected.brief
    assert parses.calls == 3
    assert not list(isolated_cache.glob(".tmp-*")), "a temporary file was left behind"


# ---------------------------------------------------------------- switched off, unwritable


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_briefcli_no_cache_turns_the_cache_off(
    value: str,
    brief: Path,
    isolated_cache: Path,
    parses: ParseCounter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFCLI_NO_CACHE", value)

    first = cache.load([brief])
    second = cache.load([brief])

    assert parses.calls == 2
    assert first.brief == second.brief
    assert not any(isolated_cache.iterdir())


def test_briefcli_no_cache_0_leaves_the_cache_on(
    brief: Path, isolated_cache: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFCLI_NO_CACHE", "0")
    cache.load([brief])
    cache.load([brief])

    assert parses.calls == 1
    only_cache_file(isolated_cache)


def test_an_unwritable_cache_directory_does_not_break_loading(
    brief: Path, tmp_path: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regular file where the cache directory's parent should be: mkdir fails even for root.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file", encoding="utf-8")
    monkeypatch.setenv("BRIEFCLI_CACHE_DIR", str(blocker / "cache"))

    first = cache.load([brief])
    second = cache.load([brief])

    assert first.brief == second.brief
    assert parses.calls == 2
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_a_read_only_cache_directory_does_not_break_loading(shared_tmp: Path) -> None:
    folder = shared_tmp / "brief"
    copy_harbour(folder)
    for path in (folder, folder / "sources"):
        path.chmod(0o755)
    read_only = shared_tmp / "cache"
    read_only.mkdir(mode=0o555)
    read_only.chmod(0o555)  # whatever the umask
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFCLI_")}
    env["BRIEFCLI_CACHE_DIR"] = str(read_only)
    command = as_unprivileged(_briefcli("-b", str(folder / "harbour.yaml"), "actors", "--json"))

    runs = [subprocess.run(command, capture_output=True, env=env) for _ in range(2)]

    assert [(run.returncode, run.stderr) for run in runs] == [(0, b""), (0, b"")]
    assert runs[0].stdout == runs[1].stdout
    assert list(read_only.iterdir()) == []


def test_the_cache_directory_is_created_when_missing(
    brief: Path, tmp_path: Path, parses: ParseCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "deep" / "er" / "cache"
    monkeypatch.setenv("BRIEFCLI_CACHE_DIR", str(directory))
    cache.load([brief])
    parses.refuse()
    cache.load([brief])
    only_cache_file(directory)


def test_a_home_directory_that_does_not_exist_is_not_created(
    brief: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Service users often have HOME=/nonexistent: briefcli then runs without a cache."""
    home = tmp_path / "nonexistent"
    monkeypatch.delenv("BRIEFCLI_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert cache.load([brief]).brief.actors
    assert not home.exists()


# ---------------------------------------------------------------- concurrent writers


def _briefcli(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefcli", *args]


def _start_together(commands: int, brief: Path, env: dict[str, str]) -> list[tuple[int, bytes]]:
    children = [
        subprocess.Popen(
            _briefcli("-b", str(brief), "actors", "--json"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(commands)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
        results.append((child.returncode, out))
    return results


def test_processes_writing_the_cache_at_once_do_not_corrupt_it(brief: Path, tmp_path: Path) -> None:
    directory = tmp_path / "shared-cache"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BRIEFCLI_") and key != "PYTHONPATH"
    }
    env["BRIEFCLI_CACHE_DIR"] = str(directory)
    reference = subprocess.run(
        _briefcli("-b", str(brief), "actors", "--json"),
        capture_output=True,
        check=True,
        env={**env, "BRIEFCLI_NO_CACHE": "1"},
    ).stdout

    cold = _start_together(8, brief, env)  # all start with an empty cache and write it
    warm = _start_together(8, brief, env)  # all read it (and none rewrites it badly)

    assert {out for _, out in cold + warm} == {reference}
    file = only_cache_file(directory)
    assert not list(directory.glob(".tmp-*")), "temporary files were left behind"
    entry = read_entry(file)
    assert len(BriefIndex(entry.stored).actors) == 14


# ---------------------------------------------------------------- the benchmark's generator


def test_the_benchmark_generator_writes_a_brief_that_validates(tmp_path: Path) -> None:
    out = generate_brief(tmp_path / "generated" / "brief-200.yaml", 200, seed=3)

    loaded, problems = loader.check_files([out])

    assert [str(problem) for problem in problems] == []
    assert loaded is not None
    brief = loaded.brief
    assert len(brief.events) == 200
    assert len(brief.claims) == 400
    assert len(brief.relations) == 200
    assert len(brief.actors) >= 16
    assert {actor.kind for actor in brief.actors} == {"person", "organisation", "state", "bloc"}
    assert loaded.excerpts_checked == 400  # every excerpt checked against a stored text
    assert any(source.via for source in brief.sources)
    methods = {event.date.method for event in brief.events}
    assert {"stated", "approximate", "inferred", "unknown"} <= methods
    assert any(event.date.phrase and "last" in event.date.phrase for event in brief.events)
    assert any(alias.form == "transliteration" for a in brief.actors for alias in a.aliases)


def test_the_benchmark_generator_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        out = generate_brief(tmp_path / run / "brief.yaml", 50, seed=11)
        texts = sorted((out.parent / "sources" / "brief").glob("*.txt"))
        outputs.append((out.read_bytes(), [text.read_bytes() for text in texts]))
    assert outputs[0] == outputs[1]


def test_the_linear_yardstick_reports_seconds_and_peak_memory_per_size() -> None:
    script = ROOT / "bench" / "linear_reference.py"
    result = subprocess.run(
        [sys.executable, str(script), "2000", "500"], check=True, capture_output=True, text=True
    )
    lines = result.stdout.splitlines()
    assert [line.split(" records:")[0].strip() for line in lines] == ["2,000", "500"]
    for line in lines:
        assert re.fullmatch(r" *[\d,]+ records: \d+\.\d\d s, peak [1-9]\d* MiB", line), line
