"""The Professional Standards tab: one exams officer's year of Standards, and the grid of
every officer's progress.

The officer is chosen here; the year is the window's. The sections (a list on the left)
are the progress grid, Knowledge & Understanding targets, Key Skills, the Values &
Attributes statement, the meetings, and the SLT declaration with the certificate.

Who is acting comes from the sign-in (``ui.sign_in``): edits are made as the signed-in
person; an exams assistant reads everything but changes and signs nothing, and a line
says why (and a refused attempt is written to the audit log). With nobody signed in the
tab is read-only, with a button to sign in, once the officer or a line manager has a
password; before that (a new centre) edits are allowed, unattributed, and a line says
so. Every signature asks for the signer's own password. Edits go
through ``standards_commands`` (undoable); signatures are given and withdrawn there
too, each in a unit of work of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import settings
from eoffice.domain.standards import EXPERIENCE, SIGNATURE_KINDS, SignatureRecord
from eoffice.errors import EofficeError
from eoffice.ui import areas, colours, file_places, sign_in, standards_commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask, password_dialog
from eoffice.ui.tabs import standards_state
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.standards_meetings_page import MeetingsPage
from eoffice.ui.tabs.standards_pages import Page, ProgressPage, SkillsPage, TargetsPage, note_label
from eoffice.ui.tabs.standards_signing import DeclarationPage, ValuesPage
from eoffice.ui.tabs.standards_state import Acting, Snapshot
from eoffice.ui.widgets.stand_in import put_in_place

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PAGES: dict[str, Callable[[StandardsTab], Page]] = {
    "progress": ProgressPage, "targets": TargetsPage, "skills": SkillsPage, "values": ValuesPage,
    "meetings": MeetingsPage, "declaration": DeclarationPage,
}
SECTIONS: tuple[tuple[str, str], ...] = (
    ("progress", "Progress grid"),
    ("targets", "Knowledge & Understanding"),
    ("skills", "Key Skills"),
    ("values", "Values & Attributes"),
    ("meetings", "Meetings"),
    ("declaration", "Declaration & certificate"),
)


def tried_words(title: str) -> str:
    """What someone tried, from a refusal's title: "Target not added" -> "add target"."""
    subject, _, done = title.partition(" not ")
    verbs = {"added": "add", "saved": "save", "deleted": "delete", "started": "start", "changed": "change"}
    tried = f"{verbs.get(done, 'change')} {subject.lower()}"
    return tried if "standards" in tried else f"{tried} in the Professional Standards"


class StartPanel(QWidget):
    """Shown in place of a section when the officer has no Standards this year."""

    def __init__(self, host: StandardsTab) -> None:
        super().__init__()
        self.host = host
        self.setAccessibleName("Start the Standards")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Not started")
        self.experienced = QRadioButton(EXPERIENCE["experienced"])
        self.new = QRadioButton(EXPERIENCE["new"])
        self.experienced.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.experienced)
        group.addButton(self.new)
        self.starters = QCheckBox("Add a new officer's plan: first-week, first-month and first-three-months targets")
        self.starters.setAccessibleName("Add the starter targets")
        self.starters.setChecked(True)
        self.starters.setEnabled(False)
        self.new.toggled.connect(self.starters.setEnabled)
        self.start_button = QPushButton("S&tart this year's Standards")
        self.start_button.setAccessibleName("Start this year's Standards")
        self.start_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.experienced, self.new, self.starters):
            layout.addWidget(widget)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        if snap.person_id is None:
            self.message.setText("No exams officer is recorded: add one in the Centre tab first.")
        else:
            self.message.setText(f"{snap.officer} has no Professional Standards for {snap.year.label} yet. Choose "
                                 "the level of experience and start them: the statement starts from the suggested "
                                 "wording, and targets, skills and meetings are added afterwards.")
        self.start_button.setEnabled(acting.can_edit and snap.person_id is not None)

    def start(self) -> None:
        snap = self.host.snapshot
        person_id = snap.person_id
        if person_id is None:
            return
        experience = "new" if self.new.isChecked() else "experienced"
        starters = experience == "new" and self.starters.isChecked()
        self.host.attempt("Standards not started", lambda by: standards_commands.start_year(
            self.host.context, person_id, snap.year, experience, starters=starters, by=by))


