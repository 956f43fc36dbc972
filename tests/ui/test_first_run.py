from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import audit
from eoffice.domain.accounts import password_reset, passwords
from eoffice.domain.centre import get_centre
from eoffice.domain.series import stored_years
from eoffice.ui.app import settings_file
from eoffice.ui.database_actions import offer_first_run
from eoffice.ui.dialogs.first_run import FirstRunDialog
from eoffice.ui.forgotten_password import CodeDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.opening import demo_database_path
from tests.conftest import TODAY


def _empty_window(qtbot: QtBot, db_path: Path) -> MainWindow:
    window = MainWindow(open_database(db_path), settings_file(), today=TODAY)
    qtbot.addWidget(window)
    return window


def test_first_run_saves_the_centre(qtbot: QtBot, db_path: Path, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    codes: list[tuple[str, str]] = []

    def fill(dialog: object) -> bool:
        if isinstance(dialog, CodeDialog):  # the new exams officer's setup code, shown once
            codes.append((dialog.windowTitle(), dialog.code.text()))
            return True
        assert isinstance(dialog, FirstRunDialog)
        dialog.form.name.setText("  St Aidan's   College ")
        dialog.form.number.setText("61234")
        dialog.form.officer.setText("Siân Roberts")
        dialog.save_button.click()
        return dialog.result() == FirstRunDialog.DialogCode.Accepted

    answer_dialogs(fill)
    window = _empty_window(qtbot, db_path)
    assert "New centre" in window.windowTitle()
    offer_first_run(window)
    with window.db.session() as session:
        centre = get_centre(session)
        assert centre is not None
        assert (centre.name, centre.centre_number, centre.exams_officer) == ("St Aidan's College", "61234", "Siân Roberts")
        assert stored_years(session)
        [officer] = passwords.accounts(session)
        assert officer.first_password and officer.reset_pending  # a setup code, not a password
    assert [title for title, _code in codes] == ["Setup code for Siân Roberts"]
    with window.db.session() as session:  # she signs in with it and chooses her password
        password_reset.use_code(session, officer.id, codes[0][1], "sians-own-password")
        assert passwords.verify(session, officer.id, "sians-own-password").name == "Siân Roberts"
    audit.set_actor(None)
    assert "St Aidan's College" in window.windowTitle()
    window.close()


def test_first_run_refuses_a_bad_number_and_stays_open(qtbot: QtBot, db_path: Path, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: object) -> bool:
        assert isinstance(dialog, FirstRunDialog)
        dialog.form.name.setText("A school")
        dialog.form.number.setText("12a45")
        dialog.save_button.click()
        assert "5 digits" in dialog.form.problem.text()
        return dialog.result() == FirstRunDialog.DialogCode.Accepted

    answer_dialogs(fill)
    window = _empty_window(qtbot, db_path)
    offer_first_run(window)
    assert window.context.read(get_centre) is None  # type: ignore[union-attr]
    window.close()


def test_explore_the_demo_centre_opens_a_separate_file(qtbot: QtBot, db_path: Path, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: object) -> bool:
        assert isinstance(dialog, FirstRunDialog)
        dialog.demo_button.click()
        return True

    answer_dialogs(fill)
    window = _empty_window(qtbot, db_path)
    offer_first_run(window)
    assert window.db.path == demo_database_path()
    assert window.db.path != db_path
    assert "Northfield Community Academy" in window.windowTitle()
    window.close()
    # the officer's own file is untouched and still has no centre
    with open_database(db_path) as db, db.session() as session:
        assert get_centre(session) is None


def test_no_first_run_for_a_database_with_a_centre(window: MainWindow, answer_dialogs) -> None:  # type: ignore[no-untyped-def]
    asked: list[object] = []
    answer_dialogs(lambda dialog: asked.append(dialog) or False)
    offer_first_run(window)
    assert asked == []
