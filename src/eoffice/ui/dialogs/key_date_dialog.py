"""Add or edit one key date. It gathers and checks input; the tab saves it undoably.

The internal deadline is either worked out (N working days before, N per category) and
shown live as the date or category changes, or typed by the officer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.dates import format_date
from eoffice.domain.keydates import BODIES, CATEGORIES, SERIES, KeyDateFields, validate_key_date
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.keyed_combo import keyed_combo

# (external date, category) -> (working days before, the internal deadline they give, and a
# note when the start of the year cut it short, else "")
Derive = Callable[[date, str], tuple[int, date, str]]


def _date_edit(name: str, year: AcademicYear) -> DateEdit:
    edit = DateEdit(year.start, name=name)
    # A little either side of the year, so a slip is refused in words, not by the spinner.
    edit.set_range(year.start.replace(year=year.start.year - 1), year.start.replace(year=year.start.year + 2))
    return edit


class KeyDateDialog(FormDialog[KeyDateFields]):
    def __init__(
        self,
        year: AcademicYear,
        fields: KeyDateFields | None,
        today: date,
        derive: Derive,
        parent: QWidget | None = None,
        *,
        title: str = "Key date",
    ) -> None:
        super().__init__(title, parent, problem="Problem with the key date", width=520)
        self.year, self.today, self.derive = year, today, derive

        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Key date title")
        self.on = _date_edit("Date", year)
        self.has_end = QCheckBox("&Ends on (a window):")
        self.has_end.setAccessibleName("Has an end date")
        self.end = _date_edit("End date", year)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.series = keyed_combo({s: s for s in SERIES}, "Series")
        self.body = keyed_combo({b: b for b in BODIES}, "Awarding body")
        self.category = keyed_combo(CATEGORIES, "Category")

        self.derived = QRadioButton("&Work it out")
        self.derived.setAccessibleName("Work out the internal deadline")
        self.derived_date = QLabel()
        self.derived_date.setAccessibleName("Worked-out internal deadline")
        self.typed = QRadioButton("Set i&t:")
        self.typed.setAccessibleName("Set the internal deadline")
        self.internal = _date_edit("Internal deadline", year)
        self.internal.setEnabled(False)
        self.typed.toggled.connect(self.internal.setEnabled)
        group = QButtonGroup(self)
        group.addButton(self.derived)
        group.addButton(self.typed)
        self.derived.setChecked(True)

        self.source = QLineEdit()
        self.source.setAccessibleName("Source")
        self.source.setPlaceholderText("Where the date comes from, e.g. JCQ key dates 2026/27")
        self.done_check = QCheckBox("D&one")
        self.done_check.setAccessibleName("Done")
        self.needs_check = QCheckBox("Needs chec&king against the published date")
        self.needs_check.setAccessibleName("Needs checking")

        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        internal_box = QVBoxLayout()
        for choice, shown in ((self.derived, self.derived_date), (self.typed, self.internal)):
            row = QHBoxLayout()
            row.addWidget(choice)
            row.addWidget(shown)
            row.addStretch(1)
            internal_box.addLayout(row)
        flags = QHBoxLayout()
        flags.addWidget(self.done_check)
        flags.addWidget(self.needs_check, 1)

        form = QFormLayout()
        form.addRow("T&itle:", self.title_edit)
        form.addRow("&Date:", self.on)
        form.addRow(end_row)
        form.addRow("&Series:", self.series)
        form.addRow("Awarding &body:", self.body)
        form.addRow("&Category:", self.category)
        form.addRow("Internal deadline:", internal_box)
        form.addRow("So&urce:", self.source)
        form.addRow(flags)
        self.lay_out(form, problem_in=form)

        self.on.dateChanged.connect(lambda _d: self._show_derived())
        self.category.currentIndexChanged.connect(lambda _i: self._show_derived())
        start = today if year.contains(today) else year.start
        self.set_fields(fields or KeyDateFields(on=start, title="", series=SERIES[2], body=BODIES[0], category="entries"))

    def set_fields(self, fields: KeyDateFields) -> None:
        self.title_edit.setText(fields.title)
        self.on.set_date(fields.on)
        self.has_end.setChecked(fields.end is not None)
        self.end.set_date(fields.end or fields.on)
        for combo, value in ((self.series, fields.series), (self.body, fields.body), (self.category, fields.category)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        (self.derived if fields.internal_derived else self.typed).setChecked(True)
        self._show_derived()
        self.internal.set_date(fields.internal_deadline or self.derived_value())
        self.source.setText(fields.source)
        self.done_check.setChecked(fields.done)
        self.needs_check.setChecked(fields.needs_check)

    def derived_value(self) -> date:
        return self.derive(self.on.value(), self.category.currentData())[1]

    def _show_derived(self) -> None:
        days, day, note = self.derive(self.on.last_good, self.category.currentData())
        what = f"{plural(days, 'working day')} before"
        self.derived.setText(f"&Work it out ({what})")
        self.derived_date.setText(f"{day:%a} {format_date(day)}" + (" (shortened)" if note else ""))
        self.derived_date.setToolTip(note)

    def fields(self) -> KeyDateFields:
        derived = self.derived.isChecked()
        return KeyDateFields(
            on=self.on.value(),
            end=self.end.value() if self.has_end.isChecked() else None,
            title=self.title_edit.text(),
            series=self.series.currentData(),
            body=self.body.currentData(),
            category=self.category.currentData(),
            # Worked out here too, so an unchanged key date compares equal to the stored one.
            internal_deadline=self.derived_value() if derived else self.internal.value(),
            internal_derived=derived,
            source=self.source.text(),
            done=self.done_check.isChecked(),
            needs_check=self.needs_check.isChecked(),
        )

    def checked(self) -> KeyDateFields:
        return validate_key_date(self.fields(), self.year)
