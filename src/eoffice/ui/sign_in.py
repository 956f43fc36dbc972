"""Who is using eoffice: the optional sign-in when a database opens, the lock after idle
minutes, signing out, and setting one's own password.

* Who is signed in belongs to the open database (its people sign in), so it is kept in
  a ``SignedIn`` object that is a child of the ``AppContext``; tabs read it with
  ``current(context)`` and refresh on its ``changed`` signal. The audit log names that
  person (``audit.set_actor``).
* The window's ``Guard`` is an event filter on the QApplication (only while someone is
  signed in with a lock set, or while locked): every key press, click, wheel turn or
  mouse move restarts a single-shot QTimer of ``accounts.lock_after_idle_minutes``;
  when it fires the window locks.
* Locked, the data is hidden (the tabs are hidden, not just covered), a lock screen
  (``ui.lock_screen``) covers the whole window, menus and toolbars are disabled and no shortcut reaches the
  window; only its "Sign in…" button works. Locking also signs out: whoever signs in
  next, with their own password, is the one the window acts for.
* With ``accounts.sign_in_on_open`` on, a database opens locked; ``at_start`` then asks
  for the password at once.
* A forgotten password is reset by someone else (File menu or lock screen: an exams
  assistant's, by the officer or line manager; theirs, by school IT on the command line); its
  owner signs in with the one-time code and chooses a new password first
  (``ui.forgotten_password``).
* When someone else signs in, the undo history is cleared: an undo replays a change as the
  person who made it, so it must not pass to the next person at the desk.
* Setting a first password says who was signed in (``passwords.set_password``). The
  exams officer's or a line manager's first password needs a one-time setup code: when
  one is added (the Centre tab, the welcome page: a change to ``areas.CENTRE`` with a new
  signer in it), the code is issued and shown once to whoever added them, to hand over
  (``forgotten_password.hand_over_setup_codes``); they sign in with it like a reset code.
* Each sign-in lists what was signed in that person's name since their previous sign-in,
  and they can dispute any of it (``ui.sign_in_review``).

Every password check is its own unit of work, before anything else changes: a wrong
password is counted and committed by the domain, and slowed after repeated failures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolBar

from eoffice.domain.words import plural
from eoffice.errors import EofficeError
from eoffice.ui import hotkeys
from eoffice.ui.dialogs import ask

if TYPE_CHECKING:  # and imported where used: the File menu's actions are made before the first paint
    from eoffice.domain.accounts import Account
    from eoffice.ui.context import AppContext
    from eoffice.ui.dialogs.password_dialog import Signer
    from eoffice.ui.lock_screen import LockScreen
    from eoffice.ui.main_window import MainWindow

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
ROLE_WORDS = {"exams_officer": "Exams officer", "exams_assistant": "Exams assistant", "line_manager": "Line manager"}


class SignedIn(QObject):
    """The person signed in to one open database (None: nobody)."""

    changed = Signal()

    def __init__(self, parent: AppContext) -> None:
        super().__init__(parent)
        self._context = parent  # whose undo history goes when someone else signs in
        self.account: Account | None = None
        self.undo_owner: int | None = None  # whose changes the undo history holds (None: nobody signed in)

    def set(self, account: Account | None) -> None:
        """When someone else signs in, what was done before is not theirs to undo or redo
        (an undo replays the change as the person who made it), so the undo history goes."""
        from eoffice.domain import audit

        if account is not None and account.id != self.undo_owner:
            self.undo_owner = account.id
            self._context.undo_stack.clear()
        self.account = account
        audit.set_actor(account.name if account else None)
        self.changed.emit()


def signed_in(context: AppContext) -> SignedIn:
    found = context.findChild(SignedIn)
    return found if isinstance(found, SignedIn) else SignedIn(context)


def current(context: AppContext) -> Account | None:
    return signed_in(context).account


def describe(account: Account) -> str:
    return f"{account.name} ({ROLE_WORDS.get(account.role, account.role)})"


def check_password(context: AppContext, person_id: int, password: str) -> Account:
    """The person's password, checked in a unit of its own; raises ``PasswordRefused``."""
    from eoffice.domain.accounts import passwords

    if context.read_only:  # nothing can be kept: check without committing
        return context.read(lambda s: passwords.sign_in(s, person_id, password))
    with context.session() as session:
        return passwords.sign_in(session, person_id, password)


