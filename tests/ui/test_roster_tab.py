from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.domain import access, roster
from eoffice.domain.access import CandidateFields, PaperFields, timetable
from eoffice.domain.overview import gather
from eoffice.domain.roster import InvigilatorFields, RoomFields
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.ui import roster_commands
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.assign_dialog import AssignDialog
from eoffice.ui.dialogs.invigilator_dialog import InvigilatorDialog
from eoffice.ui.dialogs.room_dialog import RoomChoiceDialog, RoomDialog
from eoffice.ui.exports import EXPORT_ACTIONS
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.record_table import RECORD_ROLE
from eoffice.ui.models.roster_models import GridCell, TeamRow
from eoffice.ui.solve_runner import SolveOutcome
from eoffice.ui.tabs.roster_tab import RosterTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers, ExportNow
from tests.ui.controls import unnamed, visible_controls

YEAR = AcademicYear(2026)
SUMMER = roster.scope_for(YEAR, "Summer")
SOLVE_MS = 60_000


def _open(window: MainWindow, qtbot: QtBot) -> RosterTab:
    window.show_item("roster")
    built = window.tab("roster")
    assert isinstance(built, RosterTab)
    qtbot.waitUntil(built.isVisible)
    return built


@pytest.fixture
def tab(window: MainWindow, qtbot: QtBot) -> RosterTab:
    return _open(window, qtbot)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[QDialog], None]], list[QDialog]]:
    """Answer the tab's dialogs with ``fill(dialog)`` then accept; returns the dialogs seen."""

    def install(fill: Callable[[QDialog], None]) -> list[QDialog]:
        seen: list[QDialog] = []

        def run(dialog: QDialog) -> bool:
            seen.append(dialog)
            fill(dialog)
            if isinstance(dialog, AssignDialog):
                return False  # it works while open; closing it changes nothing
            dialog.accept()
            return dialog.result() == QDialog.DialogCode.Accepted

        monkeypatch.setattr(ask, "run_dialog", run)
        return seen

    return install


def _assignments(tab: RosterTab) -> list[roster.AssignmentRecord]:
    return tab.context.read(lambda s: roster.assignments(s, SUMMER.start, SUMMER.end))  # type: ignore[return-value]


def _team(tab: RosterTab) -> list[TeamRow]:
    return [tab.team.proxy.index(r, 0).data(RECORD_ROLE) for r in range(tab.team.proxy.rowCount())]


def _ready_person(tab: RosterTab, name: str = "Pat Newcomer") -> int:
    """A trained, DBS-checked invigilator free for every session."""
    fields = InvigilatorFields(name, trained_on=date(2026, 9, 10), dbs_checked_on=date(2026, 9, 1), max_per_week=10)
    with tab.context.session() as session:
        person = roster.add_invigilator(session, fields)
    tab.context.changed.emit("roster")
    return person.id


def _cell(tab: RosterTab, on: date, sess: str, room: str) -> tuple[GridCell, object]:
    tab.show_page(tab.pages.index(tab.grid))
    model = tab.grid.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            cell = model.cell(row, column)
            if (cell.on, cell.session, cell.room) == (on, sess, room):
                return cell, model.index(row, column)
    raise AssertionError(f"no cell for {on} {sess} {room}")


def _solve(tab: RosterTab, qtbot: QtBot) -> SolveOutcome:
    with qtbot.waitSignal(tab.runner.finished, timeout=SOLVE_MS) as blocker:
        tab.solve()
    return blocker.args[0]  # type: ignore[no-any-return]


def test_models_pass_the_qt_model_tester(tab: RosterTab, qtmodeltester: ModelTester) -> None:
    for index in range(len(tab.pages)):
        tab.show_page(index)
    tab.team.table.selectRow(0)
    tab.load_page.table.selectRow(0)
    for model in (tab.team.model, tab.team.proxy, tab.team.availability, tab.rooms.model, tab.seating.model,
                  tab.grid.model, tab.load_page.model, tab.load_page.duty_model):  # fmt: skip
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)


