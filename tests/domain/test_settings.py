"""Named settings: a default in code, a stored value once changed, every change audited."""

from __future__ import annotations

import pytest

from eoffice.db.models import Setting
from eoffice.db.session import Database
from eoffice.domain import audit, settings

KEY = "backups.keep_latest"


def test_default_until_changed(db: Database) -> None:
    with db.session() as session:
        assert settings.get(session, KEY) == settings.DEFAULTS[KEY] == 10
        assert session.get(Setting, KEY) is None


def test_put_round_trips_and_is_audited(db: Database) -> None:
    with db.session() as session:
        settings.put(session, KEY, 20)
    with db.session() as session:
        assert settings.get(session, KEY) == 20
        assert session.get(Setting, KEY).value == "20"  # stored as JSON text
        [entry] = audit.entries(session)
    assert (entry.action, entry.entity, entry.entity_id) == ("update", "setting", KEY)
    assert entry.summary == f"{KEY}: 10 -> 20"

    with db.session() as session:
        settings.put(session, KEY, 15)  # changing a stored row
    with db.session() as session:
        assert settings.get(session, KEY) == 15
        assert audit.entries(session)[0].summary == f"{KEY}: 20 -> 15"
        assert audit.count(session) == 2


def test_putting_the_same_value_writes_nothing(db: Database) -> None:
    with db.session() as session:
        settings.put(session, KEY, 10)  # equal to the default
        assert session.get(Setting, KEY) is None
        assert audit.count(session) == 0
        settings.put(session, KEY, 12)
        settings.put(session, KEY, 12)
        assert audit.count(session) == 1


def test_json_values_keep_their_type(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(settings.DEFAULTS, "plan.reminders", {"days": [7, 1], "on": True})
    with db.session() as session:
        settings.put(session, "plan.reminders", {"days": [14], "on": False})
    with db.session() as session:
        assert settings.get(session, "plan.reminders") == {"days": [14], "on": False}


def test_unknown_key_is_refused(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(KeyError, match="unknown setting"):
            settings.get(session, "no.such.setting")
        with pytest.raises(KeyError, match="unknown setting"):
            settings.put(session, "no.such.setting", 1)
        assert session.get(Setting, "no.such.setting") is None
        assert audit.count(session) == 0
