"""Thread pools by kind of blocking work, so that one kind cannot starve the others.

``asyncio.to_thread`` shares one small pool (cores + 4 threads) between everything. Measured
under load (bench/events.py, docs/performance.md): previews (PDF + rasterising, ~30 ms of CPU
each) and argon2 logins (~90 ms) filled it, and every save and page load of that worker waited
behind them. Here CPU-heavy work gets bounded pools of its own, about half the cores each:

- ``render``: PDFs, previews, the export ZIP;
- ``hash``: the forms whose handlers verify or hash a password (argon2).

Quick database work stays on the default pool (``db.in_session``), the editor's saves on the
writer thread (``group_commit.py``). Pools start their threads on first use, so a worker
forked from the server process gets pools of its own.
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
KINDS = ("render", "hash")
_pools: dict[str, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def size() -> int:
    """Threads per pool: half the cores this process may use, at least one."""
    return max(1, len(os.sched_getaffinity(0)) // 2)


def pool(kind: str) -> ThreadPoolExecutor:
    """This process's pool for ``kind`` (one of ``KINDS``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown pool {kind!r}")
    with _lock:
        if kind not in _pools:
            _pools[kind] = ThreadPoolExecutor(max_workers=size(),
                                              thread_name_prefix=f"cloudcv-{kind}")
        return _pools[kind]


async def run_on(kind: str, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` on the ``kind`` pool, awaited from the event loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool(kind), functools.partial(fn, *args, **kwargs))


def _forget_after_fork() -> None:
    _pools.clear()  # the parent's threads do not exist in the child


os.register_at_fork(after_in_child=_forget_after_fork)