def test_team_shows_a_compliance_word_for_each_invigilator(tab: RosterTab) -> None:
    words = {row.person.name: tab.team.model.index(n, 1).data() for n, row in enumerate(tab.team.model._rows)}
    assert sum(w == "Cannot be rostered: not trained since 01/09/2026" for w in words.values()) == 2
    assert sum(w == "Warning: DBS over 3 years" for w in words.values()) == 2
    assert "Cannot be rostered: no DBS check on record" in words.values()
    assert sum(w == "OK" for w in words.values()) >= 38
    tinted = next(n for n, row in enumerate(tab.team.model._rows) if row.word.startswith("Cannot"))
    assert tab.team.model.index(tinted, 1).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_add_and_edit_an_invigilator_with_undo(tab: RosterTab, window: MainWindow, dialogs) -> None:  # type: ignore[no-untyped-def]
    def new(dialog: InvigilatorDialog) -> None:
        dialog.name.setText("Ruth Okonjo")
        dialog.roles["reader"].setChecked(True)
        dialog.trained.set_value(date(2026, 10, 1))
        dialog.dbs.set_value(date(2025, 6, 1))
        dialog.rate.setValue(12.71)

    dialogs(new)
    tab.team.actions["new"].trigger()
    added = next(r for r in _team(tab) if r.person.name == "Ruth Okonjo")
    assert added.word == "OK"
    assert added.person.roles == ("invigilator", "reader") and added.person.hourly_rate_pence == 1271

    dialogs(lambda d: d.dbs.has.setChecked(False))
    tab.team.select(added.id)
    tab.team.actions["edit"].trigger()
    edited = next(r for r in _team(tab) if r.id == added.id)
    assert edited.word == "Cannot be rostered: no DBS check on record"
    window.undo_action.trigger()
    assert next(r for r in _team(tab) if r.id == added.id).word == "OK"
    window.undo_action.trigger()
    assert all(r.person.name != "Ruth Okonjo" for r in _team(tab))
    window.redo_action.trigger()
    assert any(r.id == added.id for r in _team(tab))


