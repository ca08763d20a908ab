"""Append-only audit log. ``record`` is the only way in; rows are never updated.

An ORM-level guard refuses any UPDATE or DELETE of an ``AuditEvent`` through a Session,
so no code path can rewrite history by accident. Retention (3 years) and erasure
anonymisation are on the table's registry entry in ``models/audit.py`` and run as explicit
SQL statements in services/privacy (retention.py, erasure.py). The database enforces the
same with triggers, also against plain SQL: see ``services/core/append_only.py`` for
exactly what they let through. Admins read the log through ``services/admin/admin.py``.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ...models import AuditEvent
from . import clock
from .append_only import refuse_session_changes


class AuditLogIsAppendOnly(RuntimeError):
    """Raised at flush when a Session holds a changed or deleted ``AuditEvent``."""


refuse_session_changes(AuditEvent, AuditLogIsAppendOnly,
                       "audit events cannot be changed or deleted")


def record(session: Session, *, action: str, actor_user_id: int | None = None,
           actor_role: str = "user", subject_user_id: int | None = None, ip: str = "",
           **details) -> AuditEvent:
    """Add an audit event to the caller's transaction (committed with the action).

    Any service may call it, in the same transaction as the action it records; ``details``
    must be JSON-serialisable. ``action`` is a dotted name (e.g. admin.block), not an i18n key.
    The IP is cut to 45 characters. Raises nothing itself; the row is written at commit.
    """
    row = AuditEvent(action=action, actor_user_id=actor_user_id, actor_role=actor_role,
                     subject_user_id=subject_user_id, ip=ip[:45], details=details,
                     created_at=clock.now())
    session.add(row)
    return row


def for_subject(session: Session, *, user_id: int, limit: int = 500) -> list[AuditEvent]:
    """The newest ``limit`` events whose subject is ``user_id``, newest first. No guard."""
    return list(session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == user_id)
                             .order_by(AuditEvent.id.desc()).limit(limit)))


def search(session: Session, *, action: str = "", user_id: int | None = None,
           limit: int = 200) -> list[AuditEvent]:
    """The newest events, optionally by action prefix and by a user as actor or subject.

    No guard here: the admin audit view (``admin.audit_log``) checks the role first.
    """
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        stmt = stmt.where(AuditEvent.action.like(f"{action}%"))
    if user_id is not None:
        stmt = stmt.where((AuditEvent.subject_user_id == user_id) | (AuditEvent.actor_user_id == user_id))
    return list(session.exec(stmt).all())
