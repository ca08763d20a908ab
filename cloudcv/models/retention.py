"""Tables of the retention engine, the statement versioning and the processors register.

- ``Lease``: one row per background job; whoever holds an unexpired lease runs it.
- ``RetentionRun``: one row per rule per sweep (what went, how long, errors), for admins.
- ``RetentionNotice``: which "keep your account?" mails went out, once per kind per cycle.
- ``StatementNotice``: per user and statement version: change mail queued, notice dismissed.
- ``Processor``: the processors and hosting locations of §1 and §4.1 (seeded, shown on
  /privacy and in the processing register).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .accounts import SERVICE_RETENTION
from .base import utcnow
from .registry import no_personal_data, personal_data


@no_personal_data(reason="job name, worker id (host:pid) and an expiry time")
class Lease(SQLModel, table=True):
    """Who runs a background job now: whoever holds an unexpired lease
    (services/privacy/retention.py)."""

    __tablename__ = "lease"

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(default="", max_length=64)  # "" = resting until expires_at
    expires_at: datetime


@no_personal_data(reason="per-rule counters of a sweep; errors are stored as exception "
                         "class names only, never with row values")
class RetentionRun(SQLModel, table=True):
    """One rule of one sweep: what went, how long it took, the error class if it failed."""

    __tablename__ = "retention_run"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(index=True, max_length=32)
    rule: str = Field(max_length=60)          # table name, or "accounts" for agreement_end
    after: str = Field(default="", max_length=20)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    duration_ms: int = 0
    deleted: int = 0
    anonymised: int = 0
    prompted: int = 0                          # keep-account mails queued
    error: str = Field(default="", max_length=200)
    dry_run: bool = False
    holder: str = Field(default="", max_length=64)


@personal_data(
    categories=("retention_notice",),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
)
class RetentionNotice(SQLModel, table=True):
    """A "keep your account?" mail sent for the erasure due at ``due_at`` (kind 30d / 7d)."""

    __tablename__ = "retention_notice"
    __table_args__ = (UniqueConstraint("user_id", "kind", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    kind: str = Field(max_length=8)
    due_at: datetime
    sent_at: datetime = Field(default_factory=utcnow)


@personal_data(
    categories=("statement_notice",),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
)
class StatementNotice(SQLModel, table=True):
    """A user and a statement version: when the change mail was queued, when they dismissed
    the notice on the site."""

    __tablename__ = "statement_notice"
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    version: int
    mailed_at: datetime | None = None
    dismissed_at: datetime | None = None


@no_personal_data(reason="companies and data centres we work with (§1, §4.1): business data")
class Processor(SQLModel, table=True):
    """A processor or hosting location of §1 and §4.1 (seeded by migration 0007)."""

    __tablename__ = "processor"

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(max_length=32)      # i18n key suffix: proc.<category>
    role: str = Field(default="processor", max_length=16)  # processor | primary_site | backup_site
    name: str = Field(default="", max_length=120)
    address: str = Field(default="", max_length=200)
    classification: str = Field(default="", max_length=60)
    certifications: str = Field(default="", max_length=200)
    applicable: bool = True                   # False: "nvt" in the statement
    agreement_date: date | None = None        # processing agreement signed (Art. 28)
    data_received: str = Field(default="", max_length=200)
    position: int = 0
