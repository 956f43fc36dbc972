"""Every place eoffice keeps files, decided in one module.

The data folder comes from platformdirs (``~/.local/share/eoffice`` on Linux,
``%LOCALAPPDATA%\\eoffice`` on Windows). ``EOFFICE_HOME`` overrides it so tests, and a
school that keeps the database on a managed drive, can point everything elsewhere at
once.
"""

from __future__ import annotations

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
    import hashlib  # here, not on the way to the window's first paint

    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return data_dir() / "backups" / f"{Path(database).stem}-{digest}"


def check_output_file(path: Path) -> None:
    """Refuse a target that is not a plain file: an export or backup replaces its target by
    renaming a finished file over it, which would replace a device (``/dev/full``), a pipe
    or a symbolic link rather than write to it. A symbolic link is refused, not followed:
    where it points is for the person to say. A missing file is fine."""
    import stat

    from eoffice.errors import UnsafeOutput

    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return  # missing, or its folder cannot be reached: the write itself says why
    if stat.S_ISLNK(mode):
        raise UnsafeOutput(f"{path}: is a symbolic link; give the file it points to (nothing was written)")
    if stat.S_ISDIR(mode):
        raise UnsafeOutput(f"{path}: is a folder; give a file name inside it (nothing was written)")
    if not stat.S_ISREG(mode):
        raise UnsafeOutput(f"{path}: is not a regular file (a device, pipe or socket); nothing was written")


def logs_dir() -> Path:
    return data_dir() / "logs"


def documents_dir() -> Path:
    """Where the window's file dialogs start the first time: the user's Documents folder
    (platformdirs: the shell's folder on Windows, XDG's on Linux), else their home folder."""
    from platformdirs import user_documents_dir

    found = Path(user_documents_dir())
    return found if found.is_dir() else Path.home()


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a bundle; beside ``src/`` in a checkout (and an
    editable install); else where an ordinary install put it, ``<prefix>/share/eoffice``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    for prefix in installed_prefixes():
        installed = prefix / "share" / "eoffice" / "resources"
        if installed.is_dir():
            return installed
    return checkout  # missing: the reader that needs a file says which one


def installed_prefixes() -> list[Path]:
    """Where pip puts a wheel's data files: the environment, or the user's base for --user."""
    import site
    import sysconfig

    found = [Path(sysconfig.get_path("data")), Path(sys.prefix)]
    user_base = getattr(site, "USER_BASE", None) or site.getuserbase()
    if user_base:
        found.append(Path(user_base))
    return found


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
