"""Brute-force protection for logins, counted from the login events themselves.

Failures in the last ``WINDOW`` per typed address (keyed hash, so addresses without an
account are throttled the same way) and per IP. From ``FREE`` failures on, each attempt
must wait a doubling delay after the previous failure; from ``LOCK`` failures on, the
address is locked until ``WINDOW`` has passed since the last failure. Nothing here reveals
whether an account exists.

The events are written by ``accounts.login``; how long they are kept (and the abuse hold
that keeps them longer) is on ``LoginEvent``'s registry entry in ``models/accounts.py``.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from ...config import settings
from ...models import LoginEvent
from .errors import Throttled

WINDOW = timedelta(minutes=15)
FREE = 3
LOCK = 10
IP_FREE = 20
# Reachable: with waits capped at MAX_DELAY, 20 free misses and the doubling waits allow
# ~35 misses in a WINDOW, so a lock at 100 (as it was) never happened.
IP_LOCK = 30
MAX_DELAY = 60
# Unsuccessful events that are no miss: a throttled attempt (not checked at all), and a
# right password that now waits for its second factor (a wrong code is a miss: "bad_code").
NOT_FAILURES = ("throttled", "code_needed")


def email_key(email: str) -> str:
    """Keyed hash (HMAC-SHA256 with the secret key) of the normalised address, as stored."""
    return hmac.new(settings().secret_key().encode(), email.strip().lower().encode(),
                    hashlib.sha256).hexdigest()


def _failures(session: Session, column, value: str, now: datetime) -> tuple[int, datetime | None]:
    """(failures in the ``WINDOW`` up to the latest one, the latest one) of the last ``WINDOW``.

    Counted back from the latest failure, not from now: otherwise a lock would end as soon as
    the oldest of the ``LOCK`` failures ages out (12 minutes after the last one, measured),
    not ``WINDOW`` after the last as promised (tests/security/test_brute_force.py).
    """
    failed = (column == value, LoginEvent.success.is_(False),
              LoginEvent.reason.not_in(NOT_FAILURES))
    last = session.exec(select(func.max(LoginEvent.created_at)).where(
        *failed, LoginEvent.created_at >= now - WINDOW)).one()
    if last is None:
        return 0, None
    count = session.exec(select(func.count(LoginEvent.id)).where(
        *failed, LoginEvent.created_at >= last - WINDOW)).one()
    return count or 0, last


def _wait(count: int, last: datetime | None, free: int, lock: int, now: datetime) -> int:
    if count < free or last is None:
        return 0
    if count >= lock:
        ready = last + WINDOW
    else:
        ready = last + timedelta(seconds=min(2 ** (count - free + 1), MAX_DELAY))
    return max(0, int((ready - now).total_seconds() + 0.999))


def check_ip(session: Session, *, ip: str, now: datetime) -> None:
    """Raise Throttled when this IP must wait: a passkey login, where no address is typed
    (``accounts.login_passkey``)."""
    seconds = _wait(*_failures(session, LoginEvent.ip, ip, now), IP_FREE, IP_LOCK, now) if ip else 0
    if seconds > 0:
        raise Throttled("error.throttled", seconds=seconds)


def check(session: Session, *, email: str, ip: str, now: datetime) -> None:
    """Raise Throttled("error.throttled", seconds=...) when this address or IP must wait.

    Called by ``accounts.login`` before the password is checked.
    """
    waits = [_wait(*_failures(session, LoginEvent.email_hmac, email_key(email), now),
                   FREE, LOCK, now)]
    if ip:
        waits.append(_wait(*_failures(session, LoginEvent.ip, ip, now), IP_FREE, IP_LOCK, now))
    seconds = max(waits)
    if seconds > 0:
        raise Throttled("error.throttled", seconds=seconds)
