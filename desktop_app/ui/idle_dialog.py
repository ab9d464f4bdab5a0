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

from desktop_app.ui.widgets import paragraph

DEFAULT_MINUTES = 10


class IdleLockDialog(QDialog):
    def __init__(self, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockDialog")
        self.setWindowTitle("Lock after idle time")
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "When a profile has a passphrase, Groundwork can lock itself after a while "
            "without typing or using the mouse in its windows. What you were writing is kept "
            "and comes back when you unlock."
        ))
        self.enabled = QCheckBox("Lock when I have not used Groundwork for a while")
        self.enabled.setObjectName("idleLockOn")
        self.enabled.setChecked(minutes > 0)
        layout.addWidget(self.enabled)
        row = QHBoxLayout()
        label = QLabel("Lock after")
        self.spin = QSpinBox()
        self.spin.setObjectName("idleLockMinutes")
        self.spin.setAccessibleName("Minutes before locking")
        self.spin.setRange(1, 240)
        self.spin.setSuffix(" minutes idle")
        self.spin.setValue(minutes if minutes > 0 else DEFAULT_MINUTES)
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

    def minutes(self) -> int:
        return self.spin.value() if self.enabled.isChecked() else 0
