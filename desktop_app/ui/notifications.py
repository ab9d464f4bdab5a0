"""Desktop notifications over D-Bus: the freedesktop Notifications service, or the XDG portal
when Groundwork runs sandboxed (Flatpak), where the service itself is out of reach.

Stock GNOME has no system tray, so a tray message would never be seen there; every Linux
desktop has a notification service. Clicking the notification (its default action) emits
``activated``. Where there is no session bus or no service, ``available`` is False and the
caller falls back to the tray.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

from desktop_app.app_id import APP_ID
from desktop_app.i18n import _

SERVICE = "org.freedesktop.Notifications"
SERVICE_PATH = "/org/freedesktop/Notifications"
PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.Notification"
# The portal's id for our one notification: a new reminder replaces the last one.
PORTAL_ID = "check-in"
DEFAULT_ACTION = "default"
# A notification service that does not answer within this is taken as gone.
CALL_TIMEOUT_MS = 3000

log = logging.getLogger(__name__)


class DesktopNotifier(QObject):
    """Shows one kind of notification at a time; ``activated`` when the person clicks it."""

    activated = Signal()

    def __init__(
        self, bus: QDBusConnection, *, sandboxed: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.sandboxed = sandboxed
        self.service = PORTAL if sandboxed else SERVICE
        self._interface: QDBusInterface | None = None
        self._last_id = 0  # the service's id of our last notification (0: none yet)
        if not bus.isConnected():
            return
        # PySide6 takes the slot as SLOT()'s text, though its type stubs say bytes.
        if sandboxed:
            bus.connect(PORTAL, PORTAL_PATH, PORTAL_INTERFACE, "ActionInvoked",  # type: ignore[call-overload]
                        self, SLOT("_portal_action(QString,QString,QVariantList)"))
        else:
            bus.connect(SERVICE, SERVICE_PATH, SERVICE, "ActionInvoked",  # type: ignore[call-overload]
                        self, SLOT("_service_action(uint,QString)"))

    @classmethod
    def for_session(cls, parent: QObject | None = None) -> DesktopNotifier:
        """On the session bus; through the portal when Flatpak started us."""
        return cls(QDBusConnection.sessionBus(), sandboxed="FLATPAK_ID" in os.environ,
                   parent=parent)

    def available(self) -> bool:
        """True when the service (or the portal) is on the bus or can be started by it."""
        if not self.bus.isConnected():
            return False
        names = self.bus.interface()
        registered = names.isServiceRegistered(self.service)
        if registered.isValid() and registered.value():
            return True
        activatable = names.activatableServiceNames()
        return activatable.isValid() and self.service in activatable.value()

    def show(self, title: str, text: str) -> bool:
        """Show the notification; False when it could not be handed to the desktop."""
        if not self.available():
            return False
        if self.sandboxed:
            return self._show_by_portal(title, text)
        return self._show_by_service(title, text)

    def _show_by_service(self, title: str, text: str) -> bool:
        if self._interface is None or not self._interface.isValid():
            self._interface = QDBusInterface(SERVICE, SERVICE_PATH, SERVICE, self.bus, self)
            self._interface.setTimeout(CALL_TIMEOUT_MS)
        if not self._interface.isValid():
            log.info("no notification service: %s", self._interface.lastError().message())
            return False
        # Through the interface's introspected method, so that the ids travel as uint32 (as
        # the specification has them): a plain call would send int32, which services refuse.
        sent = QMetaObject.invokeMethod(
            self._interface, "Notify", Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG(str, "Groundwork"),
            Q_ARG("uint", self._last_id),
            Q_ARG(str, APP_ID),
            Q_ARG(str, title),
            Q_ARG(str, text),
            Q_ARG("QStringList", [DEFAULT_ACTION, _("Check in now")]),
            Q_ARG("QVariantMap", {"desktop-entry": APP_ID, "category": "reminder"}),
            Q_ARG(int, -1),
        )
        error = self._interface.lastError()
        if error.isValid() or not isinstance(sent, int) or not sent:
            log.info("the notification service refused: %s", error.message())
            return False
        self._last_id = sent
        return True

    def _show_by_portal(self, title: str, text: str) -> bool:
        message = QDBusMessage.createMethodCall(PORTAL, PORTAL_PATH, PORTAL_INTERFACE,
                                                "AddNotification")
        # No default action is exported by the app, so the portal sends ActionInvoked.
        message.setArguments([PORTAL_ID, {"title": title, "body": text,
                                          "default-action": DEFAULT_ACTION}])
        reply = self.bus.call(message, timeout=CALL_TIMEOUT_MS)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            log.info("the notification portal refused: %s", reply.errorMessage())
            return False
        return True

    @Slot("uint", str)
    def _service_action(self, notification: int, action: str) -> None:
        # The service tells every listener about every application's notifications.
        if notification == self._last_id and action == DEFAULT_ACTION:
            self.activated.emit()

    @Slot(str, str, "QVariantList")
    def _portal_action(self, notification: str, action: str, _parameter: object) -> None:
        if notification == PORTAL_ID and action == DEFAULT_ACTION:
            self.activated.emit()
