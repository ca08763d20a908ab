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

Work that nobody waits on at the keyboard goes to :func:`in_process`: a pool of processes
at a lower OS priority (``nice`` +10), one per core. The editor's live preview runs there
(a PDF build and an image encode per pause in typing, ~25 ms of CPU each). In a thread of the
server process it held the GIL and the cores the saves needed: at 200 typing tabs the
saves' p95 went from tens of milliseconds to seconds (docs/performance.md). In processes of
their own at a lower priority, the scheduler gives the saves the CPU first and the previews
what is left. Processes are started with ``spawn`` (no fork of a server with threads and
open database connections) on first use, and exit when their pipe from the server closes,
so a killed worker leaves none behind.
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import Callable
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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


NICE = 10  # CFS weight 110 against 1024 at nice 0: under load the saves get ~90% of a core
PRELOAD = ("cloudcv.services.cv.pdf", "cloudcv.services.cv.preview")
_procs: list[ProcessPoolExecutor] = []


def _start_process() -> None:
    """Initializer of each background process: lower its priority, import the PDF engine."""
    import importlib

    os.nice(NICE)
    for module in PRELOAD:
        importlib.import_module(module)


def process_pool() -> ProcessPoolExecutor:
    """This process's pool of background processes (one per core, ``nice`` +:data:`NICE`)."""
    with _lock:
        if not _procs:
            _procs.append(ProcessPoolExecutor(
                max_workers=len(os.sched_getaffinity(0)),
                mp_context=multiprocessing.get_context("spawn"), initializer=_start_process))
        return _procs[0]


def _drop_broken(broken: ProcessPoolExecutor) -> None:
    with _lock:
        if _procs and _procs[0] is broken:
            _procs.clear()
    broken.shutdown(wait=False, cancel_futures=True)


async def in_process(fn: Callable[..., T], /, *args: Any) -> T:
    """``fn(*args)`` in a background process, awaited from the event loop. ``fn`` and its
    arguments must pickle (a module-level function, plain data). A pool whose process died
    (killed, out of memory) is replaced and the call tried once more."""
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        executor = process_pool()
        try:
            return await loop.run_in_executor(executor, functools.partial(fn, *args))
        except BrokenProcessPool:
            _drop_broken(executor)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _forget_after_fork() -> None:
    _pools.clear()  # the parent's threads do not exist in the child
    _procs.clear()  # nor its background processes' pipes


os.register_at_fork(after_in_child=_forget_after_fork)
