"""Keep the display on while the exam room board shows: a clock the room reads must not go dark.

Each system has its own way, and each is best effort: ``start`` says whether it worked and
never raises, ``stop`` undoes what ``start`` did (and is safe to call twice, or without a start).

- Windows: ``SetThreadExecutionState`` (display and system required, until reset).
- Linux: the freedesktop screensaver's ``Inhibit`` over the session D-Bus, when Qt's D-Bus
  module loads and a session bus is there (``UnInhibit`` with its cookie on stop).
- macOS: ``caffeinate -d -w <our pid>``, stopped on stop, and ending by itself with us.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002

SCREENSAVER = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
WHY = "The exam room board is showing the time"


def _session_bus_expected() -> bool:
    """A session bus to talk to (so asking for one never starts a bus of its own)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return runtime != "" and Path(runtime, "bus").exists()


class StayAwake:
    """``start()`` while the board shows, ``stop()`` when it closes."""

    def __init__(self) -> None:
        self._active = False
        self._cookie: int | None = None
        self._path = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._bus = f"eoffice-stay-awake-{id(self)}"  # our own session-bus connection, closed on stop

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> bool:
        """Keep the display on; True when the system agreed (already on counts)."""
        if not self._active:
            try:
                self._active = self._start()
            except Exception:  # best effort: a board that cannot keep the screen on still shows
                self._active = False
        return self._active

    def stop(self) -> None:
        if not self._active:
            return
        self._active = False
        try:
            self._stop()
        except Exception:  # best effort, as starting was
            pass
        finally:
            self._cookie, self._process = None, None

    def _start(self) -> bool:
        if sys.platform == "win32":
            import ctypes

            state = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
            return bool(ctypes.windll.kernel32.SetThreadExecutionState(state))
        if sys.platform == "darwin":
            self._process = subprocess.Popen(["caffeinate", "-d", "-w", str(os.getpid())],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return self._process.poll() is None
        return self._inhibit()

    def _stop(self) -> None:
        if sys.platform == "win32":
            import ctypes

            ctypes.windll.kernel32.SetThreadExecutionState(ES_CONTINUOUS)
        elif sys.platform == "darwin":
            if self._process is not None:
                self._process.terminate()
                self._process.wait(timeout=2)
        elif self._cookie is not None:
            self._uninhibit(self._cookie)

    def _inhibit(self) -> bool:
        """The freedesktop screensaver's ``Inhibit``, on a connection of our own: closing it on stop
        releases the inhibit however the screensaver reads ``UnInhibit``'s cookie."""
        if not _session_bus_expected():
            return False
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError:
            return False
        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, self._bus)
        if not bus.isConnected():
            QDBusConnection.disconnectFromBus(self._bus)
            return False
        for path in SCREENSAVER_PATHS:
            face = QDBusInterface(SCREENSAVER, path, SCREENSAVER, bus)
            if not face.isValid():
                continue
            reply = face.call("Inhibit", "eoffice", WHY)
            values = reply.arguments()
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and values:
                self._cookie, self._path = int(values[0]), path
                return True
        QDBusConnection.disconnectFromBus(self._bus)
        return False

    def _uninhibit(self, cookie: int) -> None:
        """``UnInhibit``, then close our connection: PySide sends the cookie as a signed integer, which
        a strict screensaver refuses (it wants ``u``), but every one drops the inhibits of a
        connection that has gone."""
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        bus = QDBusConnection(self._bus)
        try:
            if bus.isConnected():
                QDBusInterface(SCREENSAVER, self._path, SCREENSAVER, bus).call("UnInhibit", cookie)
        finally:
            QDBusConnection.disconnectFromBus(self._bus)
