"""A forgotten password in the window: the reset dialog (an assistant's password only: the exams
officer's and line manager's go to school IT), the code shown once, signing in with it and
choosing a new password first; and refusals by role written to the audit log."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import Account, IssuedCode, password_reset, passwords
from eoffice.ui import forgotten_password, sign_in
from eoffice.ui.dialogs import ask, password_dialog
from eoffice.ui.forgotten_password import CodeDialog, NewPasswordDialog, ResetDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls
from tests.ui.standards_helpers import ASSISTANT, MANAGER, OFFICER, PASSWORDS, Prompts, prompts, signed_out_tab, tab  # noqa: F401 - fixtures for pytest to find

NEW_PASSWORD = "tom-chose-this-1"
_starts = Qt.MatchFlag.MatchStartsWith


class Dialogs:
    """Answers the reset dialogs as a person would, and remembers what they showed."""

    def __init__(self) -> None:
        self.reset: tuple[str, str, str] | None = None  # whose, by whom, their password
        self.new: tuple[str, str] | None = None  # new password, typed again
        self.code_typed: str | None = None
        self.shown: list[str] = []  # the titles
        self.code_field_shown: list[bool] = []
        self.codes: list[str] = []
        self.problems: list[str] = []

    def __call__(self, dialog: QDialog) -> bool:
        self.shown.append(dialog.windowTitle())
        if isinstance(dialog, ResetDialog):
            if self.reset is None:
                return False
            whose, by, password = self.reset
            dialog.whose.setCurrentIndex(dialog.whose.findText(whose, flags=_starts))
            dialog.by.setCurrentIndex(dialog.by.findText(by, flags=_starts))
            dialog.password.setText(password)
            dialog.accept()
            return dialog.result_fields is not None
        if isinstance(dialog, CodeDialog):
            self.codes.append(dialog.code.text())
            dialog.accept()
            return True
        if isinstance(dialog, NewPasswordDialog):
            self.code_field_shown.append(dialog.code.isVisibleTo(dialog))
            if self.new is None:
                return False
            if self.code_typed is not None:
                dialog.code.setText(self.code_typed)
            dialog.new.setText(self.new[0])
            dialog.repeat.setText(self.new[1])
            dialog.accept()
            if dialog.result_fields is None:
                self.problems.append(dialog.problem.text())
            return dialog.result_fields is not None
        raise AssertionError(f"unexpected dialog {dialog!r}")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    given = Dialogs()
    monkeypatch.setattr(ask, "run_dialog", given)
    return given


def _summaries(window: MainWindow, limit: int = 6) -> list[str]:
    return [e.summary for e in window.context.read(lambda s: audit.entries(s, limit=limit))]  # type: ignore[union-attr]


def _account(db: Database, name: str) -> Account:
    with db.session() as session:
        return next(a for a in passwords.accounts(session) if a.name == name)


def _reset_tom(window: MainWindow, dialogs: Dialogs) -> str:
    dialogs.reset = (ASSISTANT, MANAGER, PASSWORDS[MANAGER])
    sign_in.guard(window).reset_action.trigger()
    assert dialogs.codes, "the code was not shown"
    return dialogs.codes[-1]


def test_the_line_manager_resets_and_the_assistant_signs_in_with_the_code(
        window: MainWindow, dialogs: Dialogs, prompts: Prompts, answers: Answers, demo_db: Database) -> None:
    guard = sign_in.guard(window)
    assert guard.reset_action in window.menuBar().actions()[0].menu().actions()  # File > Reset a forgotten password…
    code = _reset_tom(window, dialogs)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code)
    assert answers.errors == []
    assert _summaries(window, 1)[0].startswith("password of Tom Barker (exams assistant) reset by Daniel O'Connor "
                                               "(line manager); a one-time reset code was issued")
    assert all(code not in s for s in _summaries(window, 50))
    assert _account(demo_db, ASSISTANT).reset_pending

    prompts.give(ASSISTANT, PASSWORDS[ASSISTANT])  # the old password no longer works
    assert not guard.sign_in()
    assert answers.errors == ["wrong reset code for Tom Barker"]  # what was typed is taken as the code

    dialogs.new = (NEW_PASSWORD, NEW_PASSWORD)
    prompts.give(ASSISTANT, code.lower())  # the code, typed at sign-in in place of the password
    assert guard.sign_in()
    assert dialogs.code_field_shown == [False]  # the code was typed already: only the new password is asked for
    assert window.signed_in_label.text() == "Signed in as Tom Barker (Exams assistant)"
    assert window.statusBar().currentMessage() == "New password set for Tom Barker; signed in"
    assert _summaries(window, 1) == ["reset code used by Tom Barker (exams assistant); new password set"]
    assert not _account(demo_db, ASSISTANT).reset_pending

    guard.lock_action.trigger()
    prompts.give(ASSISTANT, code)  # used once: it does not work again
    assert not guard.sign_in()
    prompts.give(ASSISTANT, NEW_PASSWORD)
    assert guard.sign_in()


def test_an_officer_reset_by_school_it_signs_in_with_the_code(
        window: MainWindow, dialogs: Dialogs, prompts: Prompts, answers: Answers, demo_db: Database) -> None:
    officer = _account(demo_db, OFFICER)
    with demo_db.session() as session:  # what `eoffice password reset "Priya Shah"` does
        code = password_reset.reset_from_command_line(session, officer.id, os_user="itadmin", host="office-pc").code
    dialogs.new = (NEW_PASSWORD, NEW_PASSWORD)
    prompts.give(OFFICER, code)
    assert sign_in.guard(window).sign_in()
    assert answers.errors == [] and window.signed_in_label.text() == "Signed in as Priya Shah (Exams officer)"
    assert _summaries(window, 1) == ["reset code used by Priya Shah (exams officer); new password set"]


def test_the_sign_in_prompt_mentions_the_reset_code_only_while_one_is_pending(
        window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    messages: list[str] = []
    monkeypatch.setattr(password_dialog, "ask_password", lambda _p, _t, message, *_a, **_k: messages.append(
        message))
    guard = sign_in.guard(window)
    guard.sign_in()
    _reset_tom(window, dialogs)
    guard.sign_in()
    assert messages == ["Choose who you are and type your own password.",
                        "Choose who you are and type your own password. If your password was reset, type the "
                        "reset code you were given."]


def test_a_wrong_code_is_refused_before_a_new_password_is_asked_for(
        window: MainWindow, dialogs: Dialogs, prompts: Prompts, answers: Answers) -> None:
    _reset_tom(window, dialogs)
    dialogs.new = (NEW_PASSWORD, NEW_PASSWORD)
    prompts.give(ASSISTANT, "AAAA-BBBB-CCCC")
    assert not sign_in.guard(window).sign_in()
    assert answers.errors == ["wrong reset code for Tom Barker"]
    assert "Choose a new password" not in dialogs.shown
    assert _summaries(window, 1) == ["wrong reset code for Tom Barker (exams assistant) to choose a new password: "
                                     "1 in a row"]


def test_without_a_new_password_the_code_does_not_sign_anyone_in(
        window: MainWindow, dialogs: Dialogs, prompts: Prompts, answers: Answers, demo_db: Database) -> None:
    code = _reset_tom(window, dialogs)
    prompts.give(ASSISTANT, code)
    assert not sign_in.guard(window).sign_in()  # the new-password dialog was cancelled
    assert dialogs.shown[-1] == "Choose a new password" and answers.errors == []
    assert sign_in.current(window.context) is None
    assert _account(demo_db, ASSISTANT).reset_pending  # the code still works, once


def test_a_wrong_resetter_password_shows_no_code_and_resets_nothing(
        window: MainWindow, dialogs: Dialogs, answers: Answers, demo_db: Database) -> None:
    dialogs.reset = (ASSISTANT, MANAGER, "not-the-managers")
    sign_in.guard(window).reset_action.trigger()
    assert answers.errors == ["wrong password for Daniel O'Connor"]
    assert dialogs.codes == []
    assert not _account(demo_db, ASSISTANT).reset_pending
    assert _summaries(window, 1) == ["wrong password for Daniel O'Connor (line manager) to reset the password of "
                                     "Tom Barker: 1 in a row"]


def test_the_reset_dialog_offers_only_who_may_reset_and_says_so(qtbot: QtBot, demo_db: Database) -> None:
    with demo_db.session() as session:
        accounts = passwords.accounts(session)
    dialog = ResetDialog(accounts)
    qtbot.addWidget(dialog)

    def offered(whose: str) -> list[str]:
        dialog.whose.setCurrentIndex(dialog.whose.findText(whose, flags=_starts))
        return [dialog.by.itemText(i) for i in range(dialog.by.count())]

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert ("The exams officer's and line manager's passwords are reset by school IT: eoffice password reset NAME"
            in texts)
    assert dialog.whose.currentText() == "Tom Barker (Exams assistant)"  # the one that can be reset here
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # The officer and the line manager sign the same Standards: neither resets the other's.
    assert offered(OFFICER) == [] and offered(MANAGER) == []
    assert dialog.rule.text() == ("Nobody can reset the line manager's password in the window: school IT resets it "
                                  "on the command line with eoffice password reset \"Daniel O'Connor\".")
    assert not ok.isEnabled() and not dialog.password.isEnabled()
    dialog.password.setText("typed")
    dialog.accept()
    assert dialog.result_fields is None and "school IT resets it" in dialog.problem.text()
    offered(OFFICER)
    assert 'eoffice password reset "Priya Shah"' in dialog.rule.text()

    assert offered(ASSISTANT) == ["Daniel O'Connor (Line manager)", "Priya Shah (Exams officer)"]
    assert dialog.rule.text() == "Only the line manager or the exams officer can reset this password."
    assert ok.isEnabled() and dialog.password.isEnabled()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.password.clear()
    dialog.accept()
    assert dialog.result_fields is None and "Type the password of Daniel O'Connor" in dialog.problem.text()
    dialog.by.setCurrentIndex(dialog.by.findText(OFFICER, flags=_starts))
    dialog.password.setText("typed")
    dialog.accept()
    assert dialog.result_fields == forgotten_password.ResetRequest(_id(accounts, ASSISTANT), _id(accounts, OFFICER),
                                                                    "typed")
    assert unnamed(visible_controls(dialog)) == []


def _id(accounts: list[Account], name: str) -> int:
    return next(a.id for a in accounts if a.name == name)


def test_the_new_password_dialog_checks_what_was_typed(qtbot: QtBot) -> None:
    dialog = NewPasswordDialog("Priya Shah", ask_code=True)
    qtbot.addWidget(dialog)
    checks: list[tuple[Callable[[], None], str]] = [
        (lambda: None, "Type the reset code you were given."),
        (lambda: dialog.code.setText("abcd-efgh-jkmn"), "at least 8 characters"),
        (lambda: dialog.new.setText("long-enough-1"), "not the same"),
    ]
    for step, problem in checks:
        step()
        dialog.accept()
        assert dialog.result_fields is None and problem in dialog.problem.text()
    dialog.repeat.setText("long-enough-1")
    dialog.accept()
    assert dialog.result_fields == forgotten_password.NewPasswordFromCode("abcd-efgh-jkmn", "long-enough-1")
    assert dialog.new.echoMode() == QLineEdit.EchoMode.Password
    assert unnamed(visible_controls(dialog)) == []


def test_set_my_password_with_a_pending_reset_asks_for_the_code(
        window: MainWindow, dialogs: Dialogs, answers: Answers, demo_db: Database) -> None:
    code = _reset_tom(window, dialogs)
    answers.choice = "Tom Barker (Exams assistant)"
    dialogs.code_typed, dialogs.new = code, (NEW_PASSWORD, NEW_PASSWORD)
    sign_in.guard(window).password_action.trigger()
    assert answers.errors == [] and dialogs.code_field_shown == [True]
    assert window.signed_in_label.text() == "Signed in as Tom Barker (Exams assistant)"
    with demo_db.session() as session:
        assert passwords.verify(session, _account(demo_db, ASSISTANT).id, NEW_PASSWORD).name == ASSISTANT


def test_resetting_the_signed_in_persons_password_signs_them_out(
        window: MainWindow, dialogs: Dialogs, prompts: Prompts) -> None:
    guard = sign_in.guard(window)
    prompts.give(ASSISTANT)
    assert guard.sign_in()
    _reset_tom(window, dialogs)
    assert guard.locked and sign_in.current(window.context) is None
    assert "The password of Tom Barker was reset, so they are signed out" in guard.overlay.message.text()


def test_the_lock_screen_offers_the_reset(window: MainWindow, dialogs: Dialogs, prompts: Prompts) -> None:
    guard = sign_in.guard(window)
    guard.lock()
    dialogs.reset = (ASSISTANT, OFFICER, PASSWORDS[OFFICER])
    guard.overlay.forgotten_button.click()
    assert len(dialogs.codes) == 1
    assert guard.locked  # a reset signs nobody in


def test_a_code_dialog_shows_the_code_once_and_names_its_expiry(qtbot: QtBot, demo_db: Database) -> None:
    issued = IssuedCode(1, "Tom Barker", "ABCD-EFGH-JKMN", datetime(2026, 11, 26, 12))
    dialog = CodeDialog(issued)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Reset code for Tom Barker"
    assert dialog.code.text() == "ABCD-EFGH-JKMN" and dialog.code.accessibleName() == "Reset code"
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "It works once, until 26/11/2026" in texts and "cannot be shown again" in texts


# --- refusals by role in the Standards tab ---------------------------------------------------------

def test_an_assistants_refused_attempts_are_written_to_the_audit_log(
        tab: StandardsTab, window: MainWindow, prompts: Prompts, answers: Answers) -> None:
    prompts.give(ASSISTANT)
    assert sign_in.guard(window).sign_in()
    assert not tab.sign("slt_declaration", "try anyway")
    assert not tab.attempt("Target not added", lambda by: None)
    assert len(answers.errors) == 2 and "assistants can read" in answers.errors[-1]
    entries = window.context.read(lambda s: audit.entries(s, limit=2))  # type: ignore[union-attr]
    assert [(e.action, e.actor) for e in entries] == [("refuse", ASSISTANT)] * 2
    assert [e.summary.split(";")[0] for e in entries] == [
        "Tom Barker (exams assistant) tried to add target in the Professional Standards",
        "Tom Barker (exams assistant) tried to sign the SLT declaration",
    ]
    assert all("assistants can read the Professional Standards but cannot change or sign them" in e.summary
               for e in entries)


def test_signed_out_an_attempt_is_refused_but_not_logged_as_anyones(
        signed_out_tab: StandardsTab, window: MainWindow, answers: Answers) -> None:
    before = _summaries(window, 1)
    assert not signed_out_tab.attempt("Target not added", lambda by: None)
    assert answers.errors[-1].startswith("Nobody is signed in, so the Professional Standards are read-only.")
    assert _summaries(window, 1) == before
