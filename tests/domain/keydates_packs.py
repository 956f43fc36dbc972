"""Key-dates packs for tests: eoffice's own, changed by a test and written to a file, as a
school's newer (or older) pack would arrive."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eoffice.domain import keydates

# The four results-day dates the 2027 correction moved a week later.
RESULTS = ("a-level-restricted-release", "a-level-results-day", "gcse-restricted-release", "gcse-results-day")


def pack_file(tmp_path: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    """eoffice's pack with ``change`` made to its JSON, written to ``tmp_path / name``."""
    data = json.loads(keydates.reference_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path
