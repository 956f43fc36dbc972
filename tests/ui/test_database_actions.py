from __future__ import annotations

import os
import subprocess
from pathlib import Path

import openpyxl

from eoffice.db.session import Database, open_database
from eoffice.domain.centre import CentreDetails, get_centre, save_centre
from eoffice.ui import database_actions
from eoffice.ui.main_window import MainWindow
from eoffice.ui.opening import OPEN_ANOTHER, open_with_dialogs
from tests.conftest import child_python
from tests.ui.conftest import Answers, ExportNow


def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path: Path, answers: Answers) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("exam notes\n", encoding="utf-8")
    answers.choice = None  # the officer closes the message
    assert open_with_dialogs(None, notes) is None
    assert notes.read_text(encoding="utf-8") == "exam notes\n"


def test_after_a_refusal_the_officer_can_open_another_file(tmp_path: Path, answers: Answers, db_path: Path) -> None:
    open_database(db_path).close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00" * 4096)
    answers.choice = OPEN_ANOTHER
    answers.open_path = db_path
    db = open_with_dialogs(None, bad)
    assert db is not None and db.path == db_path
    db.close()


def test_open_while_another_eoffice_has_it_is_read_only_with_an_explanation(
    demo_db: Database, answers: Answers
) -> None:
    db = open_with_dialogs(None, demo_db.path)
    assert db is not None and db.read_only
    assert answers.infos and "read-only" in answers.infos[0]
    db.close()


def test_backup_from_the_menu_writes_a_database_copy(window: MainWindow, answers: Answers, tmp_path: Path) -> None:
    answers.save_path = tmp_path / "copy.sqlite3"
    database_actions.backup(window)
    assert answers.errors == []
    with open_database(answers.save_path, read_only=True) as copy, copy.session() as session:
        assert get_centre(session).name == "Northfield Community Academy"  # type: ignore[union-attr]


def test_restore_from_the_menu_puts_the_backup_back(window: MainWindow, answers: Answers, tmp_path: Path) -> None:
    answers.save_path = tmp_path / "before.sqlite3"
    database_actions.backup(window)
    with window.db.session() as session:
        save_centre(session, CentreDetails(name="Changed by mistake", centre_number="11111"))
    answers.open_path = answers.save_path
    database_actions.restore(window)
    assert answers.errors == []
    assert not window.db.read_only
    with window.db.session() as session:
        assert get_centre(session).name == "Northfield Community Academy"  # type: ignore[union-attr]


def test_restore_is_not_done_when_the_officer_says_no(window: MainWindow, answers: Answers, tmp_path: Path) -> None:
    answers.save_path = tmp_path / "before.sqlite3"
    database_actions.backup(window)
    with window.db.session() as session:
        save_centre(session, CentreDetails(name="Kept"))
    answers.open_path, answers.confirm = answers.save_path, False
    database_actions.restore(window)
    with window.db.session() as session:
        assert get_centre(session).name == "Kept"  # type: ignore[union-attr]


def test_new_database_refuses_an_existing_file(window: MainWindow, answers: Answers, tmp_path: Path) -> None:
    existing = tmp_path / "existing.sqlite3"
    existing.write_text("keep me", encoding="utf-8")
    answers.save_path = existing
    database_actions.new_database(window)
    assert answers.errors and "already exists" in answers.errors[0]
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_new_database_switches_the_window(window: MainWindow, answers: Answers, tmp_path: Path, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    answer_dialogs(lambda _dialog: False)  # the officer closes the first-run dialog
    answers.save_path = tmp_path / "second.sqlite3"
    database_actions.new_database(window)
    assert window.db.path == answers.save_path
    assert "New centre" in window.windowTitle()


def test_export_audit_log_from_the_menu(window: MainWindow, answers: Answers, tmp_path: Path,
                                        export_now: ExportNow) -> None:
    from eoffice.ui.exports import EXPORT_ACTIONS

    answers.save_path = tmp_path / "audit.xlsx"
    export_now(window, EXPORT_ACTIONS[0])
    sheet = openpyxl.load_workbook(answers.save_path).active
    assert [c.value for c in sheet[1]][:3] == ["When (UTC)", "Who", "Action"]
    assert sheet.max_row > 10


def test_an_export_onto_the_open_database_is_refused(window: MainWindow, answers: Answers,
                                                    export_now: ExportNow) -> None:  # fmt: skip
    from eoffice.ui.exports import EXPORT_ACTIONS

    before = window.db.path.read_bytes()
    answers.save_path = window.db.path
    assert export_now(window, EXPORT_ACTIONS[0]) is None  # nothing started
    assert answers.errors == [f"{window.db.path}: is the database being exported (or one of its files); "
                              "choose another file"]  # fmt: skip
    assert window.db.path.read_bytes() == before


def test_eoffice_opens_its_window_from_the_command_line(tmp_path: Path) -> None:
    """What `make run` does: the console script opens a window on the database."""
    env = {**os.environ, "EOFFICE_HOME": str(tmp_path / "home"), "EOFFICE_EXIT_AFTER_SHOWN": "1"}
    db = tmp_path / "run.sqlite3"
    result = subprocess.run(
        child_python("-m", "eoffice", "--db", str(db)), env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown tabs=")
    assert db.exists()


def test_a_file_at_this_version_opens_without_an_engine_until_one_is_needed(db_path: Path, answers: Answers) -> None:
    """The window paints its first tab through the plain connection before SQLAlchemy loads:
    opening makes no engine; the first unit of work makes it, on the same checked file."""
    open_database(db_path).close()
    db = open_with_dialogs(None, db_path)
    assert db is not None and not db.read_only
    assert db._engine is None
    assert db.reader().execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with db.session() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert db._engine is not None
    db.close()
    assert db.closed
    with open_database(db_path) as again:  # the lock given back: not "open in another eoffice"
        assert not again.read_only
