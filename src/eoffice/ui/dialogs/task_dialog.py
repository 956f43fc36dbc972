"""Add or edit one plan task. It gathers and checks input; the tab saves it undoably.

The done-on date is the officer's to set (a task finished on Friday and ticked off on
Monday was done on Friday), so it is a field of its own, open only while the status is
Done; the domain refuses a date after today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from eoffice.domain.dates import format_date
from eoffice.domain.keydates import KeyDateRecord
from eoffice.domain.plan import DATE_RULES, OWNERS, PHASES, STATUSES, TaskFields, validate_task
from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.keyed_combo import keyed_combo


class TaskDialog(FormDialog[TaskFields]):
    def __init__(
        self,
        year: AcademicYear,
        fields: TaskFields | None,
        today: date,
        parent: QWidget | None = None,
        *,
        title: str = "Task",
        key_dates: Sequence[KeyDateRecord] = (),
        key_date_id: int | None = None,
    ) -> None:
        super().__init__(title, parent, problem="Problem with the task")
        self.year, self.today = year, today
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Task title")
        self.phase = keyed_combo(PHASES, "Phase")
        self.owner = keyed_combo(OWNERS, "Owner")
        self.status = keyed_combo(STATUSES, "Status")
        self.done_on = DateEdit(name="Date the task was done")
        self.done_on.setEnabled(False)
        self.done_on.setToolTip("The day the task was done; set it when you mark the task Done")
        self.rule = keyed_combo(DATE_RULES, "Date rule when rolling forward")
        self.due = DateEdit(name="Due date")
        self.has_start = QCheckBox("&Start date:")
        self.has_start.setAccessibleName("Has a start date")
        self.start = DateEdit(name="Start date")
        self.start.setEnabled(False)
        self.has_start.toggled.connect(self.start.setEnabled)
        self.key_date = QComboBox()
        self.key_date.setAccessibleName("Linked key date")
        self.key_date.addItem("None", None)
        for record in key_dates:
            self.key_date.addItem(f"{format_date(record.on)}  {record.title} ({record.body})", record.id)
        if key_date_id is not None and self.key_date.findData(key_date_id) < 0:
            self.key_date.addItem("A key date in another year", key_date_id)  # kept, not silently unlinked
        self.key_date.setCurrentIndex(max(0, self.key_date.findData(key_date_id)) if key_date_id is not None else 0)
        self.key_date.setToolTip("Moving this key date later offers to move the tasks linked to it")
        # Long titles must not widen the dialog; the open list still shows them whole.
        self.key_date.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.key_date.setMinimumContentsLength(30)
        self.key_date.view().setMinimumWidth(560)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)

        start_row = QHBoxLayout()
        start_row.addWidget(self.has_start)
        start_row.addWidget(self.start, 1)
        form = QFormLayout()
        form.addRow("&Task:", self.title_edit)
        form.addRow("&Phase:", self.phase)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        form.addRow(start_row)
        form.addRow("Stat&us:", self.status)
        form.addRow("Don&e on:", self.done_on)
        form.addRow("&Rolls forward to:", self.rule)
        form.addRow("&Linked key date:", self.key_date)
        form.addRow("&Notes:", self.notes)
        self.lay_out(form, problem_in=form)

        self.result_key_date_id: int | None = None
        self._kept_done_on: date | None = None  # the task's own date, back if Done is chosen again
        self.status.currentIndexChanged.connect(self._status_changed)
        self.set_fields(fields or TaskFields(title="", phase="planning", owner="exams_officer", due=self._default_due()))

    def _default_due(self) -> date:
        return self.today if self.year.contains(self.today) else self.year.start

    def _status_changed(self) -> None:
        """Done opens the date at the task's own day, or today; leaving Done keeps the date aside."""
        done = self.status.currentData() == "done"
        if done and not self.done_on.isEnabled():
            self.done_on.set_date(self._kept_done_on or self.today)
        elif not done and self.done_on.isEnabled():
            self._kept_done_on = self.done_on.last_good
        self.done_on.setEnabled(done)

    def set_fields(self, fields: TaskFields) -> None:
        self.title_edit.setText(fields.title)
        self.phase.setCurrentIndex(self.phase.findData(fields.phase))
        self.owner.setCurrentIndex(self.owner.findData(fields.owner))
        self._kept_done_on = fields.done_on
        self.done_on.setEnabled(False)  # so the status below sets the date afresh
        self.done_on.set_date(fields.done_on or self.today)  # shown greyed until the task is Done
        self.status.setCurrentIndex(self.status.findData(fields.status))
        self._status_changed()  # the index may not have changed, e.g. a second set_fields
        self.rule.setCurrentIndex(self.rule.findData(fields.date_rule))
        self.due.set_date(fields.due)
        self.has_start.setChecked(fields.start is not None)
        self.start.set_date(fields.start or fields.due)
        self.notes.setPlainText(fields.notes)

    def fields(self) -> TaskFields:
        return TaskFields(
            title=self.title_edit.text(),
            phase=self.phase.currentData(),
            owner=self.owner.currentData(),
            due=self.due.value(),
            start=self.start.value() if self.has_start.isChecked() else None,
            status=self.status.currentData(),
            done_on=self.done_on.value() if self.status.currentData() == "done" else None,
            notes=self.notes.toPlainText(),
            date_rule=self.rule.currentData(),
        )

    def checked(self) -> TaskFields:
        result = validate_task(self.fields(), self.year, today=self.today)
        self.result_key_date_id = self.key_date.currentData()
        return result
