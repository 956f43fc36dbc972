"""Named settings with their defaults in one table here.

Regulations change every September, so rules that could change (ratios, expiry
periods, start times) are settings with a default, never constants in code. Each area
adds its defaults to ``DEFAULTS``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from eoffice.db.models import Setting
from eoffice.domain import audit

DEFAULTS: dict[str, Any] = {
    "backups.keep_latest": 10,
}


def get(session: Session, key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = session.get(Setting, key)
    return DEFAULTS[key] if row is None else json.loads(row.value)


def put(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    old = get(session, key)
    if old == value:
        return
    row = session.get(Setting, key)
    encoded = json.dumps(value)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded
    audit.record(session, "update", "setting", key, f"{key}: {old!r} -> {value!r}")
