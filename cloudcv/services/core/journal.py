"""The erasure journal: what a restored backup must do again, kept outside the database (P27).

An append-only file, ``<CLOUDCV_BACKUP_DIR>/journal``, one line per erasure of an account,
per unsubscribe and per recipient forgotten on their own request. A line holds only a sequence
number, the UTC time, the kind and keyed hashes or ids (never an address or a name), and is sealed with the key system (``cloudcv/keys.py``,
AES-GCM) so it can be neither read nor altered. Each line also names the SHA-256 of the
record before it: a line removed, reordered or copied from another journal breaks the chain
and ``entries`` refuses the whole file. Appends hold an exclusive ``flock`` on
``journal.lock`` (several workers) and are fsynced before they return. After a key
rotation ``reseal`` (run by every backup) seals old lines again under the current key; the
chain is over the records, not their ciphertext, so it and the backups' marks still hold.

Ordering (``services/privacy/erasure.py``, ``marketing.py``): the line is written *before* the
transaction commits. A line whose transaction then fails names an erasure the person asked
for; replaying it completes that request, and a replay never touches anyone else (an
erasure matches the account's id *and* its creation time). The reverse order could commit an
erasure that no journal line covers, and a restore of an older backup would bring the
person back. When the journal cannot be written the action fails (``JournalError``) and
rolls back: nothing is half done and the caller reports it (the retention round retries).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ... import keys
from ...config import settings
from . import clock
from .errors import DomainError

FILE = "journal"
LOCK = "journal.lock"
AAD = b"cloudcv.journal.v1"
GENESIS = "0" * 64
KINDS = ("erasure", "unsubscribe", "recipient")


class JournalError(DomainError):
    """The journal cannot be written, or what is on disk is not an intact journal of ours.
    Users see ``error.journal_unavailable`` (nothing was changed, try again later); ``str()``
    is the operator's detail."""

    def __init__(self, detail: str):
        super().__init__("error.journal_unavailable")
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True)
class Entry:
    """One verified journal line: its number, the hash that chains the next line to it, and
    what it records (``kind`` plus e.g. ``user_id`` and ``subject``, or ``address_hash``)."""

    n: int
    digest: str
    at: str
    kind: str
    data: dict


def path(directory: Path | None = None) -> Path:
    """Where the journal lives (in the backup directory, so it travels with the backups)."""
    return (directory or settings().backup_dir) / FILE


@contextmanager
def _locked(directory: Path | None):
    target = path(directory)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(target.with_name(LOCK), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise JournalError(f"cannot open the journal: {exc}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield target
    finally:
        os.close(fd)


def _last_line(fh) -> bytes | None:
    size = fh.seek(0, os.SEEK_END)
    if size == 0:
        return None
    block = min(size, 4096)
    while True:
        fh.seek(size - block)
        tail = fh.read(block).rstrip(b"\n")
        if b"\n" in tail or block == size:
            return tail.rsplit(b"\n", 1)[-1]
        block = min(size, block * 2)


def _open_line(raw: bytes) -> tuple[dict, bytes]:
    """The record of a sealed line and its plain bytes (what the chain hashes)."""
    try:
        plain = keys.keyring().open(base64.urlsafe_b64decode(raw), AAD)
        record = json.loads(plain)
    except (ValueError, keys.SealError) as exc:
        raise JournalError(f"journal line does not open: {exc}") from exc
    if not isinstance(record, dict) or record.get("kind") not in KINDS:
        raise JournalError("journal line has an unknown kind")
    return record, plain


def _seal(plain: bytes) -> bytes:
    return base64.urlsafe_b64encode(keys.keyring().seal(plain, AAD))


def append(kind: str, directory: Path | None = None, **data) -> Entry:
    """Append one sealed, chained line and fsync it; returns the entry. Called by the
    erasure, unsubscribe and recipient services inside their transaction, before the commit.
    Raises ``JournalError`` when the file cannot be written or its last line is not ours."""
    if kind not in KINDS:
        raise ValueError(f"unknown journal kind {kind!r}")
    with _locked(directory) as target:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "r+b") as fh:
                last = _last_line(fh)
                previous, prev_plain = ({"n": 0}, None) if last is None else _open_line(last)
                record = {"n": previous["n"] + 1, "at": clock.now().isoformat(timespec="seconds"),
                          "prev": GENESIS if prev_plain is None
                          else hashlib.sha256(prev_plain).hexdigest(), "kind": kind, **data}
                plain = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
                fh.write(_seal(plain) + b"\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise JournalError(f"cannot write the journal: {exc}") from exc
    return Entry(n=record["n"], digest=hashlib.sha256(plain).hexdigest(), at=record["at"],
                 kind=kind, data=data)


def _read(target: Path) -> list[tuple[Entry, bytes, bytes]]:
    found = []
    previous = GENESIS
    with open(target, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            raw = raw.rstrip(b"\n")
            try:
                record, plain = _open_line(raw)
            except JournalError as exc:
                raise JournalError(f"journal line {number}: {exc}") from exc
            if record.get("n") != number or record.get("prev") != previous:
                raise JournalError(f"journal line {number} is out of order or a line is missing")
            data = {k: v for k, v in record.items() if k not in ("n", "prev", "at", "kind")}
            previous = hashlib.sha256(plain).hexdigest()
            found.append((Entry(n=number, digest=previous, at=record["at"],
                                kind=record["kind"], data=data), raw, plain))
    return found


def entries(directory: Path | None = None) -> list[Entry]:
    """Every line, verified: each one opens under a configured key, numbers run 1, 2, 3…
    and each names the hash of the record before. A missing journal is an empty one.
    Operators (restore); raises ``JournalError`` naming the first line that fails."""
    target = path(directory)
    return [entry for entry, _, _ in _read(target)] if target.exists() else []


def head(directory: Path | None = None) -> tuple[int, str]:
    """The number and hash of the last line, ``(0, GENESIS)`` for an empty journal: a backup
    records it, so a restore refuses a journal older than the backup. Raises
    ``JournalError`` like ``entries``."""
    found = entries(directory)
    return (found[-1].n, found[-1].digest) if found else (0, GENESIS)


def reseal(directory: Path | None = None) -> int:
    """Seal every line that an older key sealed again under the current one (same records,
    same chain), so old keys can go once no kept backup needs them. Rewrites the file
    atomically under the lock; returns how many lines changed. Every backup runs it (and
    operators may); raises ``JournalError`` for a journal that does not verify."""
    with _locked(directory) as target:
        if not target.exists():
            return 0
        ring = keys.keyring()
        lines, changed = [], 0
        for _entry, raw, plain in _read(target):
            if ring.sealed_with(base64.urlsafe_b64decode(raw)) == ring.current:
                lines.append(raw)
            else:
                lines.append(_seal(plain))
                changed += 1
        if changed:
            fresh = target.with_suffix(".resealing")
            fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(b"".join(line + b"\n" for line in lines))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(fresh, target)
    return changed
