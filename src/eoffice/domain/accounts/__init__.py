"""The people the exams office works with and the passwords of those who sign in.

Owns: people by role (exams officer, assistant, line manager, ...), who may do what
(``NotAllowed``), passwords hashed with scrypt and slowed after repeated failures,
signing in and locking, resetting a forgotten password without anyone else choosing
the new one, the one-time setup code a signer's first password needs, and each
signer's signing key (an Ed25519 key pair whose private half only their password
opens). Signing the Standards uses these keys but belongs to the Standards
(``standards.signing``), so this area depends on no other.

Modules: ``people``, ``passwords``, ``password_reset``, ``signing_keys``; ``account_reads``
(the sign-in list, in plain SQL for the first paint) and ``public_keys`` (a key's
fingerprint and a signature's check, no database).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Modules others may import by path: they load no storage layer, for the first paint (``eoffice.db.plain``).
PLAIN_MODULES = ("account_reads", "public_keys")

if TYPE_CHECKING:
    from eoffice.domain.accounts.face import *  # noqa: F403
else:
    from eoffice.domain.lazy_face import lazy_face

    __getattr__ = lazy_face(__name__)
