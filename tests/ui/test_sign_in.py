from __future__ import annotations

import getpass
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from eoffice.db.models import Person
from eoffice.db.session import Database
from eoffice.domain import audit, settings
from eoffice.domain.accounts import passwords
from eoffice.ui import sign_in, sign_in_review
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask, password_dialog
from eoffice.ui.dialogs.password_dialog import NewPassword, NewPasswordDialog, PasswordDialog, Signer
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls
from tests.ui.standards_helpers import OFFICER, Prompts

ASSISTANT = "Tom Barker"
REAL_ASK_PASSWORD = password_dialog.ask_password  # before the tests replace it


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    given = Prompts()
    monkeypatch.setattr(password_dialog, "ask_password", given)
    monkeypatch.setattr(sign_in_review, "ask_disputes", given.dispute)
    yield given
    audit.set_actor(None)


def _set(db: Database, key: str, value: object) -> None:
    with db.session() as session:
        settings.put(session, key, value)


@pytest.fixture
def locked_window(qtbot: QtBot, demo_db: Database) -> Iterator[MainWindow]:
    """A window over a database that asks for sign-in when it opens."""
    _set(demo_db, "accounts.sign_in_on_open", True)
    _set(demo_db, "accounts.lock_after_idle_minutes", 5)
    main = MainWindow(demo_db, settings_file(), today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_without_the_setting_nobody_is_asked_to_sign_in(window: MainWindow, prompts: Prompts) -> None:
    guard = sign_in.guard(window)
    assert not guard.locked and guard.overlay is None
    assert window.tabs.isVisible()
    assert window.signed_in_label.text() == "Not signed in"
    assert prompts.asked == []
    assert guard.sign_in_action.isEnabled() and guard.lock_action.isEnabled()


def test_with_the_setting_the_window_opens_locked_and_asks_for_the_password(
        locked_window: MainWindow, prompts: Prompts, answers: Answers) -> None:
    guard = sign_in.guard(locked_window)
    assert guard.locked and guard.overlay is not None and guard.overlay.isVisible()
    assert not locked_window.tabs.isVisible() and not locked_window.menuBar().isEnabled()
    assert locked_window.signed_in_label.text() == "Locked"

    prompts.give(OFFICER, "guessing-wrong")
    sign_in.at_start(locked_window)
    assert prompts.asked[-1][0] == "Sign in"
    assert answers.errors == ["wrong password for Priya Shah"]
    assert guard.locked and sign_in.current(locked_window.context) is None

    guard.overlay.sign_in_button.click()  # cancelled: stays locked, nothing said
    assert guard.locked and len(answers.errors) == 1

    prompts.give(OFFICER)
    guard.overlay.sign_in_button.click()
    assert not guard.locked and guard.overlay is None
    assert locked_window.tabs.isVisible() and locked_window.menuBar().isEnabled()
    assert locked_window.signed_in_label.text() == "Signed in as Priya Shah (Exams officer)"
    assert audit.current_actor() == OFFICER
    tab = locked_window.tab("standards")
    assert isinstance(tab, StandardsTab)
    assert tab.acting.by == sign_in.current(locked_window.context).id and tab.acting.can_edit
    assert "Signed in as Priya Shah" in tab.acting_label.text()


def test_repeated_wrong_passwords_are_refused_and_slowed(locked_window: MainWindow, prompts: Prompts,
                                                        answers: Answers) -> None:
    guard = sign_in.guard(locked_window)
    for _ in range(5):
        prompts.give(OFFICER, "still-wrong")
        assert not guard.sign_in()
    assert answers.errors[:3] == ["wrong password for Priya Shah"] * 3
    assert any(e.startswith("Too many wrong passwords: try again in") for e in answers.errors[3:])
    assert guard.locked
    entries = locked_window.context.read(lambda s: audit.entries(s, limit=5))  # type: ignore[union-attr]
    assert any(e.summary == "wrong password for Priya Shah (exams officer) to sign in: 3 in a row; further attempts "
               "are slowed" for e in entries)


def test_the_window_locks_after_the_idle_minutes(locked_window: MainWindow, prompts: Prompts) -> None:
    guard = sign_in.guard(locked_window)
    prompts.give(OFFICER)
    assert guard.sign_in()
    assert guard.timer.isActive() and guard.timer.interval() == 5 * 60_000

    touched: list[bool] = []
    guard.touch = lambda: touched.append(True)  # type: ignore[method-assign]
    QApplication.sendEvent(locked_window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))
    del guard.touch  # the real one again
    assert touched == [True]  # a key press starts the count again

    guard.timer.timeout.emit()  # five minutes pass without a key or a click
    assert guard.locked and not locked_window.tabs.isVisible()
    assert "was not used for 5 minutes" in guard.overlay.message.text()
    assert sign_in.current(locked_window.context) is None and locked_window.signed_in_label.text() == "Locked"
    assert not guard.timer.isActive()

    prompts.give(OFFICER)
    guard.overlay.sign_in_button.click()
    assert not guard.locked and guard.timer.isActive()
    assert prompts.asked[-1][0] == "Sign in"


