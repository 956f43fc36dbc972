"""Bench rows for the imports (issue 14): 100,000 rows of every kind, through the command line.

Each kind's file is made once in the temporary folder, sized like a very large centre's
whole list and far past a real school's (``ROWS``: 100,000 rows; candidates stop at 9,999,
the most candidate numbers a centre has). The subject is ``eoffice import KIND FILE --db``
in a fresh process on a fresh copy of its database, timed from ``Popen`` to exit, with
everything a real run does: reading and checking the file, the backup taken when the
database is opened for writing, every row written and audited, the commit. The baseline
is a fresh ``python -c`` reading the same file with the bare ``csv`` module or openpyxl's
read-only mode, so the ratio says what eoffice's checking and writing cost over reading.

The rows pass when the subject takes under ``LIMIT_MS`` (10 s, issue 14's target).

Run alone to make the files and time the command line by hand::

    .venv/bin/python bench/import_rows.py /tmp/imports 100000
    time .venv/bin/eoffice import timetable /tmp/imports/timetable.csv --db /tmp/imports/copy.sqlite3
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROWS = 100_000
CANDIDATES_MAX = 9_999  # candidate numbers run 1 to 9999
ROOMS = 8_000  # the fault trial's slow case, timed beside the 100,000
LIMIT_MS = 10_000
TIMEOUT = 120.0

_state: dict[str, Any] = {}
_noted: set[str] = set()

ARRANGEMENT_KINDS = ("25% extra time", "Reader", "Scribe", "Word processor", "Supervised rest breaks",
                     "Separate invigilation", "Prompter", "Modified papers", "Coloured overlays or coloured paper",
                     "Bilingual dictionary")  # fmt: skip
PHASES = ("Planning", "Entries", "Pre-exams", "Exam time", "Results", "Other")


def _year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _weekdays(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _csv(path: Path, header: list[str], rows: Any) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def make_files(folder: Path, rows: int = ROWS, *, today: date | None = None) -> dict[str, Path]:
    """Every kind's file of ``rows`` rows (candidates: at most 9,999), dated in today's year."""
    from openpyxl import Workbook

    today = today or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    start = _year_start(today)
    days = _weekdays(start, 200)
    people = min(rows, CANDIDATES_MAX)
    files = {
        "candidates": _csv(folder / "candidates.csv", ["Candidate Number", "Surname", "Forenames", "Date of Birth",
                                                        "Year", "Form"],
                           ([n, f"Surname{n}", f"Forename{n}", f"{1 + n % 28:02d}/{1 + n % 9:02d}/2010", 11, f"11{n % 9}"]
                            for n in range(1, people + 1))),
        "timetable": _csv(folder / "timetable.csv", ["Date", "Session", "Board", "Code", "Title", "Duration"],
                          ([days[i % 200].strftime("%d/%m/%Y"), "AM" if i % 2 else "PM", "AQA", f"T{i:06d}",
                            f"Paper {i}", 90] for i in range(rows))),
        "keydates": _csv(folder / "keydates.csv", ["Date", "Title", "Series", "Body", "Category"],
                         ([(start + timedelta(days=i % 365)).strftime("%d/%m/%Y"), f"Deadline {i}", "Summer", "AQA",
                           "Entries"] for i in range(rows))),
        "invigilators": _csv(folder / "invigilators.csv", ["Name", "Email", "Phone", "Roles", "Trained On",
                                                            "DBS Checked On", "Max Per Day", "Max Per Week"],
                             ([f"Invigilator {i}", f"person{i}@school.example", "01234 567890", "Invigilator",
                               start.strftime("%d/%m/%Y"), start.strftime("%d/%m/%Y"), 2, 10] for i in range(rows))),
        "rooms": _csv(folder / "rooms.csv", ["Room", "Capacity", "On-screen", "Separate", "Rows", "Columns"],
                      ([f"Room {i}", 30, "No", "Yes" if i % 10 == 0 else "No", 5, 6] for i in range(rows))),
        "rooms8000": _csv(folder / "rooms8000.csv", ["Room", "Capacity"], ([f"Room {i}", 30] for i in range(ROOMS))),
        # Against the base database (its 9,999 candidates, 1,000 papers and 1,000 invigilators):
        "entries": _csv(folder / "entries.csv", ["Candidate Number", "Code"],
                        ([1 + i // 10, f"C{(i * 7 + i // 10) % 1000:06d}"] for i in range(min(rows, people * 10)))),
        "arrangements": _csv(folder / "arrangements.csv", ["Candidate Number", "Arrangement", "Status", "Approved On",
                                                            "Notes"],
                             ([1 + i // 10, ARRANGEMENT_KINDS[i % 10], "Approved", start.strftime("%d/%m/%Y"),
                               "Assessed in Year 10"] for i in range(min(rows, people * 10)))),
        "availability": _csv(folder / "availability.csv", ["Name", "Date", "Session", "Available"],
                             ([f"Base invigilator {i % 1000}", days[(i // 1000) // 2 % 200].strftime("%d/%m/%Y"),
                               "AM" if (i // 1000) % 2 else "PM", "Yes" if i % 3 else "No"] for i in range(rows))),
    }  # fmt: skip
    # The base database's own lists, imported once before timing.
    files["base-candidates"] = files["candidates"]
    files["base-timetable"] = _csv(folder / "base-timetable.csv", ["Date", "Session", "Board", "Code", "Title",
                                                                    "Duration"],
                                   ([days[i % 200].strftime("%d/%m/%Y"), "AM" if i % 2 else "PM", "OCR", f"C{i:06d}",
                                     f"Base paper {i}", 60] for i in range(1000)))  # fmt: skip
    files["base-invigilators"] = _csv(folder / "base-invigilators.csv", ["Name"],
                                      ([f"Base invigilator {i}"] for i in range(1000)))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(["ID", "Task", "Phase", "Owner", "Start", "Due", "Status", "Done on", "Rule", "Flag", "Notes"])
    for i in range(rows):
        due = start + timedelta(days=30 + i % 330)
        sheet.append([None, f"Task {i}: check the entries", PHASES[i % 6], "Exams officer", due - timedelta(days=14),
                      due, "Not started", None, "Same calendar date", None, "Ring the board if unsure" if i % 3 == 0 else None])
    files["plan"] = folder / "plan.xlsx"
    workbook.save(files["plan"])
    return files


# What each timed import reads, and which database it starts from.
KINDS: dict[str, tuple[str, str]] = {  # row name -> (import kind, file key); the database: base or empty
    "candidates": ("candidates", "candidates"), "timetable": ("timetable", "timetable"),
    "entries": ("entries", "entries"), "arrangements": ("arrangements", "arrangements"),
    "keydates": ("keydates", "keydates"), "plan": ("plan", "plan"), "invigilators": ("invigilators", "invigilators"),
    "availability": ("availability", "availability"), "rooms": ("rooms", "rooms"), "rooms8000": ("rooms", "rooms8000"),
}  # fmt: skip
ON_BASE = frozenset({"entries", "arrangements", "availability"})


def _eoffice(env: dict[str, str], *args: object, check: bool = True, timeout: float | None = None) -> float:
    """Seconds for one ``eoffice`` command in a fresh process; a failure stops the bench."""
    command = [sys.executable, "-m", "eoffice", *map(str, args)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout or _state.get("timeout", TIMEOUT))
    seconds = time.perf_counter() - start
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: exit code {done.returncode}\n{done.stderr[-2000:]}")
    return seconds


def prepare(workdir: Path, env: dict[str, str], rows: int = ROWS) -> dict[str, Any]:
    """The files, an empty database and a base database (candidates, papers, invigilators)."""
    if "files" in _state:
        return _state
    folder = workdir / "imports"
    files = make_files(folder, rows)
    empty, base = folder / "empty.sqlite3", folder / "base.sqlite3"
    _eoffice(env, "init", "--db", empty, "--centre-name", "Bench School", "--centre-number", "12345")
    shutil.copyfile(empty, base)
    for kind in ("candidates", "timetable", "invigilators"):
        _eoffice(env, "import", kind, files[f"base-{kind}"], "--db", base, timeout=1800)
    _state.update(files=files, empty=empty, base=base, folder=folder, env=env, runs=0)
    return _state


def run_import(workdir: Path, env: dict[str, str], name: str) -> float:
    """One timed ``eoffice import`` of ``name``'s file into a fresh copy of its database."""
    state = prepare(workdir, env)
    kind, key = KINDS[name]
    state["runs"] += 1
    target = state["folder"] / f"run-{state['runs']}.sqlite3"
    shutil.copyfile(state["base"] if name in ON_BASE else state["empty"], target)
    try:
        return _eoffice(env, "import", kind, state["files"][key], "--db", target)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


