"""Opening a template's wizard or a stored result (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.ui.context import ScreenContext


def start_template(parent: QWidget, ctx: ScreenContext, template_id: str) -> None:
    QMessageBox.information(parent, "Groundwork", f"The wizard for {template_id} is coming.")


def open_result(parent: QWidget, ctx: ScreenContext, result_id: int) -> None:
    QMessageBox.information(parent, "Groundwork", f"Result {result_id}.")
