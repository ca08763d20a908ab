"""Accounts: registration, verification, login, lockout, reset, sessions."""

import pytest
from sqlmodel import func, select

from cloudcv.models import AuthSession, LoginEvent, OutboxMail, User
from cloudcv.services.accounts import accounts, passwords, sessions
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid, Throttled
from tests.factories import PASSWORD, last_link, login, verified_user

CLIENT = Client(ip="192.0.2.10", device_id="d" * 32,
                user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                           "Chrome/140.0.0.0 Safari/537.36", connection="https/websocket")


def count(session, model, *where):
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_register_stores_hash_not_password_and_mails_a_link(session):
    accounts.register(session, name="Anna", email="Anna@Example.nl ", password=PASSWORD)
    user = accounts.by_email(session, "anna@example.nl")
    assert user.email == "anna@example.nl" and user.email_verified_at is None
    assert PASSWORD not in user.password_hash and user.password_hash.startswith("$argon2")
    mail = session.exec(select(OutboxMail)).one()
    assert mail.to_addr == "anna@example.nl" and "/bevestigen?token=" in mail.body_text
    assert PASSWORD not in mail.body_text


@pytest.mark.parametrize("form, key, field", [
    ({"name": "", "email": "a@b.nl", "password": PASSWORD}, "error.required", "name"),
    ({"name": "A", "email": "not-an-email", "password": PASSWORD}, "error.email_invalid", "email"),
    ({"name": "A" * 101, "email": "a@b.nl", "password": PASSWORD}, "error.too_long", "name"),
    ({"name": "A", "email": "a@b.nl", "password": "short"}, "error.password_short", "password"),
    ({"name": "A", "email": "a@b.nl", "password": "iloveyou123"}, "error.password_common", "password"),
    ({"name": "A", "email": "a@b.nl", "password": "1234567890"}, "error.password_common", "password"),
    ({"name": {"$ne": 1}, "email": "a@b.nl", "password": PASSWORD}, "error.invalid_input", "name"),
    ({"name": "A", "email": ["a@b.nl"], "password": PASSWORD}, "error.invalid_input", "email"),
    ({"name": "A\x00B", "email": "a@b.nl", "password": PASSWORD}, "error.bad_characters", "name"),
])
def test_bad_registration_is_refused_and_nothing_is_stored(session, form, key, field):
    with pytest.raises(Invalid) as err:
        accounts.register(session, **form)
    assert (err.value.key, err.value.field) == (key, field)
    session.rollback()
    assert count(session, User) == 0 and count(session, OutboxMail) == 0


def test_registering_an_existing_address_looks_the_same_and_warns_the_owner(session):
    verified_user(session)
    accounts.register(session, name="Mallory", email="anna@example.nl", password="ander wachtwoord 9")
    assert count(session, User) == 1
    assert accounts.by_email(session, "anna@example.nl").name == "Anna de Vries"
    warning = session.exec(select(OutboxMail).order_by(OutboxMail.id.desc())).first()
    assert warning.template == "already_registered"


def test_login_needs_a_verified_address(session):
    accounts.register(session, name="Bob", email="bob@example.nl", password=PASSWORD)
    with pytest.raises(Invalid) as err:
        login(session, email="bob@example.nl", password=PASSWORD, client=CLIENT)
    assert err.value.key == "error.email_unverified"
    assert count(session, AuthSession) == 0


def test_verification_link_works_once(session):
    accounts.register(session, name="Bob", email="bob@example.nl", password=PASSWORD)
    token = last_link(session, "bob@example.nl", "/bevestigen")
    accounts.verify_email(session, token=token)
    with pytest.raises(Invalid, match="error.link_invalid"):
        accounts.verify_email(session, token=token)


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "", lambda t: {"t": t},
                                    lambda t: t + "."])
def test_tampered_verification_link_is_refused(session, mangle):
    accounts.register(session, name="Bob", email="bob@example.nl", password=PASSWORD)
    token = last_link(session, "bob@example.nl", "/bevestigen")
    with pytest.raises(Invalid, match="error.link_invalid"):
        accounts.verify_email(session, token=mangle(token))
    assert accounts.by_email(session, "bob@example.nl").email_verified_at is None


