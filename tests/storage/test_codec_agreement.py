"""The msgspec codec against the hand-written one: every record type round-trips, and both
accept, refuse and read alike whatever JSON they are given."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.journal import (
    Cadence,
    CheckIn,
    CheckInCadence,
    CheckInSettings,
    FocusArea,
    FocusPeriod,
    Pause,
    Practice,
    Slip,
    Win,
)
from desktop_app.domain.results import AssessmentResult, Draft
from desktop_app.domain.scoring import ScaleScore
from desktop_app.storage import codec, plain_codec
from desktop_app.storage.codec import DecodeError

ZONES = [
    UTC,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(seconds=30)),  # an offset msgspec cannot write: the plain codec does
]
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.sampled_from(ZONES)
)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1))
words = st.text(string.ascii_letters + " éß✓", max_size=12)
names = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8)
keys = st.text(string.hexdigits, min_size=1, max_size=8)
answer = st.one_of(
    st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), words, st.lists(st.integers(0, 9), max_size=4),
)
gap_answer = st.one_of(answer, st.builds(GapAnswer, st.integers(0, 10), st.integers(0, 10)))


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    return CheckIn(
        draw(moments), draw(names), draw(st.integers(1, 9)),
        draw(st.dictionaries(names, answer, max_size=6)),
        tuple(draw(st.lists(keys, max_size=4))),
    )


@st.composite
def slips(draw: st.DrawFn) -> Slip:
    at = draw(moments)
    back = draw(st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=30))))
    return Slip(
        draw(keys), at, draw(st.one_of(st.none(), keys)), draw(words), draw(words), draw(words),
        None if back is None else at + back, draw(words),
    )


@st.composite
def wins(draw: st.DrawFn) -> Win:
    return Win(draw(moments), "win " + draw(words), draw(st.one_of(st.none(), keys)))


@st.composite
def practices(draw: st.DrawFn, key: str) -> Practice:
    starts = sorted(draw(st.sets(days, max_size=3)))
    pauses = tuple(
        Pause(start, draw(st.one_of(st.none(), st.just(start))) if start == starts[-1] else start,
              draw(words))
        for start in starts
    )
    cadence = draw(st.sampled_from([Cadence.daily(), Cadence.weekly(), Cadence.per_week(3)]))
    return Practice(key, "do " + draw(words), cadence, pauses)


@st.composite
def focus_periods(draw: st.DrawFn) -> FocusPeriod:
    start = draw(moments)
    ended = draw(st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=400))))
    areas = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    built = tuple(
        FocusArea(
            f"a{i}", area, draw(words), (draw(practices(f"p{i}")),),
            draw(st.one_of(st.none(), st.integers(-10, 10))),
        )
        for i, area in enumerate(areas)
    )
    return FocusPeriod(
        draw(keys), start, None if ended is None else start + ended, built,
        draw(st.one_of(st.none(), st.text("0123456789abcdef", min_size=20, max_size=20))),
    )


@st.composite
def results(draw: st.DrawFn) -> AssessmentResult:
    started = draw(moments)
    return AssessmentResult(
        draw(names), draw(st.integers(1, 9)), started,
        started + draw(st.timedeltas(timedelta(0), timedelta(hours=3))),
        draw(st.dictionaries(names, gap_answer, max_size=6)),
        draw(st.dictionaries(names, st.builds(
            ScaleScore, st.floats(allow_nan=False, allow_infinity=False),
            st.one_of(st.none(), words)), max_size=3)),
        draw(words), tuple(draw(st.lists(names, max_size=2))),
    )


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    started = draw(moments)
    return Draft(
        draw(names), draw(st.integers(1, 9)), started, draw(moments),
        draw(st.dictionaries(names, gap_answer, max_size=6)), draw(st.integers(0, 20)),
    )


settings_records = st.builds(
    CheckInSettings, st.sampled_from(list(CheckInCadence)), st.integers(0, 6),
    st.sampled_from(["00:00", "08:30", "20:00", "23:59"]),
    st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"]),
)

RECORDS: dict[type, st.SearchStrategy[Any]] = {
    CheckIn: checkins(), Slip: slips(), Win: wins(), FocusPeriod: focus_periods(),
    AssessmentResult: results(), Draft: drafts(), CheckInSettings: settings_records,
}
any_record = st.sampled_from(list(RECORDS)).flatmap(
    lambda cls: st.tuples(st.just(cls), RECORDS[cls])
)


def exact(value: Any) -> str:
    """A text that tells 1 from 1.0 from True and one offset from another."""
    return json.dumps(plain_codec.to_json(value), sort_keys=True)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_record)
def test_every_record_type_round_trips(pair: tuple[type, Any]) -> None:
    cls, record = pair
    data = codec.to_json(record)
    assert data == plain_codec.to_json(record)  # written exactly as before
    back = codec.from_json(cls, json.loads(json.dumps(data)))
    assert back == record
    assert exact(back) == exact(record)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3),
    max_leaves=6,
)
datetime_texts = st.sampled_from([
    "2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05",
    "2026-01-02T03:04:05.1234567+01:00", "2026-01-02T03:04:05.5+01:00",
    "2026-01-02T03:04:05+00:00:30", "20260102T030405+0100", "2026-01-02 03:04:05-05:00",
    "2026-01-02", "2026-13-02T03:04:05+00:00", "2026-01-02T24:00:00+00:00", "",
])


@st.composite
def documents(draw: st.DrawFn) -> tuple[type, Any]:
    """A valid document of a random record type with one value changed, removed or added."""
    cls, record = draw(any_record)
    doc = plain_codec.to_json(record)
    target = doc
    path = draw(st.lists(st.integers(0, 5), max_size=3))
    for step in path:  # walk down into a nested value
        children = list(target.values()) if isinstance(target, dict) else target
        nested = [c for c in children if isinstance(c, dict | list) and c]
        if not isinstance(target, dict | list) or not nested:
            break
        target = nested[step % len(nested)]
    new_value = draw(st.one_of(json_values, datetime_texts))
    if isinstance(target, dict) and target:
        name = draw(st.sampled_from(sorted(target)))
        if draw(st.booleans()):
            target[name] = new_value
        else:
            del target[name]
    elif isinstance(target, list) and target:
        target[draw(st.integers(0, len(target) - 1))] = new_value
    return cls, doc


def _read(read: Any, cls: type, doc: Any) -> tuple[str, str]:
    try:
        return "ok", exact(read(cls, doc))
    except DecodeError:
        return "refused", ""


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_both_codecs_accept_and_read_the_same(pair: tuple[type, Any]) -> None:
    cls, doc = pair
    assert _read(codec.from_json, cls, doc) == _read(plain_codec.from_json, cls, doc)


@dataclass(frozen=True)
class Stamped:
    at: datetime
    day: date | None = None


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2026-01-02T03:04:05Z", timedelta(0)),
        ("2026-01-02T03:04:05.1234567+01:00", timedelta(hours=1)),
        ("2026-01-02T03:04:05+00:00:30", timedelta(seconds=30)),
        ("20260102T030405+0100", timedelta(hours=1)),
    ],
)
def test_dates_msgspec_reads_otherwise_are_read_as_python_reads_them(
    text: str, offset: timedelta
) -> None:
    read = codec.from_json(Stamped, {"at": text})
    assert read == Stamped(datetime.fromisoformat(text))
    assert read.at.microsecond == datetime.fromisoformat(text).microsecond  # no rounding
    assert read.at.utcoffset() == offset


def test_writing_keeps_isoformat_never_z() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert codec.to_json(Stamped(at, date(2026, 1, 2))) == {
        "at": "2026-01-02T03:04:05+00:00", "day": "2026-01-02"
    }
    with pytest.raises(ValueError, match="time zone"):
        codec.to_json(Stamped(at.replace(tzinfo=None)))


@dataclass(frozen=True)
class Odd:
    """A field type msgspec cannot take (two text-like kinds): the plain codec does it all."""

    when: str | date
    tags: frozenset[str] = frozenset()


def test_classes_msgspec_cannot_take_use_the_plain_codec() -> None:
    assert codec.from_json(Odd, {"when": "soon"}) == Odd("soon")
    with pytest.raises(TypeError, match="frozenset"):
        codec.to_json(Odd("soon", frozenset({"a"})))  # refused as before, not made a list


def test_a_large_file_read_off_the_main_thread_decodes_to_the_same_values() -> None:
    """Off the UI thread a large file is decoded a document at a time (so the UI thread is
    not held up for one long call): the very same values, and damage still refused."""
    import threading

    from desktop_app.storage import shards

    docs = {str(n): {"_id": f"{n:020x}", "text": "é\u2028" * 40, "n": n / 3, "big": 2**70,
                     "list": [1, None, True]} for n in range(1, 4000)}
    raw = json.dumps({"meta": {"1": {"app": "groundwork"}}, "checkins": docs}).encode()
    assert len(raw) > shards.PIECEWISE_BYTES
    found: dict[str, object] = {}

    def worker() -> None:
        found["good"] = shards._loads(raw)
        try:
            shards._loads(raw[:-40])
        except ValueError as error:
            found["cut"] = error

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert found["good"] == json.loads(raw) == shards._loads(raw)
    assert isinstance(found["cut"], ValueError)
