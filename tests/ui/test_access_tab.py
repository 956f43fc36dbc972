from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import access, candidates, exam_day, timetable
from eoffice.domain.access import ArrangementRecord
from eoffice.domain.candidates import CandidateFields, uln_check_digit
from eoffice.domain.timetable import PaperFields
from eoffice.domain.years import AcademicYear
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs.arrangement_dialog import ArrangementDialog
from eoffice.ui.dialogs.candidate_dialog import CandidateDialog
from eoffice.ui.dialogs.paper_dialog import PaperDialog
from eoffice.ui.exports import EXPORT_ACTIONS
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.access_models import FINISH_COLUMN
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.tabs import access_common, overview_tab
from eoffice.ui.tabs.access_tab import AccessTab
from eoffice.ui.tabs.overview_tab import OverviewTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls

YEAR = AcademicYear(2026)


@pytest.fixture
def tab(window: MainWindow, qtbot: QtBot) -> AccessTab:
    window.show_item("access")
    built = window.tab("access")
    assert isinstance(built, AccessTab)
    qtbot.waitUntil(built.isVisible)  # a tab built while shown appears at the next event loop turn
    return built


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[QDialog], None]], list[QDialog]]:
    """Answer the tab's dialogs with ``fill(dialog)`` then Save; returns the dialogs seen."""

    def install(fill: Callable[[QDialog], None]) -> list[QDialog]:
        seen: list[QDialog] = []

        def run(dialog: QDialog) -> bool:
            seen.append(dialog)
            fill(dialog)
            dialog.accept()
            return dialog.result() == QDialog.DialogCode.Accepted

        monkeypatch.setattr(access_common, "run_dialog", run)
        return seen

    return install


def _records(tab: AccessTab) -> list[ArrangementRecord]:
    return tab.context.read(access.arrangements)  # type: ignore[return-value]


def _candidate(tab: AccessTab, number: int = 9001) -> int:
    uln = "123456789" + str(uln_check_digit("123456789"))
    with tab.context.session() as session:
        record = candidates.add_candidate(session, CandidateFields(number, "Testperson", "Pat", uln=uln), today=TODAY)
    tab.context.changed.emit("access")
    return record.id


def test_models_pass_the_qt_model_tester(tab: AccessTab, qtmodeltester: ModelTester) -> None:
    for index, page in enumerate(tab.pages):
        tab.show_page(index)
        models = [page.model, page.proxy]  # type: ignore[attr-defined]
        if page is tab.exam_day:
            models += [tab.exam_day.clash_model, tab.exam_day.clash_proxy]
        for model in models:
            qtmodeltester.check(model)
    tab.register.proxy.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.register.proxy)


def test_register_lists_every_arrangement_with_its_warning_in_words(tab: AccessTab) -> None:
    records = _records(tab)
    assert tab.register.model.rowCount() == len(records)
    found = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    assert found  # the demo has an approval that runs out before the last exam
    row = next(r for r in range(tab.register.model.rowCount())
               if tab.register.model.index(r, 0).data(RECORD_ROLE).id == found[0].arrangement_id)  # type: ignore[attr-defined]
    warning = tab.register.model.index(row, 10)
    assert warning.data() == "Expires before last exam"
    assert warning.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert f"{len(found)} warning" in tab.summary.text()
    assert tab.buttons.button(4).text() == f"&Warnings ({len(found)})"


def test_register_filters_by_status_type_route_and_words(tab: AccessTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    page, records = tab.register, _records(tab)
    page.status_filter.setCurrentIndex(page.status_filter.findData("approved"))
    assert page.proxy.rowCount() == sum(r.status == "approved" for r in records)
    page.type_filter.setCurrentIndex(page.type_filter.findData("extra_time_25"))
    assert page.proxy.rowCount() == sum(r.status == "approved" and r.kind == "extra_time_25" for r in records)
    page.clear_filters()
    page.route_filter.setCurrentIndex(page.route_filter.findData("delegated"))
    assert page.proxy.rowCount() == sum(r.route == "delegated" for r in records)
    page.clear_filters()
    number = records[0].candidate_number
    page.text_filter.setText(f"{number:04d}")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == sum(r.candidate_number == number for r in records))
    assert "of" in page.count.text()
    page.clear_filters()
    assert page.proxy.rowCount() == len(records)


