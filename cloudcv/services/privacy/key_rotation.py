"""Key rotation for the sealed columns (``models/sealed.py``, keys in ``cloudcv/keys.py``).

``rotate`` re-seals every value that is not under the current key, ``BATCH`` rows of one
column per transaction, under the retention lease (``retention.acquire``): it never runs
beside a retention sweep, and a sweep never starts during a rotation. Each batch renews the
lease first, in its own transaction: on SQLite that takes the write lock before the batch
reads, on both databases it stops at once (``retention.LeaseLost``) when another worker has
taken the lease over. A value is written back only if it is still the blob that was read,
so an edit saved meanwhile (sealed under the current key already) is never overwritten.

Crash safety: a killed rotation loses at most its open batch (rolled back by the database);
its lease frees up after ``retention.LEASE_TTL`` and the next ``rotate`` continues, because
values already under the current key are skipped in the query itself.

Starting a rotation: with ``CLOUDCV_ENCRYPTION_KEYS`` the operator puts a new key first and
runs ``cloudcv keys rotate``. The embedded default (``data/encryption_keys``) gets a new key
from ``rotate`` itself (``keys.add_file_key``), but only when no earlier rotation is
unfinished, so a resumed rotation never adds a second key. ``status`` counts values per
key: an old key can be removed once it seals nothing. Callers: ``cloudcv/cli_keys.py`` (the
operator; no role check here) and the tests.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import and_, func, select, update
from sqlmodel import Session

from ... import keys
from ...models import Lease, metadata
from ...models.sealed import SEALED, aad
from ..core import clock
from . import retention

BATCH = 200
ID_PREFIX = 3 + 32  # magic, id length and the longest key id (keys.KEY_ID)
NOT_SEALED = "(not sealed)"

OnBatch = Callable[[str, str, int], None]


@dataclass
class RotationReport:
    """What one ``rotate`` did: the key it sealed under, a key it added, values re-sealed."""

    current: str
    added: str | None
    resealed: int
    batches: int


def _columns():
    for table in sorted(SEALED):
        for column in SEALED[table]:
            yield metadata.tables[table], column


def _key_id(prefix: bytes | None) -> str:
    prefix = bytes(prefix or b"")
    if not keys.is_sealed(prefix) or len(prefix) < 3:
        return NOT_SEALED
    return prefix[3:3 + prefix[2]].decode("ascii", "replace")


def status(session: Session) -> dict[str, Counter]:
    """Per sealed column (``<table>.<column>``), how many values each key id seals (values
    that are not sealed at all count under ``NOT_SEALED``). Reads only a short prefix of
    each value. Any caller; changes nothing."""
    out: dict[str, Counter] = {}
    for table, column in _columns():
        rows = session.execute(select(func.substr(table.c[column], 1, ID_PREFIX)))
        out[f"{table.name}.{column}"] = Counter(_key_id(prefix) for (prefix,) in rows)
    return out


def _not_current(col, current: str):
    marker = bytes([len(current)]) + current.encode("ascii")
    return func.substr(col, 3, len(marker)) != marker


def unfinished(session: Session, current: str | None = None) -> int:
    """How many values are not yet sealed under the current key (0: nothing to rotate)."""
    current = current or keys.keyring().current
    total = 0
    for table, column in _columns():
        total += session.execute(select(func.count()).select_from(table)
                                 .where(_not_current(table.c[column], current))).scalar_one()
    return total


def rotate(session: Session, *, batch_size: int = BATCH, on_batch: OnBatch | None = None,
           holder: str | None = None) -> RotationReport | None:
    """Re-seal every value under the current key; ``None`` when another worker holds the
    retention lease (a sweep or a rotation is running). Commits per batch.

    Embedded default only: when nothing is left from an earlier rotation, a new key is put
    first in ``data/encryption_keys`` before re-sealing. Raises ``keys.SealError`` (naming
    table, column and row) for a value that does not open, and ``retention.LeaseLost`` when
    the lease is taken over; both stop the rotation, and a re-run continues it.
    """
    holder = holder or retention.holder_id()
    lease = session.get(Lease, retention.LEASE_NAME)
    rest_until = lease.expires_at if lease is not None and lease.holder == "" else None
    if not retention.acquire(session, holder=holder, force=True):
        return None
    try:
        added = None
        if not os.environ.get(keys.ENV) and unfinished(session) == 0:
            added = keys.add_file_key()
        ring = keys.keyring()
        report = RotationReport(current=ring.current, added=added, resealed=0, batches=0)
        for table, column in _columns():
            _rotate_column(session, ring, table, column, holder, batch_size, report, on_batch)
    except retention.LeaseLost:
        session.rollback()
        raise  # the lease is another worker's now: leave it alone
    except BaseException:
        session.rollback()
        _release(session, holder, rest_until)
        raise
    _release(session, holder, rest_until)
    return report


def _release(session: Session, holder: str, rest_until) -> None:
    """Give the lease back as it was: resting until the next sweep, or free now."""
    now = clock.now()
    if rest_until is not None and rest_until.tzinfo is None:  # SQLite may hand back naive UTC
        rest_until = rest_until.replace(tzinfo=UTC)
    until = now if rest_until is None else max(rest_until, now)
    retention.rest(session, holder=holder, until=until)


def _rotate_column(session: Session, ring: keys.Keyring, table, column: str, holder: str,
                   batch_size: int, report: RotationReport, on_batch: OnBatch | None) -> None:
    col, pk = table.c[column], table.c.id
    last = 0
    while True:
        _renew(session, holder)  # first write of the batch: SQLite's write lock, lease check
        rows = session.execute(select(pk, col).where(pk > last, _not_current(col, ring.current))
                               .order_by(pk).limit(batch_size)).all()
        if not rows:
            session.commit()
            return
        for row_id, blob in rows:
            where = aad(table.name, column, row_id)
            try:
                plain = ring.open(blob, where)
            except keys.SealError as exc:
                raise keys.SealError(
                    f"{table.name}.{column} of row {row_id} does not open: {exc}") from exc
            written = session.execute(update(table).where(and_(pk == row_id, col == blob))
                                      .values({column: ring.seal(plain, where)}))
            report.resealed += written.rowcount  # 0: saved meanwhile, under the current key
        session.commit()
        last = rows[-1][0]
        report.batches += 1
        if on_batch is not None:
            on_batch(table.name, column, len(rows))


def _renew(session: Session, holder: str) -> None:
    kept = session.execute(update(Lease).where(Lease.name == retention.LEASE_NAME,
                                               Lease.holder == holder)
                           .values(expires_at=clock.now() + retention.LEASE_TTL))
    if kept.rowcount != 1:
        session.rollback()
        raise retention.LeaseLost(retention.LEASE_NAME)
