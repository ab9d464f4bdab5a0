"""Milestones: when they are reached, and that they speak warmly, without game words."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.journal import CheckIn, Slip, Win, mark_back_on_track
from desktop_app.domain.milestones import FORBIDDEN_WORDS, Milestone, milestones

T0 = datetime(2024, 1, 1, 9, tzinfo=UTC)


def checkins_on(*day_offsets: int) -> list[CheckIn]:
    return [CheckIn(T0 + timedelta(days=d), "daily-check-in", 1, {}) for d in day_offsets]


def keys(found: list[Milestone]) -> list[str]:
    return [m.key for m in found]


def run(
    checkins: list[CheckIn] | None = None,
    slips: list[Slip] | None = None,
    wins: list[Win] | None = None,
    first: dict[str, int] | None = None,
    latest: dict[str, int] | None = None,
    assessed_on: date | None = None,
) -> list[Milestone]:
    return milestones(
        checkins or [],
        slips or [],
        wins or [],
        first or {},
        latest or {},
        UTC,
        latest_assessed_on=assessed_on,
    )


def test_nothing_yet() -> None:
    assert run() == []


def test_first_checkin() -> None:
    found = run(checkins_on(3, 1, 2))  # order of input does not matter
    assert keys(found) == ["first-checkin"]
    assert found[0].reached_on == date(2024, 1, 2)


def test_first_month_needs_thirty_days_and_four_checkin_days() -> None:
    assert "first-month" not in keys(run(checkins_on(0, 29, 29, 29, 29)))
    assert "first-month" not in keys(run(checkins_on(0, 30, 60)))  # only three days
    weekly = checkins_on(0, 7, 14, 21, 28, 35)
    month = [m for m in run(weekly) if m.key == "first-month"]
    assert [m.reached_on for m in month] == [date(2024, 2, 5)]  # day 35
    daily = checkins_on(*range(31))
    assert [m.reached_on for m in run(daily) if m.key == "first-month"] == [date(2024, 1, 31)]


def test_hundredth_checkin() -> None:
    found = run(checkins_on(*[d // 2 for d in range(100)]))  # two a day for fifty days
    hundredth = [m for m in found if m.key == "checkins-100"]
    assert [m.reached_on for m in hundredth] == [date(2024, 2, 19)]
    assert "checkins-100" not in keys(run(checkins_on(*range(99))))


def test_first_return_from_a_slip() -> None:
    open_slip = Slip("a", T0, None, "shutting down")
    back_late = mark_back_on_track(Slip("b", T0, None, "shutting down"), T0 + timedelta(days=9))
    back_soon = mark_back_on_track(
        Slip("c", T0 + timedelta(days=3), None, "shouting"), T0 + timedelta(days=4)
    )
    assert run(slips=[open_slip]) == []
    found = run(slips=[open_slip, back_late, back_soon])
    assert keys(found) == ["first-return"]
    assert found[0].reached_on == date(2024, 1, 5)


def test_first_win_local_day() -> None:
    wins = [Win(T0 + timedelta(days=2), "asked for help"), Win(T0 + timedelta(hours=14), "rested")]
    found = milestones([], [], wins, {}, {}, ZoneInfo("Australia/Sydney"), latest_assessed_on=None)
    assert keys(found) == ["first-win"]
    assert found[0].reached_on == date(2024, 1, 2)  # 23:00 UTC is the next morning in Sydney


def test_gap_closed_by_two_or_more_per_area() -> None:
    first = {"work": 6, "home": 4, "health": 5, "friends": 3}
    latest = {"work": 3, "home": 3, "health": 3, "friends": 5}
    found = run(first=first, latest=latest, assessed_on=date(2024, 3, 1))
    assert keys(found) == ["gap-closed:health", "gap-closed:work"]
    assert all(m.reached_on == date(2024, 3, 1) for m in found)
    assert "from 6 to 3" in found[1].message
    titled = milestones(
        [],
        [],
        [],
        first,
        latest,
        UTC,
        latest_assessed_on=date(2024, 3, 1),
        area_titles={"work": "Work"},
    )
    assert "in Work" in titled[1].message
    assert run(first=first, latest=latest, assessed_on=None) == []


def test_milestones_come_oldest_first() -> None:
    found = run(
        checkins_on(10),
        wins=[Win(T0 + timedelta(days=2), "slept well")],
        first={"work": 6},
        latest={"work": 2},
        assessed_on=date(2024, 1, 1),
    )
    assert keys(found) == ["gap-closed:work", "first-win", "first-checkin"]


def _everything() -> list[Milestone]:
    slips = [mark_back_on_track(Slip("s", T0, None, "old"), T0 + timedelta(hours=3))]
    return run(
        checkins_on(*[d // 2 for d in range(120)]),
        slips,
        [Win(T0, "a good talk")],
        {"work": 8, "self": 7},
        {"work": 2, "self": 4},
        date(2024, 4, 1),
    )


def test_every_kind_of_milestone_once() -> None:
    found = _everything()
    assert sorted(keys(found)) == sorted(
        [
            "first-checkin",
            "first-month",
            "checkins-100",
            "first-return",
            "first-win",
            "gap-closed:work",
            "gap-closed:self",
        ]
    )
    assert len(set(keys(found))) == len(found)


def test_words_are_warm_not_gamified() -> None:
    for m in _everything():
        text = f"{m.title} {m.message}".lower()
        for word in ("points", "streak", "level up", "badge", *FORBIDDEN_WORDS):
            assert word not in text, (m.key, word)
        assert "!" not in text  # plain, not cheering
        assert m.title and m.message.endswith(".")


@settings(deadline=None, max_examples=200)
@given(st.lists(st.integers(0, 400), max_size=150))
def test_each_milestone_at_most_once_and_only_after_a_checkin(day_offsets: list[int]) -> None:
    found = run(checkins_on(*day_offsets))
    assert len(set(keys(found))) == len(found)
    if day_offsets:
        first = date(2024, 1, 1) + timedelta(days=min(day_offsets))
        assert all(m.reached_on >= first for m in found)
        assert found[0].key == "first-checkin"
    else:
        assert found == []
