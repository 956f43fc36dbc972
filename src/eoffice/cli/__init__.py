"""The command line (``eoffice`` and ``python -m eoffice``): ``main`` runs it, ``build_parser``
describes it. One module per area; ``common`` holds what they share."""

from eoffice.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
