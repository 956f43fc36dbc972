"""An area's public face, loaded the first time it is used.

Each area package (``plan``, ``keydates``, ``access`` ...) names its public face in
``face.py``; its ``__init__`` hands attribute lookups to ``lazy_face``, and shows the face
to type checkers as a star import. Why: importing any one module of an area runs the
package's ``__init__`` first, and a face that imported every module of its area at once
brought in SQLAlchemy with it. The window's first tab reads through a handful of modules
that need no SQLAlchemy (``eoffice.db.plain``), and must be able to import just those
(issue 17: SQLAlchemy's import alone is longer than the start-up's whole budget).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable


def lazy_face(package: str) -> Callable[[str], object]:
    """The package's module ``__getattr__``: the first name asked for that the package does not
    have yet loads ``face``; the name is then kept on the package, so each is looked up once.
    A submodule's name imports that module alone: ``from eoffice.domain.plan import task_reads``
    asks the package for the name before it imports the module."""

    def attribute(name: str) -> object:
        if name.startswith("__") and name != "__all__":  # copy, pickle and the import system probe for dunders
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        if importlib.util.find_spec(f"{package}.{name}") is not None:
            return importlib.import_module(f"{package}.{name}")
        face = importlib.import_module(f"{package}.face")
        found = vars(sys.modules[package])
        if name in found:  # a submodule the face imported: the import put it on the package
            return found[name]
        value = getattr(face, name)  # an unknown name: AttributeError, as for any module
        found[name] = value
        return value

    return attribute
