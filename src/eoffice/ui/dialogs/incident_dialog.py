"""Log, or edit, one line of a room's incident log: when, where, what, who, what was done.

Opened from the exam room board (``I``) with the time now and the board's room, and from
the exam-day page to edit a line already written. The follow-up is suggested from the kind
and the time (a late arrival more than an hour after the published start is very late)
until the person chooses one themselves. Candidates are written by number only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from eoffice import clock
from eoffice.domain.access import parse_clock
from eoffice.domain.examday import FOLLOW_UPS, INCIDENT_KINDS, IncidentFields, parse_candidates, suggested_follow_up
from eoffice.domain.roster import slot_label
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.keyed_combo import keyed_combo

NO_WORDS_NEEDED = ("paused", "resumed")  # the pause and resume lines say what happened themselves


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class IncidentDialog(FormDialog[IncidentFields]):
    """``fields`` given: edit that line (its follow-up counts as chosen); else a new line at the
    time now, in ``room``. ``published_start`` (minutes after midnight) is the session's
    earliest published start, for the very-late-arrival suggestion."""

    def __init__(self, day: date, exam_session: str, rooms: Sequence[str], fields: IncidentFields | None = None,
                 parent: QWidget | None = None, *, room: str = "", published_start: int | None = None,
                 title: str = "") -> None:
        super().__init__(title or ("Edit an incident" if fields else "Log an incident"), parent,
                         problem="Problem with the incident", width=560)
        self.day, self.exam_session = (fields.on, fields.session) if fields else (day, exam_session)
        self.published_start = published_start
        self._follow_up_chosen = fields is not None

        self.time = _line("Time", "HH:MM, e.g. 09:40")
        self.room = QComboBox()
        self.room.setAccessibleName("Room")
        self.room.setEditable(True)  # a corridor, the medical room: an incident may happen outside the rooms in use
        for name in dict.fromkeys([*rooms, *([fields.room] if fields else []), *([room] if room else [])]):
            self.room.addItem(name, name)
        self.kind = keyed_combo(INCIDENT_KINDS, "What kind")
        self.what = QPlainTextEdit()
        self.what.setAccessibleName("What happened")
        self.what.setTabChangesFocus(True)  # Tab moves on, so the form is usable from the keyboard
        self.what.setPlaceholderText("What happened, in plain words; candidates by number, never by name")
        self.what.setFixedHeight(self.what.fontMetrics().lineSpacing() * 5)
        self.candidates = _line("Candidates", "Candidate numbers, e.g. 0012, 0034")
        self.action = _line("Action taken")
        self.recorded_by = _line("Recorded by", "Who wrote this line")
        self.follow_up = keyed_combo(FOLLOW_UPS, "Follow-up")

        form = QFormLayout()
        form.addRow("Session:", self._session_label())
        form.addRow("&Time:", self.time)
        form.addRow("&Room:", self.room)
        form.addRow("&Kind:", self.kind)
        form.addRow("&What happened:", self.what)
        form.addRow("&Candidates:", self.candidates)
        form.addRow("&Action taken:", self.action)
        form.addRow("Recorded &by:", self.recorded_by)
        form.addRow("&Follow-up:", self.follow_up)
        self.lay_out(form, problem_in=form)

        now = clock.now()
        start = fields or IncidentFields(day, exam_session, room or (rooms[0] if rooms else ""),
                                         now.hour * 60 + now.minute, "other")
        self.set_fields(start)
        self.follow_up.activated.connect(self._chosen)
        self.kind.currentIndexChanged.connect(lambda _i: self._suggest())
        self.time.textChanged.connect(lambda _t: self._suggest())
        self._suggest()

    def _session_label(self) -> QLabel:
        label = QLabel(slot_label(self.day, self.exam_session))
        label.setAccessibleName("Session")
        return label

    def set_fields(self, f: IncidentFields) -> None:
        self.time.setText(f"{f.at // 60:02d}:{f.at % 60:02d}")
        self.room.setCurrentIndex(max(0, self.room.findData(f.room)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.what.setPlainText(f.what)
        self.candidates.setText(", ".join(f.candidates))
        self.action.setText(f.action)
        self.recorded_by.setText(f.recorded_by)
        self.follow_up.setCurrentIndex(max(0, self.follow_up.findData(f.follow_up)))

    def _chosen(self, _index: int) -> None:
        """The person chose the follow-up: it is theirs from now on."""
        self._follow_up_chosen = True

    def _suggest(self) -> None:
        if self._follow_up_chosen:
            return
        try:
            at = parse_clock(self.time.text())
        except InputError:
            return  # half typed: keep the suggestion until the time reads as one
        key = suggested_follow_up(self.kind.currentData(), at, self.published_start)
        self.follow_up.setCurrentIndex(max(0, self.follow_up.findData(key)))

    def checked(self) -> IncidentFields:
        try:
            at = parse_clock(self.time.text())
        except InputError as error:
            raise InputError(f"time: {error}") from None
        kind = self.kind.currentData()
        what = self.what.toPlainText().strip()
        if kind not in NO_WORDS_NEEDED and not what:
            raise InputError("what happened: say what happened")
        room = self.room.currentText().strip()
        if not room:
            raise InputError("room: say which room the incident happened in")
        return IncidentFields(self.day, self.exam_session, room, at, kind, what,
                              parse_candidates(self.candidates.text()), self.action.text().strip(),
                              self.recorded_by.text().strip(), self.follow_up.currentData())