BARE_CSV = "import csv,sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f: print(sum(1 for _ in csv.reader(f)))"
BARE_XLSX = ("import sys\nfrom openpyxl import load_workbook\nwb = load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
             "print(sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)))")


def bare_read(workdir: Path, env: dict[str, str], name: str) -> float:
    """A fresh ``python -c`` that reads the same file and counts its rows, nothing more."""
    state = prepare(workdir, env)
    path = state["files"][KINDS[name][1]]
    code = BARE_XLSX if path.suffix == ".xlsx" else BARE_CSV
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True, capture_output=True, timeout=TIMEOUT)
    return time.perf_counter() - start


def _pair(name: str) -> tuple[Any, Any]:
    def baseline(ctx: Any) -> float:
        return bare_read(ctx.workdir, ctx.env, name)

    def subject(ctx: Any) -> float:
        return run_import(ctx.workdir, ctx.env, name)

    return baseline, subject


ROW_NAMES: dict[str, str] = {
    "candidates": "import candidates, 9,999 rows (csv)", "timetable": "import timetable, 100,000 rows (csv)",
    "entries": "import entries, 99,990 rows (csv)", "arrangements": "import arrangements, 99,990 rows (csv)",
    "keydates": "import keydates, 100,000 rows (csv)", "plan": "import plan, 100,000 rows (xlsx)",
    "invigilators": "import invigilators, 100,000 rows (csv)", "availability": "import availability, 100,000 rows (csv)",
    "rooms": "import rooms, 100,000 rows (csv)", "rooms8000": "import rooms, 8,000 rows (csv)",
}  # fmt: skip
PAIRS: dict[str, tuple[Any, Any]] = {name: _pair(name) for name in KINDS}


def main(argv: list[str]) -> int:
    """``import_rows.py FOLDER [ROWS]``: make the files and the two databases, then time each kind once."""
    folder = Path(argv[0]) if argv else Path("/tmp/eoffice-imports")
    rows = int(argv[1]) if len(argv) > 1 else ROWS
    env = dict(os.environ, EOFFICE_HOME=str(folder / "home"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1] / "src"),
                                                      env.get("PYTHONPATH")]))
    _state["timeout"] = float(os.environ.get("IMPORT_TIMEOUT", TIMEOUT))
    start = time.perf_counter()
    prepare(folder, env, rows)
    print(f"files and databases made in {time.perf_counter() - start:.1f} s under {folder / 'imports'}", flush=True)
    only = argv[2:] or list(KINDS)
    for name in only:
        try:
            seconds = run_import(folder, env, name)
            print(f"{name}: {seconds:.1f} s (bare read {bare_read(folder, env, name):.2f} s)", flush=True)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            print(f"{name}: failed: {str(error)[:300]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
