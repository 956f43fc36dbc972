"""The one shape of a record's dialog: the form, the red problem line under it, Save and Cancel.

Save asks the dialog's ``checked()`` for the record as typed and checked; an ``InputError``
keeps the dialog open with its reason in the problem line (nothing is saved, nothing typed
is lost), anything else is the record in ``result_fields`` for the caller. Eleven dialogs
once each built these parts and the accept-or-say-why dance by hand.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Generic, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from eoffice.errors import InputError
from eoffice.ui.dialogs.problem import problem_label, show_problem
from eoffice.ui.widgets.abstract_widget import AbstractWidgetMeta

ResultT = TypeVar("ResultT")

Part = QWidget | QLayout | tuple[QWidget | QLayout, int]
"""What ``lay_out`` stacks: a widget or layout, or one with its stretch factor."""

SAVE = QDialogButtonBox.StandardButton.Save
OK = QDialogButtonBox.StandardButton.Ok


class FormDialog(QDialog, Generic[ResultT], metaclass=AbstractWidgetMeta):
    """A dialog that gives one checked record, ``result_fields``, when it is accepted.

    A subclass builds its fields, calls ``lay_out`` once with its parts top to bottom, and
    implements ``checked``. ``locked`` (a read-only record) shows Close alone.
    """

    def __init__(self, title: str, parent: QWidget | None = None, *, problem: str | QLabel, width: int = 0,
                 ok: QDialogButtonBox.StandardButton = SAVE, action: str = "", locked: bool = False) -> None:
        """``problem`` names the problem line, or is the line a form inside the dialog already
        shows (the centre's form, shared with the welcome page); ``action`` renames the
        accepting button ("&Sign", "&Reset password")."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        if width:
            self.setMinimumWidth(width)
        self._own_problem = isinstance(problem, str)
        self.problem = problem_label(problem) if isinstance(problem, str) else problem
        self._ok = ok
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close if locked
                                        else ok | QDialogButtonBox.StandardButton.Cancel)
        if action and not locked:
            self.accept_button.setText(action)
            self.accept_button.setAccessibleName(action.replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.result_fields: ResultT | None = None

    @property
    def accept_button(self) -> QPushButton:
        """Save, or OK by its action's name."""
        button = self.buttons.button(self._ok)
        assert button is not None  # made in __init__
        return button

    def lay_out(self, *parts: Part, problem_in: QFormLayout | None = None) -> QVBoxLayout:
        """Stack ``parts``, then the problem line (as the last row of ``problem_in`` when the
        form should keep it in its own column), then the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            item, stretch = part if isinstance(part, tuple) else (part, 0)
            if isinstance(item, QLayout):
                layout.addLayout(item, stretch)
            else:
                layout.addWidget(item, stretch)
        if self._own_problem and problem_in is not None:
            problem_in.addRow(self.problem)
        elif self._own_problem:
            layout.addWidget(self.problem)  # else it is already in the form that owns it
        layout.addWidget(self.buttons)
        return layout

    @abstractmethod
    def checked(self) -> ResultT:
        """The record as typed, checked; raises ``InputError`` saying what to put right."""

    def say(self, problem: str) -> None:
        """Show ``problem`` under the form, the dialog left open."""
        show_problem(self.problem, problem)

    def accept(self) -> None:
        try:
            result = self.checked()
        except InputError as error:
            self.say(str(error))
            return
        self.result_fields = result
        super().accept()
