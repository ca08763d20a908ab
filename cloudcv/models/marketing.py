"""Marketing mail (§3.2.3, §3.3.1): news opt-ins, the suppression list and campaigns.

- ``MarketingOptIn``: someone asked for news (an unticked checkbox at registration or in
  Mijn gegevens, or the visitor form with a double opt-in link). Recorded like a consent:
  who, what, when and the SHA-256 of the exact text they ticked. Deleted at once when they
  unsubscribe (P14: "tot u zich afmeldt").
- ``MarketingSuppression``: a keyed hash (HMAC with the app secret) of an address that
  unsubscribed. Never deleted, not even on erasure: it is what keeps "no marketing mail to
  this address, ever" (P13). Without the key it cannot be linked to anyone.
- ``Campaign`` / ``CampaignSend``: what an admin sent, and per campaign the keyed hash of
  every address it went to (unique), so no address gets a campaign twice.

Customers (§3.2.3) need no table of their own: ``User.is_customer`` marks a paid customer;
the eligibility ends with an objection (``objections``) or an unsubscribe (suppression).
Services: ``services/privacy/marketing.py``, ``services/core/suppression.py`` and
``services/admin/campaigns.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, days, no_personal_data, personal_data


@personal_data(
    categories=("name", "organisation", "email"),
    purpose="marketing", clause="3.3.1", basis="consent",
    retention=Retention(days(0), after="unsubscribe", from_field="unsubscribed_at"),
    secret_fields=("email_hash",),
)
class MarketingOptIn(SQLModel, table=True):
    """A request for news by mail: an account's checkbox or a visitor's confirmed form."""

    __tablename__ = "marketing_opt_in"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)  # None: a visitor without account
    email: str = Field(max_length=254)
    email_hash: str = Field(index=True, max_length=64)  # the suppression list's keyed hash
    name: str = Field(default="", max_length=100)
    organisation: str = Field(default="", max_length=120)
    lang: str = Field(default="nl", max_length=5)
    source: str = Field(max_length=16)  # register | mijn_gegevens | visitor
    text_sha256: str = Field(max_length=64)  # the exact checkbox / form text, in `lang`
    created_at: datetime = Field(default_factory=utcnow)
    confirmed_at: datetime | None = None  # visitors: the double opt-in link was followed
    unsubscribed_at: datetime | None = None


@no_personal_data(reason="keyed hash (HMAC, app secret) of an address that unsubscribed: no "
                         "address, no name, no account link; kept for good so no marketing "
                         "mail reaches it again (§3.2.3, §3.3.1, Telecommunicatiewet 11.7)")
class MarketingSuppression(SQLModel, table=True):
    """An unsubscribed address, as a keyed hash only: the outbox never mails it marketing."""

    __tablename__ = "marketing_suppression"

    id: int | None = Field(default=None, primary_key=True)
    address_hash: str = Field(index=True, unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


@no_personal_data(reason="what an admin sent to everyone (subject, text, language): "
                         "no recipient data; the author is an admin id")
class Campaign(SQLModel, table=True):
    """A marketing mail an admin composed on /beheer/campagnes, and when it went out."""

    __tablename__ = "marketing_campaign"

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=150)
    body: str = Field(max_length=20000)
    lang: str = Field(default="nl", max_length=5)
    created_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    sent_count: int = 0


@no_personal_data(reason="campaign id + the keyed address hash of the suppression list: "
                         "nothing readable; only guarantees one mail per address per campaign")
class CampaignSend(SQLModel, table=True):
    """One address (as keyed hash) that got one campaign: unique, so never twice."""

    __tablename__ = "marketing_campaign_send"
    __table_args__ = (UniqueConstraint("campaign_id", "address_hash",
                                       name="uq_campaign_send_address"),)

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(index=True, foreign_key="marketing_campaign.id")
    address_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
