"""Every place eoffice keeps files, decided in one module.

The data folder comes from platformdirs (``~/.local/share/eoffice`` on Linux,
``%LOCALAPPDATA%\\eoffice`` on Windows). ``EOFFICE_HOME`` overrides it so tests, and a
school that keeps the database on a managed drive, can point everything elsewhere at
once.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

APP_NAME = "eoffice"
HOME_VARIABLE = "EOFFICE_HOME"


def data_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    return data_dir() / "eoffice.sqlite3"


def backups_dir(database: Path) -> Path:
    """Backups of one database, in a folder of their own.

    The folder name carries a short hash of the database's full path so two databases
    that share a file name never rotate each other's backups away.
    """
    resolved = str(Path(database).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return data_dir() / "backups" / f"{Path(database).stem}-{digest}"


def logs_dir() -> Path:
    return data_dir() / "logs"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside ``src/`` in a checkout, inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
