"""One demo centre at ``--scale 10``, built once per bench run and shared by every in-process row.

Issue 17 measures each tab at ten times a large school: about 1,800 candidates, 20,000
entries, 270 arrangements and 440 invigilators. Building it takes about 12 s, so the rows
share one file (read-only use) rather than each making their own. Today is fixed, so the
summer series is May-June 2027 whatever the machine's clock says.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

SCALE = 10
TODAY = date(2026, 11, 23)

_state: dict[str, Any] = {}


def app() -> Any:
    """The process's one QApplication (offscreen under ``make bench``)."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def database(workdir: Path) -> Any:
    """The open scale-10 demo database under ``workdir``; built on the first call."""
    if "db" not in _state:
        from eoffice.db.session import open_database
        from eoffice.domain.demo import build_demo

        db = open_database(workdir / "scale10-bench.sqlite3")
        with db.session() as session:
            build_demo(session, scale=SCALE, today=TODAY)
        _state["db"] = db
    return _state["db"]


def context(workdir: Path) -> Any:
    """A fresh window context on that database, with today fixed (each tab open makes its own)."""
    from eoffice.domain.years import AcademicYear
    from eoffice.ui.context import AppContext

    return AppContext(database(workdir), AcademicYear.current(TODAY), today=TODAY)
