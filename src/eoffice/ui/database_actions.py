"""File-menu actions on whole databases: new, open, back up, restore, first run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eoffice import clock, paths
from eoffice.db.maintenance import backup_database, create_database, restore_database
from eoffice.domain.centre import get_centre, save_centre
from eoffice.domain.series import ensure_year
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui import areas
from eoffice.ui.dialogs import ask
from eoffice.ui.opening import open_demo, open_with_dialogs

if TYPE_CHECKING:
    from eoffice.ui.main_window import MainWindow


def new_database(window: MainWindow) -> None:
    out = ask.save_path(window, "New database", paths.data_dir() / "new-centre.sqlite3", ask.DATABASE_FILTER)
    if out is None:
        return
    try:
        db = create_database(out)
    except EofficeError as error:
        ask.error(window, "Database not created", str(error))
        return
    window.set_database(db)
    offer_first_run(window)


def open_other(window: MainWindow) -> None:
    path = ask.open_path(window, "Open database", window.db.path.parent, ask.DATABASE_FILTER)
    if path is None:
        return
    db = open_with_dialogs(window, path)
    if db is not None:
        window.set_database(db)
        offer_first_run(window)


def backup(window: MainWindow) -> None:
    suggested = window.db.path.with_name(f"{window.db.path.stem}-backup-{clock.today():%Y-%m-%d}.sqlite3")
    out = ask.save_path(window, "Back up database", suggested, ask.DATABASE_FILTER)
    if out is None:
        return
    try:
        written = backup_database(window.db.path, out)
    except EofficeError as error:
        ask.error(window, "Backup not made", str(error))
        return
    window.statusBar().showMessage(f"Backed up to {written}", 8000)


def restore(window: MainWindow) -> None:
    if window.db.held_by is not None:  # read-only for damage or permissions: a restore is the way out
        ask.error(window, "Read-only", f"{window.db.held_by.describe()} has this database open, so it cannot be "
                  "restored here. Close it there first.")
        return
    source = ask.open_path(window, "Restore from a backup", paths.backups_dir(window.db.path), ask.DATABASE_FILTER)
    if source is None:
        return
    target = window.db.path
    if not ask.confirm(
        window,
        "Restore from a backup",
        f"Replace everything in {target.name} with the backup {source.name}?\n\n"
        "The current file is moved aside first, whatever its state, so this can be undone by restoring it.",
    ):
        return
    window.db.close()  # release the writer lock so the restore can take it
    try:
        safety = restore_database(target, source)
    except EofficeError as error:
        ask.error(window, "Not restored", f"{error}\n\nThe database was not changed.")
        safety = None
    db = open_with_dialogs(window, target)
    if db is None:
        window.close()
        return
    window.set_database(db)
    if safety is not None:
        window.statusBar().showMessage(f"Restored; the previous data is kept in {safety}", 12000)


def offer_first_run(window: MainWindow) -> None:
    """A database with no centre yet: set the centre up, or explore the demo centre."""
    from eoffice.ui.dialogs.first_run import DEMO, SAVE, FirstRunDialog

    if window.db.read_only or window.context is None or window.context.read(get_centre) is not None:
        return
    dialog = FirstRunDialog(window)
    if not ask.run_dialog(dialog):
        return
    if dialog.choice == DEMO:
        db = open_demo(window)
        if db is not None:
            window.set_database(db)
    elif dialog.choice == SAVE and dialog.details is not None:
        details = dialog.details
        try:
            with window.context.session() as session:
                save_centre(session, details)
                ensure_year(session, AcademicYear.current())
        except EofficeError as error:
            ask.error(window, "Centre not saved", str(error))
            return
        window.context.changed.emit(areas.CENTRE)
