"""The people the exams office works with and the passwords of those who sign in.

Owns: people by role (exams officer, assistant, line manager, ...), who may do what
(``NotAllowed``), passwords hashed with scrypt and slowed after repeated failures,
signing in and locking, resetting a forgotten password without anyone else choosing
the new one, the one-time setup code a signer's first password needs, and each
signer's signing key (an Ed25519 key pair whose private half only their password
opens). Signing the Standards uses these keys but belongs to the Standards
(``standards.signing``), so this area depends on no other.

Modules: ``people``, ``passwords``, ``password_reset``, ``signing_keys``.
"""

from __future__ import annotations

from eoffice.domain.accounts import password_reset, passwords, people, signing_keys
from eoffice.domain.accounts.password_reset import (
    CODE_ALPHABET,
    IssuedCode,
    issue_setup_code,
    may_reset,
    new_code,
    reset_from_command_line,
    reset_password,
    set_first_password,
    use_code,
)
from eoffice.domain.accounts.passwords import (
    SIGNER_ROLES,
    Account,
    PasswordRefused,
    ResetPending,
    TooManyAttempts,
    WrongPassword,
    cost_lowered_to,
    hash_password,
    keep_refusal,
    password_matches,
    set_password,
    utc_naive,
    verify,
    wait_seconds,
)
from eoffice.domain.accounts.people import (
    ROLES,
    NotAllowed,
    PersonRecord,
    add_person,
    clean_name,
    named_in_role,
    role_word,
    set_named_in_role,
)
from eoffice.domain.accounts.signing_keys import (
    KeyRecord,
    KeyWillNotOpen,
    UnlockedKey,
    fingerprint,
    keys_by_id,
    keys_of,
    signature_matches,
    unlock,
)

__all__ = [
    "CODE_ALPHABET",
    "ROLES",
    "SIGNER_ROLES",
    "Account",
    "IssuedCode",
    "KeyRecord",
    "KeyWillNotOpen",
    "NotAllowed",
    "PasswordRefused",
    "PersonRecord",
    "ResetPending",
    "TooManyAttempts",
    "UnlockedKey",
    "WrongPassword",
    "add_person",
    "clean_name",
    "cost_lowered_to",
    "fingerprint",
    "hash_password",
    "issue_setup_code",
    "keep_refusal",
    "keys_by_id",
    "keys_of",
    "may_reset",
    "named_in_role",
    "new_code",
    "password_matches",
    "password_reset",
    "passwords",
    "people",
    "reset_from_command_line",
    "reset_password",
    "role_word",
    "set_first_password",
    "set_named_in_role",
    "set_password",
    "signature_matches",
    "signing_keys",
    "unlock",
    "use_code",
    "utc_naive",
    "verify",
    "wait_seconds",
]
