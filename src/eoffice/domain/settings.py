"""Named settings with their defaults in one table here.

Regulations change every September, so rules that could change (ratios, expiry
periods, start times) are settings with a default, never constants in code. ``DEFAULTS``
below declares every key and its default, area by area; ``settings_catalogue`` says what
each one means to the officer and checks typed values. Nothing adds to it at import
time, so a setting exists whether or not its area's modules have been imported.

Some settings have knock-on effects on stored data (fewer working days before an entries
deadline moves every worked-out internal deadline). The area that owns the data registers
a listener with ``when_changed``; ``change`` runs it once after writing, so the window, the
command line and anything else that changes settings through ``change`` gets the same
effect. ``put`` is the plain write underneath, with no knock-on effects.

A limit can narrow when the regulations do (the clash break became 0-20 minutes with ICE
2025/26), so a database may store a value a later eoffice no longer allows. It still opens:
``get`` reads such a whole number as the nearest limit (``settings_catalogue.in_force``),
the stored value stays until someone changes it, and ``eoffice check`` names it
(``settings_catalogue.out_of_range``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from eoffice.db.plain import Reads, as_reader, marks

if TYPE_CHECKING:  # writes import the storage layer where they run: reads come before it loads (issue 17)
    from sqlalchemy.orm import Session

DEFAULTS: dict[str, Any] = {
    # Key dates: working days between a worked-out internal deadline and the external date.
    "keydates.internal_days.entries": 10,
    "keydates.internal_days.access_arrangements": 15,
    "keydates.internal_days.coursework": 10,
    "keydates.internal_days.timetable": 5,
    "keydates.internal_days.results": 0,
    "keydates.internal_days.post_results": 3,
    "keydates.internal_days.certificates": 5,
    "keydates.internal_days.centre_admin": 5,
    "keydates.internal_days.invigilation": 10,
    # Access arrangements: approvals last 26 months (JCQ AA 7.2); warnings and fallback deadlines.
    "access.expiry_months": 26,
    "access.deadline_warning_days": 28,
    "access.fallback_deadline_days_before_series": 60,
    "access.fallback_modified_papers_days_before_series": 105,
    # Timetable: session starts as JCQ publishes them, and the clash limits (JCQ ICE).
    "timetable.start.AM": "09:00",
    "timetable.start.PM": "13:30",
    "access.clash.same_session_max_minutes": 180,
    "access.clash.day_max_minutes.gcse": 330,
    "access.clash.day_max_minutes.gce": 360,
    # The break between clashing papers in one session: 0-20 minutes (ICE 2025/26 8.2); a candidate
    # sitting every paper of a long day may have a break longer than the second (ICE 2025/26 8.2).
    "access.clash.break_minutes": 10,
    "access.clash.sit_all_break_over_minutes": 20,
    # Seating plans: a blank column between papers; late finishers at the back, or by the exit.
    "seating.gap_columns": 1,
    "seating.late_finishers_by_exit": False,
    "board.candidate_numbers": False,
    # Rooming: candidates invigilated separately (no reader or scribe) share a small room up to this many.
    "seating.separate_group_size": 6,
    # Invigilators: candidates per invigilator by kind of exam, checks and the solver's time.
    "roster.ratio.written": 30,
    "roster.ratio.on_screen": 20,
    "roster.ratio.practical": 20,
    "roster.dbs_renewal_years": 3,
    "roster.solver_seconds": 10,
    "roster.arrive_minutes_before": 30,
    # Accounts: sign in when the app opens, lock after minutes idle (0: never lock).
    "accounts.sign_in_on_open": False,
    "accounts.lock_after_idle_minutes": 10,
    # Professional Standards: how often the line manager meets a new / an experienced officer.
    "standards.meeting_months.new": 1,
    "standards.meeting_weeks.experienced": 6,
    # The meeting pack looks a half term ahead, with a week to spare.
    "meeting_pack.weeks_ahead": 7,
}

Listener = Callable[["Session"], object]
_LISTENERS: list[tuple[str, Listener]] = []


def get(db: Reads, key: str) -> Any:
    """The value in force: the stored one, else the default. A stored whole number outside the
    limits the catalogue now gives is read as the nearest limit (see the module's notes)."""
    return get_many(db, [key])[key]


def get_many(db: Reads, keys: Iterable[str]) -> dict[str, Any]:
    """``get`` for several keys, in one query: what a list needing a handful of settings reads
    (the roster's ratios, every category's working days), not one query a key."""
    texts = _stored_texts(db, keys)
    return {key: _in_force(key, text) for key, text in texts.items()}


def _stored_texts(db: Reads, keys: Iterable[str]) -> dict[str, str | None]:
    """Each key's stored JSON text, None where nothing is stored; an unknown key is refused."""
    wanted = list(dict.fromkeys(keys))
    for key in wanted:
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting {key!r}")
    found: dict[str, str] = dict(as_reader(db).execute(
        f"SELECT key, value FROM setting WHERE key IN ({marks(len(wanted))})", wanted).fetchall())
    return {key: found.get(key) for key in wanted}


def _in_force(key: str, text: str | None) -> Any:
    if text is None:
        return DEFAULTS[key]
    # The catalogue reads the areas' vocabularies, which read this module: read it when first needed.
    from eoffice.domain import settings_catalogue

    return settings_catalogue.in_force(key, json.loads(text))


def stored(db: Reads, key: str) -> Any:
    """The value as the database keeps it (the default when none is stored), even one outside
    the limits: what ``put`` compares with, so writing the limit replaces a value over it."""
    text = _stored_texts(db, [key])[key]
    return DEFAULTS[key] if text is None else json.loads(text)


def put(session: Session, key: str, value: Any) -> bool:
    """Write one value and audit it; True when it changed. A value equal to its default is
    not stored, so it follows the default when a later version of eoffice changes it."""
    from eoffice.db.models import Setting
    from eoffice.domain import audit

    old = stored(session, key)
    if old == value and type(old) is type(value):
        return False
    row = session.get(Setting, key)
    if value == DEFAULTS[key] and type(value) is type(DEFAULTS[key]):
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=json.dumps(value)))
    else:
        row.value = json.dumps(value)
    audit.record(session, "update", "setting", key, f"{key}: {old!r} -> {value!r}")
    return True


def when_changed(prefix: str, listener: Listener) -> None:
    """Run ``listener(session)`` after ``change`` writes any setting whose key starts with
    ``prefix``; registering the same pair twice (a module reloaded) keeps one."""
    if (prefix, listener) not in _LISTENERS:
        _LISTENERS.append((prefix, listener))


def change(session: Session, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Write several settings in the caller's transaction, then run each listener whose
    settings changed once (not once per setting). Returns key -> (old, new) for what changed."""
    unknown = [key for key in values if key not in DEFAULTS]
    if unknown:
        raise KeyError(f"unknown setting {unknown[0]!r}")
    changed: dict[str, tuple[Any, Any]] = {}
    for key, value in values.items():
        old = stored(session, key)
        if put(session, key, value):
            changed[key] = (old, value)
    session.flush()
    for prefix, listener in list(_LISTENERS):
        if any(key.startswith(prefix) for key in changed):
            listener(session)
    return changed
