"""The wheel: a radar of now and ideal per life area, with an earlier result overlaid."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.patheffects import withStroke
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.transforms import offset_copy
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop_app.domain.progress import AreaValue, Snapshot, WheelData
from desktop_app.i18n import _, pgettext
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.figure_parts import in_draw_order
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date


class WheelChart(ChartView):
    """Now (solid, filled) and ideal (dashed) for the latest result; earlier one dotted."""

    compare_changed = Signal(object)  # the earlier result's id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Wheel"), parent,
                         in_text=pgettext("chart name in a sentence", "wheel"))
        label = QLabel(_("Compa&re with:"))
        self.compare = QComboBox()
        self.compare.setObjectName("wheelCompare")
        self.compare.setAccessibleName(_("Compare with an earlier result"))
        self.compare.setMinimumContentsLength(16)
        label.setBuddy(self.compare)
        self.controls.addWidget(label)
        self.controls.addWidget(self.compare)
        self.compare.currentIndexChanged.connect(self._compare_picked)
        self.data: WheelData | None = None
        self.lines: dict[str, Line2D] = {}
        self.shape: Polygon | None = None
        self.area_labels: list[Text] = []
        self.ring_labels: list[Text] = []
        self._built: tuple[object, ...] = ()

    def export_title(self) -> str:
        return _("Wheel: where I am and where I want to be")

    def table_caption(self) -> str:
        if self.data and self.data.earlier:
            return _("One row per life area: where you are now, your ideal and the distance "
                     "between them and the earlier result's now and ideal. Enter on a row "
                     "opens the result.")
        return _("One row per life area: where you are now, your ideal and the distance "
                 "between them. Enter on a row opens the result.")

    def set_data(self, data: WheelData) -> None:
        self.canvas.settle(build=False)  # a build on the render thread reads the data
        self.data = data
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(pgettext("compare with", "Nothing"), None)
        for snap in data.choices:
            self.compare.addItem(short_date(snap.day), snap.result_id)
        if data.earlier is not None:
            self.compare.setCurrentIndex(self.compare.findData(data.earlier.result_id))
        self.compare.setEnabled(bool(data.choices))
        self.compare.blockSignals(False)
        self.redraw()

    def _compare_picked(self, _index: int) -> None:
        self.compare_changed.emit(self.compare.currentData())

    def _values(self, snap: Snapshot, part: str) -> list[float]:
        assert self.data is not None
        values = []
        for area in self.data.areas:
            value = snap.value_of(area)
            values.append(float("nan") if value is None else float(getattr(value, part)))
        return values

    def _series(self) -> list[tuple[str, Snapshot, str]]:
        """(key, result, part) of each outline: now, ideal, and the earlier result if any."""
        data = self.data
        assert data is not None and data.latest is not None
        series = [("now", data.latest, "current"), ("ideal", data.latest, "ideal")]
        if data.earlier is not None:
            series.append(("earlier", data.earlier, "current"))
        return series

    def _layout(self) -> tuple[object, ...]:
        assert self.data is not None
        return (self.theme, self.data.titles, tuple(key for key, _s, _p in self._series()))

    def overlay_artists(self) -> Sequence[Artist]:
        # The ring numbers too: drawn after the outlines, on their halo, they stay readable
        # where an outline crosses them.
        data_artists: list[Artist] = [*self.lines.values(), *self.ring_labels]
        if self.shape is not None:
            data_artists.append(self.shape)
        return in_draw_order(self.figure.axes[:1], data_artists)

    def background_key(self) -> object | None:
        # The legend names the results' dates; the radius follows the largest value.
        if not self.figure.axes:
            return None
        axes = self.figure.axes[0]
        legend = axes.get_legend()
        texts = tuple(t.get_text() for t in legend.get_texts()) if legend else ()
        return (axes.get_ylim(), texts)

    def update_chart(self) -> bool:
        # Same areas, same outlines, same colours: give the artists new numbers.
        if not self.figure.axes or self._built != self._layout():
            return False
        self._fill(self.figure.axes[0])
        return True

    def draw_chart(self) -> None:
        data = self.data
        assert data is not None
        theme = self.theme
        axes: PolarAxes = self.figure.add_subplot(projection="polar")  # type: ignore[assignment]
        self.figure.subplots_adjust(left=0.08, right=0.92, top=0.85, bottom=0.2)
        self.style_axes(axes)
        angles = np.linspace(0, 2 * np.pi, len(data.areas), endpoint=False)
        axes.set_theta_offset(np.pi / 2)
        axes.set_theta_direction(-1)
        styles = {
            "now": (theme.now, "-", "o", 2.2),
            "ideal": (theme.ideal, "--", "s", 1.8),
            "earlier": (theme.earlier, ":", "D", 1.8),
        }
        self.lines = {}
        for key, _snap, _part in self._series():
            color, style, marker, width = styles[key]
            (self.lines[key],) = axes.plot(
                [], [], color=color, linestyle=style, marker=marker, linewidth=width,
                markersize=5, label=key,
            )
        (self.shape,) = axes.fill([0.0], [0.0], color=theme.now, alpha=0.15)
        # The rings stay; their numbers are placed clear of them (see _ring_labels).
        fixed_ticks(axes.yaxis, RINGS, [""] * len(RINGS))
        self.ring_labels = _ring_labels(axes, self.figure, len(data.areas), theme.muted,
                                        theme.background)
        # The spokes stay; the names go outside the rim (see _area_labels).
        fixed_ticks(axes.xaxis, angles.tolist(), [""] * len(data.areas))
        self.area_labels = _area_labels(axes, angles, data.titles, theme.foreground)
        # Under the whole wheel, in figure space, so the lowest names keep their room.
        legend = axes.legend(
            loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=len(self.lines),
            bbox_transform=self.figure.transFigure, frameon=False, fontsize=9,
        )
        for text in legend.get_texts():
            text.set_color(theme.foreground)
        self._built = self._layout()
        self._fill(axes)

    # Built out of view on the render thread (see ``ChartView.deferred_build``): the figure
    # in ``draw_chart``, the caption here.
    deferred_build = True
    # In view too: it is the tab Progress opens on, and its build was the window's largest
    # stall then (25-35 ms at 20 years on a loaded machine).
    deferred_in_view = True

    def after_build(self) -> None:
        self.caption.setText(_(
            "Further out is closer to how you want things to be. The shaded shape is where "
            "you are now; the dashed line is your ideal."
        ))

    def _fill(self, axes: Axes) -> None:
        data = self.data
        assert data is not None
        count = len(data.areas)
        angles = np.linspace(0, 2 * np.pi, count, endpoint=False)
        closed = np.append(angles, angles[:1])
        top = 10.0
        legend = axes.get_legend()
        for index, (key, snap, part) in enumerate(self._series()):
            values = self._values(snap, part)
            top = max(top, *[v for v in values if v == v])
            outline = [*values, values[0]]
            self.lines[key].set_data(closed, outline)
            if key == "now" and self.shape is not None:
                self.shape.set_xy(np.column_stack([closed, outline]))
            label = {"now": _("Now ({date})").format(date=short_date(snap.day)),
                     "ideal": pgettext("chart", "Ideal"),
                     "earlier": _("Now on {date}").format(date=short_date(snap.day))}[key]
            self.lines[key].set_label(label)
            if legend is not None:
                legend.get_texts()[index].set_text(label)
            word = pgettext("chart", "ideal") if part == "ideal" else pgettext("chart", "now")
            self.add_targets(
                axes, angles, values,
                [f"{title}: {word} {v:g} ({short_date(snap.day)})" if v == v else title
                 for title, v in zip(data.titles, values, strict=True)],
                [snap.result_id] * count,
            )
        axes.set_ylim(0, top)

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None and data.latest is not None
        headers = [_("Area"), _("Now ({date})").format(date=short_date(data.latest.day)),
                   pgettext("chart", "Ideal"), _("Distance to ideal")]
        if data.earlier is not None:
            earlier = short_date(data.earlier.day)
            headers += [_("Now on {date}").format(date=earlier),
                        _("Ideal on {date}").format(date=earlier)]
        rows = []
        for area, title in zip(data.areas, data.titles, strict=True):
            value = data.latest.value_of(area)
            cells = [title, *(_cells(value) if value else ("", "", ""))]
            if data.earlier is not None:
                before = data.earlier.value_of(area)
                cells += [str(before.current), str(before.ideal)] if before else ["", ""]
            rows.append(TableRow(tuple(cells), data.latest.result_id))
        return headers, rows


def _cells(value: AreaValue) -> tuple[str, str, str]:
    return str(value.current), str(value.ideal), str(value.gap)


LABEL_GAP = 0.07  # of the wheel's radius, between the rim and an area's name
RINGS = (2, 4, 6, 8, 10)
RING_LABEL_INSET = 8.0  # points, from a ring to the centre of its number


def _ring_labels(axes: Axes, figure: Figure, count: int, color: str, background: str
                 ) -> list[Text]:
    """Each ring's number just inside its ring, halfway between the first and last spokes.

    Tick labels sit centred on their ring, so the circle ran through them; moved toward
    the centre by a little more than half their size, they clear it, and the markers,
    which sit on the spokes. A halo of the background keeps them readable over an outline.
    """
    angle = -np.pi / count  # clockwise from the top, as drawn: up and to the left
    inward = offset_copy(axes.transData, fig=figure, units="points",
                         x=RING_LABEL_INSET * float(np.sin(np.pi / count)),
                         y=-RING_LABEL_INSET * float(np.cos(np.pi / count)))
    halo = [withStroke(linewidth=3, foreground=background)]
    return [axes.text(angle, ring, f"{ring}", transform=inward, ha="center", va="center",
                      fontsize=8, color=color, clip_on=False, path_effects=halo, zorder=3)
            for ring in RINGS]


def _area_labels(axes: Axes, angles: np.ndarray, titles: Sequence[str], color: str) -> list[Text]:
    """Each area's name just outside the rim, aligned away from the wheel.

    Tick labels sit centred on their angle, so long names ran under the rings and the
    markers; anchored at the side that faces the wheel, a name never reaches back over it.
    """
    labels = []
    for angle, title in zip(angles, titles, strict=True):
        # Clockwise from the top (see set_theta_offset and set_theta_direction).
        across, up = float(np.sin(angle)), float(np.cos(angle))
        reach = 0.5 * (1 + LABEL_GAP)
        ha = "left" if across > 0.15 else "right" if across < -0.15 else "center"
        va = "bottom" if up > 0.15 else "top" if up < -0.15 else "center"
        labels.append(axes.text(
            0.5 + reach * across, 0.5 + reach * up, textwrap.fill(title, 14),
            transform=axes.transAxes, ha=ha, va=va, fontsize=9, color=color,
            multialignment="center", clip_on=False,
        ))
    return labels
