"""Below the Together chart: what the two views say together, in words, and what to talk about.

Alike and different are told on "now" and on "ideal" separately; a shared focus is an area
both see among their largest gaps; the prompts are questions and "I" sentences to start a
conversation, never a verdict.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop_app.domain.together import alike_text, differ_text, prompts_for
from desktop_app.i18n import _
from desktop_app.services.together import TogetherData
from desktop_app.ui.dates import short_date
from desktop_app.ui.widgets import paragraph

MAX_TALK_AREAS = 3


class TalkPanel(QScrollArea):
    """Words under the chart; "Make it a focus area…" for each shared focus."""

    focus_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("togetherTalk")
        self.setAccessibleName(_("What your two views say together"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(120)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self.setWidget(self._body)
        self.focus_buttons: dict[str, QPushButton] = {}

    def show_data(self, data: TogetherData) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.focus_buttons = {}
        together = data.together
        if together is None:
            return
        self._section(_("Where you see things alike"), alike_text(together))
        self._section(_("Where your views differ most"), differ_text(together))
        shared = together.shared_focus()
        if shared:
            self._section(_("A focus you might share"), _(
                "Both of you see these among your largest gaps. Each of you can make one "
                "a focus area in your own profile, with your own intention and practices."))
            for area in shared:
                button = QPushButton(_("Make “{area}” one of my focus areas…").format(
                    area=area.title))
                button.setObjectName(f"shareFocus-{area.area}")
                button.clicked.connect(lambda _c=False, a=area.area: self.focus_requested.emit(a))
                self.focus_buttons[area.area] = button
                self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            mine, theirs = together.largest_gap("mine"), together.largest_gap("theirs")
            if mine is not None and theirs is not None:
                self._section(_("A focus you might share"), _(
                    "Your largest gaps are in different areas: {mine} for you, {theirs} for "
                    "{name}. Talking about why can be a good start.").format(
                        mine=mine.title, theirs=theirs.title, name=together.partner))
        talk_about = list(dict.fromkeys(
            [*shared, *together.differ("now"), *together.differ("ideal")]))[:MAX_TALK_AREAS]
        for area in talk_about:
            prompts = "\n".join(f"• {_(prompt)}" for prompt in prompts_for(area.area))
            self._section(_("To talk about: {area}").format(area=area.title), prompts)
        moved = [m for m in data.moved if m.both_moved]
        if moved:
            lines = []
            for m in moved:
                lines.append(_("{area}: you {mine_from} → {mine_to}, {name} {theirs_from} → "
                               "{theirs_to} (now, since {since}).").format(
                    area=m.title, mine_from=m.mine[0][1], mine_to=m.mine[-1][1],
                    name=together.partner, theirs_from=m.theirs[0][1],
                    theirs_to=m.theirs[-1][1],
                    since=short_date(min(m.mine[0][0], m.theirs[0][0]).date())))
            self._section(_("How both views moved"), "\n".join(lines))
        newest = data.partner.views[0].item
        self._layout.addWidget(paragraph(_(
            "{name} shared this on {made}; you received it on {received}. It is read-only and "
            "stays in this profile: nothing is ever sent back.").format(
                name=together.partner, made=short_date(newest.made_at.date()),
                received=short_date(newest.received_at.date()))))
        self._layout.addStretch(1)

    def _section(self, title: str, text: str) -> None:
        heading = QLabel(f"<b>{html.escape(title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setAccessibleName(title)
        self._layout.addWidget(heading)
        body = paragraph(text)
        body.setAccessibleName(f"{title}: {text}")
        self._layout.addWidget(body)

    def texts(self) -> list[str]:
        """Every line shown, for tests and screen readers' review."""
        return [w.text() for w in self._body.findChildren(QLabel)]
