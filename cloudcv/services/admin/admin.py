"""Admin console: the dashboard figures, the outbox and the audit log (guard: ``core.authz``).

Every admin service function takes ``admin_id`` and calls ``require_admin`` first, so
an event fired by a non-admin client is refused in the service, whatever the UI shows.
Admins see metadata (counts, dates, flags), never CV content. The outbox itself is
``core/mail.py``, the log ``core/audit.py``; user actions are ``admin_users.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, func, select

from ...models import CV, AbuseHold, LoginEvent, OutboxMail, User
from ..core import audit, clock, fields, mail
from ..core.authz import require_admin
from ..core.errors import NotFound
from ..privacy.export import redact_mail
from . import request_admin


@dataclass(frozen=True)
class Overview:
    """The dashboard figures: counts now, plus registrations and logins per day (30 days)."""

    users: int
    active_30d: int
    cvs: int
    abuse_holds: int
    queued_mail: int
    failed_mail: int
    open_requests: int
    overdue_requests: int
    series: list[dict]  # [{"day": "dd-mm", "registrations": n, "logins": n}] last 30 days


def _count(session: Session, stmt) -> int:
    return session.exec(stmt).one() or 0


def overview(session: Session, *, admin_id: int) -> Overview:
    """The dashboard: accounts, active users, CVs, holds, mail and request queues, 30-day series.

    Admin only: ``require_admin`` raises Forbidden otherwise. Days are Amsterdam days.
    """
    require_admin(session, admin_id)
    now = clock.now()
    since = now - timedelta(days=30)
    days = [clock.local_date(since + timedelta(days=i + 1)) for i in range(30)]  # Amsterdam days
    regs = {d: 0 for d in days}
    logins = {d: 0 for d in days}
    for created in session.exec(select(User.created_at).where(User.created_at >= since)).all():
        if clock.local_date(created) in regs:
            regs[clock.local_date(created)] += 1
    for created in session.exec(select(LoginEvent.created_at).where(
            LoginEvent.created_at >= since, LoginEvent.success.is_(True))).all():
        if clock.local_date(created) in logins:
            logins[clock.local_date(created)] += 1
    open_requests, overdue = request_admin.counts(session)
    return Overview(
        open_requests=open_requests, overdue_requests=overdue,
        users=_count(session, select(func.count(User.id))),
        active_30d=_count(session, select(func.count(User.id)).where(User.last_login_at >= since)),
        cvs=_count(session, select(func.count(CV.id))),
        abuse_holds=_count(session, select(func.count(AbuseHold.id)).where(AbuseHold.lifted_at.is_(None))),
        queued_mail=_count(session, select(func.count(OutboxMail.id)).where(OutboxMail.status == "queued")),
        failed_mail=_count(session, select(func.count(OutboxMail.id)).where(OutboxMail.status == "failed")),
        series=[{"day": clock.format_day_month(d), "registrations": regs[d], "logins": logins[d]} for d in days],
    )


# ---------------------------------------------------------------- outbox and audit views
@dataclass(frozen=True)
class MailRow:
    """One outbox mail in the admin list (no body: see ``read_mail``)."""

    id: int
    to: str
    subject: str
    status: str
    attempts: int
    created: str
    last_error: str


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the admin log shows it (details flattened, at most 300 characters)."""

    id: int
    when: str
    actor: str
    action: str
    subject: str
    details: str


def _fmt(dt) -> str:
    return clock.format_datetime(dt, zone=True)


def outbox(session: Session, *, admin_id: int, status=None) -> list[MailRow]:
    """The newest outbox mails, optionally one status ("queued", "sent", "failed").

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    return [MailRow(id=m.id, to=m.to_addr, subject=m.subject, status=m.status, attempts=m.attempts,
                    created=_fmt(m.created_at), last_error=m.last_error)
            for m in mail.list_recent(session, status=status if isinstance(status, str) else None)]


def read_mail(session: Session, *, admin_id: int, mail_id) -> str:
    """The text body of one mail, for operators running without SMTP (audit-logged). Link
    tokens and the /verzoek code read ``[verwijderd]`` (``export.redact_mail``): an admin who
    could use a user's reset or sign-in link could take the account over.

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound("error.not_found") for an
    unknown id.
    """
    require_admin(session, admin_id)
    row = session.get(OutboxMail, mail_id) if fields.is_id(mail_id) else None
    if row is None:
        raise NotFound("error.not_found")
    audit.record(session, action="admin.mail.read", actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=row.user_id, mail_id=row.id)
    session.commit()
    return redact_mail({"template": row.template, "body_text": row.body_text})["body_text"]


def retry_mail(session: Session, *, admin_id: int, mail_id) -> None:
    """Queue a failed mail again, due now (audit-logged); a malformed id is ignored.

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    if not fields.is_id(mail_id):
        return
    audit.record(session, action="admin.mail.retry", actor_user_id=admin_id, actor_role="admin",
                 mail_id=mail_id)
    mail.retry(session, mail_id=mail_id)


def audit_log(session: Session, *, admin_id: int, action="", user_id=None) -> list[AuditRow]:
    """The newest audit events, filtered by action prefix and by a user (actor or subject).

    Admin only: ``require_admin`` raises Forbidden otherwise. Filters of the wrong type are dropped,
    not refused; Invalid (``fields.text``) for an action with control characters.
    """
    require_admin(session, admin_id)
    action = fields.text(action, field="action", max_len=1000) if isinstance(action, str) else ""
    user_id = user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None
    return [AuditRow(id=e.id, when=_fmt(e.created_at),
                     actor=f"{e.actor_role}:{e.actor_user_id}" if e.actor_user_id else e.actor_role,
                     action=e.action, subject=str(e.subject_user_id or "—"),
                     details=", ".join(f"{k}={v}" for k, v in (e.details or {}).items())[:300])
            for e in audit.search(session, action=action[:60], user_id=user_id)]
