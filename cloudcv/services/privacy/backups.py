"""Encrypted backups that keep erasures erased (§5 of the statement, P27; docs/backup.md).

``create`` takes a consistent copy (SQLite's online backup API, or ``pg_dump`` on PostgreSQL),
encrypts it as it streams into ``CLOUDCV_BACKUP_DIR`` and ``prune`` keeps the newest
``CLOUDCV_BACKUP_KEEP``. ``backup_job`` does both under a database lease (once per cluster per
``CLOUDCV_BACKUP_INTERVAL``; the background task and ``cloudcv backup``).

``restore`` verifies and decrypts a backup into a new database, migrates it to the current
schema, replays the erasure journal
(``core/journal.py``: every erasure, unsubscribe and forgotten recipient, also those made
after the backup), moves
the account id sequence past every journalled id, and only then replaces the live database:
SQLite by an atomic rename of the new file; PostgreSQL by loading and replaying in a scratch
database, then replacing the live schema with that copy in one ``psql --single-transaction``
(the database user needs CREATEDB). A file that does not verify is refused
with a ``BackupError`` before anything of the live database changes.

The file format is in ``backup_file.py``.
Sealed database fields stay sealed inside the dump: keys must be kept as long as a backup
that needs them (docs/backup.md).
"""

from __future__ import annotations

import math
import os
import re
import secrets
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from ...config import settings
from ...models import Recipient, User
from ...models.registry import Period, days
from ..core import clock, db, journal, suppression
from ..cv import recipients
from . import erasure, marketing, retention
from .backup_file import (  # noqa: F401  (the file format, also reached as backups.X)
    CHUNK, FRAME, MAGIC, VERSION, BackupError, decrypt_stream, encrypt_stream, read_header,
    verify)

NAME = re.compile(r"^cloudcv-\d{8}T\d{6}\.\d{6}Z\.backup$")
LEASE_NAME = "backup"
LEASE_TTL = timedelta(hours=1)  # one backup is a single blocking step: no keepalive
FIRST_DELAY = float(os.environ.get("CLOUDCV_BACKUP_DELAY", "300"))


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the backup's header and how many erasures, unsubscribes and
    forgotten recipients the journal re-applied."""

    header: dict
    erased: int
    unsubscribed: int
    recipients: int = 0


def rotation() -> Period:
    """How long erased data can survive in a backup: the newest ``CLOUDCV_BACKUP_KEEP`` copies
    are kept, one per ``CLOUDCV_BACKUP_INTERVAL``, in whole days (rounded up). /privacy and
    the register show it. Any caller."""
    cfg = settings()
    return days(math.ceil(cfg.backup_keep * cfg.backup_interval / 86400))


# ---------------------------------------------------------------- taking a copy
def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pg_args(url) -> tuple[list[str], dict]:
    """libpq connection options for pg_dump/psql; the password travels in the environment,
    never on a command line."""
    url = make_url(url)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    args = ["--dbname", url.database or "postgres", "--host", url.host or "localhost",
            "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    return args, env


def _sqlite_path(url) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("backup.error.no_file")
    return Path(database)


def _dump(url, kind: str, scratch: Path) -> BinaryIO:
    """A consistent plain copy of the database, opened for reading. SQLite: the online backup
    API copies every page in one step under one read snapshot (writers go on, WAL). PostgreSQL:
    ``pg_dump`` reads in one snapshot too."""
    plain = scratch / "dump"
    if kind == "sqlite":
        source = sqlite3.connect(_sqlite_path(url), timeout=30)
        target = sqlite3.connect(plain)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
    else:
        _pg_dump(url, plain)
    return open(plain, "rb")


def _pg_dump(url, target: Path) -> None:
    args, env = _pg_args(url)
    with open(target, "wb") as out:
        done = subprocess.run(["pg_dump", "--format=plain", "--no-owner", "--no-privileges",
                               *args], stdout=out, stderr=subprocess.PIPE, env=env)
    if done.returncode != 0:
        raise BackupError("backup.error.dump", detail=done.stderr.decode()[-300:].strip())


def backup_name() -> str:
    """``cloudcv-20261202T011500.123456Z.backup``: UTC, sortable by name."""
    return f"cloudcv-{clock.now().strftime('%Y%m%dT%H%M%S.%fZ')}.backup"


def create(session: Session, *, directory: Path | None = None) -> Path:
    """Take an encrypted backup of the session's database into ``directory`` (default
    ``CLOUDCV_BACKUP_DIR``); returns its path. Only a finished, fsynced file gets its name.

    Operators and the background task (``backup_job``); no role here. Raises ``BackupError``
    when pg_dump fails and OSError when the directory cannot be written. The plain copy
    exists only in a private temporary directory next to the backups while it is encrypted.
    """
    directory = directory or settings().backup_dir
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    bind = session.get_bind()
    url, kind = bind.engine.url, bind.dialect.name
    number, digest = journal.head(directory)  # before the copy: see restore's journal check
    header = {"version": VERSION, "created": clock.now().isoformat(timespec="microseconds"),
              "db": kind, "journal": {"n": number, "h": digest}}
    final = directory / backup_name()
    partial = final.with_suffix(".partial")
    with tempfile.TemporaryDirectory(dir=directory, prefix=".dump-") as scratch:
        with _dump(url, kind, Path(scratch)) as plain:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as out:
                    encrypt_stream(plain, out, header)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(partial, final)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    _fsync_dir(directory)
    return final


def backups(directory: Path | None = None) -> list[Path]:
    """The backups in ``directory``, oldest first. Any caller."""
    directory = directory or settings().backup_dir
    if not directory.exists():
        return []
    return sorted(p for p in directory.iterdir() if NAME.match(p.name))


def prune(directory: Path | None = None, *, keep: int | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` (default ``CLOUDCV_BACKUP_KEEP``) backups; returns
    the deleted paths. Operators and the background task."""
    keep = keep or settings().backup_keep
    found = backups(directory)
    gone = found[:-keep] if len(found) > keep else []
    for path in gone:
        path.unlink()
    return gone


