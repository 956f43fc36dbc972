"""At each sign-in: what was signed in your name since you last signed in, and disputing one.

A signature needs its signer's own password, but a password can be watched over a
shoulder, and a first password's setup code passes through the hands of whoever added the
person. So each time someone signs in, eoffice lists the signatures given in their name
since their previous sign-in (all of them, the first time), and they can dispute any that
is not theirs, with a reason: the domain (``standards.dispute_signature``) marks it, keeps
it, stops counting it and writes it to the audit log; every export says "disputed by <name>
on <date>". Nothing is shown when there is nothing new.

The list is answered through ``ask_disputes``, which tests replace; the dialog runs through
``ask.run_dialog``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from eoffice.errors import EofficeError, InputError
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.form_dialog import OK, FormDialog

if TYPE_CHECKING:
    from eoffice.domain.accounts import Account
    from eoffice.domain.standards import SignatureNotice
    from eoffice.ui.context import AppContext


@dataclass(frozen=True)
class Disputes:
    signature_ids: tuple[int, ...]  # empty: all of them are mine
    reason: str = ""


class SignedInYourNameDialog(FormDialog[Disputes]):
    """The list, one tick box each ("Not mine"), and why, for the ticked ones."""

    def __init__(self, name: str, notices: Sequence[SignatureNotice], first_time: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__("Signed in your name", parent, problem="Problem with the answer", width=560, ok=OK,
                         action="&Done")
        since = "ever" if first_time else "since you last signed in"
        intro = QLabel(f"{name}, these were signed in your name {since}. If one is not yours (someone else used your "
                       "password or your setup code), tick it and say why: it stops counting, stays on record as "
                       "disputed, and every export says so. Then tell the exams officer or the line manager, and "
                       "change your password.")
        intro.setWordWrap(True)
        intro.setAccessibleName("About the signatures in your name")
        self.boxes: list[tuple[int, QCheckBox]] = []
        rows = QVBoxLayout()
        for notice in notices:
            box = QCheckBox(f"Not mine: {notice.line}")
            box.setAccessibleName(f"Dispute: {notice.line}")
            self.boxes.append((notice.id, box))
            rows.addWidget(box)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why they are not yours")
        self.reason.setPlaceholderText("Why the ticked signatures are not yours (kept in the audit log)")
        reason_label = QLabel("&Why:")
        reason_label.setBuddy(self.reason)
        reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.lay_out(intro, rows, reason_label, self.reason)

    def checked(self) -> Disputes:
        ticked = tuple(signature_id for signature_id, box in self.boxes if box.isChecked())
        reason = " ".join(self.reason.text().split())
        if ticked and not reason:
            raise InputError("Say why the ticked signatures are not yours; it is kept in the audit log.")
        return Disputes(ticked, reason if ticked else "")


def ask_disputes(parent: QWidget | None, name: str, notices: Sequence[SignatureNotice],
                 first_time: bool) -> Disputes | None:
    """Which of ``notices`` are disputed, and why; None when closed. Tests replace this."""
    dialog = SignedInYourNameDialog(name, notices, first_time, parent)
    try:
        return dialog.result_fields if ask.run_dialog(dialog) else None
    finally:
        dialog.deleteLater()


def review(parent: QWidget, context: AppContext, account: Account) -> int:
    """Show the signatures given in ``account``'s name since their previous sign-in; record any
    disputed. Returns how many were disputed."""
    from eoffice.domain import standards

    notices = context.read(lambda s: standards.signatures_in_name_since(s, account.id, account.previous_sign_in))
    if not notices:
        return 0
    answer = ask_disputes(parent, account.name, notices, account.previous_sign_in is None)
    if answer is None or not answer.signature_ids:
        return 0
    if context.read_only:
        ask.error(parent, "Not disputed", "This database is open read-only, so a dispute cannot be recorded here: "
                  "open it where it can be changed and sign in again.")
        return 0
    try:
        with context.session() as session:
            for signature_id in answer.signature_ids:
                standards.dispute_signature(session, signature_id, account.id, answer.reason)
    except EofficeError as error:
        ask.error(parent, "Not disputed", str(error))
        return 0
    return len(answer.signature_ids)
