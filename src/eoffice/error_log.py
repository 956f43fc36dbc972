"""The log of unexpected errors: a traceback for whoever fixes the bug, nothing personal.

A person sees one line naming this log; the log holds where the program was (each frame's
file, line, function and source line) and the kinds of the exceptions, but never their
messages or local values: a message may quote a cell of an import (a candidate's access
arrangement) or SQL parameters, and IT collects logs. The log rotates at
``MAX_BYTES`` with ``KEEP`` old copies, so it never fills a disk.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path

from eoffice import __version__, clock, paths

LOG_NAME = "eoffice.log"
MAX_BYTES = 512 * 1024
KEEP = 4
_logger = logging.getLogger("eoffice.unexpected")


def log_file() -> Path:
    return paths.logs_dir() / LOG_NAME


def scrubbed_traceback(error: BaseException) -> str:
    """The traceback with every exception message left out (types and frames only)."""
    lines: list[str] = []
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    for depth, exc in enumerate(reversed(chain)):
        if depth:
            lines.append("which led to:")
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged: it may hold personal data)")
    return "\n".join(lines)


def write(error: BaseException, *, where: str) -> Path | None:
    """Append ``error`` to the log; the log's path, or None if it cannot be written."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    try:
        handler.setFormatter(logging.Formatter("%(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
        _logger.error(
            "%s eoffice %s, Python %s on %s, %s\n%s\n",
            clock.now().isoformat(timespec="seconds"), __version__, platform.python_version(), sys.platform, where,
            scrubbed_traceback(error),
        )
    finally:
        _logger.removeHandler(handler)
        handler.close()
    return path
