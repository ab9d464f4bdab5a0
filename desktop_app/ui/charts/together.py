"""Progress ▸ Together: both partners' now and ideal per area on one chart, with a table, and
below it what the two views say together (alike, different, a shared focus, prompts, movement).

Each person is a colour AND a marker shape (circle for me, square for the partner); now is a
filled marker, ideal an open one, joined by a line: nothing depends on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.lines import Line2D
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _, pgettext
from desktop_app.services.together import Partner, TogetherData
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.charts.together_talk import TalkPanel
from desktop_app.ui.dates import short_date

OFFSET = 0.17  # my row a little above the area's line, the partner's a little below


class TogetherChart(ChartView):
    """Two views side by side; never a single score and never a winner."""

    partner_changed = Signal(object)  # the chosen partner's key
    remove_requested = Signal(object)  # the partner whose views to remove
    receive_requested = Signal()
    focus_requested = Signal(str)  # an area both see as a large gap

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Together"), parent,
                         in_text=pgettext("chart name in a sentence", "together"))
        self.figure.set_size_inches(7, 4.2)
        self.data: TogetherData | None = None
        self.partner_box = QComboBox()
        self.partner_box.setObjectName("togetherPartner")
        self.partner_box.setAccessibleName(_("Whose view to show beside yours"))
        self.partner_box.activated.connect(self._partner_picked)
        self.controls.addWidget(self.partner_box)
        self.receive_button = QPushButton(_("&Receive a view…"))
        self.receive_button.setObjectName("togetherReceive")
        self.receive_button.setToolTip(_("Take in a share file your partner gave you"))
        self.receive_button.clicked.connect(self.receive_requested)
        self.controls.addWidget(self.receive_button)
        self.remove_button = QPushButton(_("Re&move this view…"))
        self.remove_button.setObjectName("togetherRemove")
        self.remove_button.clicked.connect(self._remove_clicked)
        self.controls.addWidget(self.remove_button)
        self.talk = TalkPanel()
        self.talk.focus_requested.connect(self.focus_requested)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretchFactor(self.stack, 3)
        layout.addWidget(self.talk, 2)
        self._partners: list[Partner] = []

    def export_title(self) -> str:
        return _("Our two views side by side")

    # --- data ---------------------------------------------------------------------------
    def set_partners(self, partners: Sequence[Partner], current: Partner | None) -> None:
        self._partners = list(partners)
        self.partner_box.clear()
        for partner in self._partners:
            self.partner_box.addItem(_("{name}'s view of “{title}”").format(
                name=partner.name, title=partner.template.title))
        if current is not None and current in self._partners:
            self.partner_box.setCurrentIndex(self._partners.index(current))
        self.partner_box.setVisible(len(self._partners) > 1)
        self.remove_button.setVisible(current is not None)

    def set_data(self, data: TogetherData) -> None:
        self.data = data
        self.talk.show_data(data)
        if data.together is None:
            self.talk.setVisible(False)
            return
        self.talk.setVisible(True)
        self.redraw()

    def show_empty(
        self, message: str, action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        super().show_empty(message, action)
        self.talk.setVisible(False)

    def _partner_picked(self, index: int) -> None:
        if 0 <= index < len(self._partners):
            self.partner_changed.emit(self._partners[index].key)

    def _remove_clicked(self) -> None:
        if self.data is not None:
            self.remove_requested.emit(self.data.partner)

    # --- the chart ----------------------------------------------------------------------
    def draw_chart(self) -> None:
        data = self.data
        assert data is not None and data.together is not None
        together, theme = data.together, self.theme
        mine_colour, theirs_colour = theme.series[0], theme.series[1]
        axes = self.figure.add_subplot()
        self.figure.subplots_adjust(left=0.3, right=0.97, top=0.88, bottom=0.2)
        self.style_axes(axes)
        axes.grid(True, axis="x", color=theme.grid, linewidth=0.6)
        axes.grid(False, axis="y")
        template = data.partner.template
        low = min((q.min for q in template.questions if q.type == "gap" and q.min is not None),
                  default=0)
        high = max((q.max for q in template.questions if q.type == "gap" and q.max is not None),
                   default=10)
        rows = list(together.areas)
        xs: list[float] = []
        ys: list[float] = []
        labels: list[str] = []
        name = together.partner
        for y, area in enumerate(rows):
            for who, now, ideal, dy, colour, marker in (
                (_("Me"), area.mine_now, area.mine_ideal, -OFFSET, mine_colour, "o"),
                (name, area.theirs_now, area.theirs_ideal, OFFSET, theirs_colour, "s"),
            ):
                if now is None or ideal is None:
                    continue
                axes.plot([now, ideal], [y + dy, y + dy], color=colour, linewidth=2,
                          solid_capstyle="round", zorder=2)
                axes.plot([now], [y + dy], marker=marker, markersize=8, color=colour,
                          linestyle="none", zorder=3)
                axes.plot([ideal], [y + dy], marker=marker, markersize=8, linestyle="none",
                          markerfacecolor=theme.background, markeredgecolor=colour,
                          markeredgewidth=2, zorder=3)
                text = _("{who}, {area}: now {now}, ideal {ideal}").format(
                    who=who, area=area.title, now=now, ideal=ideal)
                xs += [now, ideal]
                ys += [y + dy, y + dy]
                labels += [text, text]
        fixed_ticks(axes.yaxis, list(range(len(rows))), [a.title for a in rows])
        axes.set_ylim(len(rows) - 0.5, -0.5)
        axes.set_xlim(low - 0.5, high + 0.5)
        axes.set_xlabel(_("Now (filled) and ideal (open), from {low} to {high}").format(
            low=low, high=high))
        self.add_targets(axes, xs, ys, labels)
        handles = [
            Line2D([], [], color=mine_colour, marker="o", linewidth=2, label=_("Me")),
            Line2D([], [], color=theirs_colour, marker="s", linewidth=2, label=name),
        ]
        legend = axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0),
                             ncols=2, frameon=False, fontsize=9)
        for text_artist in legend.get_texts():
            text_artist.set_color(theme.foreground)
        self.caption.setText(_(
            "Your newest “{title}” ({mine}) beside {name}'s ({theirs}). Each of you answered "
            "alone, from your own side: a difference is something to be curious about "
            "together, not a score.").format(
                title=template.title, mine=short_date(together.mine_at.date()), name=name,
                theirs=short_date(together.theirs_at.date())))

    def table_caption(self) -> str:
        name = self.data.partner.name if self.data is not None else ""
        return _("One row per area: where you see it now and ideally, and where {name} "
                 "does.").format(name=name)

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None and data.together is not None
        name = data.partner.name
        headers = [_("Area"), _("My now"), _("My ideal"),
                   _("{name}'s now").format(name=name), _("{name}'s ideal").format(name=name)]

        def cell(value: int | None) -> str:
            return "" if value is None else str(value)

        rows = [TableRow((a.title, cell(a.mine_now), cell(a.mine_ideal), cell(a.theirs_now),
                          cell(a.theirs_ideal))) for a in data.together.areas]
        return headers, rows
