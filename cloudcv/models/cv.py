"""CVs, their entries, photos and (intended) recipients (§3.1 of the statement).

Registry entries (what each table holds, why, how long): the decorator above each class
(``models/registry.py`` explains it).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import JSON, Column, Field, SQLModel

from .accounts import SERVICE_RETENTION
from .base import utcnow
from .registry import Retention, days, personal_data
from .sealed import sealed, sealed_column

# A deleted CV waits in the trash this long (one-click restore), then the retention engine
# erases it (services/privacy/trash.py); /privacy and the Art. 30 register state it.
TRASH_RETENTION = Retention(days(30), after="handled", from_field="trashed_at")
# what a copy of a CV's whole content holds (undo steps, versions)
CV_CONTENT = ("name", "address", "phone", "email", "birth_date", "nationality", "gender",
              "marital_status", "driving_licence", "education", "work_experience", "other_info")


@personal_data(
    categories=("name", "address", "phone", "email", "birth_date", "nationality", "gender",
                "marital_status", "driving_licence", "other_info"),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
    trash=TRASH_RETENTION,
)
@sealed(birth_date="date", nationality="text", gender="text", marital_status="text",
        driving_licence="json")
class CV(SQLModel, table=True):
    """A CV with its personal details; entries, photo and recipients hang off it. The
    sensitive details are stored sealed (``models/sealed.py``); limits are the editor's."""

    __tablename__ = "cv"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    title: str = Field(max_length=100)
    template: str = Field(default="accent", max_length=16)
    accent: str = Field(default="#3e63dd", max_length=7)
    lang: str = Field(default="nl", max_length=5)
    # personal details — all optional except the name
    full_name: str = Field(default="", max_length=100)
    headline: str = Field(default="", max_length=120)
    email: str = Field(default="", max_length=254)
    email_business: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    street: str = Field(default="", max_length=120)
    postal_code: str = Field(default="", max_length=12)
    city: str = Field(default="", max_length=80)
    country: str = Field(default="", max_length=80)
    website: str = Field(default="", max_length=200)
    birth_date: date | None = Field(default=None, sa_column=sealed_column())
    nationality: str = Field(default="", sa_column=sealed_column())  # ≤ 60 (cvs.LIMITS)
    gender: str = Field(default="", sa_column=sealed_column())  # ≤ 40
    marital_status: str = Field(default="", sa_column=sealed_column())  # ≤ 40
    driving_licence: list = Field(default_factory=list, sa_column=sealed_column())
    profile: str = Field(default="", max_length=5000)
    other_info: str = Field(default="", max_length=5000)
    # the owner's own note ("sent to X on 3 March"): never printed, never shown to a recipient
    private_note: str = Field(default="", max_length=2000)
    # the name an anonymous CV goes by ("anoniem solliciteren"); empty: the initials
    alias: str = Field(default="", max_length=60)
    # layout and per-export choices
    hidden_sections: list = Field(default_factory=list, sa_column=Column(JSON))
    # section order and own names (services/cv/sections.py); empty: the defaults
    section_order: list = Field(default_factory=list, sa_column=Column(JSON))
    section_titles: dict = Field(default_factory=dict, sa_column=Column(JSON))
    omit_fields: list = Field(default_factory=list, sa_column=Column(JSON))
    # sections that start on a new page in the PDF (keys as in section_order)
    page_breaks: list = Field(default_factory=list, sa_column=Column(JSON))
    # locked against edits (services/cv/lock.py): still downloadable and shareable
    locked: bool = Field(default=False)
    photo_id: int | None = Field(default=None)
    # typography (bounds: services/cv/typography.py); None: the template's own
    font: str = Field(default="dejavu", max_length=24)
    font_size: float = Field(default=9.5)
    line_spacing: float = Field(default=1.15)
    margin_mm: int | None = Field(default=None)
    text_color: str | None = Field(default=None, max_length=7)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # in the trash since (services/privacy/trash.py); None: a live CV
    trashed_at: datetime | None = Field(default=None, index=True)


