"""What the Standards tab's tests share: the demo centre's people and passwords, the password
prompt answered by the test, the tab open on the demo year, and small table helpers.

A test module takes the fixtures by importing them (``from tests.ui.standards_helpers import
prompts, tab``); pytest finds fixtures in the module that uses them. ``prompts`` is autouse,
so no real password dialog, nor the list of signatures given in one's name shown at sign-in
(``sign_in_review.ask_disputes``), can open in a module that imports it. ``tab`` is signed in as the
exams officer (the demo's officer and manager have passwords, so nobody edits signed out);
``signed_out_tab`` (import it too) is the read-only tab nobody has signed in to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from eoffice.domain import audit
from eoffice.domain.years import AcademicYear
from eoffice.ui import sign_in, sign_in_review
from eoffice.ui.dialogs import ask, password_dialog
from eoffice.ui.dialogs.password_dialog import PasswordAnswer, Signer
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.standards_tab import StandardsTab

OFFICER, MANAGER, ASSISTANT = "Priya Shah", "Daniel O'Connor", "Tom Barker"
PASSWORDS = {OFFICER: "officer-demo-2026", MANAGER: "manager-demo-2026", ASSISTANT: "assistant-demo-2026"}
VALUES, KNOWLEDGE, SKILLS = 3, 1, 2  # grid columns


class Prompts:
    """Stands in for the password dialog: each answer is (who, password, reason)."""

    def __init__(self) -> None:
        self.queue: list[tuple[str, str, str]] = []
        self.asked: list[tuple[str, list[str], bool]] = []
        self.shown_at_sign_in: list[tuple[str, list[str]]] = []  # (who, the lines listed) at each sign-in
        self.disputes: list[sign_in_review.Disputes] = []  # the answers to give, in turn

    def dispute(self, _parent: Any, name: str, notices: Any, _first_time: bool) -> sign_in_review.Disputes | None:
        """Stands in for ``sign_in_review.ask_disputes``: records the list, gives the next answer."""
        self.shown_at_sign_in.append((name, [n.line for n in notices]))
        return self.disputes.pop(0) if self.disputes else None

    def give(self, name: str, password: str | None = None, reason: str = "") -> None:
        self.queue.append((name, PASSWORDS[name] if password is None else password, reason))

    def __call__(self, _parent: Any, title: str, _message: str, people: list[Signer], *, chosen: int | None = None,
                 reason: bool = False, action: str = "Sign") -> PasswordAnswer | None:
        self.asked.append((title, [p.name for p in people], reason))
        if not self.queue:
            return None
        name, password, why = self.queue.pop(0)
        person = next(p for p in people if p.name == name)
        return PasswordAnswer(person.id, password, why)


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    given = Prompts()
    monkeypatch.setattr(password_dialog, "ask_password", given)
    monkeypatch.setattr(sign_in_review, "ask_disputes", given.dispute)
    yield given
    audit.set_actor(None)


def standards_tab(window: MainWindow) -> StandardsTab:
    window.show_item("standards")
    built = window.tab("standards")
    assert isinstance(built, StandardsTab)
    return built


@pytest.fixture
def signed_out_tab(window: MainWindow) -> StandardsTab:
    """The tab with nobody signed in: read-only, since the demo's officer and manager have passwords."""
    return standards_tab(window)


@pytest.fixture
def tab(window: MainWindow, prompts: Prompts) -> StandardsTab:
    """The tab as the exams officer uses it: signed in with their own password."""
    built = standards_tab(window)
    prompts.give(OFFICER)
    assert sign_in.guard(window).sign_in()
    prompts.asked.clear()
    return built


def fill_dialogs(monkeypatch: pytest.MonkeyPatch, fill: Callable[[Any], None]) -> None:
    """Answer the target, skill and meeting dialogs with ``fill(dialog)`` then Save."""

    def run(dialog: Any) -> bool:
        fill(dialog)
        dialog.accept()
        return dialog.result_fields is not None

    monkeypatch.setattr(ask, "run_dialog", run)


def go_to_new_year(tab: StandardsTab, experience: str = "experienced") -> None:
    tab.context.set_year(AcademicYear(2027))
    tab.show_section("values")
    assert tab.stack.currentWidget() is tab.start_panel
    (tab.start_panel.new if experience == "new" else tab.start_panel.experienced).setChecked(True)
    tab.start_panel.start_button.click()
    assert tab.snapshot.standards is not None


def select_row(table: Any, column: int, text: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if text in str(model.index(row, column).data()):
            table.selectRow(row)
            return
    raise AssertionError(f"no row with {text!r}")


def texts(model: Any, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]
