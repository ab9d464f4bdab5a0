"""The check-in table takes its columns from the check-in templates, a therapist's own too."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.journal import CheckIn
from tests.ui.test_journal_support import journal_of

THERAPIST = """
format = 1
id = "evening-review"
version = 2
title = "Evening review"
kind = "check-in"

[[pages]]
title = "Tonight"

[[pages.questions]]
id = "mood"
type = "scale"
prompt = "How is your mood tonight?"
min = -3
max = 3

[[pages.questions]]
id = "calm_a"
type = "scale"
prompt = "How calm were you this morning?"
min = 0
max = 4

[[pages.questions]]
id = "calm_b"
type = "scale"
prompt = "How calm were you this afternoon?"
min = 0
max = 4

[[pages.questions]]
id = "slept"
type = "choice"
prompt = "How did you sleep?"
options = [
  { value = 0, label = "Badly" }, { value = 1, label = "So-so" }, { value = 2, label = "Well" },
]

[[pages.questions]]
id = "meds"
type = "yes_no"
prompt = "Did you take your medication?"

[[pages.questions]]
id = "reflection"
type = "text"
prompt = "Anything to bring to the next session?"

[[scales]]
id = "calm"
title = "Calm"
method = "sum"
items = ["calm_a", "calm_b"]
"""


def table(tab) -> dict[str, list[str]]:
    """Column title -> the cells of every row, as the person sees them."""
    model = tab.model
    return {
        title: [model.index(row, column).data() for row in range(model.rowCount())]
        for column, title in enumerate(model.column_titles())
    }


def test_a_therapists_checkin_template_fills_its_own_columns(
    qtbot, start_app, data_dir: Path, clock
) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "evening-review.toml").write_text(THERAPIST, "utf-8")
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    review = startup.session.templates.get("evening-review")
    shipped = journal.checkin_template()
    assert review is not None and shipped is not None and shipped.id == "check-in"
    journal.complete_checkin(shipped, {"thoughts": 4, "words": 3, "body": 2, "distress": 5,
                                       "note": "Long day"})
    clock.advance(hours=10)
    journal.complete_checkin(review, {"mood": -1, "calm_a": 3, "calm_b": 4, "slept": 2,
                                      "meds": True, "reflection": "Ask about sleep"})
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    cells = table(screen.checkins)
    # The shipped template's columns (its own scale, not one recomputed by hand) ...
    assert cells["Grounded today (1–5)"] == ["", "3.0"]
    assert cells["Distress (0–10)"] == ["", "5"]
    assert cells["Note"] == ["", "Long day"]
    # ... and the therapist's, each row read with the template it was answered with.
    assert cells["Calm (0–8)"] == ["7", ""]
    assert cells["Mood (-3–3)"] == ["-1", ""]
    assert cells["Slept (0–2)"] == ["Well", ""]
    assert cells["Meds"] == ["yes", ""]
    assert cells["Reflection"] == ["Ask about sleep", ""]
    # Items a scale sums up are shown through the scale, not twice.
    assert not any(title.startswith("Calm a") for title in cells)
    assert next(iter(cells)) == "Date"


def test_a_checkin_whose_template_is_gone_still_shows_its_answers(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    repo = startup.session.require_repo()
    repo.collection("checkins", CheckIn).add(CheckIn(
        journal.now(), "removed-template", 1, {"distress": 2, "note": "From an old template"}
    ))
    startup.session.notify()
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    cells = table(screen.checkins)
    assert cells["Distress (0–10)"] == ["2"]
    assert cells["Note"] == ["From an old template"]
    assert cells["Grounded today (1–5)"] == [""]
