"""A random id for the database, made once and kept in the settings table.

Calendar event UIDs are built from it rather than from anything the officer can edit
(the centre number, the centre's name), so a re-import into Outlook or Google updates
the events it has instead of adding a copy of each; another database has its own id,
so two centres' events never mix.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy.orm import Session

from eoffice.db.models import Setting

KEY = "database.id"  # not in settings.DEFAULTS: nobody should change it


def stored_database_id(session: Session) -> str | None:
    """The id if the database has one yet; reads only, for a read-only database."""
    row = session.get(Setting, KEY)
    return None if row is None else str(json.loads(row.value))


def database_id(session: Session) -> str:
    """The id, made and stored in the caller's transaction the first time it is asked for."""
    found = stored_database_id(session)
    if found is None:
        found = uuid.uuid4().hex
        session.add(Setting(key=KEY, value=json.dumps(found)))
        session.flush()
    return found
