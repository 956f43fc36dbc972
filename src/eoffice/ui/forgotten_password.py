"""A forgotten password in the window: the exams officer or line manager resets an exams
assistant's, and the owner uses the one-time code to choose a new one. The exams
officer's and line manager's own passwords are reset by school IT on the command line
(``eoffice password reset NAME``): they sign the same Standards, so neither may hold a
code that opens the other's account. The dialog says so where they would look for it.

The exams officer's or a line manager's first password needs a one-time setup code too:
when one is added (the Centre tab's details, or the welcome page), ``hand_over_setup_codes``
issues it and shows it once to whoever added them, to hand over; the audit log says who
was signed in then. They sign in with it, like a reset code, and choose their password.

The rules (who may reset whose, the code, expiry, single use, the audit) are the
domain's (``domain.password_reset``); these dialogs only gather what was typed, and each
check runs in a unit of work of its own, because wrong passwords and codes are counted
and committed by the domain. The code is shown once, in ``CodeDialog``, and kept
nowhere: not in a field that outlives the dialog, not in the status bar, not in a log.
Every dialog runs through ``ask.run_dialog``, which tests replace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.accounts import Account, password_reset, passwords, role_word
from eoffice.domain.dates import format_datetime
from eoffice.errors import EofficeError, InputError
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.form_dialog import OK, FormDialog
from eoffice.ui.dialogs.password_dialog import new_password_problem

if TYPE_CHECKING:
    from eoffice.domain.accounts import IssuedCode
    from eoffice.ui.context import AppContext

READ_ONLY = "This database is open read-only, so a password cannot be changed here."


@dataclass(frozen=True)
class ResetRequest:
    person_id: int
    by_person_id: int
    password: str


@dataclass(frozen=True)
class NewPasswordFromCode:
    code: str
    new: str


def _run_once(dialog: QDialog) -> bool:
    """Run, then let the dialog go: what was typed or shown does not linger in hidden widgets."""
    try:
        return ask.run_dialog(dialog)
    finally:
        dialog.deleteLater()


def _label(account: Account) -> str:
    return f"{account.name} ({role_word(account.role).capitalize()})"


def _secret_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setMaxLength(passwords.MAX_LENGTH)
    return edit


class ResetDialog(FormDialog[ResetRequest]):
    """Whose password, who is resetting it, and the resetter's own password."""

    def __init__(self, accounts: Sequence[Account], chosen: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Reset a forgotten password", parent, problem="Problem with the answer", width=500, ok=OK,
                         action="&Reset password")
        intro = QLabel("The exams officer or the line manager resets an exams assistant's forgotten password here, "
                       "with their own password. You do not choose the new password: eoffice shows a one-time reset "
                       "code to give to the person, and they choose a new password when they sign in with it.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About resetting a password")
        elsewhere = QLabel(f"{password_reset.BY_SCHOOL_IT}. They sign the same Professional Standards, so neither "
                           "may reset the other's password here.")
        elsewhere.setWordWrap(True)
        elsewhere.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        elsewhere.setAccessibleName("Who resets the other passwords")
        self.accounts = [a for a in accounts if a.has_password]
        self.whose = QComboBox()
        self.whose.setAccessibleName("Whose password")
        for account in self.accounts:
            self.whose.addItem(_label(account), account.id)
        first = next((a.id for a in self.accounts if password_reset.reset_in_window(a.role)), None)
        chosen = chosen if chosen is not None and self.whose.findData(chosen) >= 0 else first
        if chosen is not None:
            self.whose.setCurrentIndex(self.whose.findData(chosen))
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName("Who can reset this password")
        self.rule.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.by = QComboBox()
        self.by.setAccessibleName("Who is resetting it")
        self.password = _secret_edit("Your password")
        form = QFormLayout()
        form.addRow("&Whose password:", self.whose)
        form.addRow("", self.rule)
        form.addRow("&Reset by:", self.by)
        form.addRow("Your &password:", self.password)
        self.lay_out(intro, elsewhere, form, problem_in=form)
        self.whose.currentIndexChanged.connect(lambda _i: self._whose_changed())
        self._whose_changed()

    def _owner(self) -> Account | None:
        return next((a for a in self.accounts if a.id == self.whose.currentData()), None)

    def _whose_changed(self) -> None:
        """Offer only the people who may reset this password, and say who they are."""
        owner = self._owner()
        self.by.clear()
        here = owner is not None and password_reset.reset_in_window(owner.role)
        self.password.setEnabled(here)
        self.accept_button.setEnabled(here)
        if owner is None:
            self.rule.setText("Nobody has set a password yet, so there is nothing to reset.")
            self.by.setEnabled(False)
            return
        self.rule.setText(password_reset.who_may_reset(owner.role, owner.name))
        for account in self.accounts:
            if (account.id != owner.id and not account.reset_pending
                    and password_reset.may_reset(account.role, owner.role)):
                self.by.addItem(_label(account), account.id)
        self.by.setEnabled(self.by.count() > 1)

    def checked(self) -> ResetRequest:
        owner = self._owner()
        if owner is None:
            raise InputError("Nobody has set a password yet, so there is nothing to reset.")
        if not password_reset.reset_in_window(owner.role):
            raise InputError(password_reset.who_may_reset(owner.role, owner.name))
        if self.by.currentData() is None:
            raise InputError(f"{password_reset.who_may_reset(owner.role)} Nobody in that role has a password of "
                             "their own in eoffice yet.")
        if not self.password.text():
            raise InputError(f"Type the password of {self.by.currentText()}, to show it is you.")
        return ResetRequest(owner.id, int(self.by.currentData()), self.password.text())


