"""Helpers shared by the journal, check-in and Home tests (no tests of its own)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.journal import Cadence, CheckInSettings
from desktop_app.domain.results import AssessmentResult
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService
from tests.disk import stored as disk_tables

PARIS = CheckInSettings(timezone="Europe/Paris")  # the fixed clock reads 09:30 in Paris


def stored(startup: Any) -> dict[str, Any]:
    """The profile file as any JSON tool reads it."""
    data: dict[str, Any] = disk_tables(startup.session.require_repo())
    return data


def journal_of(startup: Any) -> JournalService:
    journal = JournalService(startup.session)
    if not journal.has_settings():
        journal.save_settings(PARIS)
    return journal


def add_gap_result(startup: Any, when: datetime, gaps: dict[str, tuple[int, int]]) -> None:
    startup.session.require_repo().collection("assessments", AssessmentResult).add(
        AssessmentResult(
            "life-areas", 1, when, when,
            {q: GapAnswer(c, i) for q, (c, i) in gaps.items()}, {}, "Where I am",
        )
    )


def closed_gap(startup: Any, now: datetime) -> None:
    """Two life-areas results four months apart, the work gap narrowed from 6 to 3 (a
    milestone for Home to show), and the screens told."""
    journal_of(startup)
    add_gap_result(startup, now - timedelta(days=120), {"work": (2, 8)})
    add_gap_result(startup, now - timedelta(hours=2), {"work": (5, 8)})
    startup.session.notify()


def simple_focus(startup: Any) -> JournalService:
    """A focus on work with one daily practice (made through the service)."""
    journal = journal_of(startup)
    journal.focus.change_focus([
        AreaDraft("work", "Answer from calm", (PracticeDraft("Three breaths", Cadence.daily()),)),
    ])
    return journal


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def button(parent: QWidget, name: str) -> QPushButton:
    found = parent.findChild(QPushButton, name)
    assert found is not None, name
    return found


def modal() -> QWidget | None:
    widget = QApplication.activeModalWidget()
    return widget if widget is not None and widget.isVisible() else None


def set_answer(widget: QWidget, value: object) -> None:
    """Write an answer through the widget's Qt user property, as any tool would."""
    widget.metaObject().userProperty().write(widget, value)


def opened(qtbot: Any, kind: type[QWidget]) -> Any:
    """The dialog of ``kind`` a click opened (window-modal, without a nested event loop)."""
    qtbot.waitUntil(lambda: isinstance(modal(), kind))
    return modal()