def test_verification_link_expires_after_48_hours(session, frozen_clock):
    accounts.register(session, name="Bob", email="bob@example.nl", password=PASSWORD)
    token = last_link(session, "bob@example.nl", "/bevestigen")
    frozen_clock.advance(hours=48, seconds=1)
    with pytest.raises(Invalid, match="error.link_invalid"):
        accounts.verify_email(session, token=token)


def test_login_starts_a_server_side_session_and_records_the_event(session):
    verified_user(session)
    result = login(session, email="ANNA@example.nl", password=PASSWORD, client=CLIENT)
    row = session.exec(select(AuthSession)).one()
    assert row.token_hash != result.token and len(row.token_hash) == 64  # only the hash is kept
    assert sessions.resolve(session, token=result.token).name == "Anna de Vries"
    event = session.exec(select(LoginEvent)).one()
    assert event.success and event.ip == "192.0.2.10" and event.device_id == "d" * 32
    assert event.os.startswith("Linux") and event.browser.startswith("Chrome")
    assert event.connection == "https/websocket" and event.place == "onbekend"
    assert event.session_public_id == row.public_id


def test_wrong_password_and_unknown_address_get_the_same_answer(session):
    verified_user(session)
    keys = []
    for email in ("anna@example.nl", "nobody@example.nl"):
        with pytest.raises(Invalid) as err:
            login(session, email=email, password="wrong password!", client=CLIENT)
        keys.append((err.value.key, err.value.field))
    assert keys[0] == keys[1] == ("error.login_failed", "password")
    assert count(session, LoginEvent, LoginEvent.success.is_(False)) == 2


def test_repeated_failures_slow_down_then_lock_the_account(session, frozen_clock):
    verified_user(session)
    for _ in range(3):
        with pytest.raises(Invalid):
            login(session, email="anna@example.nl", password="wrong password!", client=CLIENT)
    with pytest.raises(Throttled) as err:  # growing delay: even the right password must wait
        login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    assert err.value.params["seconds"] > 0
    for _ in range(7):
        frozen_clock.advance(seconds=61)
        with pytest.raises(Invalid):
            login(session, email="anna@example.nl", password="wrong password!", client=CLIENT)
    frozen_clock.advance(minutes=5)
    with pytest.raises(Throttled):  # locked: 10 failures within 15 minutes
        login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    frozen_clock.advance(minutes=11)
    assert login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token


def test_lockout_looks_the_same_for_addresses_without_an_account(session):
    for _ in range(3):
        with pytest.raises(Invalid):
            login(session, email="ghost@example.nl", password="wrong password!", client=CLIENT)
    with pytest.raises(Throttled):
        login(session, email="ghost@example.nl", password="wrong password!", client=CLIENT)


def test_one_ip_hammering_many_addresses_is_throttled(session):
    for i in range(20):
        with pytest.raises(Invalid):
            login(session, email=f"user{i}@example.nl", password="wrong password!",
                           client=CLIENT)
    with pytest.raises(Throttled):
        login(session, email="new@example.nl", password="wrong password!", client=CLIENT)


def test_password_reset_works_once_and_ends_every_session(session):
    verified_user(session)
    s1 = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    accounts.request_password_reset(session, email="anna@example.nl")
    token = last_link(session, "anna@example.nl", "/wachtwoord-herstellen")
    accounts.reset_password(session, token=token, password="een heel nieuw wachtwoord")
    assert sessions.resolve(session, token=s1.token) is None
    with pytest.raises(Invalid, match="error.link_invalid"):
        accounts.reset_password(session, token=token, password="nog een ander wachtwoord")
    with pytest.raises(Invalid):
        login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    assert login(session, email="anna@example.nl", password="een heel nieuw wachtwoord",
                          client=CLIENT).token


def test_reset_with_a_weak_password_keeps_the_link_usable(session):
    verified_user(session)
    accounts.request_password_reset(session, email="anna@example.nl")
    token = last_link(session, "anna@example.nl", "/wachtwoord-herstellen")
    with pytest.raises(Invalid, match="error.password_common"):
        accounts.reset_password(session, token=token, password="password123")
    session.rollback()
    accounts.reset_password(session, token=token, password="een heel nieuw wachtwoord")


