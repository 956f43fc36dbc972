"""Writing an export in the background: the window stays alive, shows it is busy, and can cancel.

At ten times a large school's data an access or roster PDF takes several seconds to
write; on the GUI thread that is a frozen window. The worker thread reads through its
own sessions (``AppContext.read`` opens one per call; the engine allows that across
threads) and writes into a hidden folder beside the chosen file. Only when it has
finished, and the officer has not cancelled, is the file moved into place, so a
cancelled or failed export leaves nothing behind, not even a partial file of sensitive
data, and never damages an older file of the same name.

Cancel cannot stop openpyxl or fpdf2 half-way, so the thread runs on to its end and
its work is thrown away; the window is told at once that nothing was written.

Python's cycle collector runs in whichever thread happens to allocate when its threshold is
crossed. Run in the worker, it may free a widget no longer wanted (a closed board, a dialog)
off the GUI thread, and Qt then crashes the process. So while any export writes in the
background, automatic collection waits (``_hold_collection``); the GUI thread collects once
the last one has finished.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from eoffice.errors import EofficeError

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 400  # quicker exports finish before any dialog appears
_RUNNING: set[ExportJob] = set()  # a job outlives a closed window until its thread ends
_HOLDING: set[ExportJob] = set()  # jobs whose thread may still run: no automatic collection meanwhile
_COLLECTOR_WAS_ON = [False]  # whether automatic collection was on when the first of them started


def _hold_collection(job: ExportJob) -> None:
    """No automatic cycle collection while ``job``'s thread may run (see the module). GUI thread only."""
    if not _HOLDING:
        _COLLECTOR_WAS_ON[0] = gc.isenabled()
        gc.disable()
    _HOLDING.add(job)


def _release_collection(job: ExportJob) -> None:
    """``job``'s thread has ended: once no other runs, collection is back, done first here, on the GUI thread."""
    if job not in _HOLDING:
        return
    _HOLDING.discard(job)
    if not _HOLDING and _COLLECTOR_WAS_ON[0]:
        gc.enable()
        gc.collect()


@dataclass(frozen=True)
class ExportOutcome:
    written: Path | None  # where the file now is; None when cancelled or failed
    cancelled: bool = False
    error: str = ""


class _Worker(QThread):
    def __init__(self, write: Callable[[Path], Path], target: Path) -> None:
        super().__init__()
        self.write, self.target = write, target
        self.written: Path | None = None
        self.error = ""

    def run(self) -> None:
        try:
            self.written = self.write(self.target)
        except (EofficeError, OSError) as error:
            self.error = str(error)
        except Exception as error:
            # Where it failed, not what it said: an exception's message may quote a candidate's data.
            frames = (f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__))
            log.error("export failed with %s at %s", type(error).__name__, " <- ".join(reversed(list(frames))))
            self.error = f"something went wrong while writing the file ({type(error).__name__}); nothing was written"


class ExportJob(QObject):
    """One export to ``out``: ``start`` it, ``cancel`` it; ``finished`` carries an ExportOutcome."""

    finished = Signal(object)

    def __init__(self, write: Callable[[Path], Path], out: Path, label: str, parent: QWidget | None = None) -> None:
        super().__init__()
        self.out = Path(out)
        self._write, self._label, self._parent = write, label, parent
        self._folder: Path | None = None
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None
        self.cancelled = False
        self.outcome: ExportOutcome | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None and self.outcome is None

    def start(self) -> None:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self._folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", suffix=".partial", dir=self.out.parent))
        except OSError as error:
            self._finish(ExportOutcome(None, error=f"cannot write in {self.out.parent}: {error.strerror or error}"))
            return
        self._worker = _Worker(self._write, self._folder / self.out.name)
        self._worker.finished.connect(self._done)
        _RUNNING.add(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._dialog = QProgressDialog(f"Writing {self.out.name}…", "Cancel", 0, 0, self._parent)
        self._dialog.setWindowTitle(self._label)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumWidth(380)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.setValue(0)  # at its minimum, so the next line restarts the timer that shows it
        self._dialog.setMinimumDuration(SHOW_AFTER_MS)
        self._dialog.canceled.connect(self.cancel)
        _hold_collection(self)
        self._worker.start()

    def cancel(self) -> None:
        """Nothing will be written; the window hears so now, not when the thread ends."""
        if not self.running or self.cancelled:
            return
        self.cancelled = True
        self._finish(ExportOutcome(None, cancelled=True))

    def shutdown(self) -> None:
        """The application is quitting: wait for the thread (a write cannot be interrupted),
        keep nothing it wrote."""
        if self._worker is not None and self._worker.isRunning():
            self.cancelled = True
            self._worker.wait()
            self._done()

    def _done(self) -> None:
        worker = self._worker
        if worker is None or (self.outcome is not None and self._folder is None):
            return
        try:
            if self.cancelled or worker.error or worker.written is None:
                if not self.cancelled:
                    self._finish(ExportOutcome(None, error=worker.error or "nothing was written"))
                return
            final = self.out.with_name(worker.written.name)
            try:
                os.replace(worker.written, final)
            except OSError as error:
                self._finish(ExportOutcome(None, error=f"cannot write {final}: {error.strerror or error}"))
                return
            self._finish(ExportOutcome(final))
        finally:
            self._clean()

    def _clean(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        if self._worker is not None:  # only ever after ``finished``: the thread is ending, if not yet ended
            self._worker.wait()
            _RUNNING.discard(self)
            _release_collection(self)

    def _finish(self, outcome: ExportOutcome) -> None:
        if self.outcome is not None:
            return
        self.outcome = outcome
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.finished.emit(outcome)
