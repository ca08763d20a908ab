"""Erasure (Art. 17): remove everything the registry says belongs to a user, in ONE
transaction, driven by the personal-data registry (a new table is covered once it is
registered).

- ``on_erasure="delete"`` rows are deleted; ``"anonymise"`` rows lose their link to the
  user (the subject column becomes NULL), e.g. the audit log.
- Security rows (``unless="abuse_hold"``) of a user under an active abuse hold are kept
  but anonymised, as the statement allows (§3.2.2).
- A tombstone with a keyed hash of the user id remains, so a restored backup can
  re-apply the erasure (``tombstone_hash`` / ``reapply_tombstones``).
- The same routine serves "delete account" and the retention engine.
- On SQLite the WAL is checkpointed after the commit (``db.checkpoint_wal``), so the erased
  rows do not linger in the ``-wal`` file; the confirmation mail's address and name leave the
  outbox once it is delivered (``mail.SCRUB_AFTER_DELIVERY``).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlmodel import Session, select

from ...config import settings
from ...models import REGISTRY, AbuseHold, ErasureTombstone, User, metadata
from ..core import audit, clock, db, mail


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did: the tombstone's hash and the rows deleted or anonymised per table.
    """

    subject_hash: str
    deleted: dict[str, int]
    anonymised: dict[str, int]


def tombstone_hash(user_id: int) -> str:
    """The keyed hash of a user id that the erasure tombstone keeps (no id, no address). Any
    caller."""
    return hmac.new(settings().secret_key().encode(), f"user:{user_id}".encode(),
                    hashlib.sha256).hexdigest()


def has_abuse_hold(session: Session, user_id: int) -> bool:
    """True while an admin's abuse hold on the user is not lifted (their security rows are then
    anonymised, not deleted). Any caller; raises nothing."""
    return session.exec(select(AbuseHold.id).where(AbuseHold.user_id == user_id,
                                                   AbuseHold.lifted_at.is_(None))).first() is not None


def _ordered_entries():
    """Children before parents (reverse foreign-key order), the account itself last."""
    order = [t.name for t in reversed(metadata.sorted_tables)]
    return sorted(REGISTRY.values(), key=lambda e: order.index(e.table))


def erase_user(session: Session, *, user_id: int, reason: str = "user_request",
               notify: bool = True, commit: bool = True) -> ErasureReport:
    """Erase the user: every registered row of theirs deleted (or anonymised, as the registry
    says), the account itself, a tombstone kept and the erasure audit-logged, in one
    transaction.

    Callers: the user themselves (``accounts.account_edit.delete_account`` checks their password
    and the confirmation word first), the retention engine (``reason="retention"``, background
    task) and ``reapply_tombstones``. No role is checked here: the caller has. ``notify`` mails
    the confirmation; ``commit=False`` leaves the commit (and the WAL checkpoint) to the caller.
    An unknown user id deletes nothing (the tombstone and audit line are still written);
    raises only database errors, and then nothing of the erasure is committed.
    """
    user = session.get(User, user_id)
    email, name, lang = (user.email, user.name, user.lang) if user else ("", "", "nl")
    held = has_abuse_hold(session, user_id)
    deleted: dict[str, int] = {}
    anonymised: dict[str, int] = {}
    for entry in _ordered_entries():
        if entry.table in ("user_account", "abuse_hold"):
            continue
        table = metadata.tables[entry.table]
        column = table.c[entry.subject]
        keep = entry.on_erasure == "anonymise" or (held and entry.retention.unless == "abuse_hold")
        if keep:
            result = session.exec(update(table).where(column == user_id).values({entry.subject: None}))
            anonymised[entry.table] = result.rowcount or 0
        else:
            result = session.exec(delete(table).where(column == user_id))
            deleted[entry.table] = result.rowcount or 0
    # Holds go with the account: what they protect has just been anonymised.
    deleted["abuse_hold"] = session.exec(delete(AbuseHold).where(AbuseHold.user_id == user_id)).rowcount or 0
    deleted["user_account"] = session.exec(delete(User).where(User.id == user_id)).rowcount or 0
    digest = tombstone_hash(user_id)
    if session.exec(select(ErasureTombstone).where(ErasureTombstone.subject_hash == digest)).first() is None:
        session.add(ErasureTombstone(subject_hash=digest, erased_at=clock.now()))
    audit.record(session, action="account.erased", actor_role="system" if reason != "user_request" else "user",
                 reason=reason, subject_hash=digest,
                 rows={k: v for k, v in {**deleted, **anonymised}.items() if v})
    if notify and email:
        mail.enqueue(session, to=email, template="account_erased", lang=lang, name=name)
    if commit:
        session.commit()
        db.checkpoint_wal(session)
    return ErasureReport(subject_hash=digest, deleted=deleted, anonymised=anonymised)


def reapply_tombstones(session: Session) -> int:
    """After a restore: erase again every account whose tombstone exists. Returns count.

    For operators after restoring a backup (no user or admin action reaches it); commits each
    erasure.
    """
    hashes = set(session.exec(select(ErasureTombstone.subject_hash)).all())
    count = 0
    for user_id in session.exec(select(User.id)).all():
        if tombstone_hash(user_id) in hashes:
            erase_user(session, user_id=user_id, reason="restore", notify=False)
            count += 1
    return count
