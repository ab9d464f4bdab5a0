"""The report's words: a list of blocks (a bit of HTML, or a chart) the pages lay out.

Warm and plain: what happened, in the person's own words, with no verdicts. Each chart is
followed by a table of its numbers. A part not chosen is never mentioned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape

from desktop_app.domain.return_time import ReturnTime, back_words, typical_sentence
from desktop_app.domain.together import Together, alike_text, differ_text
from desktop_app.i18n import _, ngettext, pgettext
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
        return _("still finding the way back")
    return _("back {time}").format(time=back_words(took))


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
    return Block(f"<h2>{escape(_(PARTS[key]))}</h2>{_p(intro, 'quiet')}", keep_with_next=True)


def _wins(report: Report) -> Iterator[Block]:
    wins = report.wins or []
    yield _heading("wins", _("Things that went well, in my own words."))
    if not wins:
        yield Block(_p(_("No wins written down in these days.")))
    for win in wins:
        about = f" · {win.area}" if win.area else ""
        yield Block(f"<p><b>{escape(short_date(win.day))}</b>{escape(about)}<br/>"
                    f"{escape(win.text)}</p>")


def _slips(report: Report) -> Iterator[Block]:
    slips = report.slips or []
    yield _heading("slips", _("Slipping back is part of the work; getting back on track is "
                              "the muscle being built."))
    if not slips:
        yield Block(_p(_("No slips logged in these days.")))
    for slip in slips:
        parts = [f"<b>{escape(short_date(slip.day))}</b> · {escape(_duration(slip.took))}"]
        if slip.area:
            parts[0] += f" · {escape(slip.area)}"
        parts.append(escape(_("Old pattern: {text}").format(text=slip.old_pattern)))
        if slip.trigger:
            parts.append(escape(_("What set it off: {text}").format(text=slip.trigger)))
        if slip.what_helped:
            parts.append(escape(_("What helped: {text}").format(text=slip.what_helped)))
        yield Block("<p>" + "<br/>".join(parts) + "</p>")
    returned = [s.took for s in slips if s.took is not None]
    typical = typical_sentence(returned)
    if typical is not None:
        yield Block(_p(ngettext("Back on track after {n} of {total} slip. {typical}",
                                "Back on track after {n} of {total} slips. {typical}",
                                len(slips)).format(n=len(returned), total=len(slips),
                                                   typical=typical)))


def _practice_row(line: PracticeLine) -> list[str]:
    rate = "—" if line.rate is None else f"{round(100 * line.rate)}%"
    pauses = "; ".join(
        _("{start} to {end}").format(start=short_date(p.start),
                                     end=short_date(p.end) if p.end else _("ongoing"))
        + (f" ({p.reason})" if p.reason else "") for p in line.pauses
    )
    return [line.area, line.what, str(line.days_done), str(line.days_missed),
            str(line.days_paused), rate, pauses or _("none")]


def _practice(report: Report) -> Iterator[Block]:
    lines = report.practice or []
    yield _heading("practice", _("Days a practice was done and days it was due but not done. "
                                 "Paused days (a holiday, an illness) are set aside on purpose "
                                 "and never count as missed."))
    if not lines:
        yield Block(_p(_("No focus practices ran in these days.")))
        return
    # Translators: column headers of the report's table of practices.
    yield from _table([_("Area"), _("Practice"), pgettext("report table", "Done"), _("Not done"),
                       _("Paused"), _("Done of due"), _("Pauses")],
                      [_practice_row(line) for line in lines])


def _mean(value: float | None) -> str:
    return "—" if value is None else number_text(round(value, 1))


def _trend_words(trend: Trend) -> str:
    words = [ngettext("{n} check-in in these days.", "{n} check-ins in these days.",
                      trend.checkins).format(n=trend.checkins)]
    if trend.grounded_first is not None and trend.grounded_last is not None:
        words.append(_("Feeling grounded (1 to 5) averaged {first} in the first half and "
                       "{last} in the second.").format(first=_mean(trend.grounded_first),
                                                        last=_mean(trend.grounded_last)))
    if trend.distress_first is not None and trend.distress_last is not None:
        words.append(_("Distress (0 to 10) averaged {first}, then {last}.").format(
            first=_mean(trend.distress_first), last=_mean(trend.distress_last)))
    return " ".join(words)


def _checkins(report: Report, svg: Callable[[Trend], bytes] | None) -> Iterator[Block]:
    trend = report.checkins
    assert trend is not None
    intro = {
        "day": _("How grounded I felt and how much distress I carried, per day."),
        "week": _("How grounded I felt and how much distress I carried, per week (from its "
                  "Monday)."),
        "month": _("How grounded I felt and how much distress I carried, per month."),
    }[trend.step]
    yield _heading("checkins", intro)
    if not trend.points:
        yield Block(_p(_("No check-ins in these days.")))
        return
    yield Block(_p(_trend_words(trend)))
    if svg is not None:
        yield Block(svg=svg(trend))
    label = {"day": _("Day"), "week": _("Week of"), "month": _("Month of")}[trend.step]
    yield Block(_p(_("The numbers in the chart:"), "quiet"), keep_with_next=True)
    yield from _table([label, _("Grounded (1–5)"), _("Distress (0–10)"), _("Check-ins")], [
        [short_date(p.day), _mean(p.grounded), _mean(p.distress), str(p.count)]
        for p in trend.points
    ])


def _scores(report: Report) -> Iterator[Block]:
    lines = report.scores or []
    yield _heading("scores", _("Scores of the assessments taken in these days, with the change "
                               "since the one before. A change large enough to be worth a look "
                               "is marked ◆."))
    if not lines:
        yield Block(_p(_("No assessments taken in these days.")))
        return
    # Translators: column headers of the report's table of scores.
    yield from _table([_("Day"), _("Assessment"), _("Score"), _("Value"), _("Band"),
                       _("Change")], [
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
    yield _heading("gaps", _("Where I am and where I want to be, per life area; the distance "
                             "between them is where the work is, not a failing."))
    if not gaps.lines:
        yield Block(_p(_("No life-areas assessment yet.")))
        return
    was = (_("Where I was then ({date})").format(date=short_date(gaps.then_day))
           if gaps.then_day else _("Where I was then"))
    am = (_("Where I am now ({date})").format(date=short_date(gaps.now_day))
          if gaps.now_day else _("Where I am now"))
    if gaps.then_day is None:
        yield Block(_p(_("Only one life-areas result so far: no earlier one to compare with.")))
    if svg is not None:
        yield Block(svg=svg(gaps))
    yield Block(_p(_("The numbers in the chart:"), "quiet"), keep_with_next=True)
    yield from _table(
        [_("Area"), was, _("Ideal"), _("Distance"), am, _("Ideal"), _("Distance")],
        [[g.area, *_pair(g.then), *_pair(g.now)] for g in gaps.lines],
    )


def _focus(report: Report) -> Iterator[Block]:
    lines = report.focus or []
    yield _heading("focus", _("What I chose to work on, and how."))
    if not lines:
        yield Block(_p(_("No focus chosen in these days.")))
    for line in lines:
        span = (_("since {start}, until {end}").format(start=short_date(line.since),
                                                      end=short_date(line.ended))
                if line.ended else _("since {start}").format(start=short_date(line.since)))
        practices = "".join(f"<li>{escape(p)}</li>" for p in line.practices)
        intention = _("Intention: {text}").format(text=line.intention)
        yield Block(f"<p><b>{escape(line.area)}</b> ({escape(span)})<br/>"
                    f"{escape(intention)}</p><ul>{practices}</ul>")


def _topics(report: Report) -> Iterator[Block]:
    lines = report.topics or []
    yield _heading("topics", _("What I want to talk about."))
    if not lines:
        yield Block(_p(_("Nothing written down this time.")))
    for line in lines:
        mark = "☐" if line.done_on is None else "☑"
        done = "" if line.done_on is None else " " + _("(talked about {date})").format(
            date=short_date(line.done_on))
        yield Block(f"<p>{mark} {escape(line.text)}<br/><span style='color:#555555'>"
                    f"{escape(short_date(line.day))}{escape(done)}</span></p>")


def _together(report: Report, svg: Callable[[Together], bytes] | None) -> Iterator[Block]:
    views = report.together or []
    yield _heading("together", _("My partner and I each answered alone; they chose to share "
                                 "their view with me. A difference is something to talk about, "
                                 "not a score."))
    if not views:
        yield Block(_p(_("No view shared by a partner to set beside mine in these days.")))
    for together in views:
        name = together.partner
        yield Block(_p(_("My view ({mine}) beside {name}'s ({theirs}).").format(
            mine=short_date(together.mine_at.date()), name=name,
            theirs=short_date(together.theirs_at.date()))), keep_with_next=True)
        if svg is not None:
            yield Block(svg=svg(together))
        yield from _table(
            [_("Area"), _("My now"), _("My ideal"), _("{name}'s now").format(name=name),
             _("{name}'s ideal").format(name=name)],
            [[a.title, *("" if v is None else str(v) for v in (
                a.mine_now, a.mine_ideal, a.theirs_now, a.theirs_ideal))]
             for a in together.areas])
        lines = [alike_text(together), differ_text(together)]
        shared = together.shared_focus()
        if shared:
            lines.append(_("Among both our largest gaps: {areas}.").format(
                areas=", ".join(a.title for a in shared)))
        yield Block("".join(_p(line) for text in lines for line in text.split("\n")))


def title_block(report: Report) -> Block:
    period = report.period
    span = _("{start} to {end}").format(start=short_date(period.start),
                                        end=short_date(period.end))
    since = _("Since my last session") if report.since_last else _("For my next session")
    return Block(
        f"<h1>{escape(since)}</h1>"
        f"<p><b>{escape(report.profile_name)}</b> · {escape(span)}</p>"
        + _p(_("Made with Groundwork on {date}. I chose what is in it. "
               "It is my own record, not a diagnosis.").format(date=short_date(report.made_on)),
             "quiet")
    )


def blocks(report: Report, trend_svg: Callable[[Trend], bytes] | None = None,
           gaps_svg: Callable[[Gaps], bytes] | None = None,
           together_svg: Callable[[Together], bytes] | None = None) -> list[Block]:
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
        "together": lambda: _together(report, together_svg),
    }
    for key in report.chosen:
        found.extend(makers[key]())
    return found

