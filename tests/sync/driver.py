"""One computer using Groundwork: start the app, do some actions through the services, quit.

``python -m tests.sync.driver DATA_DIR PROFILE ACTIONS_JSON`` starts Groundwork as a person
would (``desktop_app.app.prepare``: instance lock, device identity, opening ``--profile``),
runs each action through the services the screens use, quits, and prints one JSON object:

- ``acked``: per record saved, its kind, the tag written into it and the id the app gave it;
- ``seen``: every record the app shows afterwards, as ``kind -> sorted tags``;
- ``notices``: what the app told the person at start (unreadable files, set-aside copies).

Actions (``tag`` is a unique marker written into a text field, so records can be told apart
whatever ids the storage uses): ``{"do": "assessment" | "checkin" | "win" | "slip", "tag": T}``;
a check-in may carry ``"win": T2`` and ``"slip": T3`` logged with it, in one save.

A subprocess per computer keeps each computer's HOME and XDG folders (and so its device id,
lock and window state) its own; the caller sets them in the environment.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop_app.app import Startup, prepare
from desktop_app.cli import parse_options
from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.templates import Template
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session

ASSESSMENT = "life-areas"
ASSESSMENT_TAG = "work_ideal"  # a text question of life-areas
CHECKIN_TAG = "note"  # the text question of the shipped check-in


def answers_for(template: Template, tag: str, text_id: str) -> dict[str, Answer | None]:
    """A valid answer to every question; the tag goes into the text question ``text_id``."""
    answers: dict[str, Answer | None] = {}
    for q in template.questions:
        low, high = q.min if q.min is not None else 0, q.max if q.max is not None else 10
        if q.type == "gap":
            answers[q.id] = GapAnswer(low, high)
        elif q.type == "scale":
            answers[q.id] = low
        elif q.type == "choice":
            answers[q.id] = q.options[0].value
        elif q.type == "multi":
            answers[q.id] = [q.options[0].value]
        elif q.type == "yes_no":
            answers[q.id] = True
        elif q.type == "text":
            answers[q.id] = tag if q.id == text_id else None
    return answers


def run_action(session: Session, action: dict[str, Any]) -> list[dict[str, Any]]:
    """Do one action; what the app acknowledged saving (the check-in's win and slip too)."""
    kind, tag = action["do"], action["tag"]
    journal = JournalService(session)
    if kind == "assessment":
        template = session.templates.get(ASSESSMENT)
        assert template is not None
        started = session.clock() - timedelta(minutes=5)
        result_id, _ = AssessmentService(session).complete(
            template, answers_for(template, tag, ASSESSMENT_TAG), started
        )
        return [{"kind": "assessments", "tag": tag, "id": str(result_id)}]
    if kind == "checkin":
        template = journal.checkin_template()
        assert template is not None
        outcome = journal.complete_checkin(
            template,
            answers_for(template, tag, CHECKIN_TAG),
            slip=SlipDraft(old_pattern=action["slip"]) if "slip" in action else None,
            win=WinDraft(text=action["win"]) if "win" in action else None,
        )
        acks = [{"kind": "checkins", "tag": tag, "id": str(outcome.checkin_id)}]
        if "win" in action:
            acks.append({"kind": "wins", "tag": action["win"], "id": str(outcome.win_id)})
        if "slip" in action:
            acks.append({"kind": "slips", "tag": action["slip"], "id": str(outcome.slip_id)})
        return acks
    if kind == "win":
        journal.log_win(WinDraft(text=tag))
        return [{"kind": "wins", "tag": tag}]
    if kind == "slip":
        slip_id, _ = journal.log_slip(SlipDraft(old_pattern=tag))
        return [{"kind": "slips", "tag": tag, "id": str(slip_id)}]
    raise ValueError(f"unknown action {kind!r}")


def seen(session: Session) -> dict[str, list[str]]:
    """Every record's tag as the services show it to the screens."""
    journal = JournalService(session)
    results = AssessmentService(session).results(ASSESSMENT)
    checkins = [journal.checkin(i) for i in journal.checkin_ids()]
    return {
        "assessments": sorted(str(r.item.answers.get(ASSESSMENT_TAG)) for r in results),
        "checkins": sorted(str(c.answers.get(CHECKIN_TAG)) for c in checkins if c is not None),
        "wins": sorted(w.item.text for w in journal.wins()),
        "slips": sorted(s.item.old_pattern for s in journal.slips()),
    }


def main(data_dir: Path, profile: str, actions: list[dict[str, Any]],
         passphrase_file: str | None = None) -> int:
    from PySide6.QtCore import QTimer

    extra = [] if passphrase_file is None else ["--passphrase-file", passphrase_file]
    startup = prepare(parse_options(["--data-dir", str(data_dir), "--profile", profile, *extra]))
    if isinstance(startup, int):
        return startup
    out: dict[str, Any] = {}
    failure: list[BaseException] = []

    def when_ready(started: Startup) -> None:
        # The profile opens after the first paint; the notices are complete once Home painted.
        if not (started.ready and started.notices_said):
            QTimer.singleShot(10, lambda: when_ready(started))
            return
        try:
            out["acked"] = [ack for a in actions for ack in run_action(started.session, a)]
            out["seen"] = seen(started.session)
            out["notices"] = started.notices
        except BaseException as error:
            failure.append(error)
        finally:
            started.app.quit()

    QTimer.singleShot(0, lambda: when_ready(startup))
    try:
        startup.app.exec()
    finally:
        startup.window.close()
        startup.shutdown()
    if failure:
        raise failure[0]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), *sys.argv[4:5]))
