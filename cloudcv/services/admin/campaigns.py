"""Marketing campaigns (admin, /beheer/campagnes): compose, count, send to the eligible only.

Every function takes ``admin_id`` and starts with ``require_admin``. Who is eligible is
``privacy/marketing.eligible`` (opted in, or customer and not objected; never suppressed or
restricted). Sending claims each address with a unique ``(campaign, address hash)`` row
before its mail is queued, so two workers (or a double click) never mail anyone twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from ...i18n import LANGS
from ...models import User
from ...models.marketing import Campaign, CampaignSend
from ..core import audit, clock, fields
from ..core.authz import require_admin
from ..core.errors import Invalid, NotFound
from ..privacy import marketing

SUBJECT_MAX = 150
BODY_MAX = 20000


@dataclass(frozen=True)
class CampaignView:
    """A campaign as the admin page lists it."""

    id: int
    subject: str
    lang: str
    created_at: str
    sent_at: str
    sent_count: int


def _view(row: Campaign, lang: str) -> CampaignView:
    def when(value):
        return clock.format_datetime(value, lang) if value else ""
    return CampaignView(row.id, row.subject, row.lang, when(row.created_at), when(row.sent_at),
                        row.sent_count)


def create(session: Session, *, admin_id, subject, body, lang) -> int:
    """Store a new campaign (not sent yet); returns its id.

    Admins only (``Forbidden`` otherwise). ``Invalid`` for an empty or too long subject, a
    subject with control characters (``\\r\\n`` header injection: ``error.bad_characters``),
    an empty or too long text, or an unknown language. Audit-logged and committed.
    """
    admin = require_admin(session, admin_id)
    subject = fields.text(subject, field="subject", max_len=SUBJECT_MAX, required=True)
    if not isinstance(body, str) or not body.strip():
        raise Invalid("error.required", field="body")
    body = body.replace("\r\n", "\n").strip()
    if len(body) > BODY_MAX:
        raise Invalid("error.too_long", field="body", max=BODY_MAX)
    if fields.MULTILINE_FORBIDDEN.search(body):
        raise Invalid("error.bad_characters", field="body")
    lang = fields.choice(lang, LANGS, field="lang")
    row = Campaign(subject=subject, body=body, lang=lang, created_by=admin.id,
                   created_at=clock.now())
    session.add(row)
    session.flush()
    audit.record(session, action="admin.campaign_created", actor_user_id=admin.id,
                 actor_role="admin", campaign_id=row.id)
    session.commit()
    return row.id


def _campaign(session: Session, campaign_id) -> Campaign:
    row = session.get(Campaign, campaign_id) if fields.is_id(campaign_id) else None
    if row is None:
        raise NotFound("error.not_found")
    return row


def recent(session: Session, *, admin_id, lang: str = "nl", limit: int = 50) -> list[CampaignView]:
    """The newest campaigns, times in Amsterdam time. Admins only (``Forbidden`` otherwise)."""
    require_admin(session, admin_id)
    rows = session.exec(select(Campaign).order_by(Campaign.id.desc()).limit(limit)).all()
    return [_view(r, lang) for r in rows]


def count_eligible(session: Session, *, admin_id, campaign_id) -> int:
    """How many addresses the campaign would reach now (those it already reached excluded).

    Admins only (``Forbidden``); ``NotFound`` for an unknown campaign. Reads only.
    """
    require_admin(session, admin_id)
    row = _campaign(session, campaign_id)
    done = set(session.exec(select(CampaignSend.address_hash).where(
        CampaignSend.campaign_id == row.id)).all())
    return sum(1 for a in marketing.eligible(session, lang=row.lang) if a.digest not in done)


def _claim(session: Session, campaign_id: int, digest: str) -> bool:
    """Insert the (campaign, address) row unless it exists; True when this call made it."""
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    stmt = insert(CampaignSend).values(campaign_id=campaign_id, address_hash=digest,
                                       created_at=clock.now()).on_conflict_do_nothing(
        index_elements=["campaign_id", "address_hash"]).returning(CampaignSend.id)
    return session.exec(stmt).first() is not None


def send(session: Session, *, admin_id, campaign_id) -> int:
    """Queue the campaign for every eligible address that did not get it yet; returns how many.

    Admins only (``Forbidden``); ``NotFound`` for an unknown campaign. Commits per address
    (claim + outbox row together), so an interrupted or concurrent send never doubles a mail;
    run it off the event loop (``db.in_session``). Audit-logged.
    """
    admin = require_admin(session, admin_id)
    row = _campaign(session, campaign_id)
    campaign_id, subject, body, lang = row.id, row.subject, row.body, row.lang
    queued = 0
    for addressee in marketing.eligible(session, lang=lang):
        if not _claim(session, campaign_id, addressee.digest):
            session.rollback()
            continue
        if marketing.enqueue_mail(session, to=addressee, subject=subject, body=body) is None:
            session.rollback()  # unsubscribed in the meantime: no claim, no mail
            continue
        session.commit()
        queued += 1
    row = _campaign(session, campaign_id)
    row.sent_at = clock.now()
    row.sent_count = len(session.exec(select(CampaignSend.id).where(
        CampaignSend.campaign_id == campaign_id)).all())
    session.add(row)
    audit.record(session, action="admin.campaign_sent", actor_user_id=admin.id,
                 actor_role="admin", campaign_id=campaign_id, queued=queued)
    session.commit()
    return queued


def set_customer(session: Session, *, admin_id, user_id, on) -> bool:
    """Mark an account as a paid customer (or not): the basis of §3.2.3 mail. Returns the state.

    Admins only (``Forbidden``); ``Invalid`` for a non-bool, ``NotFound`` for an unknown user.
    Audit-logged and committed.
    """
    admin = require_admin(session, admin_id)
    if not isinstance(on, bool):
        raise Invalid("error.invalid_input")
    user = session.get(User, user_id) if fields.is_id(user_id) else None
    if user is None:
        raise NotFound("error.not_found")
    if user.is_customer != on:
        user.is_customer = on
        session.add(user)
        audit.record(session, action="admin.customer_set", actor_user_id=admin.id,
                     actor_role="admin", subject_user_id=user.id, on=on)
        session.commit()
    return on
