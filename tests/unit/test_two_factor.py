"""Two-factor login (issue 24): TOTP codes as RFC 6238 defines them (its own test vectors),
replay, clock skew, recovery codes, turning it on and off, the login's code step with its
throttling, the admin who must have it, the new-device mail and "this wasn't me"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlmodel import select, text

from cloudcv.models import AuthSession, LoginEvent, OutboxMail, RecoveryCode, TwoFactor
from cloudcv.services.accounts import accounts, sessions, two_factor
from cloudcv.services.admin import admin
from cloudcv.services.core import clock
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Forbidden, Invalid, Throttled
from tests.factories import ADMIN_TOTP, PASSWORD, last_link, verified_user

# RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" and its codes (8 digits there;
# an app shows the last 6). Written here, not computed.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
RFC_VECTORS = [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"),
               (1234567890, "005924"), (2000000000, "279037")]
PHONE = Client(ip="192.0.2.10", device_id="a" * 32, user_agent="Mozilla/5.0 (iPhone)")
LAPTOP = Client(ip="192.0.2.11", device_id="b" * 32, user_agent="Mozilla/5.0 (X11; Linux)")


def _at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@pytest.fixture
def frozen():
    """clock.now() as the test sets it (``frozen.at = datetime``)."""
    class Frozen:
        at = datetime(2026, 12, 4, 9, 0, 0, tzinfo=UTC)
    clock.set(lambda: Frozen.at)
    yield Frozen
    clock.set(None)


def _on(session, user_id: int, secret: str = RFC_SECRET) -> list[str]:
    """Turn it on as the page does, with the secret the page showed replaced by ours."""
    two_factor.begin(session, user_id=user_id)
    row = session.exec(select(TwoFactor).where(TwoFactor.user_id == user_id)).one()
    row.secret = secret
    session.add(row)
    session.commit()
    return two_factor.confirm(session, user_id=user_id, code=pyotp.TOTP(secret).at(clock.now()))


def _code(now: datetime, offset_steps: int = 0, secret: str = RFC_SECRET) -> str:
    return pyotp.TOTP(secret).at(now + timedelta(seconds=30 * offset_steps))


def test_codes_are_those_of_rfc_6238(session, frozen):
    user = verified_user(session)
    _on(session, user.id)
    for seconds, code in RFC_VECTORS:
        frozen.at = _at(seconds)
        session.exec(text("UPDATE two_factor SET last_step = 0"))
        assert two_factor.verify_code(session, user_id=user.id, code=code), seconds
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        assert not two_factor.verify_code(session, user_id=user.id, code=wrong)


def test_a_code_works_once_and_one_step_of_skew_either_way(session, frozen):
    user = verified_user(session)
    _on(session, user.id)
    frozen.at += timedelta(minutes=5)
    now = frozen.at
    assert not two_factor.verify_code(session, user_id=user.id, code=_code(now, -2))  # too old
    assert not two_factor.verify_code(session, user_id=user.id, code=_code(now, +2))  # too new
    assert two_factor.verify_code(session, user_id=user.id, code=_code(now, -1))      # skew
    assert two_factor.verify_code(session, user_id=user.id, code=_code(now))
    assert not two_factor.verify_code(session, user_id=user.id, code=_code(now))      # replay
    assert not two_factor.verify_code(session, user_id=user.id, code=_code(now, -1))  # older step
    assert two_factor.verify_code(session, user_id=user.id, code=_code(now, +1))      # skew ahead
    for junk in ("", None, 123456, "12345", "1234567", "abcdef", "x" * 500, {"code": 1}):
        assert not two_factor.verify_code(session, user_id=user.id, code=junk)


def test_ten_recovery_codes_each_work_once_and_are_stored_hashed(session, frozen):
    user = verified_user(session)
    codes = _on(session, user.id)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    stored = session.exec(select(RecoveryCode.code_hash)).all()
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in stored)
    assert two_factor.verify_code(session, user_id=user.id, code=codes[0].upper())  # as typed
    assert not two_factor.verify_code(session, user_id=user.id, code=codes[0])      # used
    assert two_factor.verify_code(session, user_id=user.id, code=codes[1].replace("-", ""))
    assert two_factor.status(session, user_id=user.id).codes_left == 8
    other = verified_user(session, email="bob@example.nl", name="Bob")
    assert not two_factor.verify_code(session, user_id=other.id, code=codes[2])  # not his


def test_the_secret_is_sealed_at_rest(session, frozen):
    user = verified_user(session)
    _on(session, user.id)
    raw = session.exec(text("SELECT secret FROM two_factor")).one()[0]
    assert RFC_SECRET.encode() not in bytes(raw)


def test_turning_on_needs_a_right_code_and_misses_are_limited(session, frozen):
    user = verified_user(session)
    setup = two_factor.begin(session, user_id=user.id)
    assert setup.uri.startswith("otpauth://totp/CloudCV.nl:anna%40example.nl?secret=")
    assert setup.secret in setup.uri and setup.qr_size > 21 and setup.qr_path.startswith("M")
    assert not two_factor.enabled(session, user.id)  # not before a code confirmed it
    with pytest.raises(Invalid) as wrong:
        two_factor.confirm(session, user_id=user.id, code="000000")
    assert wrong.value.key == "error.totp_wrong"
    for _ in range(two_factor.MAX_FAILURES - 1):
        with pytest.raises(Invalid):
            two_factor.confirm(session, user_id=user.id, code="000000")
    with pytest.raises(Throttled):  # even the right code waits now
        two_factor.confirm(session, user_id=user.id, code=pyotp.TOTP(setup.secret).at(frozen.at))
    frozen.at += two_factor.WINDOW + timedelta(seconds=1)
    assert len(two_factor.confirm(session, user_id=user.id, code=pyotp.TOTP(setup.secret).at(frozen.at))) == 10
    assert two_factor.enabled(session, user.id)
    mail = session.exec(select(OutboxMail).where(OutboxMail.template == "second_factor_on")).one()
    assert mail.to_addr == "anna@example.nl"
    with pytest.raises(Invalid) as again:
        two_factor.begin(session, user_id=user.id)
    assert again.value.key == "error.2fa_already_on"


def test_turning_off_takes_the_password_and_a_code_and_sends_a_mail(session, frozen):
    user = verified_user(session)
    _on(session, user.id)
    frozen.at += timedelta(minutes=1)
    with pytest.raises(Invalid) as bad_password:
        two_factor.disable(session, user_id=user.id, password="fout wachtwoord hier", code=_code(frozen.at))
    assert bad_password.value.key == "error.password_wrong"
    with pytest.raises(Invalid) as bad_code:
        two_factor.disable(session, user_id=user.id, password=PASSWORD, code="111111")
    assert bad_code.value.key == "error.totp_wrong"
    assert two_factor.enabled(session, user.id)
    two_factor.disable(session, user_id=user.id, password=PASSWORD, code=_code(frozen.at))
    assert not two_factor.enabled(session, user.id)
    assert session.exec(select(RecoveryCode)).all() == []
    assert session.exec(select(OutboxMail).where(OutboxMail.template == "second_factor_off")).one()


def test_login_asks_for_the_code_after_the_password(session, frozen):
    user = verified_user(session)
    codes = _on(session, user.id)
    frozen.at += timedelta(minutes=1)
    first = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)
    assert first.ticket == "" and first.user is None and first.challenge
    assert session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).all() == []
    with pytest.raises(Invalid) as wrong:
        accounts.login_code(session, challenge=first.challenge, code="000000", client=PHONE)
    assert wrong.value.key == "error.totp_wrong"
    done = accounts.login_code(session, challenge=first.challenge, code=_code(frozen.at), client=PHONE)
    assert sessions.exchange(session, ticket=done.ticket) is not None
    assert done.user.id == user.id
    with pytest.raises(Invalid) as reused:  # the challenge is spent
        accounts.login_code(session, challenge=first.challenge, code=_code(frozen.at, 1), client=PHONE)
    assert reused.value.key == "error.login_code_expired"

    second = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)
    with pytest.raises(Invalid):  # the code of the first login: no replay
        accounts.login_code(session, challenge=second.challenge, code=_code(frozen.at), client=PHONE)
    assert accounts.login_code(session, challenge=second.challenge, code=codes[0], client=PHONE).ticket

    third = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)
    frozen.at += timedelta(minutes=6)  # the challenge lives 5 minutes
    with pytest.raises(Invalid) as late:
        accounts.login_code(session, challenge=third.challenge, code=_code(frozen.at), client=PHONE)
    assert late.value.key == "error.login_code_expired"
    for forged in ("", "x", "a" * 600, None, 7):
        with pytest.raises(Invalid):
            accounts.login_code(session, challenge=forged, code=_code(frozen.at), client=PHONE)


def test_wrong_codes_at_login_lock_like_wrong_passwords(session, frozen):
    user = verified_user(session)
    _on(session, user.id)
    frozen.at += timedelta(minutes=1)
    challenge = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE).challenge
    misses = 0
    with pytest.raises(Throttled):
        for _ in range(20):
            try:
                accounts.login_code(session, challenge=challenge, code="000000", client=PHONE)
            except Invalid:
                misses += 1
                frozen.at += timedelta(seconds=1)
    assert misses == 3  # throttle.FREE misses, then a wait, as for passwords
    events = session.exec(select(LoginEvent.reason).where(LoginEvent.user_id == user.id)).all()
    assert events.count("bad_code") == 3 and "code_needed" in events
    # the right password alone is no miss: it does not count towards the lock
    frozen.at += timedelta(minutes=20)
    for _ in range(12):
        accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)


def test_an_admin_without_a_second_factor_is_refused_by_every_admin_service(session, frozen):
    plain, _ = accounts.create_admin(session, email="beheer@example.nl", password="beheerder wachtwoord")
    with pytest.raises(Forbidden) as refused:
        admin.overview(session, admin_id=plain.id)
    assert refused.value.key == "error.admin_needs_2fa"
    with pytest.raises(Invalid) as keep:  # and once on, an admin cannot turn it off
        _on(session, plain.id)
        two_factor.disable(session, user_id=plain.id, password="beheerder wachtwoord",
                           code=_code(frozen.at, 1))
    assert keep.value.key == "error.2fa_admin"
    assert admin.overview(session, admin_id=plain.id) is not None
    ready, _ = accounts.create_admin(session, email="root@example.nl", password="beheerder wachtwoord",
                                     totp_secret=ADMIN_TOTP)
    assert two_factor.enabled(session, ready.id)
    with pytest.raises(ValueError):
        accounts.create_admin(session, email="root@example.nl", totp_secret="not base32!")


def test_a_login_from_a_new_device_is_mailed_with_a_link_that_ends_every_session(session, frozen):
    verified_user(session)
    accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)  # the first
    accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)  # known
    assert session.exec(select(OutboxMail).where(OutboxMail.template == "new_device")).all() == []
    frozen.at = datetime(2026, 7, 1, 20, 15, tzinfo=UTC)  # 22:15 in Amsterdam (summer time)
    stranger = accounts.login(session, email="anna@example.nl", password=PASSWORD, client=LAPTOP)
    assert sessions.exchange(session, ticket=stranger.ticket)
    mail = session.exec(select(OutboxMail).where(OutboxMail.template == "new_device")).one()
    assert mail.to_addr == "anna@example.nl"
    assert "Linux" in mail.body_text and "01-07-2026 22:15" in mail.body_text
    assert session.exec(select(AuthSession).where(AuthSession.expires_at > frozen.at)).all()
    accounts.not_me(session, token=last_link(session, "anna@example.nl", "/niet-ik"))
    assert session.exec(select(AuthSession)).all() == []  # every session ended
    with pytest.raises(Invalid):
        accounts.not_me(session, token=last_link(session, "anna@example.nl", "/niet-ik"))


def test_changing_the_password_keeps_this_session_ends_the_others_and_mails(session, frozen):
    from cloudcv.services.accounts import account_edit
    from tests.factories import login

    user = verified_user(session)
    here = login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)
    there = login(session, email="anna@example.nl", password=PASSWORD, client=LAPTOP)
    new = "een heel nieuw wachtwoord"
    for current, candidate, key, field in ((" fout", new, "error.password_wrong", "current_password"),
                                           (PASSWORD, "kort", "error.password_short", "new_password"),
                                           (PASSWORD, PASSWORD, "error.password_same", "new_password")):
        with pytest.raises(Invalid) as refused:
            account_edit.change_password(session, user_id=user.id, current=current, new=candidate,
                                         keep_session=here.user.session_public_id)
        assert (refused.value.key, refused.value.field) == (key, field)
    account_edit.change_password(session, user_id=user.id, current=PASSWORD, new=new,
                                 keep_session=here.user.session_public_id)
    assert sessions.resolve(session, token=here.token) is not None   # this tab stays
    assert sessions.resolve(session, token=there.token) is None      # the others end
    mail = session.exec(select(OutboxMail).where(OutboxMail.template == "password_changed_here")).one()
    assert mail.to_addr == "anna@example.nl"
    with pytest.raises(Invalid):
        accounts.login(session, email="anna@example.nl", password=PASSWORD, client=PHONE)
    assert accounts.login(session, email="anna@example.nl", password=new, client=PHONE).ticket
