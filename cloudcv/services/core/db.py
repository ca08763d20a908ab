"""Database engine, sessions and migrations, shared by the app, the CLI and the tests.

``in_session(fn, **kw)`` runs ``fn(session, **kw)`` in a worker thread with its own
Session, so blocking work never stalls Reflex's event loop; the service commits, an
exception rolls the whole user action back. ``run`` is the same without the thread (the
CLI, the HTTP routes in ``api*.py`` that are already off the loop). ``write`` is
``in_session`` for the editor's autosaves: group commit on one writer thread per process
(``group_commit.py``).

The URL comes from ``config.py`` (``REFLEX_DB_URL``); the schema from the Alembic
migrations in ``alembic/``; the append-only triggers are explained in
``services/core/append_only.py``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from ...config import ROOT, settings
from . import pools
from .group_commit import Writer

T = TypeVar("T")
log = logging.getLogger(__name__)

# hide_parameters: SQL parameters (mail bodies with sign-in links and request codes, email
# addresses) never appear in SQL log lines or in database error messages that get logged.


_engines: dict[str, Engine] = {}
_writers: dict[str, Writer] = {}


def _forget_inherited_connections() -> None:
    """In a forked worker: drop the parent's pooled connections without closing them.

    Several workers (``GRANIAN_WORKERS``) are forked from one parent. A connection the parent
    opened would be shared by two processes talking over one socket, and their queries
    interleave (PostgreSQL answers one with the other's result). ``close=False`` leaves the
    parent's connections alone; the child opens its own.
    """
    for eng in _engines.values():
        eng.dispose(close=False)
    _writers.clear()  # the parent's writer threads do not exist here: start new ones


os.register_at_fork(after_in_child=_forget_inherited_connections)


def engine(url: str | None = None) -> Engine:
    """The one engine per database URL of this process (created on first use)."""
    url = url or settings().db_url
    if url not in _engines:
        _engines[url] = _create(url)
    return _engines[url]


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                            hide_parameters=True)

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL: readers never block the writer
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA secure_delete=ON")  # erased photos and CVs are overwritten on disk
            cur.close()

        return eng
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def forget(url: str) -> None:
    """Close every connection of ``url``'s engine and drop it from this process (a restore's
    scratch database, about to be renamed or dropped)."""
    eng = _engines.pop(url, None)
    if eng is not None:
        eng.dispose()


@contextmanager
def session_scope(url: str | None = None):
    """A Session (objects stay readable after commit) that rolls back on any exception."""
    with Session(engine(url), expire_on_commit=False) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise


def run(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Call ``fn(session, **kwargs)`` in a fresh ``session_scope``, blocking; returns its result.

    For code that is not on the event loop (CLI, background threads); whatever ``fn``
    raises propagates after the rollback.
    """
    with session_scope() as session:
        return fn(session, **kwargs)


async def in_session(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Run ``fn(session, **kwargs)`` off the event loop in its own transaction."""
    return await asyncio.to_thread(run, fn, **kwargs)


async def in_session_on(kind: str, fn: Callable[..., T], /, **kwargs: Any) -> T:
    """``in_session`` on one of the bounded pools of ``pools.py`` (``"hash"``: forms that
    run argon2; ``"render"``: PDFs), so that heavy work does not queue up quick work."""
    return await pools.run_on(kind, run, fn, **kwargs)


async def write(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Like ``in_session``, for the editor's small frequent writes: ``fn`` runs on this
    process's writer thread, grouped with the saves waiting beside it into one transaction;
    returns (or raises) after the commit (``group_commit.py``)."""
    url = settings().db_url
    found = _writers.get(url)
    if found is None:
        found = _writers.setdefault(url, Writer(engine(url)))
    return await found.write(fn, **kwargs)


def checkpoint_wal(session: Session) -> None:
    """SQLite only: copy the WAL into the database file and empty the WAL (TRUNCATE).

    After an erasure the deleted rows' old page images stay in the ``-wal`` file until the
    next checkpoint; with ``secure_delete`` on, the checkpoint writes the zeroed pages into
    the database file and the WAL is cut to 0 bytes. Run it after the commit, outside a
    transaction. A reader that is still open can keep the checkpoint from finishing: the next
    erasure (or SQLite's automatic checkpoint) then completes it. PostgreSQL: nothing to do.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # a Session bound to one connection (the retention sweep's): checkpoint from another
    # connection of the same engine; the committed one holds no snapshot that would block it
    with bind.engine.connect() as conn:
        busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("WAL checkpoint after erasure did not complete (a reader was active)")


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest Alembic revision (same as ``reflex db migrate``)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url or settings().db_url
    command.upgrade(cfg, "head")
    # SQLite: a migration that rewrote rows (0014 sealed clear values) leaves the old page
    # images in the WAL; copy it into the (secure_delete) file and cut it to 0 bytes
    eng = engine(cfg.attributes["url"])
    if eng.dialect.name == "sqlite":
        with eng.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
