"""The Standards tab's pages for progress, Knowledge & Understanding targets and Key Skills.

Each page shows a ``Snapshot`` given by the tab and asks the tab (its ``host``) to make
changes, so who is acting and what is allowed are decided in one place.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.standards import STAGES, Skill, Target, skills_warning
from eoffice.ui import hotkeys, standards_commands
from eoffice.ui.colours import ERROR_STYLE
from eoffice.ui.dialogs import ask
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.record_table import RECORD_ROLE, RecordTableModel
from eoffice.ui.models.standards_models import GridModel, SkillModel, TargetModel
from eoffice.ui.tabs import standards_state
from eoffice.ui.tabs.standards_state import Acting, Snapshot
from eoffice.ui.widgets import record_page
from eoffice.ui.widgets.abstract_widget import AbstractWidgetMeta
from eoffice.ui.widgets.columns import STRETCH_LEAST

if TYPE_CHECKING:
    from eoffice.ui.tabs.standards_tab import StandardsTab

WARNING_STYLE = "color: #9a5b00; font-weight: bold;"
REMINDER_STYLES = {"overdue": ERROR_STYLE, "due_soon": WARNING_STYLE}
LOCKED_STYLE = "color: palette(dark);"


def make_table(name: str, model: RecordTableModel[Any], widths: tuple[int, ...] = (), *,
               stretch: int | tuple[int, ...] | None = None, secondary: tuple[int, ...] = (),
               least: int = STRETCH_LEAST) -> QTableView:
    """A Standards table: the one table maker's, one row chosen at a time, rows in their order."""
    return record_page.make_table(name, model, widths, stretch=stretch, secondary=secondary, least=least,
                                  single=True, sorting=False)


def fit_rows(table: QTableView, rows: int, *, least: int = 2) -> None:
    """No empty space under a short table."""
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setMaximumHeight(height + max(least, rows) * table.verticalHeader().defaultSectionSize())


