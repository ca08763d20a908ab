"""The audit log: who did what, when, to whom. Append-only (see services/core/audit.py).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .base import utcnow
from .registry import Retention, no_personal_data, personal_data, years


@personal_data(
    categories=("user_id", "ip_address", "account_actions"),
    purpose="accountability", clause="5", basis="legal_obligation",
    retention=Retention(years(3), after="collection",
                        # demonstrating compliance (requests, erasures, admin actions)
                        legal_override="AVG/GDPR art. 5(2), 24"),
    subject="subject_user_id", on_erasure="anonymise",
)
class AuditEvent(SQLModel, table=True):
    """One logged action: who (``actor_user_id``, role), what (``action``), to whom
    (``subject_user_id``). Append-only; anonymised, not deleted, on erasure."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    actor_user_id: int | None = Field(default=None, index=True)
    actor_role: str = Field(default="user", max_length=10)   # user | admin | system
    action: str = Field(max_length=60, index=True)            # e.g. "account.login"
    subject_user_id: int | None = Field(default=None, index=True)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON))
    ip: str = Field(default="", max_length=45)
    created_at: datetime = Field(default_factory=utcnow, index=True)


@no_personal_data(reason="a table name and a cutoff time; a row exists only inside the "
                         "retention transaction that deletes expired append-only rows")
class AppendOnlyGrant(SQLModel, table=True):
    """Permission for the database triggers to let ``DELETE`` through on an append-only
    table (``audit_event``, ``consent_record``), for rows created before ``cutoff`` only.

    Written and removed again inside one transaction by ``services/core/append_only.py``
    (``deleting_expired``), never committed: other connections never see it.
    """

    __tablename__ = "append_only_grant"

    table_name: str = Field(primary_key=True, max_length=40)
    cutoff: datetime
