"""First start: a greeting, the method in three lines, and a name for the first profile."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.profiles import ProfileNameError
from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.ui.method_text import METHOD_LINES, NOT_A_CRISIS_TOOL
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph


class WelcomeScreen(QWidget):
    """Shown while there is no profile; emits ``profile_created`` once one exists."""

    profile_created = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("welcomeScreen")

        card = QFrame(self)
        card.setMinimumWidth(520)
        card.setMaximumWidth(640)
        layout = QVBoxLayout(card)
        layout.setSpacing(14)
        layout.addWidget(heading(_("Welcome to Groundwork")))
        layout.addWidget(
            paragraph(_(
                "A quiet place to do the work of change between sessions: check in with "
                "yourself, see where you are and where you want to be, and practise."
            ))
        )
        for number, line in enumerate(METHOD_LINES, start=1):
            layout.addWidget(paragraph(f"{number}.  {_(line)}"))
        layout.addWidget(
            paragraph(_(
                "Everything you write stays on this computer. A profile keeps one "
                "person's notes; you can add more later."
            ))
        )

        ask = QLabel(_("What should we call you?"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profileName")
        self.name_edit.setPlaceholderText(_("Your first name, or any name you like"))
        self.name_edit.setAccessibleName(_("Profile name"))
        ask.setBuddy(self.name_edit)
        layout.addWidget(ask)
        layout.addWidget(self.name_edit)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = QPushButton(_("Create my profile"))
        self.create_button.setObjectName("createProfile")
        self.create_button.setDefault(True)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        small = paragraph(_(NOT_A_CRISIS_TOOL))
        small.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(small)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.create_button.clicked.connect(self.create_profile)
        self.name_edit.returnPressed.connect(self.create_profile)
        self.name_edit.textEdited.connect(lambda _text: self.error.clear_error())
        self.setFocusProxy(self.name_edit)

    def create_profile(self) -> None:
        try:
            self.session.create_profile(self.name_edit.text())
        except ProfileNameError as error:
            self.error.show_error(str(error))
            self.name_edit.setFocus()
            return
        except OSError as error:
            self.error.show_error(
                _("Groundwork could not save the new profile: {reason}").format(reason=error)
            )
            return
        self.name_edit.clear()
        self.profile_created.emit()
