"""One room in one session: who is there, who could be, and why the others cannot.

Assign, unassign, lock and unlock happen at once, each as its own undoable step,
through the callbacks the roster grid gives; a refusal (a clash, a limit, someone
not available) is shown here in the domain's plain words and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.roster import GENERAL, AssignmentRecord, role_words
from eoffice.errors import EofficeError
from eoffice.ui.colours import ERROR_STYLE
from eoffice.ui.dialogs.problem import show_problem
from eoffice.ui.models.roster_models import LOCK_MARK, GridCell


@dataclass(frozen=True)
class Choice:
    """An active invigilator for this room and session: the roles they may take here, or why not."""

    invigilator_id: int
    name: str
    roles: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class AssignActions:
    assign: Callable[[int, str, bool], object]  # (invigilator id, role, locked)
    unassign: Callable[[Sequence[AssignmentRecord]], object]
    lock: Callable[[Sequence[AssignmentRecord], bool], object]


Reload = Callable[[], tuple[GridCell, list[Choice]]]


def _list(name: str) -> QListWidget:
    view = QListWidget()
    view.setAccessibleName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return view


def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


class AssignDialog(QDialog):
    actions: AssignActions  # type: ignore[assignment]  # hides QWidget.actions(), which nothing here calls

    def __init__(self, cell: GridCell, choices: list[Choice], actions: AssignActions, reload: Reload,
                 parent: QWidget | None = None, *, read_only: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.actions = actions
        self.reload = reload
        self.setWindowTitle(f"Assign: {cell.label}")
        self.setAccessibleName("Assign invigilators")
        self.setMinimumSize(720, 520)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Room and session")
        self.team = _list("Assigned here")
        self.eligible = _list("Can be assigned here")
        self.eligible.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.others = _list("Cannot be assigned here, and why")
        self.others.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.others.setWordWrap(True)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        self.lock_new = QCheckBox("&Lock it (the auto-roster keeps it)")
        self.lock_new.setAccessibleName("Lock the new assignment")
        self.assign_button = _button("&Assign", "Assign the chosen invigilator", self.assign)
        self.unassign_button = _button("&Unassign", "Unassign the chosen", self.unassign)
        self.lock_button = _button("Loc&k", "Lock the chosen", lambda: self.lock(True))
        self.unlock_button = _button("U&nlock", "Unlock the chosen", lambda: self.lock(False))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setAccessibleName("Why that was refused")
        self.problem.hide()
        self.eligible.currentItemChanged.connect(lambda *_a: self._roles_for_choice())
        self.eligible.itemDoubleClicked.connect(lambda _item: self.assign())

        team_buttons = QHBoxLayout()
        for button in (self.unassign_button, self.lock_button, self.unlock_button):
            team_buttons.addWidget(button)
        team_buttons.addStretch(1)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Role:"))
        add_row.addWidget(self.role, 1)
        add_row.addWidget(self.lock_new)
        add_row.addWidget(self.assign_button)
        grid = QGridLayout()
        for column, (text, view) in enumerate((("A&ssigned here", self.team), ("Can be assigned &here", self.eligible),
                                               ("Cannot be assigned here, and &why", self.others))):  # fmt: skip
            label = QLabel(f"<b>{text}</b>")
            label.setBuddy(view)
            grid.addWidget(label, 0, column)
            grid.addWidget(view, 1, column)
        grid.setColumnStretch(2, 2)
        grid.addLayout(team_buttons, 2, 0)
        grid.addLayout(add_row, 2, 1, 1, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.read_only = read_only
        self.choices: list[Choice] = []
        self.show_state(cell, choices)

    # --- what is shown -----------------------------------------------------------------------

    def show_state(self, cell: GridCell, choices: list[Choice]) -> None:
        self.cell, self.choices = cell, choices
        lines = [f"<b>{cell.label}</b>"]
        if cell.requirement is not None:
            r = cell.requirement
            helpers = "".join(f", {n} {role_words(role)}" for role, n in r.helpers)
            lines.append(f"{r.candidates} candidates: needs {r.needed} ({r.general} invigilating{helpers}); "
                         f"{len(cell.team)} assigned" + (f". <b>SHORT {cell.short}</b>" if cell.short else ""))  # fmt: skip
        else:
            lines.append("No candidates are seated here in this session.")
        if cell.short and cell.reason:
            lines.append(f"Why short at the last auto-roster: {cell.reason}")
        self.heading.setText("<br>".join(lines))
        self.team.clear()
        for a in cell.team:
            role = "" if a.role == GENERAL else f" ({role_words(a.role)})"
            item = QListWidgetItem(f"{a.name}{role}" + (f" {LOCK_MARK} locked" if a.locked else ""))
            item.setData(Qt.ItemDataRole.UserRole, a)
            self.team.addItem(item)
        self.eligible.clear()
        self.others.clear()
        for choice in choices:
            if choice.roles:
                item = QListWidgetItem(choice.name)
                item.setData(Qt.ItemDataRole.UserRole, choice)
                self.eligible.addItem(item)
            else:
                self.others.addItem(QListWidgetItem(choice.reason))
        if self.eligible.count():
            self.eligible.setCurrentRow(0)
        self._roles_for_choice()
        for button in (self.assign_button, self.unassign_button, self.lock_button, self.unlock_button):
            button.setEnabled(not self.read_only)

    def _roles_for_choice(self) -> None:
        self.role.clear()
        item = self.eligible.currentItem()
        choice = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        for role in choice.roles if isinstance(choice, Choice) else ():
            self.role.addItem(role_words(role).capitalize(), role)

    def chosen_team(self) -> list[AssignmentRecord]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.team.selectedItems()]

    def choose(self, name: str) -> bool:
        """Select an eligible invigilator by name; False when they are not eligible here."""
        for row in range(self.eligible.count()):
            if self.eligible.item(row).text() == name:
                self.eligible.setCurrentRow(row)
                return True
        return False

    # --- what the officer does -----------------------------------------------------------------

    def _run(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except EofficeError as error:
            message = str(error)
            show_problem(self.problem, message)
            return False
        self.problem.hide()
        self.show_state(*self.reload())
        return True

    def assign(self) -> bool:
        item = self.eligible.currentItem()
        choice = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(choice, Choice) or self.read_only:
            return False
        role = self.role.currentData() or choice.roles[0]
        return self._run(lambda: self.actions.assign(choice.invigilator_id, role, self.lock_new.isChecked()))

    def unassign(self) -> bool:
        chosen = self.chosen_team()
        return bool(chosen) and not self.read_only and self._run(lambda: self.actions.unassign(chosen))

    def lock(self, locked: bool) -> bool:
        chosen = [a for a in self.chosen_team() if a.locked != locked]
        return bool(chosen) and not self.read_only and self._run(lambda: self.actions.lock(chosen, locked))
