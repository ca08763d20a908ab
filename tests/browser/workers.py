"""Which backend worker holds which connection, seen from the operating system.

The server's Granian workers are the processes listening on its port; the worker that
accepted a connection is the owner of the server side of that TCP socket (``ss -tnp``).
No header, log line or other trace in the app tells a client which worker served it.

``Tab`` speaks Reflex's event protocol (Engine.IO 4 / Socket.IO over one websocket, see
``../shared/spec/stack-notes.md``) the way the compiled frontend does, so a test can open a
connection, see which worker took it, and send events on it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import uuid
from urllib.parse import urlparse

import simple_websocket
from playwright.sync_api import Error as PlaywrightError

STATE = "reflex___state____state"
APP_STATE = f"{STATE}.cloudcv___state___base____app_state"
LOGIN_STATE = f"{APP_STATE}.cloudcv___state___auth____login_state"
_PID = re.compile(r"pid=(\d+)")


def port_of(server) -> int:
    return urlparse(server.url).port


def _ss(*args: str) -> list[str]:
    out = subprocess.run(["ss", "-tnpH", *args], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def workers(server) -> set[int]:
    """The pids of the worker processes accepting on the server's port (not the supervisor,
    which leads the server's process group)."""
    pids = {int(p) for line in _ss("-l", f"sport = :{port_of(server)}") for p in _PID.findall(line)}
    return {p for p in pids if os.getpgid(p) != p}


def owner(server, client_port: int, timeout: float = 5.0) -> int:
    """The pid of the worker holding the server side of the connection from ``client_port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the worker accept()s shortly after the handshake
        for line in _ss("state", "established", f"( sport = :{port_of(server)} and dport = :{client_port} )"):
            if pids := _PID.findall(line):
                return int(pids[0])
        time.sleep(0.05)
    raise AssertionError(f"no worker holds the connection from port {client_port}")


def browser_connections(server) -> list[int]:
    """Client ports of Chromium's connections to the server that carried data: its websocket,
    once the page's HTTP requests go through Playwright (``route_http_through_playwright``).
    Chromium also preconnects a spare socket now and then; that one has sent nothing."""
    out = subprocess.run(["ss", "-tnpiH", "state", "established", f"( dport = :{port_of(server)} )"],
                         capture_output=True, text=True, check=True).stdout
    ports, lines = [], out.splitlines()
    for line, info in zip(lines, lines[1:]):
        if re.search(r'users:\(\("(chromium|chrome)', line) and "bytes_sent:" in info:
            ports.append(int(line.split()[2].rsplit(":", 1)[1]))
    return ports


def route_http_through_playwright(context) -> None:
    """Every HTTP request of the context is fetched by Playwright's driver, not by Chromium
    (websockets are not routed): the only socket Chromium opens to the server is then the
    page's websocket, so the worker that holds it can be told from the OS."""
    # a fulfilled document has no address space of its own: let it open its websocket to
    # the loopback server (Chromium's Local Network Access check would block it)
    context.grant_permissions(["local-network-access"])
    context.route("**/*", _through_playwright)


def _through_playwright(route) -> None:
    try:
        response = route.fetch()
    except PlaywrightError:  # e.g. the worker serving it was killed: what Chromium would see
        route.abort("connectionreset")
        return
    route.fulfill(response=response)


class Tab:
    """One client token on one websocket, speaking Reflex's event protocol."""

    def __init__(self, server, token: str | None = None, cookie: str = ""):
        self.server, self.token = server, token or str(uuid.uuid4())
        headers = {"Origin": server.url}
        if cookie:
            headers["Cookie"] = cookie
        self.ws = simple_websocket.Client.connect(
            f"ws://127.0.0.1:{port_of(server)}/_event/?token={self.token}&EIO=4&transport=websocket",
            headers=headers)
        self.worker = owner(server, self.ws.sock.getsockname()[1])
        assert (self._next() or "").startswith("0")  # Engine.IO open
        self.ws.send("40/_event,")
        assert (self._next() or "").startswith("40/_event,")  # namespace connected

    @classmethod
    def on_worker(cls, server, pid: int, token: str | None = None, tries: int = 40, **kw) -> "Tab":
        """Open connections until one lands on worker ``pid`` (the others are closed)."""
        for _ in range(tries):
            tab = cls(server, token=token, **kw)
            if tab.worker == pid:
                return tab
            tab.close()
        raise AssertionError(f"{tries} connections, none landed on worker {pid}")

    def _next(self, timeout: float = 30.0) -> str | None:
        deadline = time.monotonic() + timeout
        while True:
            msg = self.ws.receive(timeout=max(0.01, deadline - time.monotonic()))
            if msg == "2":  # Engine.IO ping
                self.ws.send("3")
                continue
            return msg

    def send(self, handler: str, payload: dict | None = None, path: str = "/",
             until=None, quiet: float = 1.0, timeout: float = 30.0) -> dict:
        """Send one event; returns the merged deltas of its updates: up to the one after which
        ``until(merged)`` holds, or (no ``until``) until the server has been quiet ``quiet`` s."""
        self.ws.send("42/_event," + json.dumps(["event", {
            "name": handler, "payload": payload or {},
            "router_data": {"pathname": path, "query": {}, "asPath": path}}]))
        merged: dict = {}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self._next(timeout=quiet if until is None and merged else deadline - time.monotonic())
            if msg is None:
                if until is None and merged:
                    return merged
                continue
            if not msg.startswith("42/_event,"):
                continue
            name, update = json.loads(msg[len("42/_event,"):])[:2]
            if name != "event":
                continue
            update = json.loads(update) if isinstance(update, str) else update
            for state, values in (update.get("delta") or {}).items():
                merged.setdefault(state, {}).update(values)
            if until is not None and until(merged):
                return merged
        raise AssertionError(f"no (complete) answer to {handler} within {timeout} s: {merged}")

    def hydrate(self, path: str = "/") -> dict:
        return self.send(f"{STATE}.hydrate_and_load", {}, path=path)

    def login(self, email: str, password: str) -> dict:
        """Submit the login form (as /inloggen does); returns the deltas up to the answer."""
        def answered(delta: dict) -> bool:
            values = delta.get(LOGIN_STATE, {})
            return values.get("busy_rx_state_") is False and (
                "errors_rx_state_" in values or "form_error_rx_state_" in values)
        return self.send(f"{LOGIN_STATE}.submit", {"form": {"email": email, "password": password}},
                         path="/inloggen", until=answered)

    def close(self) -> None:
        self.ws.close()


def var(delta: dict, state: str, name: str):
    """A var's value in a delta (Reflex suffixes var names with ``_rx_state_``)."""
    values = delta.get(state, {})
    for key in (name, f"{name}_rx_state_"):
        if key in values:
            return values[key]
    raise KeyError(f"{name} not in the delta of {state}: {sorted(values)}")
