"""Two views side by side: pairing, alike and different (now and ideal apart), the shared
focus, movement over time, and prompts for every area of "Us"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.templates import Template, load_template
from desktop_app.domain.together import movement, prompts_for, side_by_side

T0 = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def us(repo: Path) -> Template:
    return load_template(repo / "resources" / "assessments" / "us.toml", builtin=True)


def answers(us: Template, pairs: dict[str, tuple[int, int]], rest: tuple[int, int] = (5, 6)
            ) -> dict[str, object]:
    gaps = [q for q in us.questions if q.type == "gap"]
    return {q.id: GapAnswer(*pairs.get(q.id, rest)) for q in gaps}


def test_pairs_follow_the_template_and_keep_each_view(us: Template) -> None:
    mine = answers(us, {"talk": (3, 9)})
    theirs = answers(us, {"talk": (7, 8)})
    together = side_by_side(us, mine, T0, theirs, T0 + timedelta(days=1), "Sam")
    assert [a.area for a in together.areas] == list(us.areas)
    talk = together.areas[0]
    assert (talk.title, talk.mine_now, talk.mine_ideal, talk.theirs_now, talk.theirs_ideal) == (
        "How we talk", 3, 9, 7, 8)
    assert talk.apart("now") == 4 and talk.apart("ideal") == 1


def test_alike_and_different_are_told_apart_on_now_and_on_ideal(us: Template) -> None:
    mine = answers(us, {"talk": (2, 9), "trust": (6, 10), "fun": (4, 5)})
    theirs = answers(us, {"talk": (8, 9), "trust": (6, 6), "fun": (4, 9)})
    together = side_by_side(us, mine, T0, theirs, T0, "Sam")
    assert [a.area for a in together.differ("now")] == ["how we talk"]
    assert [a.area for a in together.differ("ideal")] == ["trust", "fun and friendship"]
    assert "how we talk" in [a.area for a in together.alike("ideal")]
    assert "how we talk" not in [a.area for a in together.alike("now")]
    assert len(together.alike("now")) <= 3


def test_the_shared_focus_is_a_large_gap_for_both(us: Template) -> None:
    mine = answers(us, {"talk": (2, 9), "conflict": (3, 9), "home": (4, 9)}, rest=(6, 6))
    theirs = answers(us, {"conflict": (2, 8), "fun": (1, 9), "talk": (6, 8)}, rest=(6, 6))
    together = side_by_side(us, mine, T0, theirs, T0, "Sam")
    assert [a.area for a in together.shared_focus()] == ["handling conflict", "how we talk"]
    mine_top, theirs_top = together.largest_gap("mine"), together.largest_gap("theirs")
    assert mine_top is not None and mine_top.area == "how we talk"
    assert theirs_top is not None and theirs_top.area == "fun and friendship"


def test_nothing_shared_when_nobody_wants_more(us: Template) -> None:
    same = answers(us, {}, rest=(7, 7))
    together = side_by_side(us, same, T0, same, T0, "Sam")
    assert together.shared_focus() == [] and together.largest_gap("mine") is None
    assert together.differ("now") == [] and len(together.alike("now")) == 3


def test_an_area_one_of_them_left_out_is_kept_without_numbers(us: Template) -> None:
    mine = answers(us, {})
    theirs = {k: v for k, v in answers(us, {}).items() if k != "trust"}
    together = side_by_side(us, mine, T0, theirs, T0, "Sam")
    trust = next(a for a in together.areas if a.area == "trust")
    assert trust.theirs_now is None and trust.apart("now") is None
    assert trust not in together.alike("now") + together.differ("now")


def test_movement_over_several_shares(us: Template) -> None:
    mine = [(T0 + timedelta(days=60), answers(us, {"talk": (5, 9)})),
            (T0, answers(us, {"talk": (3, 9)}))]
    theirs = [(T0 + timedelta(days=1), answers(us, {"talk": (4, 8)}))]
    moved = {m.area: m for m in movement(us, mine, theirs)}
    talk = moved["how we talk"]
    assert [p[1] for p in talk.mine] == [3, 5]  # in time order
    assert [p[1] for p in talk.theirs] == [4] and not talk.both_moved


def test_every_area_of_us_has_two_or_three_prompts_spoken_from_i(us: Template) -> None:
    for area in us.areas:
        prompts = prompts_for(area)
        assert 2 <= len(prompts) <= 3
        assert any(re.search(r"\b(I|my|me)\b", p) for p in prompts), area  # from "I"
        assert all(p.endswith(("?", "…")) for p in prompts), area
        for word in ("should", "always", "never", "fault", "wrong", "score"):
            assert all(word not in p.lower() for p in prompts), (area, word)
    assert len(prompts_for("an area of another template")) == 3


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), min_size=16, max_size=16))
def test_no_verdict_the_view_is_symmetric(us: Template, numbers: list[tuple[int, int]]) -> None:
    gaps = [q.id for q in us.questions if q.type == "gap"]
    mine = {q: GapAnswer(*numbers[i]) for i, q in enumerate(gaps)}
    theirs = {q: GapAnswer(*numbers[i + 8]) for i, q in enumerate(gaps)}
    a = side_by_side(us, mine, T0, theirs, T0, "Sam")
    b = side_by_side(us, theirs, T0, mine, T0, "Alex")
    for part in ("now", "ideal"):
        assert [x.area for x in a.alike(part)] == [x.area for x in b.alike(part)]
        assert [x.area for x in a.differ(part)] == [x.area for x in b.differ(part)]
    assert [x.area for x in a.shared_focus()] == [x.area for x in b.shared_focus()]