def test_candidates_page_counts_arrangements_and_filters(tab: AccessTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.show_page(1)
    page = tab.candidates
    people = tab.context.read(candidates.candidates)
    assert page.model.rowCount() == len(people)  # type: ignore[arg-type]
    assert page.model.index(0, 0).data() == "0001"  # four digits
    page.with_arrangements.setChecked(True)
    assert page.proxy.rowCount() == len({r.candidate_id for r in _records(tab)})
    page.with_arrangements.setChecked(False)
    page.year_filter.setCurrentIndex(page.year_filter.findData(13))
    assert page.proxy.rowCount() == sum(c.year_group == 13 for c in people)  # type: ignore[attr-defined]
    page.year_filter.setCurrentIndex(0)
    word = people[4].surname.casefold()  # type: ignore[index]
    page.text_filter.setText(word.upper())
    expected = sum(word in f"{c.surname} {c.forenames}".casefold() for c in people)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == expected)
    assert page.count.text() == f"{expected} of {len(people)} candidates"  # type: ignore[arg-type]


def test_new_arrangement_defaults_route_and_expiry_and_undoes(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    cid = _candidate(tab)
    seen_rules: list[str] = []

    def fill(dialog: ArrangementDialog) -> None:
        dialog.candidate.setCurrentIndex(dialog.candidate.findData(cid))
        dialog.kind.setCurrentIndex(dialog.kind.findData("reader"))
        assert dialog.route.currentData() == "aao" and dialog.room_need.currentData() == "reader"
        dialog.kind.setCurrentIndex(dialog.kind.findData("rest_breaks"))
        assert dialog.route.currentData() == "delegated" and dialog.room_need.currentData() == "none"
        dialog.kind.setCurrentIndex(dialog.kind.findData("extra_time_up_to_50"))
        assert dialog.route.currentData() == "referred" and dialog.extra.text() == "50"
        dialog.kind.setCurrentIndex(dialog.kind.findData("extra_time_25"))
        assert dialog.route.currentData() == "aao" and dialog.extra.text() == "25"
        dialog.status.setCurrentIndex(dialog.status.findData("approved"))
        dialog.approved.set_date(date(2026, 3, 15))
        seen_rules.append(dialog.expiry_rule.text())
        seen_rules.append(dialog.type_rule.text())

    dialogs(fill)
    before = len(_records(tab))
    tab.register.actions["new"].trigger()
    added = [r for r in _records(tab) if r.candidate_id == cid]
    assert len(added) == 1 and len(_records(tab)) == before + 1
    record = added[0]
    assert (record.kind, record.route, record.extra_time_percent) == ("extra_time_25", "aao", 25)
    assert record.approved_on == date(2026, 3, 15) and record.expires_on == date(2028, 5, 15)  # + 26 months
    assert seen_rules[0] == "Expires 15/05/2028: approval + 26 months (a setting)."
    assert seen_rules[1] == "Usual for 25% extra time: route “AAO application”, 25% extra time."
    assert [r.id for r in tab.register.chosen()] == [record.id]  # the new one is selected
    stack = tab.context.undo_stack
    assert stack.undoText() == "Add arrangement for candidate 9001"  # a number, never a name or condition
    stack.undo()
    assert not [r for r in _records(tab) if r.candidate_id == cid]
    assert tab.register.model.rowCount() == before
    stack.redo()
    assert [r.id for r in _records(tab) if r.candidate_id == cid] == [record.id]


def test_edit_arrangement_and_set_status_undo_and_redo(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    applied = next(r for r in _records(tab) if r.status == "applied")

    def fill(dialog: ArrangementDialog) -> None:
        assert not dialog.candidate.isEnabled()  # an arrangement stays with its candidate
        dialog.reference.setText("AAO-TEST-1")
        dialog.notes.setPlainText("Checked with the SENCo")

    dialogs(fill)
    assert tab.select_record(applied.id)
    tab.register.actions["edit"].trigger()
    changed = tab.context.read(lambda s: access.arrangement(s, applied.id))
    assert changed.fields.reference == "AAO-TEST-1" and changed.fields.notes == "Checked with the SENCo"  # type: ignore[attr-defined]
    stack = tab.context.undo_stack
    stack.undo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).fields == applied.fields  # type: ignore[attr-defined]
    stack.redo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).fields.reference == "AAO-TEST-1"  # type: ignore[attr-defined]

    assert tab.select_record(applied.id)
    tab.register.status_actions["approved"].trigger()
    approved = tab.context.read(lambda s: access.arrangement(s, applied.id))
    assert approved.status == "approved" and approved.approved_on == TODAY  # type: ignore[attr-defined]
    assert approved.expires_on == date(2029, 1, 23)  # type: ignore[attr-defined]
    stack.undo()
    assert tab.context.read(lambda s: access.arrangement(s, applied.id)).status == "applied"  # type: ignore[attr-defined]


