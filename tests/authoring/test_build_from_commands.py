"""Specification (issue 22, "done when"): the harbour brief's equivalent is built from `init`
and `add` commands alone, and validates. Every record of tests/briefs/harbour.yaml is typed as
a user would type it (names where the command takes names, every field the brief gives), in an
order where what it refers to exists; the built brief then holds the same records.

Claims and the relations and events they support refer to each other; `add` can only point
from the later to the earlier, so a relation is added with no claims and its claims name it.
The links are compared as one set, whichever side wrote them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import yaml
from typer.testing import CliRunner

from briefcli.brief import loader
from briefcli.brief.model import SECTIONS, Brief
from briefcli.cli import app
from conftest import SECOND_BRIEF

runner = CliRunner()

HARBOUR: dict[str, Any] = yaml.safe_load(SECOND_BRIEF.read_text(encoding="utf-8"))


def flow(mapping: dict[str, Any]) -> str:
    """A mapping in YAML's flow form, as a user would type it for a nested record."""
    return json.dumps({key: value for key, value in mapping.items() if value is not None})


def names(section: str) -> dict[str, str]:
    return {record["id"]: record.get("name", record["id"]) for record in HARBOUR[section]}


ACTOR_NAMES = names("actors")


def links(section: str, field: str) -> set[tuple[str, str]]:
    """(claim, record) for every claim a record of `section` cites or that names it."""
    cited = {(c, r["id"]) for r in HARBOUR[section] for c in r.get("claims", [])}
    named = {(c["id"], r) for c in HARBOUR["claims"] for r in c.get(field, [])}
    return cited | named


def referred(record: dict[str, Any], field: str) -> set[str]:
    """The ids a field holds: one, a list, or (roles) each item's `of`."""
    value = record.get(field) or []
    if isinstance(value, str):
        return {value}
    return {item["of"] if isinstance(item, dict) else item for item in value} - {None}


def in_order(section: str, refs: str) -> list[dict[str, Any]]:
    """The section's records, each after those of the same section it refers to by `refs`."""
    waiting = list(HARBOUR[section])
    done: set[str] = set()
    ordered = []
    while waiting:
        for record in waiting:
            if referred(record, refs) & {r["id"] for r in HARBOUR[section]} <= done:
                ordered.append(record)
                done.add(record["id"])
                waiting.remove(record)
                break
    return ordered


