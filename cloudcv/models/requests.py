"""Requests under §7 of the statement (access, correction, erasure, restriction,
portability, objection): the queue an admin works on.

Two ways in:

- ``source="mijn_gegevens"``: a logged-in user (objections under §3.2 / Art. 21).
- ``source="verzoek"``: the public ``/verzoek`` form for people who cannot log in. Such a
  request starts ``unverified`` with a 6-digit one-time code (stored as a keyed hash) mailed
  to the account's own address; only a correct code within its lifetime and attempt limit
  makes it ``open``. Unverified requests never act and never enter the admin queue.

Status: ``unverified`` → ``open`` → (``extended``) → ``done`` | ``rejected``. ``due_at`` is
4 weeks after receipt (§7); one extension of 4 more weeks (``extended_until``, with a
reason) is the admin console's business (issue 8).

An objection is a request of kind ``objection`` with a ``purpose`` and a required
``motivation``; a marketing objection is upheld at once (services/privacy/objections.py).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, personal_data, years

KINDS = ("access", "correction", "erasure", "restriction", "portability", "objection")
OBJECTION_PURPOSES = ("service_improvement", "security", "marketing")
STATUSES = ("unverified", "open", "extended", "done", "rejected")
DECISIONS = ("upheld", "rejected", "done")


@personal_data(
    categories=("email", "request_details", "objection_motivation"),
    purpose="rights_requests", clause="7", basis="legal_obligation",
    retention=Retention(
        years(3), after="handled", from_field="decided_at",
        # proof of how a request was handled; unverified requests are purged after a day
        legal_override="AVG/GDPR art. 5(2), 12 (proof of how a request was handled)",
    ),
    secret_fields=("code_hash", "ip_hmac"),
)
class DataRequest(SQLModel, table=True):
    """One §7 request (or objection) in the admin queue, with its status, due date and decision.
    """

    __tablename__ = "data_request"

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(index=True, unique=True, max_length=32)  # handle for the form
    user_id: int | None = Field(default=None, index=True)  # NULL: no account behind the address
    email: str = Field(default="", max_length=254)
    lang: str = Field(default="nl", max_length=5)
    kind: str = Field(max_length=16)
    purpose: str = Field(default="", max_length=24)       # objections only
    motivation: str = Field(default="", max_length=5000)  # required for objections
    details: str = Field(default="", max_length=5000)
    source: str = Field(max_length=16)                    # mijn_gegevens | verzoek
    status: str = Field(default="unverified", index=True, max_length=12)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    received_at: datetime | None = None                   # verified (or made while logged in)
    due_at: datetime | None = Field(default=None, index=True)
    extended_until: datetime | None = None
    extension_reason: str = Field(default="", max_length=2000)
    decided_at: datetime | None = None
    decision: str = Field(default="", max_length=12)
    decision_reason: str = Field(default="", max_length=5000)
    code_hash: str = Field(default="", max_length=64)
    code_expires_at: datetime | None = None
    code_attempts: int = 0
    ip_hmac: str = Field(default="", max_length=64, index=True)  # keyed hash, for the /verzoek limit
