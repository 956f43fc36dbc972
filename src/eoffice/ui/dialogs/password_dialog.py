"""Asking for a person's own password: to sign a document, to withdraw a signature, to
sign in, and to set or change one's own password.

The dialogs only gather what was typed and check that it is complete; whether the
password is right is the domain's answer (``passwords.verify``), given by the caller in
its own unit of work. Every question goes through ``ask_password`` or
``ask_new_password``, which tests replace, and every dialog through ``ask.run_dialog``.
The password is never shown, stored or logged here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6 import QtCore  # ``QtCore.Qt`` where used, not imported: on the way to the first paint (``MainWindow.set_shortcuts``)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from eoffice.errors import InputError
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.form_dialog import OK, FormDialog

MIN_LENGTH = 8  # the domain's rule (passwords.MIN_LENGTH), checked early to say it sooner


def new_password_problem(new: str, repeat: str) -> str | None:
    """What is wrong with a new password typed twice, in plain words; None when it will do.
    Every window that sets a password asks this one question."""
    if len(new) < MIN_LENGTH:
        return f"The new password must be at least {MIN_LENGTH} characters long."
    if not new.strip():
        return "The new password cannot be only spaces."
    if new != repeat:
        return "The two new passwords are not the same; type it again."
    return None

@dataclass(frozen=True)
class Signer:
    """Someone who may answer: shown as "name (role)"."""

    id: int
    name: str
    role: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class PasswordAnswer:
    person_id: int
    password: str
    reason: str = ""


@dataclass(frozen=True)
class NewPassword:
    current: str | None
    new: str


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setMaxLength(1024)
    return edit


class PasswordDialog(FormDialog[PasswordAnswer]):
    """Who is answering, their password and, to withdraw a signature, the reason."""

    def __init__(self, title: str, message: str, people: Sequence[Signer], *, chosen: int | None = None,
                 reason: bool = False, action: str = "Sign", parent: QWidget | None = None) -> None:
        super().__init__(title, parent, problem="Problem with the answer", width=460, ok=OK, action=action)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message.setAccessibleName("What you are asked to confirm")
        self.message.setMaximumWidth(620)
        self.person = QComboBox()
        self.person.setAccessibleName("Person")
        for signer in people:
            self.person.addItem(signer.label, signer.id)
        if chosen is not None and self.person.findData(chosen) >= 0:
            self.person.setCurrentIndex(self.person.findData(chosen))
        self.person.setEnabled(len(people) > 1)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("Why the signature is withdrawn (kept in the audit log)")
        self.password = _password_edit("Password")

        form = QFormLayout()
        form.addRow("&Who:", self.person)
        if reason:
            form.addRow("&Reason:", self.reason)
        form.addRow("&Password:", self.password)
        self.lay_out(self.message, form, problem_in=form)
        self._wants_reason = reason
        (self.reason if reason else self.password).setFocus()

    def checked(self) -> PasswordAnswer:
        if self.person.currentData() is None:
            raise InputError("There is nobody to choose: set up the people and their passwords first.")
        if self._wants_reason and not self.reason.text().strip():
            raise InputError("Give a reason for withdrawing the signature; it is kept in the audit log.")
        if not self.password.text():
            raise InputError(f"Type the password of {self.person.currentText()}.")
        return PasswordAnswer(int(self.person.currentData()), self.password.text(), " ".join(self.reason.text().split()))


def ask_password(parent: QWidget | None, title: str, message: str, people: Sequence[Signer], *,
                 chosen: int | None = None, reason: bool = False, action: str = "Sign") -> PasswordAnswer | None:
    """Who answers and their password (and a reason), or None when cancelled. Tests replace this."""
    dialog = PasswordDialog(title, message, people, chosen=chosen, reason=reason, action=action, parent=parent)
    if ask.run_dialog(dialog):
        return dialog.result_fields
    return None


class NewPasswordDialog(FormDialog[NewPassword]):
    """A person sets their own password: the current one first when changing it."""

    def __init__(self, name: str, changing: bool, parent: QWidget | None = None) -> None:
        title = "Change my password" if changing else "Set my password"
        super().__init__(title, parent, problem="Problem with the new password", width=420)
        intro = QLabel(f"{name}: choose a password only you know, at least {MIN_LENGTH} characters long. "
                       "It is asked for each time you sign, and when eoffice is locked.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About passwords")
        self.current = _password_edit("Current password")
        self.new = _password_edit("New password")
        self.repeat = _password_edit("New password again")
        form = QFormLayout()
        if changing:
            form.addRow("&Current password:", self.current)
        form.addRow("&New password:", self.new)
        form.addRow("New password &again:", self.repeat)
        self.lay_out(intro, form, problem_in=form)
        self._changing = changing

    def checked(self) -> NewPassword:
        new = self.new.text()
        if self._changing and not self.current.text():
            raise InputError("Type your current password to change it.")
        if problem := new_password_problem(new, self.repeat.text()):
            raise InputError(problem)
        return NewPassword(self.current.text() if self._changing else None, new)


def ask_new_password(parent: QWidget | None, name: str, changing: bool) -> NewPassword | None:
    dialog = NewPasswordDialog(name, changing, parent)
    if ask.run_dialog(dialog):
        return dialog.result_fields
    return None