class StandardsTab(AreaTab):
    watches = frozenset({areas.STANDARDS, areas.CENTRE})  # CENTRE: its people (officer, line manager)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context, "Professional Standards")
        self._person_id: int | None = None
        self.cadence = (1, 6)  # months between a new officer's meetings, weeks between an experienced one's

        self.heading = QLabel()
        self.heading.setAccessibleName("Professional Standards heading")
        self.person = QComboBox()
        self.person.setAccessibleName("Exams officer")
        self.person.activated.connect(lambda _i: self.choose_person(self.person.currentData()))
        person_label = QLabel("Exa&ms officer:")
        person_label.setBuddy(self.person)
        self.experience = QComboBox()
        self.experience.setAccessibleName("Level of experience")
        for key, label in EXPERIENCE.items():
            self.experience.addItem(label, key)
        self.experience.activated.connect(lambda _i: self._experience_chosen())
        self.experience_label = QLabel("E&xperience:")
        self.experience_label.setBuddy(self.experience)
        self.acting_label = note_label("Who is acting")
        self.trust_label = note_label("Signatures that are not what they seem")
        self.sign_in_button = QPushButton("Si&gn in to edit the Professional Standards…")
        self.sign_in_button.setAccessibleName("Sign in to edit the Professional Standards")
        self.sign_in_button.clicked.connect(self._sign_in)

        # A section's page is built the first time it is shown (``page``): until then the stack
        # holds an empty stand-in in its place, so opening the tab builds the progress grid alone.
        self._built: dict[str, Page] = {}
        self.start_panel = StartPanel(self)
        self.stack = QStackedWidget()
        for _key, title in SECTIONS:
            stand_in = QWidget()
            stand_in.setAccessibleName(title)
            self.stack.addWidget(stand_in)
        self.stack.addWidget(self.start_panel)
        self.stack.currentChanged.connect(self._build_shown)

        self.section_group = QButtonGroup(self)
        self.section_buttons: dict[str, QToolButton] = {}
        nav = QVBoxLayout()
        for number, (key, title) in enumerate(SECTIONS):
            button = QToolButton()
            button.setText(f"&{number + 1}  {title.replace('&', '&&')}")
            button.setAccessibleName(title)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.section_group.addButton(button, number)
            self.section_buttons[key] = button
            nav.addWidget(button)
        nav.addStretch(1)
        self.section_group.idClicked.connect(self._show_section)
        self.section_buttons["progress"].setChecked(True)
        nav_box = QWidget()
        nav_box.setLayout(nav)
        nav_box.setFixedWidth(230)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(person_label)
        top.addWidget(self.person)
        top.addWidget(self.experience_label)
        top.addWidget(self.experience)
        body = QHBoxLayout()
        body.addWidget(nav_box)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        acting_row = QHBoxLayout()
        acting_row.addWidget(self.acting_label, 1)
        acting_row.addWidget(self.sign_in_button)
        layout.addLayout(acting_row)
        layout.addWidget(self.trust_label)
        layout.addLayout(body, 1)

        self.snapshot: Snapshot
        self.acting: Acting
        sign_in.signed_in(context).changed.connect(self._account_changed)
        self._follow_account()
        self.follow_changes()

    # --- the sections' pages, each built when first shown -------------------------------------

    def page(self, key: str) -> Page:
        """The section's page, built now if it was not yet (and shown the tab's data)."""
        found = self._built.get(key)
        if found is None:
            number = [k for k, _title in SECTIONS].index(key)
            found = self._built[key] = PAGES[key](self)
            put_in_place(self.stack, number, found)
            if hasattr(self, "snapshot"):
                found.show_state(self.snapshot, self.acting)
        return found

    def _build_shown(self, index: int) -> None:
        if 0 <= index < len(SECTIONS):
            self.page(SECTIONS[index][0])

    @property
    def progress(self) -> ProgressPage:
        return cast(ProgressPage, self.page("progress"))

    @property
    def targets(self) -> TargetsPage:
        return cast(TargetsPage, self.page("targets"))

    @property
    def skills(self) -> SkillsPage:
        return cast(SkillsPage, self.page("skills"))

    @property
    def values(self) -> ValuesPage:
        return cast(ValuesPage, self.page("values"))

    @property
    def meetings(self) -> MeetingsPage:
        return cast(MeetingsPage, self.page("meetings"))

    @property
    def declaration(self) -> DeclarationPage:
        return cast(DeclarationPage, self.page("declaration"))

    @property
    def pages(self) -> list[Page]:
        """Every section's page (each built, if it was not yet)."""
        return [self.page(key) for key, _title in SECTIONS]

    # --- loading -------------------------------------------------------------------------------

    def _follow_account(self) -> None:
        account = sign_in.current(self.context)
        if account is not None and account.role == "exams_officer":
            self._person_id = account.id  # an officer sees their own Standards first

    def _account_changed(self) -> None:
        """Who may sign and edit changes with who is signed in: shown at once, as the lock screen lifts."""
        self._follow_account()
        self.refresh_now()

    def refresh(self) -> None:
        year, today, wanted = self.context.year, self.context.today, self._person_id

        def load(session: Session) -> tuple[Snapshot, tuple[int, int]]:
            cadence = (int(settings.get(session, "standards.meeting_months.new")),
                       int(settings.get(session, "standards.meeting_weeks.experienced")))
            return standards_state.load_snapshot(session, year, wanted, today), cadence

        self.snapshot, self.cadence = self.context.read(load)
        snap = self.snapshot
        self._person_id = snap.person_id
        self.acting = standards_state.acting_for(sign_in.current(self.context), snap, self.context.read_only)
        self.heading.setText(f"<h2>Professional Standards {year.label}</h2>")
        self.person.blockSignals(True)
        self.person.clear()
        for row in snap.grid:
            self.person.addItem(row.officer, row.person_id)
        self.person.setCurrentIndex(max(0, self.person.findData(snap.person_id)))
        self.person.blockSignals(False)
        st = snap.standards
        self.experience.setVisible(st is not None)
        self.experience_label.setVisible(st is not None)
        if st is not None:
            self.experience.setCurrentIndex(self.experience.findData(st.year.experience))
            self.experience.setEnabled(self.acting.can_edit and not snap.live("slt_declaration"))
        self.acting_label.setText(self.acting.line)
        self.sign_in_button.setVisible(self.acting.offer_sign_in)
        alarms, notes = standards_state.trust_lines(snap)
        self.trust_label.setText("\n".join(alarms + notes))
        self.trust_label.setStyleSheet(colours.ERROR_STYLE if alarms else "")
        self.trust_label.setVisible(bool(alarms or notes))
        for page in self._built.values():
            page.show_state(snap, self.acting)
        self.start_panel.show_state(snap, self.acting)
        self._show_section(self.section_group.checkedId())

    def _show_section(self, number: int) -> None:
        if number <= 0 or self.snapshot.standards is not None:
            self.stack.setCurrentWidget(self.page(SECTIONS[max(0, number)][0]))
        else:
            self.stack.setCurrentWidget(self.start_panel)

    def show_section(self, key: str) -> None:
        self.section_buttons[key].click()

    def choose_person(self, person_id: int | None) -> None:
        if person_id is not None and person_id != self._person_id:
            self._person_id = person_id
            self.refresh()

    def select_record(self, person_id: int) -> bool:
        """The Overview opens an officer's Standards here."""
        self.choose_person(person_id)
        return self._person_id == person_id

    def _experience_chosen(self) -> None:
        st = self.snapshot.standards
        new = self.experience.currentData()
        if st is None or new == st.year.experience:
            return
        if not self.attempt("Experience not changed", lambda by: standards_commands.set_experience(
                self.context, st.year.id, st.year.experience, new, by=by)):
            self.refresh()

    def _sign_in(self) -> None:
        """The window's own sign-in; the tab refreshes when someone has signed in."""
        guard = getattr(self.window(), "sign_in_guard", None)  # the main window's (``sign_in.guard``)
        if isinstance(guard, sign_in.Guard):
            guard.sign_in()

    # --- what the pages ask for -------------------------------------------------------------------

    def attempt(self, title: str, change: Callable[[int | None], object]) -> bool:
        """Make a change as the acting person; refusals are shown in plain words."""
        if not self.acting.can_edit:
            return self._refuse(title, tried_words(title))
        try:
            change(self.acting.by)
        except EofficeError as error:
            ask.error(self, title, str(error))
            return False
        return True

    def sign(self, kind: str, message: str, *, meeting_id: int | None = None) -> bool:
        """Ask the signer for their own password now and sign; True when signed."""
        snap = self.snapshot
        what = SIGNATURE_KINDS[kind]
        if not self.acting.can_sign:
            return self._refuse("Not signed", f"sign the {what}")
        people = standards_state.signers(snap, kind)
        if snap.year_id is None or not people:
            who = "the exams officer" if kind == "values_officer" else "a line manager"
            ask.error(self, "Not signed", f"Nobody can sign the {what}: {who} must be recorded in the Centre tab "
                      "and have set a password.")
            return False
        answer = password_dialog.ask_password(self, f"Sign the {what}", message, people,
                                              chosen=self.acting.signed_in)
        if answer is None:
            return False
        try:
            record = standards_commands.sign(self.context, snap.year_id, kind, answer.person_id, answer.password,
                                             meeting_id=meeting_id)
        except EofficeError as error:
            ask.error(self, "Not signed", str(error))
            return False
        self._status(f"{what} signed by {record.signer_name}")
        return True

    def withdraw(self, signature: SignatureRecord) -> bool:
        snap = self.snapshot
        what = SIGNATURE_KINDS.get(signature.kind, signature.kind)
        if not self.acting.can_sign:
            return self._refuse("Signature not withdrawn",
                                f"withdraw {signature.signer_name}'s signature on the {what}")
        message = (f"Withdraw {signature.signer_name}'s signature on the {what}? The signature stays in the "
                   "record as withdrawn, with your reason; the signer or a line manager confirms with their "
                   "own password.")
        answer = password_dialog.ask_password(self, "Withdraw a signature", message,
                                              standards_state.signers(snap, signature.kind, signature),
                                              chosen=self.acting.signed_in, reason=True, action="Withdraw")
        if answer is None:
            return False
        try:
            standards_commands.withdraw(self.context, signature.id, answer.reason, answer.person_id, answer.password)
        except EofficeError as error:
            ask.error(self, "Signature not withdrawn", str(error))
            return False
        self._status(f"Signature on the {what} withdrawn")
        return True

    def _refuse(self, title: str, tried: str) -> bool:
        """Say why not; when it is the signed-in person's role, write that to the audit log too."""
        if self.acting.signed_in is not None and not self.context.read_only:
            standards_commands.record_refusal(self.context, self.acting.signed_in, tried, self.acting.line,
                                              self.snapshot.year_id)
        ask.error(self, title, self.acting.line)
        return False

    def save_file(self, title: str, name: str, file_filter: str, write: Callable[[Path], Path]) -> Path | None:
        out = file_places.save_path(self, title, name, file_filter)
        if out is None:
            return None
        try:
            written = write(out)
        except (EofficeError, OSError) as error:
            ask.error(self, "Not saved", str(error))
            return None
        self._status(f"Saved {written}")
        return written

    def _status(self, message: str) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 8000)
