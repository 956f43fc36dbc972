"""Add or edit one timetabled paper. It gathers and checks input; the tab saves it undoably.

The start defaults to the centre's session start (a setting) and follows the session
while the officer has not typed another time; a duration may be typed as 90 or 1h 30m.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from eoffice.domain.access import MODES, SESSIONS, PaperFields, clock, parse_clock, parse_duration, validate_paper
from eoffice.domain.dates import format_date
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.models.access_models import duration_text
from eoffice.ui.widgets.date_edit import DateEdit

BOARDS = ("AQA", "Pearson", "OCR", "WJEC Eduqas", "CCEA", "Cambridge International", "NCFE", "City & Guilds")
QUALIFICATIONS = ("GCSE", "GCE A level", "GCE AS", "Entry Level", "Functional Skills", "BTEC", "Other")


def _editable(options: tuple[str, ...], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName(name)
    combo.addItems(options)
    combo.setCurrentText("")
    return combo


class PaperDialog(FormDialog[PaperFields]):
    def __init__(
        self,
        fields: PaperFields | None,
        starts: dict[str, int],
        taken: dict[tuple[str, date, str], int],
        day: date,
        parent: QWidget | None = None,
        *,
        paper_id: int | None = None,
        title: str = "Paper",
    ) -> None:
        """``starts``: the centre's AM and PM starts; ``taken``: (code, date, session) -> paper id."""
        super().__init__(title, parent, problem="Problem with the paper", width=520)
        self.starts, self.taken, self.paper_id = starts, taken, paper_id

        self.board = _editable(BOARDS, "Awarding body")
        self.code = QLineEdit()
        self.code.setAccessibleName("Paper code")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Paper title")
        self.qualification = _editable(QUALIFICATIONS, "Qualification")
        self.sat_on = DateEdit(day, name="Date")
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        for name in SESSIONS:
            self.session.addItem(name, name)
        self.start = QLineEdit()
        self.start.setAccessibleName("Published start")
        self.start.setPlaceholderText("HH:MM, e.g. 09:00")
        self.duration = QLineEdit()
        self.duration.setAccessibleName("Duration")
        self.duration.setPlaceholderText("Minutes (90) or hours and minutes (1h 30m)")
        self.mode = QComboBox()
        self.mode.setAccessibleName("Mode")
        for key, label in MODES.items():
            self.mode.addItem(label, key)

        form = QFormLayout()
        form.addRow("Awarding &body:", self.board)
        form.addRow("Paper &code:", self.code)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Qualification:", self.qualification)
        form.addRow("&Date:", self.sat_on)
        form.addRow("&Session:", self.session)
        form.addRow("Published st&art:", self.start)
        form.addRow("D&uration:", self.duration)
        form.addRow("&Mode:", self.mode)
        self.lay_out(form, problem_in=form)

        self._session_shown = "AM"
        self.session.currentIndexChanged.connect(self._session_changed)
        if fields is None:
            self.session.setCurrentIndex(0)
            self.start.setText(clock(starts["AM"]))
        else:
            self.set_fields(fields)

    def set_fields(self, fields: PaperFields) -> None:
        self.board.setCurrentText(fields.board)
        self.code.setText(fields.code)
        self.title_edit.setText(fields.title)
        self.qualification.setCurrentText(fields.qualification)
        self.sat_on.set_date(fields.sat_on)
        self.session.blockSignals(True)
        self.session.setCurrentIndex(max(0, self.session.findData(fields.session)))
        self.session.blockSignals(False)
        self._session_shown = fields.session
        self.start.setText(clock(fields.start_minutes))
        self.duration.setText(duration_text(fields.duration_minutes))
        self.mode.setCurrentIndex(max(0, self.mode.findData(fields.mode)))

    def _session_changed(self) -> None:
        """Moving a paper to the other session moves its start too, unless a time was typed."""
        new = self.session.currentData()
        if self.start.text().strip() in ("", clock(self.starts[self._session_shown])):
            self.start.setText(clock(self.starts[new]))
        self._session_shown = new

    def fields(self) -> PaperFields:
        return PaperFields(
            board=self.board.currentText(), code=self.code.text(), title=self.title_edit.text(),
            sat_on=self.sat_on.value(), session=self.session.currentData(),
            start_minutes=parse_clock(self.start.text()), duration_minutes=parse_duration(self.duration.text()),
            qualification=self.qualification.currentText(), mode=self.mode.currentData(),
        )

    def checked(self) -> PaperFields:
        fields = validate_paper(self.fields())
        other = self.taken.get((fields.code, fields.sat_on, fields.session))
        if other is not None and other != self.paper_id:
            raise InputError(f"paper {fields.code} is already timetabled on {format_date(fields.sat_on)} "
                             f"{fields.session}; edit that paper instead")
        return fields
