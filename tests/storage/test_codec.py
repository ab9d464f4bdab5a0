from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.storage.codec import DecodeError, from_json, to_json


class Mood(enum.StrEnum):
    CALM = "calm"
    STORMY = "stormy"


@dataclass(frozen=True)
class Pair:
    current: int
    ideal: int


@dataclass(frozen=True)
class Doc:
    at: datetime
    day: date
    mood: Mood
    answers: dict[str, int | float | str | bool | list[int] | Pair | None]
    tags: tuple[str, ...] = ()
    note: str | None = None
    extra: list[Pair] = field(default_factory=list)


NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))


def test_round_trip_keeps_every_kind_of_value() -> None:
    doc = Doc(
        at=NOW,
        day=date(2026, 1, 2),
        mood=Mood.STORMY,
        answers={
            "a": 3, "b": 2.5, "c": "words", "d": True, "e": [1, 2], "f": Pair(2, 8), "g": None
        },
        tags=("x", "y"),
        extra=[Pair(1, 2)],
    )
    data = to_json(doc)
    assert data["at"] == "2026-01-02T03:04:05-05:00"
    assert data["answers"]["f"] == {"current": 2, "ideal": 8}
    back = from_json(Doc, data)
    assert back == doc
    assert type(back.answers["a"]) is int and type(back.answers["d"]) is bool


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        to_json(Doc(NOW.replace(tzinfo=None), date.today(), Mood.CALM, {}))


@pytest.mark.parametrize(
    "broken",
    [
        {"day": "2026-01-02", "mood": "calm", "answers": {}},  # missing field
        {"at": "yesterday", "day": "2026-01-02", "mood": "calm", "answers": {}},
        {"at": NOW.isoformat(), "day": "2026-01-02", "mood": "angry", "answers": {}},
        {"at": "2026-01-02T03:04:05", "day": "2026-01-02", "mood": "calm", "answers": {}},
        {"at": NOW.isoformat(), "day": "2026-01-02", "mood": "calm", "answers": []},
    ],
)
def test_malformed_documents_raise_decode_error(broken: dict[str, object]) -> None:
    with pytest.raises(DecodeError):
        from_json(Doc, broken)


answers = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(
        st.none(),
        st.integers(-1000, 1000),
        st.booleans(),
        st.text(max_size=20),
        st.lists(st.integers(0, 9), max_size=4),
        st.builds(Pair, st.integers(0, 10), st.integers(0, 10)),
    ),
    max_size=6,
)


@given(answers=answers, note=st.one_of(st.none(), st.text()))
def test_round_trip_property(answers: dict[str, object], note: str | None) -> None:
    doc = Doc(NOW, date(2026, 1, 2), Mood.CALM, answers, note=note)  # type: ignore[arg-type]
    assert from_json(Doc, to_json(doc)) == doc
