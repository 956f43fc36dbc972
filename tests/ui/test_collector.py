"""The cycle collector is held off while the window starts and back on, with start-up's
objects frozen, once the first tab has painted (``ui.collector``, issue 17): never left off."""

from __future__ import annotations

import gc
import importlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from eoffice.ui import collector
from tests.conftest import child_python

cli_main = importlib.import_module("eoffice.cli.main")  # the package's ``main`` is the function


@pytest.fixture
def collection_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the rest of the suite runs as it was."""
    was_on = gc.isenabled()
    yield
    collector._HELD[0] = False
    gc.unfreeze()
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_hold_then_release_freezes_what_was_made_and_collects_again(collection_restored: None) -> None:
    gc.enable()
    collector.hold()
    assert not gc.isenabled()
    collector.release()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    collector.release()  # a second release (every way out of start-up calls it) changes nothing
    assert gc.isenabled()


def test_a_collector_already_off_is_left_off(collection_restored: None) -> None:
    """Something else paused collection (an import's bulk write): hold and release leave it so."""
    gc.disable()
    collector.hold()
    collector.release()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_the_window_command_holds_collection_until_it_returns_or_fails(
        collection_restored: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from eoffice.ui import app

    gc.enable()
    during: list[bool] = []

    def run(db: Path | None) -> int:
        during.append(gc.isenabled())
        raise RuntimeError("the window failed to start")

    monkeypatch.setattr(app, "run", run)
    with pytest.raises(RuntimeError):
        cli_main._open_window(None)
    assert during == [False] and gc.isenabled()


WATCHED = """
import gc, sys
from eoffice.ui import collector
held, released = collector.hold, collector.release
def hold():
    held(); print("held", gc.isenabled(), flush=True)
def release():
    released(); print("released", gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
collector.hold, collector.release = hold, release
from eoffice.cli.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_window_collects_again_once_its_first_tab_has_painted(tmp_path: Path) -> None:
    env = {**os.environ, "EOFFICE_HOME": str(tmp_path / "home"), "EOFFICE_EXIT_AFTER_SHOWN": "1"}
    result = subprocess.run(child_python("-c", WATCHED, str(tmp_path / "run.sqlite3")), env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = [line.split(" tabs=")[0] for line in result.stdout.split("\n") if line]
    assert lines[:4] == ["held False", "shown", "released True True", "ready"]
