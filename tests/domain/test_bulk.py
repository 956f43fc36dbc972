"""``bulk`` pauses the cyclic garbage collector for a big computation and always restores it."""

from __future__ import annotations

import gc

import pytest

from eoffice.domain.bulk import bulk


@bulk
def _inside() -> bool:
    return gc.isenabled()


@bulk
def _nested() -> tuple[bool, bool]:
    return _inside(), gc.isenabled()


@bulk
def _fails() -> None:
    raise ValueError("boom")


def test_the_collector_is_paused_inside_and_back_after() -> None:
    assert gc.isenabled()
    assert _inside() is False
    assert _nested() == (False, False)  # the inner call leaves it paused for the outer one
    assert gc.isenabled()


def test_it_comes_back_after_an_error() -> None:
    with pytest.raises(ValueError, match="boom"):
        _fails()
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        assert _inside() is False
        assert not gc.isenabled()
    finally:
        gc.enable()
