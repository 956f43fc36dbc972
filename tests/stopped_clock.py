"""Run Python in a child process with eoffice's clock stopped at a given moment.

    python tests/stopped_clock.py MOMENT -c CODE [ARGS...]
    python tests/stopped_clock.py MOMENT -m MODULE [ARGS...]

MOMENT is an ISO 8601 time with its offset. Tests start eoffice in another process this way
(through ``child_python`` in ``tests/conftest.py``), so the child agrees with the test about
what "now" is, as a test in this process does. Nothing in eoffice itself reads a moment from
outside: a stopped clock is for tests only.
"""

from __future__ import annotations

import os
import runpy
import sys
from datetime import datetime

from eoffice import clock


def main(argv: list[str]) -> None:
    moment, flag, target, *rest = argv
    clock.freeze(datetime.fromisoformat(moment))
    sys.path[0] = "" if flag == "-c" else os.getcwd()  # as ``python -c`` or ``-m`` would have it, not tests/
    if flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    elif flag == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        raise SystemExit(f"stopped_clock.py: expected -c or -m, not {flag}")


if __name__ == "__main__":
    main(sys.argv[1:])
