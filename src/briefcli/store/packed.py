"""Data stored so that it can be read in place: byte strings end to end and arrays of
integers, read through memoryviews of a memory-mapped file without decoding the whole."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Protocol, TypeVar

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


class Items:
    """The items of a Packed, read in place (a position out of range is damage, not an end)."""

    def __init__(self, packed: Packed) -> None:
        self._ends = uint64_array(packed.ends)
        self._data = packed.data
        if len(self._ends) and self._ends[-1] > len(self._data):
            raise CorruptStore("item offsets beyond the data")

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[memoryview]:
        return (self[position] for position in range(len(self)))

    def __getitem__(self, position: int) -> memoryview:
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
    """An array of uint64 (as bytes: written into the cache file as they are)."""
    return memoryview(array("Q", values)).cast("B")


def pack(items: Iterable[bytes]) -> Packed:
    parts = list(items)
    ends = array("Q", accumulate(map(len, parts)))
    return Packed(ends=memoryview(ends).cast("B"), data=memoryview(b"".join(parts)))


class Fields:
    """A Struct of `kind` to be written field by field, its values made one at a time (each
    can be let go once written): what `kind(*values)` would encode to."""

    def __init__(self, kind: type[msgspec.Struct], values: Iterable[object]) -> None:
        self.kind = kind
        self.values = values


# Large parts are written a MiB at a time: one write(2) of a buffer of tens of MB is often
# much slower than the same bytes in 1 MiB pieces (bench/README.md, "Measured").
_WRITE_CHUNK = 1 << 20


class Writer(Protocol):
    """Where write_msgpack writes: a binary file, or a stream that also hashes what it writes."""

    def write(self, data: bytes | memoryview, /) -> int: ...


def write_msgpack(stream: Writer, value: object, encode: Callable[[object], bytes]) -> None:
    """Write `value` as `msgspec.msgpack.encode` would, but piece by piece: Structs, `Fields`
    and dicts are walked and each memoryview's bytes are written as they are (a MiB at a time),
    so a large stored brief is never held whole in memory next to its encoding."""
    if isinstance(value, msgspec.Struct):
        value = Fields(type(value), [getattr(value, name) for name in value.__struct_fields__])
    if isinstance(value, Fields):
        names = value.kind.__struct_fields__
        array_like = value.kind.__struct_config__.array_like
        if array_like:
            stream.write(_collection_header(len(names), 0x90, 0xDC, 0xDD))
        else:
            stream.write(_collection_header(len(names), 0x80, 0xDE, 0xDF))
        for name, item in zip(names, value.values, strict=True):
            if not array_like:
                stream.write(encode(name))
            write_msgpack(stream, item, encode)
            del item  # before the next value is made
    elif isinstance(value, memoryview):
        data = value.cast("B")
        stream.write(_bin_header(data.nbytes))
        for start in range(0, data.nbytes, _WRITE_CHUNK):
            stream.write(data[start : start + _WRITE_CHUNK])
    elif isinstance(value, dict):
        stream.write(_collection_header(len(value), 0x80, 0xDE, 0xDF))
        for key, item in value.items():
            stream.write(encode(key))
            write_msgpack(stream, item, encode)
    else:
        stream.write(encode(value))


def _bin_header(size: int) -> bytes:
    if size < 1 << 8:
        return bytes((0xC4, size))
    if size < 1 << 16:
        return b"\xc5" + size.to_bytes(2, "big")
    return b"\xc6" + size.to_bytes(4, "big")


def _collection_header(size: int, fixed: int, code16: int, code32: int) -> bytes:
    """An array's or a map's type byte and length (fixarray/fixmap below 16 items)."""
    if size < 16:
        return bytes((fixed | size,))
    if size < 1 << 16:
        return bytes((code16,)) + size.to_bytes(2, "big")
    return bytes((code32,)) + size.to_bytes(4, "big")
