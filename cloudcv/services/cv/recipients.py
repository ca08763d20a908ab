"""The (intended) recipients of a CV (§3.1): add, edit, remove, list.

Recipients are data about other people that the user types in: a name, an organisation, an
e-mail address and a private note. Every function acts for the CV's owner only
(``checks.owned_cv``: another user's CV or recipient is ``NotFound``) and is one
transaction. Every field is single-line text: a carriage return or line feed (a mail header
injection) or any other control character is refused with ``error.bad_characters``, and
nothing is stored. Sending a CV to a recipient is ``services/privacy/sharing.py``; removing
a recipient removes their links and access log with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, delete, func, select

from ...models import Recipient, ShareAccess, ShareLink, ShareSnapshot
from ..core import fields
from ..core.errors import Invalid, NotFound
from .checks import owned_cv

MAX_PER_CV = 100
LIMITS = {"name": 100, "organisation": 120, "email": 254, "note": 500}


@dataclass(frozen=True)
class RecipientView:
    """One recipient as the editor shows it (plain values)."""

    id: int
    name: str
    organisation: str
    email: str
    note: str


def _view(row: Recipient) -> RecipientView:
    return RecipientView(id=row.id, name=row.name, organisation=row.organisation,
                         email=row.email, note=row.note)


def _clean(name, organisation, email, note) -> dict[str, str]:
    """The four fields as stored; ``Invalid`` naming the first bad field."""
    return {
        "name": fields.text(name, field="name", max_len=LIMITS["name"], required=True),
        "organisation": fields.text(organisation, field="organisation",
                                    max_len=LIMITS["organisation"]),
        "email": fields.email(email, field="email"),
        "note": fields.text(note, field="note", max_len=LIMITS["note"]),
    }


def owned_recipient(session: Session, *, user_id: int, recipient_id) -> Recipient:
    """The recipient ``recipient_id`` if it belongs to ``user_id``; ``NotFound`` otherwise
    (another user's, a missing one and a non-id look the same)."""
    if not fields.is_id(recipient_id):
        raise NotFound("error.not_found")
    row = session.get(Recipient, recipient_id)
    if row is None or row.user_id != user_id:
        raise NotFound("error.not_found")
    owned_cv(session, user_id=user_id, cv_id=row.cv_id)  # not one of a CV in the trash
    return row


def list_recipients(session: Session, *, user_id: int, cv_id) -> list[RecipientView]:
    """The CV's recipients in the order they were added. The owner only: ``NotFound``
    otherwise."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    rows = session.exec(select(Recipient).where(Recipient.cv_id == cv.id)
                        .order_by(Recipient.id)).all()
    return [_view(r) for r in rows]


def add_recipient(session: Session, *, user_id: int, cv_id, name, email, organisation="",
                  note="") -> RecipientView:
    """Add a recipient to the CV; returns it. The owner only (``NotFound``). Raises
    ``Invalid``: a required name, a valid e-mail address, lengths, no control characters
    (``error.bad_characters``), and ``error.too_many_recipients`` beyond ``MAX_PER_CV``.
    Commits."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    values = _clean(name, organisation, email, note)
    count = session.exec(select(func.count(Recipient.id)).where(Recipient.cv_id == cv.id)).one()
    if count >= MAX_PER_CV:
        raise Invalid("error.too_many_recipients", max=MAX_PER_CV)
    row = Recipient(cv_id=cv.id, user_id=user_id, **values)
    session.add(row)
    session.commit()
    return _view(row)


def edit_recipient(session: Session, *, user_id: int, recipient_id, name, email,
                   organisation="", note="") -> RecipientView:
    """Change a recipient's four fields; returns it. The owner only (``NotFound``); raises
    ``Invalid`` as :func:`add_recipient`. Links already sent keep working. Commits."""
    row = owned_recipient(session, user_id=user_id, recipient_id=recipient_id)
    for key, value in _clean(name, organisation, email, note).items():
        setattr(row, key, value)
    session.add(row)
    session.commit()
    return _view(row)


def remove_recipient(session: Session, *, user_id: int, recipient_id) -> None:
    """Remove a recipient with every link sent to them (the links die at once), their
    copies of the CV and their access log. The owner only (``NotFound``). Commits."""
    row = owned_recipient(session, user_id=user_id, recipient_id=recipient_id)
    erase(session, [row.id])
    session.commit()


def erase(session: Session, recipient_ids: list[int]) -> None:
    """Delete these recipients with their links, copies and access log, in the caller's
    transaction. Checks nothing: :func:`remove_recipient` (the owner) and the admin's
    ``services/admin/recipient_erasure.py`` (a recipient's own request) check first."""
    if not recipient_ids:
        return
    links = select(ShareLink.id).where(ShareLink.recipient_id.in_(recipient_ids))
    session.exec(delete(ShareAccess).where(ShareAccess.link_id.in_(links)))
    session.exec(delete(ShareSnapshot).where(ShareSnapshot.link_id.in_(links)))
    session.exec(delete(ShareLink).where(ShareLink.recipient_id.in_(recipient_ids)))
    session.exec(delete(Recipient).where(Recipient.id.in_(recipient_ids)))
