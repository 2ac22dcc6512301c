"""The bundled brief's data: the fixes of issue 19 (item 1) that the golden files alone would
not pin, each checked against the loaded brief (data/brief.yaml)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from typer.testing import CliRunner

from briefcli.brief import dates, loader
from briefcli.brief.model import Brief
from briefcli.cli import app
from briefcli.queries.timeline import timeline
from briefcli.store.loaded import LoadedBrief
from conftest import BUNDLED_BRIEF

runner = CliRunner()

PUBLICATION_WINDOW = "2020-01-13/2020-01-17?"


class Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Record)


@pytest.fixture(scope="module")
def checked() -> loader.CheckedBrief:
    loaded, problems = loader.check_files([BUNDLED_BRIEF])
    assert loaded is not None and not problems, problems
    return loaded


@pytest.fixture(scope="module")
def brief(checked: loader.CheckedBrief) -> Brief:
    return checked.brief


def by_id(records: Sequence[R], record_id: str) -> R:
    return next(record for record in records if record.id == record_id)


def test_the_publication_window_runs_to_friday_17_january(brief: Brief) -> None:
    # "last Thursday" is still 9 January on Friday 17 (Thursday 16 would be "yesterday").
    published = [by_id(brief.sources, s).published for s in ("src-mee", "src-arabic-report")]
    dated = [
        brief.meta.as_of,
        *(date.value if date else None for date in published),
        by_id(brief.events, "ev-mee-report").date.value,
        by_id(brief.events, "ev-arabic-report").date.value,
        by_id(brief.events, "ev-attendee-statement").date.value,
    ]
    assert dated == [PUBLICATION_WINDOW] * len(dated)
    span = dates.day_range(by_id(brief.events, "ev-mee-report").date)
    assert span is not None
    assert (span.start, span.end) == (dt.date(2020, 1, 13), dt.date(2020, 1, 17))


def test_no_day_of_the_window_is_preferred_without_a_reason_in_the_text() -> None:
    text = BUNDLED_BRIEF.read_text(encoding="utf-8")
    assert not re.search(r"14-15|13-16|20-23", text)
    assert "most likely 14" not in text


def test_the_central_allegations_are_moderate_like_their_key_judgments(brief: Brief) -> None:
    for relation_id in ("rel-iran-tasked-nasrallah", "rel-nasrallah-brokered-bloc"):
        relation = by_id(brief.relations, relation_id)
        assert relation.confidence == "moderate"
        assert "central allegation" in (relation.description or "")


def test_every_high_relation_on_credibility_3_claims_is_reviewed_in_a_note(brief: Brief) -> None:
    credibility = {claim.id: claim.credibility for claim in brief.claims}
    review = by_id(brief.notes, "n-high-confidence-review")
    high_on_weak_claims = {
        relation.id
        for relation in brief.relations
        if relation.confidence == "high"
        and relation.claims
        and all(credibility[claim] >= 3 for claim in relation.claims)
    }
    assert high_on_weak_claims  # background roles and allegiances stay high
    assert high_on_weak_claims <= set(review.concerns)
    assert not high_on_weak_claims & {"rel-iran-tasked-nasrallah", "rel-nasrallah-brokered-bloc"}


def test_al_amiri_is_likely_the_nominee_and_backing_him_is_part_of_the_agreement(
    brief: Brief,
) -> None:
    judgment = by_id(brief.meta.key_judgments, "kj-amiri-succession")
    assert judgment.likelihood == "likely"
    assert judgment.confidence == "moderate"
    assert "even chance" not in judgment.text
    agreement = by_id(brief.events, "ev-beirut-agreement")
    assert "c-lead-amiri-new-head" in agreement.claims
    assert "hadi-al-amiri" in {p.actor for p in agreement.participants}
    assert "ev-beirut-agreement" in by_id(brief.claims, "c-lead-amiri-new-head").events


def test_the_photo_captions_are_graded_as_the_arabic_outlets_words(brief: Brief) -> None:
    sources = {source.id: source for source in brief.sources}
    captions = [claim for claim in brief.claims if "(Reuters)" in claim.excerpt]
    assert {claim.id for claim in captions} == {"c-photo-nasrallah-speech", "c-photo-pmf-factions"}
    for claim in captions:
        assert claim.source == "src-arabic-report"
        assert sources[claim.source].reliability == "F"
    assert not [claim for claim in brief.claims if claim.source == "src-reuters"]


def test_the_anonymous_accounts_of_the_meetings_are_graded_3(brief: Brief) -> None:
    assert by_id(brief.claims, "c-meetings-internal-focus").credibility == 3
    anonymous = {source.id for source in brief.sources if source.kind == "anonymous"}
    assert {claim.credibility for claim in brief.claims if claim.source in anonymous} == {3}


def test_the_press_statement_is_read_as_remarks_with_a_translation_note(brief: Brief) -> None:
    event = by_id(brief.events, "ev-attendee-statement")
    assert event.kind == "other"
    assert "press statement" not in event.title
    notes = [note for note in brief.notes if "ev-attendee-statement" in note.concerns]
    translation = [note for note in notes if note.kind == "translation"]
    assert translation and "c-attendee-press-statement" in translation[0].concerns
    assert any(note.kind == "inference" and "dropped" in note.text for note in notes)
    assert "dropped" not in by_id(brief.notes, "n-attendee-identity").text


def test_al_salhi_is_not_recorded_as_employed_by_mee(brief: Brief) -> None:
    hers = [relation for relation in brief.relations if relation.subject == "suadad-al-salhi"]
    assert not [relation for relation in hers if relation.type == "employed_by"]
    assert [(r.type, r.object) for r in hers] == [("linked_to", "middle-east-eye")]


def test_the_leadership_vacuum_is_an_also_not_the_main_aim(brief: Brief) -> None:
    judgment = by_id(brief.meta.key_judgments, "kj-internal-focus")
    assert "mainly" not in judgment.text
    assert "also addressed the post-Soleimani leadership vacuum" in judgment.text
    summary = " ".join((brief.meta.summary or "").split())
    assert "mostly about" not in summary
    assert "also included addressing the post-Soleimani leadership vacuum" in summary


def test_the_agreement_follows_the_meeting_in_the_timeline(
    checked: loader.CheckedBrief, brief: Brief
) -> None:
    order = [entry.id for entry in timeline(LoadedBrief.of(checked).index)]
    assert order.index("ev-beirut-meeting") < order.index("ev-beirut-agreement")
    assert "ev-beirut-meeting" in by_id(brief.events, "ev-beirut-agreement").after


def test_the_raids_stay_undated_and_only_precede_the_beirut_meeting(brief: Brief) -> None:
    raids = by_id(brief.events, "ev-us-raids-on-faction-sites")
    assert raids.date.value is None and raids.after == []
    assert raids.id in by_id(brief.events, "ev-beirut-meeting").after
    assert raids.id in by_id(brief.notes, "n-raids-order").concerns


def test_lint_fires_on_the_pre_fix_confidences_and_not_on_the_fixed_ones(tmp_path: Path) -> None:
    """Issue 19 item 2: the tasking and brokering relations were high on credibility-3 claims
    of one exclusive; lint would have caught it, and does not on the fixed brief."""
    fixed = BUNDLED_BRIEF.read_text(encoding="utf-8")
    before = fixed
    for relation in ("rel-iran-tasked-nasrallah", "rel-nasrallah-brokered-bloc"):
        start = before.index(f"  - id: {relation}\n")
        end = before.index("\n  - id: ", start + 1)
        block = before[start:end]
        assert "    confidence: moderate\n" in block
        before = (
            before[:start]
            + block.replace("confidence: moderate", "confidence: high")
            + before[end:]
        )
    shutil.copytree(BUNDLED_BRIEF.parent / "sources", tmp_path / "sources")
    (tmp_path / "brief.yaml").write_text(before, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(tmp_path / "brief.yaml"), "--json"])
    fired = {(w["check"], w["line"]) for w in json.loads(result.stdout)}
    lines = before.splitlines()
    for relation in ("rel-iran-tasked-nasrallah", "rel-nasrallah-brokered-bloc"):
        at = lines.index(f"  - id: {relation}") + 1
        line = next(n for n in range(at, at + 8) if lines[n - 1].strip() == "confidence: high")
        assert ("confidence-above-evidence", line) in fired, relation
    clean = runner.invoke(app, ["lint", str(BUNDLED_BRIEF), "--json", "--error-on-warning"])
    assert (clean.exit_code, json.loads(clean.stdout)) == (0, [])


def test_the_killing_of_soleimani_is_found_as_a_killing() -> None:
    # Issue 21: `--kind killing` found nothing while the timeline had the killing; the text
    # calls it "the killing of the Iranian Quds Force commander ... in a US plane strike".
    from typer.testing import CliRunner

    from briefcli.cli import app

    result = CliRunner().invoke(app, ["timeline", "--kind", "killing", "--json"])
    assert result.exit_code == 0
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["ev-us-strike"]
