"""A second start of Groundwork brings the running one's window forward.

The running Groundwork listens on a local socket beside its instance lock (the runtime
folder, private to the user); a second start, refused by the lock, writes one line to it.
Nothing is read from the socket but that line, and nothing of the person's data is sent.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

RAISE = b"raise\n"
# A Unix socket's path may hold about 107 bytes; longer ones get a short name in /tmp.
MAX_PATH = 100
WAIT_MS = 1000

log = logging.getLogger(__name__)


def beacon_name(lock_path: Path) -> str:
    """Where the instance holding ``lock_path`` listens."""
    full = str(lock_path.with_suffix(".sock"))
    if len(full.encode()) <= MAX_PATH:
        return full
    return "groundwork-" + hashlib.sha256(full.encode()).hexdigest()[:24]


class Beacon(QObject):
    """Listens for second starts and brings ``window`` to the front for each."""

    raised = Signal()

    def __init__(self, name: str, window: QWidget) -> None:
        # The window is only its parent: a reference would keep a closed window alive.
        super().__init__(window)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # This instance holds the lock, so a socket left at the name is a crashed one's.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("a second start cannot reach this window: %s", self.server.errorString())
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)  # the line may have arrived with the connection

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > len(RAISE):
                socket.abort()  # not ours: a line this long is never sent
            return
        line = bytes(socket.readLine().data())
        socket.disconnectFromServer()
        window = self.parent()
        if line == RAISE and isinstance(window, QWidget):
            bring_forward(window)
            self.raised.emit()

    def close(self) -> None:
        self.server.close()  # also removes the socket file


def bring_forward(window: QWidget) -> None:
    """Un-minimise, raise and activate ``window``; a window manager that refuses marks it."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)


def ask_to_raise(name: str) -> bool:
    """Ask the running instance to show its window; True once the request is on its way.

    It does not wait for an answer: the running instance may be this very process (tests),
    whose event loop cannot answer while this call blocks.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(WAIT_MS) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    return sent
