"""Restriction of processing (Art. 18, §7 of the statement): while ``User.restricted_at`` is
set we only *store* the user's data. Nothing else happens with it: no analytics, no
marketing, no service-improvement processing, and CVs cannot be sent or shared.

Usage by the features that process::

    from cloudcv.services import restriction

    if not restriction.may(session, user_id=uid, activity="analytics"):
        return                                   # silently skip background processing
    restriction.check(session, user_id=uid, activity="send_cv", ip=ip)
                                                 # a user action: refused + audit-logged

The consent helper (``consent.may_process``) calls ``is_restricted`` for every purpose.
``set_restricted`` is the switch in Mijn gegevens; both directions are audit-logged.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ...models import User
from ..core import audit, clock
from ..core.errors import Forbidden, Invalid, NotFound
from . import objections

# What a restriction stops (storage and the user's own viewing, editing, downloading,
# exporting and erasing stay allowed: those are the user's rights, not our processing).
BLOCKED = ("analytics", "marketing", "service_improvement", "send_cv", "share_cv")
# An upheld objection (services/privacy/objections.py) stops the activity of its purpose too.
OBJECTION_FOR = {"marketing": "marketing", "service_improvement": "service_improvement"}


def is_restricted(session: Session, user_id: int | None) -> bool:
    """True while the account has processing restricted. Unknown/None users: False. Any caller;
    raises nothing."""
    if user_id is None:
        return False
    restricted_at = session.exec(select(User.restricted_at).where(User.id == user_id)).first()
    return restricted_at is not None


def may(session: Session, *, user_id: int | None, activity: str) -> bool:
    """May ``activity`` run for this user? False for a blocked activity while restricted, and
    for marketing / service improvement after an upheld objection to it. Background
    processing asks here and skips silently; raises nothing."""
    if activity not in BLOCKED:
        return True
    if activity in OBJECTION_FOR and objections.is_objected(session, user_id, OBJECTION_FOR[activity]):
        return False
    return not is_restricted(session, user_id)


def check(session: Session, *, user_id: int, activity: str, ip: str = "") -> None:
    """Refuse a user-started activity while restricted: records the refusal, then raises
    ``Forbidden("error.restricted")`` (the refusal is committed: it is its own action).
    Called by the service of the user's own action (sending or sharing a CV)."""
    if may(session, user_id=user_id, activity=activity):
        return
    audit.record(session, action="account.restriction_blocked", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, activity=activity)
    session.commit()
    raise Forbidden("error.restricted")


def set_restricted(session: Session, *, user_id: int, on, ip: str = "") -> bool:
    """Switch the restriction on or off (idempotent); returns the new state.

    The user themselves, from "Mijn gegevens". Raises ``Invalid`` when ``on`` is not a bool,
    ``NotFound`` for an unknown user. Audit-logged and committed.
    """
    if not isinstance(on, bool):
        raise Invalid("error.invalid_input")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    if (user.restricted_at is not None) == on:
        return on
    user.restricted_at = clock.now() if on else None
    session.add(user)
    audit.record(session, action="account.restricted" if on else "account.unrestricted",
                 actor_user_id=user_id, subject_user_id=user_id, ip=ip)
    session.commit()
    return on
