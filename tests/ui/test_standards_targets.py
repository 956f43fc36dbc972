"""Starting a year, Knowledge & Understanding targets and Key Skills on the Standards tab."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from eoffice.domain.standards import STARTER_TARGETS
from eoffice.ui import standards_commands
from eoffice.ui.dialogs.target_dialog import TargetDialog
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.standards_helpers import fill_dialogs, go_to_new_year, prompts, select_row, tab, texts  # noqa: F401 - fixtures: imported for pytest to find


def test_start_a_new_officers_year_with_the_starter_targets(tab: StandardsTab, answers: Answers) -> None:
    go_to_new_year(tab, "new")
    assert tab.snapshot.standards.year.experience == "new"
    assert len(tab.targets.model._rows) == len(STARTER_TARGETS)
    assert tab.experience.currentData() == "new"
    tab.show_section("targets")
    assert tab.stack.currentWidget() is tab.targets
    starters = tab.targets.buttons["starters"]
    assert starters.isVisibleTo(tab) and starters.isEnabled()
    answers.choice = "First week"
    starters.click()
    assert tab.targets.model.rowCount() == len(STARTER_TARGETS) + 2
    tab.context.undo_stack.undo()
    assert tab.targets.model.rowCount() == len(STARTER_TARGETS)


def test_add_edit_and_delete_a_target_each_undoable(tab: StandardsTab, monkeypatch: pytest.MonkeyPatch,
                                                     answers: Answers) -> None:
    tab.show_section("targets")
    table, model, stack = tab.targets.table, tab.targets.model, tab.context.undo_stack

    def new(dialog: TargetDialog) -> None:
        dialog.area.setCurrentText("Invigilation")  # our own area, not the guide's
        dialog.target.setPlainText("Observe an invigilator briefing in another centre")
        dialog.methods.boxes["networking"].setChecked(True)
        dialog.success.setText("Notes shared with the line manager")

    fill_dialogs(monkeypatch, new)
    tab.targets.buttons["add"].click()
    assert model.rowCount() == 5
    assert "Invigilation" in texts(model, 0) and "Networking" in texts(model, 2)
    stack.undo()
    assert model.rowCount() == 4
    stack.redo()
    assert model.rowCount() == 5

    select_row(table, 0, "Invigilation")
    fill_dialogs(monkeypatch, lambda d: d.status.setCurrentIndex(d.status.findData("achieved")))
    tab.targets.buttons["edit"].click()
    assert model.index(texts(model, 0).index("Invigilation"), 5).data() == "Achieved"
    stack.undo()
    assert model.index(texts(model, 0).index("Invigilation"), 5).data() == "Not started"

    select_row(table, 0, "Invigilation")
    tab.targets.buttons["delete"].click()
    assert "Invigilation" not in texts(model, 0)
    stack.undo()
    assert "Invigilation" in texts(model, 0)
    assert answers.errors == []


def test_target_dialog_says_what_is_missing_in_plain_words(qtbot: Any) -> None:
    dialog = TargetDialog(None, TODAY)
    qtbot.addWidget(dialog)
    dialog.area.setCurrentText("  ")
    dialog.accept()
    assert dialog.result_fields is None and "Choose an area" in dialog.problem.text()
    dialog.area.setCurrentText("Key dates and deadlines")
    dialog.accept()
    assert dialog.problem.text() == "⚠ Write the target itself"
    dialog.target.setPlainText("Keep the key dates calendar up to date")
    dialog.accept()
    assert dialog.result_fields is not None and dialog.result_fields.area == "Key dates and deadlines"


def test_fewer_than_three_key_skills_brings_a_gentle_warning(tab: StandardsTab) -> None:
    tab.show_section("skills")
    assert tab.skills.model.rowCount() == 3 and tab.skills.warning.isHidden()
    select_row(tab.skills.table, 0, "Decision making")
    tab.skills.buttons["delete"].click()
    assert not tab.skills.warning.isHidden()
    assert tab.skills.warning.text() == "⚠ Only 2 Key Skills are chosen; the guide recommends three."
    tab.context.undo_stack.undo()
    assert tab.skills.warning.isHidden()


def test_a_target_edited_changes_its_row_alone(tab: StandardsTab) -> None:
    """The tab reads the year again after an edit; the targets that came back unchanged keep
    their rows, and the one edited is replaced in place (``dataChanged``, never a reset)."""
    model = tab.targets.model
    target = next(t for t in model.records() if t.status != "achieved")
    row = model.row_of(target.id)
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda first, last, _roles=(): changed.append((first.row(), last.row())))
    model.modelReset.connect(lambda: resets.append(True))
    fields = replace(standards_commands.target_fields(target), status="achieved")
    standards_commands.edit_target(tab.context, target, fields, by=tab.acting.by)
    assert not resets and changed == [(row, row)]
    assert model.record(row).status == "achieved"  # type: ignore[arg-type]
