"""Qt stays in the window: storage, rules, files and the command line never import it.

Checked from the source text with ``ast``, so a lazy import inside a function counts too.
Every module outside ``eoffice/ui`` is checked, so a new top-level module is covered
without editing this file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eoffice"
QT_FREE_PACKAGES = ("domain", "db", "io")
MUST_BE_CHECKED = ("cli/main.py", "cli/common.py", "paths.py", "errors.py", "__init__.py", "__main__.py")


def qt_free_files() -> list[Path]:
    """Every module of the package except the window's own folder."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "ui")


def imported_modules(source: str) -> list[str]:
    """Every module an ``import`` or ``from ... import`` names, at any depth."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def is_qt(module: str) -> bool:
    return module.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}


def test_the_checker_sees_every_kind_of_import() -> None:
    source = (
        "import os\n"
        "import PySide6.QtCore\n"
        "from PySide6 import QtWidgets\n"
        "def later():\n"
        "    from PySide6.QtGui import QIcon\n"
    )
    assert [m for m in imported_modules(source) if is_qt(m)] == ["PySide6.QtCore", "PySide6", "PySide6.QtGui"]


def test_there_are_files_to_check() -> None:
    files = qt_free_files()
    assert all(f.is_file() for f in files)
    names = {f.relative_to(PACKAGE).as_posix() for f in files}
    assert {*MUST_BE_CHECKED, "db/session.py", "domain/centre.py", "io/tables.py", "db/migrations/env.py"} <= names
    assert not any(name.startswith("ui/") for name in names)


@pytest.mark.parametrize("path", qt_free_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_does_not_import_qt(path: Path) -> None:
    qt = [m for m in imported_modules(path.read_text(encoding="utf-8")) if is_qt(m)]
    assert qt == [], f"{path.relative_to(PACKAGE)} imports {qt}"


@pytest.mark.parametrize(
    "path",
    [f for f in qt_free_files() if f.relative_to(PACKAGE).parts[0] in QT_FREE_PACKAGES],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_storage_rules_and_files_do_not_import_the_window(path: Path) -> None:
    ui = [m for m in imported_modules(path.read_text(encoding="utf-8")) if m == "eoffice.ui" or m.startswith("eoffice.ui.")]
    assert ui == [], f"{path.relative_to(PACKAGE)} imports {ui}"


def test_test_files_have_unique_names() -> None:
    """tests/ has no __init__.py files, so pytest imports each test file by its bare name: two
    files of one name in different folders stop the whole run at collection."""
    tests = Path(__file__).resolve().parent
    names: dict[str, list[str]] = {}
    for path in tests.rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.relative_to(tests)))
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_the_window_module_does_not_load_storage_at_import() -> None:
    """The window is shown before SQLAlchemy and the models are imported (on a second thread):
    a module-level import of a storage-backed rule anywhere under the window undoes that."""
    import subprocess
    import sys

    probe = "import sys, eoffice.ui.main_window; print(sorted(m for m in sys.modules if m.startswith('sqlalchemy'))[:3])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_the_first_tab_does_not_load_the_cryptography_library() -> None:
    """Signing keys import ``cryptography`` (about 20 ms) only where a key is used: the Overview,
    which start-up opens on, reads the Standards' signatures but never checks one."""
    import subprocess
    import sys

    probe = ("import sys, eoffice.domain.overview, eoffice.db.session; "
             "print(sorted(m for m in sys.modules if m.startswith('cryptography'))[:3])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def sql_in(source: str) -> list[str]:
    """What in ``source`` talks to the database directly: SQLAlchemy beyond the ``Session``
    type, the ORM models, or a session's ``execute``/``scalars``/``scalar``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "eoffice.db.models":
                found.append(node.module)
            elif node.module.split(".")[0] == "sqlalchemy":
                found += [f"{node.module}.{a.name}" for a in node.names if a.name != "Session"]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in {"execute", "scalars", "scalar"}):
                found.append(f".{node.func.attr}()")
    return found


def test_the_sql_checker_sees_queries_and_lets_the_session_type_pass() -> None:
    source = (
        "from sqlalchemy.orm import Session\n"
        "from sqlalchemy import func, select\n"
        "from eoffice.db.models import Paper\n"
        "def later(session):\n"
        "    return session.execute(select(Paper))\n"
    )
    assert sql_in(source) == ["sqlalchemy.func", "sqlalchemy.select", "eoffice.db.models", ".execute()"]


@pytest.mark.parametrize("path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_window_asks_the_domain_and_writes_no_sql(path: Path) -> None:
    """A screen reads and changes data through domain functions, so the rule behind what it
    shows is the one the command line and the exports use too."""
    assert sql_in(path.read_text(encoding="utf-8")) == [], f"{path.relative_to(PACKAGE)}: move the query into domain/"


def exec_calls(source: str) -> list[int]:
    """Lines where ``source`` runs something modal itself: a ``.exec()`` with no arguments
    (a QMenu's ``exec(point)`` pops up and returns at once, so it is not counted)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "exec" and not node.args]


def test_the_exec_checker_sees_a_dialog_run_and_lets_a_menu_pass() -> None:
    source = "def f(dialog, menu, point):\n    dialog.exec()\n    menu.exec(point)\n"
    assert exec_calls(source) == [2]


SEAM = {"ui/dialogs/ask.py", "ui/app.py"}  # ask.run_dialog; the application's own event loop


@pytest.mark.parametrize("path", sorted((PACKAGE / "ui").rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_dialog_runs_through_ask(path: Path) -> None:
    """One seam, ``ask.run_dialog``, shows every dialog: a test replaces it once and no modal
    window is ever left waiting for a click (ten module copies of it had grown)."""
    if path.relative_to(PACKAGE).as_posix() in SEAM:
        return
    assert exec_calls(path.read_text(encoding="utf-8")) == [], f"{path.relative_to(PACKAGE)}: use ask.run_dialog(dialog)"
