"""Exports written in the background: the file appears whole or not at all."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from eoffice.errors import EofficeError
from eoffice.ui.background import SHOW_AFTER_MS, ExportJob, ExportOutcome

pytestmark = pytest.mark.gui


def _left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _run(qtbot: QtBot, job: ExportJob) -> ExportOutcome:
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        job.start()
    outcome = blocker.args[0]
    assert isinstance(outcome, ExportOutcome)
    return outcome


def test_the_file_appears_only_when_it_is_complete(qtbot: QtBot, tmp_path: Path) -> None:
    release, seen = threading.Event(), []

    def write(target: Path) -> Path:
        seen.append(target)
        target.write_text("half")
        release.wait(5)
        target.write_text("whole")
        return target

    out = tmp_path / "register.xlsx"
    job = ExportJob(write, out, "Export")
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        job.start()
        qtbot.waitUntil(lambda: bool(seen))
        assert job.running
        assert not out.exists()  # the partial file is in a hidden folder, not under the chosen name
        assert seen[0].parent != tmp_path and seen[0].parent.name.startswith(".register.xlsx.")
        release.set()
    assert blocker.args[0] == ExportOutcome(out)
    assert out.read_text() == "whole"
    assert _left_behind(tmp_path) == ["register.xlsx"]
    assert not job.running


def test_cancel_tells_the_window_at_once_and_keeps_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    release, started = threading.Event(), threading.Event()
    out = tmp_path / "door-list.pdf"
    out.write_text("last week's list")

    def write(target: Path) -> Path:
        started.set()
        release.wait(5)
        target.write_text("new list")
        return target

    job = ExportJob(write, out, "Export")
    outcomes: list[ExportOutcome] = []
    job.finished.connect(outcomes.append)
    job.start()
    qtbot.waitUntil(started.is_set)
    job.cancel()
    assert outcomes == [ExportOutcome(None, cancelled=True)]  # before the thread has ended
    release.set()
    qtbot.waitUntil(lambda: _left_behind(tmp_path) == ["door-list.pdf"])
    assert out.read_text() == "last week's list"  # the older file of that name is untouched
    assert len(outcomes) == 1


def test_a_plain_error_is_reported_and_nothing_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    def write(target: Path) -> Path:
        target.write_text("partial")
        raise EofficeError("the Professional Standards for 2026/27 have not been started")

    outcome = _run(qtbot, ExportJob(write, tmp_path / "statement.pdf", "Export"))
    assert outcome == ExportOutcome(None, error="the Professional Standards for 2026/27 have not been started")
    qtbot.waitUntil(lambda: _left_behind(tmp_path) == [])


def test_an_unexpected_error_is_reported_without_its_message(qtbot: QtBot, tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    def write(target: Path) -> Path:
        raise ValueError("Siân Evans: reader, scribe")  # a message that may carry a candidate's data

    outcome = _run(qtbot, ExportJob(write, tmp_path / "sheets.pdf", "Export"))
    assert outcome.written is None
    assert outcome.error == "something went wrong while writing the file (ValueError); nothing was written"
    assert "Siân" not in caplog.text and "ValueError" in caplog.text


def test_a_folder_that_cannot_be_written_is_said_plainly(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    outcome = _run(qtbot, ExportJob(lambda target: target, blocker / "roster.pdf", "Export"))
    assert outcome.written is None and outcome.error.startswith(f"cannot write in {blocker}")


def test_a_writer_may_choose_the_suffix(qtbot: QtBot, tmp_path: Path) -> None:
    def write(target: Path) -> Path:
        done = target.with_suffix(".csv")
        done.write_text("ID,Task\n")
        return done

    outcome = _run(qtbot, ExportJob(write, tmp_path / "plan.xlsx", "Export"))
    assert outcome == ExportOutcome(tmp_path / "plan.csv")
    assert _left_behind(tmp_path) == ["plan.csv"]


def test_a_slow_export_shows_a_busy_dialog_with_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    release = threading.Event()

    def write(target: Path) -> Path:
        release.wait(5)
        target.write_text("done")
        return target

    job = ExportJob(write, tmp_path / "roster.pdf", "Export roster")
    job.start()
    dialog = job._dialog
    assert dialog is not None and not dialog.isVisible()  # not for the first moments
    qtbot.waitUntil(dialog.isVisible, timeout=SHOW_AFTER_MS + 3000)
    assert dialog.labelText() == "Writing roster.pdf…" and dialog.windowTitle() == "Export roster"
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(job.finished):
        cancel.click()
    assert job.outcome == ExportOutcome(None, cancelled=True)
    release.set()
    qtbot.waitUntil(lambda: _left_behind(tmp_path) == [])


def test_no_cycle_collection_runs_while_an_export_writes_in_its_thread(qtbot: QtBot, tmp_path: Path) -> None:
    """Collected in the worker, a widget no longer wanted would be freed off the GUI thread, which
    crashes Qt: collection waits while any export writes, and is back, on this thread, after."""
    import gc

    during: list[bool] = []

    def write(target: Path) -> Path:
        during.append(gc.isenabled())
        target.write_text("whole")
        return target

    assert gc.isenabled()
    first, second = ExportJob(write, tmp_path / "a.pdf", "Export"), ExportJob(write, tmp_path / "b.pdf", "Export")
    assert _run(qtbot, first) == ExportOutcome(tmp_path / "a.pdf")
    assert _run(qtbot, second) == ExportOutcome(tmp_path / "b.pdf")
    assert during == [False, False] and gc.isenabled()
