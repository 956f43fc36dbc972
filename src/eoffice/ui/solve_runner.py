"""The auto-roster in the background: progress while it runs, and a Cancel that stops it.

The window reads the problem (plain records) on the GUI thread first; the worker
thread only runs ``roster_solver.solve`` on those records and never touches the
database; the answer comes back through ``finished`` and the window applies it on the
GUI thread. OR-Tools is imported by ``solve`` itself, in the worker, the first time the
officer solves, so opening the window never pays for it.

Cancel stops CP-SAT's search (``stop_search``, through the solver's ``on_solver``
hook) and the answer is thrown away: nothing is written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from eoffice.domain.roster import Locked, Person, Requirement, SolveResult

TICK_MS = 100
_ALIVE: set[QThread] = set()  # a running worker outlives a closed window, so Qt never destroys it mid-run


@dataclass(frozen=True)
class SolveOutcome:
    result: SolveResult | None  # None when cancelled or failed
    cancelled: bool = False
    error: str = ""
    seconds: float = 0.0


class _Worker(QThread):
    """Runs one solve; keeps its answer for the runner to read once the thread ends."""

    def __init__(self, needs: Sequence[Requirement], people: Sequence[Person], locked: Sequence[Locked],
                 max_seconds: float, on_solver: Any) -> None:  # fmt: skip
        super().__init__()
        self.args = (list(needs), list(people), list(locked))
        self.max_seconds = max_seconds
        self.on_solver = on_solver
        self.result: SolveResult | None = None
        self.error = ""

    def run(self) -> None:
        from eoffice.domain.roster import solve

        try:
            self.result = solve(*self.args, max_seconds=self.max_seconds, on_solver=self.on_solver)
        except Exception as error:
            self.error = str(error) or type(error).__name__


class SolveRunner(QObject):
    """``start`` a solve, watch ``progress`` (seconds so far, the time limit), ``cancel`` it;
    ``finished`` carries a SolveOutcome on the GUI thread."""

    started = Signal()
    progress = Signal(float, float)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._solver: Any = None
        self._cancelled = False
        self._began = 0.0
        self._limit = 0.0
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def start(self, needs: Sequence[Requirement], people: Sequence[Person], locked: Sequence[Locked], *,
              max_seconds: float) -> None:  # fmt: skip
        if self._worker is not None:
            raise RuntimeError("a solve is already running")
        self._cancelled, self._solver = False, None
        self._began, self._limit = time.perf_counter(), max_seconds
        worker = _Worker(needs, people, locked, max_seconds, self._register)
        worker.finished.connect(self._done)
        self._worker = worker
        _ALIVE.add(worker)
        worker.start()
        self._timer.start()
        self.started.emit()
        self.progress.emit(0.0, max_seconds)

    def cancel(self) -> None:
        """Stop the search now; the answer is discarded and nothing is written."""
        if self._worker is None:
            return
        with self._lock:
            self._cancelled = True
        self._stop()

    def shutdown(self) -> None:
        """Cancel and wait: the application is closing."""
        worker = self._worker
        if worker is not None:
            self.cancel()
            while not worker.wait(TICK_MS):
                self._stop()

    def _register(self, solver: Any) -> None:
        """Called on the worker thread with each CpSolver, just before it runs."""
        with self._lock:
            self._solver = solver
            if self._cancelled:
                solver.parameters.max_time_in_seconds = 0.0

    def _stop(self) -> None:
        with self._lock:
            solver = self._solver
        if solver is not None:
            solver.stop_search()  # thread-safe in OR-Tools; a no-op between its passes, so repeated each tick

    @Slot()
    def _tick(self) -> None:
        if self._cancelled:
            self._stop()
        self.progress.emit(time.perf_counter() - self._began, self._limit)

    @Slot()
    def _done(self) -> None:
        worker = self._worker
        if worker is None:
            return
        worker.wait()
        self._timer.stop()
        self._worker, self._solver = None, None
        seconds = time.perf_counter() - self._began
        if self._cancelled:
            outcome = SolveOutcome(None, cancelled=True, seconds=seconds)
        elif worker.error or worker.result is None:
            outcome = SolveOutcome(None, error=worker.error or "the solver gave no answer", seconds=seconds)
        else:
            outcome = SolveOutcome(worker.result, seconds=seconds)
        _ALIVE.discard(worker)
        worker.deleteLater()
        self.finished.emit(outcome)
