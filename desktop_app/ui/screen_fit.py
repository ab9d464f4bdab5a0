"""Windows that fit the screen they open on, at any size and scale factor.

A size chosen for a large screen (or restored from a larger one) can put a window's buttons
below the bottom of a small or scaled screen, where a mouse cannot reach them. Every size set
here is shrunk to the screen's available area; the content scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QScrollArea, QWidget

# Room for a window manager's frame and title bar, which are unknown before the first show.
FRAME = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The part of ``window``'s screen that windows may use (no panels or docks)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(area: QRect) -> QSize:
    """The largest client size whose frame still fits ``area``."""
    return QSize(
        max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height())
    )


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Give ``window`` its ``preferred`` size (or its current one), no larger than the screen.

    Its minimum size shrinks too when the screen is smaller than it, and a window that
    spills over an edge is moved back inside.
    """
    area = available_area(window)
    most = room(area)
    window.setMinimumSize(window.minimumSize().boundedTo(most))
    window.resize((preferred or window.size()).boundedTo(most))
    keep_inside(window, area)


def keep_inside(window: QWidget, area: QRect | None = None) -> None:
    """Move ``window`` so that its frame lies inside ``area`` (its screen's, by default)."""
    area = area or available_area(window)
    frame = window.frameGeometry()
    if window.isWindow() and not window.isVisible():
        # Before the first show the frame is not known yet: allow for a typical one.
        frame.setSize(window.size() + FRAME)
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
    target = QPoint(max(x, area.x()), max(y, area.y()))
    if target != frame.topLeft():
        window.move(target)


def grow_to_content(window: QWidget) -> None:
    """Make a shown dialog taller when its content came to need more room (a message that
    appeared under a form): otherwise the layout squeezes wrapped text into too few lines.
    Never beyond its screen, and never shorter than it is."""
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    wanted = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    wanted = min(wanted, room(available_area(window)).height())
    if wanted > window.height():
        window.resize(width, wanted)
        keep_inside(window)


def scrolling(content: QWidget, name: str, *, tab_stop_now: bool = True) -> QScrollArea:
    """``content`` in a frameless scroll area: it scrolls once the window is smaller than it.

    ``tab_stop_now=False``: the caller calls :func:`no_tab_stop` later (the main window, after
    its first paint: the focus policy loads Qt's enums, tens of milliseconds)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    if tab_stop_now:
        no_tab_stop(area)
    return area


def no_tab_stop(area: QScrollArea) -> None:
    """The content's own controls take the focus: the area itself is no Tab stop."""
    from PySide6.QtCore import Qt

    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
