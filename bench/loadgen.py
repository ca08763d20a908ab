"""A load generator that speaks Reflex's event protocol, for CloudCV and the blank app alike.

Each *tab* is one python-socketio ``AsyncClient`` (websocket transport, aiohttp underneath)
connected to ``/_event`` the way the browser connects: ``?token=<uuid>``, the page's Cookie
header in the handshake (CloudCV reads the session from there only), then
``hydrate_and_load``, then the page's on_load, then typing. A *target* says what a tab types
into: ``CloudCVTarget`` (logged-in editors on their own CVs, ``EditorState.save_field``
"headline", and after every save the fetch the real page makes: ``after_save``) or
``BlankTarget`` (the blank app's one handler). Both are driven by the same loops:

- ``open_loop``: N tabs, each saving once a second on a fixed schedule. A save's latency is
  measured from its scheduled time (a tab that falls behind queues its keystrokes, as
  Reflex's frontend does), so a slow server is not hidden by sending less (no coordinated
  omission). The follow-up fetches are timed separately.
- ``closed_loop``: T tabs, each sending the next save as soon as the answer arrives.
- ``malformed``: events a hostile client sends (unknown handler, wrong payload types, 1 MB,
  another user's CV), each counted as refused, crashed or accepted.

Users, CVs and session tokens are made directly in the server's database through the
services (``make_editors``), with real session tokens (``sessions.create``).
"""

from __future__ import annotations

import asyncio
import functools
import json
import math
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import socketio

# Full state paths, as the built frontend names them (``check_names`` verifies them).
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
APP_STATE = f"{ROOT_STATE}.cloudcv___state___base____app_state"
EDITOR = f"{APP_STATE}.cloudcv___state___base____logged_in_state.cloudcv___state___cvs____editor_state"
LOGIN = f"{APP_STATE}.cloudcv___state___auth____login_state"
BLANK = f"{ROOT_STATE}.baseline___baseline____blank_state"
SESSION_COOKIE = "cloudcv_session"
FIELD = "headline"
MB = 1_000_000


def check_names(web_dir: Path, names: list[str]) -> None:
    """Fail loudly when a handler this generator calls is not in the built frontend."""
    haystack = b"".join(p.read_bytes() for sub in ("app", "app_components", "utils") for p in (web_dir / sub).rglob("*")
                        if p.suffix in (".js", ".jsx") and p.is_file())
    missing = [n for n in names if n.encode() not in haystack]
    if missing:
        raise RuntimeError(f"not in the built frontend (renamed?): {missing}")


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of ``values``, in the values' unit; nan when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


@dataclass
class Answer:
    latency: float  # seconds from the event's (scheduled) send to the first answer
    messages: list[dict]

    def delta(self, state: str) -> dict:
        out: dict = {}
        for m in self.messages:
            out.update((m.get("delta") or {}).get(state, {}))
        return out

    def event_names(self) -> list[str]:
        return [e.get("name", "") for m in self.messages for e in (m.get("events") or [])]

    def server_error(self) -> bool:
        """The server said a handler failed (CloudCV's ``unexpected_error`` flash; Reflex's
        default handler answers with a toast run by ``_call_function``/``_call_script``)."""
        return any(n.endswith("unexpected_error") or n in ("_call_function", "_call_script")
                   for n in self.event_names())


