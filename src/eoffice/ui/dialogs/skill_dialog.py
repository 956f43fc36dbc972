"""Add or edit one Key Skill: one of the guide's eleven, how it will be developed and
measured, and by when. Skills already chosen this year are marked and refused."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from eoffice.domain.standards import SKILLS, SkillFields
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.dialogs.target_dialog import MethodsBox, OptionalDate, status_combo


class SkillDialog(FormDialog[SkillFields]):
    def __init__(self, fields: SkillFields | None, taken: Collection[str], default_day: date,
                 parent: QWidget | None = None, *, title: str = "Key Skill") -> None:
        super().__init__(title, parent, problem="Problem with the key skill", width=500)
        self.default_day = default_day
        self.taken = set(taken) - ({fields.skill} if fields else set())
        self.skill = QComboBox()
        self.skill.setAccessibleName("Key skill")
        for key, label in SKILLS.items():
            self.skill.addItem(f"{label} (already chosen)" if key in self.taken else label, key)
        self.methods = MethodsBox()
        self.measure = QLineEdit()
        self.measure.setAccessibleName("How it is measured")
        self.measure.setPlaceholderText("e.g. line manager's observation, feedback from staff")
        self.by_when = OptionalDate("&By when:", "By when date", default_day)
        self.status = status_combo()

        form = QFormLayout()
        form.addRow("&Key skill:", self.skill)
        form.addRow("Methods:", self.methods)
        form.addRow("&How it is measured:", self.measure)
        form.addRow(self.by_when)
        form.addRow("Stat&us:", self.status)
        self.lay_out(form, problem_in=form)
        first_free = next((k for k in SKILLS if k not in self.taken), next(iter(SKILLS)))
        self.set_fields(fields or SkillFields(skill=first_free))

    def set_fields(self, f: SkillFields) -> None:
        self.skill.setCurrentIndex(max(0, self.skill.findData(f.skill)))
        self.methods.set_methods(f.methods)
        self.measure.setText(f.measure)
        self.by_when.set_value(f.by_when, self.default_day)
        self.status.setCurrentIndex(max(0, self.status.findData(f.status)))

    def fields(self) -> SkillFields:
        return SkillFields(skill=self.skill.currentData(), methods=self.methods.methods(),
                           measure=self.measure.text().strip(), by_when=self.by_when.value(),
                           status=self.status.currentData())

    def checked(self) -> SkillFields:
        f = self.fields()  # a date field holding no real date raises
        if f.skill in self.taken:
            raise InputError(f"{SKILLS[f.skill]} is already one of this year's Key Skills; choose another.")
        return f