def backup_job(session: Session, *, force: bool = False,
               directory: Path | None = None) -> Path | None:
    """One scheduled backup under the ``backup`` lease (once per cluster per interval); the
    new file's path, or ``None`` when another worker holds the lease. ``force`` (the CLI)
    also takes a resting lease, never a running one. Raises ``BackupError``/OSError; the
    lease then frees up after ``LEASE_TTL`` for a retry."""
    holder = retention.holder_id()
    if not retention.acquire(session, holder=holder, name=LEASE_NAME, ttl=LEASE_TTL,
                             force=force):
        return None
    journal.reseal(directory)  # lines of a rotated-out key under the current one
    path = create(session, directory=directory)
    prune(directory)
    retention.rest(session, holder=holder, name=LEASE_NAME,
                   until=clock.now() + timedelta(seconds=settings().backup_interval))
    return path


# ---------------------------------------------------------------- restoring
def _check_journal(header: dict, entries: list[journal.Entry]) -> None:
    """The journal must reach at least as far as it did when the backup was taken: an older
    journal (restored from elsewhere, cut short) would miss erasures."""
    mark = header.get("journal") or {}
    number, digest = mark.get("n", 0), mark.get("h", journal.GENESIS)
    if number and (len(entries) < number or entries[number - 1].digest != digest):
        raise BackupError("backup.error.journal_behind", n=number)


def _forget_recipients(session: Session, entries: list[journal.Entry]) -> int:
    """Every recipient address an admin forgot (``admin/recipient_erasure.py``) goes again,
    matched on its keyed hash."""
    digests = {e.data.get("address_hash") for e in entries if e.kind == "recipient"}
    if not digests:
        return 0
    ids = [row.id for row in session.exec(select(Recipient.id, Recipient.email))
           if suppression.address_hash(row.email) in digests]
    recipients.erase(session, ids)
    return len(ids)


def _replay(session: Session, entries: list[journal.Entry]) -> tuple[int, int, int]:
    """Erasures, unsubscribes and forgotten recipients again, then the id sequence past every
    journalled id, in one transaction."""
    erased = erasure.replay(session, entries)
    unsubscribed = marketing.replay_unsubscribes(session, entries)
    forgotten = _forget_recipients(session, entries)
    ids = [e.data["user_id"] for e in entries
           if e.kind == "erasure" and isinstance(e.data.get("user_id"), int)]
    highest = max(ids + [session.exec(select(func.max(User.id))).one() or 0])
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM sqlite_sequence WHERE name = 'user_account' "
                             "AND seq < :n"), {"n": highest})
        session.execute(text("INSERT INTO sqlite_sequence (name, seq) SELECT 'user_account', :n "
                             "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence "
                             "WHERE name = 'user_account')"), {"n": highest})
    elif highest:
        sequence = session.execute(text(
            "SELECT pg_get_serial_sequence('user_account', 'id')")).scalar_one()
        last = session.execute(text(f"SELECT last_value FROM {sequence}")).scalar_one()
        if last < highest:
            session.execute(text("SELECT setval(:s, :n)"), {"s": sequence, "n": highest})
    session.commit()
    return erased, unsubscribed, forgotten


