"""Latest-wins coalescing and a small cache for the editor's preview (``api.py``).

:class:`LatestWins` runs at most one render per key (one user's one CV) at a time. A
request that arrives while a render is running waits; when that render ends, ONE new
render starts for all the requests that waited, and it reads the newest state: older
versions are never rendered from a queue, and every waiter gets a result at least as new
as the save it asked about (a render that started after it arrived). At worst the preview
is one render behind the newest save. The waiting happens on the event loop; only the
render itself takes a thread.

:class:`PreviewCache` keeps the last preview of each CV, keyed by (user id, CV id) and
the document's content digest, so the same version is served again without rendering;
bounded in bytes, least recently used first out, entries expire after ``max_age``
seconds. It holds clear personal data in this process's memory only (docs/security.md,
"Encryption at rest"). Plain Python: no Reflex, no database.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Slot:
    __slots__ = ("arrivals", "covered", "busy", "waiters", "outcome", "failed", "done")

    def __init__(self) -> None:
        self.arrivals = 0      # tickets handed out, in arrival order
        self.covered = 0       # the newest ticket the last finished render started after
        self.busy = False
        self.waiters = 0
        self.outcome: object = None
        self.failed = False
        self.done = asyncio.Event()


class LatestWins(Generic[T]):
    """Per-key single flight where the newest state wins. One instance per process, used
    from one event loop.

    ``await queue.get(key, work)``: ``work()`` is awaited to produce a result that reflects
    the state at the moment it is called. The caller gets the outcome (result or exception)
    of the first render that STARTED after it called ``get``.
    """

    def __init__(self) -> None:
        self._slots: dict[Hashable, _Slot] = {}
        self.renders = 0  # how many times work() was started (for tests and benchmarks)

    def pending(self) -> int:
        """Keys with a render running or requests waiting."""
        return len(self._slots)

    async def get(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """The outcome of the first render of ``key`` that starts after this call: ``work()``
        awaited by this caller, or by another one whose render this caller waited for."""
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot()
        slot.arrivals += 1
        ticket = slot.arrivals
        slot.waiters += 1
        try:
            while slot.covered < ticket:
                if not slot.busy:
                    return await self._render(slot, work)
                await slot.done.wait()
            if slot.failed:
                raise slot.outcome  # type: ignore[misc]
            return slot.outcome  # type: ignore[return-value]
        finally:
            slot.waiters -= 1
            if slot.waiters == 0 and not slot.busy:
                self._slots.pop(key, None)

    async def _render(self, slot: _Slot, work: Callable[[], Awaitable[T]]) -> T:
        slot.busy = True
        start = slot.arrivals  # everyone who arrived so far is served by this render
        self.renders += 1
        finished = False
        try:
            result = await work()
            slot.outcome, slot.failed, finished = result, False, True
            return result
        except Exception as exc:  # the waiters it covers get the same answer (e.g. NotFound)
            slot.outcome, slot.failed, finished = exc, True, True
            raise
        finally:  # cancelled: nobody is covered, the next waiter renders
            if finished:
                slot.covered = start
            slot.busy = False
            done, slot.done = slot.done, asyncio.Event()
            done.set()


class PreviewCache:
    """The newest preview of each (user id, CV id), with the digest of the document it
    shows. Thread-safe; bounded by ``max_bytes``; entries older than ``max_age`` seconds
    are not served."""

    def __init__(self, max_bytes: int = 32 * 1024 * 1024, max_age: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_bytes = max_bytes
        self.max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[int, int], tuple[str, bytes, float]] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._bytes

    def get(self, user_id: int, cv_id: int, digest: str) -> bytes | None:
        """The cached PNG of this user's CV at ``digest``, or None."""
        with self._lock:
            item = self._items.get((user_id, cv_id))
            if item is None or item[0] != digest:
                return None
            if self._clock() - item[2] > self.max_age:
                self._drop((user_id, cv_id))
                return None
            self._items.move_to_end((user_id, cv_id))
            return item[1]

    def put(self, user_id: int, cv_id: int, digest: str, png: bytes) -> None:
        """Remember ``png`` as this CV's preview at ``digest`` (replacing older versions)."""
        if len(png) > self.max_bytes:
            return
        with self._lock:
            self._drop((user_id, cv_id))
            self._items[(user_id, cv_id)] = (digest, png, self._clock())
            self._bytes += len(png)
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._items)))

    def _drop(self, key: tuple[int, int]) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= len(item[1])
