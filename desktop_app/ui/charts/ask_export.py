"""Export a chart as a person does it: options (title, period, name), a file, a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.i18n import _
from desktop_app.ui.charts.export_caption import (
    ExportCaption,
    ExportOptionsDialog,
    ask_export_path,
)


class Exportable(Protocol):
    """What of a chart (``base.ChartView``) an export asks."""

    in_text: str
    caption_source: Callable[[], tuple[str, str | None]] | None
    may_write: Callable[[QWidget, Path], bool] | None
    message: SignalInstance

    def export_caption(self, with_name: bool = False) -> ExportCaption | None: ...

    def export(self, path: Path, caption: ExportCaption | None = None) -> Path: ...


def ask_export(chart: Exportable, parent: QWidget, fmt: str) -> None:
    """Ask what the picture carries and where it goes, write it and say so; ``fmt`` is
    "png" or "svg"; ``parent``: the chart's widget."""
    caption = chart.export_caption()
    if caption is not None and chart.caption_source is not None:
        options = ExportOptionsDialog(chart.in_text, caption, chart.caption_source()[1], parent)
        accepted = options.exec() == ExportOptionsDialog.DialogCode.Accepted
        caption = options.caption()
        options.deleteLater()
        if not accepted:
            return
    path = ask_export_path(parent, chart.in_text, fmt)
    if path is None:
        return
    if chart.may_write is not None and not chart.may_write(parent, path):
        return
    try:
        written = chart.export(path, caption)
    except OSError as error:
        QMessageBox.warning(parent, _("Export failed"),
                            _("Could not write the file: {reason}").format(reason=error))
        return
    chart.message.emit(_("Saved the {chart} chart to {path}").format(
        chart=chart.in_text, path=written))
