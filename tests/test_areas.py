"""Each area of ``domain/`` is a package whose ``__init__`` is its public face.

Outside an area (the window, the command line, the files, and every other area) code
imports ``eoffice.domain.<area>`` and what its ``__all__`` names, never one of its
modules by path: an area can then move a rule between its own files without touching
anyone else. The one exception is the modules an area's ``PLAIN_MODULES`` names: the
reads the window's first tab makes before SQLAlchemy loads (``eoffice.db.plain``), which
load no storage layer and so may be imported by path (the face loads on first use,
``eoffice.domain.lazy_face``, and brings SQLAlchemy with it). The areas depend on each
other without a cycle, so the order they load in is fixed and none reaches back into one
still loading. Checked from the source with ``ast``, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import eoffice.domain

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eoffice"
DOMAIN = PACKAGE / "domain"
AREAS = sorted(p.name for p in DOMAIN.iterdir() if (p / "__init__.py").is_file())


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def area_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[1] if parts[0] == "domain" and len(parts) > 2 else None


def reached_modules(source: str) -> list[str]:
    """Every ``eoffice.domain`` module an import names, with ``from package import module``
    resolved to the module it loads."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names
                         if (DOMAIN.parent / Path(*f"{node.module}.{alias.name}".split(".")[1:])).with_suffix(".py").is_file())
    return [m for m in found if m.startswith("eoffice.domain.")]


def test_there_are_areas_and_the_checker_sees_a_reach_inside() -> None:
    assert {"plan", "keydates", "access", "roster", "standards", "accounts"} <= set(AREAS)
    source = "from eoffice.domain.access import exam_day\nfrom eoffice.domain.roster.seating import layout\n"
    assert reached_modules(source) == ["eoffice.domain.access", "eoffice.domain.access.exam_day", "eoffice.domain.roster.seating"]


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_an_area_is_reached_only_through_its_face(path: Path) -> None:
    home = area_of(path)
    reaches = []
    for module in reached_modules(path.read_text(encoding="utf-8")):
        parts = module.split(".")
        if len(parts) > 3 and parts[2] in AREAS and parts[2] != home:
            face = importlib.import_module(".".join(parts[:3]))
            if parts[3] not in getattr(face, "__all__", ()) and parts[3] not in plain_modules(parts[2]):
                reaches.append(module)
    assert reaches == [], f"import these through the area's face (eoffice.domain.<area>): {reaches}"


def plain_modules(area: str) -> tuple[str, ...]:
    """The modules of ``area`` that may be imported by path (see the module's notes)."""
    found: tuple[str, ...] = vars(importlib.import_module(f"eoffice.domain.{area}")).get("PLAIN_MODULES", ())
    return found


def test_the_plain_modules_load_no_storage_layer() -> None:
    """Imported together in a fresh interpreter, every area's plain modules leave SQLAlchemy,
    the models and the sessions unloaded: otherwise the first tab waits for them again."""
    names = [f"eoffice.domain.{area}.{module}" for area in AREAS for module in plain_modules(area)]
    assert len(names) >= 5
    code = (f"import sys\nfor name in {names!r}: __import__(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m in "
            "('eoffice.db.models', 'eoffice.db.session')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


@pytest.mark.parametrize("area", AREAS)
def test_a_face_says_what_it_offers_and_shadows_none_of_its_modules(area: str) -> None:
    """``__all__`` lists every public name, and no public name hides a module of the area
    (a function ``rooms`` in front of a module ``rooms`` makes ``import`` return the function)."""
    face = importlib.import_module(f"eoffice.domain.{area}")
    assert face.__doc__ and len(face.__doc__.split()) > 20, "say which rules the area owns"
    assert set(plain_modules(area)) <= {module.name for module in pkgutil.iter_modules(face.__path__)}
    names = set(face.__all__)
    assert all(hasattr(face, name) for name in names)
    for module in pkgutil.iter_modules(face.__path__):
        value = getattr(face, module.name, None)
        assert value is None or isinstance(value, types.ModuleType), f"{area}.{module.name} is not the module"


def area_graph() -> dict[str, set[str]]:
    """area -> the other areas its modules import."""
    graph: dict[str, set[str]] = {area: set() for area in AREAS}
    for path in DOMAIN.rglob("*.py"):
        home = area_of(path)
        if home is None:
            continue
        for module in reached_modules(path.read_text(encoding="utf-8")):
            other = module.split(".")[2]
            if other in AREAS and other != home:
                graph[home].add(other)
    return graph


def test_the_areas_depend_on_each_other_without_a_cycle() -> None:
    graph = area_graph()
    done: set[str] = set()

    def visit(area: str, path: tuple[str, ...]) -> None:
        assert area not in path, f"areas in a cycle: {' -> '.join((*path, area))}"
        if area in done:
            return
        for other in sorted(graph[area]):
            visit(other, (*path, area))
        done.add(area)

    for area in AREAS:
        visit(area, ())


def test_every_domain_module_loads_on_its_own() -> None:
    """Any module imported first, as a script or a test might, loads without a cycle error."""
    for module in pkgutil.walk_packages(eoffice.domain.__path__, "eoffice.domain."):
        importlib.import_module(module.name)
