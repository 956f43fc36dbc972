"""Add or edit one access arrangement. It gathers and checks input; the tab saves it undoably.

Choosing a type fills its usual route, room need and extra time; the approval date
fills the expiry (approval + the months in the settings, 26 by default) unless the
officer sets another. Both rules are written out under the fields, in plain words, with
what else the regulations ask for the type (form BD25, rest breaks tried first), that
only "Approved" puts an arrangement on the exam-day sheets, and the Form 8 rule for the
assessment date, checked against the candidate's year group as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from eoffice.domain.access import (
    REST_MAX,
    ROOM_NEEDS,
    ROUTES,
    STATUSES,
    TYPES,
    ArrangementFields,
    add_months,
    form_8_text,
    new_fields,
    parse_extra_time,
)
from eoffice.domain.dates import format_date
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.dialogs.problem import grow_to_fit
from eoffice.ui.widgets.date_edit import DateEdit
from eoffice.ui.widgets.keyed_combo import keyed_combo

Validate = Callable[[ArrangementFields], ArrangementFields]
EXAM_DAY_NOTE = ("Only “Approved” puts an arrangement on the exam-day sheets and into finish times, from its "
                 "approval until it expires.")
DELEGATED_NOTE = ("Centre-delegated: no application is made, so nothing else marks it approved; set “Approved” "
                  "when the centre grants it.")


def _dated(text: str, name: str, today: date) -> tuple[QCheckBox, DateEdit]:
    check = QCheckBox(text)
    check.setAccessibleName(f"Has {name[0].lower()}{name[1:]}")
    edit = DateEdit(today, name=name)
    edit.setEnabled(False)
    check.toggled.connect(edit.setEnabled)
    return check, edit


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _text_box(name: str, height: int = 56) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _parse_rest(text: str) -> int | None:
    raw = text.strip().lower().removesuffix("min/hour").removesuffix("minutes").removesuffix("min").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 <= int(raw) <= REST_MAX:
        raise InputError(f"{text.strip()!r} is not a rest break: give whole minutes per hour, 0 to {REST_MAX}")
    return int(raw) or None


class ArrangementDialog(FormDialog[ArrangementFields]):
    def __init__(
        self,
        fields: ArrangementFields | None,
        people: Sequence[tuple[int, str]],
        candidate_id: int | None,
        expiry_months: int,
        validate: Validate,
        today: date,
        parent: QWidget | None = None,
        *,
        title: str = "Access arrangement",
        year_groups: Mapping[int, int] | None = None,
    ) -> None:
        """``people``: (candidate id, "0042  Surname, Forenames"); the candidate is fixed when editing.
        ``year_groups``: candidate id -> year group this year, for the Form 8 check."""
        super().__init__(title, parent, problem="Problem with the arrangement", width=640)
        self.months, self.validate, self.today = expiry_months, validate, today
        self.year_groups = dict(year_groups or {})
        self.editing = fields is not None

        self.candidate = QComboBox()
        self.candidate.setAccessibleName("Candidate")
        for cid, text in people:
            self.candidate.addItem(text, cid)
        if candidate_id is not None:
            self.candidate.setCurrentIndex(max(0, self.candidate.findData(candidate_id)))
        self.candidate.setEnabled(not self.editing)
        self.kind = keyed_combo({k: t.label for k, t in TYPES.items()}, "Arrangement type")
        self.extra = QLineEdit()
        self.extra.setAccessibleName("Extra time percent")
        self.extra.setPlaceholderText("25, up to 50, over 50; blank for none")
        self.rest = QLineEdit()
        self.rest.setAccessibleName("Rest minutes per hour")
        self.rest.setPlaceholderText(f"minutes per hour, 0 to {REST_MAX}; blank for none")
        self.route = keyed_combo(ROUTES, "Route")
        self.type_rule = QLabel()
        self.type_rule.setWordWrap(True)
        self.type_rule.setAccessibleName("What the type means")
        self.status = keyed_combo(STATUSES, "Status")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Reference")
        self.reference.setPlaceholderText("AAO or awarding body reference")
        self.has_approved, self.approved = _dated("A&pproved on:", "Approval date", today)
        self.has_expiry, self.expiry = _dated("Set another e&xpiry:", "Expiry date", today)
        self.expiry_rule = QLabel()
        self.expiry_rule.setWordWrap(True)
        self.expiry_rule.setAccessibleName("When the approval expires")
        self.status_rule = QLabel()
        self.status_rule.setWordWrap(True)
        self.status_rule.setAccessibleName("What the status means on exam day")
        self.form_8_rule = QLabel()
        self.form_8_rule.setWordWrap(True)
        self.form_8_rule.setAccessibleName("The Form 8 assessment rule")
        self.has_assessed, self.assessed = _dated("Asse&ssed on:", "Assessment date", today)
        self.assessor = QLineEdit()
        self.assessor.setAccessibleName("Assessor")
        self.way = _text_box("Normal way of working")
        self.room_need = keyed_combo(ROOM_NEEDS, "Room need")
        self.notes = _text_box("Notes")

        what = QFormLayout()
        what.addRow("&Candidate:", self.candidate)
        what.addRow("&Type:", self.kind)
        timing = QHBoxLayout()
        timing.addWidget(self.extra, 1)
        timing.addWidget(_buddy("Rest &breaks:", self.rest))
        timing.addWidget(self.rest, 1)
        what.addRow(_buddy("&Extra time %:", self.extra), timing)
        what.addRow("&Route:", self.route)
        what.addRow("Room &need:", self.room_need)
        what.addRow(self.type_rule)
        application = QGroupBox("Application")
        dates = QGridLayout()
        dates.addWidget(_buddy("Stat&us:", self.status), 0, 0)
        dates.addWidget(self.status, 0, 1)
        dates.addWidget(_buddy("Re&ference:", self.reference), 0, 2)
        dates.addWidget(self.reference, 0, 3)
        dates.addWidget(self.has_approved, 1, 0)
        dates.addWidget(self.approved, 1, 1)
        dates.addWidget(self.has_expiry, 1, 2)
        dates.addWidget(self.expiry, 1, 3)
        dates.addWidget(self.expiry_rule, 2, 0, 1, 4)
        dates.addWidget(self.status_rule, 3, 0, 1, 4)
        application.setLayout(dates)
        evidence = QGroupBox("Evidence")
        evidence_form = QFormLayout()
        assessed_row = QHBoxLayout()
        assessed_row.addWidget(self.has_assessed)
        assessed_row.addWidget(self.assessed)
        assessed_row.addWidget(_buddy("&Assessor:", self.assessor))
        assessed_row.addWidget(self.assessor, 1)
        evidence_form.addRow(assessed_row)
        evidence_form.addRow("Normal &way of working:", self.way)
        evidence_form.addRow(self.form_8_rule)
        evidence.setLayout(evidence_form)
        notes = QFormLayout()
        notes.addRow("N&otes:", self.notes)
        self.lay_out(what, application, evidence, notes)

        self.result_candidate_id: int | None = None
        self.set_fields(fields or new_fields("extra_time_25"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.route.currentIndexChanged.connect(lambda _i: self._show_type_rule())
        self.status.currentIndexChanged.connect(self._status_changed)
        for combo in (self.kind, self.route, self.status, self.candidate):  # Form 8 depends on the type too
            combo.currentIndexChanged.connect(lambda _i: self._show_checks())
        self.has_assessed.toggled.connect(lambda _on: self._show_checks())
        self.assessed.dateChanged.connect(lambda _d: self._show_checks())
        for check in (self.has_approved, self.has_expiry):
            check.toggled.connect(lambda _on: self._show_expiry_rule())
        for edit in (self.approved, self.expiry):
            edit.dateChanged.connect(lambda _d: self._show_expiry_rule())

    # --- filling and reading ---------------------------------------------------------------

    def set_fields(self, fields: ArrangementFields) -> None:
        for combo, value in ((self.kind, fields.kind), (self.route, fields.route), (self.status, fields.status),
                             (self.room_need, fields.room_need)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.extra.setText(str(fields.extra_time_percent or ""))
        self.rest.setText(str(fields.rest_minutes_per_hour or ""))
        self.reference.setText(fields.reference)
        for check, edit, day in ((self.has_approved, self.approved, fields.approved_on),
                                 (self.has_assessed, self.assessed, fields.assessed_on)):
            check.setChecked(day is not None)
            if day is not None:
                edit.set_date(day)
        derived = fields.approved_on is not None and fields.expires_on == self._derived(fields.approved_on)
        self.has_expiry.setChecked(fields.expires_on is not None and not derived)
        self.expiry.set_date(fields.expires_on or self._derived(self.approved.last_good))
        self.assessor.setText(fields.assessor)
        self.way.setPlainText(fields.normal_way_of_working)
        self.notes.setPlainText(fields.notes)
        self._show_type_rule()
        self._show_expiry_rule()
        self._show_checks()

    def _derived(self, approved: date) -> date:
        return add_months(approved, self.months)

    def expires_on(self) -> date | None:
        if self.has_expiry.isChecked():
            return self.expiry.value()
        return self._derived(self.approved.value()) if self.has_approved.isChecked() else None

    def fields(self) -> ArrangementFields:
        """What is typed; raises InputError when the extra time or rest is not a number."""
        try:
            extra = parse_extra_time(self.extra.text())
        except InputError as error:
            raise InputError(f"extra time: {error.reason}") from None
        return ArrangementFields(
            kind=self.kind.currentData(), route=self.route.currentData(), status=self.status.currentData(),
            extra_time_percent=extra, rest_minutes_per_hour=_parse_rest(self.rest.text()),
            reference=self.reference.text(),
            approved_on=self.approved.value() if self.has_approved.isChecked() else None,
            expires_on=self.expires_on(),
            assessed_on=self.assessed.value() if self.has_assessed.isChecked() else None,
            assessor=self.assessor.text(), normal_way_of_working=self.way.toPlainText(),
            room_need=self.room_need.currentData(), notes=self.notes.toPlainText(),
        )

    # --- the rules, shown and applied -----------------------------------------------------------

    def _kind_changed(self) -> None:
        """A new type brings its usual route, room need and extra time."""
        t = TYPES[self.kind.currentData()]
        self.route.setCurrentIndex(self.route.findData(t.route))
        self.room_need.setCurrentIndex(self.room_need.findData(t.room_need))
        self.extra.setText(str(t.extra_time or ""))
        self._show_type_rule()

    def _show_type_rule(self) -> None:
        t = TYPES[self.kind.currentData()]
        parts = [f"route “{ROUTES[t.route]}”"]
        if t.extra_time:
            parts.append(f"{t.extra_time}% extra time")
        if t.room_need != "none":
            parts.append(f"room need “{ROOM_NEEDS[t.room_need]}”")
        if t.rest_breaks:
            parts.append("the rest minutes per hour to be given")
        text = f"Usual for {t.label.lower()}: {', '.join(parts)}."
        if self.route.currentData() != t.route:
            text += f" This one goes by “{ROUTES[self.route.currentData()]}” instead."
        if t.note:
            text += f" {t.note}"
        self.type_rule.setText(text)
        grow_to_fit(self)

    def _status_changed(self) -> None:
        if self.status.currentData() == "approved" and not self.has_approved.isChecked():
            self.approved.set_date(self.today)
            self.has_approved.setChecked(True)

    def _show_checks(self) -> None:
        """What "Approved" does on exam day, and the Form 8 rule checked against the dates typed."""
        route, status = self.route.currentData(), self.status.currentData()
        self.status_rule.setText(f"{DELEGATED_NOTE} {EXAM_DAY_NOTE}" if route == "delegated" and status != "approved"
                                 else EXAM_DAY_NOTE)
        assessed = self.assessed.last_good if self.has_assessed.isChecked() else None
        self.form_8_rule.setText(form_8_text(self.kind.currentData(), route, status, assessed,
                                             self.year_groups.get(self.candidate.currentData()), self.today))
        grow_to_fit(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        grow_to_fit(self)

    def _show_expiry_rule(self) -> None:
        rule = f"approval + {self.months} months (a setting)"
        if self.has_approved.isChecked():
            usual = self._derived(self.approved.last_good)
            if self.has_expiry.isChecked():
                text = f"Expires {format_date(self.expiry.last_good)}, as set ({rule} would be {format_date(usual)})."
            else:
                text = f"Expires {format_date(usual)}: {rule}."
        elif self.has_expiry.isChecked():
            text = f"Expires {format_date(self.expiry.last_good)}, as set."
        else:
            text = f"No expiry yet: it is worked out from the approval date, {rule}."
        self.expiry_rule.setText(text)

    def checked(self) -> ArrangementFields:
        if self.candidate.currentData() is None:
            raise InputError("choose the candidate; add them on the Candidates page first")
        fields = self.validate(self.fields())
        self.result_candidate_id = self.candidate.currentData()
        return fields
