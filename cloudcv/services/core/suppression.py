"""The marketing suppression list: keyed hashes of addresses that unsubscribed (P13).

``address_hash`` is an HMAC-SHA256 with the app secret of the normalised address (trimmed,
lower case), so the list holds no address and cannot be linked back without the key. The
outbox (``mail.enqueue`` and ``mail.deliver_due``) asks ``is_suppressed`` for every
``kind="marketing"`` mail; service mail never looks here. Unsubscribing itself is
``services/privacy/marketing.py``; the table is ``models/marketing.py``.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlmodel import Session, select

from ...config import settings
from ...models.marketing import MarketingSuppression


def normalise(address: str) -> str:
    """The address as the list compares it: trimmed and lower case. Any caller."""
    return (address or "").strip().lower()


def address_hash(address: str) -> str:
    """The keyed hash of the normalised address. Any caller; raises nothing."""
    return hmac.new(settings().secret_key().encode(), f"marketing:{normalise(address)}".encode(),
                    hashlib.sha256).hexdigest()


def is_hash_suppressed(session: Session, digest: str) -> bool:
    """True when this keyed hash unsubscribed. Any caller; raises nothing."""
    return session.exec(select(MarketingSuppression.id).where(
        MarketingSuppression.address_hash == digest)).first() is not None


def is_suppressed(session: Session, address: str) -> bool:
    """True when the address unsubscribed from marketing mail. Any caller; raises nothing."""
    return is_hash_suppressed(session, address_hash(address))


def suppress_hash(session: Session, digest: str) -> bool:
    """Put the hash on the list (idempotent, in the caller's transaction); True when new.

    Only the unsubscribe service calls it. Raises nothing but database errors.
    """
    if is_hash_suppressed(session, digest):
        return False
    session.add(MarketingSuppression(address_hash=digest))
    return True
