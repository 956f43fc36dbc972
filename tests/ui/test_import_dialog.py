from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eoffice.db.session import open_database
from eoffice.domain import access, keydates
from eoffice.domain.access import timetable, uln_check_digit
from eoffice.domain.years import AcademicYear
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask
from eoffice.ui.import_dialog import KINDS, ImportDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls


def _uln(first_nine: str) -> str:
    """A valid ULN starting with these nine digits, or the next nine that have a check digit."""
    while uln_check_digit(first_nine) is None:
        first_nine = str(int(first_nine) + 1)
    return first_nine + str(uln_check_digit(first_nine))


def _csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def dialog(window: MainWindow, qtbot: QtBot) -> ImportDialog:
    assert window.context is not None
    made = ImportDialog(window.context, window)
    qtbot.addWidget(made)
    return made


def _count(window: MainWindow) -> int:
    assert window.context is not None
    return len(window.context.read(access.candidates))  # type: ignore[arg-type]


def test_offers_every_importer_of_the_same_shape(dialog: ImportDialog) -> None:
    keys = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert keys == ["candidates", "timetable", "entries", "arrangements", "plan", "keydates"]
    dialog.set_kind("arrangements")
    assert "Candidate Number, Arrangement" in dialog.columns.text()
    assert not dialog.import_button.isEnabled()


