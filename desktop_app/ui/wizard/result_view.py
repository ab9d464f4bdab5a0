"""A finished assessment, read-only: scores and what they mean, gaps, focus, alerts, answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.services.assessments import ResultReport, ScoreLine
from desktop_app.ui.dates import long_date_time
from desktop_app.ui.screen_fit import fit_to_screen
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.wizard.formatting import answer_text, gap_sentence, number
from desktop_app.ui.wizard.gap_bar import GapBar
from desktop_app.ui.wizard.review_page import answers_form

_NOTE_STYLE = (
    "#alertNote { background: palette(alternate-base); border-left: 4px solid palette(highlight);"
    " border-radius: 4px; }"
)


def _muted(text: str) -> QLabel:
    label = paragraph(text)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _scrolling(body: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll


class ResultView(QDialog):
    """Opens after Finish, and from the Assessments screen for any past result.

    With ``make_focus``, suggested focus areas come with "Make these my focus…", which
    hands their area ids to it.
    """

    def __init__(
        self, report: ResultReport, *, fresh: bool = False,
        make_focus: Callable[[Sequence[str]], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.make_focus = make_focus
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report
        self.setObjectName("resultView")
        self.setWindowTitle(_("{title} — result").format(title=report.title))
        fit_to_screen(self, QSize(760, 680))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(report.title))
        completed = (
            _("Completed {date}. Saved to your profile: you can open it again from "
              "Assessments.") if fresh else _("Completed {date}.")
        ).format(date=long_date_time(report.result.completed_at))
        layout.addWidget(_muted(completed))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultTabs")
        self.tabs.addTab(_scrolling(self._summary()), _("&Summary"))
        self.tabs.addTab(_scrolling(self._answers()), _("Your &answers"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # --- summary ----------------------------------------------------------------------
    def _summary(self) -> QWidget:
        body = QWidget()
        body.setObjectName("resultSummary")
        column = QVBoxLayout(body)
        column.setSpacing(10)
        for message in self.report.alerts:
            column.addWidget(self._alert(message))
        if self.report.scores:
            column.addWidget(heading(_("Your scores"), level=2))
            for line in self.report.scores:
                column.addWidget(self._score(line))
        if self.report.gaps:
            column.addWidget(heading(_("Now and ideal, area by area"), level=2))
            column.addWidget(self._gaps())
            column.addWidget(heading(_("Where you might focus"), level=2))
            column.addWidget(self._focus())
        if not self.report.scores and not self.report.gaps:
            column.addWidget(
                paragraph(_("This assessment has no scores. Your answers are under Your answers."))
            )
        column.addStretch(1)
        return body

    def _alert(self, message: str) -> QWidget:
        frame = QFrame()
        frame.setObjectName("alertNote")
        frame.setStyleSheet(_NOTE_STYLE)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(14, 10, 14, 10)
        inner.addWidget(heading(_("A note for you"), level=3))
        text = paragraph(" ".join(message.split()))
        text.setObjectName("alertMessage")
        inner.addWidget(text)
        frame.setAccessibleName(_("A note for you"))
        frame.setAccessibleDescription(text.text())
        return frame

    def _score(self, line: ScoreLine) -> QWidget:
        box = QWidget()
        box.setObjectName(f"score-{line.scale_id}")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 4)
        inner.setSpacing(2)
        value = number(line.value)
        if line.in_words:
            value = line.in_words  # the number is in the words
        elif line.low is not None and line.high is not None:
            value = _("{value} (on a scale from {low} to {high})").format(
                value=value, low=number(line.low), high=number(line.high))
        title = paragraph(f"{line.title}: {value}")
        title.setObjectName("scoreValue")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        inner.addWidget(title)
        if line.band:
            meaning = f" — {' '.join(line.meaning.split())}" if line.meaning else ""
            band = paragraph(line.band + meaning)
            band.setObjectName("scoreBand")
            inner.addWidget(band)
        if line.description:
            inner.addWidget(_muted(" ".join(line.description.split())))
        return box

    def _gaps(self) -> QWidget:
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        template = self.report.template
        for row, gap in enumerate(self.report.gaps):
            question = template.question(gap.question_id) if template else None
            low = question.min if question and question.min is not None else 0
            high = question.max if question and question.max is not None else 10
            name = QLabel(self.report.area_title(gap.area))
            bar = GapBar(low, high)
            bar.setObjectName(f"gap-{gap.question_id}")
            bar.set_values(gap.current, gap.ideal)
            bar.setAccessibleName(
                _("{area}: now and ideal").format(area=self.report.area_title(gap.area)))
            sentence = gap_sentence(gap.current, gap.ideal)
            words = QLabel(_("Now {current}, ideal {ideal}. {sentence}").format(
                current=gap.current, ideal=gap.ideal, sentence=sentence))
            words.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(words, row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        legend = _muted(
            _("The filled dot is where you are now, the ring where you want to be."))
        grid.addWidget(legend, len(self.report.gaps), 0, 1, 3)
        return grid_box

    def _focus(self) -> QWidget:
        box = QWidget()
        box.setObjectName("focusSuggestions")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        if not self.report.focus:
            inner.addWidget(
                paragraph(_(
                    "No area is below where you want it to be right now. That is worth "
                    "noticing; keep doing what helps."
                ))
            )
            return box
        inner.addWidget(
            paragraph(_(
                "These areas have the largest distance between where you are and where you "
                "want to be. They are suggestions: you choose what to work on."
            ))
        )
        for rank, gap in enumerate(self.report.focus, start=1):
            area = self.report.area_title(gap.area)
            sentence = gap_sentence(gap.current, gap.ideal).rstrip(".")
            line = paragraph(_("{rank}. {area}: {sentence} (now {current}, ideal {ideal}).").format(
                rank=rank, area=area, sentence=sentence, current=gap.current, ideal=gap.ideal))
            line.setObjectName(f"focus{rank}")
            inner.addWidget(line)
        if self.make_focus is not None:
            row = QHBoxLayout()
            self.make_focus_button = QPushButton(_("&Make these my focus…"))
            self.make_focus_button.setObjectName("makeFocus")
            self.make_focus_button.setAccessibleDescription(_(
                "Opens Choose your focus with these areas ticked, to write an intention "
                "and practices for each."
            ))
            self.make_focus_button.setAutoDefault(False)  # Enter keeps meaning Close
            self.make_focus_button.clicked.connect(self.choose_focus)
            row.addWidget(self.make_focus_button)
            row.addStretch(1)
            inner.addLayout(row)
        return box

    def choose_focus(self) -> None:
        """Open Choose your focus with the suggested areas ticked."""
        if self.make_focus is not None:
            self.make_focus([gap.area for gap in self.report.focus])

    # --- answers ----------------------------------------------------------------------
    def _answers(self) -> QWidget:
        body = QWidget()
        body.setObjectName("resultAnswers")
        column = QVBoxLayout(body)
        answers = self.report.result.answers
        template = self.report.template
        if template is not None:
            for page in template.pages:
                column.addWidget(heading(page.title, level=3))
                column.addLayout(answers_form(page, answers))
            known = {q.id for q in template.questions}
        else:
            column.addWidget(
                _muted(_("The template of this result is no longer installed, so the "
                         "questions are shown by their ids."))
            )
            known = set()
        for question_id, answer in answers.items():
            if question_id not in known:
                column.addWidget(paragraph(f"{question_id}: {answer_text(None, answer)}"))
        column.addStretch(1)
        return body

