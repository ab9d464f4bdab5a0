"""``groundwork import`` of damaged and hostile files: refused with one line, exit 1, and the
data folder unchanged byte for byte (the menu faces the same files: tests/ui)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.app import main
from desktop_app.paths import resources_dir
from desktop_app.services.demo import open_demo_profile
from desktop_app.services.import_file import ImportFileError, read_export
from desktop_app.services.session import Session
from tests.bad_exports import HEAD, KINDS, SAYS, write_bad
from tests.conftest import TEST_DEVICE, FakeClock


def folder(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*"))
            if p.is_file()}


@pytest.fixture
def demo(data_dir: Path, clock: FakeClock) -> Path:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    open_demo_profile(session, years=1)
    session.close()
    return data_dir


def run(capsys: pytest.CaptureFixture[str], clock: FakeClock, *args: str) -> tuple[int, str]:
    code = main(list(args), clock)
    _out, err = capsys.readouterr()
    return code, err


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_is_refused_in_one_line_and_nothing_changes(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock,
    kind: str,
) -> None:
    good = tmp_path / "good.json"
    assert run(capsys, clock, "export", "--profile", "Demo", "--format", "json", "--out",
               str(good), "--data-dir", str(demo))[0] == 0
    bad = tmp_path / "bad.json"
    write_bad(kind, bad, good)
    before = folder(demo)
    for name in ("Demo", "New"):  # into the profile, and as a new one
        code, err = run(capsys, clock, "import", str(bad), "--profile", name,
                        "--data-dir", str(demo))
        assert code == 1 and err.count("\n") == 1 and SAYS[kind] in err, err
        assert "Traceback" not in err
        assert folder(demo) == before


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=30,
)
RECORD_KEYS = ["id", "at", "text", "focus_area", "answers", "template_id", "template_version",
               "practices_done", "started_at", "completed_at", "scores", "areas", "key"]
LIST_NAMES = ["assessments", "drafts", "checkins", "slips", "wins", "focus", "topics",
              "pauses"]


@st.composite
def near_exports(draw: st.DrawFn) -> object:
    """Mostly export-shaped documents with fuzzed parts, sometimes anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON)
    doc: dict[str, object] = dict(HEAD)
    doc["version"] = draw(st.sampled_from([1, 2, 3, 0, -1, "2", None, True, 2.0]))
    doc["profile"] = draw(st.sampled_from([{"name": "Fuzz"}, {}, None, "x"]) | JSON)
    for name in draw(st.lists(st.sampled_from(LIST_NAMES), max_size=3, unique=True)):
        doc[name] = draw(st.lists(
            st.dictionaries(st.sampled_from(RECORD_KEYS), JSON, max_size=6)
            | JSON, max_size=3))
    return doc


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=near_exports(), cut=st.integers(0, 3))
def test_fuzzed_json_is_read_or_refused_never_anything_else(
    tmp_path: Path, doc: object, cut: int
) -> None:
    path = tmp_path / "fuzz.json"
    raw = json.dumps(doc).encode()
    path.write_bytes(raw[: len(raw) - cut])  # sometimes cut short too
    try:
        found = read_export(path)
    except ImportFileError as error:
        assert str(error).strip() and "\n" not in str(error)
    else:
        assert isinstance(found.profile_name, str)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=near_exports())
def test_fuzzed_json_through_the_command_never_shows_a_traceback(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clock: FakeClock,
    doc: object,
) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc), "utf-8")
    before = folder(demo)
    code, err = run(capsys, clock, "import", str(path), "--profile", "Demo",
                    "--data-dir", str(demo))
    assert "Traceback" not in err
    if code != 0:
        assert code == 1 and err.count("\n") == 1, err
        assert folder(demo) == before
