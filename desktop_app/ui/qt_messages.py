"""Qt's own warnings and errors go to Groundwork's log, scrubbed of anything quoted."""

from __future__ import annotations

import logging
import sys
from contextlib import suppress

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler, qVersion

from desktop_app.diagnostics import Diagnostics, scrub_qt_message

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def route_qt_messages(diagnostics: Diagnostics) -> None:
    """Install a Qt message handler that logs; :meth:`Diagnostics.uninstall` removes it."""
    logger = diagnostics.logger

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        text = scrub_qt_message(message)
        logger.log(_LEVELS.get(kind, logging.WARNING), "Qt %s: %s",
                   context.category or "default", text)
        if previous is not None:  # a test harness's handler keeps seeing everything
            previous(kind, context, message)
        elif kind != QtMsgType.QtDebugMsg and sys.stderr is not None:
            # Qt's default handler would print the raw text where a desktop journal keeps it.
            with suppress(Exception):
                print(f"Qt: {text}", file=sys.stderr)

    def restore() -> None:
        qInstallMessageHandler(previous)

    previous = qInstallMessageHandler(handle)
    diagnostics.on_uninstall(restore)
    logger.info("Qt %s, PySide6 %s", qVersion(), pyside_version)
