"""The demo centre says what it is and how to sign in; no other database does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eoffice.db.session import Database, open_database
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.ui import sign_in
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import password_dialog
from eoffice.ui.dialogs.password_dialog import NewPassword
from eoffice.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import Answers
from tests.ui.standards_helpers import Prompts, prompts  # noqa: F401 - a fixture for pytest to find

pytestmark = pytest.mark.gui

DEMO_LINES = [
    "Demo centre: made-up data for trying eoffice, kept apart from any real centre. "
    "Sign in (File > Sign in…) with a demo password:",
    "Priya Shah (exams officer): officer-demo-2026",
    "Daniel O'Connor (line manager): manager-demo-2026",
    "Tom Barker (exams assistant): assistant-demo-2026",
]


@pytest.fixture
def real_window(qtbot: QtBot, db: Database) -> Iterator[MainWindow]:
    """A real centre's database: set up by hand, never by the demo."""
    with db.session() as session:
        save_centre(session, CentreDetails(name="Real School", centre_number="12345"))
    main = MainWindow(db, settings_file(), today=TODAY)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_the_demo_banner_lists_each_sign_in(window: MainWindow) -> None:
    banner = window.demo_banner
    assert banner.isVisible()
    assert banner.text().splitlines() == DEMO_LINES
    assert banner.y() < window.tabs.y()  # above the tabs


def test_a_password_from_the_banner_signs_in(window: MainWindow, prompts: Prompts, answers: Answers) -> None:
    for person in window.demo_banner.shown:
        prompts.give(person.name, person.password)
        assert sign_in.guard(window).sign_in(), answers.errors
        account = sign_in.current(window.context)  # type: ignore[arg-type]
        assert account is not None and account.name == person.name


def test_a_changed_password_leaves_the_banner(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                               answers: Answers) -> None:
    monkeypatch.setattr(password_dialog, "ask_new_password",
                        lambda *_a: NewPassword("assistant-demo-2026", "tom-chose-this-1"))
    answers.choice = "Tom Barker (Exams assistant)"
    sign_in.guard(window).password_action.trigger()  # File > Set my password…
    assert answers.errors == []
    assert window.demo_banner.text().splitlines() == DEMO_LINES[:3]  # what is listed still opens the account


def test_a_real_centre_shows_no_banner(real_window: MainWindow) -> None:
    assert real_window.demo_banner.isHidden() and real_window.demo_banner.text() == ""


def test_opening_a_real_centre_after_the_demo_hides_the_banner(window: MainWindow, tmp_path: Path) -> None:
    assert window.demo_banner.isVisible()
    window.set_database(open_database(tmp_path / "real.sqlite3"))
    assert window.demo_banner.isHidden()
