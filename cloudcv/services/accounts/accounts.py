"""Accounts: register, verify email, log in, reset a password, manage admins.

Every function is one user action = one transaction. Messages never reveal whether an
address has an account: registering an existing address and asking a reset for an
unknown one answer exactly like the normal case (the owner of an existing address gets a
mail telling them someone tried).

Anyone may call these (they run before there is a session), except ``set_language`` (the
user themselves) and ``create_admin`` (the ``cloudcv create-admin`` command, never the UI).
Throttling is ``core/throttle.py``; the password policy ``passwords.py``; the session that a
login starts ``sessions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, func, select

from ...config import settings
from ...i18n import LANGS, t
from ...models import LoginEvent, OutboxMail, User
from ..core import audit, clock, fields, mail, throttle, tokens
from ..core.clock import format_datetime
from ..privacy import marketing
from ..core.devices import Client
from ..core.errors import Invalid, Throttled
from . import passkeys, passwords, sessions, two_factor
from .sessions import CurrentUser


@dataclass(frozen=True)
class LoginResult:
    """A successful login: the ticket for ``POST /api/session/start`` and who logged in; or,
    for an account with a second factor, only the ``challenge`` that :func:`login_code`
    takes with the code (kept server-side by the login state, never sent to the browser)."""

    ticket: str  # exchanged once for the session cookie (sessions.exchange)
    user: CurrentUser | None
    challenge: str = ""


def _lang(lang) -> str:
    return lang if lang in LANGS else "nl"


def _link(path: str, token: str) -> str:
    return f"{settings().base_url}{path}?token={token}"


def by_email(session: Session, email: str) -> User | None:
    """The account with this address (case and surrounding spaces ignored), or None."""
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def register(session: Session, *, name, email, password, lang="nl", news=False) -> None:
    """Create an unverified account and mail a verification link.

    ``news=True`` (the unticked-by-default checkbox) records the news opt-in with the text
    ticked (``privacy.marketing.set_news``); it counts once the address is verified.
    Raises Invalid for bad input. An address that already has an account gets a notice
    mail instead; the caller shows the same "check your mail" answer either way.
    """
    name = fields.name(name)
    email = fields.email(email)
    password = passwords.check_policy(password, name=name, email=email)
    lang = _lang(lang)
    hashed = passwords.hash_password(password)  # also for existing addresses: equal timing
    existing = by_email(session, email)
    if existing is not None:
        mail.enqueue(session, to=existing.email, template="already_registered",
                     lang=existing.lang, user_id=existing.id, name=existing.name,
                     link=f"{settings().base_url}/wachtwoord-vergeten")
        session.commit()
        return
    user = User(name=name, email=email, password_hash=hashed, lang=lang,
                created_at=clock.now())
    session.add(user)
    session.flush()
    if news is True:
        marketing.set_news(session, user_id=user.id, on=True, source="register")
    send_verification(session, user)
    session.commit()


def send_verification(session: Session, user: User) -> None:
    """Mail a fresh verification link (older ones stop working), in the caller's transaction.

    Called by ``register``, ``login`` (unverified account) and ``admin_users.resend_verification``.
    """
    tokens.revoke_all(session, user_id=user.id, purpose="verify_email")
    token = tokens.issue(session, user_id=user.id, purpose="verify_email")
    mail.enqueue(session, to=user.email, template="verify", lang=user.lang, user_id=user.id,
                 name=user.name, link=_link("/bevestigen", token))


def verify_email(session: Session, *, token) -> str:
    """Confirm the address behind a verification link; returns the account's language.

    Anyone holding the link. Raises Invalid("error.link_invalid") for a bad, used or expired one.
    """
    user_id = tokens.consume(session, token=token, purpose="verify_email")
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    user.email_verified_at = user.email_verified_at or clock.now()
    session.add(user)
    session.commit()
    return user.lang


def _event(client: Client, email: str, now) -> LoginEvent:
    return LoginEvent(email_hmac=throttle.email_key(email), ip=client.ip[:45],
                      device_id=client.device_id[:64], os=client.os, browser=client.browser,
                      place=client.place, connection=client.connection[:32], created_at=now)


def _throttled(session: Session, event: LoginEvent, email: str, client: Client, now) -> None:
    try:
        throttle.check(session, email=email, ip=client.ip, now=now)
    except Throttled:
        event.reason = "throttled"
        session.add(event)
        session.commit()
        raise


def login(session: Session, *, email, password, client: Client) -> LoginResult:
    """Check the password, record the attempt, start a pending session (a login ticket); for
    an account with a second factor, a challenge for :func:`login_code` instead.

    Every attempt (also for unknown addresses and throttled ones) becomes a LoginEvent.
    Raises Throttled("error.throttled") first, then Invalid: ``error.login_failed`` (wrong
    address or password, the same answer), ``error.account_blocked``, ``error.email_unverified``
    (a new verification mail goes out).
    """
    email = fields.email(email)
    password = fields.raw_password(password)
    now = clock.now()
    event = _event(client, email, now)
    _throttled(session, event, email, client, now)
    user = by_email(session, email)
    ok, new_hash = passwords.verify(password, user.password_hash if user else None)
    event.user_id = user.id if user else None
    if not ok:
        event.reason = "bad_credentials"
        session.add(event)
        session.commit()
        raise Invalid("error.login_failed", field="password")
    if user.blocked:
        event.reason = "blocked"
        session.add(event)
        session.commit()
        raise Invalid("error.account_blocked")
    if user.email_verified_at is None:
        event.reason = "unverified"
        session.add(event)
        send_verification(session, user)
        session.commit()
        raise Invalid("error.email_unverified")
    if new_hash:
        user.password_hash = new_hash
    if two_factor.enabled(session, user.id):
        event.reason = "code_needed"
        tokens.revoke_all(session, user_id=user.id, purpose="login_code")
        challenge = tokens.issue(session, user_id=user.id, purpose="login_code")
        session.add_all([user, event])
        session.commit()
        return LoginResult(ticket="", user=None, challenge=challenge)
    return _logged_in(session, user, event, client, now)


def login_code(session: Session, *, challenge, code, client: Client) -> LoginResult:
    """The second step of a login with a second factor: the code from the app (or a
    recovery code) for the ``challenge`` :func:`login` returned. Wrong codes are login
    failures (throttled and locked like passwords). Raises Throttled, then
    Invalid("error.login_code_expired") for a stale challenge (log in again),
    Invalid("error.totp_wrong", field="code"), Invalid("error.account_blocked")."""
    now = clock.now()
    try:
        row = tokens.peek(session, token=challenge, purpose="login_code")
    except Invalid:
        raise Invalid("error.login_code_expired") from None
    user = session.get(User, row.user_id)
    if user is None:
        raise Invalid("error.login_code_expired")
    event = _event(client, user.email, now)
    event.user_id = user.id
    _throttled(session, event, user.email, client, now)
    if user.blocked:
        event.reason = "blocked"
        session.add(event)
        session.commit()
        raise Invalid("error.account_blocked")
    if not two_factor.verify_code(session, user_id=user.id, code=code, now=now):
        event.reason = "bad_code"
        session.add(event)
        session.commit()
        raise Invalid("error.totp_wrong", field="code")
    tokens.consume(session, token=challenge, purpose="login_code")
    return _logged_in(session, user, event, client, now)


def login_passkey(session: Session, *, challenge, response, client: Client) -> LoginResult:
    """Log in with a passkey instead of the password (``passkeys.verify_login``: the answer
    to ``challenge``, which the login state made with ``passkeys.authentication``). A passkey
    is possession and the device's own check at once, so no code follows. Failures are
    login events, throttled per IP. Raises Throttled, Invalid("error.passkey_failed"),
    Invalid("error.account_blocked")."""
    now = clock.now()
    event = _event(client, "", now)
    try:
        throttle.check_ip(session, ip=client.ip, now=now)
    except Throttled:
        event.reason = "throttled"
        session.add(event)
        session.commit()
        raise
    user = passkeys.verify_login(session, challenge=challenge, response=response, now=now)
    if user is None:
        event.reason = "bad_passkey"
        session.add(event)
        session.commit()
        raise Invalid("error.passkey_failed")
    event.user_id, event.email_hmac = user.id, throttle.email_key(user.email)
    if user.blocked or user.email_verified_at is None:
        session.rollback()  # the counter stays where it was
        event.reason = "blocked"
        session.add(event)
        session.commit()
        raise Invalid("error.account_blocked")
    return _logged_in(session, user, event, client, now)


def _logged_in(session: Session, user: User, event: LoginEvent, client: Client, now) -> LoginResult:
    _mail_if_new_device(session, user, client, now)
    ticket, row = sessions.create_pending(session, user=user, client=client, now=now)
    user.last_login_at = now
    event.success, event.reason, event.session_public_id = True, "ok", row.public_id
    session.add_all([user, event])
    session.commit()
    return LoginResult(ticket=ticket, user=CurrentUser(
        id=user.id, name=user.name, email=user.email, role=user.role, lang=user.lang,
        session_public_id=row.public_id, restricted=user.restricted_at is not None))


def _mail_if_new_device(session: Session, user: User, client: Client, now) -> None:
    """The security mail of a login from a device this account never logged in from (not
    for its first login ever): device, browser, place and time, and a "this wasn't me" link
    that ends every session (:func:`not_me`)."""
    earlier = select(LoginEvent.id).where(LoginEvent.user_id == user.id, LoginEvent.success.is_(True))
    if session.exec(earlier.limit(1)).first() is None:
        return
    if client.device_id and session.exec(
            earlier.where(LoginEvent.device_id == client.device_id[:64]).limit(1)).first() is not None:
        return
    unknown = t("mail.unknown", user.lang)
    mail.enqueue(session, to=user.email, template="new_device", lang=user.lang, user_id=user.id,
                 name=user.name, os=client.os or unknown, browser=client.browser or unknown,
                 place=client.place or unknown, when=format_datetime(now, user.lang, zone=True),
                 link=_link("/niet-ik", tokens.issue(session, user_id=user.id, purpose="not_me")))


def not_me(session: Session, *, token) -> str:
    """"This wasn't me" from the new-device mail: every session of the account ends (the
    stranger's too). Returns the account's language. Anyone holding the link; raises
    Invalid("error.link_invalid")."""
    user_id = tokens.consume(session, token=token, purpose="not_me")
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    sessions.end_all(session, user_id=user.id, commit=False)
    audit.record(session, action="account.not_me", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    return user.lang


def request_password_reset(session: Session, *, email) -> None:
    """Mail a reset link when the address has an account; silent otherwise.

    Anyone. Raises only Invalid from ``fields.email``; blocked accounts get no mail, and an
    account gets at most ``RESET_MAILS_PER_HOUR`` reset mails an hour (nobody can flood an
    inbox through the form). The answer is the same in every case.
    """
    email = fields.email(email)
    user = by_email(session, email)
    recent = _recent_reset_mails(session, user.id if user else 0)  # asked either way: timing
    if user is None or user.blocked or recent >= RESET_MAILS_PER_HOUR:
        _decoy_reset(session)
        return
    tokens.revoke_all(session, user_id=user.id, purpose="reset_password")
    token = tokens.issue(session, user_id=user.id, purpose="reset_password")
    mail.enqueue(session, to=user.email, template="reset", lang=user.lang, user_id=user.id,
                 name=user.name, link=_link("/wachtwoord-herstellen", token))
    session.commit()


RESET_MAILS_PER_HOUR = 3


def _recent_reset_mails(session: Session, user_id: int) -> int:
    since = clock.now() - timedelta(hours=1)
    return session.exec(select(func.count()).select_from(OutboxMail).where(
        OutboxMail.user_id == user_id, OutboxMail.template == "reset",
        OutboxMail.created_at >= since)).one()


# Where no reset mail goes out, the request still costs what a real one does: without this
# an unknown address was answered ~5x faster (0.6 vs 3.1 ms on SQLite), which told anyone
# timing the form which addresses have an account (tests/security/test_brute_force.py).
DECOY_ADDRESS = "reset-decoy@invalid"


def _decoy_reset(session: Session) -> None:
    """The work of a reset without its effect: the same token lookup, a link signed and a mail
    rendered and written, then deleted again before the one commit (so the database does the
    same round trips and writes, and nothing is kept or sent)."""
    tokens.revoke_all(session, user_id=0, purpose="reset_password")
    link = _link("/wachtwoord-herstellen", tokens.sign_only(purpose="reset_password"))
    row = mail.enqueue(session, to=DECOY_ADDRESS, template="reset", lang="nl", name="", link=link)
    session.flush()
    session.delete(row)
    session.commit()


def reset_password(session: Session, *, token, password) -> None:
    """Set a new password from a reset link; ends every session of the account.

    Anyone holding the link. Raises Invalid("error.link_invalid") and the policy errors of
    ``passwords.check_policy``; the link also counts as proof of the address.
    """
    row = tokens.peek(session, token=token, purpose="reset_password")
    user = session.get(User, row.user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    password = passwords.check_policy(password, name=user.name, email=user.email)
    tokens.consume(session, token=token, purpose="reset_password")
    user.password_hash = passwords.hash_password(password)
    user.email_verified_at = user.email_verified_at or clock.now()  # the link proved the address
    session.add(user)
    sessions.end_all(session, user_id=user.id, commit=False)
    mail.enqueue(session, to=user.email, template="password_changed", lang=user.lang,
                 user_id=user.id, name=user.name)
    session.commit()


def set_language(session: Session, *, user_id: int, lang) -> None:
    """Store the user's language (pages and mails); an unknown language or user is ignored."""
    user = session.get(User, user_id)
    if user is not None and lang in LANGS:
        user.lang = lang
        session.add(user)
        session.commit()


def create_admin(session: Session, *, email, name=None, password=None,
                 totp_secret: str | None = None) -> tuple[User, bool]:
    """Promote an existing account to admin, or create a verified admin account.

    Returns (user, created). A new account needs a password that passes the policy. With
    ``totp_secret`` the admin's second factor is that secret, active at once; without, the
    admin sets one up at /beveiliging before the console opens (``authz.require_admin``).
    Operators only, through the CLI (no admin guard: shell access is the authority).
    Raises Invalid from ``fields`` and ``passwords.check_policy``, ValueError for a bad secret.
    """
    email = fields.email(email)
    user = by_email(session, email)
    created = user is None
    if created:
        name = fields.name(name or email.split("@")[0])
        password = passwords.check_policy(password, name=name, email=email)
        user = User(name=name, email=email, password_hash=passwords.hash_password(password),
                    email_verified_at=clock.now(), created_at=clock.now())
    user.role = "admin"
    session.add(user)
    if totp_secret:
        session.flush()
        two_factor.enrol(session, user_id=user.id, secret=totp_secret)
    session.commit()
    session.refresh(user)
    return user, created