class Tab:
    """One browser tab: a socket on ``/_event`` with the page's cookies and path."""

    def __init__(self, url: str, *, cookie: str = "", path: str = "/"):
        self.url, self.cookie, self.path = url, cookie, path
        self.sio = socketio.AsyncClient(reconnection=False)
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.sio.on("event", self.inbox.put_nowait, namespace="/_event")

    @property
    def connected(self) -> bool:
        return self.sio.connected and "/_event" in self.sio.namespaces

    async def open(self, timeout: float = 30) -> Answer:
        """Connect and hydrate (until the server says ``is_hydrated``)."""
        headers = {"Origin": self.url}
        if self.cookie:
            headers["Cookie"] = self.cookie
        await self.sio.connect(f"{self.url}?token={uuid.uuid4()}", headers=headers,
                               socketio_path="/_event", namespaces=["/_event"],
                               transports=["websocket"], wait_timeout=timeout)
        hydrated = f'"{ROOT_STATE}": {{"is_hydrated_rx_state_": true'
        answer = await self.call(HYDRATE, {}, timeout=timeout,
                                 until=lambda m: hydrated in json.dumps(m))
        if answer is None:
            raise RuntimeError(f"{self.url}: no hydration answer")
        return answer

    async def call(self, name: str, payload, *, timeout: float = 10, path: str | None = None,
                   sent_at: float | None = None,
                   until: Callable[[dict], bool] | None = None) -> Answer | None:
        """Emit one event; the answer is the next message (or, with ``until``, the messages
        up to the one it accepts). None when nothing came within ``timeout`` or the socket
        closed. ``sent_at`` is the scheduled send time latency counts from."""
        while not self.inbox.empty():
            self.inbox.get_nowait()
        path = path or self.path
        started = time.perf_counter() if sent_at is None else sent_at
        try:
            await self.sio.emit("event", {"name": name, "payload": payload, "router_data": {
                "pathname": path, "asPath": path, "query": {}}}, namespace="/_event")
        except socketio.exceptions.SocketIOError:
            return None
        messages = []
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not self.connected:
                return None
            try:
                message = await asyncio.wait_for(self.inbox.get(), min(left, 0.25))
            except TimeoutError:
                continue
            messages.append(message)
            if until is None or until(message):
                return Answer(time.perf_counter() - started, messages)

    async def close(self) -> None:
        try:
            await self.sio.disconnect()
        except Exception:  # a socket the server already closed
            pass


# ---------------------------------------------------------------------------- CloudCV setup

@dataclass(frozen=True)
class Editor:
    """A logged-in tab's identity: its user, its CV, its session token."""

    user_id: int
    email: str
    cv_id: int
    token: str

    @property
    def cookie(self) -> str:
        return f"{SESSION_COOKIE}={self.token}"


def make_users(server, n: int, prefix: str = "bench") -> list[tuple[int, str]]:
    """``n`` verified accounts (real registration, argon2 and all) in the server's
    database; returns (user id, email). Their password is ``tests.factories.PASSWORD``."""
    from tests.factories import verified_user

    out = []
    tag = uuid.uuid4().hex[:6]
    with server.session() as s:
        for i in range(n):
            email = f"{prefix}-{tag}-{i}@example.nl"
            user = verified_user(s, email=email, name=f"Bench Gebruiker {i}")
            out.append((user.id, email))
    return out


def make_editors(server, n: int, *, users: int | None = None) -> list[Editor]:
    """``n`` editor tabs, each on a CV of its own, spread over ``users`` accounts (default:
    one per tab up to 10, more when a user would pass ``cvs.MAX_CVS``); each tab has a
    session of its own (``sessions.create``, as a login would leave)."""
    from cloudcv.models import User
    from cloudcv.services.accounts import sessions
    from cloudcv.services.core.devices import Client
    from cloudcv.services.cv import cvs

    users = users or max(min(n, 10), math.ceil(n / cvs.MAX_CVS))
    accounts = make_users(server, users)
    client = Client(ip="127.0.0.1", device_id=uuid.uuid4().hex, user_agent="cloudcv-loadgen",
                    connection="http/websocket")
    editors = []
    with server.session() as s:
        for i in range(n):
            uid, email = accounts[i % users]
            cv_id = cvs.create_cv(s, user_id=uid, title=f"Bench cv {i}")
            token, _ = sessions.create(s, user=s.get(User, uid), client=client,
                                       now=datetime.now(UTC))
            s.commit()
            editors.append(Editor(uid, email, cv_id, token))
    return editors


def stored_field(server, editor: Editor, name: str = FIELD) -> str:
    """The field as the server stored it (read through the services, owner's view)."""
    from cloudcv.services.cv import cvs

    with server.session() as s:
        return cvs.get_cv(s, user_id=editor.user_id, cv_id=editor.cv_id).values[name]


def _seq(value: str) -> int:
    """The save number k in a value made by ``_value(i, k)`` (-1 for anything else)."""
    try:
        return int(value.split(" ", 2)[1].split("-", 1)[1])
    except (IndexError, ValueError, AttributeError):
        return -1


