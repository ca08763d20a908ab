"""The preview's latest-wins queue and cache (services/cv/preview_queue.py)."""

from __future__ import annotations

import asyncio

import pytest

from cloudcv.services.core.errors import NotFound
from cloudcv.services.cv.preview_queue import LatestWins, PreviewCache
from tests.security._harness import run_async  # own loop: Playwright holds the main one


class Renderer:
    """A render that reads the CV's version when it starts and finishes when released."""

    def __init__(self):
        self.version = 1
        self.started: list[int] = []
        self.gates: list[asyncio.Event] = []

    async def work(self) -> str:
        seen = self.version  # the state at the moment the render starts
        self.started.append(seen)
        gate = asyncio.Event()
        self.gates.append(gate)
        await gate.wait()
        return f"render of v{seen}"

    async def release(self, index: int) -> None:
        while len(self.gates) <= index:
            await asyncio.sleep(0)
        self.gates[index].set()


def run(coro):
    """Run ``coro``; a queue that never finishes a render fails the test instead of hanging."""
    return run_async(asyncio.wait_for(coro, timeout=5))


async def settle():
    for _ in range(20):
        await asyncio.sleep(0)


def test_waiters_during_a_render_share_one_render_of_the_newest_version():
    async def scenario():
        queue, r = LatestWins(), Renderer()
        first = asyncio.ensure_future(queue.get(("anna", 7), r.work))
        await settle()
        waiters = []
        for version in (2, 3, 4, 5, 6):  # five saves while v1 renders, each asks for a preview
            r.version = version
            waiters.append(asyncio.ensure_future(queue.get(("anna", 7), r.work)))
            await settle()
        await r.release(0)
        await settle()
        await r.release(1)
        results = await asyncio.gather(first, *waiters)
        return queue, r, results

    queue, r, results = run(scenario())
    assert r.started == [1, 6]  # v2..v5 were never rendered
    assert results == ["render of v1"] + ["render of v6"] * 5
    assert queue.renders == 2 and queue.pending() == 0


def test_a_request_never_gets_a_render_that_started_before_it_arrived():
    async def scenario():
        queue, r = LatestWins(), Renderer()
        first = asyncio.ensure_future(queue.get(1, r.work))
        await settle()
        r.version = 2
        late = asyncio.ensure_future(queue.get(1, r.work))
        await settle()
        await r.release(0)
        assert await first == "render of v1"
        await settle()
        assert not late.done()  # it waits for a render that started after it
        await r.release(1)
        return await late

    assert run(scenario()) == "render of v2"


def test_different_cvs_render_side_by_side():
    async def scenario():
        queue, r = LatestWins(), Renderer()
        a = asyncio.ensure_future(queue.get(("anna", 1), r.work))
        b = asyncio.ensure_future(queue.get(("bob", 1), r.work))
        await settle()
        assert len(r.started) == 2  # bob's does not wait for anna's
        await r.release(1)
        await r.release(0)
        return await asyncio.gather(a, b)

    assert run(scenario()) == ["render of v1", "render of v1"]


def test_a_failed_render_fails_every_request_it_covered_once():
    calls = []

    async def scenario():
        queue = LatestWins()
        gate = asyncio.Event()

        async def work():
            calls.append(1)
            await gate.wait()
            raise NotFound("error.not_found")

        first = asyncio.ensure_future(queue.get(3, work))
        await settle()
        second = asyncio.ensure_future(queue.get(3, work))
        await settle()
        gate.set()
        return await asyncio.gather(first, second, return_exceptions=True)

    results = run(scenario())
    assert [type(x) for x in results] == [NotFound, NotFound]
    assert len(calls) == 2  # the second request arrived during the first render: its own render


def test_a_cancelled_render_hands_over_to_a_waiter():
    async def scenario():
        queue, r = LatestWins(), Renderer()
        first = asyncio.ensure_future(queue.get(5, r.work))
        await settle()
        r.version = 2
        second = asyncio.ensure_future(queue.get(5, r.work))
        await settle()
        first.cancel()  # the browser went away mid-render
        await settle()
        await r.release(1)
        return r, await second, queue

    r, result, queue = run(scenario())
    assert r.started == [1, 2] and result == "render of v2" and queue.pending() == 0


def test_the_cache_serves_the_same_version_of_the_same_users_cv_only():
    cache = PreviewCache(max_bytes=1000)
    cache.put(1, 10, "aaa", b"png-v1")
    assert cache.get(1, 10, "aaa") == b"png-v1"
    assert cache.get(1, 10, "bbb") is None  # another version
    assert cache.get(2, 10, "aaa") is None  # another user, same CV id and digest
    cache.put(1, 10, "bbb", b"png-v2")  # a new version replaces the old one
    assert cache.get(1, 10, "aaa") is None and len(cache) == 1 and cache.size == 6


def test_the_cache_is_bounded_in_bytes_least_recently_used_first_out():
    cache = PreviewCache(max_bytes=300)
    for cv in (1, 2, 3):
        cache.put(1, cv, "d", bytes(100))
    assert cache.get(1, 1, "d") is not None  # 1 is now the most recently used
    cache.put(1, 4, "d", bytes(100))
    assert [cv for cv in (1, 2, 3, 4) if cache.get(1, cv, "d") is not None] == [1, 3, 4]
    assert cache.size == 300
    cache.put(1, 5, "d", bytes(301))  # larger than the whole cache: not kept
    assert cache.get(1, 5, "d") is None and cache.size == 300


def test_cached_previews_expire():
    now = [1000.0]
    cache = PreviewCache(max_age=60, clock=lambda: now[0])
    cache.put(1, 1, "d", b"png")
    now[0] += 59
    assert cache.get(1, 1, "d") == b"png"
    now[0] += 2
    assert cache.get(1, 1, "d") is None and cache.size == 0


@pytest.mark.parametrize("n", [50])
def test_many_concurrent_editors_of_one_cv_cost_at_most_two_renders_per_burst(n):
    async def scenario():
        queue, r = LatestWins(), Renderer()
        tasks = []
        for version in range(1, n + 1):
            r.version = version
            tasks.append(asyncio.ensure_future(queue.get(9, r.work)))
            await asyncio.sleep(0)
        await r.release(0)
        await r.release(1)
        return r, await asyncio.gather(*tasks)

    r, results = run(scenario())
    assert r.started == [1, n]
    assert results[1:] == [f"render of v{n}"] * (n - 1)
