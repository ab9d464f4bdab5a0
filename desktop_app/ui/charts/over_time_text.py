"""The over-time chart's words: its caption, its table, the labels of its points and the
choices of its Part box (split from ``over_time``, which draws)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox

from desktop_app.domain.progress_time import (
    AreaSeries,
    JournalMark,
    OverTimeData,
    ScaleSeries,
    TimePoint,
)
from desktop_app.i18n import N_, _, pgettext
from desktop_app.ui.charts.format import number_text, signed_text
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date

JOURNAL_WORDS = {"win": N_("Win"), "return": N_("Back on track"), "slip": N_("Slip")}


def fill_parts(part: QComboBox, data: OverTimeData) -> None:
    """Offer the areas and scores of ``data`` in the Part box, keeping the one chosen."""
    previous = part.currentData()
    part.blockSignals(True)
    part.clear()
    if any(a.current for a in data.areas):
        part.addItem(_("All areas"), "areas")
        for area in data.areas:
            part.addItem(area.title, f"area:{area.area}")
    scored = [s for s in data.scales if s.points]
    answers = [s for s in scored if s.scale_id.startswith("question.")]
    # "All" leads when there are several scores; a check-in opens on its one score.
    every = _("All scores") if not answers else _("All scores and answers")
    lead = len(scored) - len(answers) > 1
    if lead:
        part.addItem(every, "scales")
    for scale in scored:
        text = (_("Answer: {title}") if scale in answers else _("Score: {title}")).format(
            title=scale.title)
        part.addItem(text, f"scale:{scale.scale_id}")
    if len(scored) > 1 and not lead:
        part.addItem(every, "scales")
    index = part.findData(previous) if previous is not None else -1
    part.setCurrentIndex(max(index, 0))
    part.setEnabled(part.count() > 1)
    part.blockSignals(False)


def caption(areas: list[AreaSeries], scales: list[ScaleSeries], focus: bool) -> str:
    """What the chart shows, in words, for the areas or scales chosen."""
    if len(areas) > 1:
        if focus:
            return _("One small chart per area, all on the same scales: the solid line "
                     "with dots is where you were, the dashed line with squares where you "
                     "wanted to be. Areas in your current focus come first, starred and "
                     "framed. Click a point to open that result.")
        return _("One small chart per area, all on the same scales: the solid line with "
                 "dots is where you were, the dashed line with squares where you wanted to "
                 "be. Click a point to open that result.")
    if areas:
        return _("The solid line is where you were, the dashed line where you wanted to "
                 "be. Click a point to open that result.")
    text = _("Shaded bands are the score's ranges.") if any(s.bands for s in scales) else ""
    if any(s.marks for s in scales):
        text += " " + _("A ring marks a change large enough to be meaningful.")
    if any(s.trend for s in scales):
        text += " " + _("Each dot is one check-in; the line is the average of the last "
                        "seven check-ins.")
    return text.strip() or _("Each dot is one check-in or result.")


def table(
    data: OverTimeData, areas: list[AreaSeries], scales: list[ScaleSeries]
) -> tuple[Sequence[str], Sequence[TableRow]]:
    """Every point of the chosen areas or scales, and the journal's marks, by date."""
    found: list[tuple[float, TableRow]] = []
    for area in areas:
        for now, ideal in zip(area.current, area.ideal, strict=True):
            cells = (short_date(now.day), area.title, number_text(now.value),
                     number_text(ideal.value), "")
            found.append((now.when.timestamp(), TableRow(cells, now.result_id)))
    for scale in scales:
        marks = {id(m.point): m for m in scale.marks}
        trend = {id(p): t for p, t in zip(scale.points, scale.trend, strict=False)}
        for point in scale.points:
            note = band(scale, point.value).strip(" ()")
            if id(point) in trend:
                note = _("7-check-in average {value}").format(
                    value=number_text(trend[id(point)].value))
            mark = marks.get(id(point))
            if mark is not None:
                note += "; " + _("meaningful change {change}").format(
                    change=signed_text(mark.change))
            cells = (short_date(point.day), scale.title, number_text(point.value), "",
                     note.strip("; "))
            found.append((point.when.timestamp(), TableRow(cells, point.result_id)))
    for event in data.marks:
        cells = (short_date(event.day), _(JOURNAL_WORDS[event.kind]), "", "", event.text)
        found.append((event.when.timestamp(), TableRow(cells)))
    found.sort(key=lambda pair: pair[0])
    headers = [_("Date"), _("What"), _("Value"), pgettext("chart", "Ideal"), _("Note")]
    return headers, [row for _t, row in found]


def point_label(
    points: Sequence[TimePoint], what: str, scale: ScaleSeries | None
) -> Callable[[int], str]:
    def label(index: int) -> str:
        point = points[index]
        named = band(scale, point.value) if scale is not None else ""
        return f"{short_date(point.day)}\n{what} {number_text(point.value)}{named}"

    return label


def journal_label(marks: Sequence[JournalMark]) -> Callable[[int], str]:
    def label(index: int) -> str:
        mark = marks[index]
        return f"{short_date(mark.day)}\n{_(JOURNAL_WORDS[mark.kind])}: {mark.text}"

    return label


def band(scale: ScaleSeries, value: float) -> str:
    """" (its band's name)" of a score, or nothing."""
    found = next((b for b in scale.bands if value <= b.high), None)
    return f" ({found.label})" if found else ""
