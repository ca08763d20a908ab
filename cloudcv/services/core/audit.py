"""Append-only audit log. ``record`` is the only way in; rows are never updated.

An ORM-level guard refuses any UPDATE or DELETE of an ``AuditEvent`` through a Session,
so no code path can rewrite history by accident. Retention (3 years, see the registry)
and erasure anonymisation run as explicit SQL statements in their own services. The
database enforces the same with triggers, also against plain SQL: see
``services/core/append_only.py`` for exactly what they let through.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlmodel import Session, select

from ...models import AuditEvent
from . import clock


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_changes(session, _ctx, _instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent):
            raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


def record(session: Session, *, action: str, actor_user_id: int | None = None,
           actor_role: str = "user", subject_user_id: int | None = None, ip: str = "",
           **details) -> AuditEvent:
    """Add an audit event to the caller's transaction (committed with the action)."""
    row = AuditEvent(action=action, actor_user_id=actor_user_id, actor_role=actor_role,
                     subject_user_id=subject_user_id, ip=ip[:45], details=details,
                     created_at=clock.now())
    session.add(row)
    return row


def for_subject(session: Session, *, user_id: int, limit: int = 500) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == user_id)
                             .order_by(AuditEvent.id.desc()).limit(limit)))


def search(session: Session, *, action: str = "", user_id: int | None = None,
           limit: int = 200) -> list[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        stmt = stmt.where(AuditEvent.action.like(f"{action}%"))
    if user_id is not None:
        stmt = stmt.where((AuditEvent.subject_user_id == user_id) | (AuditEvent.actor_user_id == user_id))
    return list(session.exec(stmt).all())
