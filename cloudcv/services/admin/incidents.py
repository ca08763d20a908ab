"""Authority requests (§4.3) and data breaches (Art. 33/34), registered by admins.

- An authority request mails the affected user at once, unless the admin records the
  legal bar (with its reference) that forbids telling them.
- A breach is "overdue" when 72 hours have passed since discovery without a recorded
  notification to the Autoriteit Persoonsgegevens; high-risk breaches can mail users.
- Admins type and read Europe/Amsterdam time (``clock``); the database holds the UTC instant,
  so the 72 hours are real hours, also across a DST switch.

How long these registrations are kept is on the ``AuthorityRequest`` and ``DataBreach``
registry entries in ``models/admin.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from ...models import AuthorityRequest, DataBreach, User
from ..core import audit, clock, fields, mail
from ..core.authz import require_admin
from ..core.errors import Invalid, NotFound

AP_DEADLINE = timedelta(hours=72)
BREACH_CATEGORIES = ("contact", "cv_content", "photos", "account", "security_logs", "other")


@dataclass(frozen=True)
class AuthorityRow:
    """One registered authority request, as the admin list shows it."""

    id: int
    authority: str
    legal_basis: str
    scope: str
    user_email: str
    received_on: str
    notified: str        # dd-mm-jjjj uu:mm CET/CEST (Amsterdam), or ""
    legal_bar: str


@dataclass(frozen=True)
class BreachRow:
    """One registered data breach with its 72-hour deadline and whether it is overdue."""

    id: int
    discovered: str
    description: str
    categories: list[str]
    people_count: int
    high_risk: bool
    ap_notified: str
    ap_deadline: str     # discovery + 72 h, Amsterdam time with CET/CEST
    ap_overdue: bool
    users_notified: str


def _fmt(dt: datetime | None) -> str:
    return clock.format_datetime(dt, zone=True)


def _date(value, field: str) -> date:
    return clock.parse_date(value, field=field)


def register_authority_request(session: Session, *, admin_id: int, authority, legal_basis, scope,
                               user_email, received_on, legal_bar_reference="") -> int:
    """Register a request from an authority about one user; returns its id (audit-logged).

    The user is mailed at once unless ``legal_bar_reference`` names the legal bar. Admin only:
    ``require_admin`` raises Forbidden otherwise. Raises Invalid for missing or too long fields, a
    bad or future ``received_on`` (``error.date_future_generic``) and an address without an account
    (``admin.error.unknown_user``).
    """
    require_admin(session, admin_id)
    authority = fields.text(authority, field="authority", max_len=200, required=True)
    legal_basis = fields.text(legal_basis, field="legal_basis", max_len=300, required=True)
    scope = fields.text(scope, field="scope", max_len=2000, required=True)
    email = fields.email(user_email, field="user_email")
    received = _date(received_on, "received_on")
    if received > clock.local_today():
        raise Invalid("error.date_future_generic", field="received_on")
    bar = fields.text(legal_bar_reference, field="legal_bar_reference", max_len=300)
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None:
        raise Invalid("admin.error.unknown_user", field="user_email")
    now = clock.now()
    row = AuthorityRequest(authority=authority, legal_basis=legal_basis, scope=scope, user_id=user.id,
                           received_on=received, legal_bar_reference=bar, created_by=admin_id,
                           created_at=now, notified_at=None if bar else now)
    session.add(row)
    if not bar:
        mail.enqueue(session, to=user.email, template="authority_request", lang=user.lang,
                     user_id=user.id, name=user.name, authority=authority, legal_basis=legal_basis,
                     scope=scope, received=clock.format_date(received, user.lang))
    session.flush()
    audit.record(session, action="admin.authority_request", actor_user_id=admin_id,
                 actor_role="admin", subject_user_id=user.id, request_id=row.id,
                 notified=not bar, legal_bar=bar)
    session.commit()
    return row.id


def list_authority_requests(session: Session, *, admin_id: int) -> list[AuthorityRow]:
    """Every authority request, newest first (an erased user shows as "—").

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    rows = session.exec(select(AuthorityRequest).order_by(AuthorityRequest.id.desc())).all()
    emails = {u.id: u.email for u in session.exec(select(User).where(
        User.id.in_([r.user_id for r in rows if r.user_id]))).all()} if rows else {}
    return [AuthorityRow(id=r.id, authority=r.authority, legal_basis=r.legal_basis, scope=r.scope,
                         user_email=emails.get(r.user_id, "—"),
                         received_on=clock.format_date(r.received_on), notified=_fmt(r.notified_at),
                         legal_bar=r.legal_bar_reference) for r in rows]