def test_delete_arrangement_asks_and_undo_puts_it_back(tab: AccessTab, answers: Answers) -> None:
    record = _records(tab)[0]
    for confirm, kept in ((False, True), (True, False)):
        answers.confirm = confirm
        assert tab.select_record(record.id)
        tab.register.actions["delete"].trigger()
        assert (record.id in {r.id for r in _records(tab)}) is kept
    tab.context.undo_stack.undo()
    assert record in _records(tab)


def test_candidate_dialog_refuses_a_bad_uln_and_a_taken_number_in_plain_words(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    tab.show_page(1)
    good = "123456789" + str(uln_check_digit("123456789"))
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    problems: list[str] = []

    def fill(dialog: CandidateDialog) -> None:
        dialog.number.setText("9002")
        dialog.surname.setText("Newcomer")
        dialog.forenames.setText("Alex")
        dialog.uln.setText(bad)
        dialog.accept()
        problems.append(dialog.problem.text())
        dialog.uln.setText(good)
        dialog.number.setText("1")  # 0001 is a demo candidate
        dialog.accept()
        problems.append(dialog.problem.text())
        dialog.number.setText("12a")
        dialog.accept()
        problems.append(dialog.problem.text())
        dialog.reject()

    seen = dialogs(fill)
    count = len(tab.context.read(candidates.candidates))  # type: ignore[arg-type]
    tab.candidates.actions["new"].trigger()
    assert seen and seen[0].result_fields is None
    assert "is not a ULN: the check digit (the last digit) is wrong" in problems[0]
    assert "Candidate number 0001 is already used by another candidate" in problems[1]
    assert "is not a candidate number" in problems[2]
    assert len(tab.context.read(candidates.candidates)) == count  # type: ignore[arg-type]


def test_add_edit_and_delete_a_candidate_are_undoable(tab: AccessTab, dialogs, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    tab.show_page(1)

    def add(dialog: CandidateDialog) -> None:
        dialog.number.setText("777")  # shown and kept as 0777
        dialog.surname.setText("Newcomer")
        dialog.forenames.setText("Alex")

    dialogs(add)
    tab.candidates.actions["new"].trigger()
    added = tab.context.read(lambda s: candidates.by_number(s, 777))
    assert added is not None and added.name == "Newcomer, Alex"  # type: ignore[attr-defined]
    assert [c.number_text for c in tab.candidates.chosen()] == ["0777"]

    dialogs(lambda dialog: dialog.form.setText("11Z"))  # type: ignore[attr-defined]
    tab.candidates.actions["edit"].trigger()
    assert tab.context.read(lambda s: candidates.by_number(s, 777)).form == "11Z"  # type: ignore[attr-defined]
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: candidates.by_number(s, 777)).form is None  # type: ignore[attr-defined]

    assert tab.candidates.select(added.id)  # type: ignore[attr-defined]
    tab.candidates.actions["delete"].trigger()
    assert tab.context.read(lambda s: candidates.by_number(s, 777)) is None
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: candidates.by_number(s, 777)) == added
    tab.context.undo_stack.undo()  # the add
    assert tab.context.read(lambda s: candidates.by_number(s, 777)) is None


