"""Profile ▸ Share a result with a partner… and Receive a partner's view… (issue 16).

Nothing is sent anywhere: sharing writes a file the person hands over themselves, and a
received view is taken in only when the person opens the file and says yes. Key derivation
(a shared passphrase) runs off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from desktop_app.domain.sharing import Share
from desktop_app.i18n import _
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.session import Session
from desktop_app.services.sharing import Received, ShareError, SharingService
from desktop_app.storage.share_file import SUFFIX, ShareEnvelope, WrongSharePassphrase
from desktop_app.ui.dates import long_date_time, short_date
from desktop_app.ui.passphrase_dialogs import SlowDialog, password_field
from desktop_app.ui.plain_export import may_write_plain_copy
from desktop_app.ui.privacy_bridge import current_is_protected
from desktop_app.ui.widgets import paragraph

FILTER = "Groundwork share files (*{suffix});;All files (*)"


def _filter() -> str:
    return _(FILTER).format(suffix=SUFFIX)


class ShareDialog(SlowDialog):
    """Choose results of a shareable assessment, protect them with a shared passphrase (or
    not, said plainly), and save the share file."""

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 ask_path: Callable[[str], str] | None = None) -> None:
        super().__init__(_("Share a result with a partner"), _("&Save share file…"),
                         _("Protecting the file with your shared passphrase…"), parent)
        self.setObjectName("shareDialog")
        self.session = session
        self.service = SharingService(session)
        self.ask_path = ask_path or self._ask_path
        self.saved_to: Path | None = None
        name = session.profile.name if session.profile is not None else ""
        self.body.addWidget(paragraph(_(
            "The file holds only the results you tick, your name ({name}) and the name of "
            "the assessment: nothing else of your profile. You give it to your partner "
            "yourself; Groundwork never sends anything.").format(name=name)))
        form = QFormLayout()
        self.template_box = QComboBox()
        self.template_box.setObjectName("shareTemplate")
        self.template_box.setAccessibleName(_("Assessment to share"))
        form.addRow(_("&Assessment:"), self.template_box)
        self.results = QListWidget()
        self.results.setObjectName("shareResults")
        self.results.setAccessibleName(_("Results to share"))
        self.results.setMaximumHeight(140)
        form.addRow(_("&Results:"), self.results)
        self.protect = QCheckBox(_("&Protect the file with a passphrase you both know"))
        self.protect.setObjectName("shareProtect")
        self.protect.setChecked(True)
        form.addRow("", self.protect)
        self.first = password_field("sharePassphrase", _("Shared passphrase"))
        self.second = password_field("sharePassphraseAgain", _("Shared passphrase again"))
        form.addRow(_("Shared pa&ssphrase:"), self.first)
        form.addRow(_("A&gain:"), self.second)
        self.passphrase_hint = paragraph(_(
            "Agree on it together, and tell it in person rather than with the file."))
        self.passphrase_hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", self.passphrase_hint)
        self.plain_warning = paragraph(_(
            "Without a passphrase, anyone who has the file can read your answers, including "
            "what you wrote in your own words."))
        self.plain_warning.setObjectName("sharePlainWarning")
        form.addRow("", self.plain_warning)
        self.body.addLayout(form)
        self.protect.toggled.connect(self._protect_toggled)
        self._protect_toggled(True)
        self.templates = [t for t in self.service.shareable_templates()
                          if AssessmentService(session).results(t.id)]
        for template in self.templates:
            self.template_box.addItem(template.title, template.id)
        self.template_box.currentIndexChanged.connect(lambda _i: self._fill_results())
        self._fill_results()

    @property
    def has_results(self) -> bool:
        return bool(self.templates)

    def _protect_toggled(self, on: bool) -> None:
        for field in (self.first, self.second):
            field.setEnabled(on)
        self.passphrase_hint.setVisible(on)
        self.plain_warning.setVisible(not on)

    def _fill_results(self) -> None:
        self.results.clear()
        template_id = self.template_box.currentData()
        if template_id is None:
            return
        for i, stored in enumerate(AssessmentService(self.session).results(template_id)):
            item = QListWidgetItem(long_date_time(stored.item.completed_at))
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i == 0 else Qt.CheckState.Unchecked)
            self.results.addItem(item)

    def chosen(self) -> list[str]:
        items = (self.results.item(i) for i in range(self.results.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def _problem(self) -> str | None:
        if not self.chosen():
            return _("Tick at least one result to share.")
        if self.protect.isChecked():
            if not self.first.text():
                return _("Type the passphrase the two of you agreed on, or untick "
                         "“Protect the file”.")
            if self.first.text() != self.second.text():
                return _("The two passphrases are not the same. Please type them again.")
        return None

    def _ask_path(self, suggested: str) -> str:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Save the share file"), str(Path.home() / suggested), _filter())
        return path

    def submit(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.error.show_error(problem)
            return
        try:
            share = self.service.prepare_share(self.chosen())
        except ShareError as error:
            self.error.show_error(str(error))
            return
        suggested = f"{share.name}-{share.template_id}-{date.today().isoformat()}{SUFFIX}"
        raw = self.ask_path(suggested)
        if not raw:
            return
        path = Path(raw)
        if path.suffix != SUFFIX and not path.exists():
            path = path.with_name(path.name + SUFFIX)
        passphrase = self.first.text() if self.protect.isChecked() else None
        if passphrase is None and current_is_protected(self.session) and \
                not may_write_plain_copy(self, self.session, "share", path):
            return
        self._write(share, passphrase, path)

    def _write(self, share: Share, passphrase: str | None, path: Path) -> None:
        def written(data: Any) -> None:
            try:
                self.service.write(path, data)
            except ShareError as error:
                self.error.show_error(str(error))
                return
            self.saved_to = path
            self.accept()

        self.run(lambda: self.service.encode(share, passphrase), written,
                 lambda error: str(error) if isinstance(error, (ShareError, ValueError))
                 else None)


class ReceiveDialog(SlowDialog):
    """A share file chosen: its passphrase when protected, then what it holds, then keep it."""

    def __init__(self, session: Session, path: Path, envelope: ShareEnvelope,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Receive a partner's view"), _("&Open"),
                         _("Opening the file with your shared passphrase…"), parent)
        self.setObjectName("receiveDialog")
        self.service = SharingService(session)
        self.envelope = envelope
        self.share: Share | None = None
        self.received: Received | None = None
        self.intro = paragraph(_("“{file}” is protected. Type the passphrase the two of you "
                                 "agreed on.").format(file=path.name))
        self.body.addWidget(self.intro)
        self.passphrase_box = QWidget()
        form = QFormLayout(self.passphrase_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase = password_field("receivePassphrase", _("Shared passphrase"))
        form.addRow(_("Shared pa&ssphrase:"), self.passphrase)
        self.body.addWidget(self.passphrase_box)
        self.preview = paragraph("")
        self.preview.setObjectName("receivePreview")
        self.preview.hide()
        self.body.addWidget(self.preview)
        if not envelope.protected:
            self._opened(SharingService.open(envelope, None))

    def submit(self) -> None:
        if self.share is not None:
            self._keep()
            return
        secret = self.passphrase.text()
        if not secret:
            self.error.show_error(_("Type the passphrase the two of you agreed on."))
            return

        def refused(error: BaseException) -> str | None:
            if not isinstance(error, (ShareError, WrongSharePassphrase)):
                return None
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return str(error)

        self.run(lambda: SharingService.open(self.envelope, secret), self._opened, refused)

    def _opened(self, share: Share) -> None:
        try:
            view = self.service.check(share)
        except ShareError as error:
            self.share = None
            self.error.show_error(str(error))
            self.ok.setEnabled(False)
            return
        self.share = share
        self.intro.hide()
        self.passphrase_box.hide()
        dates = ", ".join(short_date(r.completed_at.date()) for r in view.results)
        self.preview.setText(_(
            "{name} shared “{title}” ({dates}). Keep it in this profile as {label}? It stays "
            "apart from your own results and read-only, and you can remove it at any time. "
            "Nothing is sent back.").format(name=view.name, title=view.template_title,
                                            dates=dates, label=view.label))
        self.preview.show()
        self.ok.setText(_("&Keep it"))

    def _keep(self) -> None:
        assert self.share is not None
        try:
            self.received = self.service.keep(self.share)
        except (ShareError, OSError) as error:
            self.error.show_error(str(error))
            return
        self.accept()


def share_result(session: Session, parent: QWidget) -> Path | None:
    """Profile ▸ Share a result with a partner…; the file written, or None."""
    dialog = ShareDialog(session, parent)
    try:
        if not dialog.has_results:
            QMessageBox.information(parent, _("Nothing to share yet"), _(
                "Results of “Us: where we are, where we want to be” (and of any assessment "
                "made for sharing) can be shared. Take it first under Assessments."))
            return None
        if dialog.exec() != SlowDialog.DialogCode.Accepted or dialog.saved_to is None:
            return None
        QMessageBox.information(parent, _("Share file saved"), _(
            "Saved to {path}.\n\nGive it to your partner yourself (a USB stick, a message "
            "you trust), and tell them the passphrase another way.").format(
                path=dialog.saved_to))
        return dialog.saved_to
    finally:
        dialog.deleteLater()


def receive_view(session: Session, parent: QWidget,
                 path: Path | None = None) -> Received | None:
    """Profile ▸ Receive a partner's view…: choose the file, open it, keep it."""
    if path is None:
        raw, _chosen = QFileDialog.getOpenFileName(
            parent, _("Open a partner's share file"), str(Path.home()), _filter())
        if not raw:
            return None
        path = Path(raw)
    try:
        envelope = SharingService.read(path)
        dialog = ReceiveDialog(session, path, envelope, parent)
    except ShareError as error:
        QMessageBox.warning(parent, _("This file cannot be received"), str(error))
        return None
    try:
        if dialog.exec() != SlowDialog.DialogCode.Accepted or dialog.received is None:
            return None
        received = dialog.received
    finally:
        dialog.deleteLater()
    if received.already_had:
        QMessageBox.information(parent, _("Already here"), _(
            "{label} from this file is already in this profile: nothing was added.").format(
                label=received.view.label))
    return received

