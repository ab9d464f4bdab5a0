"""What an exported chart carries besides the chart: a title, the period, and (only when the
person asks) the profile's name; and the small options step that asks.

The name is off by default: a chart file is made to be shown or sent, often to someone who
already knows whose it is, and a name inside a picture travels further than the person may
think (a shared screen, a forwarded mail, a printout). Adding it is one tick away.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import offset_copy
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.progress import DateRange
from desktop_app.i18n import N_, _
from desktop_app.ui.dates import short_date
from desktop_app.ui.widgets import paragraph


@dataclass(frozen=True)
class ExportCaption:
    """The texts written above an exported chart."""

    title: str
    period: str
    profile: str | None = None

    def metadata(self, fmt: str) -> dict[str, str]:
        """File metadata (PNG text chunks, SVG <metadata>): the same texts, nothing more."""
        title = f"{self.title} ({self.period})"
        meta = {"Title": title}
        if self.profile:
            meta["Author" if fmt == "png" else "Creator"] = self.profile
        return meta


def period_text(date_range: DateRange, first_day: date | None, today: date) -> str:
    """"1 Dec 2025 – 1 Dec 2026": the days the chart covers, open ends filled in."""
    start = date_range.start or first_day
    end = date_range.end or today
    if start is None or start >= end:
        return short_date(end)
    return f"{short_date(start)} – {short_date(end)}"


@contextmanager
def captioned(figure: Figure, caption: ExportCaption | None, color: str) -> Iterator[None]:
    """Put the caption above the chart while it is saved, and take it away afterwards.

    The texts sit above the figure's own area, so the chart on screen keeps its layout;
    the caller saves with ``bbox_inches="tight"``, which grows the page to hold them.
    SVG text stays text (not outlines), so the file can be searched and read aloud.
    """
    if caption is None:
        yield
        return
    lines: list[tuple[str, str, float, str]] = [
        ("chart-title", caption.title, 14, "bold"),
        ("chart-period", caption.period, 10, "normal"),
    ]
    if caption.profile:
        lines.append(("chart-profile", caption.profile, 10, "normal"))
    texts: list[Text] = []
    # Stacked upwards from the top edge: the last line sits lowest.
    offset = 6.0
    for gid, text, size, weight in reversed(lines):
        where = offset_copy(figure.transFigure, fig=figure, y=offset, units="points")
        artist = figure.text(
            0.03, 1.0, text, transform=where, fontsize=size, fontweight=weight,
            color=color, va="bottom", ha="left",
        )
        artist.set_gid(gid)
        texts.append(artist)
        offset += size * 1.5
    try:
        with matplotlib.rc_context({"svg.fonttype": "none"}):
            yield
    finally:
        for artist in texts:
            artist.remove()


EXPORT_FORMATS = {"png": N_("PNG image (*.png)"), "svg": N_("SVG drawing (*.svg)")}


def save_figure(figure: Figure, path: Path, caption: ExportCaption | None, foreground: str,
                background: str) -> Path:
    """Write ``figure`` as PNG or SVG (by suffix; PNG when there is none); the path written."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        fmt = "png"
        path = path.with_name(path.name + ".png")
    with captioned(figure, caption, foreground):
        figure.savefig(
            path, format=fmt, facecolor=background, dpi=150,
            bbox_inches="tight" if caption else None, pad_inches=0.25,
            metadata=caption.metadata(fmt) if caption else None,
        )
    return path


def ask_export_path(parent: QWidget, in_text: str, fmt: str) -> Path | None:
    """Where to write the chart named ``in_text`` as ``fmt``, ending in ``.fmt``; None:
    cancelled."""
    suggested = str(Path.home() / f"Groundwork {in_text}.{fmt}")
    target, _filter = QFileDialog.getSaveFileName(
        parent, _("Export the {chart} chart").format(chart=in_text), suggested,
        _(EXPORT_FORMATS[fmt]),
    )
    if not target:
        return None
    path = Path(target)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    return path


class ExportOptionsDialog(QDialog):
    """Before the file dialog: what the picture will say, and whether to add the name."""

    def __init__(
        self, chart_name: str, caption: ExportCaption, profile: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chartExportOptions")
        # ``chart_name`` is the chart's name as it reads inside a sentence ("wheel").
        self.setWindowTitle(_("Export the {chart} chart").format(chart=chart_name))
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(_("The picture will carry this title and period:")))
        self.summary = QLabel(f"<b>{_escape(caption.title)}</b><br>{_escape(caption.period)}")
        self.summary.setObjectName("exportSummary")
        self.summary.setAccessibleName(f"{caption.title}, {caption.period}")
        layout.addWidget(self.summary)
        self.include_name = QCheckBox(
            _("Add my profile name (“{profile}”) to the picture").format(profile=profile)
            if profile else _("Add my profile name to the picture")
        )
        self.include_name.setObjectName("includeProfileName")
        self.include_name.setAccessibleName(_("Add my profile name to the picture"))
        self.include_name.setChecked(False)
        self.include_name.setEnabled(bool(profile))
        layout.addWidget(self.include_name)
        layout.addWidget(paragraph(_(
            "Leave it off if the picture may be seen by someone who should not know whose "
            "it is."
        )))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("&Choose where to save…"))
        save.setObjectName("exportContinue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._caption = caption
        self._profile = profile

    def caption(self) -> ExportCaption:
        """The caption as chosen: with the name only when the box is ticked."""
        name = self._profile if self.include_name.isChecked() else None
        return ExportCaption(self._caption.title, self._caption.period, name)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
