"""Edit > Settings…: every named setting, area by area, with the editor its kind needs.

The dialog only gathers values; ``edit_settings`` saves what changed as one step on the
undo stack, through ``settings_catalogue.save`` (one transaction, every value checked
first, knock-on effects such as worked-out internal deadlines moving included). Labels,
limits and help come from the catalogue, so the window and ``eoffice settings`` agree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain import settings_catalogue as catalogue
from eoffice.domain.settings_catalogue import SettingInfo, SettingValue
from eoffice.errors import EofficeError
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.form_dialog import OK, FormDialog
from eoffice.ui.settings_commands import save_settings

QUIET = "color: palette(placeholder-text);"


def _editor(info: SettingInfo) -> QWidget:
    if info.kind == catalogue.YES_NO:
        return QCheckBox("On")
    if info.kind == catalogue.TIME:
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        edit.setTimeRange(QTime(info.minimum // 60, info.minimum % 60), QTime(info.maximum // 60, info.maximum % 60))
        return edit
    spin = QSpinBox()
    spin.setRange(info.minimum, info.maximum)
    if info.unit:
        spin.valueChanged.connect(lambda n: spin.setSuffix(f" {info.unit_for(n)}"))
        spin.setSuffix(f" {info.unit_for(spin.value())}")
    if info.zero_means and info.minimum == 0:
        spin.setSpecialValueText(info.zero_means.capitalize())
    return spin


def _value(editor: QWidget) -> Any:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QTimeEdit):
        return editor.time().toString("HH:mm")
    assert isinstance(editor, QSpinBox)
    return editor.value()


def _show(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QTimeEdit):
        editor.setTime(QTime.fromString(str(value), "HH:mm"))
    else:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(value))


def _changed_signal(editor: QWidget) -> Any:
    if isinstance(editor, QCheckBox):
        return editor.toggled
    if isinstance(editor, QTimeEdit):
        return editor.timeChanged
    assert isinstance(editor, QSpinBox)
    return editor.valueChanged


class SettingsDialog(FormDialog[dict[str, Any]]):
    def __init__(self, values: list[SettingValue], parent: QWidget | None = None, *, read_only_note: str = "") -> None:
        super().__init__("Settings", parent, problem="What is wrong", ok=OK, locked=bool(read_only_note))
        self.resize(1000, 640)
        self.read_only = bool(read_only_note)
        self.original: dict[str, Any] = {v.info.key: v.value for v in values}
        self.infos: dict[str, SettingInfo] = {v.info.key: v.info for v in values}
        self.editors: dict[str, QWidget] = {}
        self.markers: dict[str, QLabel] = {}
        self.resets: dict[str, QPushButton] = {}

        self.area_names: list[str] = []
        self.areas = QListWidget()
        self.areas.setAccessibleName("Areas")
        self.areas.setFixedWidth(200)
        self.areas.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.pages = QStackedWidget()
        for area in catalogue.AREAS:
            infos = [v.info for v in values if v.info.area == area]
            if infos:
                self.area_names.append(area)
                self.areas.addItem(area)
                self.pages.addWidget(self._page(area, infos))
        self.areas.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.areas.setCurrentRow(0)

        self.note = QLabel(read_only_note)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Read-only")
        self.note.setStyleSheet("background: rgba(245, 158, 11, 70); padding: 8px; border-radius: 4px;")
        self.note.setVisible(self.read_only)

        body = QHBoxLayout()
        body.addWidget(self.areas)
        body.addWidget(self.pages, 1)
        self.lay_out(self.note, (body, 1))
        for key, value in self.original.items():
            _show(self.editors[key], value)
            self._mark(key)

    def _page(self, area: str, infos: list[SettingInfo]) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(0, 1)
        for row, info in enumerate(infos):
            label = QLabel(info.name)
            label.setWordWrap(True)
            help_line = QLabel(info.help)  # under the whole row, so it reads in one or two lines
            help_line.setWordWrap(True)
            help_line.setStyleSheet(f"font-size: small; {QUIET}")
            help_line.setContentsMargins(0, 0, 0, 10)
            editor = _editor(info)
            editor.setAccessibleName(info.name)
            source = f"\nSource: {info.default_source}." if info.default_source else ""
            editor.setToolTip(f"{info.help}\nDefault: {catalogue.show(info.key, info.default)}.{source}")
            editor.setFixedWidth(215)
            editor.setEnabled(not self.read_only)
            label.setBuddy(editor)
            marker = QLabel()
            marker.setMinimumWidth(90)
            reset = QPushButton("Reset")
            reset.setAccessibleName(f"Reset {info.name} to its default")
            reset.setToolTip(f"Back to the default: {catalogue.show(info.key, info.default)}")
            reset.setVisible(not self.read_only)
            reset.clicked.connect(lambda _=False, key=info.key: self.reset(key))
            _changed_signal(editor).connect(lambda *_a, key=info.key: self._mark(key))
            self.editors[info.key], self.markers[info.key], self.resets[info.key] = editor, marker, reset
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(editor, 2 * row, 1)
            grid.addWidget(marker, 2 * row, 2)
            grid.addWidget(reset, 2 * row, 3)
            grid.addWidget(help_line, 2 * row + 1, 0, 1, 4)
        grid.setRowStretch(2 * len(infos), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(QLabel(f"<h3>{area}</h3>"))
        if area in catalogue.AREA_NOTES:
            note = QLabel(catalogue.AREA_NOTES[area])
            note.setWordWrap(True)
            page_layout.addWidget(note)
        page_layout.addWidget(scroll, 1)
        return page

    def _mark(self, key: str) -> None:
        """"Default" or what the default is, and Reset only where there is something to reset."""
        info = self.infos[key]
        at_default = _value(self.editors[key]) == info.default
        marker = self.markers[key]
        marker.setText("Default" if at_default else f"Default: {catalogue.show(key, info.default)}")
        marker.setStyleSheet(QUIET if at_default else "font-weight: bold;")
        self.resets[key].setEnabled(not at_default)
        changed = self.changes()
        for row, area in enumerate(self.area_names):
            count = sum(1 for k in changed if self.infos[k].area == area)
            self.areas.item(row).setText(f"{area} ({count} changed)" if count else area)

    def reset(self, key: str) -> None:
        _show(self.editors[key], self.infos[key].default)

    def values(self) -> dict[str, Any]:
        return {key: _value(editor) for key, editor in self.editors.items()}

    def changes(self) -> dict[str, Any]:
        """Only what the officer changed, so one step saves (and undo restores) just that."""
        return {key: value for key, value in self.values().items() if value != self.original[key]}

    def checked(self) -> dict[str, Any]:
        """The changes, each checked by the settings catalogue's own rule."""
        changes = self.changes()
        for key, value in changes.items():
            catalogue.check(key, value)
        return changes


def read_only_note(context: AppContext) -> str:
    if not context.read_only:
        return ""
    held_by = context.db.held_by
    why = f"{held_by.describe()} has this database open" if held_by else "this database is open read-only"
    return f"Read-only: {why}, so the settings can be read here but not changed."


def edit_settings(context: AppContext | None, parent: QWidget | None = None) -> bool:
    """Show every setting; save what changed as one undoable step. True when something was saved."""
    if context is None:  # the database is still opening
        return False
    values: list[SettingValue] = context.read(catalogue.current)
    dialog = SettingsDialog(values, parent, read_only_note=read_only_note(context))
    try:
        accepted = ask.run_dialog(dialog) and not dialog.read_only
        new = dialog.changes() if accepted else {}
    finally:
        # Deleted by Qt, not left to Python's garbage collector: a widget that outlives the
        # QApplication crashes the process as it exits.
        dialog.deleteLater()
    if not new:
        return False
    try:
        save_settings(context, new)
    except EofficeError as error:
        ask.error(parent, "Settings not saved", str(error))
        return False
    return True

