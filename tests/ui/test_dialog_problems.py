"""A dialog grows to show its whole message: the welcome form's error was clipped."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from eoffice.ui.dialogs.first_run import FirstRunDialog
from eoffice.ui.dialogs.problem import show_problem
from tests.ui.dialog_factories import EVERY

LONG = ("the centre number must be 5 digits, as on your awarding bodies' letters; it is the number "
        "JCQ gave the centre, not the school's DfE number, and every export and seating plan shows it")


def _fits(dialog: QDialog, label: QLabel) -> bool:
    """The whole label is inside the dialog, at the height its wrapped text needs."""
    bottom = label.mapTo(dialog, label.rect().bottomLeft()).y()
    return label.height() >= label.heightForWidth(label.width()) and bottom <= dialog.height()


def test_the_welcome_form_grows_to_show_its_error(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    dialog.save_button.click()  # nothing filled in: the form says what is missing
    problem = dialog.form.problem
    assert problem.isVisible() and problem.text().startswith("⚠")
    qtbot.waitUntil(lambda: _fits(dialog, problem))
    assert dialog.height() >= before


@pytest.mark.parametrize("which", [name for name in EVERY if name not in ("welcome", "shortcuts")])
def test_every_dialog_grows_for_a_long_message(qtbot: QtBot, which: str) -> None:
    dialog = EVERY[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    problem = getattr(dialog, "problem", None) or dialog.form.problem  # type: ignore[attr-defined]
    show_problem(problem, LONG * 2)
    qtbot.waitUntil(lambda: _fits(dialog, problem))
