"""Drive the app as a hostile client would, without a browser: events through Reflex's own
event processor (the websocket path), HTTP requests through the app's Starlette router.

The identity is never passed to a handler: it is the ``cloudcv_session`` cookie in the
Cookie header of the (simulated) websocket handshake, which ``AppState._current_user``
resolves against the database, exactly as in production.
"""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import reflex as rx
import sqlalchemy
from reflex.istate.manager.memory import StateManagerMemory
from reflex_base.constants import CompileVars, RouteVar
from reflex_base.event import Event
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from reflex_base.utils.format import format_event_handler

import cloudcv.cloudcv  # noqa: F401  (registers every page and state)
from cloudcv.models import metadata


# ---- which handlers and routes exist (the matrix must cover exactly these)

def our_states() -> list[type[rx.State]]:
    """Every State class of the app (mixins excluded: their handlers are copied onto and
    checked on each state that uses them)."""
    seen, todo = [], list(rx.State.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("cloudcv.") and cls not in seen and not cls._mixin:
            seen.append(cls)
    return seen


def state_key(cls) -> str:
    """``"module.Class"``, e.g. ``"cvs.EditorState"``."""
    return f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}"


def routable_handlers() -> dict[str, set[str]]:
    """Per state, the event names Reflex's event router would accept from a client.

    The router accepts exactly the names in ``event_handlers``; ``setvar`` calls one of
    the ``set_*`` handlers by name, so it opens no door of its own."""
    found: dict[str, set[str]] = {}
    for cls in our_states():
        found.setdefault(state_key(cls), set()).update(set(cls.event_handlers) - {"setvar"})
    return found


def state_class(key: str) -> type[rx.State]:
    """The State class named ``"module.Class"``."""
    return next(cls for cls in our_states() if state_key(cls) == key)


def http_routes() -> list[tuple[str, str]]:
    """``(method, path)`` of every HTTP route the app serves: our Starlette routes (the
    ``api_transformer`` of the app ``cloudcv/cloudcv.py`` builds) and Reflex's own.

    Reflex adds ``POST /_upload`` only when it compiles a page that uses ``rx.upload`` (the
    editor does), which a test process never does: it is listed here for that reason."""
    from cloudcv.cloudcv import app

    out = [("POST", "/_upload")]
    for router in (app.api_transformer, app._api):
        for route in router.routes:
            methods = sorted(getattr(route, "methods", None) or {"*"})
            out += [(m, route.path) for m in methods if m != "HEAD"]
    return out


# ---- running async work (its own thread: Playwright may keep a loop on this one)

def run_async(coro):
    """Run ``coro`` to the end on a fresh event loop in a thread of its own."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


# ---- one client, as a browser tab: a token, a cookie header, a page

class _Namespace:
    """Stands in for Reflex's socket namespace: records what would go to the client."""

    def __init__(self):
        self.wire: list[str] = []

    async def emit_update(self, update, token: str) -> None:
        from reflex.utils import format

        self.wire.append(format.json_dumps(update))  # exactly what the socket would send


@dataclass
class Tab:
    """What one simulated browser tab was sent: every socket message, serialized as Reflex
    serializes it for the wire (state deltas and frontend events such as redirects)."""

    wire: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Everything the client received, as one string (for leak checks)."""
        return "\n".join(self.wire)


def _full_name(key: str, handler: str) -> str:
    return f"{state_class(key).get_full_name()}.{handler}"


async def _drive(cookie: str, path: str, steps: list[tuple[str, str, dict]],
                 query: dict[str, str] | None = None) -> Tab:
    from reflex.utils import format

    from cloudcv.cloudcv import app

    app._set_contexts_internal()  # the handler registry Reflex's queue looks names up in
    namespace = _Namespace()
    processor = BaseStateEventProcessor(middleware=app,
                                        backend_exception_handler=app.backend_exception_handler)
    token = str(uuid.uuid4())
    headers = {"host": "localhost:3000", "origin": "http://localhost:3000",
               "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36",
               "upgrade": "websocket"}
    if cookie:
        headers["cookie"] = f"cloudcv_session={cookie}"
    query = query or {}
    as_path = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    boot = ("", format_event_handler(rx.State.event_handlers[CompileVars.HYDRATE_AND_LOAD]), {})
    async with processor.configure(state_manager=StateManagerMemory(),
                                   event_namespace=namespace):
        # the page's first message on connect (the state, then its on_load), as a browser
        for key, handler, payload in [boot, *steps]:
            router_data = {RouteVar.PATH: path, RouteVar.ORIGIN: as_path, RouteVar.QUERY: query,
                           RouteVar.SESSION_ID: "sid-" + token, RouteVar.HEADERS: dict(headers),
                           RouteVar.CLIENT_IP: "198.51.100.7"}
            router_data[RouteVar.QUERY] = format.format_query_params(router_data)
            router_data[RouteVar.CLIENT_TOKEN] = token
            router_data[RouteVar.PATH] = "/" + (app.router(path) or "404").removeprefix("/")
            name = handler if key == "" else _full_name(key, handler)
            future = await processor.enqueue(token, Event(name=name, payload=payload,
                                                          router_data=router_data))
            await _settle(future)
    return Tab(wire=namespace.wire)


async def _settle(future) -> None:
    """Wait for an event and every event it chained (backend ones), however deep."""
    pending = [future]
    while pending:
        f = pending.pop()
        done, _ = await asyncio.wait({f}, timeout=60)
        if not done:
            raise AssertionError(f"an event did not finish within a minute: {f!r}")
        if not f.cancelled():
            f.exception()  # a handler's error went to backend_exception_handler (the flash)
        pending += list(f.children)


def send(cookie: str, path: str, steps: list[tuple[str, str, dict]],
         query: dict[str, str] | None = None) -> Tab:
    """Open ``path`` in a new tab with the session ``cookie`` ("" = anonymous), then send
    ``steps`` (``(state key, handler, payload)``) one after the other, as the page would."""
    return run_async(_drive(cookie, path, steps, query))


# ---- the database, all of it

def dump(engine) -> dict[str, dict[tuple, dict]]:
    """Every row of every table, keyed by primary key (all columns, bytes included)."""
    out: dict[str, dict[tuple, dict]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            pk = [c.name for c in table.primary_key.columns]
            rows = conn.execute(sqlalchemy.select(table)).mappings().all()
            out[table.name] = {tuple(r[c] for c in pk): dict(r) for r in rows}
    return out


def diff(before: dict, after: dict) -> list[tuple[str, str, dict]]:
    """``(table, "added" | "removed" | "changed", row)`` for every row that differs
    (a changed row is given as it is after, with ``_was`` holding the changed columns)."""
    out = []
    for table in before:
        old, new = before[table], after[table]
        out += [(table, "removed", old[k]) for k in old.keys() - new.keys()]
        out += [(table, "added", new[k]) for k in new.keys() - old.keys()]
        for k in old.keys() & new.keys():
            if old[k] != new[k]:
                was = {c: old[k][c] for c in old[k] if old[k][c] != new[k][c]}
                out.append((table, "changed", {**new[k], "_was": was}))
    return out
