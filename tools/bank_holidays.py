"""Write ``src/eoffice/domain/keydates/bank_holiday_table.py`` from the ``holidays`` library.

Usage: ``.venv/bin/python -m tools.bank_holidays``, after changing the pinned ``holidays``
version; ``tests/domain/test_bank_holiday_table.py`` fails until the table says what the
installed library says.

The library stays the source of the UK's bank holidays. The table is its answer for the
years a school's key dates fall in, written down once: loading the library costs about
0.1 s (it imports every country it knows), which the window paid on every start before its
first tab could show a key date's internal deadline (issue 17).
"""

from __future__ import annotations

from pathlib import Path

import holidays

from eoffice.domain.keydates.working_days import NATION_SUBDIVISIONS, library_bank_holidays

FIRST_YEAR, LAST_YEAR = 2000, 2060
TARGET = Path(__file__).resolve().parents[1] / "src" / "eoffice" / "domain" / "keydates" / "bank_holiday_table.py"

HEAD = '''"""The UK's bank holidays, {first} to {last}, for each nation: written by ``tools/bank_holidays.py``
from the ``holidays`` library ({version}); do not edit by hand.

``working_days`` reads a year from here and asks the library itself only for a year outside
these. ``tests/domain/test_bank_holiday_table.py`` checks every year against the installed
library, so a new library that knows a new bank holiday fails the tests until this file is
written again.
"""

# subdivision -> year -> "MMDD MMDD ...", in date order
DATES: dict[str, dict[int, str]] = {{
'''


def table() -> dict[str, dict[int, str]]:
    return {
        subdiv: {year: " ".join(day.strftime("%m%d") for day in sorted(
            library_bank_holidays(subdiv, year))) for year in range(FIRST_YEAR, LAST_YEAR + 1)}
        for subdiv in sorted(set(NATION_SUBDIVISIONS.values()))
    }


def main() -> None:
    lines = [HEAD.format(first=FIRST_YEAR, last=LAST_YEAR, version=holidays.__version__)]
    for subdiv, years in table().items():
        lines.append(f'    "{subdiv}": {{\n')
        lines += [f'        {year}: "{days}",\n' for year, days in years.items()]
        lines.append("    },\n")
    lines.append("}\n")
    TARGET.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
