"""The report's words: a list of blocks (a bit of HTML, or a chart) the pages lay out.

Warm and plain: what happened, in the person's own words, with no verdicts. Each chart is
followed by a table of its numbers. A part not chosen is never mentioned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape

from desktop_app.domain.return_time import ReturnTime, back_words, typical_sentence
from desktop_app.services.report import PARTS, Report
from desktop_app.services.report_parts import Gaps, PracticeLine, Trend
from desktop_app.ui.charts.format import number_text, signed_text
from desktop_app.ui.dates import short_date

ROWS_PER_BLOCK = 12  # a long table is cut in pieces that each fit on a page, header repeated
TABLE = '<table cellspacing="0" cellpadding="4" width="100%" border="0.5">'


@dataclass(frozen=True)
class Block:
    """A piece of the report that is never split across two pages."""

    html: str = ""
    svg: bytes | None = None
    keep_with_next: bool = False


def _p(text: str, cls: str = "") -> str:
    style = ' style="color:#555555"' if cls == "quiet" else ""
    return f"<p{style}>{escape(text)}</p>"


def _duration(took: ReturnTime | None) -> str:
    if took is None:
        return "still finding the way back"
    return f"back {back_words(took)}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[Block]:
    head = "<tr>" + "".join(f'<th align="left" bgcolor="#eeeeee">{escape(h)}</th>'
                            for h in headers) + "</tr>"
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
            for row in rows[start:start + ROWS_PER_BLOCK]
        )
        yield Block(f"{TABLE}{head}{body}</table>")


def _heading(key: str, intro: str) -> Block:
    return Block(f"<h2>{escape(PARTS[key])}</h2>{_p(intro, 'quiet')}", keep_with_next=True)


def _wins(report: Report) -> Iterator[Block]:
    wins = report.wins or []
    yield _heading("wins", "Things that went well, in my own words.")
    if not wins:
        yield Block(_p("No wins written down in these days."))
    for win in wins:
        about = f" · {win.area}" if win.area else ""
        yield Block(f"<p><b>{escape(short_date(win.day))}</b>{escape(about)}<br/>"
                    f"{escape(win.text)}</p>")


def _slips(report: Report) -> Iterator[Block]:
    slips = report.slips or []
    yield _heading("slips", "Slipping back is part of the work; getting back on track is the "
                   "muscle being built.")
    if not slips:
        yield Block(_p("No slips logged in these days."))
    for slip in slips:
        parts = [f"<b>{escape(short_date(slip.day))}</b> · {escape(_duration(slip.took))}"]
        if slip.area:
            parts[0] += f" · {escape(slip.area)}"
        parts.append(f"Old pattern: {escape(slip.old_pattern)}")
        if slip.trigger:
            parts.append(f"What set it off: {escape(slip.trigger)}")
        if slip.what_helped:
            parts.append(f"What helped: {escape(slip.what_helped)}")
        yield Block("<p>" + "<br/>".join(parts) + "</p>")
    returned = [s.took for s in slips if s.took is not None]
    typical = typical_sentence(returned)
    if typical is not None:
        yield Block(_p(f"Back on track after {len(returned)} of {len(slips)} slips. {typical}"))


def _practice_row(line: PracticeLine) -> list[str]:
    rate = "—" if line.rate is None else f"{round(100 * line.rate)}%"
    pauses = "; ".join(
        f"{short_date(p.start)} to {short_date(p.end) if p.end else 'ongoing'}"
        + (f" ({p.reason})" if p.reason else "") for p in line.pauses
    )
    return [line.area, line.what, str(line.days_done), str(line.days_missed),
            str(line.days_paused), rate, pauses or "none"]


def _practice(report: Report) -> Iterator[Block]:
    lines = report.practice or []
    yield _heading("practice", "Days a practice was done and days it was due but not done. "
                   "Paused days (a holiday, an illness) are set aside on purpose and never count "
                   "as missed.")
    if not lines:
        yield Block(_p("No focus practices ran in these days."))
        return
    yield from _table(["Area", "Practice", "Done", "Not done", "Paused", "Done of due",
                       "Pauses"], [_practice_row(line) for line in lines])


def _mean(value: float | None) -> str:
    return "—" if value is None else number_text(round(value, 1))


def _trend_words(trend: Trend) -> str:
    words = [f"{trend.checkins} check-in{'s' if trend.checkins != 1 else ''} in these days."]
    if trend.grounded_first is not None and trend.grounded_last is not None:
        words.append(f"Feeling grounded (1 to 5) averaged {_mean(trend.grounded_first)} in the "
                     f"first half and {_mean(trend.grounded_last)} in the second.")
    if trend.distress_first is not None and trend.distress_last is not None:
        words.append(f"Distress (0 to 10) averaged {_mean(trend.distress_first)}, then "
                     f"{_mean(trend.distress_last)}.")
    return " ".join(words)


def _checkins(report: Report, svg: Callable[[Trend], bytes] | None) -> Iterator[Block]:
    trend = report.checkins
    assert trend is not None
    per = {"day": "day", "week": "week (from its Monday)", "month": "month"}[trend.step]
    yield _heading("checkins", f"How grounded I felt and how much distress I carried, per {per}.")
    if not trend.points:
        yield Block(_p("No check-ins in these days."))
        return
    yield Block(_p(_trend_words(trend)))
    if svg is not None:
        yield Block(svg=svg(trend))
    label = {"day": "Day", "week": "Week of", "month": "Month of"}[trend.step]
    yield Block(_p("The numbers in the chart:", "quiet"), keep_with_next=True)
    yield from _table([label, "Grounded (1–5)", "Distress (0–10)", "Check-ins"], [
        [short_date(p.day), _mean(p.grounded), _mean(p.distress), str(p.count)]
        for p in trend.points
    ])


def _scores(report: Report) -> Iterator[Block]:
    lines = report.scores or []
    yield _heading("scores", "Scores of the assessments taken in these days, with the change "
                   "since the one before. A change large enough to be worth a look is marked ◆.")
    if not lines:
        yield Block(_p("No assessments taken in these days."))
        return
    yield from _table(["Day", "Assessment", "Score", "Value", "Band", "Change"], [
        [short_date(s.day), s.template, s.scale, number_text(round(s.value, 2)), s.band or "",
         "" if s.change is None else signed_text(round(s.change, 2)) + (" ◆" if s.meaningful
                                                                         else "")]
        for s in lines
    ])


def _pair(value: tuple[int, int] | None) -> list[str]:
    if value is None:
        return ["", "", ""]
    return [str(value[0]), str(value[1]), str(value[1] - value[0])]


def _gaps(report: Report, svg: Callable[[Gaps], bytes] | None) -> Iterator[Block]:
    gaps = report.gaps
    assert gaps is not None
    yield _heading("gaps", "Where I am and where I want to be, per life area; the distance "
                   "between them is where the work is, not a failing.")
    if not gaps.lines:
        yield Block(_p("No life-areas assessment yet."))
        return
    then = f"then ({short_date(gaps.then_day)})" if gaps.then_day else "then"
    now = f"now ({short_date(gaps.now_day)})" if gaps.now_day else "now"
    if gaps.then_day is None:
        yield Block(_p("Only one life-areas result so far: no earlier one to compare with."))
    if svg is not None:
        yield Block(svg=svg(gaps))
    yield Block(_p("The numbers in the chart:", "quiet"), keep_with_next=True)
    yield from _table(
        ["Area", f"Where I was {then}", "Ideal", "Distance", f"Where I am {now}", "Ideal",
         "Distance"],
        [[g.area, *_pair(g.then), *_pair(g.now)] for g in gaps.lines],
    )


def _focus(report: Report) -> Iterator[Block]:
    lines = report.focus or []
    yield _heading("focus", "What I chose to work on, and how.")
    if not lines:
        yield Block(_p("No focus chosen in these days."))
    for line in lines:
        span = f"since {short_date(line.since)}" + (
            f", until {short_date(line.ended)}" if line.ended else "")
        practices = "".join(f"<li>{escape(p)}</li>" for p in line.practices)
        yield Block(f"<p><b>{escape(line.area)}</b> ({escape(span)})<br/>"
                    f"Intention: {escape(line.intention)}</p><ul>{practices}</ul>")


def _topics(report: Report) -> Iterator[Block]:
    lines = report.topics or []
    yield _heading("topics", "What I want to talk about.")
    if not lines:
        yield Block(_p("Nothing written down this time."))
    for line in lines:
        mark = "☐" if line.done_on is None else "☑"
        done = "" if line.done_on is None else f" (talked about {short_date(line.done_on)})"
        yield Block(f"<p>{mark} {escape(line.text)}<br/><span style='color:#555555'>"
                    f"{escape(short_date(line.day))}{escape(done)}</span></p>")


def title_block(report: Report) -> Block:
    period = report.period
    span = f"{short_date(period.start)} to {short_date(period.end)}"
    since = "Since my last session" if report.since_last else "For my next session"
    return Block(
        f"<h1>{escape(since)}</h1>"
        f"<p><b>{escape(report.profile_name)}</b> · {escape(span)}</p>"
        + _p(f"Made with Groundwork on {short_date(report.made_on)}. I chose what is in it. "
             "It is my own record, not a diagnosis.", "quiet")
    )


def blocks(report: Report, trend_svg: Callable[[Trend], bytes] | None = None,
           gaps_svg: Callable[[Gaps], bytes] | None = None) -> list[Block]:
    """The whole report, in order; without the chart functions, the numbers alone."""
    found = [title_block(report)]
    makers: dict[str, Callable[[], Iterator[Block]]] = {
        "wins": lambda: _wins(report),
        "slips": lambda: _slips(report),
        "practice": lambda: _practice(report),
        "checkins": lambda: _checkins(report, trend_svg),
        "scores": lambda: _scores(report),
        "gaps": lambda: _gaps(report, gaps_svg),
        "focus": lambda: _focus(report),
        "topics": lambda: _topics(report),
    }
    for key in report.chosen:
        found.extend(makers[key]())
    return found

