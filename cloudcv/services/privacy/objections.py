"""Objections to legitimate-interest processing (§3.2 of the statement, Art. 21 GDPR).

The user objects per purpose with a required motivation. For ``service_improvement``
(§3.2.1) and ``security`` (§3.2.2) that opens a request in the admin queue: we weigh again
and record the decision (admin side: issue 8). An objection to ``marketing`` (§3.2.3)
takes effect at once: the request is recorded as done/upheld immediately.

Processing code asks ``is_objected(session, user_id, purpose)`` (the consent helper and
the marketing feature honour upheld objections; ``restriction.may`` does so too).
"""

from __future__ import annotations

from sqlmodel import Session, select

from ...i18n import t
from ...models import DataRequest, User
from ...models.requests import OBJECTION_PURPOSES
from ..core import audit, clock, mail
from ..core.errors import Invalid, NotFound
from . import data_requests
from .data_requests import RequestView

IMMEDIATE = ("marketing",)


def is_objected(session: Session, user_id: int | None, purpose: str) -> bool:
    """True when an objection to ``purpose`` by this user has been upheld. Any processing code
    asks (``restriction.may``); raises nothing (unknown purpose or user: False)."""
    if user_id is None or purpose not in OBJECTION_PURPOSES:
        return False
    return session.exec(select(DataRequest.id).where(
        DataRequest.user_id == user_id, DataRequest.kind == "objection",
        DataRequest.purpose == purpose, DataRequest.decision == "upheld")).first() is not None


def pending_or_upheld(session: Session, *, user_id: int) -> dict[str, str]:
    """Per purpose the state of the user's objection: ``open`` or ``upheld`` (absent: none). The
    user themselves ("Mijn gegevens"); raises nothing."""
    found: dict[str, str] = {}
    for row in session.exec(select(DataRequest).where(DataRequest.user_id == user_id,
                                                      DataRequest.kind == "objection")):
        if row.decision == "upheld":
            found[row.purpose] = "upheld"
        elif row.status in ("open", "extended") and found.get(row.purpose) != "upheld":
            found[row.purpose] = "open"
    return found


def object_to(session: Session, *, user_id: int, purpose, motivation, ip: str = "") -> RequestView:
    """Record an objection; marketing is upheld at once, the others await a decision.

    The user themselves, from "Mijn gegevens". Raises ``Invalid`` for an unknown purpose, a
    missing or too long motivation, or an objection that is already open or upheld
    (``error.objection_exists``); ``NotFound`` for an unknown user. Audit-logged, mailed and
    committed.
    """
    purpose = data_requests.objection_purpose(purpose)
    motivation = data_requests.multiline(motivation, field="motivation", required=True)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    if purpose in pending_or_upheld(session, user_id=user_id):
        raise Invalid("error.objection_exists", field="motivation")
    row = data_requests.create_open(session, user=user, kind="objection",
                                    source="mijn_gegevens", purpose=purpose,
                                    motivation=motivation)
    immediate = purpose in IMMEDIATE
    if immediate:
        row.status, row.decision, row.decided_at = "done", "upheld", clock.now()
        row.decision_reason = "§3.2: a marketing objection takes effect at once"
        session.add(row)
    audit.record(session, action="account.objected", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, request_id=row.id, purpose=purpose,
                 upheld=immediate)
    mail.enqueue(session, to=user.email, template="objection_upheld" if immediate
                 else "objection_received", lang=user.lang, user_id=user.id, name=user.name,
                 reference=row.id, due=data_requests.day(row.due_at),
                 what=t(f"objection.purpose.{purpose}", user.lang))
    session.commit()
    return RequestView.from_row(row)
