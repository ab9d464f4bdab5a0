"""In the pseudo-locale every visible text comes from the catalog (issue 15).

The .pot is extracted afresh from the code, every message of it pseudo-translated
(``[Ŝåṽé ···]``), and Groundwork started in it with the demo profile. The test visits the
welcome screen, every screen and tab, every menu, every dialog a menu opens, every
template's wizard pages, every chart and the report's text, and lists every text that did
not come from the catalog (templates' texts, the person's own data, dates and numbers are
allowed: see visible_text.py).

A failure lists every offender and where it was seen: mark it with ``_()`` (or, for data,
extend what visible_text.py allows).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtWidgets import QApplication, QButtonGroup, QDialog, QWidget
from pytestqt.exceptions import TimeoutError

from desktop_app.i18n import catalogs
from desktop_app.i18n.pseudo import pseudo_translations
from desktop_app.paths import resources_dir
from tests.conftest import when_modal
from tests.i18n.visible_text import (
    Offenders,
    figure_texts,
    html_texts,
    menu_texts,
    strings_in,
    template_texts,
    widget_texts,
)
from tests.modal_waits import cancel_modal_waits

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

# Menu entries that would leave the app or the machine (a file manager, quitting).
SKIPPED_ACTIONS = ("Quit", "Open my templates folder")


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from catalogs import extract  # packaging/catalogs.py: what make i18n-extract runs
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    pot = extract(tmp_path / "groundwork.pot")
    fake = pseudo_translations(pot)
    monkeypatch.setenv("LANGUAGE", catalogs.PSEUDO)
    real_load = catalogs.load
    monkeypatch.setattr(catalogs, "load", lambda code, folder=None: (
        fake if code == catalogs.PSEUDO else real_load(code, folder)))


class Judge(Protocol):
    seen: int

    def check(self, text: str, where: str) -> None: ...


def allowed_texts(startup: Any) -> set[str]:
    from desktop_app.services.export import build_export

    found = template_texts(resources_dir() / "assessments")
    repo = startup.session.require_repo()
    found |= set(strings_in(build_export(repo, startup.session.clock).document))
    found |= {str(startup.session.data_dir), startup.session.device.name
              if startup.session.device else ""}
    # Time zone names (IANA) and this machine's versions are data, not the app's words.
    found |= zoneinfo.available_timezones()
    from desktop_app.ui.version_details import version_details

    found |= {line.split(": ", 1)[-1] for line in version_details().splitlines()}
    return found


def new_windows(before: set[int]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in before and not w.inherits("QMenu")]


def visit_dialogs(qtbot, window, seen: Judge) -> None:
    """Every menu entry that opens something: what it shows, then closed unanswered."""
    actions = [a for m in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
               for a in m.actions() if a.menu() is None and not a.isSeparator()
               and a.isVisible() and a.isEnabled()]
    for action in actions:
        label = action.text().replace("&", "")
        if any(skip.lower() in label.lower() for skip in SKIPPED_ACTIONS):
            continue
        if not label.endswith("…") and "Help" not in label and "About" not in label \
                and "Guide" not in label and "guide" not in label and "works" not in label:
            continue
        done: list[QWidget] = []

        def collect(widget: QWidget, label: str = label, done: list[QWidget] = done) -> None:
            for text, where in widget_texts(widget):
                seen.check(text, f"{label} ▸ {where}")
            done.append(widget)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        when_modal(collect)
        action.trigger()
        try:
            qtbot.waitUntil(lambda done=done, before=before: bool(done)
                            or bool(new_windows(before)), timeout=15000)
        except TimeoutError:  # it opened nothing (a menu entry that only changes something)
            cancel_modal_waits()
            print(f"opened nothing: {label}")
        for extra in new_windows(before):
            if extra not in done:
                collect(extra)


def answer_page(page: QWidget) -> None:
    """The middle choice of every question on the page, so Next goes on."""
    for group in page.findChildren(QButtonGroup):
        buttons = [b for b in group.buttons() if b.isVisibleTo(page) and b.isEnabled()]
        if buttons and group.checkedButton() is None:
            buttons[len(buttons) // 2].click()


def visit_wizards(qtbot, startup, seen: Judge) -> None:
    from desktop_app.ui.wizard import TemplateWizard

    for template in startup.session.templates.templates:
        startup.window.start_template(template.id)
        qtbot.waitUntil(lambda: any(isinstance(w, TemplateWizard) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
        [wizard] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, TemplateWizard) and w.isVisible()]
        visited: set[int] = set()
        while wizard.currentId() not in visited:
            visited.add(wizard.currentId())
            for text, where in widget_texts(wizard):
                seen.check(text, f"wizard {template.id} page {wizard.currentId()} ▸ {where}")
            answer_page(wizard.currentPage())
            wizard.next()  # a page that still wants an answer stays: the loop ends there
        wizard._close_handler = None  # closed without its "keep a draft?" question
        wizard.reject()
        qtbot.waitUntil(lambda wizard=wizard: not wizard.isVisible())


def visit_report(startup, seen: Judge) -> None:
    from desktop_app.services import report
    from desktop_app.ui.report.content import blocks

    session = startup.session
    frozen = report.FrozenProfile(session.require_repo(), session.clock())
    inputs = report.read_inputs(frozen, session.templates, session.clock)
    today = session.clock().date()
    made = report.build(inputs, report.since_last_period(None, today), tuple(report.PARTS))
    for block in blocks(made):
        for text in html_texts(block.html):
            seen.check(text, "report")


def walk(qtbot, start_app, tmp_path: Path, seen: Judge,
         on_demo: Callable[[Any], None] = lambda _startup: None) -> None:
    """Show ``seen`` every text of the welcome screen, then of the Demo: menus, screens,
    charts, the report, every wizard page and every dialog a menu opens."""
    welcome = start_app().window
    for text, where in widget_texts(welcome):
        seen.check(text, f"welcome ▸ {where}")
    welcome.close()

    demo = tmp_path / "demo"
    demo.mkdir()
    startup = start_app("--demo", data=demo)
    window = startup.window
    window.resize(1100, 780)
    on_demo(startup)
    for text, where in menu_texts(a.menu() for a in window.menuBar().actions()):
        seen.check(text, where)
    for key in ("home", "assessments", "progress", "journal"):
        window.show_screen(key)
        screen = window.screens[key]
        if key == "progress":
            qtbot.waitUntil(lambda screen=screen: screen.charts_ready, timeout=20000)
        for text, where in widget_texts(window):
            seen.check(text, f"{key} ▸ {where}")
        for text, where in figure_texts(screen):
            seen.check(text, f"{key} ▸ {where}")
    visit_report(startup, seen)
    visit_wizards(qtbot, startup, seen)
    visit_dialogs(qtbot, window, seen)
    assert seen.seen > 200  # the walk saw the app, not an empty window


def test_every_visible_text_comes_from_the_catalog(
    qtbot, start_app, pseudo, tmp_path: Path
) -> None:
    seen = Offenders(set())

    def allow_the_demos_data(startup: Any) -> None:
        assert __import__("desktop_app.i18n", fromlist=["x"]).language() == catalogs.PSEUDO
        seen.allowed = Offenders(allowed_texts(startup)).allowed

    walk(qtbot, start_app, tmp_path, seen, allow_the_demos_data)
    assert not seen.found, seen.report()