@personal_data(
    categories=("education", "work_experience", "other_info"),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
)
class CVEntry(SQLModel, table=True):
    """A job, study, skill or language of a CV; ``position`` orders it within its section."""

    __tablename__ = "cv_entry"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    section: str = Field(max_length=16)  # work | education | skills | languages
    position: int = 0
    title: str = Field(default="", max_length=120)
    organisation: str = Field(default="", max_length=120)
    location: str = Field(default="", max_length=80)
    start: date | None = None
    end: date | None = None
    current: bool = False
    description: str = Field(default="", max_length=5000)
    level: str = Field(default="", max_length=8)


@personal_data(
    categories=("other_info",),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
)
class CVSection(SQLModel, table=True):
    """A section of the user's own on one CV (``services/cv/custom.py``): its title; its
    entries are ``CVEntry`` rows whose ``section`` is this section's key ``c<id>``."""

    __tablename__ = "cv_section"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    title: str = Field(default="", max_length=60)
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(categories=CV_CONTENT, purpose="service", clause="3.1", basis="contract",
               retention=SERVICE_RETENTION)
@sealed(content="json")
class CVHistory(SQLModel, table=True):
    """One undo or redo step of a CV (``services/cv/history.py``): the CV's editable
    content as it was, sealed like the CV's own sensitive fields; at most
    ``history.MAX_STEPS`` per kind and CV, gone with the CV."""

    __tablename__ = "cv_history"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    kind: str = Field(max_length=4)  # "undo" | "redo"
    content: dict = Field(default_factory=dict, sa_column=sealed_column())
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(categories=CV_CONTENT, purpose="service", clause="3.1", basis="contract",
               retention=SERVICE_RETENTION)
@sealed(content="zjson")
class CVSnapshot(SQLModel, table=True):
    """One saved version of a CV (``services/cv/versions.py``): taken at every download and
    every send, or named by the user; the CV's editable content, deflated and sealed; at
    most ``versions.MAX_VERSIONS`` per CV, gone with the CV."""

    __tablename__ = "cv_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    reason: str = Field(max_length=8)          # download | send | named | restore
    name: str = Field(default="", max_length=80)
    content: dict = Field(default_factory=dict, sa_column=sealed_column())
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(categories=("name", "address", "cover_letter"), purpose="service", clause="3.1",
               basis="contract", retention=SERVICE_RETENTION)
class CoverLetter(SQLModel, table=True):
    """A cover letter (``services/cv/letters.py``), styled like the CV it belongs to (its
    template, fonts, colours and header); gone with that CV. Limits are the editor's."""

    __tablename__ = "cover_letter"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    title: str = Field(max_length=100)
    recipient_name: str = Field(default="", max_length=100)
    recipient_org: str = Field(default="", max_length=120)
    recipient_address: str = Field(default="", max_length=300)
    place: str = Field(default="", max_length=80)
    letter_date: date | None = Field(default=None)
    subject: str = Field(default="", max_length=150)
    salutation: str = Field(default="", max_length=100)
    body: str = Field(default="", max_length=8000)
    closing: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


@personal_data(
    categories=("photo",),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
    secret_fields=("data",),
)
@sealed(data="bytes")
class Photo(SQLModel, table=True):
    """A cleaned portrait (re-encoded JPEG, no metadata). Bytes live in the database, so
    every worker on every host sees them and erasing the row erases the bytes."""

    __tablename__ = "photo"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(index=True, foreign_key="user_account.id")
    data: bytes = Field(sa_column=sealed_column())
    width: int
    height: int
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


@personal_data(
    categories=("recipients",),
    purpose="service", clause="3.1", basis="contract", retention=SERVICE_RETENTION,
)
class Recipient(SQLModel, table=True):
    """An (intended) recipient of a CV (services/cv/recipients.py); sending is a personal
    link (models/sharing.py, services/privacy/sharing.py). It is data about another person:
    exported to the user (they typed it, marked ``about_others``), never transferred to
    third parties."""

    __tablename__ = "cv_recipient"

    id: int | None = Field(default=None, primary_key=True)
    cv_id: int = Field(index=True, foreign_key="cv.id")
    user_id: int = Field(index=True, foreign_key="user_account.id")
    name: str = Field(default="", max_length=100)
    email: str = Field(default="", max_length=254)
    organisation: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
