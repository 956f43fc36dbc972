"""Academic years (1 September to 31 August, labelled ``2026/27``) and their series."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eoffice import clock
from eoffice.errors import InputError

YEAR_STARTS_MONTH = 9
SERIES_NAMES: tuple[str, ...] = ("November", "January", "Summer")
_LABEL = re.compile(r"^\s*(\d{4})\s*/\s*(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class AcademicYear:
    start_year: int

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, YEAR_STARTS_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, YEAR_STARTS_MONTH - 1, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> AcademicYear:
        return AcademicYear(self.start_year + 1)

    def previous(self) -> AcademicYear:
        return AcademicYear(self.start_year - 1)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) from September to August, the order of the officer's wall plan."""
        return [
            (self.start_year + (m < YEAR_STARTS_MONTH), m)
            for m in (*range(YEAR_STARTS_MONTH, 13), *range(1, YEAR_STARTS_MONTH))
        ]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def containing(cls, day: date) -> AcademicYear:
        return cls(day.year if day.month >= YEAR_STARTS_MONTH else day.year - 1)

    @classmethod
    def current(cls, today: date | None = None) -> AcademicYear:
        return cls.containing(today or clock.today())

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        match = _LABEL.match(text)
        if not match:
            raise InputError(f"{text!r} is not an academic year: write it like 2026/27")
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 != end:
            raise InputError(
                f"{text!r} is not an academic year: the second part must be the next year "
                f"({start}/{(start + 1) % 100:02d})"
            )
        return cls(start)