class Guard(QObject):
    """One per window: its account actions, the idle timer and the lock screen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.context: AppContext | None = None
        self.locked = False
        self.last_id: int | None = None  # who to offer first on the lock screen
        self.minutes = 0
        self.overlay: LockScreen | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle_timeout)
        self.sign_in_action = self._action("Sign &in…", self.sign_in)
        self.lock_action = self._action("Sign &out / Lock", lambda: self.lock("signed out"), hotkeys.LOCK)
        self.password_action = self._action("Set my &password…", self.set_my_password)
        self.reset_action = self._action("&Reset a forgotten password…", self.reset_password)
        self._watching = False
        self.known_people: set[int] = set()  # account holders already there: a new signer gets a setup code

    def _watch(self, on: bool) -> None:
        """Filter the application's events only while counting idle time or locked."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            self.window.shortcut(action, shortcut)  # kept back while the window first shows
        action.triggered.connect(slot)
        action.setEnabled(False)
        return action

    @property
    def actions(self) -> list[QAction]:
        return [self.sign_in_action, self.lock_action, self.password_action, self.reset_action]

    # --- a database opens ------------------------------------------------------------

    def attach(self, context: AppContext) -> None:
        # Plain reads: the window is locked or not before its first tab is painted (``eoffice.db.plain``).
        from eoffice.domain import settings
        from eoffice.domain.accounts.account_reads import accounts
        from eoffice.domain.audit_actor import set_actor

        if self.context is not None and self.context is not context:
            signed_in(self.context).changed.disconnect(self.show_who)
            self.context.changed.disconnect(self._area_changed)
        self.context = context
        self.timer.stop()
        signed_in(context).changed.connect(self.show_who)
        context.changed.connect(self._area_changed)
        set_actor(None)
        self._unlock_view()
        found, everyone = context.read_plain(lambda reader: (
            settings.get_many(reader, ("accounts.sign_in_on_open", "accounts.lock_after_idle_minutes")),
            accounts(reader),
        ))
        on_open, minutes = bool(found["accounts.sign_in_on_open"]), int(found["accounts.lock_after_idle_minutes"] or 0)
        anyone = any(a.has_password for a in everyone)
        self.known_people = {a.id for a in everyone}
        self.minutes = max(0, minutes)
        if on_open and anyone:
            self.lock("start")
        elif on_open:
            self.window.statusBar().showMessage(
                "Sign-in is switched on, but nobody has set a password yet: use File > Set my password…", 15000)
        self.show_who()

    def accounts(self) -> list[Signer]:
        from eoffice.domain.accounts import passwords

        assert self.context is not None
        found = self.context.read(passwords.accounts)
        from eoffice.ui.dialogs.password_dialog import Signer

        return [Signer(a.id, a.name, ROLE_WORDS.get(a.role, a.role)) for a in found if a.has_password]

    # --- signing in and out -------------------------------------------------------------

    def sign_in(self) -> bool:
        """Ask who and their password; True when someone signed in."""
        from eoffice.ui import forgotten_password  # loads SQLAlchemy: on first use, not at start-up

        if self.context is None:
            return False
        people = self.accounts()
        if not people:
            ask.error(self.window, "Nobody can sign in",
                      "Nobody has set a password yet: use File > Set my password… first.")
            return False
        officer = next((p.id for p in people if p.role == ROLE_WORDS["exams_officer"]), None)
        reset = forgotten_password.pending(self.context)
        message = "Choose who you are and type your own password." + (
            " If your password was reset, type the reset code you were given." if any(
                not a.first_password for a in reset.values()) else "") + (
            " Signing in for the first time, type the setup code you were given." if any(
                a.first_password for a in reset.values()) else "")
        from eoffice.ui.dialogs import password_dialog

        answer = password_dialog.ask_password(self.window, "Sign in", message, people,
                                              chosen=self.last_id or officer, action="Sign in")
        if answer is None:
            return False
        found: Account | None = None
        if answer.person_id in reset:  # they typed the reset code: a new password now, then signed in
            found = forgotten_password.sign_in_with_code(self.window, self.context, reset[answer.person_id],
                                                         answer.password)
        else:
            try:
                found = check_password(self.context, answer.person_id, answer.password)
            except EofficeError as error:
                ask.error(self.window, "Not signed in", str(error))
        self._enter(found, answer.person_id in reset)
        return found is not None

    def lock(self, why: str = "signed out") -> None:
        """Hide the data and sign out; someone must sign in with their password to go on."""
        if self.context is None or self.locked:
            return
        if not self.accounts():
            ask.error(self.window, "Cannot lock", "Nobody has set a password yet, so nobody could unlock "
                      "eoffice again: use File > Set my password… first.")
            return
        state = signed_in(self.context)
        if state.account is not None:
            self.last_id = state.account.id
        messages = {
            "start": "Sign in with your own password to open this database.",
            "idle": f"eoffice was not used for {plural(self.minutes, 'minute')}, "
                    "so it locked itself. Sign in again to go on.",
            "signed out": "You signed out. Sign in with your own password to go on.",
        }
        self.timer.stop()
        self.locked = True
        from eoffice.ui.lock_screen import LockScreen

        self.overlay = LockScreen(self.window, messages.get(why, why))
        self.overlay.sign_in_button.clicked.connect(self.sign_in)
        self.overlay.forgotten_button.clicked.connect(self.reset_password)
        self.overlay.setGeometry(self.window.rect())
        self.window.tabs.hide()
        self._enable_chrome(False)
        self.overlay.show()
        self.overlay.raise_()
        self.overlay.sign_in_button.setFocus()
        self._watch(True)
        state.set(None)

    def idle_timeout(self) -> None:
        if self.context is not None and current(self.context) is not None:
            self.lock("idle")

    def _arm(self) -> None:
        """Start counting idle time, when someone is signed in and a lock is set."""
        if self.minutes and self.context is not None and current(self.context) is not None and not self.locked:
            self.timer.setInterval(self.minutes * 60_000)
            self.timer.start()
            self._watch(True)
        else:
            self.timer.stop()
            self._watch(self.locked)

    def _unlock_view(self) -> None:
        self.locked = False
        self._watch(False)
        if self.overlay is not None:
            self.overlay.hide()
            self.overlay.deleteLater()
            self.overlay = None
        self.window.tabs.show()
        self._enable_chrome(True)

    def _enable_chrome(self, enabled: bool) -> None:
        self.window.menuBar().setEnabled(enabled)
        for bar in self.window.findChildren(QToolBar):
            if bar.window() is self.window:
                bar.setEnabled(enabled)

    def show_who(self) -> None:
        account = current(self.context) if self.context is not None else None
        label = getattr(self.window, "signed_in_label", None)
        if label is not None:
            label.setText("Locked" if self.locked else
                          f"Signed in as {describe(account)}" if account else "Not signed in")
        has_db = self.context is not None and not self.locked
        self.sign_in_action.setEnabled(has_db and account is None)
        self.lock_action.setEnabled(has_db)
        writable = self.window.context is not None and not self.window.context.read_only
        self.password_action.setEnabled(has_db and writable)
        self.reset_action.setEnabled(self.password_action.isEnabled())

    # --- one's own password ---------------------------------------------------------------

    def set_my_password(self) -> None:
        from eoffice.domain.accounts import passwords
        from eoffice.ui import forgotten_password  # loads SQLAlchemy: on first use, not at start-up

        if self.context is None:
            return
        context = self.context
        account = signed = current(context)
        if account is None:
            everyone = context.read(passwords.accounts)
            if not everyone:
                ask.error(self.window, "Nobody has an account", "Add the exams officer, exams assistant or line "
                          "manager in the Centre tab first.")
                return
            labels = {f"{a.name} ({ROLE_WORDS.get(a.role, a.role)})": a for a in everyone}
            chosen = ask.choose(self.window, "Set my password", "Whose password is it?", list(labels))
            if chosen is None:
                return
            account = labels[chosen]
        if account.reset_pending:  # the code, then a new password; that signs them in
            self._enter(forgotten_password.sign_in_with_code(self.window, context, account, None), True)
            return
        from eoffice.ui.dialogs import password_dialog

        answer = password_dialog.ask_new_password(self.window, account.name, account.has_password)
        if answer is None:
            return
        try:
            with context.session() as session:  # its own unit: a wrong current password is counted
                passwords.set_password(session, account.id, answer.new, current=answer.current,
                                       signed_in=signed.id if signed else None)
        except EofficeError as error:
            ask.error(self.window, "Password not set", str(error))
            return
        self.window.statusBar().showMessage(f"Password set for {account.name}", 8000)

    def reset_password(self) -> None:
        """Someone else resets a password; if it was the signed-in person's, they are signed out."""
        from eoffice.ui import forgotten_password  # loads SQLAlchemy: on first use, not at start-up

        if self.context is None:
            return
        account = current(self.context)
        issued = forgotten_password.reset_someone(self.window, self.context)
        if issued is not None and account is not None and account.id == issued.person_id:
            self.lock(f"The password of {issued.name} was reset, so they are signed out. They sign in with "
                      "the reset code; anyone else with their own password.")

    def _enter(self, account: Account | None, new_password: bool = False) -> None:
        """Signed in (None: not): show the data, name them in the audit log, count idle time."""
        if account is None or self.context is None:
            return
        from eoffice.ui import areas, sign_in_review  # on first use, not at start-up

        self.last_id = account.id
        self._unlock_view()
        signed_in(self.context).set(account)
        self._arm()
        if new_password:
            self.window.statusBar().showMessage(f"New password set for {account.name}; signed in", 8000)
        if sign_in_review.review(self.window, self.context, account):
            self.context.changed.emit(areas.STANDARDS)

    # --- people added -------------------------------------------------------------------------

    def _area_changed(self, area: str) -> None:
        """The centre's people changed: a new exams officer or line manager gets a setup code."""
        from eoffice.ui import areas

        if area != areas.CENTRE or self.context is None:
            return
        from eoffice.domain.accounts import passwords
        from eoffice.ui import forgotten_password  # loads SQLAlchemy: on first use, not at start-up

        context = self.context
        added = forgotten_password.new_signers(context, self.known_people)
        self.known_people |= {a.id for a in context.read(passwords.accounts)}
        forgotten_password.hand_over_setup_codes(self.window, context, added, current(context))

    # --- the idle timer and the lock ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS and self.timer.isActive():
            self.touch()
        elif self.locked and kind == QEvent.Type.Shortcut and self._belongs_here(watched):
            return True  # no menu or tab shortcut behind the lock screen
        elif kind == QEvent.Type.Resize and watched is self.window and self.overlay is not None:
            self.overlay.setGeometry(self.window.rect())
        return False

    def touch(self) -> None:
        """Someone is here: count the idle minutes from now."""
        self.timer.start()

    def _belongs_here(self, watched: QObject) -> bool:
        """Part of this window but not of its lock screen."""
        node: QObject | None = watched
        while node is not None:
            if node is self.overlay:
                return False
            if node is self.window:
                return True
            node = node.parent()
        return False


def guard(window: MainWindow) -> Guard:
    """The window's one ``Guard``, made the first time it is asked for. Kept on the window:
    ``findChild`` would wrap every child Qt object of the window in Python to test its type,
    about 5 ms on the way to the first paint (issue 17)."""
    if window.sign_in_guard is None:
        window.sign_in_guard = Guard(window)
    return window.sign_in_guard


def account_actions(window: MainWindow) -> list[QAction]:
    """File menu: sign in, sign out / lock, set my password."""
    return guard(window).actions


def attach(window: MainWindow) -> None:
    """After ``set_database``: nobody signed in; locked when the database asks for sign-in."""
    assert window.context is not None
    guard(window).attach(window.context)


def at_start(window: MainWindow) -> None:
    """When the app has opened its database: ask for the password now if it is locked."""
    found = guard(window)
    if found.locked:
        found.sign_in()
