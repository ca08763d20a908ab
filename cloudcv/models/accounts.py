"""Accounts, server-side sessions, login events and single-use tokens.

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it). So the retention of login events is the decorator
above ``LoginEvent``; the account's period (``SERVICE_RETENTION``) is the clock of every
``agreement_end`` table (``services/privacy/account_retention.py`` enforces it, and
``services/privacy/retention.py`` every other period).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, days, personal_data, years

SERVICE_RETENTION = Retention(years(2), after="agreement_end", from_field="last_login_at")


@personal_data(
    categories=("name", "email", "password_hash", "language"),
    purpose="service", clause="3.1", basis="contract",
    retention=SERVICE_RETENTION, subject="id", secret_fields=("password_hash",),
)
class User(SQLModel, table=True):
    """An account (§3.1): the agreement whose end starts the clock of every ``agreement_end``
    table (services/privacy/account_retention.py)."""

    __tablename__ = "user_account"
    # SQLite: never hand out the id of a deleted (newest) account again, so an erasure
    # tombstone keyed by the id cannot hit a later account after a restore (migration 0010).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=254)
    name: str = Field(max_length=100)
    password_hash: str = Field(max_length=255)
    lang: str = Field(default="nl", max_length=5)
    role: str = Field(default="user", max_length=10)
    email_verified_at: datetime | None = None
    blocked: bool = False
    restricted_at: datetime | None = None  # Art. 18: only storage while set
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    kept_at: datetime | None = None  # "keep my account" clicked: restarts the agreement clock
    is_customer: bool = False  # a paid customer: may get mail about similar services (§3.2.3)


@personal_data(
    categories=("session_id", "ip_address", "device_id", "os", "browser", "login_time", "place"),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(days(30), after="technical", from_field="expires_at"),
    secret_fields=("token_hash",),
)
class AuthSession(SQLModel, table=True):
    """A login. The browser holds only a random token; we store its SHA-256."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(index=True, unique=True, max_length=32)
    token_hash: str = Field(index=True, unique=True, max_length=64)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ip: str = Field(default="", max_length=45)
    device_id: str = Field(default="", max_length=64)
    os: str = Field(default="", max_length=64)
    browser: str = Field(default="", max_length=64)
    place: str = Field(default="", max_length=100)
    reauth_at: datetime | None = None  # password re-entered (exports need a recent login)


@personal_data(
    categories=("ip_address", "device_id", "session_id", "os", "browser", "login_time", "place",
                "connection_type"),
    purpose="security", clause="3.2.2", basis="legitimate_interest",
    retention=Retention(years(1), after="collection", unless="abuse_hold"),
    secret_fields=("email_hmac",),
)
class LoginEvent(SQLModel, table=True):
    """Every login attempt, successful or not (§3.2.2: keeping the service safe).

    ``email_hmac`` (keyed hash of the typed address) lets throttling count failures for
    addresses without an account, so lockouts never reveal whether an account exists.
    """

    __tablename__ = "login_event"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)
    email_hmac: str = Field(index=True, max_length=64)
    ip: str = Field(default="", index=True, max_length=45)
    device_id: str = Field(default="", max_length=64)
    session_public_id: str = Field(default="", max_length=32)
    os: str = Field(default="", max_length=64)
    browser: str = Field(default="", max_length=64)
    place: str = Field(default="", max_length=100)
    connection: str = Field(default="", max_length=32)
    success: bool = False
    reason: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)


@personal_data(
    categories=("account_token",),
    purpose="service", clause="3.1", basis="contract",
    retention=Retention(days(7), after="technical", from_field="expires_at"),
    exported=False, secret_fields=("nonce_hash",),
)
class OneTimeToken(SQLModel, table=True):
    """Server half of a signed, single-use link (verify email, reset password, ...)."""

    __tablename__ = "one_time_token"

    id: int | None = Field(default=None, primary_key=True)
    nonce_hash: str = Field(index=True, unique=True, max_length=64)
    purpose: str = Field(max_length=32)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
