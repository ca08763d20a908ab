"""Group commit: one writer thread per process runs the editor's small writes, and commits
all that are waiting in one transaction.

Why: every autosave used to be a transaction of its own on a thread of the pool. SQLite lets
one connection write at a time, so concurrent saves queued up inside SQLite's busy handler
(which sleeps in steps of milliseconds), and each paid its own commit (an fsync). Two tabs did
fewer saves per second than one. Here saves that arrive while a commit is under way wait in a
queue; the writer then runs them one after another on one connection and commits them
together: one lock, one fsync for the group. On PostgreSQL the same saves fewer commits.

The contract is the one of ``db.in_session``: ``fn(session, **kwargs)`` runs in a
transaction, the caller gets its return value or its exception, and **the call returns only
after the commit that holds the change** (an acknowledged save is durable: SQLite keeps its
default ``synchronous=FULL`` in WAL mode, so not even a power cut loses it). ``fn`` may call
``session.commit()`` as services do: in a group that only flushes; the writer commits.

One failing call must not take the others down: when any call in a group raises, the whole
group is rolled back and every call of it runs again alone, in a transaction of its own (the
failing one raises again, the others commit). Calls are database work only (no mail, no
files), so running one twice after a rollback is safe.

Long work (image processing, PDF rendering, argon2) does not belong here: it would hold up
every save behind it. Use ``db.in_session`` for that.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

log = logging.getLogger(__name__)

MAX_GROUP = 64  # calls per transaction; a longer queue is committed in several groups


class GroupSession(Session):
    """The writer's Session: a service's ``commit()`` flushes, the writer commits the group."""

    def commit(self) -> None:
        """Flush only: the change becomes part of the group's transaction."""
        self.flush()

    def commit_group(self) -> None:
        """The real commit of everything the group's calls did."""
        super().commit()


@dataclass
class _Call:
    fn: Callable[..., Any]
    kwargs: dict[str, Any]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future = field(repr=False)

    def resolve(self, result: Any = None, error: BaseException | None = None) -> None:
        """On the caller's loop: hand over the result (nothing when the caller gave up)."""
        if self.future.done():  # the caller was cancelled: nobody is waiting
            return
        if error is not None:
            self.future.set_exception(error)
        else:
            self.future.set_result(result)


def _settle(outcomes: list[tuple[_Call, Any, BaseException | None]]) -> None:
    """Wake each caller's loop once for the whole group (one self-pipe write per loop, not
    per call: it was a sixth of the writer's time)."""
    by_loop: dict[asyncio.AbstractEventLoop, list] = {}
    for outcome in outcomes:
        by_loop.setdefault(outcome[0].loop, []).append(outcome)
    for loop, items in by_loop.items():
        loop.call_soon_threadsafe(_resolve_all, items)


def _resolve_all(items: list[tuple[_Call, Any, BaseException | None]]) -> None:
    for call, result, error in items:
        call.resolve(result, error)


class Writer:
    """The group-commit writer of one database in this process (see module docstring)."""

    def __init__(self, engine: Engine, *, max_group: int = MAX_GROUP):
        self.engine = engine
        self.max_group = max_group
        self._queue: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="cloudcv-writer", daemon=True)
        self._thread.start()
        self.groups = 0  # committed groups and calls: read by the tests and the benchmarks
        self.calls = 0

    async def write(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """Run ``fn(session, **kwargs)`` in the next group; returns after its commit."""
        loop = asyncio.get_running_loop()
        call = _Call(fn, kwargs, loop, loop.create_future())
        self._queue.put(call)
        return await call.future

    # ---- the writer thread ----
    def _run(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < self.max_group:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit_group(group)
            except BaseException:  # never let the thread die: every waiter gets an answer
                log.exception("group commit failed")

    def _commit_group(self, group: list[_Call]) -> None:
        if len(group) > 1:
            results = []
            with GroupSession(self.engine, expire_on_commit=False) as session:
                try:
                    for call in group:
                        results.append(call.fn(session, **call.kwargs))
                    session.commit_group()
                except Exception:
                    session.rollback()
                    results = None
            if results is not None:
                self.groups += 1
                self.calls += len(group)
                _settle([(call, result, None) for call, result in zip(group, results)])
                return
        # alone: one call, or a group in which some call raised
        _settle([self._commit_alone(call) for call in group])

    def _commit_alone(self, call: _Call) -> tuple[_Call, Any, BaseException | None]:
        with GroupSession(self.engine, expire_on_commit=False) as session:
            try:
                result = call.fn(session, **call.kwargs)
                session.commit_group()
            except Exception as exc:  # the caller's error to handle (Invalid, NotFound, ...)
                session.rollback()
                return call, None, exc
        self.groups += 1
        self.calls += 1
        return call, result, None
