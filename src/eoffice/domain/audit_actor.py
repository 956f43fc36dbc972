"""Who the audit log names for the changes made in this process: the signed-in person, when there is one.

Apart from ``audit`` (which writes the log with the ORM and re-exports both functions)
because the window forgets who was signed in each time it opens a database, before its
first tab is painted, and that paint comes before SQLAlchemy is imported (issue 17).
"""

from __future__ import annotations

import getpass

_actor: str | None = None


def set_actor(name: str | None) -> None:
    """Who is making changes in this process: the signed-in person, when there is one."""
    global _actor
    _actor = name


def current_actor() -> str:
    """The signed-in person; otherwise the computer's login name, so an entry still says whose
    session made it; "unknown" when even that cannot be found."""
    if _actor:
        return _actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