def lost_acknowledged(server, editors: list[Editor], result) -> int:
    """Tabs whose stored headline is OLDER than the last save the server acknowledged (a lost
    acknowledged save; must be 0). A NEWER stored value is not counted: a save that was
    committed but whose answer failed (e.g. Reflex's Redis state lock expired) is stored
    without being acknowledged."""
    lost = 0
    for i, value in result.last_saved.items():
        stored = stored_field(server, editors[i])
        if stored != value and _seq(stored) <= _seq(value):
            lost += 1
    return lost


# ------------------------------------------------------------------------------- targets

class CloudCVTarget:
    """Logged-in editors typing in the headline of their own CV."""

    name = "CloudCV"
    handler = f"{EDITOR}.save_field"

    def __init__(self, running, editors: list[Editor]):
        self.running, self.url, self.editors = running, running.url, editors

    async def tab(self, i: int) -> Tab:
        editor = self.editors[i % len(self.editors)]
        tab = Tab(self.url, cookie=editor.cookie, path=f"/cv/{editor.cv_id}")
        tab.editor = editor
        await tab.open()
        answer = await tab.call(f"{EDITOR}.load", {}, timeout=30)
        loaded = answer and answer.delta(EDITOR).get("loaded_rx_state_")
        if not loaded:
            raise RuntimeError(f"editor of cv {editor.cv_id} did not load: "
                               f"{answer and answer.messages}")
        return tab

    def save(self, tab: Tab, value: str) -> tuple[str, dict]:
        return self.handler, {"name": FIELD, "value": value}

    def saved(self, answer: Answer, value: str) -> bool:
        return answer.delta(EDITOR).get("status_rx_state_") == "saved" \
            and answer.delta(EDITOR).get("values_rx_state_", {}).get(FIELD) == value

    async def after_save(self, http: aiohttp.ClientSession, tab: Tab, answer: Answer) -> bool:
        return await after_save(http, self.url, tab.cookie, answer)


async def after_save(http: aiohttp.ClientSession, base_url: str, cookie: str,
                     answer: Answer) -> bool:
    """What the real editor page fetches after a save's answer, as the browser would fetch
    it; True when it got it. Today: the preview image, whose address (``preview_src``,
    ``state/cvs.py``; the ``<img>`` in ``pages/editor.py`` ``_preview``) changes with every
    save. If the page comes to fetch something else after a save, change this function."""
    src = answer.delta(EDITOR).get("preview_src_rx_state_")
    if not src:
        return False
    async with http.get(base_url + src, headers={"Cookie": cookie}) as resp:
        await resp.read()
        return resp.status == 200


class BlankTarget:
    """The blank app: its one input, its one handler."""

    name = "baseline"
    handler = f"{BLANK}.set_text"

    def __init__(self, running):
        self.running, self.url = running, running.url

    async def tab(self, i: int) -> Tab:
        tab = Tab(self.url)
        await tab.open()
        return tab

    def save(self, tab: Tab, value: str) -> tuple[str, dict]:
        return self.handler, {"value": value}

    def saved(self, answer: Answer, value: str) -> bool:
        return answer.delta(BLANK).get("text_rx_state_") == value

    async def after_save(self, http, tab, answer) -> bool | None:
        return None  # the blank page fetches nothing after a change


# --------------------------------------------------------------------------------- loops

class OneInFlight:
    """The editor page's preview loader (``components/cv_preview.py``) as the bench's tabs
    run it: at most one request in flight per tab; an address asked for meanwhile replaces
    the one waiting, and is fetched when the request in flight lands. ``fetch(arg)`` is a
    coroutine function; ``skipped`` counts the versions never fetched."""

    def __init__(self, fetch) -> None:
        self._fetch = fetch
        self._wanted = None
        self.task: asyncio.Task | None = None
        self.skipped = 0

    def want(self, arg) -> None:
        if self._wanted is not None:
            self.skipped += 1
        self._wanted = arg
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while self._wanted is not None:
            arg, self._wanted = self._wanted, None
            await self._fetch(arg)


