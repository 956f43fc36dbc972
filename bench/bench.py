"""eoffice against a bare PySide6 baseline, as ratios measured in the same run.

    make bench                                   # QT_QPA_PLATFORM=offscreen, 7 runs
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench.py --runs 11

Each row times a baseline and the subject, alternating run by run so both share the
machine's noise, and compares the medians. Add a row by writing two callables that
take the Context and return seconds for one run, then appending a Row to ROWS.

Exit status: 0 whether rows pass or fail (the table says which); 1 if a run crashes.
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import access_rows  # noqa: E402  (beside this file)
import examday_rows  # noqa: E402  (beside this file)
import export_rows  # noqa: E402  (beside this file)
import import_rows  # noqa: E402  (beside this file)
import plan_rows  # noqa: E402  (beside this file)
import roster_rows  # noqa: E402  (beside this file)
import tab_rows  # noqa: E402  (beside this file)
import tab_rows_plan_access  # noqa: E402  (beside this file)

DEFAULT_TABS = 5
TIMEOUT = 60.0  # seconds one child may take before it counts as a crash


class RunFailed(Exception):
    """A measured child crashed, hung, or never said it was shown."""


@dataclass
class Context:
    """What every measurement needs; built once per bench run."""

    workdir: Path
    env: dict[str, str]
    database: Path
    timeout: float = TIMEOUT
    tabs: int = DEFAULT_TABS
    notes: list[str] = field(default_factory=list)
    marks: dict[str, dict[str, float]] = field(default_factory=dict)  # label -> mark -> seconds
    lines: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> mark -> the line printed


Measure = Callable[[Context], float]


@dataclass(frozen=True)
class Row:
    name: str
    baseline: Measure
    subject: Measure
    target: float | None  # the row passes when subject / baseline < target (None: figures only)
    limit_ms: float | None = None  # and, when set, when the subject takes less than this
    unit: str = "ms"  # "MB": the measures return megabytes, and limit_ms is a limit in MB

    def shown(self, value: float) -> str:
        return f"{value:.0f} MB" if self.unit == "MB" else f"{value * 1000:.0f} ms"

    def under_limit(self, value: float) -> bool:
        return self.limit_ms is None or (value if self.unit == "MB" else value * 1000) < self.limit_ms


# --- children ------------------------------------------------------------------------


def time_until_shown(ctx: Context, args: list[str], env: dict[str, str], label: str) -> tuple[float, str]:
    """Seconds from just before Popen until the child prints a line starting `shown`.

    Returns the time and that line. The child must then exit 0 on its own.
    """
    with tempfile.TemporaryFile(mode="w+", dir=ctx.workdir) as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=stderr, env=env, cwd=ctx.workdir, text=True, bufsize=1
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        elapsed, shown = None, ""
        marks: dict[str, float] = {}
        texts: dict[str, str] = {}
        deadline = start + ctx.timeout
        try:
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise RunFailed(f"{label}: not shown within {ctx.timeout:.0f} s")
                try:
                    line = lines.get(timeout=remaining)
                except queue.Empty:
                    continue
                if line is None:
                    break
                word = line.split(maxsplit=1)[0] if line.strip() else ""
                marks.setdefault(word, time.perf_counter() - start)
                texts.setdefault(word, line.strip())
                if line.startswith("shown"):
                    elapsed = marks["shown"]
                    shown = line.strip()
            code = child.wait(timeout=max(1.0, deadline - time.perf_counter()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise RunFailed(f"{label}: shown, but still running after {ctx.timeout:.0f} s") from None
        except RunFailed:
            child.kill()
            child.wait()
            raise
        if elapsed is None or code != 0:
            stderr.seek(0)
            tail = stderr.read()[-3000:].strip()
            why = f"exit code {code}" if code != 0 else "exited without printing `shown`"
            raise RunFailed(f"{label}: {why}\n  command: {' '.join(args)}\n{_indent(tail)}")
        ctx.marks[label] = marks
        ctx.lines[label] = texts
        return elapsed, shown


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines()) or "    (no stderr)"


BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

app = QApplication(sys.argv)
window = QMainWindow()
tabs = QTabWidget()
for n in range({tabs}):
    tabs.addTab(QWidget(), f"Tab {{n + 1}}")
window.setCentralWidget(tabs)
window.resize(1200, 800)
window.show()
app.processEvents()


def shown():
    import resource

    print("shown peak_rss_kb=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()


QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def bare_window(ctx: Context) -> float:
    code = BARE_WINDOW.format(tabs=ctx.tabs)
    seconds, _ = time_until_shown(ctx, [sys.executable, "-c", code], ctx.env, "bare PySide6 window")
    return seconds


def eoffice_run(ctx: Context) -> tuple[float, str]:
    env = dict(ctx.env, EOFFICE_EXIT_AFTER_SHOWN="1")
    args = [sys.executable, "-m", "eoffice", "--db", str(ctx.database)]
    return time_until_shown(ctx, args, env, "eoffice window")


def eoffice_window(ctx: Context) -> float:
    return eoffice_run(ctx)[0]


def eoffice_ready(ctx: Context) -> float:
    """Until the database is open and the last-used tab is filled with its data."""
    eoffice_run(ctx)
    ready = ctx.marks["eoffice window"].get("ready")
    if ready is None:
        raise RunFailed("eoffice window: never printed `ready`")
    return ready


def _peak_mb(line: str) -> float:
    for word in line.split():
        if word.startswith("peak_rss_kb="):
            return int(word.removeprefix("peak_rss_kb=")) / 1024
    raise RunFailed(f"no peak_rss_kb= in {line!r}")


def bare_window_memory(ctx: Context) -> float:
    """The bare window's peak resident memory in MB: what Python, Qt and one window cost."""
    code = BARE_WINDOW.format(tabs=ctx.tabs)
    return _peak_mb(time_until_shown(ctx, [sys.executable, "-c", code], ctx.env, "bare PySide6 window")[1])


