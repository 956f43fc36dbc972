"""The Standards tab's Meetings page: the meetings with the line manager, each one's
signatures, the reminder of the next one, and the meeting record PDF."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout

from eoffice.domain.standards import Meeting, next_meeting_after
from eoffice.ui import hotkeys, standards_commands
from eoffice.ui.dialogs import ask
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.standards_models import MeetingModel, MeetingRow
from eoffice.ui.tabs import standards_state
from eoffice.ui.tabs.standards_pages import REMINDER_STYLES, Page, make_table, note_label, selected
from eoffice.ui.tabs.standards_signing import SignaturesTable, signed_words
from eoffice.ui.tabs.standards_state import Acting, Snapshot

if TYPE_CHECKING:
    from eoffice.ui.tabs.standards_tab import StandardsTab


class MeetingsPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Meetings page")
        intro = QLabel("Meetings between the exams officer and the line manager: a target-setting meeting, "
                       "progress reviews, and an assessment at the end of the year. A signed record is fixed.")
        intro.setWordWrap(True)
        self.reminder = note_label("Next meeting reminder")
        self.model = MeetingModel(self)
        # When, what kind, the focus next, the next meeting and who signed always show; who came,
        # what went well and what did not step aside on a small screen (the meeting shows them).
        self.table = make_table("Meetings", self.model, (85, 120, 170, 170, 150, 170, 100, 130), stretch=5,
                                secondary=(3, 4, 2), least=200)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.button("add", "New mee&ting…", self.add, hotkeys.NEW_STANDARDS_ITEM)
        self.button("edit", "Ope&n meeting…", self.edit, hotkeys.EDIT_STANDARDS_ITEM)
        self.button("delete", "&Delete meeting", self.delete, hotkeys.DELETE_STANDARDS_ITEM)
        self.button("sign", "Si&gn meeting record…", self.sign)
        self.button("pdf", "Save meeting &record PDF…", self.save_pdf)
        self.signatures = SignaturesTable(self, "Meeting record signatures", ("meeting",))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reminder)
        layout.addLayout(self.row_of("add", "edit", "delete", "sign", "pdf"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.signatures.table)
        layout.addLayout(self.row_of("withdraw"))
        self._acting: Acting | None = None

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        st = snap.standards
        rows = []
        for m in st.meetings if st else ():
            signed = snap.live("meeting", meeting_id=m.id)
            rows.append(MeetingRow(m, ", ".join(s.signer_name for s in signed if s.intact)))
        show_rows(self.model, rows)
        reminder = snap.reminder
        self.reminder.setText(f"{reminder.text[:1].upper()}{reminder.text[1:]}." if reminder else "")
        self.reminder.setStyleSheet(REMINDER_STYLES.get(reminder.state, "") if reminder else "")
        self.reminder.setVisible(reminder is not None)
        self._acting = acting
        self.signatures.show(snap, acting)
        self._enable()

    def chosen(self) -> Meeting | None:
        row = selected(self.table)
        return row.meeting if isinstance(row, MeetingRow) else None

    def _enable(self) -> None:
        acting, meeting = self._acting, self.chosen()
        can_edit = bool(acting and acting.can_edit)
        signed = bool(meeting and self.host.snapshot.live("meeting", meeting_id=meeting.id))
        self.buttons["add"].setEnabled(can_edit)
        self.buttons["edit"].setEnabled(meeting is not None)
        self.buttons["edit"].setText("Ope&n meeting…" if signed or not can_edit else "&Edit meeting…")
        self.buttons["delete"].setEnabled(can_edit and meeting is not None and not signed)
        self.buttons["sign"].setEnabled(bool(acting and acting.can_sign) and meeting is not None)
        self.buttons["pdf"].setEnabled(meeting is not None)

    def _suggest(self) -> Any:
        st = self.host.snapshot.standards
        experience = st.year.experience if st else "experienced"
        months, weeks = self.host.cadence

        def suggest(held_on: date) -> date:
            return next_meeting_after(held_on, experience, months, weeks)

        return suggest

    def _dialog(self, meeting: Meeting | None, title: str, locked: str = "") -> Any:
        from eoffice.ui.dialogs.meeting_dialog import MeetingDialog

        snap = self.host.snapshot
        st = snap.standards
        managers = [s.name for s in standards_state.signers(snap, "slt_declaration")]
        attendees = ", ".join([snap.officer, *managers[:1]])
        today = self.host.context.today
        day = today if snap.year.contains(today) else snap.year.start
        return MeetingDialog(standards_commands.meeting_fields(meeting) if meeting else None,
                             st.targets if st else (), st.skills if st else (), self._suggest(), day, self,
                             title=title, attendees=attendees, locked=locked)

    def add(self) -> None:
        year_id = self.host.snapshot.year_id
        dialog = self._dialog(None, "New meeting record")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and year_id is not None:
            fields = dialog.result_fields
            self.host.attempt("Meeting not added", lambda by: standards_commands.add_meeting(
                self.host.context, year_id, fields, by=by))

    def edit(self) -> None:
        meeting = self.chosen()
        if meeting is None:
            return
        signed = self.host.snapshot.live("meeting", meeting_id=meeting.id)
        read_only = not (self._acting and self._acting.can_edit)
        locked = ""
        if signed:
            locked = (f"This meeting record is signed by {', '.join(signed_words(s) for s in signed)}: it cannot "
                      "be changed unless the signature is withdrawn.")
        elif read_only and self._acting is not None:
            locked = self._acting.line
        dialog = self._dialog(meeting, "Meeting record", locked=locked)
        accepted = ask.run_dialog(dialog)
        if signed or read_only or not accepted or dialog.result_fields is None:
            return
        fields = dialog.result_fields
        if fields != standards_commands.meeting_fields(meeting):
            self.host.attempt("Meeting not saved", lambda by: standards_commands.edit_meeting(
                self.host.context, meeting, fields, by=by))

    def delete(self) -> None:
        meeting, year_id = self.chosen(), self.host.snapshot.year_id
        if meeting is None or year_id is None:
            return
        if ask.confirm(self, "Delete meeting", f"Delete the {meeting.kind_label.lower()} meeting record of "
                       f"{meeting.held_on:%d/%m/%Y}? You can undo this with Ctrl+Z."):
            self.host.attempt("Meeting not deleted", lambda by: standards_commands.delete_meeting(
                self.host.context, year_id, meeting, by=by))

    def sign(self) -> None:
        meeting = self.chosen()
        if meeting is None:
            return
        snap = self.host.snapshot
        message = (f"You are signing the record of the {meeting.kind_label.lower()} meeting of "
                   f"{meeting.held_on:%d/%m/%Y} for {snap.officer}, {snap.year.label}. Once signed it cannot be "
                   "changed unless the signature is withdrawn.")
        self.host.sign("meeting", message, meeting_id=meeting.id)

    def save_pdf(self) -> None:
        meeting, year_id = self.chosen(), self.host.snapshot.year_id
        if meeting is None or year_id is None:
            return
        meeting_id = meeting.id
        self.host.save_file("Save meeting record", f"meeting-record-{meeting.held_on:%Y-%m-%d}.pdf",
                            standards_state.PDF_FILTER,
                            lambda out: standards_state.save_meeting(self.host.context, year_id, meeting_id, out))
