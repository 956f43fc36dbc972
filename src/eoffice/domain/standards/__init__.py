"""The Exams Officer Professional Standards: one record per officer per academic year.

Owns: Knowledge & Understanding targets, Key Skills, the Values & Attributes statement,
the half-termly meetings with the line manager and what each noted, who may edit what,
the grid of criteria, the certificate rule and the meeting reminder (``progress``), and
signing with one's own password (``signing``): a signature is the signer's own Ed25519
signature, made with the signing key only their password opens, over the SHA-256 of
exactly what was signed, who, their role and when, so a change behind its back shows
and nobody else can give it (``signature_checks``); the person named sees what was
signed in their name at their next sign-in and can dispute it (``disputes``).

Modules: ``records``, ``target_records``, ``meeting_records``, ``progress``, ``rules``
(the vocabulary, no database), ``signing``, ``signature_checks``, ``disputes``, ``demo``; read in plain SQL for the
first paint: ``standards_reads``, ``target_reads``, ``meeting_reads``, ``signature_reads``,
``progress_reads``, with the criteria in ``progress_rules`` (no database).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("progress_reads",)

if TYPE_CHECKING:
    from eoffice.domain.standards.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
