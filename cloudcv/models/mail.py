"""The mail outbox: every mail is a row first, delivered by the sender when SMTP is set.

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, days, personal_data
from .sealed import sealed, sealed_column


@personal_data(
    categories=("email", "name", "mail_content"),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(days(30), after="technical", from_field="created_at"),
)
@sealed(body_text="text", body_html="text", headers="json")
class OutboxMail(SQLModel, table=True):
    """A mail to send (or sent): the outbox the sender delivers from when SMTP is set. Bodies
    and headers (sign-in, reset and unsubscribe links, the /verzoek code) are stored sealed
    (``models/sealed.py``)."""

    __tablename__ = "outbox_mail"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)
    to_addr: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body_text: str = Field(sa_column=sealed_column())
    body_html: str = Field(sa_column=sealed_column())
    headers: dict = Field(default_factory=dict, sa_column=sealed_column())
    kind: str = Field(default="service", max_length=16)  # service | marketing
    template: str = Field(default="", max_length=40)
    status: str = Field(default="queued", index=True, max_length=10)  # queued|sent|failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    last_error: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
