"""The admin side of the request queue (§7, Art. 12; objections §3.2).

- Every request is answered within 4 weeks of receipt (``due_at``).
- ONE extension of at most 4 more weeks, only while the first deadline has not passed,
  only with a reason, and the user is mailed at once (the statement promises this notice
  within the first 4 weeks).
- A decision is recorded with its reasoning and mailed; an upheld objection stops that
  processing for that user (``objections.is_objected``).

Users file and verify requests in ``services/privacy/data_requests.py``; how long a handled
request is kept is on ``DataRequest``'s registry entry in ``models/requests.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from ...i18n import t
from ...models import DataRequest
from ..core import audit, clock, fields, mail
from ..core.authz import require_admin
from ..core.errors import Invalid, NotFound

EXTENSION = timedelta(weeks=4)
DECISIONS = {"objection": ("upheld", "rejected")}
DEFAULT_DECISIONS = ("done", "rejected")


@dataclass(frozen=True)
class RequestRow:
    """One request in the admin queue, with its current deadline and whether it is overdue."""

    id: int
    kind: str
    purpose: str
    email: str
    status: str
    received: str
    due: str
    overdue: bool
    extended: bool
    extension_reason: str
    motivation: str
    details: str
    decision: str
    decision_reason: str


def _day(dt) -> str:
    return clock.format_date(dt)


def _deadline(row: DataRequest):
    return row.extended_until or row.due_at


def _row(row: DataRequest, now) -> RequestRow:
    deadline = _deadline(row)
    return RequestRow(
        id=row.id, kind=row.kind, purpose=row.purpose, email=row.email, status=row.status,
        received=_day(row.received_at), due=_day(deadline),
        overdue=row.status in ("open", "extended") and deadline is not None and deadline < now,
        extended=row.extended_until is not None, extension_reason=row.extension_reason,
        motivation=row.motivation, details=row.details, decision=row.decision,
        decision_reason=row.decision_reason)


def list_requests(session: Session, *, admin_id: int, open_only: bool = True) -> list[RequestRow]:
    """Verified requests, open ones first by deadline; also handled ones unless ``open_only``.

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    now = clock.now()
    statuses = ("open", "extended") if open_only else ("open", "extended", "done", "rejected")
    rows = session.exec(select(DataRequest).where(DataRequest.status.in_(statuses))).all()
    rows = sorted(rows, key=lambda r: (r.status not in ("open", "extended"), _deadline(r) or now))
    return [_row(r, now) for r in rows]


def counts(session: Session) -> tuple[int, int]:
    """(open, overdue) for the dashboard. No guard: ``admin.overview`` checks the role."""
    now = clock.now()
    rows = session.exec(select(DataRequest).where(DataRequest.status.in_(("open", "extended")))).all()
    return len(rows), sum(1 for r in rows if (_deadline(r) or now) < now)


def _open_request(session: Session, request_id) -> DataRequest:
    row = session.get(DataRequest, request_id) if fields.is_id(request_id) else None
    if row is None or row.status not in ("open", "extended"):
        raise NotFound("error.not_found")
    return row


def extend(session: Session, *, admin_id: int, request_id, reason) -> None:
    """Extend an open request's deadline once by ``EXTENSION`` and mail the user (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown or closed
    request; Invalid("error.required") without a reason, ``requests.error.already_extended``,
    ``requests.error.deadline_passed``.
    """
    require_admin(session, admin_id)
    row = _open_request(session, request_id)
    reason = fields.text(reason, field="reason", max_len=2000, required=True)
    now = clock.now()
    if row.extended_until is not None:
        raise Invalid("requests.error.already_extended", field="reason")
    if row.due_at is None or row.due_at <= now:
        raise Invalid("requests.error.deadline_passed", field="reason")
    row.extended_until, row.extension_reason, row.status = row.due_at + EXTENSION, reason, "extended"
    session.add(row)
    mail.enqueue(session, to=row.email, template="request_extended", lang=row.lang, user_id=row.user_id,
                 request_kind=t(f"request.kind.{row.kind}", row.lang), reason=reason,
                 until=_day(row.extended_until))
    audit.record(session, action="admin.request.extend", actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=row.user_id, request_id=row.id, until=_day(row.extended_until))
    session.commit()


def decide(session: Session, *, admin_id: int, request_id, decision, reason) -> None:
    """Close an open request with a decision and its reasoning, and mail it (audit-logged).

    Objections are "upheld" or "rejected", other kinds "done" or "rejected"; a reason is required
    for objections and rejections. Admin only: ``require_admin`` raises Forbidden otherwise.
    NotFound for an unknown or closed request; Invalid("error.invalid_input") for another decision,
    Invalid("error.required") for a missing reason.
    """
    require_admin(session, admin_id)
    row = _open_request(session, request_id)
    allowed = DECISIONS.get(row.kind, DEFAULT_DECISIONS)
    if decision not in allowed:
        raise Invalid("error.invalid_input", field="decision")
    reason = fields.text(reason, field="decision_reason", max_len=5000,
                         required=row.kind == "objection" or decision == "rejected")
    row.decision, row.decision_reason, row.decided_at = decision, reason, clock.now()
    row.status = "rejected" if decision == "rejected" else "done"
    session.add(row)
    mail.enqueue(session, to=row.email, template="request_decided", lang=row.lang, user_id=row.user_id,
                 request_kind=t(f"request.kind.{row.kind}", row.lang),
                 decision=t(f"requests.decision.{decision}", row.lang), reason=reason or "—")
    audit.record(session, action="admin.request.decide", actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=row.user_id, request_id=row.id, decision=decision)
    session.commit()
