"""The main window's sidebar: the sections and the open profile's name.

Made once the window has painted: the first page is blank (the sidebar shows with Home), and
QListWidget's classes and enums took ~4 ms before the first window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.i18n import _

# The window's first style sheet costs 6-9 ms (Qt's style sheet style polishes the list):
# set on the sidebar only, before it is first shown.
STYLE = (
    "#sidebar { background: palette(alternate-base); }"
    "#navigation { background: transparent; font-size: 11pt; }"
    "#navigation::item { padding: 8px 10px; }"
)


def build_sidebar(titles: Sequence[str]) -> tuple[QWidget, QListWidget, QLabel]:
    """The sidebar, its list of sections (``titles``, untranslated) and its profile label."""
    side = QWidget()
    side.setObjectName("sidebar")
    side.setFixedWidth(180)
    side_layout = QVBoxLayout(side)
    nav = QListWidget()
    nav.setObjectName("navigation")
    nav.setAccessibleName(_("Sections"))
    nav.setFrameShape(QListWidget.Shape.NoFrame)
    for number, title in enumerate(titles, start=1):
        item = QListWidgetItem(_(title))
        item.setToolTip(_("{screen} (Ctrl+{number})").format(screen=_(title), number=number))
        nav.addItem(item)
    side_layout.addWidget(nav, 1)
    profile_label = QLabel()
    profile_label.setObjectName("currentProfile")
    profile_label.setWordWrap(True)
    side_layout.addWidget(profile_label)
    side.setStyleSheet(STYLE)
    return side, nav, profile_label