SCALE10_WINDOW = "window-scale10.sqlite3"


def eoffice_every_tab_memory(ctx: Context) -> float:
    """eoffice's peak resident memory in MB after showing every tab and page at ``--scale 10``.

    The database is a demo made once by ``eoffice demo --scale 10`` in its own file (the
    in-process rows hold theirs open for writing, which would open this one read-only)."""
    database = ctx.workdir / SCALE10_WINDOW
    if not database.exists():
        made = subprocess.run([sys.executable, "-m", "eoffice", "demo", "--scale", "10", "--db", str(database)],
                              env=ctx.env, cwd=ctx.workdir, capture_output=True, text=True, timeout=300)
        if made.returncode != 0:
            raise RunFailed(f"creating the scale-10 demo: exit code {made.returncode}\n{_indent(made.stderr[-3000:])}")
    env = dict(ctx.env, EOFFICE_EXIT_AFTER_SHOWN="1", EOFFICE_VISIT_EVERY_TAB="1")
    args = [sys.executable, "-m", "eoffice", "--db", str(database)]
    ctx.timeout, timeout = max(ctx.timeout, 120.0), ctx.timeout
    try:
        time_until_shown(ctx, args, env, "eoffice every tab")
    finally:
        ctx.timeout = timeout
    return _peak_mb(ctx.lines["eoffice every tab"].get("visited", ""))


def parse_tabs(shown: str) -> int | None:
    for word in shown.split():
        if word.startswith("tabs="):
            try:
                return int(word.removeprefix("tabs="))
            except ValueError:
                return None
    return None


# --- the rows --------------------------------------------------------------------------

ROWS: list[Row] = [
    Row("startup to shown window", bare_window, eoffice_window, 1.3),
    Row("startup to first tab with data", bare_window, eoffice_ready, 3.0),
    Row("peak memory, every tab and page visited, scale 10", bare_window_memory, eoffice_every_tab_memory, None, 250,
        unit="MB"),
    Row("plan tab open, 500 of 5,000 tasks", plan_rows.bare_table_open, plan_rows.plan_tab_open, None, 100),
    Row("plan filter typed, 500 tasks", plan_rows.bare_filter, plan_rows.plan_filter, None, 100),
    Row("plan xlsx export, 500 tasks", plan_rows.bare_openpyxl, plan_rows.plan_xlsx, 1.2),
    # Roster solve vs the solver's quick greedy roster; whether it is proven optimal, and the places short with
    # their proven bound, are printed as a note.
    Row("roster solve, demo summer, scale 1 (proof: note)", roster_rows.quick_demo_1, roster_rows.solve_demo_1, None,
        roster_rows.LIMIT_MS),
    Row("roster solve, demo summer, scale 3 (proven optimal: note)", roster_rows.quick_demo_3, roster_rows.solve_demo_3,
        None, roster_rows.SCALE3_LIMIT_MS),
    Row("roster solve, demo summer, scale 10 (fewest short proven: note)", roster_rows.quick_demo_10,
        roster_rows.solve_demo_10, None, roster_rows.SCALE10_LIMIT_MS),
    Row("roster solve, 60 sessions, 45 invigilators (proof: note)", roster_rows.quick_synthetic,
        roster_rows.solve_synthetic, None, roster_rows.LIMIT_MS),
]
ROWS.extend([  # Access arrangements at --scale 10 (about 2,000 candidates, 20,000 entries)
    Row("access tab open, scale 10", access_rows.bare_table_open, access_rows.access_tab_open, None,
        access_rows.OPEN_MS),
    Row("access register filter typed, scale 10", access_rows.bare_filter, access_rows.access_filter, None,
        access_rows.FILTER_MS),
    Row("access candidates filter typed, scale 10", access_rows.bare_candidate_filter,
        access_rows.access_candidate_filter, None, access_rows.FILTER_MS),
    Row("access exam day, busiest session, scale 10", access_rows.bare_exam_day, access_rows.access_exam_day, None,
        access_rows.EXAM_DAY_MS),
])
ROWS.extend([  # Exam day (issue 12): the summer seated in rooms and desks; the busiest plans printed
    Row("exam day: summer seated, scale 3", examday_rows.bare_summer_3, examday_rows.seat_summer_3, None,
        examday_rows.SEAT_MS),
    Row("exam day: summer seated, scale 10", examday_rows.bare_summer_10, examday_rows.seat_summer_10, None,
        examday_rows.SEAT_MS),
    Row("exam day: seating plans PDF, busiest session, scale 3", examday_rows.bare_plan_pdf,
        examday_rows.seating_plan_pdf, None),
])
ROWS.extend([  # Imports (issue 14): each kind's file of 100,000 rows through `eoffice import`, vs a bare read
    Row(import_rows.ROW_NAMES[name], *import_rows.PAIRS[name], None, import_rows.LIMIT_MS) for name in import_rows.KINDS
])