def test_reset_link_expires_after_an_hour(session, frozen_clock):
    verified_user(session)
    accounts.request_password_reset(session, email="anna@example.nl")
    token = last_link(session, "anna@example.nl", "/wachtwoord-herstellen")
    frozen_clock.advance(hours=1, seconds=1)
    with pytest.raises(Invalid, match="error.link_invalid"):
        accounts.reset_password(session, token=token, password="een heel nieuw wachtwoord")


def test_nobody_can_flood_an_inbox_with_reset_mails(session, frozen_clock):
    verified_user(session)

    def resets() -> int:
        return session.exec(select(func.count()).select_from(OutboxMail).where(
            OutboxMail.to_addr == "anna@example.nl", OutboxMail.template == "reset")).one()

    for _ in range(5):  # the same silent answer every time
        assert accounts.request_password_reset(session, email="anna@example.nl") is None
    assert resets() == 3
    last = last_link(session, "anna@example.nl", "/wachtwoord-herstellen")
    accounts.reset_password(session, token=last, password="een heel nieuw wachtwoord")
    frozen_clock.advance(minutes=61)
    accounts.request_password_reset(session, email="anna@example.nl")
    assert resets() == 4


def test_reset_request_for_unknown_address_sends_nothing(session):
    accounts.request_password_reset(session, email="nobody@example.nl")
    assert count(session, OutboxMail) == 0


def test_sessions_expire_when_idle_and_after_the_absolute_limit(session, frozen_clock):
    verified_user(session)
    token = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token
    frozen_clock.advance(days=6)
    assert sessions.resolve(session, token=token) is not None  # activity resets the idle clock
    frozen_clock.advance(days=6)
    assert sessions.resolve(session, token=token) is not None
    frozen_clock.advance(days=7, seconds=1)
    assert sessions.resolve(session, token=token) is None
    token = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token
    for _ in range(5):
        frozen_clock.advance(days=6)
        sessions.resolve(session, token=token)
    assert sessions.resolve(session, token=token) is None  # 30 days absolute


def test_log_out_everywhere_ends_all_sessions_of_that_user_only(session):
    verified_user(session)
    verified_user(session, email="bob@example.nl", name="Bob")
    a1 = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token
    a2 = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token
    b1 = login(session, email="bob@example.nl", password=PASSWORD, client=CLIENT).token
    user = accounts.by_email(session, "anna@example.nl")
    assert sessions.end_all(session, user_id=user.id) == 2
    assert sessions.resolve(session, token=a1) is None and sessions.resolve(session, token=a2) is None
    assert sessions.resolve(session, token=b1).name == "Bob"


@pytest.mark.parametrize("token", ["", None, {"x": 1}, "a" * 500, "guess"])
def test_garbage_session_tokens_resolve_to_nobody(session, token):
    assert sessions.resolve(session, token=token) is None


def test_create_admin_promotes_an_existing_account(session):
    user = verified_user(session)
    promoted, created = accounts.create_admin(session, email="anna@example.nl")
    assert not created and promoted.id == user.id and promoted.role == "admin"


def test_create_admin_makes_a_verified_account_with_a_policy_password(session):
    with pytest.raises(Invalid, match="error.password_short"):
        accounts.create_admin(session, email="root@example.nl", password="short")
    session.rollback()
    admin, created = accounts.create_admin(session, email="root@example.nl",
                                           password="beheerder wachtwoord")
    assert created and admin.role == "admin" and admin.email_verified_at is not None
    assert passwords.verify("beheerder wachtwoord", admin.password_hash)[0]


def test_a_login_ticket_is_no_session_and_is_exchanged_once(session):
    verified_user(session)
    result = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    assert sessions.resolve(session, token=result.ticket) is None  # not a cookie value
    assert sessions.resolve(session, token="ticket:" + result.ticket) is None
    token = sessions.exchange(session, ticket=result.ticket)
    assert token and token != result.ticket
    assert sessions.resolve(session, token=token).name == "Anna de Vries"
    assert sessions.exchange(session, ticket=result.ticket) is None  # single use
    assert sessions.exchange(session, ticket=token) is None  # a token is no ticket


def test_a_login_ticket_expires_after_a_minute(session):
    from datetime import timedelta

    verified_user(session)
    result = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)
    row = session.exec(select(AuthSession)).one()
    late = row.created_at + timedelta(seconds=61)
    assert sessions.exchange(session, ticket=result.ticket, now=late) is None
    assert session.exec(select(AuthSession)).first() is None  # the stale ticket is gone
