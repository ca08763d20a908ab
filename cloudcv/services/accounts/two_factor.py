"""Two-factor login with an authenticator app (TOTP, RFC 6238) and recovery codes (issue 24).

Turning it on is two steps: :func:`begin` makes a secret (shown as a QR code drawn here
and as text) that is not used yet; :func:`confirm` activates it once a code from the app
matches, and returns ten single-use recovery codes, shown once and stored as keyed hashes.
Turning it off (:func:`disable`) takes the password and a code. At login
(``accounts.login_code``) :func:`verify_code` accepts a code of the current 30-second step
or one step either side (clock skew), never one of a step already used (no replay), or an
unused recovery code. Wrong codes count with the login failures (``throttle.py``: delays,
then a lock) at login, and with the password checks on this page.

Codes are never logged or stored: only the newest accepted step and the recovery codes'
HMACs. Each function is one user action, one transaction; the user themselves only.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
import segno
from sqlmodel import Session, delete, func, select

from ...config import settings
from ...models import AuditEvent, RecoveryCode, TwoFactor, User
from ..core import audit, authz, clock, mail
from ..core.errors import Invalid, NotFound, Throttled
from . import my_sessions

ISSUER = "CloudCV.nl"
STEP = 30            # seconds per code (RFC 6238's default, what every app uses)
DIGITS = 6
SKEW = 1             # steps accepted either side of now
RECOVERY_CODES = 10
MAX_FAILURES = 5     # wrong codes on the security page per window before a wait
WINDOW = timedelta(minutes=15)
_CODE = re.compile(r"^\d{6}$")
_RECOVERY = re.compile(r"^[a-z2-9]{5}-?[a-z2-9]{5}$")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a printout


@dataclass(frozen=True)
class Setup:
    """A secret waiting for its first code: as text, as an ``otpauth://`` URI, and as the
    QR code of that URI (an SVG path over a ``size`` × ``size`` grid, quiet zone included)."""

    secret: str
    uri: str
    qr_path: str
    qr_size: int


@dataclass(frozen=True)
class Status:
    """What the security page shows: on since when, recovery codes left."""

    enabled: bool
    since: datetime | None
    codes_left: int


def _row(session: Session, user_id: int) -> TwoFactor | None:
    return session.exec(select(TwoFactor).where(TwoFactor.user_id == user_id)).first()


def enabled(session: Session, user_id: int) -> bool:
    """Whether the account logs in with a second factor."""
    return authz.has_second_factor(session, user_id)


def status(session: Session, *, user_id: int) -> Status:
    """The state of the user's second factor. Any logged-in user, for themselves."""
    row = _row(session, user_id)
    on = row is not None and row.confirmed_at is not None
    left = session.exec(select(func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))).one() if on else 0
    return Status(on, row.confirmed_at if on else None, left or 0)


def qr_path(text: str) -> tuple[str, int]:
    """The QR code of ``text`` as one SVG path (``M x y h1 v1 h-1 z`` per dark module) and
    the grid size, with the 4-module quiet zone. Drawn here from ``segno``'s matrix: no
    markup from a library reaches the page, no image service sees the secret."""
    matrix = segno.make(text, error="m", micro=False).matrix
    border = 4
    parts = [f"M{x + border} {y + border}h1v1h-1z"
             for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark]
    return "".join(parts), len(matrix) + 2 * border


