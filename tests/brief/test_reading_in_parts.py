"""Specification of reading a brief in parts: the same brief and the same problems as reading
the whole document, with less memory.

A brief is cut at its top-level keys and at the items of its sections (yamlsafe.split); the
skeleton and each batch of items are parsed alone, converted, and dropped. Whatever the text
(quoted, plain and block scalars over several lines, flow collections, comments, lines that
look like keys or items), the result is exactly that of the whole-document parse: a cut that
could differ makes a part fail, and the brief is then read whole. The fast YAML builder used
for the parts constructs exactly what PyYAML's constructor constructs, or declines.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcli.brief import loader, yamlsafe
from briefcli.brief.model import SECTIONS
from conftest import SECOND_BRIEF, generate_brief

BRIEF = Path("brief.yaml")


def read_in_parts(text: str, path: Path = BRIEF) -> tuple[Any, list[str]]:
    """The brief (None if unusable) and every problem line, as the loader gives them."""
    loaded, problems, _ = loader.check_contents([path], [text.encode()])
    return (None if loaded is None else loaded.brief), [str(problem) for problem in problems]


def read_whole(
    text: str, monkeypatch: pytest.MonkeyPatch, path: Path = BRIEF
) -> tuple[Any, list[str]]:
    """The same, with cutting turned off: the whole-document parse."""
    with monkeypatch.context() as patch:
        patch.setattr(yamlsafe, "split", lambda data, sections: None)
        return read_in_parts(text, path)


def cut_is_used(text: str) -> bool:
    return loader.parse_file(BRIEF, text.encode()).layout is not None


# ---------------------------------------------------------------- real briefs


def test_the_harbour_brief_is_read_in_parts_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = SECOND_BRIEF.read_text(encoding="utf-8")
    assert cut_is_used(text)
    assert read_in_parts(text) == read_whole(text, monkeypatch)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-event brief from the benchmark's generator."""
    return generate_brief(tmp_path_factory.mktemp("generated") / "brief-300.yaml", 300)


def recording_parts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int | None]]:
    """Make the fast parser record each part it parses: its length, and the size of the table
    of shared texts as it starts (None for a part parsed without one)."""
    parts: list[tuple[int, int | None]] = []
    real = yamlsafe.parse_simple

    def recording(part: str, shared: dict[str, str] | None = None) -> Any:
        parts.append((len(part), None if shared is None else len(shared)))
        return real(part, shared)

    monkeypatch.setattr(yamlsafe, "parse_simple", recording)
    return parts