@dataclass
class Result:
    target: str
    tabs: int
    seconds: float
    latencies: list[float] = field(default_factory=list)   # save round trips, s
    fetches: list[float] = field(default_factory=list)     # follow-up fetches, s
    offered: int = 0
    answered: int = 0
    unsaved: int = 0          # answers that did not carry the change
    lost: int = 0             # no answer within the timeout / socket closed
    fetch_failed: int = 0
    fetch_superseded: int = 0  # versions never fetched: a newer save came while one was in flight
    fetch_unfinished: int = 0
    last_sent: dict = field(default_factory=dict)     # tab index -> last value sent
    last_saved: dict = field(default_factory=dict)    # tab index -> last value answered as saved

    @property
    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def ms(self, q: float, which: str = "latencies") -> float:
        return pct(getattr(self, which), q) * 1000

    def line(self) -> str:
        text = (f"{self.target}: {self.tabs} tabs, {self.seconds:.1f} s: {self.answered}/"
                f"{self.offered} saves answered ({self.rate:,.0f}/s), p50 {self.ms(.5):.1f} ms, "
                f"p95 {self.ms(.95):.1f} ms, p99 {self.ms(.99):.1f} ms, "
                f"max {self.ms(1):.1f} ms; unsaved {self.unsaved}, lost {self.lost}")
        if self.fetches or self.fetch_failed or self.fetch_unfinished:
            text += (f"; after-save fetch n={len(self.fetches)} p50 {self.ms(.5, 'fetches'):.1f}"
                     f" ms p95 {self.ms(.95, 'fetches'):.1f} ms max {self.ms(1, 'fetches'):.1f}"
                     f" ms, failed {self.fetch_failed}, skipped {self.fetch_superseded},"
                     f" unfinished {self.fetch_unfinished}")
        return text


async def open_tabs(target, n: int, *, parallel: int = 8) -> list[Tab]:
    """``n`` tabs, hydrated and loaded, opened ``parallel`` at a time."""
    gate = asyncio.Semaphore(parallel)

    async def one(i: int) -> Tab:
        async with gate:
            return await target.tab(i)

    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def close_tabs(tabs: list[Tab]) -> None:
    await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)


def _value(i: int, k: int) -> str:
    return f"Ontwikkelaar {i}-{k} {uuid.uuid4().hex[:6]}"


async def _save(target, tab: Tab, i: int, value: str, result: Result, timeout: float,
                sent_at: float | None = None) -> Answer | None:
    """One save of tab ``i``, counted in ``result``; its answer, or None."""
    result.offered += 1
    result.last_sent[i] = value
    name, payload = target.save(tab, value)
    answer = await tab.call(name, payload, timeout=timeout, sent_at=sent_at)
    if answer is None:
        result.lost += 1
        return None
    result.answered += 1
    result.latencies.append(answer.latency)
    if target.saved(answer, value):
        result.last_saved[i] = value
    else:
        result.unsaved += 1
    return answer


async def open_loop(target, tabs: list[Tab], *, seconds: float, rate: float = 1.0,
                    fetch: bool = True, timeout: float = 30,
                    stop: asyncio.Event | None = None) -> Result:
    """Every tab saves ``rate`` times a second for ``seconds`` (or until ``stop`` is set);
    each answer is followed by the target's after-save fetch in the background, as the page
    does it (:class:`OneInFlight`). A fetch is timed from the answer that asked for it to
    its response, so the wait behind the request in flight counts."""
    result = Result(target.name, len(tabs), seconds)
    period = 1.0 / rate

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:

        async def fetch_after(tab: Tab, asked: tuple[Answer, float]) -> None:
            answer, started = asked
            try:
                ok = await target.after_save(http, tab, answer)
            except asyncio.CancelledError:
                raise
            except Exception:
                ok = False
            if ok is None:
                return
            if ok:
                result.fetches.append(time.perf_counter() - started)
            else:
                result.fetch_failed += 1

        loaders: list[OneInFlight] = []

        async def typist(i: int, tab: Tab, start: float) -> None:
            loader = OneInFlight(functools.partial(fetch_after, tab))
            loaders.append(loader)
            k = 0
            while True:
                scheduled = start + k * period
                if scheduled >= start_all + seconds or (stop is not None and stop.is_set()):
                    break
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                if stop is not None and stop.is_set():
                    break
                answer = await _save(target, tab, i, _value(i, k), result, timeout, scheduled)
                k += 1
                if answer is None:
                    if not tab.connected:
                        break
                    continue
                if fetch:
                    loader.want((answer, time.perf_counter()))

        start_all = time.perf_counter() + 0.2
        await asyncio.gather(*(typist(i, t, start_all + random.random() * period)
                               for i, t in enumerate(tabs)))
        if stop is not None:
            result.seconds = time.perf_counter() - start_all
        result.fetch_superseded = sum(loader.skipped for loader in loaders)
        pending = {loader.task for loader in loaders if loader.task and not loader.task.done()}
        if pending:
            _, late = await asyncio.wait(pending, timeout=5)
            result.fetch_unfinished = len(late)
            for task in late:
                task.cancel()
    return result