def begin(session: Session, *, user_id: int) -> Setup:
    """A new secret for the user's app, not active until :func:`confirm`. Replaces one not
    yet confirmed. Raises Invalid("error.2fa_already_on") when a second factor is on."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    row = _row(session, user_id)
    if row is not None and row.confirmed_at is not None:
        raise Invalid("error.2fa_already_on")
    secret = pyotp.random_base32(32)  # 160 bits, as RFC 4226 recommends
    if row is None:
        row = TwoFactor(user_id=user_id, secret=secret, created_at=clock.now())
    else:
        row.secret, row.last_step, row.created_at = secret, 0, clock.now()
    session.add(row)
    session.commit()
    uri = pyotp.TOTP(secret, digits=DIGITS, interval=STEP).provisioning_uri(
        name=user.email, issuer_name=ISSUER)
    path, size = qr_path(uri)
    return Setup(secret, uri, path, size)


def enrol(session: Session, *, user_id: int, secret: str) -> None:
    """Give the account an active second factor with ``secret`` (base32), in the caller's
    transaction: ``cloudcv create-admin`` with ``CLOUDCV_ADMIN_TOTP`` (the operator's shell is
    the authority, as for the admin's password). ValueError for a secret that is not base32
    of at least 128 bits."""
    secret = secret.strip().replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z2-7]{26,}=*", secret):
        raise ValueError("the TOTP secret must be base32, at least 26 characters (128 bits)")
    row = _row(session, user_id) or TwoFactor(user_id=user_id, secret=secret)
    row.secret, row.confirmed_at, row.last_step = secret, clock.now(), 0
    session.add(row)


def _throttle(session: Session, user_id: int, now: datetime) -> None:
    failures = session.exec(select(func.count(AuditEvent.id)).where(
        AuditEvent.subject_user_id == user_id, AuditEvent.action == "account.code_failed",
        AuditEvent.created_at > now - WINDOW)).one()
    if failures >= MAX_FAILURES:
        raise Throttled("error.throttled", seconds=int(WINDOW.total_seconds()))


def _failed(session: Session, user_id: int, ip: str) -> Invalid:
    audit.record(session, action="account.code_failed", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    session.commit()  # the miss counts although the action fails
    return Invalid("error.totp_wrong", field="code")


def _totp_step(row: TwoFactor, code: str, now: datetime) -> int | None:
    """The step ``code`` belongs to (now ±``SKEW``, newer than the last one used), or None."""
    totp = pyotp.TOTP(row.secret, digits=DIGITS, interval=STEP)
    current = totp.timecode(now)
    for step in range(current - SKEW, current + SKEW + 1):
        if step > row.last_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _code_hash(user_id: int, code: str) -> str:
    key = settings().secret_key().encode()
    return hmac.new(key, f"recovery|{user_id}|{code}".encode(), hashlib.sha256).hexdigest()


def _normal(code) -> str:
    return re.sub(r"[\s]", "", code).lower() if isinstance(code, str) and len(code) <= 40 else ""


def verify_code(session: Session, *, user_id: int, code, now: datetime | None = None) -> bool:
    """Whether ``code`` is a fresh TOTP code or an unused recovery code of the user's active
    second factor; uses it up (in the caller's transaction). Never raises for bad input."""
    now = now or clock.now()
    row = _row(session, user_id)
    code = _normal(code)
    if row is None or row.confirmed_at is None or not code:
        return False
    if _CODE.match(code):
        step = _totp_step(row, code, now)
        if step is None:
            return False
        row.last_step = step
        session.add(row)
        return True
    if _RECOVERY.match(code):
        code = code.replace("-", "")
        found = session.exec(select(RecoveryCode).where(
            RecoveryCode.user_id == user_id, RecoveryCode.code_hash == _code_hash(user_id, code),
            RecoveryCode.used_at.is_(None))).first()
        if found is None:
            return False
        found.used_at = now
        session.add(found)
        return True
    return False


def _new_codes(session: Session, user_id: int) -> list[str]:
    session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    now = clock.now()
    session.add_all(RecoveryCode(user_id=user_id, code_hash=_code_hash(user_id, c), created_at=now)
                    for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def confirm(session: Session, *, user_id: int, code, ip: str = "") -> list[str]:
    """Activate the secret of :func:`begin` with a code from the app; returns the ten
    recovery codes (shown once). Raises Invalid("error.2fa_not_started"),
    Invalid("error.totp_wrong", field="code") (counted) and Throttled."""
    now = clock.now()
    _throttle(session, user_id, now)
    row = _row(session, user_id)
    if row is None or row.confirmed_at is not None:
        raise Invalid("error.2fa_not_started")
    step = _totp_step(row, _normal(code), now) if _CODE.match(_normal(code)) else None
    if step is None:
        raise _failed(session, user_id, ip)
    row.confirmed_at, row.last_step = now, step
    session.add(row)
    codes = _new_codes(session, user_id)
    user = session.get(User, user_id)
    audit.record(session, action="account.2fa_on", actor_user_id=user_id, subject_user_id=user_id, ip=ip)
    mail.enqueue(session, to=user.email, template="second_factor_on", lang=user.lang,
                 user_id=user_id, name=user.name)
    session.commit()
    return codes


def new_recovery_codes(session: Session, *, user_id: int, code, ip: str = "") -> list[str]:
    """Ten new recovery codes for the old ones (all void), after a code. Raises like
    :func:`confirm`; Invalid("error.2fa_off") when no second factor is on."""
    now = clock.now()
    _throttle(session, user_id, now)
    if not enabled(session, user_id):
        raise Invalid("error.2fa_off")
    if not verify_code(session, user_id=user_id, code=code, now=now):
        raise _failed(session, user_id, ip)
    codes = _new_codes(session, user_id)
    audit.record(session, action="account.recovery_codes_new", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    session.commit()
    return codes


def disable(session: Session, *, user_id: int, password, code, ip: str = "") -> None:
    """Turn the second factor off: the password and a code (or a recovery code) first.
    Raises the errors of ``my_sessions.check_password``, Invalid("error.totp_wrong",
    field="code") (counted), Invalid("error.2fa_off") and Throttled. Admins cannot: their
    console needs it (Invalid("error.2fa_admin"))."""
    now = clock.now()
    _throttle(session, user_id, now)
    user = my_sessions.check_password(session, user_id=user_id, password=password, ip=ip)
    if not enabled(session, user_id):
        raise Invalid("error.2fa_off")
    if user.role == "admin":
        raise Invalid("error.2fa_admin")
    if not verify_code(session, user_id=user_id, code=code, now=now):
        raise _failed(session, user_id, ip)
    session.exec(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    session.exec(delete(TwoFactor).where(TwoFactor.user_id == user_id))
    audit.record(session, action="account.2fa_off", actor_user_id=user_id, subject_user_id=user_id, ip=ip)
    mail.enqueue(session, to=user.email, template="second_factor_off", lang=user.lang,
                 user_id=user_id, name=user.name)
    session.commit()