def test_dry_run_shows_the_report_and_writes_nothing_then_import_applies(
    window: MainWindow, dialog: ImportDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    window.show_item("access")
    tab = window.tab("access")
    assert isinstance(tab, AccessTab)
    qtbot.waitUntil(tab.isVisible)
    tab.show_page(1)
    first = window.context.read(lambda s: access.by_number(s, 1))  # type: ignore[union-attr]
    path = _csv(tmp_path / "from-mis.csv",
                "Candidate Number,Surname,Forenames,Year,Form,ULN",
                f"9101,Newcomer,Alex,11,11A,{_uln('123456789')}",
                f"9102,Arrival,Sam,Year 13,13B,{_uln('223456789')}",
                f"1,{first.surname},{first.forenames},11,11Z,{first.fields.uln}")  # type: ignore[attr-defined]
    before = _count(window)
    dialog.set_kind("candidates")
    dialog.path.setText(str(path))
    assert dialog.dry_run(), dialog.report.toPlainText()
    report = dialog.report.toPlainText()
    assert "candidates: 2 to add, 1 to update, 0 unchanged" in report
    assert "row 2: add candidate 9101" in report and "row 4: update candidate 0001: form" in report
    assert _count(window) == before  # a dry run writes nothing
    assert dialog.import_button.isEnabled()

    dialog.import_button.click()
    assert _count(window) == before + 2
    assert "Imported: candidates: 2 added, 1 updated, 0 unchanged." in dialog.report.toPlainText()
    assert window.context.read(lambda s: access.by_number(s, 1)).form == "11Z"  # type: ignore[union-attr]
    assert tab.candidates.model.rowCount() == before + 2  # the tab shows the import at once
    assert not dialog.import_button.isEnabled()  # check again before importing again


def test_a_bad_file_names_the_row_and_column_and_writes_nothing(
    window: MainWindow, dialog: ImportDialog, tmp_path: Path
) -> None:
    good = _uln("123456789")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    path = _csv(tmp_path / "bad.csv",
                "Candidate Number,Surname,Forenames,ULN",
                f"9101,Newcomer,Alex,{good}",
                f"9102,Arrival,Sam,{bad}")
    before = _count(window)
    dialog.set_kind("candidates")
    dialog.path.setText(str(path))
    assert not dialog.dry_run()
    report = dialog.report.toPlainText()
    assert report.startswith(f"Row 3, column ‘ULN’: '{bad}' is not a ULN: the check digit (the last digit) is wrong")
    assert "Nothing can be imported from this file" in report
    assert not dialog.import_button.isEnabled()
    assert not dialog.apply()
    assert _count(window) == before


def test_a_missing_file_and_a_wrong_kind_of_file_are_refused_in_plain_words(
    dialog: ImportDialog, tmp_path: Path
) -> None:
    dialog.path.setText(str(tmp_path / "nowhere.csv"))
    assert not dialog.dry_run()
    assert dialog.report.toPlainText().startswith("The file nowhere.csv: There is no such file")
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    dialog.path.setText(str(text))
    assert not dialog.dry_run()
    assert dialog.report.toPlainText().startswith("The file notes.txt is not a CSV or Excel (.xlsx) file")
    dialog.path.setText(str(_csv(tmp_path / "wrong.csv", "Name,Colour", "Alex,blue")))
    assert not dialog.dry_run()
    assert "the file needs: Candidate Number, Surname, Forenames" in dialog.report.toPlainText()


def test_timetable_then_entries_then_arrangements(window: MainWindow, dialog: ImportDialog, tmp_path: Path) -> None:
    assert window.context is not None
    context = window.context
    paper = _csv(tmp_path / "timetable.csv", "Date,Session,Board,Code,Title,Duration,Qualification",
                 "01/07/2027,AM,AQA,TEST/1,Imported paper,1h 30m,GCSE")
    entries = _csv(tmp_path / "entries.csv", "Candidate Number,Code", "1,TEST/1", "2,TEST/1")
    arrangements = _csv(tmp_path / "arrangements.csv", "Candidate Number,Arrangement,Status,Approved On",
                        "2,25% extra time,Approved,01/10/2026")
    for kind, path in (("timetable", paper), ("entries", entries), ("arrangements", arrangements)):
        dialog.set_kind(kind)
        dialog.path.setText(str(path))
        assert dialog.dry_run(), dialog.report.toPlainText()
        assert dialog.apply(), dialog.report.toPlainText()
    found = context.read(lambda s: timetable.find_paper(s, "TEST/1", __import__("datetime").date(2027, 7, 1), "AM"))
    assert found is not None and found.start_minutes == 9 * 60  # type: ignore[attr-defined]
    entered = context.read(timetable.entered_pairs)
    assert sum(pair[1] == found.id for pair in entered) == 2  # type: ignore[attr-defined, union-attr]
    second = context.read(lambda s: access.by_number(s, 2))
    theirs = [r for r in context.read(access.arrangements) if r.candidate_id == second.id]  # type: ignore[attr-defined, union-attr]
    assert any(r.kind == "extra_time_25" and r.status == "approved" for r in theirs)
    assert "arrangement for candidate 0002" in dialog.report.toPlainText()
    assert "25%" not in dialog.report.toPlainText()  # the report names records, never the arrangement


def test_key_dates_import_through_the_same_dialog(window: MainWindow, dialog: ImportDialog, tmp_path: Path) -> None:
    assert window.context is not None
    path = _csv(tmp_path / "dates.csv", "Date,Title,Series,Body,Category",
                "15/01/2027,Imported network date,Summer,JCQ,entries")
    dialog.set_kind("keydates")
    dialog.path.setText(str(path))
    assert dialog.dry_run()
    assert "1 to add" in dialog.report.toPlainText()
    assert dialog.apply()
    titles = {r.title for r in window.context.read(lambda s: keydates.key_dates(s, AcademicYear(2026)))}  # type: ignore[attr-defined]
    assert "Imported network date" in titles


def test_choose_file_asks_for_the_path(dialog: ImportDialog, answers: Answers, tmp_path: Path) -> None:
    answers.open_path = tmp_path / "chosen.csv"
    dialog.browse.click()
    assert dialog.path.text() == str(tmp_path / "chosen.csv")


def test_file_menu_opens_the_import_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ask, "run_dialog", opened.append)
    assert window.import_action.text() == "&Import…"
    window.import_action.trigger()
    assert len(opened) == 1 and opened[0].context is window.context


def test_a_read_only_database_cannot_import(window: MainWindow, qtbot: QtBot, answers: Answers,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    other = open_database(window.db.path, fall_back_to_read_only=True)
    second = MainWindow(other, settings_file(), today=TODAY)
    qtbot.addWidget(second)
    opened: list[ImportDialog] = []
    monkeypatch.setattr(ask, "run_dialog", opened.append)
    second.import_action.trigger()
    assert opened == [] and "read-only" in answers.errors[0]
    second.close()


def test_every_control_is_named(dialog: ImportDialog) -> None:
    dialog.show()
    controls = visible_controls(dialog)
    assert controls and unnamed(controls) == []
    assert len(KINDS) == dialog.kind.count()