def test_new_paper_takes_the_session_start_and_is_undoable(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: PaperDialog) -> None:
        dialog.board.setCurrentText("OCR")
        dialog.code.setText("j560/01")
        dialog.title_edit.setText("Mathematics Paper 1")
        dialog.sat_on.set_date(date(2027, 6, 30))
        dialog.session.setCurrentIndex(dialog.session.findData("PM"))
        assert dialog.start.text() == "13:30"  # the centre's PM start follows the session
        dialog.duration.setText("1h 30m")

    dialogs(fill)
    tab.show_page(2)
    tab.timetable.actions["new"].trigger()
    added = tab.context.read(lambda s: timetable.find_paper(s, "J560/01", date(2027, 6, 30), "PM"))
    assert added is not None and (added.start_minutes, added.duration_minutes) == (810, 90)  # type: ignore[attr-defined]
    assert [p.code for p in tab.timetable.chosen()] == ["J560/01"]
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: timetable.find_paper(s, "J560/01", date(2027, 6, 30), "PM")) is None


def test_a_read_only_database_shows_everything_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    other = open_database(window.db.path, fall_back_to_read_only=True)
    second = MainWindow(other, settings_file(), today=TODAY)
    qtbot.addWidget(second)
    tab = second.tab("access")
    assert isinstance(tab, AccessTab) and tab.register.model.rowCount() > 0
    for page in (tab.register, tab.candidates, tab.timetable):
        tab.show_page(tab.page_index(page))
        assert not any(action.isEnabled() for action in page.actions.values())
    assert not tab.register.status_button.isEnabled()
    second.close()

def test_exam_day_shows_the_worked_case_finishing_at_10_53(tab: AccessTab) -> None:
    day = date(2027, 7, 1)  # after the demo's timetable: nobody else sits that morning
    cid = _candidate(tab)
    with tab.context.session() as session:
        paper = timetable.add_paper(session, PaperFields("AQA", "TEST/1", "Worked case paper", day, "AM", 9 * 60, 90,
                                                         "GCSE"))
        timetable.add_entries(session, [(cid, paper.id)])
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="approved",
                                                               approved_on=date(2026, 10, 1)))
    tab.context.changed.emit("access")
    tab.show_page(3)
    page = tab.exam_day
    page.choose(day, "AM")
    assert page.proxy.rowCount() == 1
    texts = [page.proxy.index(0, c).data() for c in range(page.proxy.columnCount())]
    assert texts[0] == "9001" and texts[1] == "Testperson, Pat"
    assert texts[5:] == ["09:00", "1h 30m", "22½", "—", "10:53"]
    assert page.proxy.index(0, FINISH_COLUMN).data(Qt.ItemDataRole.FontRole).bold()
    assert "the last finishes at 10:53" in page.summary.text()


def test_exam_day_lists_the_days_clashes_and_every_clash_of_the_year(tab: AccessTab) -> None:
    found = tab.context.read(lambda s: exam_day.clashes(s, YEAR))
    assert found
    day = found[0].sat_on
    tab.show_page(3)
    page = tab.exam_day
    page.choose(day, "AM")
    that_day = [c for c in found if c.sat_on == day]  # type: ignore[attr-defined]
    assert page.clash_proxy.rowCount() == len(that_day)
    resolutions = {page.clash_proxy.index(r, 6).data() for r in range(page.clash_proxy.rowCount())}
    assert resolutions <= set(exam_day.RESOLUTIONS.values()) and resolutions
    assert f"{len(that_day)} clash" in page.clash_heading.text()
    page.whole_year.setChecked(True)
    assert page.clash_proxy.rowCount() == len(found)  # type: ignore[arg-type]
    kinds = {c.resolution for c in found}  # type: ignore[attr-defined]
    assert kinds == set(exam_day.RESOLUTIONS)  # the demo has every kind


