"""The HttpOnly session cookie: set and cleared by HTTP responses, never by page script.

- ``POST /api/session/start`` (body: the login ticket) exchanges a ticket from a correct
  password for the session token once (``sessions.exchange``) and sets ``cloudcv_session``:
  HttpOnly, SameSite=Strict, Path=/, Secure when the public URL is https.
- ``POST /api/session/end`` clears the cookie, but only when its session is already gone
  (logout ends it on the server first): a request cannot log anyone out by itself.

Both refuse a cross-site ``Origin`` (no login CSRF) and answer ``no-store``. The ticket is
in the body, never in a URL, so it reaches no log or history. Tickets, tokens and the
idle/absolute timeouts are ``services/accounts/sessions.py``.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from .config import settings
from .services.accounts import sessions
from .services.core.db import run

COOKIE = "cloudcv_session"
NO_STORE = {"Cache-Control": "no-store, private"}
MAX_TICKET = 128


def _same_origin(request: Request) -> bool:
    """The Origin header names this site (the public URL or the host the request came to)."""
    origin = request.headers.get("origin")
    if origin is None:
        return False
    host = request.headers.get("host", "")
    return origin in (settings().base_url, f"http://{host}", f"https://{host}")


def _set_cookie(response: Response, value: str, max_age: int) -> None:
    response.set_cookie(COOKIE, value, max_age=max_age, path="/", httponly=True,
                        samesite="strict", secure=settings().https)


async def start(request: Request) -> Response:
    """``POST /api/session/start``: 204 with the cookie set; 403 cross-site, 400 bad ticket."""
    if not _same_origin(request):
        return Response(status_code=403, headers=NO_STORE)
    body = await request.body()
    if len(body) > MAX_TICKET:
        return Response(status_code=400, headers=NO_STORE)
    token = await asyncio.to_thread(run, sessions.exchange, ticket=body.decode("ascii", "replace"))
    if token is None:
        return Response(status_code=400, headers=NO_STORE)
    response = Response(status_code=204, headers=NO_STORE)
    _set_cookie(response, token, int(sessions.ABSOLUTE.total_seconds()))
    return response


async def end(request: Request) -> Response:
    """``POST /api/session/end``: 204, clearing the cookie only when its session has ended."""
    if not _same_origin(request):
        return Response(status_code=403, headers=NO_STORE)
    token = request.cookies.get(COOKIE, "")
    response = Response(status_code=204, headers=NO_STORE)
    if token and await asyncio.to_thread(run, sessions.resolve, token=token) is None:
        _set_cookie(response, "", 0)
    return response
