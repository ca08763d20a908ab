"""Passkeys (issue 24) against a software authenticator that speaks WebAuthn's own format
(tests/webauthn_soft.py): several per account with names, a login without the password,
and every refusal: another challenge, origin or relying party, an unknown or removed
credential, a replayed assertion or a cloned authenticator's old counter, junk."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from cloudcv.models import LoginEvent, OutboxMail, Passkey
from cloudcv.services.accounts import accounts, passkeys, sessions
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid, NotFound
from tests.factories import PASSWORD, verified_user
from tests.webauthn_soft import SoftPasskey

CLIENT = Client(ip="192.0.2.30", device_id="c" * 32, user_agent="Mozilla/5.0 (X11; Linux)")


def _authenticator() -> SoftPasskey:
    rp_id, origin = passkeys.relying_party()
    return SoftPasskey(origin, rp_id)


def _add(session, user_id: int, name: str = "Telefoon") -> SoftPasskey:
    device = _authenticator()
    ceremony = passkeys.registration(session, user_id=user_id, password=PASSWORD)
    passkeys.register(session, user_id=user_id, challenge=ceremony.challenge,
                      response=device.create(ceremony.options), name=name)
    return device


def _login(session, device: SoftPasskey, **kwargs):
    ceremony = passkeys.authentication()
    return accounts.login_passkey(session, challenge=ceremony.challenge,
                                  response=device.get(ceremony.options, **kwargs), client=CLIENT)


def test_the_relying_party_follows_the_base_url(session):
    assert passkeys.relying_party() == ("localhost", "http://localhost:3000")


def test_register_several_and_log_in_with_each_without_a_password(session):
    user = verified_user(session)
    phone, laptop = _add(session, user.id, "Telefoon"), _add(session, user.id, "Werklaptop")
    names = [p.name for p in passkeys.list_passkeys(session, user_id=user.id)]
    assert sorted(names) == ["Telefoon", "Werklaptop"]
    mails = session.exec(select(OutboxMail).where(OutboxMail.template == "passkey_added")).all()
    assert len(mails) == 2 and "Werklaptop" in mails[-1].body_text
    for device in (phone, laptop, phone):
        result = _login(session, device)
        assert result.user.id == user.id and sessions.exchange(session, ticket=result.ticket)
    assert passkeys.list_passkeys(session, user_id=user.id)[0].last_used is not None
    options = json.loads(passkeys.registration(session, user_id=user.id, password=PASSWORD).options)
    assert len(options["excludeCredentials"]) == 2  # the same authenticator cannot add one twice


def test_adding_a_passkey_takes_the_password(session):
    user = verified_user(session)
    with pytest.raises(Invalid) as wrong:
        passkeys.registration(session, user_id=user.id, password="niet mijn wachtwoord")
    assert wrong.value.key == "error.password_wrong"


@pytest.mark.parametrize("tamper", ["challenge", "origin", "rp_id", "junk", "twice"])
def test_a_registration_for_another_challenge_origin_or_site_is_refused(session, tamper):
    user = verified_user(session)
    device = _authenticator()
    ceremony = passkeys.registration(session, user_id=user.id, password=PASSWORD)
    other = passkeys.registration(session, user_id=user.id, password=PASSWORD)
    response = {
        "challenge": lambda: device.create(other.options),
        "origin": lambda: device.create(ceremony.options, origin="https://cloudcv.example"),
        "rp_id": lambda: device.create(ceremony.options, rp_id="evil.example"),
        "junk": lambda: "{not json",
        "twice": lambda: device.create(ceremony.options),
    }[tamper]()
    if tamper == "twice":
        passkeys.register(session, user_id=user.id, challenge=ceremony.challenge, response=response, name="a")
    with pytest.raises(Invalid) as refused:
        passkeys.register(session, user_id=user.id, challenge=ceremony.challenge, response=response, name="b")
    assert refused.value.key == "error.passkey_failed"
    assert len(session.exec(select(Passkey)).all()) == (1 if tamper == "twice" else 0)


@pytest.mark.parametrize("tamper", ["origin", "rp_id", "old_counter", "other_challenge", "junk", "removed"])
def test_a_login_assertion_that_does_not_fit_is_refused_and_logged(session, tamper):
    user = verified_user(session)
    device = _add(session, user.id)
    _login(session, device)  # counter 1 is now on record
    if tamper == "removed":
        passkey_id = passkeys.list_passkeys(session, user_id=user.id)[0].id
        passkeys.remove(session, user_id=user.id, passkey_id=passkey_id, password=PASSWORD)
    ceremony = passkeys.authentication()
    response = {
        "origin": lambda: device.get(ceremony.options, origin="https://phish.example"),
        "rp_id": lambda: device.get(ceremony.options, rp_id="phish.example"),
        "old_counter": lambda: device.get(ceremony.options, counter_step=-1),  # a clone's counter
        "other_challenge": lambda: device.get(passkeys.authentication().options),
        "junk": lambda: json.dumps({"id": "x", "rawId": "x", "response": {}}),
        "removed": lambda: device.get(ceremony.options),
    }[tamper]()
    with pytest.raises(Invalid) as refused:
        accounts.login_passkey(session, challenge=ceremony.challenge, response=response, client=CLIENT)
    assert refused.value.key == "error.passkey_failed"
    reasons = session.exec(select(LoginEvent.reason).order_by(LoginEvent.id)).all()
    assert reasons[-1] == "bad_passkey"


def test_an_assertion_works_once(session):
    user = verified_user(session)
    device = _add(session, user.id)
    ceremony = passkeys.authentication()
    response = device.get(ceremony.options)
    assert accounts.login_passkey(session, challenge=ceremony.challenge, response=response, client=CLIENT)
    with pytest.raises(Invalid):  # the same signed answer again: its counter did not move
        accounts.login_passkey(session, challenge=ceremony.challenge, response=response, client=CLIENT)


def test_another_users_passkey_cannot_be_removed(session):
    anna = verified_user(session)
    bob = verified_user(session, email="bob@example.nl", name="Bob")
    _add(session, anna.id)
    annas = passkeys.list_passkeys(session, user_id=anna.id)[0].id
    with pytest.raises(NotFound):
        passkeys.remove(session, user_id=bob.id, passkey_id=annas, password=PASSWORD)
    with pytest.raises(Invalid):
        passkeys.remove(session, user_id=anna.id, passkey_id=annas, password="fout fout fout")
    assert len(passkeys.list_passkeys(session, user_id=anna.id)) == 1
