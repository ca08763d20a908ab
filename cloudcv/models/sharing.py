"""Sending a CV as a personal link (§4.2, sharing only on the user's own action): the link,
the copy of the CV as it was when sent, the access log the owner sees, and the per-IP
counter that rate-limits the public page.

Registry entries (what each table holds, why, how long): the decorator above each class.
Links, copies and access logs belong to the CV: deleting the CV or the account deletes them
(``cvs.delete_cv`` removes every registered row with the CV's ``cv_id``; erasure walks the
registry). The services are ``services/privacy/sharing.py`` (the owner) and
``services/privacy/shared_view.py`` (the recipient's page).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, days, personal_data
from .sealed import sealed, sealed_column

# A dead link (expired or revoked) stays listed for its owner this long, then goes.
LINK_HISTORY = days(90)


@personal_data(
    categories=("recipients", "share_link"),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(LINK_HISTORY, after="technical", from_field="expires_at"),
    secret_fields=("token_hash",),
)
class ShareLink(SQLModel, table=True):
    """One personal link to one recipient. The mail carries a signed token; we keep only the
    SHA-256 of its random part, so the owner can revoke it and a database copy opens nothing."""

    __tablename__ = "share_link"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    cv_id: int = Field(index=True, foreign_key="cv.id")
    recipient_id: int = Field(index=True, foreign_key="cv_recipient.id")
    token_hash: str = Field(index=True, unique=True, max_length=64)
    follow_edits: bool = False  # True: the recipient sees the CV as it is now, not as sent
    anonymous: bool = False  # the anonymous CV ("anoniem solliciteren"): no name, photo, contact
    letter_id: int | None = None  # a cover letter of the CV, sent before it (issue 23)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


@personal_data(
    categories=("name", "address", "phone", "email", "birth_date", "nationality", "gender",
                "marital_status", "driving_licence", "education", "work_experience",
                "other_info", "photo"),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(days(1), after="technical", from_field="expires_at"),
    secret_fields=("pdf",),
)
@sealed(pdf="bytes")
class ShareSnapshot(SQLModel, table=True):
    """The CV as a PDF at the moment it was sent: what the recipient sees (unless the link
    follows later edits). Deleted on revoke, and a day after the link expired."""

    __tablename__ = "share_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    cv_id: int = Field(index=True, foreign_key="cv.id")
    link_id: int = Field(index=True, unique=True,
                         foreign_key="share_link.id", ondelete="CASCADE")
    pdf: bytes = Field(sa_column=sealed_column())  # sealed (models/sealed.py)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


@personal_data(
    categories=("recipients", "share_views"),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(LINK_HISTORY, after="technical", from_field="created_at"),
)
class ShareAccess(SQLModel, table=True):
    """"Bekeken op …" / "pdf gedownload op …": when a link was used and on which kind of
    device (desktop, mobile, tablet). No IP, no user agent, no pixel."""

    __tablename__ = "share_access"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    cv_id: int = Field(index=True, foreign_key="cv.id")
    link_id: int = Field(index=True, foreign_key="share_link.id", ondelete="CASCADE")
    kind: str = Field(max_length=8)  # view | pdf
    device: str = Field(default="", max_length=8)  # desktop | mobile | tablet | ""
    created_at: datetime = Field(default_factory=utcnow, index=True)


@personal_data(
    categories=("ip_address",),
    purpose="security", clause="3.2.2", basis="legitimate_interest",
    retention=Retention(days(1), after="technical", from_field="created_at"),
    exported=False, secret_fields=("ip_hmac",),
)
class ShareHit(SQLModel, table=True):
    """One request to the shared page, counted per keyed hash of the IP for the rate limit
    (no IP itself). ``user_id`` is the link's owner when the token was valid, else NULL."""

    __tablename__ = "share_hit"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)
    ip_hmac: str = Field(index=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, index=True)
