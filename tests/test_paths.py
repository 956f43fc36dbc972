"""Where eoffice keeps its files."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from eoffice import paths


def test_eoffice_home_moves_everything(eoffice_home: Path) -> None:
    assert paths.data_dir() == eoffice_home
    assert paths.default_database() == eoffice_home / "eoffice.sqlite3"
    assert paths.logs_dir() == eoffice_home / "logs"
    assert paths.backups_dir(Path("/anywhere/centre.sqlite3")).parent == eoffice_home / "backups"


def test_without_eoffice_home_the_platform_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv("EOFFICE_HOME")
    assert paths.data_dir() == user_data_path("eoffice", appauthor=False)
    monkeypatch.setenv("EOFFICE_HOME", "")  # empty means not set
    assert paths.data_dir() == user_data_path("eoffice", appauthor=False)


def test_backups_of_two_databases_with_one_name_are_kept_apart(tmp_path: Path) -> None:
    first = paths.backups_dir(tmp_path / "a" / "centre.sqlite3")
    second = paths.backups_dir(tmp_path / "b" / "centre.sqlite3")
    assert first != second
    assert first.name.startswith("centre-") and second.name.startswith("centre-")
    assert len(first.name) == len("centre-") + 8


def test_backups_folder_is_stable_for_one_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    absolute = paths.backups_dir(tmp_path / "centre.sqlite3")
    monkeypatch.chdir(tmp_path)
    assert paths.backups_dir(Path("centre.sqlite3")) == absolute  # relative or absolute: same folder


def test_resources_live_beside_src_in_a_checkout() -> None:
    assert paths.resources_dir() == Path(paths.__file__).resolve().parents[2] / "resources"
    assert paths.resource("icons", "app.png") == paths.resources_dir() / "icons" / "app.png"


def test_resources_live_inside_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


def test_an_ordinary_install_finds_resources_under_its_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pip puts the wheel's data files in <prefix>/share/eoffice/resources, not beside the code."""
    site_packages = tmp_path / "lib" / "site-packages" / "eoffice"
    site_packages.mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(site_packages / "paths.py"))
    installed = tmp_path / "prefix" / "share" / "eoffice" / "resources"
    installed.mkdir(parents=True)
    monkeypatch.setattr(paths, "installed_prefixes", lambda: [tmp_path / "elsewhere", tmp_path / "prefix"])
    assert paths.resources_dir() == installed


def test_the_wheel_carries_every_resource_file() -> None:
    """pyproject's data-files patterns must cover resources/ (the icon maker script excepted)."""
    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {p for patterns in config["tool"]["setuptools"]["data-files"].values()
               for pattern in patterns for p in root.glob(pattern)}  # fmt: skip
    needed = {p for p in (root / "resources").rglob("*") if p.is_file() and p.suffix != ".py"}
    assert needed and needed <= shipped


def test_file_dialogs_start_in_documents_or_else_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "Documents"))
    assert paths.documents_dir() == Path.home()  # no Documents folder (a fresh profile, a server)
    (tmp_path / "Documents").mkdir()
    assert paths.documents_dir() == tmp_path / "Documents"