ROWS.extend(tab_rows.rows(Row))  # Overview, key dates, invigilators and Standards at scale 10 (issue 17)

ROWS.extend(tab_rows_plan_access.rows(Row))  # Plan and access tabs at scale 10 (issue 17)

ROWS.extend([  # Exports (issue 17): each Excel export vs a bare openpyxl write of its cells; each PDF timed
    Row(name, baseline, subject, target) for name, baseline, subject, target in export_rows.ROWS
])  # Exports (issue 17)


# --- running -----------------------------------------------------------------------------


def setup(workdir: Path, timeout: float) -> Context:
    env = dict(os.environ)
    env["EOFFICE_HOME"] = str(workdir / "home")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("EOFFICE_EXIT_AFTER_SHOWN", None)
    database = workdir / "bench.sqlite3"
    # Time the app as installed (a wheel or the bundle ships .pyc): where PYTHONDONTWRITEBYTECODE
    # is set, each child would otherwise compile every eoffice module again on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    ctx = Context(workdir=workdir, env=env, database=database, timeout=timeout)

    made = subprocess.run(
        [sys.executable, "-m", "eoffice", "demo", "--db", str(database)],
        env=env, cwd=workdir, capture_output=True, text=True, timeout=timeout,
    )
    if made.returncode != 0:
        raise RunFailed(f"creating the demo database: exit code {made.returncode}\n{_indent(made.stderr[-3000:])}")

    # Warm-up (disk caches, .pyc files); it also tells us how many tabs to mirror.
    _, shown = eoffice_run(ctx)
    tabs = parse_tabs(shown)
    if tabs is None:
        ctx.notes.append(f"eoffice printed {shown!r} with no tabs=N; the baseline assumes {DEFAULT_TABS} tabs")
    else:
        ctx.tabs = tabs
    bare_window(ctx)
    return ctx


@dataclass
class Result:
    row: Row
    baseline: float
    subject: float

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.row.target is None and self.row.limit_ms is None:
            return None
        ratio_ok = self.row.target is None or self.ratio < self.row.target
        return ratio_ok and self.row.under_limit(self.subject)


def measure(row: Row, ctx: Context, runs: int) -> Result:
    baseline, subject = [], []
    for _ in range(runs):  # alternate so both sides see the same noise
        baseline.append(row.baseline(ctx))
        subject.append(row.subject(ctx))
    return Result(row, statistics.median(baseline), statistics.median(subject))


def table(results: list[Result]) -> str:
    header = ("row", "baseline", "eoffice", "ratio", "target", "result")
    body = [
        (
            r.row.name,
            r.row.shown(r.baseline),
            r.row.shown(r.subject),
            f"{r.ratio:.2f}",
            " and ".join(
                part
                for part in (
                    f"< {r.row.target:.1f}" if r.row.target is not None else "",
                    f"< {r.row.limit_ms:.0f} {r.row.unit}" if r.row.limit_ms is not None else "",
                )
                if part
            )
            or "-",
            {True: "PASS", False: "FAIL", None: "info"}[r.passed],
        )
        for r in results
    ]
    widths = [max(len(cells[i]) for cells in [header, *body]) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip() for cells in [header, *body]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, metavar="N", help="timed runs per side (default 7)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, metavar="S", help="seconds before a child counts as hung")
    parser.add_argument("--only", metavar="TEXT", help="only the rows whose name contains TEXT (e.g. \"exam day\")")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    print(f"Python {platform.python_version()} on {platform.platform()}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(unset)')}, median of {args.runs} runs")
    with tempfile.TemporaryDirectory(prefix="eoffice-bench-") as tmp:
        os.environ["EOFFICE_HOME"] = str(Path(tmp) / "home")  # in-process rows too
        try:
            ctx = setup(Path(tmp), args.timeout)
            print(f"baseline window: {ctx.tabs} empty tab{'s' if ctx.tabs != 1 else ''}, like eoffice's")
            for note in ctx.notes:
                print(f"note: {note}")
            results = []
            for row in ROWS:
                if args.only is None or args.only.casefold() in row.name.casefold():
                    results.append(measure(row, ctx, args.runs))
        except RunFailed as error:
            print(f"\ncrashed: {error}", file=sys.stderr)
            return 1
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
