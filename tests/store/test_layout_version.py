"""Specification of the cache's layout version: any change to what a stored brief holds (the
stored structs, the model records encoded in it, the searched sections, the key packing) or
to the files around it (the entry, the stat shortcut) must come with a new STORE_LAYOUT, so
that entries written by another build are rebuilt instead of misread. This test pins the
layout's fingerprint to the version."""

from __future__ import annotations

import hashlib

import msgspec

from briefcli.brief.model import Brief
from briefcli.search.fields import FIELD_BITS, LABEL_FIELDS, SEARCHED_SECTIONS
from briefcli.store.cache import STORE_LAYOUT, Entry, Seen
from briefcli.store.stored import LINKED_SECTIONS, StoredBrief

# STORE_LAYOUT -> the fingerprint of the layout it names. Raise STORE_LAYOUT when this test
# fails, and record the new fingerprint under the new number.
FINGERPRINTS = {
    16: "39252435b71db059",
    17: "469ff4bfd94296d9",
}


def fingerprint() -> str:
    described = msgspec.json.encode(
        [
            msgspec.json.schema(Entry),
            msgspec.json.schema(Seen),
            msgspec.json.schema(StoredBrief),
            msgspec.json.schema(Brief),
            SEARCHED_SECTIONS,
            LINKED_SECTIONS,
            sorted(LABEL_FIELDS.items()),
            FIELD_BITS,
        ]
    )
    return hashlib.sha256(described).hexdigest()[:16]


def test_the_stored_layout_is_the_one_its_version_names() -> None:
    assert FINGERPRINTS.get(STORE_LAYOUT) == fingerprint(), (
        f"the stored layout changed (fingerprint {fingerprint()}): raise STORE_LAYOUT in "
        "store/cache.py and record the fingerprint under it"
    )