class CodeDialog(QDialog):
    """The reset (or setup) code, shown this once, large enough to read out or copy down."""

    def __init__(self, issued: IssuedCode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        kind = issued.kind.capitalize()
        self.setWindowTitle(f"{kind} for {issued.name}")
        self.setAccessibleName(kind)
        self.setMinimumWidth(480)
        before = QLabel(f"{issued.name} ({role_word(issued.role)}) needs this one-time setup code to choose their "
                        "first password: the password that signs the Professional Standards in their name. Give it "
                        "to them in person:" if issued.first else
                        f"The password of {issued.name} has been reset. Give them this reset code in person:")
        before.setWordWrap(True)
        self.code = QLabel(issued.code)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10) * 2)
        font.setWeight(QFont.Weight.Bold)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.code.setAccessibleName(kind)
        self.code.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        until = format_datetime(issued.valid_until_local)
        after = QLabel(f"It works once, until {until}. {issued.name} signs in with it instead of a password and "
                       "chooses their own password straight away; at each sign-in they see what was signed in "
                       "their name.\n\neoffice does not keep the code, so it cannot be shown again: if it is lost, "
                       f"school IT issues a new one with {password_reset.command_for(issued.name)}."
                       if issued.first else
                       f"It works once, until {until}. {issued.name} signs in "
                       "with it instead of a password and must choose a new password straight away. Their "
                       "signatures already given stay valid.\n\neoffice does not keep the code, so it cannot be "
                       "shown again: if it is lost, reset the password again.")
        after.setWordWrap(True)
        after.setAccessibleName("What to do with the code")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        done = buttons.button(QDialogButtonBox.StandardButton.Ok)
        done.setText("&Done")
        done.setAccessibleName("Done")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(before)
        layout.addWidget(self.code)
        layout.addWidget(after)
        layout.addWidget(buttons)


