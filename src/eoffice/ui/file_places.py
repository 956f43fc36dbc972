"""Where the window's file dialogs for exports and imports start.

In the folder the officer last saved a file to or chose one from; the first time, their
Documents folder (``paths.documents_dir``). The folder is a preference of the person at this
computer, not centre data, so it is kept in the window's settings file in their own data
folder (beside the window's size and last tab), never in the database.

Database files (new, open, back up, restore) do not use it: a database and its backups stay
in eoffice's data folder and its backups folder, where backups rotate and ``EOFFICE_HOME``
moves them; they are not files to drop among the exports in Documents.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from eoffice import paths
from eoffice.ui.dialogs import ask

LAST_FOLDER = "files/last_folder"


def settings_of(parent: QWidget | None) -> QSettings:
    """The window's settings (``parent`` or a widget it is inside has them); without a window,
    the same file."""
    widget = parent
    while widget is not None:
        found = getattr(widget, "settings", None)
        if isinstance(found, QSettings):
            return found
        widget = widget.parentWidget()
    from eoffice.ui.app import settings_file

    return settings_file()


def start_folder(settings: QSettings) -> Path:
    """The folder last used, while it is still there; else the Documents folder."""
    saved = settings.value(LAST_FOLDER)
    if saved:
        folder = Path(str(saved))
        if folder.is_dir():
            return folder
    return paths.documents_dir()


def remember(settings: QSettings, chosen: Path) -> None:
    settings.setValue(LAST_FOLDER, str(Path(chosen).parent))
    settings.sync()


def save_path(parent: QWidget | None, title: str, name: str, file_filter: str) -> Path | None:
    """Ask where to save ``name`` (a suggested file name), starting in the last folder used."""
    settings = settings_of(parent)
    chosen = ask.save_path(parent, title, start_folder(settings) / name, file_filter)
    if chosen is not None:
        remember(settings, chosen)
    return chosen


def open_path(parent: QWidget | None, title: str, file_filter: str, start: Path | None = None) -> Path | None:
    """Ask for a file to read, starting in ``start`` if given, else the last folder used."""
    settings = settings_of(parent)
    chosen = ask.open_path(parent, title, start or start_folder(settings), file_filter)
    if chosen is not None:
        remember(settings, chosen)
    return chosen
