"""Settings ▸ Lock after idle time: off by default; only for a profile with a passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.widgets import paragraph

DEFAULT_MINUTES = 10


class IdleLockDialog(QDialog):
    def __init__(self, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockDialog")
        self.setWindowTitle(_("Lock after idle time"))
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(_(
            "When a profile has a passphrase, Groundwork can lock itself after a while "
            "without typing or using the mouse in its windows. What you were writing is kept "
            "and comes back when you unlock."
        )))
        self.enabled = QCheckBox(_("Lock when I have not used Groundwork for a while"))
        self.enabled.setObjectName("idleLockOn")
        self.enabled.setChecked(minutes > 0)
        layout.addWidget(self.enabled)
        row = QHBoxLayout()
        label = QLabel(_("Lock after"))
        self.spin = QSpinBox()
        self.spin.setObjectName("idleLockMinutes")
        self.spin.setAccessibleName(_("Minutes before locking"))
        self.spin.setRange(1, 240)
        self.spin.valueChanged.connect(self._suffix)
        self.spin.setValue(minutes if minutes > 0 else DEFAULT_MINUTES)
        self._suffix(self.spin.value())
        label.setBuddy(self.spin)
        row.addWidget(label)
        row.addWidget(self.spin)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.enabled.toggled.connect(self.spin.setEnabled)
        self.spin.setEnabled(self.enabled.isChecked())

    def _suffix(self, minutes: int) -> None:
        # Translators: follows the number in the spin box, e.g. "10 minutes idle".
        self.spin.setSuffix(ngettext(" minute idle", " minutes idle", minutes))

    def minutes(self) -> int:
        return self.spin.value() if self.enabled.isChecked() else 0