class NewPasswordDialog(FormDialog[NewPasswordFromCode]):
    """The owner, signing in with the reset (or setup) code, chooses their new password now."""

    def __init__(self, name: str, *, ask_code: bool, first: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("Choose your password" if first else "Choose a new password", parent,
                         problem="Problem with the answer", width=460, ok=OK, action="&Save and sign in")
        kind = "setup code" if first else "reset code"
        intro = QLabel(f"{name}, choose your password: one only you know, at least {passwords.MIN_LENGTH} "
                       "characters long. It opens your signing key, so nobody else can sign in your name. The setup "
                       "code will not work again." if first else
                       f"{name}, your password was reset. Choose a new password only you know, at least "
                       f"{passwords.MIN_LENGTH} characters long, before doing anything else. The reset code will "
                       "not work again.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About the new password")
        self.code = QLineEdit()
        self.code.setAccessibleName(kind.capitalize())
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.new = _secret_edit("New password")
        self.repeat = _secret_edit("New password again")
        form = QFormLayout()
        if ask_code:
            form.addRow(f"{kind.capitalize().replace('code', '&code')}:", self.code)
        form.addRow("&New password:", self.new)
        form.addRow("New password &again:", self.repeat)
        self.lay_out(intro, form, problem_in=form)
        self._ask_code, self._kind = ask_code, kind

    def checked(self) -> NewPasswordFromCode:
        new, code = self.new.text(), self.code.text()
        if self._ask_code and not password_reset.normalise_code(code):
            raise InputError(f"Type the {self._kind} you were given.")
        if problem := new_password_problem(new, self.repeat.text()):
            raise InputError(problem)
        return NewPasswordFromCode(code, new)


# --- the workflows ----------------------------------------------------------------------------------

def pending(context: AppContext) -> dict[int, Account]:
    """The accounts whose password was reset and not yet replaced, by id."""
    return {a.id: a for a in context.read(passwords.accounts) if a.reset_pending}


def reset_someone(parent: QWidget, context: AppContext, *, chosen: int | None = None) -> IssuedCode | None:
    """Ask whose password and who resets it; on success show the code once."""
    if context.read_only:
        ask.error(parent, "Password not reset", READ_ONLY)
        return None
    accounts: list[Account] = context.read(passwords.accounts)
    dialog = ResetDialog(accounts, chosen, parent)
    if not _run_once(dialog) or dialog.result_fields is None:
        return None
    request = dialog.result_fields
    try:
        with context.session() as session:  # its own unit: a wrong password is counted and kept
            issued = password_reset.reset_password(session, request.person_id, request.by_person_id, request.password)
    except EofficeError as error:
        ask.error(parent, "Password not reset", str(error))
        return None
    _run_once(CodeDialog(issued, parent))
    return issued


def sign_in_with_code(parent: QWidget, context: AppContext, account: Account, code: str | None) -> Account | None:
    """The owner of a reset password: check the code, then a new password, before anything else.

    ``code`` is what they typed at sign-in; None asks for it with the new password.
    """
    if context.read_only:
        ask.error(parent, "Not signed in", READ_ONLY)
        return None
    if code is not None:
        try:
            with context.session() as session:  # a wrong code says so before a new password is asked for
                password_reset.check_code(session, account.id, code)
        except EofficeError as error:
            ask.error(parent, "Not signed in", str(error))
            return None
    dialog = NewPasswordDialog(account.name, ask_code=code is None, first=account.first_password, parent=parent)
    if not _run_once(dialog) or dialog.result_fields is None:
        return None
    answer = dialog.result_fields
    try:
        with context.session() as session:
            return password_reset.use_code(session, account.id, code if code is not None else answer.code,
                                           answer.new)
    except EofficeError as error:
        ask.error(parent, "New password not set", str(error))
        return None


# --- a new signer's first password ----------------------------------------------------------------

def new_signers(context: AppContext, known: set[int]) -> list[Account]:
    """Exams officers and line managers added since ``known`` (ids) who have no password or code yet."""
    return [a for a in context.read(passwords.accounts)
            if a.id not in known and a.role in passwords.SIGNER_ROLES and not a.has_password]


def hand_over_setup_codes(parent: QWidget, context: AppContext, added: Sequence[Account],
                          adder: Account | None) -> list[IssuedCode]:
    """A setup code for each signer just added, shown once to whoever added them, to hand over."""
    if context.read_only or not added:
        return []
    how = ("when they were added, while " + f"{adder.name} ({role_word(adder.role)}) was signed in" if adder else
           "when they were added, with nobody signed in")
    issued = []
    try:
        with context.session() as session:
            issued = [password_reset.issue_setup_code(session, a.id, how=how,
                                                      actor=adder.name if adder else None) for a in added]
    except EofficeError as error:
        ask.error(parent, "No setup code", str(error))
        return []
    for code in issued:
        _run_once(CodeDialog(code, parent))
    return issued