async def closed_loop(target, tabs: list[Tab], *, seconds: float, timeout: float = 30) -> Result:
    """Every tab sends its next save as soon as the previous one is answered."""
    result = Result(target.name, len(tabs), seconds)

    async def typist(i: int, tab: Tab) -> None:
        k = 0
        while time.perf_counter() < stop:
            answer = await _save(target, tab, i, _value(i, k), result, timeout)
            k += 1
            if answer is None and not tab.connected:
                return

    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(*(typist(i, t) for i, t in enumerate(tabs)))
    result.seconds = time.perf_counter() - started
    return result


async def idle_p95(target, tabs: list[Tab], seconds: float) -> Result:
    """The typists alone (for the "while X" benchmarks' idle reference)."""
    return await open_loop(target, tabs, seconds=seconds)


# --------------------------------------------------------------------------------- logins

@dataclass
class Logins:
    latencies: list[float] = field(default_factory=list)
    ok: int = 0
    failed: int = 0

    def line(self) -> str:
        return (f"logins: {self.ok} succeeded, {self.failed} failed; p50 "
                f"{pct(self.latencies, .5) * 1000:.0f} ms, p95 {pct(self.latencies, .95) * 1000:.0f}"
                f" ms, max {pct(self.latencies, 1) * 1000:.0f} ms")


async def login_storm(url: str, emails: list[str], password: str, *, seconds: float) -> Logins:
    """One tab per address on /inloggen, each submitting the real login form
    (``LoginState.submit``: argon2, the login event, a pending session) again as soon as the
    last one is answered, for ``seconds``: ``len(emails)`` concurrent logins all along."""
    out = Logins()
    tabs = [Tab(url, path="/inloggen") for _ in emails]
    await asyncio.gather(*(t.open() for t in tabs))

    def done(message: dict) -> bool:
        delta = message.get("delta") or {}
        return bool(delta.get(APP_STATE, {}).get("login_ticket_rx_state_")) \
            or delta.get(LOGIN, {}).get("busy_rx_state_") is False

    async def one(tab: Tab, email: str) -> None:
        while time.perf_counter() < stop:
            answer = await tab.call(f"{LOGIN}.submit", {"form": {
                "email": email, "password": password}}, timeout=60, until=done)
            if answer is not None and answer.delta(APP_STATE).get("login_ticket_rx_state_"):
                out.ok += 1
                out.latencies.append(answer.latency)
            else:
                out.failed += 1
                if not tab.connected:
                    return

    stop = time.perf_counter() + seconds
    try:
        await asyncio.gather(*(one(t, e) for t, e in zip(tabs, emails, strict=True)))
    finally:
        await close_tabs(tabs)
    return out


# ------------------------------------------------------------------------------ malformed