def test_exam_day_starts_at_the_next_session_and_steps_through_the_timetable(tab: AccessTab) -> None:
    tab.show_page(3)
    page = tab.exam_day
    sessions = sorted({(p.sat_on, p.session) for p in tab.context.read(lambda s: timetable.papers(s, YEAR))})  # type: ignore[attr-defined]
    assert page.current() == sessions[0]  # the demo's summer series is after today
    assert not page.previous.isEnabled()
    page.next.click()
    assert page.current() == sessions[1]
    page.previous.click()
    assert page.current() == sessions[0]
    assert page.proxy.rowCount() == len(tab.context.read(lambda s: exam_day.session_list(s, *sessions[0])))  # type: ignore[arg-type]


def test_warnings_page_lists_every_warning_and_opens_its_arrangement(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    found = tab.context.read(lambda s: access.warnings(s, YEAR, TODAY))
    tab.show_page(4)
    assert tab.warnings.proxy.rowCount() == len(found)  # type: ignore[arg-type]
    assert tab.warnings.proxy.index(0, 5).data().startswith("Approval expires")
    seen = dialogs(lambda dialog: None)
    tab.warnings.table.activated.emit(tab.warnings.proxy.index(0, 1))
    assert tab.stack.currentWidget() is tab.register
    assert [r.id for r in tab.register.chosen()] == [found[0].arrangement_id]  # type: ignore[index]
    assert len(seen) == 1 and isinstance(seen[0], ArrangementDialog)


def test_overview_shows_the_access_line_and_deadlines_and_opens_the_tab(window: MainWindow) -> None:
    overview = window.tab("overview")
    assert isinstance(overview, OverviewTab)
    overview.refresh()
    lines = [overview.areas_model.index(r, 0).data(RECORD_ROLE) for r in range(overview.areas_model.rowCount())]
    line = next(a for a in lines if a.area == "Access arrangements")
    assert (line.summary, line.tab_key) == ("1 approval expires before the candidate's last exam", "access")
    later = date(2027, 3, 1)  # inside the warning window before the summer AAO deadline: counts, no names
    items = window.context.read(lambda s: overview_tab.access_items(s, YEAR, later))  # type: ignore[union-attr]
    found = window.context.read(lambda s: access.warnings(s, YEAR, later))  # type: ignore[union-attr]
    pending = [w for w in found if w.kind == "application_not_made"]  # type: ignore[attr-defined]
    assert items and sum(int(i.title.split()[0]) for i in items) == len(pending)  # type: ignore[attr-defined]
    assert all(i.tab_key == "access" and i.title.endswith("not yet made") for i in items)  # type: ignore[attr-defined]
    record = window.context.read(access.arrangements)[0]  # type: ignore[union-attr, index]
    assert window.show_item("access", record.id)
    assert [r.id for r in window.tab("access").register.chosen()] == [record.id]  # type: ignore[attr-defined]


def test_every_access_export_asks_first_and_writes_nothing_when_refused(
    window: MainWindow, answers: Answers, tmp_path: Path
) -> None:
    ours = [e for e in EXPORT_ACTIONS if e.label.replace("&", "").startswith("Access")]
    assert len(ours) == 4 and all(e.sensitive for e in ours)  # register, session sheets, summaries, door list
    for export in ours:
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}{export.suffix}"
        answers.save_path = out
        answers.confirm = False
        window._export(export)
        assert not out.exists()
        answers.confirm = True
        window._export(export)
        assert out.exists() and out.stat().st_size > 0
    assert answers.errors == []
    assert "Robinson" not in window.statusBar().currentMessage()


def test_every_control_of_the_pages_and_dialogs_is_named_and_reachable_with_tab(tab: AccessTab) -> None:
    for index in range(len(tab.pages)):
        tab.show_page(index)
        controls = visible_controls(tab)
        assert controls and unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    dialogs = [tab.register._dialog(None, None, "New"), tab.candidates._dialog(None, "New"),
               tab.timetable._dialog(None, "New")]
    for dialog in dialogs:
        dialog.show()
        assert unnamed(visible_controls(dialog)) == [], type(dialog).__name__
        dialog.close()
