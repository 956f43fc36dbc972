"""Add or edit one invigilator. It gathers and checks input; the tab saves it undoably.

Training, DBS and confidentiality dates are optional (a new starter may have none yet):
each has a tick box, and an unticked date is saved as "none", which the roster then
refuses in plain words ("no DBS check on record").
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from eoffice.domain.roster import ROLES, InvigilatorFields, validate_invigilator
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.date_edit import DateEdit


class OptionalDate(QWidget):
    """A tick box and a date: unticked means no date on record."""

    def __init__(self, text: str, name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.has = QCheckBox(text)
        self.has.setAccessibleName(f"Has a {name.lower()}")
        self.edit = DateEdit(today, name=name)
        self.edit.setEnabled(False)
        self.has.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has)
        row.addWidget(self.edit, 1)

    def set_value(self, value: date | None) -> None:
        self.has.setChecked(value is not None)
        if value is not None:
            self.edit.set_date(value)

    def value(self) -> date | None:
        return self.edit.value() if self.has.isChecked() else None


class InvigilatorDialog(FormDialog[InvigilatorFields]):
    def __init__(self, fields: InvigilatorFields | None, today: date, parent: QWidget | None = None, *,
                 title: str = "Invigilator") -> None:  # fmt: skip
        super().__init__(title, parent, problem="Problem with the invigilator", width=520)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.email = QLineEdit()
        self.email.setAccessibleName("E-mail")
        self.phone = QLineEdit()
        self.phone.setAccessibleName("Phone")
        self.roles: dict[str, QCheckBox] = {}
        role_grid = QGridLayout()
        for n, (key, label) in enumerate(ROLES.items()):
            box = QCheckBox(label)
            box.setAccessibleName(f"Role: {label}")
            self.roles[key] = box
            role_grid.addWidget(box, n // 2, n % 2)
        self.trained = OptionalDate("Trained on", "Training date", today)
        self.dbs = OptionalDate("Checked on", "DBS check date", today)
        self.confidentiality = OptionalDate("Signed on", "Confidentiality agreement date", today)
        self.per_day = QSpinBox()
        self.per_day.setRange(0, 2)
        self.per_day.setAccessibleName("Most sessions a day")
        self.per_week = QSpinBox()
        self.per_week.setRange(0, 10)
        self.per_week.setAccessibleName("Most sessions a week")
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0, 1000)
        self.rate.setDecimals(2)
        self.rate.setPrefix("£")
        self.rate.setAccessibleName("Hourly rate in pounds")
        self.by_default = QCheckBox("Available for every session unless they say otherwise")
        self.by_default.setAccessibleName("Available unless they say otherwise")
        self.active = QCheckBox("Active (can be rostered)")
        self.active.setAccessibleName("Active")

        limits = QHBoxLayout()
        limits.addWidget(QLabel("a day:"))
        limits.addWidget(self.per_day)
        limits.addWidget(QLabel("a week:"))
        limits.addWidget(self.per_week)
        limits.addStretch(1)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&E-mail:", self.email)
        form.addRow("&Phone:", self.phone)
        form.addRow("Roles:", role_grid)
        form.addRow("Last &training:", self.trained)
        form.addRow("&DBS check:", self.dbs)
        form.addRow("&Confidentiality:", self.confidentiality)
        form.addRow("Most sessions:", limits)
        form.addRow("Hourly &rate:", self.rate)
        form.addRow(self.by_default)
        form.addRow(self.active)
        self.lay_out(form, problem_in=form)

        self.set_fields(fields or InvigilatorFields(name=""))

    def set_fields(self, fields: InvigilatorFields) -> None:
        self.name.setText(fields.name)
        self.email.setText(fields.email)
        self.phone.setText(fields.phone)
        for key, box in self.roles.items():
            box.setChecked(key in fields.roles)
        self.trained.set_value(fields.trained_on)
        self.dbs.set_value(fields.dbs_checked_on)
        self.confidentiality.set_value(fields.confidentiality_on)
        self.per_day.setValue(fields.max_per_day)
        self.per_week.setValue(fields.max_per_week)
        self.rate.setValue(fields.hourly_rate_pence / 100)
        self.by_default.setChecked(fields.available_by_default)
        self.active.setChecked(fields.active)

    def fields(self) -> InvigilatorFields:
        return InvigilatorFields(
            name=self.name.text(), email=self.email.text(), phone=self.phone.text(),
            roles=tuple(key for key, box in self.roles.items() if box.isChecked()),
            trained_on=self.trained.value(), dbs_checked_on=self.dbs.value(),
            confidentiality_on=self.confidentiality.value(), max_per_day=self.per_day.value(),
            max_per_week=self.per_week.value(), hourly_rate_pence=round(self.rate.value() * 100),
            available_by_default=self.by_default.isChecked(), active=self.active.isChecked(),
        )  # fmt: skip

    def checked(self) -> InvigilatorFields:
        return validate_invigilator(self.fields())
