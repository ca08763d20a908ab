"""What admins register on the company's side: authority requests (§4.3) and data
breaches (GDPR Art. 33/34).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .base import utcnow
from .registry import Retention, no_personal_data, personal_data, years


@personal_data(
    categories=("user_id", "authority_request"),
    purpose="legal_obligation", clause="4.3", basis="legal_obligation",
    retention=Retention(years(5), after="collection",
                        legal_override="GDPR art. 5(2) (accountability for disclosures to authorities)"),
    on_erasure="anonymise",
)
class AuthorityRequest(SQLModel, table=True):
    """A request of a government body for a user's data, with its legal basis and whether
    (and when) the user was told. Not telling requires a recorded legal bar."""

    __tablename__ = "authority_request"

    id: int | None = Field(default=None, primary_key=True)
    authority: str = Field(max_length=200)
    legal_basis: str = Field(max_length=300)
    scope: str = Field(max_length=2000)
    user_id: int | None = Field(default=None, index=True)
    received_on: date
    legal_bar_reference: str = Field(default="", max_length=300)
    notified_at: datetime | None = None
    created_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


@no_personal_data(reason="incident metadata only: affected people are counted, not named")
class DataBreach(SQLModel, table=True):
    """A data breach registered by an admin (Art. 33/34), with the 72-hour clock to the
    authority."""

    __tablename__ = "data_breach"

    id: int | None = Field(default=None, primary_key=True)
    discovered_at: datetime
    description: str = Field(max_length=4000)
    categories: list = Field(default_factory=list, sa_column=Column(JSON))
    people_count: int = 0
    measures: str = Field(default="", max_length=4000)
    high_risk: bool = False
    ap_notified_at: datetime | None = None
    ap_reference: str = Field(default="", max_length=200)
    users_notified_at: datetime | None = None
    created_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