@dataclass
class Malformed:
    refused: int = 0
    crashed: int = 0
    accepted: int = 0   # the change landed: a breach, not a refusal
    detail: list[tuple[str, str]] = field(default_factory=list)

    def add(self, what: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.detail.append((what, outcome))

    def line(self, name: str) -> str:
        return (f"{name} malformed events: {self.refused} refused, {self.crashed} crashed, "
                f"{self.accepted} accepted ({', '.join(f'{w}: {o}' for w, o in self.detail)})")


async def _alive(url: str) -> bool:
    try:
        async with aiohttp.ClientSession() as http, http.get(
                f"{url}/ping", timeout=aiohttp.ClientTimeout(total=10)) as resp:
            return resp.status == 200
    except (aiohttp.ClientError, TimeoutError):
        return False


async def _judge(url: str, answer: Answer | None, changed: bool) -> str:
    if not await _alive(url):
        return "crashed"
    if answer is not None and answer.server_error():
        return "crashed"
    return "accepted" if changed else "refused"


async def malformed(target, *, victim: Editor | None = None) -> Malformed:
    """Send what a hostile client sends, on a tab of its own; judge each event by the
    server's answer (or silence), whether the server still answers ``/ping``, and whether
    the change landed (CloudCV: read through the services; the victim's CV for the
    other-user events)."""
    out = Malformed()
    tab = await target.tab(0)
    cloud = isinstance(target, CloudCVTarget)
    state = EDITOR if cloud else BLANK
    handler = target.handler

    async def stored(editor: Editor) -> str:
        return await asyncio.to_thread(stored_field, target.running.app, editor)

    async def reopen() -> Tab:
        nonlocal tab
        if not tab.connected:
            await tab.close()
            tab = await target.tab(0)
        return tab

    def payload(value):
        return {"name": FIELD, "value": value} if cloud else {"value": value}

    # 1. a handler that does not exist
    answer = await tab.call(f"{state}.no_such_handler", payload("x"), timeout=2)
    out.add("unknown handler", await _judge(target.url, answer, False))
    # 2. wrong payload types: a dict where a str is declared (value, and the field name)
    before = await stored(tab.editor) if cloud else ""
    answer = await (await reopen()).call(handler, payload({"$ne": "x"}), timeout=5)
    now = await stored(tab.editor) if cloud else (
        answer.delta(BLANK).get("text_rx_state_", "") if answer else "")
    out.add("dict for str", await _judge(target.url, answer, now not in (before, "")))
    if cloud:
        answer = await (await reopen()).call(handler, {"name": {"a": 1}, "value": "x"}, timeout=5)
        out.add("dict for field name", await _judge(
            target.url, answer, await stored(tab.editor) != before))
        answer = await (await reopen()).call(f"{EDITOR}.load", ["not", "a", "dict"], timeout=5)
        out.add("list for payload", await _judge(target.url, answer, False))
    # 3. a 1 MB payload
    big = "x" * MB
    answer = await (await reopen()).call(handler, payload(big), timeout=10)
    if cloud:
        landed = (await stored(tab.editor)) == big
    else:
        landed = bool(answer and answer.delta(BLANK).get("text_rx_state_") == big)
    out.add("1 MB payload", await _judge(target.url, answer, landed))
    # 4. another user's CV: open its editor, then save to it
    if cloud and victim is not None:
        if victim.user_id == tab.editor.user_id:
            raise ValueError("the victim must be another user")
        theirs_before = await stored(victim)
        spy = Tab(target.url, cookie=tab.editor.cookie, path=f"/cv/{victim.cv_id}")
        await spy.open()
        answer = await spy.call(f"{EDITOR}.load", {}, timeout=10)
        leaked = bool(answer and answer.delta(EDITOR).get("loaded_rx_state_"))
        out.add("load another user's cv", await _judge(target.url, answer, leaked))
        answer = await spy.call(handler, payload("Overgenomen"), timeout=10)
        out.add("save to another user's cv", await _judge(
            target.url, answer, await stored(victim) != theirs_before))
        # the attacker's own editor, pointed at the victim's id by the event's path
        answer = await (await reopen()).call(f"{EDITOR}.load", {}, path=f"/cv/{victim.cv_id}",
                                             timeout=10)
        leaked = bool(answer and answer.delta(EDITOR).get("loaded_rx_state_"))
        answer2 = await tab.call(handler, payload("Overgenomen 2"), timeout=10)
        out.add("load+save via the event's path", await _judge(
            target.url, answer2, leaked or await stored(victim) != theirs_before))
        await spy.close()
    await tab.close()
    return out