def test_a_generated_brief_is_read_in_batches_no_larger_than_needed(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = generated.read_text(encoding="utf-8")
    parts = recording_parts(monkeypatch)
    in_parts = read_in_parts(text, generated)
    assert in_parts[1] == [] and in_parts[0] is not None
    # Never the whole document at once: each part is a batch of items (or the skeleton).
    parsed = [length for length, _ in parts]
    assert len(parsed) > 10
    assert max(parsed) < yamlsafe.BATCH_BYTES + 4096
    monkeypatch.undo()
    assert in_parts == read_whole(text, monkeypatch, generated)


def test_short_texts_repeated_in_a_part_are_one_object() -> None:
    shared: dict[str, str] = {}
    first, second = yamlsafe.parse_simple(
        "- {id: e-1, actor: a-1}\n- {id: e-2, actor: a-1}\n", shared
    )
    assert first["actor"] is second["actor"]
    # And in a later part, while the table holds it.
    (third,) = yamlsafe.parse_simple("- {actor: a-1}\n", shared)
    assert third["actor"] is first["actor"]


def test_the_table_of_shared_texts_is_emptied_once_past_its_bound_and_changes_no_value(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = generated.read_text(encoding="utf-8")
    monkeypatch.setattr(yamlsafe, "SHARED_TEXTS_MAX", 200)
    parts = recording_parts(monkeypatch)
    in_parts = read_in_parts(text, generated)
    assert in_parts[1] == [] and in_parts[0] is not None
    table_sizes = [size for _, size in parts if size is not None]
    # Emptied between parts once past the bound, not after every part: texts are still shared
    # from one part to the next.
    assert max(table_sizes) <= 200
    assert max(table_sizes) > 0
    emptied = [later < earlier for earlier, later in pairwise(table_sizes)]
    assert any(emptied)
    monkeypatch.undo()
    assert in_parts == read_whole(text, monkeypatch, generated)


# ---------------------------------------------------------------- texts that look cut-able

ITEM = """\
{indent}- id: {id}
{indent}  name: {name}
{indent}  kind: person
"""

# Values that run over several lines, some with lines that look like top-level keys or items.
TRICKY_NAMES = [
    "Plain name",
    '"Quoted\nactors:\n  - id: fake\n  name"',
    '"Quoted\n- id: fake\n  kind: bloc"',
    "'Single\n  - id: fake\n  quoted'",
    "Plain\n    continued\n    - not an item",
    "|\n      block\n      - not an item\n      places:",
    ">-\n      folded\n\n      - still text",
    "[flow,\n  -1,\n  x]",
    "{a: b,\nnotes: c}",
    "x # comment with\n# - id: comment",
    "yes",
    "007",
    "null",
]
# Values that make the brief's YAML invalid, or that only PyYAML's constructor reads.
BROKEN_NAMES = [
    '"unterminated',
    "&anchor Anchored",
    "!!str Tagged",
    "x\tafter a tab",
    '"ends"\n  extra: field',
    "- nested item",
    '"Quoted\nactors:\n  - id: fake',
]


@st.composite
def tricky_briefs(draw: st.DrawFn) -> str:
    """Briefs whose sections hold items at various indents, with tricky multi-line values,
    comments, blank lines and, sometimes, errors."""
    parts = ["# a comment\n"] if draw(st.booleans()) else []
    title = draw(
        st.sampled_from(["Brief", '"Brief\nactors:\n  - id: t"', "|\n    multi\n    line"])
    )
    parts.append(f'meta:\n  title: {title}\n  as_of: "2024-03-15"\n')
    names = iter(range(10_000))
    for section in draw(
        st.lists(st.sampled_from(["actors", "notes", "places"]), max_size=3, unique=True)
    ):
        indent = " " * draw(st.sampled_from([0, 2, 4]))
        parts.append(f"{section}:{draw(st.sampled_from(['', ' # items', '  ']))}\n")
        for _ in range(draw(st.integers(0, 4))):
            broken = draw(st.integers(0, 19)) == 0
            name = draw(st.sampled_from(BROKEN_NAMES if broken else TRICKY_NAMES))
            name = name.replace("\n", "\n" + indent)
            item_id = draw(st.sampled_from(["a", "b", f"x{next(names)}", "Bad Id"]))
            parts.append(ITEM.format(indent=indent, id=item_id, name=name))
            parts.append(draw(st.sampled_from(["", "\n", f"{indent}# - id: comment\n", "#\n"])))
    parts.append(
        draw(st.sampled_from(["", "", "format: briefcli/1\n", "extra: 1\n", "meta: {}\n"]))
    )
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_briefs())
def test_reading_in_parts_gives_the_whole_documents_brief_and_problems(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert read_in_parts(text) == read_whole(text, monkeypatch)


def test_a_quote_that_swallows_a_key_line_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # The `actors:` and `format:` lines are inside the title's quotes: no actors at all.
    text = 'meta:\n  as_of: "2024"\n  title: "abc\nactors:\n  - id: x\nformat: y"\n'
    brief, problems = read_in_parts(text)
    assert problems == []
    assert brief.actors == [] and brief.meta.title == "abc actors: - id: x format: y"
    assert (brief, problems) == read_whole(text, monkeypatch)


def test_a_quote_that_swallows_an_item_line_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        'meta:\n  title: t\n  as_of: "2024"\nactors:\n  - id: a\n    kind: person\n'
        '    name: "Ann\n  - id: b"\n  - id: c\n    name: Cy\n    kind: person\n'
    )
    brief, problems = read_in_parts(text)
    assert [actor.name for actor in brief.actors] == ["Ann - id: b", "Cy"]
    assert (brief, problems) == read_whole(text, monkeypatch)


def test_problems_in_later_items_name_their_own_lines() -> None:
    text = (
        'meta:\n  title: t\n  as_of: "2024"\nactors:\n'
        + "".join(f"  - id: a{n}\n    name: A\n    kind: person\n" for n in range(3000))
        + "  - id: late\n    name: Late\n    kind: persn\n"
    )
    assert cut_is_used(text)
    _, problems = read_in_parts(text)
    assert len(problems) == 1
    assert problems[0].startswith("brief.yaml:9007:11: actors[3000].kind: a string 'persn'")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'meta:\n  title: t\n  as_of: "2024"\nactors:\n  - id: a\n'
            "    name: A\n    kind: person\n    name: B\n",
            "brief.yaml:8:5: duplicate key 'name' in one mapping",
        ),
        (
            'meta:\n  title: t\n  as_of: "2024"\nnotes: []\nactors:\n  - id: a\nnotes: []\n',
            "brief.yaml:7:1: duplicate key 'notes' in one mapping",
        ),
        (
            'meta:\n  title: t\n  as_of: "2024"\nactors:\n  - id: &a x\n    name: *a\n',
            "brief.yaml:5:9: anchors and aliases (&name / *name) are not allowed in a brief",
        ),
        (
            'meta:\n  title: t\n  as_of: "2024"\nactors:\n  - id: a\n'
            "    name: !!python/name:os.system\n",
            "brief.yaml:6:11: could not determine a constructor",
        ),
    ],
)
def test_yaml_errors_in_a_part_are_those_of_the_whole_document(text: str, message: str) -> None:
    with pytest.raises(loader.BriefError) as raised:
        loader.parse_file(BRIEF, text.encode())
    assert str(raised.value.problems[0]).startswith(message)