def _restore_sqlite(url, source: Path, entries: list[journal.Entry], scratch: Path) -> tuple:
    target = _sqlite_path(url)
    fresh = target.with_name(target.name + ".restoring")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with open(source, "rb") as plain, open(fresh, "wb") as out:
            header = decrypt_stream(plain, out)
        check = sqlite3.connect(fresh)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        finally:
            check.close()
        if not ok:
            raise BackupError("backup.error.tampered")
        fresh_url = f"sqlite:///{fresh}"
        try:
            db.migrate(fresh_url)  # a backup from before a migration: the replay needs today's
            with db.session_scope(fresh_url) as session:
                counts = _replay(session, entries)
                session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.forget(fresh_url)
        with sqlite3.connect(fresh) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
        with open(fresh, "rb+") as fh:
            os.fsync(fh.fileno())
        # the live file's WAL belongs to the old database: empty it, then swap in one rename
        db.engine(str(url)).dispose()
        if target.exists():
            with sqlite3.connect(target, timeout=30) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for side in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            side.unlink(missing_ok=True)
        os.replace(fresh, target)
        _fsync_dir(target.parent)
        return header, counts
    finally:
        for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
            leftover.unlink(missing_ok=True)


PG_PRELUDE = "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n"


def _psql(url, *files: Path) -> None:
    """Run SQL files in ONE transaction (``--single-transaction``, stop at the first error):
    either all of it is committed or nothing."""
    args, env = _pg_args(url)
    done = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--single-transaction",
                           "-v", "ON_ERROR_STOP=1", *args, *(f"--file={f}" for f in files)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if done.returncode != 0:
        raise BackupError("backup.error.load", detail=done.stderr.decode()[-300:].strip())


def _restore_pg(url, source: Path, entries: list[journal.Entry], scratch: Path) -> tuple:
    """Load the backup into a scratch database and replay the journal there; then replace the
    live schema with the replayed copy in one transaction. The live database only ever holds
    its old state or the restored and replayed one."""
    plain = scratch / "dump.sql"
    with open(source, "rb") as fh, open(plain, "wb") as out:
        header = decrypt_stream(fh, out)
    live = make_url(url)
    name = f"{live.database}_restore_{secrets.token_hex(4)}"[-63:]
    scratch_url = live.set(database=name).render_as_string(hide_password=False)
    with db.engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        _psql(scratch_url, plain)
        try:
            db.migrate(scratch_url)  # a backup from before a migration: the replay needs today's
            with db.session_scope(scratch_url) as session:
                counts = _replay(session, entries)
        finally:
            db.forget(scratch_url)
        replayed = scratch / "replayed.sql"
        _pg_dump(scratch_url, replayed)
        prelude = scratch / "prelude.sql"
        prelude.write_text(PG_PRELUDE)
        db.engine(url).dispose()
        _psql(url, prelude, replayed)  # rolled back as a whole on any error
    finally:
        with db.engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return header, counts


def restore(url: str, path: Path, *, directory: Path | None = None) -> RestoreReport:
    """Restore the backup at ``path`` into the database at ``url`` and re-apply every
    journalled erasure and unsubscribe (docs/backup.md). The app must be stopped.

    Operators only (``cloudcv restore``; no role here). Raises ``BackupError`` for a file
    that does not verify, a backup of another database kind, or a journal that is older than
    the backup or broken; the live database is then untouched.
    """
    directory = directory or settings().backup_dir
    kind = make_url(url).get_backend_name()
    try:
        entries = journal.entries(directory)
    except journal.JournalError as exc:
        raise BackupError("backup.error.journal", detail=str(exc)) from None
    try:
        with open(path, "rb") as fh:
            header, _ = read_header(fh)
    except OSError:
        raise BackupError("backup.error.not_found", path=str(path)) from None
    if header.get("db") != kind:
        raise BackupError("backup.error.kind", found=str(header.get("db")), expected=kind)
    verify(path)  # the whole file, before anything is written
    _check_journal(header, entries)
    scratch_root = directory if directory.exists() else None
    with tempfile.TemporaryDirectory(dir=scratch_root, prefix=".restore-") as scratch:
        run = _restore_sqlite if kind == "sqlite" else _restore_pg
        header, (erased, unsubscribed, forgotten) = run(url, path, entries, Path(scratch))
    return RestoreReport(header=header, erased=erased, unsubscribed=unsubscribed,
                         recipients=forgotten)
