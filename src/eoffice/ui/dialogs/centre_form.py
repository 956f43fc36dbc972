"""The centre's details as a form, shared by the first-run dialog and the edit dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from eoffice.domain.centre import NATIONS, CentreDetails, validate
from eoffice.errors import InputError
from eoffice.ui.dialogs.problem import problem_label, show_problem


class CentreForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = self._line("Centre name", "e.g. Northfield Community Academy")
        self.number = self._line("Centre number", "5 digits, e.g. 12345")
        self.number.setMaxLength(5)
        self.nation = QComboBox()
        self.nation.addItems(list(NATIONS))
        self.nation.setAccessibleName("Nation (for bank holidays)")
        self.officer = self._line("Exams officer", "Full name")
        self.line_manager = self._line("Line manager", "Senior leader's full name")
        self.senco = self._line("SENCo", "Full name")
        self.problem = problem_label("Problem with the details")
        self.problem.setObjectName("problem")

        layout = QFormLayout(self)
        for label, field in (
            ("Centre &name:", self.name),
            ("Centre n&umber:", self.number),
            ("N&ation:", self.nation),
            ("&Exams officer:", self.officer),
            ("&Line manager:", self.line_manager),
            ("SEN&Co:", self.senco),
        ):
            layout.addRow(label, field)
        layout.addRow(self.problem)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        return field

    def set_details(self, details: CentreDetails | None) -> None:
        details = details or CentreDetails(name="")
        self.name.setText(details.name)
        self.number.setText(details.centre_number or "")
        self.nation.setCurrentText(details.nation)
        self.officer.setText(details.exams_officer or "")
        self.line_manager.setText(details.line_manager or "")
        self.senco.setText(details.senco or "")

    def details(self) -> CentreDetails:
        """The validated details; shows the problem beside the form and re-raises if any."""
        raw = CentreDetails(
            name=self.name.text(),
            centre_number=self.number.text(),
            nation=self.nation.currentText(),
            exams_officer=self.officer.text() or None,
            line_manager=self.line_manager.text() or None,
            senco=self.senco.text() or None,
        )
        try:
            details = validate(raw)
        except InputError as error:
            show_problem(self.problem, str(error))
            field = self.number if "centre number" in str(error) else self.name
            field.setFocus()
            raise
        self.problem.hide()
        return details
