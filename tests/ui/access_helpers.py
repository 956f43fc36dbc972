"""What the Access arrangements tab's tests share: the tab open on the demo centre, its
dialogs answered by the test, and quick reads and additions through the domain.

A test module takes the fixtures by importing them (``from tests.ui.access_helpers import
dialogs, tab``); pytest finds fixtures in the module that uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from eoffice.domain import access
from eoffice.domain.access import ArrangementRecord, CandidateFields, uln_check_digit
from eoffice.domain.years import AcademicYear
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.controls import answer_dialogs

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
    return answer_dialogs(monkeypatch)


def arrangements(tab: AccessTab) -> list[ArrangementRecord]:
    return tab.context.read(access.arrangements)  # type: ignore[return-value]


def add_candidate(tab: AccessTab, number: int = 9001) -> int:
    """Candidate "Testperson, Pat" with a valid ULN, added as an import would: not undoable."""
    uln = "123456789" + str(uln_check_digit("123456789"))
    with tab.context.session() as session:
        record = access.add_candidate(session, CandidateFields(number, "Testperson", "Pat", uln=uln), today=TODAY)
    tab.context.changed.emit("access")
    return record.id


def exam_day_page(tab: AccessTab, day: date, sess: str = "AM") -> ExamDayPage:
    """The Exam day page, shown, on one session."""
    tab.show_page(tab.page_index(tab.exam_day))
    tab.exam_day.choose(day, sess)
    return tab.exam_day
