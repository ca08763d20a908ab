"""A recipient's own request to be forgotten (Art. 17, §3.1 "(beoogde) ontvangers"): someone
who is not our user, but whose address users typed in as a recipient, asks us to erase it.

An admin handles it from the request queue: ``forget_recipient`` removes that address from
every CV of every user, with every link sent to it (dead at once), the copies of the CV
made for it and its access log. The audit line keeps how many rows went, not the address;
the erasure journal (``core/journal.py``) its keyed hash, so a restored backup forgets the
address again (``privacy/backups.py``).
"""

from __future__ import annotations

from sqlmodel import Session, select

from ...models import Recipient
from ..core import audit, fields, journal, suppression
from ..core.authz import require_admin
from ..cv import recipients


def forget_recipient(session: Session, *, admin_id: int, email) -> int:
    """Erase the recipient ``email`` from every CV; returns how many recipient rows went.

    Admin only: ``require_admin`` raises ``Forbidden`` otherwise; ``Invalid`` for an address
    that is not one; ``journal.JournalError`` (nothing erased) when the journal cannot be
written. Audit-logged without the address; commits.
    """
    require_admin(session, admin_id)
    address = fields.email(email)
    ids = list(session.exec(select(Recipient.id).where(Recipient.email == address)).all())
    recipients.erase(session, ids)
    audit.record(session, action="admin.recipient_forgotten", actor_user_id=admin_id,
                 actor_role="admin", rows=len(ids))
    # before the commit (core/journal.py); also when no row is left now: an older backup may
    # still hold the address
    journal.append("recipient", address_hash=suppression.address_hash(address))
    session.commit()
    return len(ids)
