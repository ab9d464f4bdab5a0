"""Work held until a widget is on screen runs after its paint, not after the fallback."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.ui.after_paint import after_next_paint

NEVER = 600_000  # a fallback no test waits for: only a paint can run the work


def test_work_after_a_widget_paints(qtbot) -> None:
    label = QLabel("Hello")
    qtbot.addWidget(label)
    done: list[str] = []
    after_next_paint(label, lambda: done.append("run"), NEVER)
    label.show()
    qtbot.waitUntil(lambda: done == ["run"])


def test_work_after_a_scroll_area_paints_its_content(qtbot) -> None:
    # As Home (a frameless scroll area): neither it nor its viewport gets a paint event.
    area = QScrollArea()
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    body = QWidget()
    QVBoxLayout(body).addWidget(QLabel("Hello, Sam"))
    area.setWidget(body)
    qtbot.addWidget(area)
    done: list[str] = []
    after_next_paint(area, lambda: done.append("run"), NEVER)
    area.show()
    qtbot.waitUntil(lambda: done == ["run"])