# ---------------------------------------------------------------- the fast builder


PLAIN_SCALARS = [
    "yes", "No", "on", "OFF", "true", "True", "FALSE", "tRue", "~", "null", "Null", "NULL",
    "", "1_000", "0x1F", "0o17", "1e3", "1E+3", "1.5", "1.", ".5", "+.5", "-0", "+12", "007",
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "10:30", "2020-01-03", "2020-01-03T10:00:00Z",
    "<<", "=", "x" * 5000, "9" * 4001, "9" * 3999, "a: b", "- a", "'q'", '"d"', "!!str 5",
    "!!int 5", "! 5", "!custom x", "[1, 2]", "{a: 1}", "|\n  block", "&a 1",
]  # fmt: skip


def whole_loader(text: str) -> Any:
    return yaml.load(text, Loader=yamlsafe._BriefLoader)


@given(st.lists(st.sampled_from(PLAIN_SCALARS), min_size=1, max_size=4))
def test_the_fast_builder_constructs_what_pyyaml_constructs_or_declines(values: list[str]) -> None:
    text = "".join(f"k{n}: {value}\n" for n, value in enumerate(values))
    try:
        fast = yamlsafe.parse_simple(text)
    except yamlsafe.NotSimple:
        return  # parse() then reads it with PyYAML's constructor
    expected = whole_loader(text)
    assert repr(fast) == repr(expected)  # repr: NaN is not equal to itself
    assert [type(value) for value in fast.values()] == [type(v) for v in expected.values()]


def test_a_short_text_that_repeats_is_held_once() -> None:
    long_text = "x" * 65
    text = f"a: [hadi-al-amiri, kh]\nb: [hadi-al-amiri, {long_text}]\nc: ['{long_text}']\n"
    parsed = yamlsafe.parse_simple(text)
    assert parsed["a"][0] is parsed["b"][0]  # an id pointed at from many records
    assert parsed["b"][1] == parsed["c"][0]  # long texts are not looked up (rarely repeated)


@pytest.mark.parametrize(
    "text",
    ["a: 1\na: 2\n", "1: x\n1.0: y\n", "? [a]\n: b\n", "<<: {a: 1}\n", "a: &x 1\nb: *x\n",
     "a: !!binary aGk=\n", "--- 1\n--- 2\n", "a: [\n"],
)  # fmt: skip
def test_the_fast_builder_leaves_what_it_does_not_handle_to_pyyaml(text: str) -> None:
    with pytest.raises(yamlsafe.NotSimple):
        yamlsafe.parse_simple(text)


# ---------------------------------------------------------------- what is not cut


@pytest.mark.parametrize(
    "text",
    [
        "%YAML 1.2\n---\nmeta: {}\n",
        "---\nmeta: {}\n",
        "meta:\n\ttitle: x\n",
        "meta: {}\r\nactors: []\r\n",
        'meta:\n  title: "a\u0085b"\n',  # NEL, LS and PS are YAML line breaks
        "meta: {}\nactors: []\u2028\n",
        'meta: {title: "\u2029"}\n',
        "meta: {}\n\ufeffactors: []\n",  # a byte-order mark after the start
        "  meta: {}\n",
        "- meta\n",
        '"meta": {}\n',
        "meta: {}\n...\n",
        "actors:\n  - id: a\n actors: 1\n",
        "actors:\n  - id: a\n  name: x\n",
        "meta: {}\nmeta: {}\n",
    ],
)
def test_texts_with_anything_unusual_are_not_cut(text: str) -> None:
    assert yamlsafe.split(text.encode(), SECTIONS) is None


def test_a_byte_order_mark_at_the_start_is_no_reason_not_to_cut() -> None:
    layout = yamlsafe.split("\ufeffmeta: {}\nactors:\n  - id: a\n".encode(), SECTIONS)
    assert layout is not None
    assert layout.keys == ["meta", "actors"]


def test_the_skeleton_keeps_every_key_and_line_number() -> None:
    text = "# head\nmeta:\n  title: t\nactors:\n  - id: a\n\n  - id: b\nnotes: []\n"
    layout = yamlsafe.split(text.encode(), SECTIONS)
    assert layout is not None
    assert layout.keys == ["meta", "actors", "notes"]
    assert layout.skeleton == "# head\nmeta:\n  title: t\nactors:\n\n\n\nnotes: []\n"
    assert [list(batch) for batch in layout.read_items("actors")] == [[{"id": "a"}, {"id": "b"}]]
