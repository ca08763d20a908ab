"""Second factors (issue 24): the TOTP secret of an authenticator app, its single-use
recovery codes, and passkeys (WebAuthn credentials), which log in without a password.

All three exist only while the account does and are erased with it (``on_erasure``
delete, the account's ``SERVICE_RETENTION``). The TOTP secret is sealed (encrypted at rest,
``sealed.py``) and, like the recovery codes' keyed hashes, never exported or shown again
(``secret_fields``); the export says that a second factor is on and since when. The
services: ``services/accounts/two_factor.py`` and ``services/accounts/passkeys.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Column, Field, LargeBinary, SQLModel

from .accounts import SERVICE_RETENTION
from .base import utcnow
from .registry import personal_data
from .sealed import sealed, sealed_column


@personal_data(categories=("second_factor",), purpose="service", clause="3.1",
               basis="contract", retention=SERVICE_RETENTION,
               secret_fields=("secret",))
@sealed(secret="text")
class TwoFactor(SQLModel, table=True):
    """The TOTP secret (RFC 6238) of one account. Active once ``confirmed_at`` is set (a code
    from the app confirmed it); ``last_step`` is the newest time step a code was accepted
    for, so no code works twice."""

    __tablename__ = "two_factor"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, unique=True, foreign_key="user_account.id")
    secret: str = Field(sa_column=sealed_column())
    confirmed_at: datetime | None = None
    last_step: int = 0
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(categories=("second_factor",), purpose="service", clause="3.1",
               basis="contract", retention=SERVICE_RETENTION,
               secret_fields=("code_hash",))
class RecoveryCode(SQLModel, table=True):
    """One of the ten single-use recovery codes, shown once; stored as a keyed hash."""

    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    code_hash: str = Field(index=True, unique=True, max_length=64)
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(categories=("passkey",), purpose="service", clause="3.1",
               basis="contract", retention=SERVICE_RETENTION,
               secret_fields=("public_key",))
class Passkey(SQLModel, table=True):
    """A passkey (a WebAuthn credential, ``services/accounts/passkeys.py``): its name, the
    credential id and public key the browser's authenticator made, and its signature
    counter (a clone that replays an old counter is refused). The private key never leaves
    the user's device."""

    __tablename__ = "passkey"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    name: str = Field(max_length=60)
    credential_id: str = Field(index=True, unique=True, max_length=512)  # base64url
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # COSE
    sign_count: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
