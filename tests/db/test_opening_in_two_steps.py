"""Opening is two steps: the file's checks with SQLite alone (``check_for_opening``), then the
engine (``finish_opening``). The window runs the first while SQLAlchemy is still importing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eoffice.db.session import check_for_opening, finish_opening, open_database


def test_the_checks_import_no_sqlalchemy(db_path: Path) -> None:
    open_database(db_path).close()
    probe = ("import sys; from eoffice.db.session import check_for_opening; "
             f"opening = check_for_opening({str(db_path)!r}); "
             "print(opening.lock is not None, opening.backup_path is not None, opening.facts.whole, "
             "[m for m in sys.modules if m.startswith('sqlalchemy')][:2]); opening.release()")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True True True []"


def test_the_two_steps_open_what_open_database_opens(db_path: Path) -> None:
    open_database(db_path).close()
    opening = check_for_opening(db_path)
    with finish_opening(opening) as db:
        assert not db.read_only and db.lock is not None and db.backup_path == opening.backup_path


def test_a_released_opening_lets_another_writer_in(db_path: Path) -> None:
    open_database(db_path).close()
    check_for_opening(db_path).release()
    with open_database(db_path) as db:
        assert not db.read_only
