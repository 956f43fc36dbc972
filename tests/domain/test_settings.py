"""Named settings: a default in code, a stored value once changed, every change audited, and
the listeners that carry a change on to stored data (``change``, not ``put``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from eoffice.db.models import Setting
from eoffice.db.session import Database
from eoffice.domain import audit, keydates, settings

KEY = "keydates.internal_days.entries"
assert keydates.DEFAULT_INTERNAL_DAYS["entries"] == 10  # the default these tests start from


def test_default_until_changed(db: Database) -> None:
    with db.session() as session:
        assert settings.get(session, KEY) == settings.DEFAULTS[KEY] == 10
        assert session.get(Setting, KEY) is None


def test_put_round_trips_and_is_audited(db: Database) -> None:
    with db.session() as session:
        assert settings.put(session, KEY, 20) is True
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
        assert settings.put(session, KEY, 10) is False  # equal to the default
        assert session.get(Setting, KEY) is None
        assert audit.count(session) == 0
        settings.put(session, KEY, 12)
        settings.put(session, KEY, 12)
        assert audit.count(session) == 1


def test_back_to_the_default_removes_the_stored_value(db: Database) -> None:
    with db.session() as session:
        settings.put(session, KEY, 12)
    with db.session() as session:
        assert settings.put(session, KEY, 10) is True
    with db.session() as session:
        assert session.get(Setting, KEY) is None  # follows the default from now on
        assert settings.get(session, KEY) == 10
        assert audit.entries(session)[0].summary == f"{KEY}: 12 -> 10"


def test_json_values_keep_their_type(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(settings.DEFAULTS, "plan.reminders", {"days": [7, 1], "on": True})
    with db.session() as session:
        settings.put(session, "plan.reminders", {"days": [14], "on": False})
    with db.session() as session:
        assert settings.get(session, "plan.reminders") == {"days": [14], "on": False}


def test_get_many_gives_what_get_gives_for_each_key(db: Database) -> None:
    """Stored, default and a stored value past today's limits (read as the limit), in one read."""
    keys = [KEY, "roster.ratio.written", "roster.solver_seconds"]
    with db.session() as session:
        settings.put(session, KEY, 3)
        session.add(Setting(key="roster.ratio.written", value="100000"))  # past the catalogue's limit
        session.flush()
        assert settings.get_many(session, keys) == {key: settings.get(session, key) for key in keys}
        assert settings.get_many(session, keys)[KEY] == 3
        with pytest.raises(KeyError, match="unknown setting 'no.such.setting'"):
            settings.get_many(session, [KEY, "no.such.setting"])


def test_unknown_key_is_refused(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(KeyError, match="unknown setting"):
            settings.get(session, "no.such.setting")
        with pytest.raises(KeyError, match="unknown setting"):
            settings.put(session, "no.such.setting", 1)
        with pytest.raises(KeyError, match="unknown setting 'no.such.setting'"):
            settings.change(session, {KEY: 3, "no.such.setting": 1})
        assert session.get(Setting, "no.such.setting") is None
        assert settings.get(session, KEY) == 10  # refused before anything was written
        assert audit.count(session) == 0


# --- change and its listeners ------------------------------------------------------------------

@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Two listeners on test settings, recording each call; removed after the test."""
    calls: list[str] = []
    monkeypatch.setattr(settings, "_LISTENERS", [])
    for key in ("test.a.one", "test.a.two", "test.b.one"):
        monkeypatch.setitem(settings.DEFAULTS, key, 0)

    def listener(name: str):  # type: ignore[no-untyped-def]
        def run(session: Session) -> None:
            calls.append(f"{name}: {settings.get(session, 'test.a.one')}")  # sees the new values
        return run

    settings.when_changed("test.a.", listener("a"))
    settings.when_changed("test.b.", listener("b"))
    yield calls


def test_change_runs_each_listener_once_for_its_own_settings(db: Database, heard: list[str]) -> None:
    with db.session() as session:
        changed = settings.change(session, {"test.a.one": 5, "test.a.two": 6})
        assert changed == {"test.a.one": (0, 5), "test.a.two": (0, 6)}
        assert heard == ["a: 5"]  # once for both, and not b's
        assert audit.count(session) == 2  # one line per setting, none for the batch


def test_change_with_nothing_new_runs_no_listener(db: Database, heard: list[str]) -> None:
    with db.session() as session:
        assert settings.change(session, {"test.a.one": 0, "test.b.one": 0}) == {}
        settings.put(session, "test.b.one", 3)  # put alone carries nothing on
        assert heard == []
        settings.change(session, {"test.b.one": 4})
        assert heard == ["b: 0"]


def test_registering_twice_keeps_one(heard: list[str]) -> None:
    listener = settings._LISTENERS[0][1]
    settings.when_changed("test.a.", listener)
    assert len(settings._LISTENERS) == 2


def test_key_dates_listen_for_their_days() -> None:
    assert ("keydates.internal_days.", keydates.rederive_all_internal_deadlines) in settings._LISTENERS
