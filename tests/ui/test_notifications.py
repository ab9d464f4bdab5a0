"""The check-in reminder as a desktop notification, through a stand-in notification service
on a private session bus (``dbus-run-session``): the right text at the right time (the fixed
clock), and clicking it opens the check-in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QSystemTrayIcon

from desktop_app.app_id import APP_ID
from desktop_app.ui.journal.reminder import (
    REMINDER_TEXT,
    REMINDER_TITLE,
    WAITING_TEXT,
    WAITING_TITLE,
    CheckInReminder,
)
from desktop_app.ui.notifications import DesktopNotifier
from tests.ui.test_checkin_flow import open_wizard
from tests.ui.test_reminder_without_tray import checked_in_yesterday

SERVICE = Path(__file__).with_name("test_notifications_service.py")


@dataclass
class FakeDesktop:
    """The stand-in service's process, its bus and what it was given."""

    process: subprocess.Popen[str]
    bus: QDBusConnection
    log: Path

    def received(self) -> list[dict[str, object]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines()]

    def click(self, notification: object, action: str = "default") -> None:
        """What the desktop says when the person clicks the notification."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"invoke {notification} {action}\n")
        self.process.stdin.flush()


def start_desktop(tmp_path: Path, *options: str) -> Iterator[FakeDesktop]:
    if shutil.which("dbus-run-session") is None:
        pytest.skip("dbus-run-session is not installed (the 'dbus' package)")
    log = tmp_path / "notifications.jsonl"
    process = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, str(SERVICE), str(log), *options],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert process.stdout.readline().strip() == "ready", "the stand-in service did not start"
    name = f"notifications-test-{process.pid}"
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected(), bus.lastError().message()
    try:
        yield FakeDesktop(process, bus, log)
    finally:
        QDBusConnection.disconnectFromBus(name)
        assert process.stdin is not None
        process.stdin.close()  # the service quits, and dbus-run-session with it
        process.wait(timeout=30)


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[FakeDesktop]:
    """A desktop with a freedesktop notification service."""
    yield from start_desktop(tmp_path)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[FakeDesktop]:
    """Inside Flatpak: only the notification portal, no notification service."""
    yield from start_desktop(tmp_path, "--portal")


def test_the_reminder_is_a_notification_at_its_time_and_clicking_it_opens_the_checkin(
    qtbot, start_app, clock, desktop: FakeDesktop
) -> None:
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)  # Sunday 09:30; today's check-in is due at 20:00
    notifier = DesktopNotifier(desktop.bus, sandboxed=False)
    reminder = CheckInReminder(startup.window.ctx, startup.window, tray_available=True,
                               notifier=notifier)
    assert reminder.tray is None  # the desktop shows notifications: no tray icon
    qtbot.waitUntil(lambda: reminder.target is not None)
    assert reminder.target is not None
    assert reminder.target.isoformat() == "2026-03-15T20:00:00+01:00"

    reminder.timer.timeout.emit()  # the timer wakes (it never sleeps an hour) at 09:30
    assert desktop.received() == []  # too early: nothing yet

    clock.advance(hours=10, minutes=31)  # 20:01
    reminder.timer.timeout.emit()
    [shown] = desktop.received()
    assert shown["summary"] == REMINDER_TITLE == "Time for your check-in"
    assert shown["body"] == REMINDER_TEXT
    assert shown["app_name"] == "Groundwork"
    assert shown["app_icon"] == APP_ID
    assert shown["replaces_id"] == 0
    assert shown["actions"] == ["default", "Check in now"]
    hints = shown["hints"]
    assert isinstance(hints, dict) and hints["desktop-entry"] == APP_ID
    assert reminder.target.isoformat() == "2026-03-16T20:00:00+01:00"  # aimed at tomorrow

    desktop.click(shown["id"])
    wizard = open_wizard(qtbot)
    assert wizard.template.id == "check-in"


def test_a_second_reminder_replaces_the_first_and_others_clicks_are_not_ours(
    qtbot, start_app, clock, desktop: FakeDesktop
) -> None:
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)
    notifier = DesktopNotifier(desktop.bus, sandboxed=False)
    assert notifier.show(REMINDER_TITLE, REMINDER_TEXT)
    assert notifier.show(WAITING_TITLE, WAITING_TEXT)
    first, second = desktop.received()
    assert second["replaces_id"] == first["id"] == second["id"]

    clicks: list[bool] = []
    notifier.activated.connect(lambda: clicks.append(True))
    # The service tells everyone of every application's clicks; only ours count.
    desktop.click(999)
    desktop.click(first["id"], "snooze")
    with qtbot.waitSignal(notifier.activated):
        desktop.click(first["id"])
    assert clicks == [True]


def test_in_a_sandbox_the_portal_carries_the_reminder(
    qtbot, start_app, clock, sandbox: FakeDesktop
) -> None:
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)
    notifier = DesktopNotifier(sandbox.bus, sandboxed=True)
    reminder = CheckInReminder(startup.window.ctx, startup.window, tray_available=True,
                               notifier=notifier)
    assert reminder.tray is None
    qtbot.waitUntil(lambda: reminder.target is not None)
    clock.advance(hours=11)
    reminder.timer.timeout.emit()
    assert sandbox.received() == [{
        "id": "check-in", "title": REMINDER_TITLE, "body": REMINDER_TEXT,
        "default-action": "default",
    }]
    sandbox.click("check-in")
    wizard = open_wizard(qtbot)
    assert wizard.template.id == "check-in"


def test_without_a_notification_service_the_tray_says_it(
    qtbot, start_app, clock, sandbox: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a sandbox, on a bus with no notification service (only a portal here)."""
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage",
                        lambda _tray, title, text, *_rest: messages.append((title, text)))
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)
    notifier = DesktopNotifier(sandbox.bus, sandboxed=False)
    assert not notifier.available()
    reminder = CheckInReminder(startup.window.ctx, startup.window, tray_available=True,
                               notifier=notifier)
    assert reminder.tray is not None
    qtbot.waitUntil(lambda: reminder.target is not None)
    clock.advance(hours=11)
    reminder.timer.timeout.emit()
    assert messages == [(REMINDER_TITLE, REMINDER_TEXT)]
    assert sandbox.received() == []
