"""Add or edit one candidate. It gathers and checks input; the tab saves it undoably.

Mistakes are refused in the dialog in plain words: a ULN whose check digit is wrong,
a candidate number another candidate has.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from eoffice.domain.access import YEAR_GROUP_MAX, YEAR_GROUP_MIN, CandidateFields, format_number, parse_number, validate_candidate
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.date_edit import DateEdit


class CandidateDialog(FormDialog[CandidateFields]):
    def __init__(
        self,
        fields: CandidateFields | None,
        today: date,
        taken: dict[int, int],
        parent: QWidget | None = None,
        *,
        candidate_id: int | None = None,
        title: str = "Candidate",
    ) -> None:
        """``taken`` maps every candidate number in the centre to its candidate's id."""
        super().__init__(title, parent, problem="Problem with the candidate", width=440)
        self.today, self.taken, self.candidate_id = today, taken, candidate_id

        self.number = QLineEdit()
        self.number.setAccessibleName("Candidate number")
        self.number.setPlaceholderText("1 to 9999, shown as 4 digits")
        self.number.setMaxLength(6)
        self.surname = QLineEdit()
        self.surname.setAccessibleName("Surname")
        self.forenames = QLineEdit()
        self.forenames.setAccessibleName("Forenames")
        self.has_birth = QCheckBox("&Date of birth:")
        self.has_birth.setAccessibleName("Date of birth known")
        self.birth = DateEdit(date(today.year - 16, 9, 1), name="Date of birth")
        self.birth.setEnabled(False)
        self.has_birth.toggled.connect(self.birth.setEnabled)
        self.year_group = QComboBox()
        self.year_group.setAccessibleName("Year group")
        self.year_group.addItem("Not set", None)
        for group in range(YEAR_GROUP_MIN, YEAR_GROUP_MAX + 1):
            self.year_group.addItem(f"Year {group}", group)
        self.form = QLineEdit()
        self.form.setAccessibleName("Form")
        self.uci = QLineEdit()
        self.uci.setAccessibleName("UCI")
        self.uci.setPlaceholderText("13 letters and digits, from the MIS")
        self.uln = QLineEdit()
        self.uln.setAccessibleName("ULN")
        self.uln.setPlaceholderText("10 digits, from the MIS")
        self.active = QCheckBox("&Active (still at the centre)")
        self.active.setAccessibleName("Active")

        birth_row = QHBoxLayout()
        birth_row.addWidget(self.has_birth)
        birth_row.addWidget(self.birth, 1)
        form = QFormLayout()
        form.addRow("Candidate &number:", self.number)
        form.addRow("&Surname:", self.surname)
        form.addRow("&Forenames:", self.forenames)
        form.addRow(birth_row)
        form.addRow("&Year group:", self.year_group)
        form.addRow("F&orm:", self.form)
        form.addRow("&UCI:", self.uci)
        form.addRow("U&LN:", self.uln)
        form.addRow(self.active)
        self.lay_out(form, problem_in=form)

        self.set_fields(fields or CandidateFields(number=self._next_number(), surname="", forenames=""))

    def _next_number(self) -> int:
        highest = max(self.taken, default=0)
        if highest < 9999:
            return highest + 1
        return next((n for n in range(1, 10000) if n not in self.taken), 1)

    def set_fields(self, fields: CandidateFields) -> None:
        self.number.setText(format_number(fields.number))
        self.surname.setText(fields.surname)
        self.forenames.setText(fields.forenames)
        self.has_birth.setChecked(fields.date_of_birth is not None)
        if fields.date_of_birth is not None:
            self.birth.set_date(fields.date_of_birth)
        self.year_group.setCurrentIndex(max(0, self.year_group.findData(fields.year_group)))
        self.form.setText(fields.form or "")
        self.uci.setText(fields.uci or "")
        self.uln.setText(fields.uln or "")
        self.active.setChecked(fields.active)

    def fields(self) -> CandidateFields:
        """What is typed; raises InputError when the number is not a number."""
        return CandidateFields(
            number=parse_number(self.number.text()),
            surname=self.surname.text(),
            forenames=self.forenames.text(),
            date_of_birth=self.birth.value() if self.has_birth.isChecked() else None,
            year_group=self.year_group.currentData(),
            form=self.form.text() or None,
            uci=self.uci.text() or None,
            uln=self.uln.text() or None,
            active=self.active.isChecked(),
        )

    def checked(self) -> CandidateFields:
        fields = validate_candidate(self.fields(), today=self.today)
        other = self.taken.get(fields.number)
        if other is not None and other != self.candidate_id:
            raise InputError(f"candidate number {format_number(fields.number)} is already used by another "
                             "candidate; each candidate needs their own number")
        return fields
