"""Journal: focus, check-ins, slips and returns, wins, things to bring up, one tab each.

Data changes mark every tab stale; only the tab on show is redrawn, the others when opened.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.services.journal import JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.checkins_tab import CheckInsTab
from desktop_app.ui.journal.focus_tab import FocusTab
from desktop_app.ui.journal.slips_tab import SlipsTab
from desktop_app.ui.journal.topics_tab import TopicsTab
from desktop_app.ui.journal.wins_tab import WinsTab
from desktop_app.ui.widgets import heading


class JournalScreen(QWidget):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("journalScreen")
        journal = JournalService(ctx.session)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        top = QHBoxLayout()
        top.addWidget(heading(_("Journal")))
        top.addStretch(1)
        # Issue 11: the report for the person on your side.
        self.report_button = QPushButton(_("&Report for my next session…"))
        self.report_button.setObjectName("openReport")
        self.report_button.clicked.connect(self.open_report)
        top.addWidget(self.report_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("journalTabs")
        self.checkins = CheckInsTab(ctx)
        self.slips = SlipsTab(journal)
        self.wins = WinsTab(journal)
        self.focus = FocusTab(ctx, journal)
        self.topics = TopicsTab(journal)  # issue 11: things to bring up, and the report
        # Focus first: it is where the person starts (what to practise), then the record.
        self.tabs.addTab(self.focus, _("&Focus"))
        self.tabs.addTab(self.checkins, _("&Check-ins"))
        self.tabs.addTab(self.slips, _("S&lips and returns"))
        self.tabs.addTab(self.wins, _("&Wins"))
        self.tabs.addTab(self.topics, _("&Bring up"))
        layout.addWidget(self.tabs, 1)
        self._stale: set[QWidget] = {self.checkins, self.slips, self.wins, self.focus,
                                     self.topics}
        self.tabs.currentChanged.connect(lambda _i: self._redraw_current())

    def show_tab(self, name: str) -> None:
        """Open one tab: "checkins", "slips", "wins", "focus" or "topics"."""
        self.tabs.setCurrentWidget(getattr(self, name))

    def open_report(self) -> None:
        """Journal ▸ Report for my next session… (issue 11)."""
        from desktop_app.ui.report.dialog import open_report_dialog

        open_report_dialog(self.ctx, self)

    def refresh(self) -> None:
        self._stale = {self.checkins, self.slips, self.wins, self.focus, self.topics}
        if self.isVisible():
            self._redraw_current()

    def entered(self) -> None:
        self._redraw_current()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._redraw_current()

    def _redraw_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale and self.ctx.session.repo is not None:
            self._stale.discard(tab)
            tab.reload()  # type: ignore[attr-defined]