def test_the_invigilator_dialog_refuses_bad_input_in_plain_words(tab: RosterTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    seen = dialogs(lambda d: (d.name.setText("Sam Lee"), d.roles["invigilator"].setChecked(False)))
    before = len(_team(tab))
    tab.team.actions["new"].trigger()
    assert "choose at least one role" in seen[0].problem.text().lower()
    assert len(_team(tab)) == before


def test_deactivate_then_undo(tab: RosterTab, window: MainWindow) -> None:
    row = next(r for r in _team(tab) if r.word == "OK")
    tab.team.select(row.id)
    tab.team.actions["deactivate"].trigger()
    now = next(r for r in _team(tab) if r.id == row.id)
    assert not now.person.active and now.word.startswith("Cannot be rostered: not active")
    window.undo_action.trigger()
    assert next(r for r in _team(tab) if r.id == row.id).person.active


def test_availability_is_set_per_date_and_session_and_undone(tab: RosterTab, window: MainWindow) -> None:
    row = next(r for r in _team(tab) if r.person.available_by_default)
    tab.team.select(row.id)
    model = tab.team.availability
    assert model.rowCount() == 20  # the demo summer's exam days
    index = next(model.index(r, 0) for r in range(model.rowCount()) if model.data(model.index(r, 0)) != "No")
    before = model.data(index)
    assert before in ("Default (yes)", "Yes")
    tab.team.grid.selectionModel().select(index, tab.team.grid.selectionModel().SelectionFlag.ClearAndSelect)
    slot = model.slot(index)
    tab.team.actions["no"].trigger()
    assert tab.team.availability.data(tab.team.availability.index(index.row(), 0)) == "No"
    stored = tab.context.read(lambda s: roster.answers(s, slot[0], slot[0], [row.id]))
    assert stored[(row.id, *slot)] is False
    window.undo_action.trigger()
    assert tab.team.availability.data(tab.team.availability.index(index.row(), 0)) == before


def test_manual_assign_then_a_clash_is_refused_in_plain_words(tab: RosterTab, window: MainWindow, dialogs) -> None:  # type: ignore[no-untyped-def]
    pid = _ready_person(tab)
    on = date(2027, 5, 11)
    seen = dialogs(lambda d: (d.choose("Pat Newcomer"), d.assign()))
    tab.grid.open_cell(_cell(tab, on, "AM", "Sports Hall")[1])  # type: ignore[arg-type]
    mine = [a for a in _assignments(tab) if a.invigilator_id == pid]
    assert [(a.on, a.session, a.room) for a in mine] == [(on, "AM", "Sports Hall")]
    assert "Pat Newcomer" in _cell(tab, on, "AM", "Sports Hall")[0].names()

    def try_again(dialog: AssignDialog) -> None:
        assert not dialog.choose("Pat Newcomer")  # not offered: the reason is listed instead
        reasons = [dialog.others.item(i).text() for i in range(dialog.others.count())]
        assert "Pat Newcomer is already in Sports Hall on Tue 11 May AM" in reasons
        assert not dialog._run(lambda: dialog.actions.assign(pid, "invigilator", False))

    seen = dialogs(try_again)
    tab.grid.open_cell(_cell(tab, on, "AM", "Main Hall")[1])  # type: ignore[arg-type]
    assert seen[0].problem.text() == "⚠ Pat Newcomer is already in Sports Hall on Tue 11 May AM"
    with pytest.raises(InputError, match="already in Sports Hall"):
        roster_commands.assign(tab.context, pid, on, "AM", _cell(tab, on, "AM", "Main Hall")[0].room_id)
    assert len([a for a in _assignments(tab) if a.invigilator_id == pid]) == 1

    def lock_then_unassign(dialog: AssignDialog) -> None:
        row = next(i for i in range(dialog.team.count()) if dialog.team.item(i).text().startswith("Pat Newcomer"))
        dialog.team.item(row).setSelected(True)
        dialog.lock_button.click()
        assert any(dialog.team.item(i).text() == "Pat Newcomer 🔒 locked" for i in range(dialog.team.count()))
        row = next(i for i in range(dialog.team.count()) if dialog.team.item(i).text().startswith("Pat Newcomer"))
        dialog.team.item(row).setSelected(True)
        dialog.unassign_button.click()

    dialogs(lock_then_unassign)
    tab.grid.open_cell(_cell(tab, on, "AM", "Sports Hall")[1])  # type: ignore[arg-type]
    assert not [a for a in _assignments(tab) if a.invigilator_id == pid]
    window.undo_action.trigger()  # the unassign
    assert [a.locked for a in _assignments(tab) if a.invigilator_id == pid] == [True]
    window.undo_action.trigger()  # the lock
    assert [a.locked for a in _assignments(tab) if a.invigilator_id == pid] == [False]
    window.undo_action.trigger()  # the assign
    assert not [a for a in _assignments(tab) if a.invigilator_id == pid]


def test_lock_then_solve_keeps_the_lock(tab: RosterTab, qtbot: QtBot) -> None:
    cell, index = _cell(tab, date(2027, 5, 12), "PM", "Main Hall")
    tab.grid.table.setCurrentIndex(index)  # type: ignore[arg-type]
    tab.grid.actions["lock"].trigger()
    locked = {(a.id, a.invigilator_id) for a in _assignments(tab) if a.locked}
    assert locked == {(a.id, a.invigilator_id) for a in cell.team} and locked
    outcome = _solve(tab, qtbot)
    assert outcome.result is not None and not outcome.cancelled
    after = _assignments(tab)
    assert {(a.id, a.invigilator_id) for a in after if a.locked} == locked
    assert "🔒" in _cell(tab, date(2027, 5, 12), "PM", "Main Hall")[0].names()


def test_solve_on_the_demo_applies_as_one_step_and_undo_restores(tab: RosterTab, window: MainWindow, qtbot: QtBot) -> None:
    def plain(records: list[roster.AssignmentRecord]) -> set[tuple]:
        return {(a.id, a.invigilator_id, a.on, a.session, a.room_id, a.role) for a in records}

    with tab.context.session() as session:  # the demo's roster is the solver's own, so take a place away to put back
        roster.unassign(session, [_assignments(tab)[0].id])
    before = plain(_assignments(tab))
    steps = window.context.undo_stack.count()  # type: ignore[union-attr]
    outcome = _solve(tab, qtbot)
    assert outcome.result is not None and outcome.result.status in ("optimal", "feasible")
    assert window.context.undo_stack.count() == steps + 1  # type: ignore[union-attr]
    assert plain(_assignments(tab)) != before
    assert tab.stack.currentWidget() is tab.grid
    assert "Auto-roster of Summer 2027" in tab.grid.result.text() and "places covered" in tab.grid.result.text()
    assert not tab.busy.isVisible() and tab.solve_button.isEnabled()
    window.undo_action.trigger()
    assert plain(_assignments(tab)) == before


def test_cancel_during_a_solve_applies_nothing(tab: RosterTab, window: MainWindow, qtbot: QtBot) -> None:
    before = _assignments(tab)
    steps = window.context.undo_stack.count()  # type: ignore[union-attr]
    with qtbot.waitSignal(tab.runner.finished, timeout=SOLVE_MS) as blocker:
        tab.solve()
        assert tab.busy.isVisible() and tab.runner.running and not tab.solve_button.isEnabled()
        assert not tab.team.actions["new"].isEnabled()  # no edits while the solver works
        tab.cancel_button.click()
    outcome: SolveOutcome = blocker.args[0]
    assert outcome.cancelled and outcome.result is None
    assert _assignments(tab) == before
    assert window.context.undo_stack.count() == steps  # type: ignore[union-attr]
    assert "cancelled" in tab.summary.text() and not tab.busy.isVisible()
    assert tab.team.actions["new"].isEnabled()


def test_an_impossible_case_says_where_and_why(qtbot: QtBot, db: Database) -> None:
    with db.session() as session:
        roster.add_room(session, RoomFields("Hall", 40))
        paper = timetable.add_paper(session, PaperFields("AQA", "8300/1F", "Mathematics", date(2027, 5, 12), "AM", 540, 90))
        pupil = access.add_candidate(session, CandidateFields(1001, "Jones", "Cai"), today=TODAY)
        timetable.add_entries(session, [(pupil.id, paper.id)])
        roster.add_invigilator(session, InvigilatorFields(
            "Mo Away", trained_on=date(2026, 9, 10), dbs_checked_on=date(2026, 9, 1), available_by_default=False))
    window = MainWindow(db, settings_file(), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    tab = _open(window, qtbot)
    assert tab.series.currentData() == "Summer"
    outcome = _solve(tab, qtbot)
    assert outcome.result is not None
    reasons = [tab.grid.shortfalls.item(i).text() for i in range(tab.grid.shortfalls.count())]
    assert reasons == ["SHORT 1: Wed 12 May AM, Hall: needs 1, 0 available"]
    cell, index = _cell(tab, date(2027, 5, 12), "AM", "Hall")
    assert cell.text().startswith("SHORT 1 · needed 1 / assigned 0")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None  # type: ignore[attr-defined]
    assert "Why short: Wed 12 May AM, Hall: needs 1, 0 available" in cell.tooltip()
    tab.grid.table.setCurrentIndex(tab.grid.model.index(-1, -1))
    tab.grid.go_to(tab.grid.shortfalls.item(0))  # a shortfall opens its cell
    assert tab.grid.table.currentIndex().data(RECORD_ROLE) == cell
    window.close()


def test_rooms_and_seating_edits_are_undoable(tab: RosterTab, window: MainWindow, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialogs(lambda d: (d.name.setText("Drama Studio"), d.capacity.setValue(20)))
    tab.show_page(tab.pages.index(tab.rooms))
    tab.rooms.actions["new"].trigger()
    assert "Drama Studio" in [r.name for r in tab.context.read(roster.rooms)]  # type: ignore[attr-defined]
    window.undo_action.trigger()
    assert "Drama Studio" not in [r.name for r in tab.context.read(roster.rooms)]  # type: ignore[attr-defined]

    tab.show_page(tab.pages.index(tab.seating))
    tab.seating.table.selectRow(0)
    row = tab.seating.chosen()[0]
    library = next(r.id for r in tab.context.read(roster.rooms) if r.name == "Library")  # type: ignore[attr-defined]
    dialogs(lambda d: d.room.setCurrentIndex(d.room.findData(library)))
    tab.seating.actions["move"].trigger()
    moved = next(r for r in tab.seating.model._rows if r.id == row.id)
    assert (moved.room, moved.override) == ("Library", True)
    window.undo_action.trigger()
    back = next(r for r in tab.seating.model._rows if r.id == row.id)
    assert (back.room, back.override) == (row.room, False)


def test_people_load_shows_sessions_hours_pay_and_warnings(tab: RosterTab) -> None:
    tab.show_page(tab.pages.index(tab.load_page))
    rows = tab.load_page.model._rows
    assert sum(r.sessions for r in rows) == len(_assignments(tab))
    busy = next(r for r in rows if r.sessions)
    assert busy.minutes > 0 and busy.pay_pence == round(busy.minutes * busy.rate_pence / 60)
    assert any(w.startswith("Cannot be rostered: not trained") for r in rows for w in r.warnings)
    tab.load_page.select(busy.id)
    assert tab.load_page.duty_model.rowCount() == busy.sessions
    assert busy.name in tab.load_page.heading.text()


def test_overview_counts_compliance_and_opens_the_invigilator(window: MainWindow, tab: RosterTab) -> None:
    snapshot = window.context.read(lambda s: gather(s, YEAR, TODAY))  # type: ignore[union-attr]
    line = next(a for a in snapshot.areas if a.area == "Invigilators")  # type: ignore[attr-defined]
    assert "2 invigilators not trained since 1 September 2026" in line.summary and line.tab_key == "roster"
    person = next(r for r in _team(tab) if r.word == "OK")
    tab.show_page(tab.pages.index(tab.grid))
    assert window.show_item("roster", person.id)
    assert tab.stack.currentWidget() is tab.team and [r.id for r in tab.team.chosen()] == [person.id]


def test_roster_exports_ask_first_and_write_nothing_when_refused(window: MainWindow, answers: Answers, tmp_path: Path,
                                                                  export_now: ExportNow) -> None:
    ours = [e for e in EXPORT_ACTIONS if "roster" in e.label.replace("&", "").lower()]
    assert len(ours) == 2 and all(e.sensitive for e in ours)
    for export in ours:
        out = tmp_path / f"roster{export.suffix}"
        answers.save_path = out
        answers.confirm = False
        export_now(window, export)
        assert not out.exists()
        answers.confirm = True
        export_now(window, export)
        assert out.exists() and out.stat().st_size > 0
    assert answers.errors == []


def test_every_page_control_is_named_and_reachable_with_tab(tab: RosterTab) -> None:
    tab.team.table.selectRow(0)
    for index in range(len(tab.pages)):
        tab.show_page(index)
        controls = visible_controls(tab)
        assert controls and unnamed(controls) == []
        for control in controls:
            if control.isEnabled():
                assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()


def test_dialogs_name_every_control(tab: RosterTab) -> None:
    _cell_text, index = _cell(tab, date(2027, 5, 11), "AM", "Sports Hall")
    found = tab.context.read(roster.rooms)
    for dialog in (InvigilatorDialog(None, TODAY), RoomDialog(None), RoomChoiceDialog("Candidate 0001", found, None),  # type: ignore[arg-type]
                   tab.grid.dialog_for(index)):  # type: ignore[arg-type]
        assert dialog is not None
        dialog.show()
        controls = visible_controls(dialog)
        assert controls and unnamed(controls) == [], type(dialog).__name__
        dialog.close()


def test_the_solver_is_imported_only_when_used() -> None:
    code = "import sys, eoffice.ui.tabs.roster_tab, eoffice.ui.solve_runner; print('ortools' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