def register_breach(session: Session, *, admin_id: int, discovered_at, description, categories,
                    people_count, measures, high_risk) -> int:
    """Register a data breach (Art. 33); returns its id (audit-logged).

    ``discovered_at`` is Amsterdam time as typed and may not lie in the future. Admin only:
    ``require_admin`` raises Forbidden otherwise. Raises Invalid for a bad time
    (``error.date_invalid``, ``error.time_nonexistent``, ``error.date_future_generic``), no or
    unknown categories (``admin.error.categories``), a bad people count or a non-bool ``high_risk``.
    """
    require_admin(session, admin_id)
    discovered = _datetime(discovered_at)
    description = fields.text(description, field="description", max_len=4000, required=True)
    measures = fields.text(measures, field="measures", max_len=4000)
    if not isinstance(categories, list) or not categories or \
            not all(c in BREACH_CATEGORIES for c in categories):
        raise Invalid("admin.error.categories", field="categories")
    # digits 0-9 as typed, or an int: not "１２" or "٣" (int() reads them), not 1.5 or inf
    if isinstance(people_count, str) and re.fullmatch(r"\s*[0-9]{1,8}\s*", people_count):
        people = int(people_count)
    elif isinstance(people_count, int) and not isinstance(people_count, bool):
        people = people_count
    else:
        raise Invalid("error.invalid_input", field="people_count")
    if people < 0 or people > 10_000_000:
        raise Invalid("error.invalid_input", field="people_count")
    if not isinstance(high_risk, bool):
        raise Invalid("error.invalid_input", field="high_risk")
    row = DataBreach(discovered_at=discovered, description=description, categories=categories,
                     people_count=people, measures=measures, high_risk=high_risk,
                     created_by=admin_id, created_at=clock.now())
    session.add(row)
    session.flush()
    audit.record(session, action="admin.breach.register", actor_user_id=admin_id,
                 actor_role="admin", breach_id=row.id, high_risk=high_risk)
    session.commit()
    return row.id


def _datetime(value) -> datetime:
    """What the admin typed, in Amsterdam time -> the UTC instant; never in the future."""
    parsed = clock.parse_local_datetime(value, field="discovered_at")
    if parsed > clock.now():
        raise Invalid("error.date_future_generic", field="discovered_at")
    return parsed


def _breach(session: Session, breach_id) -> DataBreach:
    row = session.get(DataBreach, breach_id) if fields.is_id(breach_id) else None
    if row is None:
        raise NotFound("error.not_found")
    return row


def record_ap_notification(session: Session, *, admin_id: int, breach_id, reference) -> None:
    """Record that the Autoriteit Persoonsgegevens was notified, with its reference (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown breach,
    Invalid("error.required") without a reference.
    """
    require_admin(session, admin_id)
    row = _breach(session, breach_id)
    row.ap_reference = fields.text(reference, field="ap_reference", max_len=200, required=True)
    row.ap_notified_at = clock.now()
    session.add(row)
    audit.record(session, action="admin.breach.ap_notified", actor_user_id=admin_id,
                 actor_role="admin", breach_id=row.id, reference=row.ap_reference)
    session.commit()


def notify_users_of_breach(session: Session, *, admin_id: int, breach_id) -> int:
    """Art. 34: mail every account about a high-risk breach (once); returns how many mails.

    Blocked accounts are skipped. Admin only: ``require_admin`` raises Forbidden otherwise. NotFound
    for an unknown breach; Invalid("admin.error.not_high_risk"),
    Invalid("admin.error.already_notified").
    """
    require_admin(session, admin_id)
    row = _breach(session, breach_id)
    if not row.high_risk:
        raise Invalid("admin.error.not_high_risk")
    if row.users_notified_at is not None:
        raise Invalid("admin.error.already_notified")
    users = session.exec(select(User).where(User.blocked.is_(False))).all()
    for user in users:
        mail.enqueue(session, to=user.email, template="breach", lang=user.lang, user_id=user.id,
                     name=user.name, description=row.description, measures=row.measures or "—")
    row.users_notified_at = clock.now()
    session.add(row)
    audit.record(session, action="admin.breach.users_notified", actor_user_id=admin_id,
                 actor_role="admin", breach_id=row.id, mails=len(users))
    session.commit()
    return len(users)


def list_breaches(session: Session, *, admin_id: int) -> list[BreachRow]:
    """Every breach, latest discovery first, with its AP deadline and overdue flag.

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    now = clock.now()
    return [BreachRow(id=b.id, discovered=_fmt(b.discovered_at), description=b.description,
                      categories=list(b.categories or []), people_count=b.people_count,
                      high_risk=b.high_risk, ap_notified=_fmt(b.ap_notified_at),
                      ap_deadline=_fmt(b.discovered_at + AP_DEADLINE),
                      ap_overdue=b.ap_notified_at is None and now - b.discovered_at > AP_DEADLINE,
                      users_notified=_fmt(b.users_notified_at))
            for b in session.exec(select(DataBreach).order_by(DataBreach.discovered_at.desc())).all()]