def note_label(name: str, style: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def bullets(lines: list[str] | tuple[str, ...]) -> str:
    return "".join(f"<li>{line[:1].upper()}{line[1:]}</li>" for line in lines)


class Page(QWidget, metaclass=AbstractWidgetMeta):
    """A section of the tab: buttons (each also a shortcut where named in hotkeys)."""

    def __init__(self, host: StandardsTab, name: str) -> None:
        super().__init__()
        self.host = host
        self.setAccessibleName(name)
        self.buttons: dict[str, QPushButton] = {}

    def button(self, key: str, text: str, slot: Callable[[], object],
               shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

            def press() -> None:
                if button.isEnabled():
                    button.click()

            action.triggered.connect(press)
            self.addAction(action)
            button.setToolTip(f"{text.replace('&', '').rstrip('…')} "
                              f"({hotkeys.key_text(shortcut)})")
        self.buttons[key] = button
        return button

    def row_of(self, *keys: str) -> QHBoxLayout:
        row = QHBoxLayout()
        for key in keys:
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        return row

    @abstractmethod
    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        """Show the year's Standards as ``acting`` may see and change them."""


def selected(table: QTableView) -> Any:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return rows[0].data(RECORD_ROLE) if rows else None


class ProgressPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Progress grid page")
        intro = QLabel("One row per exams officer. Each criterion shows ✓ (met) or ✗ (not yet) with a word "
                       "saying where it stands; hover over a cell for what is missing. Double-click a row to "
                       "show that officer.")
        intro.setWordWrap(True)
        self.model = GridModel(self)
        # Every criterion as wide as its words (long headings on two lines), so the grid fits
        # beside the sections at 1024 pixels wide.
        self.table = make_table("Progress grid", self.model, stretch=())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # keeps the tints readable
        self.table.activated.connect(self._open_row)
        self.missing = note_label("What is still missing")
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.reminder = note_label("Next meeting")
        self.button("pack", "Save mee&ting pack PDF…", self.save_pack)
        self.button("xlsx", "Save s&ummary (Excel)…", lambda: self.save_summary("xlsx"))
        self.button("pdf", "Save summary P&DF…", lambda: self.save_summary("pdf"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.reminder)
        layout.addWidget(self.missing)
        layout.addLayout(self.row_of("pack", "xlsx", "pdf"))
        layout.addStretch(1)

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        self.model.set_rows(snap.grid, snap.person_id)
        fit_rows(self.table, len(snap.grid))
        name = snap.officer or "the exams officer"
        if not snap.grid:
            self.missing.setText("No exams officer is recorded: add one in the Centre tab.")
        elif not snap.missing:
            self.missing.setText(f"<b>✓ {name} has earned the certificate for {snap.year.label}.</b> Save it from "
                                 "“Declaration & certificate”.")
        else:
            self.missing.setText(f"<b>✗ Still missing for {name}'s certificate ({snap.year.label}):</b>"
                                 f"<ul>{bullets(snap.missing)}</ul>")
        self.reminder.setText(f"Meetings: {snap.reminder.text}." if snap.reminder else "")
        self.reminder.setStyleSheet(REMINDER_STYLES.get(snap.reminder.state, "") if snap.reminder else "")
        self.reminder.setVisible(snap.reminder is not None)

    def _open_row(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        if record is not None:
            self.host.choose_person(record.person_id)

    def save_pack(self) -> None:
        year = self.host.snapshot.year
        self.host.save_file("Save meeting pack", standards_state.file_name(self.host.context, year, "meeting-pack", "pdf"),
                            standards_state.PDF_FILTER, lambda out: standards_state.save_meeting_pack(self.host.context, year, out))

    def save_summary(self, fmt: str) -> None:
        year = self.host.snapshot.year
        writer = standards_state.save_summary_xlsx if fmt == "xlsx" else standards_state.save_summary_pdf
        self.host.save_file("Save Standards summary",
                            standards_state.file_name(self.host.context, year, "standards", fmt, document="summary"),
                            standards_state.XLSX_FILTER if fmt == "xlsx" else standards_state.PDF_FILTER,
                            lambda out: writer(self.host.context, year, out))


class TargetsPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Knowledge & Understanding page")
        self.model = TargetModel(host.context.today, self)
        # The area, target, checkpoint and status always show; the success criteria, methods and
        # progress notes step aside on a small screen (a target's dialog shows them all).
        self.table = make_table("Knowledge & Understanding targets", self.model, (150, 240, 150, 180, 130, 100, 200),
                                stretch=1, secondary=(3, 2, 6), least=220)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.locked = note_label("Why the targets cannot change", LOCKED_STYLE)
        self.button("add", "New &target…", self.add, hotkeys.NEW_STANDARDS_ITEM)
        self.button("edit", "Edit ta&rget…", self.edit, hotkeys.EDIT_STANDARDS_ITEM)
        self.button("delete", "&Delete target", self.delete, hotkeys.DELETE_STANDARDS_ITEM)
        self.button("starters", "Add &starter targets…", self.add_starters)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        layout = QVBoxLayout(self)
        layout.addLayout(self.row_of("add", "edit", "delete", "starters"))
        layout.addWidget(self.locked)
        layout.addWidget(self.table, 1)
        self._editable = False

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        st = snap.standards
        self.model.today = self.host.context.today
        show_rows(self.model, st.targets if st else ())
        slt = snap.live("slt_declaration")
        self.locked.setText(f"The targets are part of the SLT declaration signed by {slt[0].signer_name}: "
                            "withdraw that signature to change them." if slt else "")
        self.locked.setVisible(bool(slt))
        self._editable = acting.can_edit and not slt
        self.buttons["starters"].setVisible(bool(st and st.year.experience == "new"))
        self._enable()

    def _enable(self) -> None:
        chosen = selected(self.table) is not None
        self.buttons["add"].setEnabled(self._editable)
        self.buttons["starters"].setEnabled(self._editable)
        self.buttons["edit"].setEnabled(self._editable and chosen)
        self.buttons["delete"].setEnabled(self._editable and chosen)

    def _dialog(self, target: Target | None, title: str) -> Any:
        from eoffice.ui.dialogs.target_dialog import TargetDialog

        snap = self.host.snapshot
        day = self.host.context.today if snap.year.contains(self.host.context.today) else snap.year.start
        return TargetDialog(standards_commands.target_fields(target) if target else None, day, self, title=title)

    def add(self) -> None:
        dialog = self._dialog(None, "New Knowledge & Understanding target")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and (year_id := self.host.snapshot.year_id):
            fields = dialog.result_fields
            self.host.attempt("Target not added", lambda by: standards_commands.add_targets(
                self.host.context, year_id, [fields], by=by))

    def edit(self) -> None:
        target = selected(self.table)
        if not isinstance(target, Target) or not self._editable:
            return
        dialog = self._dialog(target, "Edit Knowledge & Understanding target")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != standards_commands.target_fields(target):
            fields = dialog.result_fields
            self.host.attempt("Target not saved", lambda by: standards_commands.edit_target(
                self.host.context, target, fields, by=by))

    def delete(self) -> None:
        target = selected(self.table)
        year_id = self.host.snapshot.year_id
        if not isinstance(target, Target) or year_id is None or not self._editable:
            return
        if ask.confirm(self, "Delete target", f"Delete the target “{target.target}”? Its notes in unsigned meeting "
                       "records go too. You can undo this with Ctrl+Z."):
            self.host.attempt("Target not deleted", lambda by: standards_commands.delete_target(
                self.host.context, year_id, target, by=by))

    def add_starters(self) -> None:
        snap = self.host.snapshot
        if snap.year_id is None:
            return
        every = "All three"
        options = [*STAGES.values(), every]
        chosen = ask.choose(self, "Starter targets", "A new exams officer's plan: which targets should be added? "
                            "Their checkpoints count from today (or the start of the year), and each can be edited.",
                            options)
        if chosen is None:
            return
        stages = list(STAGES) if chosen == every else [k for k, v in STAGES.items() if v == chosen]
        year_id, year = snap.year_id, snap.year
        self.host.attempt("Starter targets not added", lambda by: standards_commands.add_starter_targets(
            self.host.context, year_id, year, stages, by=by))


class SkillsPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Key Skills page")
        self.model = SkillModel(host.context.today, self)
        self.table = make_table("Key Skills", self.model, (220, 180, 250, 130, 100), stretch=0, secondary=(2, 1),
                                least=220)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.warning = note_label("Key Skills warning", WARNING_STYLE)
        self.locked = note_label("Why the Key Skills cannot change", LOCKED_STYLE)
        intro = QLabel("Choose Key Skills from the guide's eleven; the guide recommends three a year.")
        intro.setWordWrap(True)
        self.button("add", "&New key skill…", self.add, hotkeys.NEW_STANDARDS_ITEM)
        self.button("edit", "Edit key skil&l…", self.edit, hotkeys.EDIT_STANDARDS_ITEM)
        self.button("delete", "&Delete key skill", self.delete, hotkeys.DELETE_STANDARDS_ITEM)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.row_of("add", "edit", "delete"))
        layout.addWidget(self.warning)
        layout.addWidget(self.locked)
        layout.addWidget(self.table, 1)
        self._editable = False

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        st = snap.standards
        self.model.today = self.host.context.today
        show_rows(self.model, st.skills if st else ())
        warning = skills_warning(len(st.skills)) if st else None
        self.warning.setText(f"⚠ {warning[:1].upper()}{warning[1:]}." if warning else "")
        self.warning.setVisible(bool(warning))
        slt = snap.live("slt_declaration")
        self.locked.setText(f"The Key Skills are part of the SLT declaration signed by {slt[0].signer_name}: "
                            "withdraw that signature to change them." if slt else "")
        self.locked.setVisible(bool(slt))
        self._editable = acting.can_edit and not slt
        self._enable()

    def _enable(self) -> None:
        chosen = selected(self.table) is not None
        self.buttons["add"].setEnabled(self._editable and self.model.rowCount() < 11)
        self.buttons["edit"].setEnabled(self._editable and chosen)
        self.buttons["delete"].setEnabled(self._editable and chosen)

    def _dialog(self, skill: Skill | None, title: str) -> Any:
        from eoffice.ui.dialogs.skill_dialog import SkillDialog

        snap = self.host.snapshot
        taken = [s.skill for s in snap.standards.skills] if snap.standards else []
        return SkillDialog(standards_commands.skill_fields(skill) if skill else None, taken, snap.year.end, self,
                           title=title)

    def add(self) -> None:
        dialog = self._dialog(None, "New Key Skill")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and (year_id := self.host.snapshot.year_id):
            fields = dialog.result_fields
            self.host.attempt("Key skill not added", lambda by: standards_commands.add_skill(
                self.host.context, year_id, fields, by=by))

    def edit(self) -> None:
        skill = selected(self.table)
        if not isinstance(skill, Skill) or not self._editable:
            return
        dialog = self._dialog(skill, "Edit Key Skill")
        if ask.run_dialog(dialog) and dialog.result_fields is not None and dialog.result_fields != standards_commands.skill_fields(skill):
            fields = dialog.result_fields
            self.host.attempt("Key skill not saved", lambda by: standards_commands.edit_skill(
                self.host.context, skill, fields, by=by))

    def delete(self) -> None:
        skill = selected(self.table)
        year_id = self.host.snapshot.year_id
        if not isinstance(skill, Skill) or year_id is None or not self._editable:
            return
        if ask.confirm(self, "Delete key skill", f"Delete the Key Skill “{skill.label}”? You can undo this with Ctrl+Z."):
            self.host.attempt("Key skill not deleted", lambda by: standards_commands.delete_skill(
                self.host.context, year_id, skill, by=by))
