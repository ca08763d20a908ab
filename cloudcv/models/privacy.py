"""Tables that enforce the user's rights: abuse holds and erasure tombstones.

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import utcnow
from .registry import Retention, no_personal_data, personal_data, years


@personal_data(
    categories=("user_id", "abuse_reason"),
    purpose="security", clause="3.2.2", basis="legitimate_interest",
    retention=Retention(years(1), after="handled", from_field="lifted_at"),
)
class AbuseHold(SQLModel, table=True):
    """An admin's hold (with a reason) that keeps a user's security data past 1 year.

    Active while ``lifted_at`` is NULL; a lifted hold is kept one more year as the record
    of why data was kept longer, then swept. Removed with the account."""

    __tablename__ = "abuse_hold"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True)
    reason: str = Field(max_length=500)
    created_by: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    lifted_at: datetime | None = None


@no_personal_data(reason="keyed hash of an erased user id: cannot be linked back to a person; "
                         "lets a restore from backup re-apply erasures")
class ErasureTombstone(SQLModel, table=True):
    """What remains of an erased account: a keyed hash of its id, so a restored backup can erase
    it again."""

    __tablename__ = "erasure_tombstone"

    id: int | None = Field(default=None, primary_key=True)
    subject_hash: str = Field(index=True, unique=True, max_length=64)
    erased_at: datetime = Field(default_factory=utcnow)
