"""Add or edit one Knowledge & Understanding target. It gathers and checks input; the tab
saves it undoably.

The area is chosen from the guide's list or typed; the methods are the guide's six,
ticked; the checkpoint date is optional.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from eoffice.domain.standards import AREAS, METHODS, STATUSES, TargetFields, check_target
from eoffice.ui.dialogs.form_dialog import FormDialog
from eoffice.ui.widgets.date_edit import DateEdit


def status_combo() -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName("Status")
    for key, label in STATUSES.items():
        combo.addItem(label, key)
    return combo


def text_box(name: str, height: int = 56) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class MethodsBox(QWidget):
    """The guide's methods as tick boxes, two columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, label) in enumerate(METHODS.items()):
            box = QCheckBox(label)
            box.setAccessibleName(f"Method: {label}")
            self.boxes[key] = box
            grid.addWidget(box, i // 2, i % 2)

    def set_methods(self, methods: tuple[str, ...]) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in methods)

    def methods(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.boxes.items() if box.isChecked())


class OptionalDate(QWidget):
    """A tick box that switches a date on, and the date."""

    def __init__(self, text: str, name: str, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.check.setAccessibleName(f"Has a {name.lower()}")
        self.edit = DateEdit(default, name=name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def set_value(self, value: date | None, default: date) -> None:
        self.check.setChecked(value is not None)
        self.edit.set_date(value or default)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None


class TargetDialog(FormDialog[TargetFields]):
    def __init__(self, fields: TargetFields | None, default_day: date, parent: QWidget | None = None, *,
                 title: str = "Knowledge & Understanding target") -> None:
        super().__init__(title, parent, problem="Problem with the target", width=560)
        self.default_day = default_day
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.setAccessibleName("Area")
        self.area.addItems(AREAS)
        line = self.area.lineEdit()
        assert line is not None  # an editable combo box always has its line edit
        line.setPlaceholderText("Choose from the guide's list or type your own")
        line.setAccessibleName("Area")
        self.target = text_box("Target")
        self.methods = MethodsBox()
        self.success = QLineEdit()
        self.success.setAccessibleName("Success criteria")
        self.success.setPlaceholderText("How you will both know it is achieved")
        self.checkpoint = OptionalDate("&Checkpoint:", "Checkpoint date", default_day)
        self.status = status_combo()
        self.notes = text_box("Progress notes", 70)

        form = QFormLayout()
        form.addRow("&Area:", self.area)
        form.addRow("&Target:", self.target)
        form.addRow("Methods:", self.methods)
        form.addRow("&Success criteria:", self.success)
        form.addRow(self.checkpoint)
        form.addRow("Stat&us:", self.status)
        form.addRow("&Progress notes:", self.notes)
        self.lay_out(form, problem_in=form)
        self.set_fields(fields or TargetFields(area=AREAS[0], target=""))

    def set_fields(self, f: TargetFields) -> None:
        self.area.setCurrentText(f.area)
        self.target.setPlainText(f.target)
        self.methods.set_methods(f.methods)
        self.success.setText(f.success_criteria)
        self.checkpoint.set_value(f.checkpoint_on, self.default_day)
        self.status.setCurrentIndex(max(0, self.status.findData(f.status)))
        self.notes.setPlainText(f.progress_notes)

    def fields(self) -> TargetFields:
        return TargetFields(
            area=" ".join(self.area.currentText().split()), target=self.target.toPlainText().strip(),
            methods=self.methods.methods(), success_criteria=self.success.text().strip(),
            checkpoint_on=self.checkpoint.value(), progress_notes=self.notes.toPlainText().strip(),
            status=self.status.currentData(),
        )

    def checked(self) -> TargetFields:
        return check_target(self.fields())  # a date field holding no real date raises too