def test_sign_out_locks_and_someone_else_can_sign_in(locked_window: MainWindow, prompts: Prompts) -> None:
    guard = sign_in.guard(locked_window)
    prompts.give(OFFICER)
    guard.sign_in()
    guard.lock_action.trigger()
    assert guard.locked and audit.current_actor() != OFFICER
    assert not guard.lock_action.isEnabled()
    shown = locked_window.tabs.currentIndex()
    QTest.keyClick(locked_window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # "Next tab"
    assert locked_window.tabs.currentIndex() == shown  # no shortcut reaches the window behind the lock
    prompts.give(ASSISTANT)
    guard.sign_in()
    assert locked_window.signed_in_label.text() == "Signed in as Tom Barker (Exams assistant)"
    tab = locked_window.tab("standards")
    assert isinstance(tab, StandardsTab) and not tab.acting.can_edit


def test_the_lock_screen_is_named_for_screen_readers(locked_window: MainWindow) -> None:
    overlay = sign_in.guard(locked_window).overlay
    assert overlay is not None
    controls = visible_controls(overlay)
    assert controls and unnamed(controls) == []
    assert [c.accessibleName() for c in controls] == ["Sign in", "Reset a forgotten password"]


def test_a_person_sets_and_changes_their_own_password(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                      answers: Answers, demo_db: Database) -> None:
    given: list[NewPassword | None] = []
    monkeypatch.setattr(password_dialog, "ask_new_password", lambda _p, _name, _changing: given.pop(0))
    guard = sign_in.guard(window)
    answers.choice = "Tom Barker (Exams assistant)"
    given.append(NewPassword("not-the-current-one", "a-new-password"))
    guard.password_action.trigger()
    assert answers.errors == ["wrong password for Tom Barker"]
    given.append(NewPassword("assistant-demo-2026", "a-new-password"))
    guard.password_action.trigger()
    assert len(answers.errors) == 1
    with demo_db.session() as session:
        tom = next(a for a in passwords.accounts(session) if a.name == ASSISTANT)
        assert passwords.verify(session, tom.id, "a-new-password").name == ASSISTANT


def test_password_dialogs_check_what_was_typed(qtbot: QtBot) -> None:
    dialog = PasswordDialog("Withdraw a signature", "Why?", [Signer(1, "Priya Shah", "Exams officer")], reason=True)
    qtbot.addWidget(dialog)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.accept()
    assert dialog.result_fields is None and "Give a reason" in dialog.problem.text()
    dialog.reason.setText("  Wrong   meeting ")
    dialog.accept()
    assert "Type the password of Priya Shah" in dialog.problem.text()
    dialog.password.setText("secret-words")
    dialog.accept()
    assert dialog.result_fields == password_dialog.PasswordAnswer(1, "secret-words", "Wrong meeting")

    new = NewPasswordDialog("Priya Shah", changing=True)
    qtbot.addWidget(new)
    new.current.setText("old-password")
    new.new.setText("short")
    new.accept()
    assert "at least 8 characters" in new.problem.text()
    new.new.setText("long-enough-now")
    new.repeat.setText("long-enough-n0w")
    new.accept()
    assert "not the same" in new.problem.text() and new.result_fields is None
    new.repeat.setText("long-enough-now")
    new.accept()
    assert new.result_fields == NewPassword("old-password", "long-enough-now")


def test_dialog_runs_through_the_replaceable_function(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fill(dialog: PasswordDialog) -> bool:
        seen.append(dialog.windowTitle())
        dialog.password.setText("typed")
        dialog.accept()
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", fill)
    answer = REAL_ASK_PASSWORD(None, "Sign in", "Who?", [Signer(7, "Daniel O'Connor")], action="Sign in")
    assert seen == ["Sign in"] and answer == password_dialog.PasswordAnswer(7, "typed", "")


def test_a_line_managers_first_password_is_refused_without_the_setup_code(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, answers: Answers, demo_db: Database) -> None:
    """The fault trial: with nobody signed in, anyone at the desk set a line manager's first
    password and could sign as them. Now it takes the one-time setup code, and the try is logged."""
    with demo_db.session() as session:
        manager = next(a for a in passwords.accounts(session) if a.role == "line_manager")
        session.get(Person, manager.id).password_hash = None
    monkeypatch.setattr(password_dialog, "ask_new_password", lambda *_a: NewPassword(None, "managers-first-1"))
    monkeypatch.setattr(getpass, "getuser", lambda: "office-login")
    answers.choice = "Daniel O'Connor (Line manager)"
    sign_in.guard(window).password_action.trigger()
    assert len(answers.errors) == 1 and "needs the one-time setup code" in answers.errors[0]
    assert 'eoffice password reset "Daniel O\'Connor"' in answers.errors[0]
    logged = window.context.read(audit.entries)
    entry = next(e for e in logged if e.entity_id == str(manager.id))  # type: ignore[attr-defined]
    assert (entry.actor, entry.action, entry.summary) == (
        "office-login", "refuse", "someone who was not signed in tried to set the first password of Daniel O'Connor "
        "(line manager) without a setup code; refused")
    with demo_db.session() as session:
        assert not passwords.has_password(session, manager.id)
