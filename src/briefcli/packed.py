"""Data stored so that it can be read in place: byte strings end to end and arrays of
integers, read through memoryviews of a memory-mapped file without decoding the whole."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from typing import TypeVar

import msgspec

Decoded = TypeVar("Decoded")


class CorruptStore(Exception):
    """Part of a stored brief does not decode: the cache file was damaged or tampered with."""


def decode(data: memoryview, kind: type[Decoded]) -> Decoded:
    try:
        return msgspec.msgpack.decode(data, type=kind)
    except msgspec.DecodeError as error:
        raise CorruptStore(str(error)) from None


class Packed(msgspec.Struct, frozen=True, array_like=True):
    """Byte strings end to end: item i is `data[ends[i-1]:ends[i]]`, where `ends` is an array
    of unsigned 64-bit integers in this machine's byte order (read in place, never decoded)."""

    ends: memoryview
    data: memoryview


class Items(Sequence[memoryview]):
    """The items of a Packed, read in place."""

    def __init__(self, packed: Packed) -> None:
        self._ends = uint64_array(packed.ends)
        self._data = packed.data
        if len(self._ends) and self._ends[-1] > len(self._data):
            raise CorruptStore("item offsets beyond the data")

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, position: int) -> memoryview:  # type: ignore[override]
        if not 0 <= position < len(self._ends):
            raise CorruptStore(f"no item at position {position}")
        start = self._ends[position - 1] if position else 0
        return self._data[start : self._ends[position]]


def uint64_array(data: memoryview) -> memoryview:
    """An array of uint64 written by `uint64s`, read in place."""
    try:
        return data.cast("B").cast("Q")
    except TypeError:
        raise CorruptStore("an array of the wrong length") from None


def uint64s(values: Iterable[int]) -> memoryview:
    return memoryview(array("Q", values).tobytes())


def pack(items: Iterable[bytes]) -> Packed:
    data = bytearray()
    ends = []
    for item in items:
        data += item
        ends.append(len(data))
    return Packed(ends=uint64s(ends), data=memoryview(bytes(data)))
