"""Every dialog with a date takes each usual typed form, and refuses an impossible date.

The officer's report: New task > Due > Ctrl+A > 15/01/2027 > Tab saved 07/01/2027. Each
dialog is opened as the window opens it, each of its date fields typed into with real key
clicks, and saved.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog
from pytestqt.qtbot import QtBot

from eoffice.ui.dialogs.key_date_dialog import KeyDateDialog
from eoffice.ui.dialogs.task_dialog import TaskDialog
from eoffice.ui.widgets.date_edit import DateEdit
from tests.ui.dialog_factories import DATED as DIALOGS
from tests.ui.dialog_factories import TODAY, YEAR

TYPED = ("15/01/2027", "15/1/27", "15 Jan 2027", "2027-01-15")


def _open(qtbot: QtBot, which: str) -> tuple[QDialog, list[DateEdit]]:
    dialog = DIALOGS[which]()
    qtbot.addWidget(dialog)
    fields = dialog.findChildren(DateEdit)
    assert fields, f"the {which} dialog has a date field"
    return dialog, fields


def _type_over(qtbot: QtBot, edit: DateEdit, text: str) -> None:
    edit.setEnabled(True)  # optional dates open with their tick box
    qtbot.keyClick(edit.box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit.box, text)
    qtbot.keyClick(edit.box, Qt.Key.Key_Tab)


@pytest.mark.parametrize("which", DIALOGS)
def test_each_date_field_of_each_dialog_reads_every_typed_form(qtbot: QtBot, which: str) -> None:
    _dialog, fields = _open(qtbot, which)
    for edit in fields:
        for typed in TYPED:
            _type_over(qtbot, edit, typed)
            assert edit.value() == date(2027, 1, 15), (which, edit.name, typed)
            assert edit.note.text() == "Fri"


@pytest.mark.parametrize("which", DIALOGS)
def test_no_dialog_saves_an_impossible_date(qtbot: QtBot, which: str) -> None:
    dialog, fields = _open(qtbot, which)
    for box in dialog.findChildren(QCheckBox):
        box.setChecked(True)  # so the optional dates are read too
    edit = next(f for f in fields if f.isEnabled())
    _type_over(qtbot, edit, "31/02/2027")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    problem = dialog.problem  # type: ignore[attr-defined]
    assert not problem.isHidden()
    assert f"{edit.name}: February 2027 has 28 days, not 31" in problem.text()


def test_a_typed_due_date_is_the_one_saved(qtbot: QtBot) -> None:
    dialog = TaskDialog(YEAR, None, TODAY)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Send summer entries to AQA")
    _type_over(qtbot, dialog.due, "15/01/2027")
    dialog.accept()
    assert dialog.result_fields is not None and dialog.result_fields.due == date(2027, 1, 15)


def test_a_typed_key_date_is_the_one_saved(qtbot: QtBot) -> None:
    dialog = KeyDateDialog(YEAR, None, TODAY, lambda on, _c: (5, on - timedelta(days=7), ""))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Pearson January entries")
    _type_over(qtbot, dialog.on, "29/01/2027")
    dialog.accept()
    assert dialog.result_fields is not None and dialog.result_fields.on == date(2027, 1, 29)
