"""The people the exams office works with and the passwords of those who sign in.

Owns: people by role (exams officer, assistant, line manager, ...), who may do what
(``NotAllowed``), passwords hashed with scrypt and slowed after repeated failures,
signing in and locking, and resetting a forgotten password without anyone else choosing
the new one. Signing the Standards uses these passwords but belongs to the Standards
(``standards.signing``), so this area depends on no other.

Modules: ``people``, ``passwords``, ``password_reset``.
"""

from __future__ import annotations

from eoffice.domain.accounts import password_reset, passwords, people
from eoffice.domain.accounts.password_reset import (
    CODE_ALPHABET,
    IssuedCode,
    may_reset,
    new_code,
    reset_from_command_line,
    reset_password,
    use_code,
)
from eoffice.domain.accounts.passwords import (
    SIGNER_ROLES,
    Account,
    PasswordRefused,
    ResetPending,
    TooManyAttempts,
    WrongPassword,
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

__all__ = [
    "CODE_ALPHABET",
    "ROLES",
    "SIGNER_ROLES",
    "Account",
    "IssuedCode",
    "NotAllowed",
    "PasswordRefused",
    "PersonRecord",
    "ResetPending",
    "TooManyAttempts",
    "WrongPassword",
    "add_person",
    "clean_name",
    "hash_password",
    "keep_refusal",
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
    "set_named_in_role",
    "set_password",
    "use_code",
    "utc_naive",
    "verify",
    "wait_seconds",
]
