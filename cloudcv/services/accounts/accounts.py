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
from ...i18n import LANGS
from ...models import LoginEvent, OutboxMail, User
from ..core import clock, fields, mail, throttle, tokens
from ..privacy import marketing
from ..core.devices import Client
from ..core.errors import Invalid, Throttled
from . import passwords, sessions
from .sessions import CurrentUser


@dataclass(frozen=True)
class LoginResult:
    """A successful login: the ticket for ``POST /api/session/start`` and who logged in."""

    ticket: str  # exchanged once for the session cookie (sessions.exchange)
    user: CurrentUser


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


def login(session: Session, *, email, password, client: Client) -> LoginResult:
    """Check the password, record the attempt, start a pending session (a login ticket).

    Every attempt (also for unknown addresses and throttled ones) becomes a LoginEvent.
    Raises Throttled("error.throttled") first, then Invalid: ``error.login_failed`` (wrong
    address or password, the same answer), ``error.account_blocked``, ``error.email_unverified``
    (a new verification mail goes out).
    """
    email = fields.email(email)
    password = fields.raw_password(password)
    now = clock.now()
    event = LoginEvent(email_hmac=throttle.email_key(email), ip=client.ip[:45],
                       device_id=client.device_id[:64], os=client.os, browser=client.browser,
                       place=client.place, connection=client.connection[:32], created_at=now)
    try:
        throttle.check(session, email=email, ip=client.ip, now=now)
    except Throttled:
        event.reason = "throttled"
        session.add(event)
        session.commit()
        raise
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
    ticket, row = sessions.create_pending(session, user=user, client=client, now=now)
    user.last_login_at = now
    event.success, event.reason, event.session_public_id = True, "ok", row.public_id
    session.add_all([user, event])
    session.commit()
    return LoginResult(ticket=ticket, user=CurrentUser(
        id=user.id, name=user.name, email=user.email, role=user.role, lang=user.lang,
        session_public_id=row.public_id, restricted=user.restricted_at is not None))


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


def create_admin(session: Session, *, email, name=None, password=None) -> tuple[User, bool]:
    """Promote an existing account to admin, or create a verified admin account.

    Returns (user, created). A new account needs a password that passes the policy.
    Operators only, through the CLI (no admin guard: shell access is the authority).
    Raises Invalid from ``fields`` and ``passwords.check_policy``.
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
    session.commit()
    session.refresh(user)
    return user, created
