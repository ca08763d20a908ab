"""Proof of consent (GDPR Art. 7(1)) and the first-party page views consent switches on.

``ConsentRecord`` is append-only: one row per choice a visitor makes in the cookie banner
or the cookie settings; the newest row for a consent id is the choice in force. The only
change ever made to a row is filling in ``user_id`` once (linking the visitor's consent id
to the account on login) and, on erasure, emptying it again (see services/privacy/consent.py).

``AnalyticsEvent`` rows exist only while analytics consent is given (services/privacy/consent.py
decides, in ``may_process``); withdrawing that consent deletes the consent id's rows.

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .base import utcnow
from .registry import Retention, personal_data, years


@personal_data(
    categories=("consent_id", "consent_choice", "consent_time", "language", "ip_address",
                "browser"),
    purpose="consent_proof", clause="3.3", basis="legal_obligation",
    retention=Retention(
        years(5), after="collection", from_field="created_at",
        # A choice counts for at most a year (CHOICE_VALID_DAYS); its record is kept as
        # long as the Dutch DPA can still fine; on erasure it loses its account link.
        legal_override="GDPR art. 7(1) (proof of consent); Awb art. 5:45 (DPA fining period)",
    ),
    on_erasure="anonymise",
)
class ConsentRecord(SQLModel, table=True):
    """One cookie-banner choice of a visitor: proof of consent (Art. 7(1)), append-only."""

    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: str = Field(index=True, max_length=32)
    user_id: int | None = Field(default=None, index=True)
    accepted: list = Field(default_factory=list, sa_column=Column(JSON))
    refused: list = Field(default_factory=list, sa_column=Column(JSON))
    method: str = Field(max_length=12)  # accept_all | reject_all | custom | withdraw
    banner_revision: int
    text_sha256: str = Field(max_length=64)  # the exact banner + settings text, in `lang`
    lang: str = Field(max_length=5)
    ip_truncated: str = Field(default="", max_length=45)  # /24 (IPv4) or /48 (IPv6)
    user_agent: str = Field(default="", max_length=255)
    created_at: datetime = Field(default_factory=utcnow, index=True)


@personal_data(
    categories=("cookie_id", "site_usage", "referrer", "location", "device_type"),
    purpose="analytics", clause="3.3.3", basis="consent",
    # Deleted at once when analytics consent is withdrawn (services/privacy/consent.record_choice);
    # in any case at most 1 year after collection (the cap of §3.3.3, models/purposes.py).
    retention=Retention(years(1), after="consent_withdrawn", from_field="created_at"),
)
class AnalyticsEvent(SQLModel, table=True):
    """One page view. No IP address, no query string, no full referrer URL."""

    __tablename__ = "analytics_event"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: str = Field(index=True, max_length=32)
    analytics_id: str = Field(max_length=32)  # the cloudcv_analytics cookie
    user_id: int | None = Field(default=None, index=True)  # only to export / erase it
    path: str = Field(max_length=200)  # the route pattern, e.g. /cv/[cv_id]
    referrer: str = Field(default="", max_length=200)  # own path, or another site's host
    country: str = Field(default="", max_length=2)  # ISO code from GeoIP when configured
    device_class: str = Field(default="", max_length=8)  # desktop | mobile | tablet
    created_at: datetime = Field(default_factory=utcnow, index=True)