def commands() -> list[list[str]]:
    """Every `add` that rebuilds the harbour brief's records."""
    typed: list[list[str]] = []
    typed_actors = []
    for a in in_order("actors", "roles"):
        typed_actors.append(
            ["add", "actor", a["name"], "--kind", a["kind"], "--id", a["id"]]
            + (["--type", a["type"]] if "type" in a else [])
            + [arg for alias in a.get("aliases", []) for arg in ("--alias", flow(alias))]
            + [arg for role in a.get("roles", []) for arg in ("--role", flow(role))]
            + (["--description", a["description"]] if "description" in a else [])
        )  # fmt: skip
    typed += typed_actors
    for s in in_order("sources", "via"):
        via = [s["via"]] if isinstance(s.get("via"), str) else s.get("via", [])
        typed.append(
            ["add", "source", s["name"], "--kind", s["kind"], "--reliability", s["reliability"],
             "--id", s["id"]]
            + (["--anonymous"] if s.get("named") is False else [])
            + [arg for v in via for arg in ("--via", v)]
            + (["--actor", ACTOR_NAMES[s["actor"]]] if "actor" in s else [])
            + (["--published", flow(s["published"])] if "published" in s else [])
            + [arg for key in ("language", "url", "text", "description") if key in s
               for arg in (f"--{key}", s[key])]
        )  # fmt: skip
    for p in in_order("places", "within"):
        typed.append(
            ["add", "place", p["name"], "--kind", p["kind"], "--id", p["id"]]
            + [arg for alias in p.get("aliases", []) for arg in ("--alias", flow(alias))]
            + (["--within", p["within"]] if "within" in p else [])
            + (["--country", ACTOR_NAMES[p["country"]]] if "country" in p else [])
        )  # fmt: skip
    for r in HARBOUR["relations"]:
        typed.append(
            ["add", "relation", ACTOR_NAMES[r["subject"]], r["type"], ACTOR_NAMES[r["object"]],
             "--id", r["id"], "--confidence", r["confidence"]]
            + [arg for key in ("since", "until", "description") if key in r
               for arg in (f"--{key}", r[key])]
            + (["--inferred"] if r.get("inferred") else [])
        )  # fmt: skip
    for e in in_order("events", "after"):
        date = e.get("date", {})
        typed.append(
            ["add", "event", e["title"], "--kind", e["kind"], "--id", e["id"],
             "--date", flow(date)]
            + (["--place", e["place"]] if "place" in e else [])
            + [arg for p in e.get("participants", [])
               for arg in ("--participant", flow({**p, "actor": ACTOR_NAMES[p["actor"]]}))]
            + [arg for after in e.get("after", []) for arg in ("--after", after)]
            + (["--summary", e["summary"]] if "summary" in e else [])
        )  # fmt: skip
    relation_links, event_links = links("relations", "relations"), links("events", "events")
    for c in HARBOUR["claims"]:
        typed.append(
            ["add", "claim", c["statement"], "--source", c["source"], "--credibility",
             str(c["credibility"]), "--excerpt", c["excerpt"], "--id", c["id"]]
            + [arg for a in c.get("actors", []) for arg in ("--actor", ACTOR_NAMES[a])]
            + [arg for claim, e in sorted(event_links) if claim == c["id"]
               for arg in ("--event", e)]
            + [arg for claim, r in sorted(relation_links) if claim == c["id"]
               for arg in ("--relation", r)]
        )  # fmt: skip
    for n in HARBOUR["notes"]:
        typed.append(
            ["add", "note", n["text"], "--kind", n["kind"], "--id", n["id"]]
            + [arg for c in n.get("concerns", []) for arg in ("--concerns", c)]
            + (["--confidence", n["confidence"]] if "confidence" in n else [])
        )  # fmt: skip
    return typed


def loaded(path: Path) -> Brief:
    checked, problems = loader.check_files([path])
    assert checked is not None and not problems, problems
    return checked.brief


def comparable(brief: Brief, section: str) -> dict[str, Any]:
    """The section's records by id, without the claim links (compared apart)."""
    records = {}
    for record in getattr(brief, section):
        data = msgspec.to_builtins(record)
        if section in ("relations", "events"):
            data.pop("claims", None)
        if section == "claims":
            data.pop("relations", None)
            data.pop("events", None)
        records[record.id] = data
    return records


def both_ways(brief: Brief, section: str) -> set[tuple[str, str]]:
    """(claim, record) for each claim a record of `section` cites or that names it."""
    cited = {(c, r.id) for r in getattr(brief, section) for c in r.claims}
    return cited | {(c.id, r) for c in brief.claims for r in getattr(c, section)}


def test_the_harbour_brief_is_built_from_init_and_add_alone(tmp_path: Path) -> None:
    folder = tmp_path / "harbour"
    meta = HARBOUR["meta"]
    authors = [arg for author in meta["authors"] for arg in ("--author", author)]
    started = runner.invoke(
        app,
        ["init", str(folder), "--title", meta["title"], "--as-of", meta["as_of"],
         "--handling", meta["handling"], *authors],
    )  # fmt: skip
    assert started.exit_code == 0, started.stderr
    shutil.copytree(SECOND_BRIEF.parent / "sources", folder / "sources", dirs_exist_ok=True)
    brief = folder / "brief.yaml"
    for args in commands():
        result = runner.invoke(app, ["--brief", str(brief), *args])
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.strip() == args[args.index("--id") + 1]

    assert runner.invoke(app, ["validate", str(brief)]).exit_code == 0
    built, original = loaded(brief), loaded(SECOND_BRIEF)
    for section in SECTIONS:
        assert comparable(built, section) == comparable(original, section), section
    for section in ("relations", "events"):
        assert both_ways(built, section) == both_ways(original, section), section
    assert (built.meta.title, built.meta.as_of, built.meta.handling, built.meta.authors) == (
        meta["title"], meta["as_of"], meta["handling"], meta["authors"])  # fmt: skip
