"""Small shared widgets: headings, wrapped text, inline error labels."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.readable_palette import error_colour
from desktop_app.ui.screen_fit import grow_to_content


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.25, 3: 1.1}.get(level, 1.0))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def paragraph(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    # By name through Qt's property system: touching ``Qt`` builds every enum of its
    # namespace (20-30 ms), which Home, drawn right after the first paint, can do without.
    label.setProperty("textFormat", "PlainText")
    label.setProperty("textInteractionFlags", "TextSelectableByMouse")
    return label


class ErrorLabel(QLabel):
    """An inline message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        self._colour_for_palette()
        self.hide()

    def _colour_for_palette(self) -> None:
        # The application's palette: this label's own carries the red of its style sheet.
        colour = error_colour(QGuiApplication.palette()).name()
        sheet = f"#inlineError {{ color: {colour}; font-weight: bold; }}"
        if sheet != self.styleSheet():  # a new sheet changes the palette: no loop
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colour_for_palette()  # light ↔ dark

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text:
            grow_to_content(self.window())

    def clear_error(self) -> None:
        self.show_error("")
