"""The Standards tab with nobody signed in: read-only once the officer or line manager has a
password, with a button to sign in; a new centre without passwords still edits, and says its
changes are not attributed; and an undo never replays one person's change for another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from eoffice.db.models import Person
from eoffice.db.session import Database
from eoffice.domain import audit, standards
from eoffice.domain.standards import TargetFields
from eoffice.ui import sign_in, standards_commands
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.controls import unnamed, visible_controls
from tests.ui.standards_helpers import ASSISTANT, OFFICER, Prompts, prompts, signed_out_tab, standards_tab, tab  # noqa: F401 - fixtures for pytest to find

READ_ONLY = ("Nobody is signed in, so the Professional Standards are read-only. The exams officer or the line "
             "manager signs in to change or sign them.")


def _edit_buttons(tab: StandardsTab) -> dict[str, bool]:
    pages = {"targets": tab.targets, "skills": tab.skills, "values": tab.values, "meetings": tab.meetings,
             "declaration": tab.declaration}
    keys = {"targets": ("add",), "skills": ("add",), "values": ("save", "officer", "manager"), "meetings": ("add",),
            "declaration": ("sign",)}
    return {f"{page} {key}": pages[page].buttons[key].isEnabled() for page in pages for key in keys[page]}


def _refusals(tab: StandardsTab) -> int:
    return len([e for e in tab.context.read(audit.entries) if e.action == "refuse"])  # type: ignore[attr-defined]


def test_with_nobody_signed_in_the_tab_is_read_only_and_offers_sign_in(
        signed_out_tab: StandardsTab, prompts: Prompts, answers: Answers) -> None:
    tab = signed_out_tab
    assert not tab.acting.can_edit and not tab.acting.can_sign and tab.acting.by is None
    assert tab.acting_label.text() == READ_ONLY
    assert tab.sign_in_button.isVisibleTo(tab) and tab.sign_in_button.isEnabled()
    assert tab.sign_in_button.text().replace("&", "") == "Sign in to edit the Professional Standards…"
    assert not any(_edit_buttons(tab).values())
    assert tab.values.editor.isReadOnly() and not tab.experience.isEnabled()
    assert unnamed(visible_controls(tab)) == []

    assert not tab.attempt("Target not added", lambda by: None)
    assert answers.errors == [READ_ONLY]
    with pytest.raises(standards.NotAllowed, match="Sign in as the exams officer or the line manager"):
        standards_commands.add_targets(tab.context, tab.snapshot.year_id, [TargetFields("Invigilation", "Any")],
                                       by=None)  # and the domain refuses, whatever the widgets show
    assert _refusals(tab) == 1

    prompts.give(OFFICER)
    tab.sign_in_button.click()
    assert prompts.asked[-1][0] == "Sign in"
    assert tab.acting.can_edit and tab.acting.by == sign_in.current(tab.context).id
    assert not tab.sign_in_button.isVisibleTo(tab)
    assert all(v for k, v in _edit_buttons(tab).items() if k not in ("values save", "values officer",
                                                                       "values manager", "declaration sign"))


@pytest.fixture
def new_centre(qtbot: QtBot, demo_db: Database) -> Iterator[MainWindow]:
    """The demo centre before the officer or line manager has set a password."""
    with demo_db.session() as session:
        session.execute(update(Person).where(Person.role.in_(("exams_officer", "line_manager")))
                        .values(password_hash=None, password_salt=None))
    main = MainWindow(demo_db, settings_file(), today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_a_new_centre_edits_without_sign_in_and_is_told_changes_are_not_attributed(
        new_centre: MainWindow, answers: Answers) -> None:
    tab = standards_tab(new_centre)
    assert tab.acting.can_edit and tab.acting.by is None
    assert tab.acting_label.text().startswith("Neither the exams officer nor the line manager has set a password "
                                              "yet, so changes are not attributed to anyone until they do")
    assert not tab.sign_in_button.isVisibleTo(tab)
    assert tab.targets.buttons["add"].isEnabled()
    assert tab.attempt("Target not added", lambda by: standards_commands.add_targets(
        tab.context, tab.snapshot.year_id, [TargetFields("Invigilation", "Observe a briefing")], by=by))
    assert answers.errors == [] and len(tab.snapshot.standards.targets) == 5


def test_someone_else_signing_in_cannot_undo_the_last_persons_change(
        tab: StandardsTab, window: MainWindow, prompts: Prompts) -> None:
    """An undo replays the change as whoever made it: an assistant must not get the officer's."""
    year_id = tab.snapshot.year_id
    standards_commands.add_targets(tab.context, year_id, [TargetFields("Invigilation", "Observe a briefing")],
                                   by=tab.acting.by)
    stack = tab.context.undo_stack
    assert stack.canUndo()
    guard = sign_in.guard(window)
    guard.lock()
    prompts.give(OFFICER)
    assert guard.sign_in() and stack.canUndo()  # the same person again: their history stays
    guard.lock()
    prompts.give(ASSISTANT)
    assert guard.sign_in()
    assert not stack.canUndo() and not stack.canRedo()
    assert len(tab.snapshot.standards.targets) == 5
