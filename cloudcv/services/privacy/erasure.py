"""Erasure (Art. 17): remove everything the registry says belongs to a user, in ONE
transaction, driven by the personal-data registry (a new table is covered once it is
registered).

- ``on_erasure="delete"`` rows are deleted; ``"anonymise"`` rows lose their link to the
  user (the subject column becomes NULL), e.g. the audit log.
- Security rows (``unless="abuse_hold"``) of a user under an active abuse hold are kept
  but anonymised, as the statement allows (§3.2.2).
- A tombstone with a keyed hash of the user id remains, so a restored backup can
  re-apply the erasure (``tombstone_hash`` / ``reapply_tombstones``).
- A line in the erasure journal outside the database (``core/journal.py``), written before
  the commit, names the account by its id and a keyed hash of id + creation time
  (``subject_key``): ``replay`` erases it again after a restore of an older backup, and a
  newer account that got the same id is never touched (docs/backup.md).
- The same routine serves "delete account" and the retention engine.
- On SQLite the WAL is checkpointed after the commit (``db.checkpoint_wal``), so the erased
  rows do not linger in the ``-wal`` file; the confirmation mail's address and name leave the
  outbox once it is delivered (``mail.SCRUB_AFTER_DELIVERY``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, update
from sqlmodel import Session, select

from ...config import settings
from ...models import REGISTRY, AbuseHold, ErasureTombstone, User, metadata
from ..core import audit, clock, db, journal, mail


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


def _moment(value: datetime) -> str:
    """A stored moment as one canonical text (UTC, microseconds), whichever backend read it."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def subject_key(user_id: int, created_at: datetime) -> str:
    """The keyed hash of an account's id *and* creation time that the erasure journal keeps:
    an account created later under the same id (a database restored from a backup hands
    out ids again) has another key. Any caller; raises nothing."""
    return hmac.new(settings().secret_key().encode(),
                    f"account:{user_id}:{_moment(created_at)}".encode(), hashlib.sha256).hexdigest()


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
               notify: bool = True, commit: bool = True, journalled: bool = True) -> ErasureReport:
    """Erase the user: every registered row of theirs deleted (or anonymised, as the registry
    says), the account itself, a tombstone kept and the erasure audit-logged, in one
    transaction.

    Callers: the user themselves (``accounts.account_edit.delete_account`` checks their password
    and the confirmation word first), the retention engine (``reason="retention"``, background
    task) and ``reapply_tombstones``. No role is checked here: the caller has. ``notify`` mails
    the confirmation; ``commit=False`` leaves the commit (and the WAL checkpoint) to the caller.
    An existing account gets its journal line before the commit (``journalled=False``: the
    replay after a restore, which is itself journalled). An unknown user id deletes nothing
    (the tombstone and audit line are still written); raises database errors and
    ``journal.JournalError``, and then nothing of the erasure is committed.
    """
    user = session.get(User, user_id)
    email, name, lang = (user.email, user.name, user.lang) if user else ("", "", "nl")
    key = subject_key(user.id, user.created_at) if user else None
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
    if journalled and key is not None:  # before the commit: see core/journal.py
        journal.append("erasure", user_id=user_id, subject=key)
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
            erase_user(session, user_id=user_id, reason="restore", notify=False, journalled=False)
            count += 1
    return count


def replay(session: Session, entries: Iterable[journal.Entry]) -> int:
    """After a restore: erase again every account an ``erasure`` journal line names, when its
    id *and* creation time still match (``subject_key``); returns how many. For the restore
    (``privacy/backups.py``) only; leaves the commit to it, so the replay is one transaction.
    """
    count = 0
    for entry in entries:
        if entry.kind != "erasure":
            continue
        user = session.get(User, entry.data.get("user_id"))
        if user is not None and subject_key(user.id, user.created_at) == entry.data.get("subject"):
            erase_user(session, user_id=user.id, reason="restore", notify=False, commit=False,
                       journalled=False)
            count += 1
    return count
