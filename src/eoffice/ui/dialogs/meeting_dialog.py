"""Add, edit or read one meeting record, following the guide's progress review: the
date and kind, who came, the progress on each target and skill, what went well, what
did not, the focus for next time and when to meet again.

The next meeting date is suggested by the cadence (monthly for a new officer,
half-termly otherwise) and follows the meeting date until it is changed by hand. A
signed record (or one the person may not change) opens read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.standards import MEETING_KINDS, MeetingFields, ProgressNote, Skill, Target, check_meeting_dates
from eoffice.ui.dialogs.form_dialog import FormDialog, Part
from eoffice.ui.dialogs.target_dialog import OptionalDate, text_box
from eoffice.ui.widgets.date_edit import DateEdit


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class MeetingDialog(FormDialog[MeetingFields]):
    def __init__(self, fields: MeetingFields | None, targets: Sequence[Target], skills: Sequence[Skill],
                 suggest_next: Callable[[date], date], today: date, parent: QWidget | None = None, *,
                 title: str = "Meeting record", attendees: str = "", locked: str = "") -> None:
        super().__init__(title, parent, problem="Problem with the meeting record", width=640, locked=bool(locked))
        self.suggest_next = suggest_next
        self.held_on = DateEdit(today, name="Meeting date")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        for key, words in MEETING_KINDS.items():
            self.kind.addItem(words, key)
        self.attendees = QLineEdit()
        self.attendees.setAccessibleName("Who attended")
        self.went_well = text_box("What went well")
        self.not_well = text_box("What did not go so well")
        self.focus_next = text_box("Focus for the next meeting")
        self.next_meeting = OptionalDate("&Next meeting:", "Next meeting date", suggest_next(today))

        self.progress: dict[tuple[str, int], QLineEdit] = {}
        progress_grid = QGridLayout()
        progress_grid.setColumnStretch(1, 1)
        for kind, items in (("knowledge", [(t.id, f"{t.area}: {t.target}") for t in targets]),
                            ("skill", [(s.id, s.label) for s in skills])):
            for item_id, text in items:
                edit = QLineEdit()
                prefix = "K&U" if kind == "knowledge" else "Key skill"
                edit.setAccessibleName(f"Progress on {prefix} {_short(text, 60)}")
                edit.setPlaceholderText("Progress since the last meeting")
                label = QLabel(f"{prefix.replace('&', '&&')}: {_short(text, 48)}")
                label.setToolTip(text)
                label.setBuddy(edit)
                row = len(self.progress)
                progress_grid.addWidget(label, row, 0)
                progress_grid.addWidget(edit, row, 1)
                self.progress[(kind, item_id)] = edit
        if not self.progress:
            progress_grid.addWidget(QLabel("No targets or skills yet: add them first to note progress on each."), 0, 0)
        inner = QWidget()
        inner.setLayout(progress_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(220, 40 + 32 * max(1, len(self.progress))))
        progress_box = QGroupBox("Progress on each target")
        QVBoxLayout(progress_box).addWidget(scroll)

        form = QFormLayout()
        form.addRow("&Date:", self.held_on)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Attended:", self.attendees)
        lower = QFormLayout()
        lower.addRow("What went &well:", self.went_well)
        lower.addRow("What did n&ot:", self.not_well)
        lower.addRow("&Focus next:", self.focus_next)
        lower.addRow(self.next_meeting)
        parts: list[Part] = [form, (progress_box, 1), lower]
        if locked:
            note = QLabel(locked)
            note.setWordWrap(True)
            note.setAccessibleName("Why the meeting record cannot change")
            parts.insert(0, note)
        self.lay_out(*parts, problem_in=lower)

        self._next_by_hand = fields is not None
        self.set_fields(fields or MeetingFields(held_on=today, kind="review", attendees=attendees,
                                                next_meeting_on=suggest_next(today)))
        self.held_on.dateChanged.connect(lambda _d: self._follow_held_on())
        self.next_meeting.edit.dateChanged.connect(lambda _d: self._by_hand())
        if locked:
            for widget in (self.held_on, self.kind, self.attendees, self.went_well, self.not_well, self.focus_next,
                           self.next_meeting, *self.progress.values()):
                widget.setEnabled(False)

    def _follow_held_on(self) -> None:
        if not self._next_by_hand:
            self.next_meeting.edit.blockSignals(True)
            self.next_meeting.edit.set_date(self.suggest_next(self.held_on.last_good))
            self.next_meeting.edit.blockSignals(False)

    def _by_hand(self) -> None:
        self._next_by_hand = True

    def set_fields(self, f: MeetingFields) -> None:
        self.held_on.set_date(f.held_on)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.attendees.setText(f.attendees)
        for note in f.progress:
            edit = self.progress.get((note.target_kind, note.target_id))
            if edit is not None:
                edit.setText(note.progress)
        for box, text in ((self.went_well, f.went_well), (self.not_well, f.not_well), (self.focus_next, f.focus_next)):
            box.setPlainText(text)
        self.next_meeting.set_value(f.next_meeting_on, self.suggest_next(f.held_on))

    def set_progress(self, kind: str, target_id: int, text: str) -> None:
        self.progress[(kind, target_id)].setText(text)

    def fields(self) -> MeetingFields:
        notes = tuple(ProgressNote(kind, item_id, edit.text().strip())
                      for (kind, item_id), edit in sorted(self.progress.items()) if edit.text().strip())
        return MeetingFields(
            held_on=self.held_on.value(), kind=self.kind.currentData(),
            attendees=" ".join(self.attendees.text().split()), went_well=self.went_well.toPlainText().strip(),
            not_well=self.not_well.toPlainText().strip(), focus_next=self.focus_next.toPlainText().strip(),
            next_meeting_on=self.next_meeting.value(), progress=notes,
        )

    def checked(self) -> MeetingFields:
        return check_meeting_dates(self.fields())  # a date field holding no real date raises too
