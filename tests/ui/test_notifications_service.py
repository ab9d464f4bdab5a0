"""A stand-in notification service, run by test_notifications.py inside ``dbus-run-session``.

``python test_notifications_service.py LOG [--portal]`` owns org.freedesktop.Notifications
(or, with --portal, the XDG portal's Notification interface) on the private session bus,
writes each notification it is given to LOG as a JSON line, and prints the bus address and
"ready". A line ``invoke ID ACTION`` on its stdin makes it send ActionInvoked, as a desktop
does when the person clicks. (No tests here: pytest collects nothing from this file.)
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection

EXPORT = (QDBusConnection.RegisterOption.ExportAllSlots
          | QDBusConnection.RegisterOption.ExportAllSignals)


def record(log: str, entry: dict[str, object]) -> None:
    with open(log, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    """The freedesktop service (D-Bus names, hence the capitals); its Notify takes the ids
    as uint32, as real ones do."""

    ActionInvoked = Signal("uint", str)

    def __init__(self, log: str) -> None:
        super().__init__()
        self.log = log
        self.count = 0

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self, app_name: str, replaces_id: int, app_icon: str, summary: str, body: str,
        actions: list[str], hints: dict[str, object], expire_timeout: int,
    ) -> int:
        if not 0 < replaces_id <= self.count:  # as the specification says: a new one
            self.count += 1
            replaces_id = 0
        record(self.log, {
            "id": replaces_id or self.count, "app_name": app_name, "replaces_id": replaces_id,
            "app_icon": app_icon, "summary": summary, "body": body, "actions": list(actions),
            "hints": {key: str(value) for key, value in hints.items()},
            "expire_timeout": expire_timeout,
        })
        return replaces_id or self.count

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body"]

    def invoke(self, notification: str, action: str) -> None:
        self.ActionInvoked.emit(int(notification), action)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Notification"})
class Portal(QObject):
    """The portal's Notification interface (what a Flatpak sandbox can reach)."""

    ActionInvoked = Signal(str, str, "QVariantList")

    def __init__(self, log: str) -> None:
        super().__init__()
        self.log = log

    @Slot(str, "QVariantMap")
    def AddNotification(self, notification: str, fields: dict[str, object]) -> None:
        record(self.log, {"id": notification, **{k: str(v) for k, v in fields.items()}})

    def invoke(self, notification: str, action: str) -> None:
        self.ActionInvoked.emit(notification, action, [])


def main(argv: list[str]) -> int:
    app = QCoreApplication(argv[:1])
    log, portal = argv[1], "--portal" in argv
    bus = QDBusConnection.sessionBus()
    if portal:
        service: Notifications | Portal = Portal(log)
        name, path = "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop"
    else:
        service = Notifications(log)
        name, path = "org.freedesktop.Notifications", "/org/freedesktop/Notifications"
    if not (bus.registerObject(path, service, EXPORT) and bus.registerService(name)):
        print(f"cannot own {name}: {bus.lastError().message()}", file=sys.stderr)
        return 1

    pending = [b""]

    def command() -> None:
        # os.read, not sys.stdin: a buffered reader would keep lines the notifier never sees.
        data = os.read(sys.stdin.fileno(), 4096)
        if not data:
            app.quit()  # the test closed our stdin: done
            return
        *lines, pending[0] = (pending[0] + data).split(b"\n")
        for line in lines:
            _word, notification, action = line.decode().split()
            service.invoke(notification, action)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    print(os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
