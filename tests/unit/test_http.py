"""Security headers on every HTTP response; HSTS only when served over https (P26)."""

import asyncio
import threading
from types import SimpleNamespace

from cloudcv import api


def _headers(https: bool, monkeypatch) -> dict:
    monkeypatch.setattr(api, "settings", lambda: SimpleNamespace(https=https))

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"ok"})

    sent = []

    async def send(message):
        sent.append(message)

    # a thread of its own: pytest-playwright may leave an event loop running in this one
    worker = threading.Thread(target=asyncio.run, args=(api.SecurityHeaders(app)({"type": "http"}, None, send),))
    worker.start()
    worker.join()
    return {k.decode(): v.decode() for k, v in sent[0]["headers"]}


def test_https_deployments_send_hsts(monkeypatch):
    headers = _headers(True, monkeypatch)
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert headers["x-frame-options"] == "DENY" and headers["content-type"] == "text/html"


def test_every_response_keeps_referrers_and_framing_to_ourselves(monkeypatch):
    """P30: no full URL leaks to third-party sites we link to; no one frames our pages."""
    for https in (True, False):
        headers = _headers(https, monkeypatch)
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_plain_http_never_sends_hsts(monkeypatch):
    assert "strict-transport-security" not in _headers(False, monkeypatch)
