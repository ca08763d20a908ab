"""The audit log: who did what, when, to whom. Append-only (see services/audit.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .base import utcnow
from .registry import Retention, personal_data, years


@personal_data(
    categories=("user_id", "ip_address", "account_actions"),
    purpose="accountability", clause="5", basis="legal_obligation",
    retention=Retention(years(3), after="collection",
                        # demonstrating compliance (requests, erasures, admin actions)
                        legal_override="AVG/GDPR art. 5(2), 24"),
    subject="subject_user_id", on_erasure="anonymise",
)
class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    actor_user_id: int | None = Field(default=None, index=True)
    actor_role: str = Field(default="user", max_length=10)   # user | admin | system
    action: str = Field(max_length=60, index=True)            # e.g. "account.login"
    subject_user_id: int | None = Field(default=None, index=True)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON))
    ip: str = Field(default="", max_length=45)
    created_at: datetime = Field(default_factory=utcnow, index=True)
