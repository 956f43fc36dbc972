"""Nothing on the way to the window's first paint makes PySide6 build its ``Qt`` namespace
(about 15 ms, issue 17): the menus' shortcuts are set just after, and then they are all there."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from eoffice.db.backup import copy_database
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import MainWindow
from tests.conftest import child_python

FIRST_PAINT = """
import PySide6.QtCore as QtCore
from eoffice.ui.app import make_application, settings_file
from eoffice.ui.main_window import MainWindow
app = make_application()
window = MainWindow(None, settings_file(), shortcuts_later=True)
window.show()
app.processEvents()
print("before", "Qt" in vars(QtCore))
window.set_shortcuts()
print("after", "Qt" in vars(QtCore), window.findChild(QtCore.QObject, "") is not None)
"""


def test_the_window_paints_before_the_qt_namespace_is_made(tmp_path: Path) -> None:
    """Fails when a module on the way to the window imports ``Qt`` from ``PySide6.QtCore`` at
    its top, or the window's building uses it: read it where used (``QtCore.Qt``) instead."""
    env = {**os.environ, "EOFFICE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(child_python("-c", FIRST_PAINT), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["before False", "after True True"]


def _shortcuts(window: MainWindow) -> dict[str, str]:
    return {action.text(): action.shortcut().toString() for action in window.findChildren(QAction)
            if not action.shortcut().isEmpty()}


def test_shortcuts_kept_back_are_the_same_once_set(qtbot: QtBot) -> None:
    now = MainWindow(None, settings_file())
    later = MainWindow(None, settings_file(), shortcuts_later=True)
    for window in (now, later):
        qtbot.addWidget(window)
    expected = _shortcuts(now)
    assert len(expected) >= 10 and "&Back up database…" in expected and "Sign &out / Lock" in expected
    assert _shortcuts(later) == {}
    later.set_shortcuts()
    assert _shortcuts(later) == expected
    later.set_shortcuts()  # once only: nothing more to set
    assert _shortcuts(later) == expected


FIRST_TAB = """
import sys
from eoffice.cli.main import main
code = main(["--db", sys.argv[1]])
print("storage", sorted({m.split(".")[0] for m in sys.modules if m.startswith(("sqlalchemy", "alembic"))}
                        | {m for m in sys.modules if m == "eoffice.db.models"}))
print("exit", code)
"""


def test_the_first_tab_is_painted_with_its_data_before_sqlalchemy_loads(tmp_path: Path, db_path: Path,
                                                                         demo_template: Path) -> None:
    """Issue 17: SQLAlchemy's import alone took longer than the first tab's whole budget. The
    database's checks, the title, the year list, the sign-in setting, the demo banner and the
    Overview are read through SQLite's own connection (``eoffice.db.plain``); the app prints
    ``ready`` once that tab has painted and here quits before loading the storage layer."""
    copy_database(demo_template, db_path)
    env = {**os.environ, "EOFFICE_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "EOFFICE_EXIT_AFTER_SHOWN": "1"}
    result = subprocess.run(child_python("-c", FIRST_TAB, str(db_path)), env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["shown tabs=7", "ready"] and lines[2:] == ["storage []", "exit 0"], result.stdout
