"""The roster's settings as one value: ratios, the DBS renewal period, the solver's time, arrival.

Read in one query through ``settings.get_many``, from either handle (``db.plain.Reads``): the
Overview counts invigilators short of a check before SQLAlchemy has loaded (issue 17), and the
roster's own code passes its ORM session. This module imports neither SQLAlchemy nor the models.
"""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.db.plain import Reads
from eoffice.domain import settings

_KEYS = ("ratio.written", "ratio.on_screen", "ratio.practical", "dbs_renewal_years", "solver_seconds",
         "arrive_minutes_before")


@dataclass(frozen=True)
class RosterSettings:
    """The roster's settings read once, so pure functions can take them as a value."""

    ratio_written: int = 30
    ratio_on_screen: int = 20
    ratio_practical: int = 20
    dbs_renewal_years: int = 3
    solver_seconds: float = 10.0
    arrive_minutes_before: int = 30

    def ratio(self, mode: str) -> int:
        return {"on_screen": self.ratio_on_screen, "practical": self.ratio_practical}.get(mode, self.ratio_written)


def roster_settings(db: Reads) -> RosterSettings:
    """Every roster setting in force (stored, else the default), in one query."""
    found = settings.get_many(db, (f"roster.{key}" for key in _KEYS))

    def get(key: str) -> int:
        return int(found[f"roster.{key}"])

    return RosterSettings(
        ratio_written=get("ratio.written"),
        ratio_on_screen=get("ratio.on_screen"),
        ratio_practical=get("ratio.practical"),
        dbs_renewal_years=get("dbs_renewal_years"),
        solver_seconds=float(found["roster.solver_seconds"]),
        arrive_minutes_before=get("arrive_minutes_before"),
    )
