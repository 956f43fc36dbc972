"""File > Export offers every area's files, each written in the background and readable."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from eoffice.ui.exports import EXPORT_ACTIONS, ExportAction
from eoffice.ui.main_window import MainWindow
from tests.ui.conftest import Answers, ExportNow

pytestmark = pytest.mark.gui


def _action(label: str) -> ExportAction:
    return next(e for e in EXPORT_ACTIONS if e.label.replace("&", "") == label)


def test_every_export_has_its_own_access_key() -> None:
    keys = [e.label[e.label.index("&") + 1].lower() for e in EXPORT_ACTIONS]
    assert len(keys) == len(EXPORT_ACTIONS) and len(set(keys)) == len(keys)


def test_the_plan_exports_from_the_window(window: MainWindow, answers: Answers, export_now: ExportNow,
                                          tmp_path: Path) -> None:  # fmt: skip
    answers.save_path = tmp_path / "plan.xlsx"
    outcome = export_now(window, _action("Annual exams plan (Excel)…"))
    assert outcome is not None and outcome.written == answers.save_path
    sheet = openpyxl.load_workbook(answers.save_path).worksheets[0]
    assert {"ID", "Task", "Phase", "Owner", "Due", "Status", "Notes"} <= {c.value for c in sheet[1]}
    assert sheet.max_row == 1 + 72  # the demo's 2026/27 plan: the template's 72 tasks
    answers.save_path = tmp_path / "plan.pdf"
    export_now(window, _action("Annual exams plan (PDF wall planner)…"))
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    answers.save_path = tmp_path / "plan.csv"
    export_now(window, _action("Annual exams plan (CSV)…"))
    assert answers.save_path.read_text(encoding="utf-8-sig").startswith("ID,Task,Phase")
    assert answers.errors == []


def test_key_dates_export_from_the_window_with_stable_calendar_uids(
    window: MainWindow, answers: Answers, export_now: ExportNow, tmp_path: Path
) -> None:
    answers.save_path = tmp_path / "kd.xlsx"
    export_now(window, _action("Key dates (Excel)…"))
    assert openpyxl.load_workbook(answers.save_path).worksheets[0].max_row > 30
    answers.save_path = tmp_path / "kd.pdf"
    export_now(window, _action("Key dates (PDF)…"))
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    uids = []
    for name in ("first.ics", "again.ics"):
        answers.save_path = tmp_path / name
        export_now(window, _action("Key dates (calendar file)…"))
        uids.append(re.findall(r"^UID:(.+)$", answers.save_path.read_text(), flags=re.MULTILINE))
    assert uids[0] and uids[0] == uids[1]
    assert answers.errors == []


def test_the_menu_is_the_export_catalogue_in_its_order() -> None:
    """Every export but those of one exam session, which the exam-day page prints for the session shown,
    one candidate's calendar (the Candidates page) and the incident log (the Incidents page)."""
    from eoffice.io.catalogue import EXPORTS

    assert [action.export for action in EXPORT_ACTIONS] == [
        e for e in EXPORTS if not e.one_session and not e.one_candidate and not e.by_series]
    assert {e.document for e in EXPORTS if e.one_session} == {"seating-plan", "register", "desk-cards",
                                                              "incident-log"}
    assert {(e.name, e.fmt) for e in EXPORTS if e.one_candidate or e.by_series} == {
        ("timetable", "ics"), ("incidents", "xlsx"), ("incidents", "pdf")}


def test_the_window_and_the_command_line_write_the_same_file(window: MainWindow, answers: Answers,
                                                             export_now: ExportNow, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from eoffice import cli

    answers.save_path = tmp_path / "window.csv"
    export_now(window, _action("Key dates (CSV)…"))
    by_cli = tmp_path / "cli.csv"
    assert cli.main(["export", "keydates", "--format", "csv", "--out", str(by_cli), "--db", str(window.db.path)]) == 0
    assert answers.save_path.read_text(encoding="utf-8-sig") == by_cli.read_text(encoding="utf-8-sig")
    assert answers.errors == []
