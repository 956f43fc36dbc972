"""Line-manager meetings on the Standards tab: recorded with progress, signed and saved as a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from eoffice.ui.dialogs.meeting_dialog import MeetingDialog
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.standards_helpers import MANAGER, OFFICER, Prompts, fill_dialogs, prompts, select_row, tab, texts  # noqa: F401 - fixtures: imported for pytest to find


def test_a_meeting_is_recorded_with_progress_and_signed(tab: StandardsTab, monkeypatch: pytest.MonkeyPatch,
                                                        prompts: Prompts, answers: Answers, tmp_path: Path) -> None:
    tab.show_section("meetings")
    targets = tab.snapshot.standards.targets
    next_on = TODAY + timedelta(weeks=6)

    def fill(dialog: MeetingDialog) -> None:
        dialog.held_on.set_date(TODAY)
        dialog.kind.setCurrentIndex(dialog.kind.findData("review"))
        dialog.set_progress("knowledge", targets[1].id, "One module left")
        dialog.went_well.setPlainText("Fire-alarm plan drafted")
        dialog.next_meeting.set_value(next_on, next_on)

    fill_dialogs(monkeypatch, fill)
    tab.meetings.buttons["add"].click()
    assert tab.meetings.model.rowCount() == 3
    added = tab.snapshot.standards.meetings[-1]
    assert added.progress[0].progress == "One module left" and added.attendees == "Priya Shah, Daniel O'Connor"
    assert tab.meetings.reminder.text() == "Next meeting due 04/01/2027."

    select_row(tab.meetings.table, 0, "23/11/2026")
    prompts.give(OFFICER)
    tab.meetings.buttons["sign"].click()
    assert answers.errors == []
    assert prompts.asked[-1][1] == [OFFICER, MANAGER]
    row = texts(tab.meetings.model, 0).index("23/11/2026")
    assert tab.meetings.model.index(row, 7).data() == OFFICER
    tab.meetings.table.selectRow(row)
    assert not tab.meetings.buttons["delete"].isEnabled()
    assert tab.meetings.buttons["edit"].text() == "Ope&n meeting…"
    answers.save_path = tmp_path / "meeting.pdf"
    tab.meetings.buttons["pdf"].click()
    assert answers.save_path.read_bytes().startswith(b"%PDF")


def test_meeting_dialog_refuses_a_next_meeting_before_this_one(qtbot: Any) -> None:
    dialog = MeetingDialog(None, [], [], lambda held: held + timedelta(weeks=6), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.next_meeting.value() == TODAY + timedelta(weeks=6)
    dialog.held_on.set_date(date(2026, 12, 1))
    assert dialog.next_meeting.value() == date(2027, 1, 12)  # follows the meeting date
    dialog.next_meeting.set_value(date(2026, 11, 30), date(2026, 11, 30))
    dialog.accept()
    assert dialog.result_fields is None and "next meeting must be after this one" in dialog.problem.text()
