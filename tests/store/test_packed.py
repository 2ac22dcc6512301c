"""Specification of briefcli.store.packed: data read in place from a cache file.

`write_msgpack` streams a stored brief to a file piece by piece; what it writes must be exactly
what `msgspec.msgpack.encode` gives, or the cache could not read it back. `Items` and
`uint64_array` read in place, and turn damaged data into CorruptStore, never a crash.
"""

from __future__ import annotations

import io
from array import array

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.brief import loader
from briefcli.store.cache import CACHE_VERSION, Entry
from briefcli.store.packed import (
    CorruptStore,
    Fields,
    Items,
    Packed,
    pack,
    uint64_array,
    write_msgpack,
)
from briefcli.store.stored import StoredBrief, store, stored_parts
from conftest import BUNDLED_BRIEF, SECOND_BRIEF


def streamed(value: object) -> bytes:
    stream = io.BytesIO()
    write_msgpack(stream, value, msgspec.msgpack.Encoder().encode)
    return stream.getvalue()


class Holder(msgspec.Struct, array_like=True):
    blob: memoryview
    parts: dict[str, Packed]
    count: int


class Named(msgspec.Struct):
    holder: Holder
    label: str


@pytest.mark.parametrize("path", [BUNDLED_BRIEF, SECOND_BRIEF], ids=lambda p: p.name)
def test_a_streamed_cache_entry_is_byte_for_byte_what_msgspec_encodes(path: object) -> None:
    loaded, problems = loader.check_files([path])  # type: ignore[list-item]
    assert loaded is not None, problems
    entry = Entry(CACHE_VERSION, [], [], 0, {"s": "/x"}, [], store(loaded.brief))
    assert streamed(entry) == msgspec.msgpack.encode(entry)
    # As the cache writes it: the stored brief's parts made one at a time.
    parts = Fields(StoredBrief, stored_parts(loaded.brief))
    assert streamed(Fields(Entry, [CACHE_VERSION, [], [], 0, {"s": "/x"}, [], parts])) == streamed(
        entry
    )


sizes = st.sampled_from([0, 1, 15, 16, 255, 256, 65535, 65536, 70000])


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(blob=sizes, keys=sizes, items=st.integers(0, 20))
def test_headers_of_every_size_are_msgspecs(blob: int, keys: int, items: int) -> None:
    parts = {f"k{n}": pack([b"x"] * items) for n in range(keys)}
    value = Named(Holder(memoryview(b"\0" * blob), parts, keys), "label")
    assert streamed(value) == msgspec.msgpack.encode(value)


class WriteSizes(io.BytesIO):
    """A stream that records the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data: bytes | memoryview) -> int:  # type: ignore[override]
        self.sizes.append(memoryview(data).nbytes)
        return super().write(data)


def test_a_large_part_is_written_a_mebibyte_at_a_time_and_encodes_the_same() -> None:
    # A part of 8-byte integers, as the cache stores its arrays: 2.4 MB, not a whole number
    # of mebibytes, so the last piece is short.
    numbers = memoryview(array("Q", range(300_001)))
    value = Holder(numbers, {}, 1)
    stream = WriteSizes()
    write_msgpack(stream, value, msgspec.msgpack.Encoder().encode)
    assert stream.getvalue() == msgspec.msgpack.encode(value)
    assert max(stream.sizes) == 1 << 20


def test_items_are_read_in_place() -> None:
    packed = pack([b"one", b"", b"three"])
    items = Items(packed)
    assert [bytes(item) for item in items] == [b"one", b"", b"three"]


@pytest.mark.parametrize(
    "packed",
    [
        Packed(ends=memoryview(b"\1\2\3"), data=memoryview(b"abc")),  # not a whole number
        Packed(ends=memoryview(array("Q", [99]).tobytes()), data=memoryview(b"abc")),
    ],
    ids=["ends-of-the-wrong-length", "ends-beyond-the-data"],
)
def test_damaged_items_raise_corrupt_store(packed: Packed) -> None:
    with pytest.raises(CorruptStore):
        Items(packed)


def test_items_out_of_range_raise_corrupt_store() -> None:
    with pytest.raises(CorruptStore):
        Items(pack([b"a"]))[1]


def test_an_array_of_the_wrong_length_raises_corrupt_store() -> None:
    with pytest.raises(CorruptStore):
        uint64_array(memoryview(b"\0" * 7))
