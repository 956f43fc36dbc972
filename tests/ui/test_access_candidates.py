"""The candidates page: counts and filters, the candidate dialog's refusals in plain words,
and adding, editing and deleting a candidate, each undoable."""

from __future__ import annotations

from eoffice.domain import access
from eoffice.domain.access import uln_check_digit
from eoffice.ui.dialogs.candidate_dialog import CandidateDialog
from eoffice.ui.tabs.access_tab import AccessTab
from tests.ui.access_helpers import arrangements, dialogs, tab  # noqa: F401 - fixtures: imported for pytest to find
from tests.ui.conftest import Answers


def test_candidates_page_counts_arrangements_and_filters(tab: AccessTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.show_page(1)
    page = tab.candidates
    people = tab.context.read(access.candidates)
    assert page.model.rowCount() == len(people)  # type: ignore[arg-type]
    assert page.model.index(0, 0).data() == "0001"  # four digits
    page.with_arrangements.setChecked(True)
    assert page.proxy.rowCount() == len({r.candidate_id for r in arrangements(tab)})
    page.with_arrangements.setChecked(False)
    page.year_filter.setCurrentIndex(page.year_filter.findData(13))
    assert page.proxy.rowCount() == sum(c.year_group == 13 for c in people)  # type: ignore[attr-defined]
    page.year_filter.setCurrentIndex(0)
    word = people[4].surname.casefold()  # type: ignore[index]
    page.text_filter.setText(word.upper())
    expected = sum(word in f"{c.surname} {c.forenames}".casefold() for c in people)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == expected)
    assert page.count.text() == f"{expected} of {len(people)} candidates"  # type: ignore[arg-type]


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
    count = len(tab.context.read(access.candidates))  # type: ignore[arg-type]
    tab.candidates.actions["new"].trigger()
    assert seen and seen[0].result_fields is None
    assert "is not a ULN: the check digit (the last digit) is wrong" in problems[0]
    assert "Candidate number 0001 is already used by another candidate" in problems[1]
    assert "is not a candidate number" in problems[2]
    assert len(tab.context.read(access.candidates)) == count  # type: ignore[arg-type]


def test_add_edit_and_delete_a_candidate_are_undoable(tab: AccessTab, dialogs, answers: Answers) -> None:  # type: ignore[no-untyped-def]
    tab.show_page(1)

    def add(dialog: CandidateDialog) -> None:
        dialog.number.setText("777")  # shown and kept as 0777
        dialog.surname.setText("Newcomer")
        dialog.forenames.setText("Alex")

    dialogs(add)
    tab.candidates.actions["new"].trigger()
    added = tab.context.read(lambda s: access.by_number(s, 777))
    assert added is not None and added.name == "Newcomer, Alex"  # type: ignore[attr-defined]
    assert [c.number_text for c in tab.candidates.chosen()] == ["0777"]

    dialogs(lambda dialog: dialog.form.setText("11Z"))  # type: ignore[attr-defined]
    tab.candidates.actions["edit"].trigger()
    assert tab.context.read(lambda s: access.by_number(s, 777)).form == "11Z"  # type: ignore[attr-defined]
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: access.by_number(s, 777)).form is None  # type: ignore[attr-defined]

    assert tab.candidates.select(added.id)  # type: ignore[attr-defined]
    tab.candidates.actions["delete"].trigger()
    assert tab.context.read(lambda s: access.by_number(s, 777)) is None
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: access.by_number(s, 777)) == added
    tab.context.undo_stack.undo()  # the add
    assert tab.context.read(lambda s: access.by_number(s, 777)) is None
