"""Assessments: the templates to start (shipped, the person's own, broken ones) and past results."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.templates import Template, TemplateError
from desktop_app.i18n import _, ngettext
from desktop_app.services.assessments import AssessmentService, ResultSummary
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import long_date_time
from desktop_app.ui.journal.undo import delete_with_undo
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.wizard.formatting import number


def _first_sentence(text: str | None) -> str:
    words = " ".join((text or "").split())
    head, dot, _rest = words.partition(". ")
    return head + "." if dot else words


# The shipped assessments in the order the method takes them: the first one Home suggests,
# then grounding, the three responsibilities and the daily check-in.
METHOD_ORDER = ("life-areas", "grounding", "three-responsibilities", "check-in", "us")


def _method_order(template: Template) -> tuple[int, str]:
    known = template.id in METHOD_ORDER
    return (METHOD_ORDER.index(template.id) if known else len(METHOD_ORDER), template.title)


def _bold(text: str) -> QLabel:
    """A row's title; it wraps, so a long one never widens the page past the window."""
    label = paragraph(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _muted(text: str) -> QLabel:
    label = paragraph(text)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _row_frame(name: str) -> tuple[QFrame, QHBoxLayout, QVBoxLayout]:
    """A bordered row: text on the left, buttons on the right."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    row = QHBoxLayout(frame)
    row.setContentsMargins(12, 8, 12, 8)
    text = QVBoxLayout()
    text.setSpacing(2)
    row.addLayout(text, 1)
    return frame, row, text


def describe_scores(summary: ResultSummary, limit: int = 3) -> str:
    """The key scores of a result in one line, e.g. "Steadiness 27 (Building steadiness)"."""
    parts = [
        f"{title} {number(score.value)}" + (f" ({score.band})" if score.band else "")
        for title, score in summary.scores[:limit]
    ]
    if len(summary.scores) > limit:
        more = len(summary.scores) - limit
        parts.append(ngettext("and {n} more", "and {n} more", more).format(n=more))
    return " · ".join(parts) if parts else _("No scores (answers only)")


class AssessmentsScreen(QScrollArea):
    """Redraws when shown after a change, so a refresh while hidden costs nothing."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = AssessmentService(ctx.session)
        self.setObjectName("assessmentsScreen")
        self.setAccessibleName(_("Assessments"))
        # Tab goes straight to the first Start button, not to an empty scroll area first.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.start_buttons: dict[str, QPushButton] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        self.delete_buttons: dict[str, QPushButton] = {}
        self._dirty = True
        self._shows: tuple[object, ...] | None = None
        self.rebuild()

    # --- screen protocol --------------------------------------------------------------
    def refresh(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.rebuild()

    def entered(self) -> None:
        if self._dirty:
            self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.entered()

    # --- building ---------------------------------------------------------------------
    def _what_it_shows(self) -> tuple[object, ...]:
        """Every text the screen shows, read from the services (the results are memos)."""
        templates = self.ctx.session.templates
        rows = []
        for template in templates.templates:
            saved_at = self.service.draft_saved_at(template.id)
            rows.append((template.id, template.builtin, template.title,
                         _first_sentence(template.description),
                         long_date_time(saved_at) if saved_at is not None else None))
        broken = [(e.file, e.line, e.field, e.message) for e in templates.broken]
        results = [(s.id, s.title, long_date_time(s.completed_at), describe_scores(s))
                   for s in self.service.summaries()]
        return (rows, broken, str(self.ctx.session.user_templates_dir), results)

    def rebuild(self) -> None:
        """Build the page again, unless nothing it shows changed; the scroll position stays."""
        self._dirty = False
        shows = self._what_it_shows()
        if shows == self._shows and self.widget() is not None:
            return
        self._shows = shows
        scrolled = self.verticalScrollBar().value()
        self.start_buttons.clear()
        self.open_buttons.clear()
        self.delete_buttons.clear()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Assessments")))
        layout.addWidget(
            paragraph(_(
                "Each assessment is a set of questions you answer at your own pace, with a "
                "look at your results at the end. Everything stays on this computer."
            ))
        )
        self._add_templates(layout)
        self._add_results(layout)
        layout.addStretch(1)
        # The old page may hold the button whose click led here: delete it later, not now.
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)
        self.verticalScrollBar().setValue(scrolled)  # clamped when the page got shorter

    def _add_templates(self, layout: QVBoxLayout) -> None:
        templates = self.ctx.session.templates
        shipped = sorted((t for t in templates.templates if t.builtin), key=_method_order)
        mine = [t for t in templates.templates if not t.builtin]
        layout.addWidget(heading(_("Take an assessment"), level=2))
        layout.addWidget(heading(_("Shipped with Groundwork"), level=3))
        for template in shipped:
            layout.addWidget(self._template_row(template))
        layout.addWidget(heading(_("My templates"), level=3))
        if not mine:
            layout.addWidget(
                _muted(_(
                    "You have no templates of your own yet. A template is a plain text file "
                    "you (or your therapist) can write; Help → Template guide shows how."
                ))
            )
        for template in mine:
            layout.addWidget(self._template_row(template))
        if templates.broken:
            layout.addWidget(heading(_("Templates that could not be opened"), level=3))
            for error in templates.broken:
                layout.addWidget(self._broken_row(error))
        layout.addLayout(self._folder_row())

    def _template_row(self, template: Template) -> QFrame:
        frame, row, text = _row_frame(f"template-{template.id}")
        title = _bold(template.title)
        text.addWidget(title)
        if template.description:
            text.addWidget(paragraph(_first_sentence(template.description)))
        saved_at = self.service.draft_saved_at(template.id)
        if saved_at is not None:
            saved = long_date_time(saved_at)
            text.addWidget(_muted(
                _("Unfinished: your answers were saved {when}.").format(when=saved)))
        button = QPushButton(_("Continue") if saved_at else _("Start"))
        button.setObjectName(f"start-{template.id}")
        button.setAccessibleName(
            (_("Continue {title}") if saved_at else _("Start {title}")).format(
                title=template.title))
        button.clicked.connect(lambda _c=False, tid=template.id: self.start(tid))
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.start_buttons[template.id] = button
        return frame

    def _broken_row(self, error: TemplateError) -> QFrame:
        frame, _row, text = _row_frame("brokenTemplate")
        name = _bold(error.file)
        text.addWidget(name)
        # The file name is the row's title already; the rest says where and what.
        where = [_("Line {line}").format(line=error.line)] if error.line else []
        where += [error.field] if error.field else []
        message = paragraph(": ".join([*where, error.message]))
        message.setObjectName("brokenMessage")
        text.addWidget(message)
        text.addWidget(_muted(_("Fix the file in a text editor, then press Reload templates.")))
        return frame

    def _folder_row(self) -> QVBoxLayout:
        column = QVBoxLayout()
        folder = self.ctx.session.user_templates_dir
        where = paragraph(_("Your own templates go in this folder:"))
        where.setObjectName("templatesFolder")
        column.addWidget(where)
        # A long path in a label would widen the whole page; in a field it scrolls, and it
        # can be selected and copied where no file manager opens it.
        path = QLineEdit(str(folder))
        path.setObjectName("templatesFolderPath")
        path.setReadOnly(True)
        path.setAccessibleName(_("Templates folder"))
        path.setCursorPosition(0)
        where.setBuddy(path)
        column.addWidget(path)
        row = QHBoxLayout()
        open_button = QPushButton(_("Open templates folder"))
        open_button.setObjectName("openTemplatesFolder")
        open_button.clicked.connect(self.open_templates_folder)
        reload_button = QPushButton(_("Reload templates"))
        reload_button.setObjectName("reloadTemplates")
        reload_button.setToolTip(
            _("Read the templates folder again after adding or fixing a file."))
        reload_button.clicked.connect(self.reload_templates)
        row.addWidget(open_button)
        row.addWidget(reload_button)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def _add_results(self, layout: QVBoxLayout) -> None:
        layout.addSpacing(8)
        layout.addWidget(heading(_("Past results"), level=2))
        summaries = self.service.summaries()
        if not summaries:
            empty = paragraph(_(
                "No results yet. Choose an assessment above and press Start; when you finish "
                "it, your result is kept here so you can look back and see what changed."
            ))
            empty.setObjectName("noResults")
            layout.addWidget(empty)
            return
        # One group per assessment, the one taken most recently first; newest first inside.
        groups: dict[str, list[ResultSummary]] = {}
        for summary in sorted(summaries, key=lambda s: s.completed_at.timestamp(), reverse=True):
            groups.setdefault(summary.template_id, []).append(summary)
        for results in groups.values():
            title = heading(ngettext(
                "{title} ({n} result)", "{title} ({n} results)", len(results)
            ).format(title=results[0].title, n=len(results)), level=3)
            title.setObjectName(f"results-{results[0].template_id}")
            layout.addWidget(title)
            for summary in results:
                layout.addWidget(self._result_row(summary))

    def _result_row(self, summary: ResultSummary) -> QFrame:
        frame, row, text = _row_frame(f"result-{summary.id}")
        # Translators: a past result in the list: the assessment's title and when it was done.
        title = _bold(_("{title} — {when}").format(
            title=summary.title, when=long_date_time(summary.completed_at)))
        text.addWidget(title)
        scores = paragraph(describe_scores(summary))
        scores.setObjectName("resultScores")
        text.addWidget(scores)
        label = _("{title} of {date}").format(
            title=summary.title, date=long_date_time(summary.completed_at))
        open_button = QPushButton(_("Open"))
        open_button.setObjectName(f"open-{summary.id}")
        open_button.setAccessibleName(_("Open the result of {result}").format(result=label))
        open_button.clicked.connect(lambda _c=False, rid=summary.id: self.open_result(rid))
        delete_button = QPushButton(_("Delete…"))
        delete_button.setObjectName(f"delete-{summary.id}")
        delete_button.setAccessibleName(_("Delete the result of {result}").format(result=label))
        delete_button.clicked.connect(lambda _c=False, s=summary: self.delete_result(s))
        row.addWidget(open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(delete_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.open_buttons[summary.id] = open_button
        self.delete_buttons[summary.id] = delete_button
        return frame

    # --- actions ----------------------------------------------------------------------
    def start(self, template_id: str) -> None:
        self.ctx.navigator.start_template(template_id)

    def open_result(self, result_id: str) -> None:
        self.ctx.navigator.open_result(result_id)

    def delete_result(self, summary: ResultSummary) -> None:
        """Ask first, saying what is lost; then delete through the service."""
        result = self.service.get(summary.id)
        answered = sum(v is not None for v in result.answers.values()) if result else 0
        box = QMessageBox(self)
        box.setObjectName("confirmDeleteResult")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Delete this result?"))
        completed = long_date_time(summary.completed_at)
        box.setText(_("Delete the result of “{title}” from {date}?").format(
            title=summary.title, date=completed))
        box.setInformativeText(ngettext(
            "Its {n} answer and its scores will be "
            "removed from this profile, and it will no longer show in your progress. "
            "You can undo this for a few seconds afterwards.",
            "Its {n} answers and its scores will be "
            "removed from this profile, and it will no longer show in your progress. "
            "You can undo this for a few seconds afterwards.", answered,
        ).format(n=answered))
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is not delete:
            return
        if delete_with_undo(  # issue 12: undo bar
            self, self.ctx.session, "assessments", summary.id, _("Deleted a result."),
            _("The result was not deleted"), lambda: self.service.delete(summary.id),
        ):
            self.ctx.session.notify()

    def open_templates_folder(self) -> None:
        folder = self.ctx.session.user_templates_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            QMessageBox.warning(self, _("Could not open the folder"), str(error))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(
                self,
                _("No file manager to open the folder"),
                _("This computer has no program set to open folders. The folder is:\n\n"
                  "{folder}\n\nIt is also shown under My templates, where you can copy it.").format(
                    folder=folder),
            )

    def reload_templates(self) -> None:
        self.ctx.session.load_templates()
        self.ctx.session.notify()
