"""In the window (issue 14): at sign-in a person sees what was signed in their name since their last
sign-in and can dispute it; the Standards tab names a signature that does not verify; a new line
manager added in the Centre tab gets a one-time setup code, shown once to whoever added them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import passwords
from eoffice.domain.standards import meetings, signing, years_in
from eoffice.domain.years import AcademicYear
from eoffice.ui import sign_in
from eoffice.ui.dialogs.centre_dialog import CentreDialog
from eoffice.ui.forgotten_password import CodeDialog
from eoffice.ui.main_window import MainWindow
from eoffice.ui.sign_in_review import Disputes, SignedInYourNameDialog
from eoffice.ui.tabs.centre_tab import CentreTab
from eoffice.ui.tabs.standards_tab import StandardsTab
from tests.ui.conftest import Answers
from tests.ui.standards_helpers import MANAGER, OFFICER, PASSWORDS, Prompts, prompts, standards_tab, tab  # noqa: F401 - fixtures


def _sign_review_meeting_as_manager(db: Database) -> int:
    """A signature in the line manager's name, given after the demo's last sign-in."""
    with db.session() as session:
        [year] = years_in(session, AcademicYear(2026))
        review = meetings(session, year.id)[-1]
        manager = next(a for a in passwords.accounts(session) if a.name == MANAGER)
        return signing.sign(session, year.id, "meeting", manager.id, PASSWORDS[MANAGER], meeting_id=review.id).id


def test_at_sign_in_the_line_manager_sees_a_signature_in_their_name_and_disputes_it(
        tab: StandardsTab, window: MainWindow, prompts: Prompts, answers: Answers, demo_db: Database) -> None:
    assert prompts.shown_at_sign_in == []  # the officer signed in: nothing new in her name
    signature_id = _sign_review_meeting_as_manager(demo_db)
    guard = sign_in.guard(window)
    guard.lock("signed out")
    prompts.disputes.append(Disputes((signature_id,), "I was not at this meeting"))
    prompts.give(MANAGER)
    assert guard.sign_in()
    assert answers.errors == []
    [(who, lines)] = prompts.shown_at_sign_in
    assert who == MANAGER and len(lines) == 1
    assert lines[0].startswith("Meeting record of ") and lines[0].endswith("(signed)")
    logged = window.context.read(lambda s: audit.entries(s, limit=1))[0]  # type: ignore[union-attr]
    assert (logged.action, logged.actor) == ("dispute", MANAGER)
    assert logged.summary.endswith("disputed by Daniel O'Connor: I was not at this meeting")
    tab.show_section("meetings")
    assert "disputed by Daniel O'Connor on 23/11/2026: I was not at this meeting" in tab.trust_label.text()
    assert tab.trust_label.isVisible()

    guard.lock("signed out")  # the next sign-in shows nothing new
    prompts.give(MANAGER)
    assert guard.sign_in()
    assert len(prompts.shown_at_sign_in) == 1
    audit.set_actor(None)


def test_the_list_asks_why_before_a_dispute_is_kept(qtbot: QtBot, tab: StandardsTab, demo_db: Database) -> None:
    from eoffice.domain.accounts import utc_naive
    from eoffice.domain.standards import SignatureNotice

    notice = SignatureNotice(7, "SLT declaration for Priya Shah, 2026/27", utc_naive(None), "signed")
    dialog = SignedInYourNameDialog(MANAGER, [notice], first_time=False)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result_fields == Disputes(())  # nothing ticked: all of them are mine
    dialog.boxes[0][1].setChecked(True)
    dialog.result_fields = None
    dialog.accept()
    assert dialog.result_fields is None and "Say why" in dialog.problem.text()
    dialog.reason.setText("  not   me ")
    dialog.accept()
    assert dialog.result_fields == Disputes((7,), "not me")


def test_the_standards_tab_names_a_signature_that_does_not_verify(window: MainWindow, demo_db: Database) -> None:
    """The fault trial's ``UPDATE signature SET person_id=..., signer_name='Tom Barker'``."""
    with demo_db.engine.begin() as conn:
        tom = conn.execute(text("SELECT id FROM person WHERE name = 'Tom Barker'")).scalar_one()
        conn.execute(text("UPDATE signature SET person_id = :p, signer_name = 'Tom Barker' WHERE id = "
                          "(SELECT max(id) FROM signature WHERE kind = 'values_line_manager')"), {"p": tom})
    tab = standards_tab(window)
    text_shown = tab.trust_label.text()
    assert text_shown.startswith("✗ Values & Attributes statement (line manager) in the name of Tom Barker, ")
    assert "does not verify: the signing key it names is not Tom Barker's" in text_shown
    tab.show_section("values")
    states = [tab.values.signatures.model.index(r, 4).data() for r in range(tab.values.signatures.model.rowCount())]
    assert "does not verify: the signing key it names is not Tom Barker's" in states


def test_a_new_line_manager_gets_a_setup_code_shown_once(window: MainWindow, answer_dialogs, answers: Answers,  # type: ignore[no-untyped-def]
                                                         demo_db: Database, prompts: Prompts) -> None:
    shown: list[tuple[str, str]] = []
    manager: list[str] = [""]

    def fill(dialog: object) -> bool:
        if isinstance(dialog, CodeDialog):
            shown.append((dialog.windowTitle(), dialog.code.text()))
            return True
        assert isinstance(dialog, CentreDialog)
        dialog.form.line_manager.setText(manager[0])
        dialog.accept()
        return dialog.result_fields is not None

    answer_dialogs(fill)
    prompts.give(OFFICER)
    assert sign_in.guard(window).sign_in()
    window.show_item("centre")
    centre = window.tab("centre")
    assert isinstance(centre, CentreTab)
    centre.edit_button.click()  # Daniel O'Connor leaves: the role is cleared
    assert shown == []
    manager[0] = "Asha Begum"
    centre.edit_button.click()  # a new line manager
    assert [title for title, _code in shown] == ["Setup code for Asha Begum"]
    with demo_db.session() as session:
        [asha] = [a for a in passwords.accounts(session) if a.name == "Asha Begum"]
        assert asha.first_password
        logged = next(e for e in audit.entries(session) if e.action == "setup")
    assert logged.actor == OFFICER
    assert logged.summary.startswith("one-time setup code for the first password of Asha Begum (line manager) issued "
                                     "when they were added, while Priya Shah (exams officer) was signed in")
    assert shown[0][1] not in logged.summary
    centre.edit_button.click()  # saved again, unchanged: no new code
    assert len(shown) == 1 and answers.errors == []
    audit.set_actor(None)
