"""The demo generator: reproducible, plausible, scored with the shipped templates."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.demo import DemoHistory, five_year, generate_demo
from desktop_app.domain.journal import instant
from desktop_app.domain.scoring import score_all, triggered_alerts
from desktop_app.domain.templates import Template, load_templates

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 14)
ZONE = ZoneInfo("Europe/Berlin")

DIGEST_SCRIPT = """
import hashlib, sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo
from desktop_app.domain.demo import generate_demo
from desktop_app.domain.templates import load_templates
templates = load_templates([(Path("resources/assessments"), True)]).templates
history = generate_demo(11, date(2026, 3, 14), ZoneInfo("Europe/Berlin"), templates=templates)
print(hashlib.sha256(repr(history).encode()).hexdigest())
"""


@pytest.fixture(scope="module")
def templates() -> tuple[Template, ...]:
    return load_templates([(REPO / "resources" / "assessments", True)]).templates


@pytest.fixture(scope="module")
def demo(templates: tuple[Template, ...]) -> DemoHistory:
    return generate_demo(11, TODAY, ZONE, templates=templates)


def test_the_same_seed_gives_the_same_history(templates, demo: DemoHistory) -> None:
    assert generate_demo(11, TODAY, ZONE, templates=templates) == demo
    assert generate_demo(12, TODAY, ZONE, templates=templates) != demo


def test_the_history_does_not_depend_on_string_hashing() -> None:
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT], cwd=REPO, env=env, capture_output=True,
            text=True, check=True, timeout=120,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_two_years_of_history_end_before_today(demo: DemoHistory) -> None:
    moments = [r.completed_at for r in demo.assessments] + [c.at for c in demo.checkins]
    moments += [s.at for s in demo.slips] + [w.at for w in demo.wins]
    first = min(m.astimezone(ZONE).date() for m in moments)
    last = max(m.astimezone(ZONE).date() for m in moments)
    assert TODAY - timedelta(days=735) <= first <= TODAY - timedelta(days=725)
    assert TODAY - timedelta(days=3) <= last < TODAY


def test_assessments_every_few_weeks_scored_with_the_templates(templates, demo) -> None:
    by_id = {t.id: t for t in templates}
    wheel = sorted(
        (r for r in demo.assessments if r.template_id == "life-areas"),
        key=lambda r: instant(r.completed_at),
    )
    assert 18 <= len(wheel) <= 35
    gaps = [(b.completed_at - a.completed_at).days for a, b in itertools.pairwise(wheel)]
    assert min(gaps) >= 20 and max(gaps) <= 50  # a holiday may push one back
    kinds = {r.template_id for r in demo.assessments}
    assert {"life-areas", "grounding", "three-responsibilities"} <= kinds
    for stored in demo.assessments:
        template = by_id[stored.template_id]
        assert stored.scores == score_all(template, stored.answers)
        assert triggered_alerts(template, stored.answers) == []
        assert stored.started_at < stored.completed_at


def test_daily_checkins_with_gaps_and_a_paused_holiday(demo: DemoHistory) -> None:
    days = {c.at.astimezone(ZONE).date() for c in demo.checkins}
    span = (max(days) - min(days)).days + 1
    assert 0.75 * span <= len(days) < span  # most days, never all of them
    pauses = {p for period in demo.focus for p in period.practices()[0].pauses}
    assert pauses and all((p.end - p.start).days + 1 >= 7 for p in pauses if p.end)
    assert all(c.template_id == "check-in" for c in demo.checkins)
    assert any(c.practices_done for c in demo.checkins)


def test_focus_periods_follow_each_other_and_pick_few_areas(demo: DemoHistory) -> None:
    periods = sorted(demo.focus, key=lambda p: instant(p.started_at))
    assert len(periods) >= 3
    for before, after in itertools.pairwise(periods):
        assert before.ended_at == after.started_at
    assert periods[-1].ended_at is None
    assert all(1 <= len(p.areas) <= 3 for p in periods)
    for source in demo.focus_sources:
        assert source is not None
        assert demo.assessments[source].template_id == "life-areas"


def test_slips_come_back_on_track_and_wins_are_recorded(demo: DemoHistory) -> None:
    assert len(demo.slips) >= 15
    returned = [s for s in demo.slips if s.back_on_track_at is not None]
    assert len(returned) >= len(demo.slips) - 2
    assert all(s.what_helped for s in returned)
    focus_keys = {a.key for p in demo.focus for a in p.areas}
    assert all(s.focus_area in focus_keys for s in demo.slips if s.focus_area)
    assert len(demo.wins) >= 100
    assert demo.settings.timezone == "Europe/Berlin"


def test_five_year_history_is_about_five_thousand_documents(templates) -> None:
    history = five_year(3, TODAY, ZONE, templates)
    assert 4500 <= history.document_count <= 5500
    first = min(c.at for c in history.checkins).astimezone(ZONE).date()
    assert (TODAY - first).days >= 5 * 365 - 5


def test_without_templates_the_journal_is_still_filled() -> None:
    history = generate_demo(1, TODAY, ZONE, years=0.5)
    assert history.assessments == () and history.focus == ()
    assert len(history.checkins) > 100 and history.checkins[0].answers == {}
