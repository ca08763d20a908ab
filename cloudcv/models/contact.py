"""Questions sent through the contact form (§3.3.2, §8).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, months, personal_data


@personal_data(
    categories=("name", "organisation", "email", "contact_message"),
    purpose="contact", clause="3.3.2", basis="consent",
    retention=Retention(months(2), after="handled", from_field="handled_at"),
)
class ContactQuestion(SQLModel, table=True):
    """A question sent through the contact form, with the admin's answer once handled."""

    __tablename__ = "contact_question"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)  # set when sent while logged in
    name: str = Field(max_length=100)
    organisation: str = Field(default="", max_length=120)
    email: str = Field(max_length=254, index=True)
    message: str = Field(max_length=5000)
    lang: str = Field(default="nl", max_length=5)
    created_at: datetime = Field(default_factory=utcnow)
    answer: str = Field(default="", max_length=5000)
    handled_at: datetime | None = None
    handled_by: int | None = None
