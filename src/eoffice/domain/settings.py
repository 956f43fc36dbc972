"""Named settings with their defaults in one table here.

Regulations change every September, so rules that could change (ratios, expiry
periods, start times) are settings with a default, never constants in code. Each area
adds its defaults to ``DEFAULTS``; ``settings_catalogue`` says what each one means to the
officer and checks typed values.

Some settings have knock-on effects on stored data (fewer working days before an entries
deadline moves every worked-out internal deadline). The area that owns the data registers
a listener with ``when_changed``; ``change`` runs it once after writing, so the window, the
command line and anything else that changes settings through ``change`` gets the same
effect. ``put`` is the plain write underneath, with no knock-on effects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from eoffice.db.models import Setting
from eoffice.domain import audit

DEFAULTS: dict[str, Any] = {}

Listener = Callable[[Session], object]
_LISTENERS: list[tuple[str, Listener]] = []


def get(session: Session, key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else json.loads(row.value)


def put(session: Session, key: str, value: Any) -> bool:
    """Write one value and audit it; True when it changed. A value equal to its default is
    not stored, so it follows the default when a later version of eoffice changes it."""
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    old = get(session, key)
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
        old = get(session, key)
        if put(session, key, value):
            changed[key] = (old, value)
    session.flush()
    for prefix, listener in list(_LISTENERS):
        if any(key.startswith(prefix) for key in changed):
            listener(session)
    return changed
