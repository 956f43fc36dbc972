"""Window fixtures: a real main window over a real database, dialogs answered by tests."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.ui.app import settings_file
from eoffice.ui.background import ExportOutcome
from eoffice.ui.dialogs import ask
from eoffice.ui.exports import ExportAction
from eoffice.ui.main_window import MainWindow
from tests.conftest import TODAY


@pytest.fixture(scope="session", autouse=True)
def _widgets_go_before_the_application(qapp: QApplication) -> Iterator[None]:
    """At the end of the run, delete every widget a test left behind while the QApplication
    still exists: one collected by Python after it has gone crashes the process at exit."""
    yield
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Answers:
    """Records what the window asked and gives the answers a test set up."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirm = True
        self.choice: str | None = None
        self.save_path = None
        self.open_path = None


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    given = Answers()
    monkeypatch.setattr(ask, "error", lambda _p, _t, message: given.errors.append(message))
    monkeypatch.setattr(ask, "info", lambda _p, _t, message: given.infos.append(message))
    monkeypatch.setattr(ask, "confirm", lambda *_a: given.confirm)
    monkeypatch.setattr(ask, "choose", lambda *_a: given.choice)
    monkeypatch.setattr(ask, "save_path", lambda *_a: given.save_path)
    monkeypatch.setattr(ask, "open_path", lambda *_a: given.open_path)
    return given


@pytest.fixture
def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[object], bool]], None]:
    """Make every dialog run through ``fill(dialog) -> accepted`` instead of exec()."""

    def install(fill: Callable[[object], bool]) -> None:
        monkeypatch.setattr(ask, "run_dialog", fill)

    return install


ExportNow = Callable[[MainWindow, ExportAction], "ExportOutcome | None"]


@pytest.fixture
def export_now(qtbot: QtBot) -> ExportNow:
    """File > Export as the officer does it, waiting for the background writer to finish."""

    def run(window: MainWindow, export: ExportAction) -> ExportOutcome | None:
        job = window.run_export(export)
        if job is not None and job.outcome is None:
            with qtbot.waitSignal(job.finished, timeout=120_000):
                pass
        return None if job is None else job.outcome

    return run


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database) -> Iterator[MainWindow]:
    main = MainWindow(demo_db, settings_file(), today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
