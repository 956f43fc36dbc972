"""What the officer is told: the arrangement dialog's notes (form BD25, rest breaks first, what
"Approved" does, the Form 8 check as dates are typed), a clashing paper on the exam-day page,
and the warnings page's new kinds."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from eoffice.domain import access
from eoffice.domain.access import ASSESSED_EARLY, NOT_APPROVED, WORDS, ArrangementFields, PaperFields, timetable
from eoffice.ui.dialogs.arrangement_dialog import DELEGATED_NOTE, EXAM_DAY_NOTE, ArrangementDialog
from eoffice.ui.tabs.access_tab import AccessTab
from tests.conftest import TODAY
from tests.ui.access_helpers import (
    add_candidate,
    tab,  # noqa: F401 - fixture: imported for pytest to find
)


def dialog(qtbot: QtBot, year_group: int | None = 11) -> ArrangementDialog:
    def same(fields: ArrangementFields) -> ArrangementFields:
        return fields

    made = ArrangementDialog(None, [(1, "0042  Evans, Siân")], 1, 26, same, TODAY,
                             year_groups={} if year_group is None else {1: year_group})
    qtbot.addWidget(made)
    return made


def choose(combo, key: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(key))


def test_type_notes_bd25_and_rest_breaks_tried_first(qtbot: QtBot) -> None:
    """"Bilingual dictionary with 25% extra time needs AAO plus form BD25 (entered the UK within 3
    years)" and "From 2025/26: before applying for 25% extra time for a condition that is not a
    learning difficulty, supervised rest breaks must have been tried" (regulations.md)."""
    shown = dialog(qtbot)
    assert "supervised rest breaks must have been tried before applying for 25% extra time" in shown.type_rule.text()
    choose(shown.kind, "bilingual_dictionary_extra_time")
    assert "plus form BD25: for a candidate who entered the UK within the last 3 years" in shown.type_rule.text()
    choose(shown.kind, "bilingual_dictionary")
    assert "BD25" not in shown.type_rule.text()


def test_the_dialog_says_approved_is_what_puts_it_on_the_exam_day_sheet(qtbot: QtBot) -> None:
    shown = dialog(qtbot)
    assert shown.status_rule.text() == EXAM_DAY_NOTE
    assert "Only “Approved” puts an arrangement on the exam-day sheets" in EXAM_DAY_NOTE
    choose(shown.kind, "word_processor")
    choose(shown.status, "evidence")
    assert shown.status_rule.text() == f"{DELEGATED_NOTE} {EXAM_DAY_NOTE}"
    choose(shown.status, "approved")
    assert shown.status_rule.text() == EXAM_DAY_NOTE


def test_the_form_8_rule_is_checked_against_the_assessment_date_typed(qtbot: QtBot) -> None:
    """"Form 8 assessment: tests no earlier than Year 9" (regulations.md; JCQ change-of-centre
    guidance, from 1 Sep 2025): a Year 11 candidate in 2026/27 was in Year 9 from 01/09/2024."""
    shown = dialog(qtbot)
    assert shown.form_8_rule.text().startswith("A Form 8 assessment's tests must be no earlier than Year 9")
    shown.has_assessed.setChecked(True)
    shown.assessed.set_date(date(2023, 2, 2))
    assert shown.form_8_rule.text().startswith(
        "Check: assessed 02/02/2023, before this candidate's Year 9 (from 01/09/2024).")
    shown.show()
    rule = shown.form_8_rule
    qtbot.waitUntil(lambda: rule.height() >= rule.heightForWidth(rule.width()))  # every line shows
    shown.assessed.set_date(date(2024, 9, 1))
    assert not shown.form_8_rule.text().startswith("Check")
    shown.assessed.set_date(date(2023, 2, 2))
    choose(shown.kind, "word_processor")  # centre-delegated: no application, no Form 8
    assert not shown.form_8_rule.text().startswith("Check")
    unknown = dialog(qtbot, year_group=None)
    unknown.has_assessed.setChecked(True)
    unknown.assessed.set_date(date(2023, 2, 2))
    assert not unknown.form_8_rule.text().startswith("Check")


def test_exam_day_page_starts_a_clashing_paper_after_the_first_and_says_so(tab: AccessTab) -> None:
    day = date(2027, 7, 1)  # after the demo's timetable: nobody else sits that morning
    cid = add_candidate(tab)
    with tab.context.session() as session:
        for code, minutes in (("TEST/1", 90), ("TEST/2", 120)):
            paper = timetable.add_paper(session, PaperFields("AQA", code, f"Paper {code}", day, "AM", 9 * 60,
                                                             minutes, "GCSE"))
            timetable.add_entries(session, [(cid, paper.id)])
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="approved",
                                                               approved_on=date(2026, 10, 1)))
    tab.context.changed.emit("access")
    tab.show_page(3)
    page = tab.exam_day
    page.choose(day, "AM")
    rows = [[page.proxy.index(r, c).data() for c in range(page.proxy.columnCount())]
            for r in range(page.proxy.rowCount())]
    assert [(r[4], r[5], r[9]) for r in rows] == [
        ("TEST/1 Paper TEST/1 (clash: sits first, then TEST/2)", "09:00", "10:53"),
        ("TEST/2 Paper TEST/2 (clash: sits after TEST/1)", "11:03 (published 09:00)", "13:33")]
    assert "the last finishes at 13:33" in page.summary.text()


def test_warnings_page_names_the_new_kinds(tab: AccessTab) -> None:
    tab.show_page(4)
    combo = tab.warnings.kind_filter
    labels = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert labels[NOT_APPROVED] == WORDS[NOT_APPROVED] and labels[ASSESSED_EARLY] == WORDS[ASSESSED_EARLY]
