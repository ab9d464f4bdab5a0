"""Area names come from one place, so Focus, Progress and milestones say them alike."""

from __future__ import annotations

from desktop_app.domain.templates import area_titles, parse_template

TOML = """
format = 1
id = "{id}"
version = 1
title = "T"
kind = "assessment"

[[pages]]
title = "{page}"
[[pages.questions]]
id = "work"
type = "gap"
prompt = "Work?"

[[pages]]
title = "Two at once"
[[pages.questions]]
id = "sleep"
type = "gap"
prompt = "Sleep?"
[[pages.questions]]
id = "food"
type = "gap"
prompt = "Food?"
area = "eating well"
"""


def test_page_title_when_alone_else_the_area_with_a_capital() -> None:
    first = parse_template(TOML.format(id="first", page="My work, as it is"), "first.toml")
    other = parse_template(TOML.format(id="other", page="Job"), "other.toml")
    assert area_titles([first, other]) == {
        "work": "My work, as it is",  # the first template to name an area gives its title
        "sleep": "Sleep",
        "eating well": "Eating well",
    }
    assert area_titles([other])["work"] == "Job"
