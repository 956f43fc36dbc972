"""The cost of a password guess (issue 14): scrypt N=2^17, r=8, p=1 in production (OWASP's minimum),
and an old N=2^14 hash re-hashed at the next sign-in. The suite runs at a lower cost through one
switch, ``passwords.COST_N`` (set in tests/conftest.py); these tests turn it back up."""

from __future__ import annotations

import pytest

from eoffice.db.models import Person, SigningKey
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import hash_password, keys_of, passwords
from tests.conftest import TEST_COST_N
from tests.domain.standards_helpers import MANAGER_PASSWORD, NOW, make_staff


def test_the_production_cost_is_owasps_minimum_and_only_the_tests_lower_it() -> None:
    assert passwords.PRODUCTION_COST_N == 2**17
    assert (passwords.COST_R, passwords.COST_P) == (8, 1)
    assert passwords.COST_N == TEST_COST_N < passwords.PRODUCTION_COST_N  # the documented switch, set by conftest
    assert passwords.scrypt_memory(2**17, 8) > 128 * 2**17 * 8  # room for it: hashlib's default maxmem is 32 MiB


def test_an_old_2_14_hash_is_rehashed_at_the_next_sign_in(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fault trial measured about 48 ms a guess at N=2^14; a sign-in moves the hash to 2^17."""
    with db.session() as session:
        staff = make_staff(session)
        person = session.get(Person, staff.manager)
        assert person is not None and person.password_salt is not None
        salt = person.password_salt
        person.password_hash, _ = hash_password(MANAGER_PASSWORD, bytes.fromhex(salt), n=2**14)
    monkeypatch.setattr(passwords, "COST_N", passwords.PRODUCTION_COST_N)
    try:
        with db.session() as session:
            passwords.sign_in(session, staff.manager, MANAGER_PASSWORD, now=NOW)
        with db.session() as session:
            person = session.get(Person, staff.manager)
            assert person is not None and person.password_hash is not None
            assert person.password_hash.startswith("scrypt$131072$8$1$") and person.password_salt == salt
            assert not passwords.needs_rehash(person.password_hash)
            # the signing key, sealed at the tests' cost, is sealed again at today's
            [key] = keys_of(session, staff.manager)
            sealed = session.get(SigningKey, key.id)
            assert sealed is not None and sealed.private_key is not None
            assert sealed.private_key.split("$")[1] == str(2**17)
            assert passwords.verify(session, staff.manager, MANAGER_PASSWORD, now=NOW).id == staff.manager
    finally:
        audit.set_actor(None)


def test_a_new_hash_is_made_at_todays_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "COST_N", 2**12)
    stored, _salt = hash_password("correct horse battery")
    assert stored.startswith("scrypt$4096$8$1$")
    with passwords.cost_lowered_to(2**8):
        assert hash_password("x" * 8)[0].startswith("scrypt$256$")
    assert passwords.COST_N == 2**12


def test_a_stored_hash_asking_for_absurd_work_is_refused_not_computed() -> None:
    with pytest.raises(ValueError):
        hash_password("whatever", n=2**24)
