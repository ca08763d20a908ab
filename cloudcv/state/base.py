"""The root app state: language, device id, the session cookie and the current user.

Every handler that acts for a user calls ``await self._current_user()``, which resolves the
session token against the database *each time*; the display vars (``user_name``,
``is_admin``) are only for rendering and are never trusted.

The session token is an HttpOnly cookie (set by ``/api/session/start``, see
``components/session_bridge.py``): page scripts cannot read it, and it reaches the server
only in the Cookie header of the websocket handshake (``self.router.headers.cookie``),
which Reflex never sends to the frontend. The client-held cookies that Reflex does manage
(``cloudcv_lang``, ``cloudcv_device``) are checked against their allowed set where read.
"""

from __future__ import annotations

import logging
import re
import secrets

import reflex as rx
from reflex.event import EventSpec

from ..config import settings
from ..i18n import LANGS
from ..i18n import t as translate
from ..services.accounts import accounts, sessions
from ..services.accounts.sessions import CurrentUser
from ..services.core.db import in_session
from ..services.core.devices import Client
from ..services.core.errors import DomainError
from .events import event

SECURE = settings().https
YEAR = 365 * 24 * 3600
SESSION_COOKIE = "cloudcv_session"
_DEVICE_ID = re.compile(r"[0-9a-f]{32}")


def cookie_value(header: str, name: str) -> str:
    """One cookie's value from a Cookie header ("" when absent); tolerant of junk cookies."""
    if not isinstance(header, str):
        return ""
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value.strip().strip('"')
    return ""


class AppState(rx.State):
    """The root state: cookies, the display vars of the current user, the flash message."""

    # Necessary first-party cookies (§3.2.2 device ID, the language); the session cookie is
    # HttpOnly and set by an HTTP response (api_session.py), never by this state.
    device_id: str = rx.Cookie("", name="cloudcv_device", same_site="strict",
                               secure=SECURE, max_age=YEAR)
    lang: str = rx.Cookie("nl", name="cloudcv_lang", same_site="lax", secure=SECURE,
                          max_age=YEAR)

    user_name: str = ""
    is_admin: bool = False
    restricted: bool = False  # Art. 18: the banner on every page (components/layout.py)
    flash: str = ""  # an i18n key shown once at the top of the page
    login_ticket: str = ""  # exchanged by the page for the HttpOnly cookie (session_bridge)
    drop_session: int = 0  # bumped after a logout: the page asks the server to clear the cookie
    _dropped: str = ""

    @rx.var
    def flash_text(self) -> str:
        """The one-time message (``flash``, a catalog key) in the UI language. The rest of
        the catalog is compiled into the pages (``components/i18n.py``), not sent as state."""
        return self._t(self.flash) if self.flash else ""

    @rx.var
    def html_lang(self) -> str:
        """The ``lang`` attribute of the page."""
        return self._lang()

    @rx.var
    def logged_in(self) -> bool:
        """Whether the header shows the account menu (display only, never trusted)."""
        return self.user_name != ""

    @rx.var
    def other_lang(self) -> str:
        """The language the switch offers."""
        return "en" if self.lang == "nl" else "nl"

    # ---- helpers (underscore: not callable from the client) ----
    def _lang(self) -> str:
        """The UI language: the client-held cookie, only when it is one we have."""
        return self.lang if isinstance(self.lang, str) and self.lang in LANGS else "nl"

    def _session_token(self) -> str:
        return cookie_value(self.router.headers.cookie, SESSION_COOKIE)

    def _client(self) -> Client:
        url = self.router.url
        scheme = url.scheme or ("https" if SECURE else "http")
        transport = "websocket" if self.router.headers.upgrade.lower() == "websocket" else "polling"
        return Client(ip=self.router.session.client_ip or "", device_id=self.device_id,
                      user_agent=self.router.headers.user_agent or "",
                      connection=f"{scheme}/{transport}")

    def _ensure_device(self) -> None:
        """A fresh device id unless the cookie holds one of ours (32 hex characters)."""
        if not isinstance(self.device_id, str) or not _DEVICE_ID.fullmatch(self.device_id):
            self.device_id = secrets.token_hex(16)
        if self.lang != self._lang():
            self.lang = self._lang()

    async def _current_user(self) -> CurrentUser | None:
        """The user behind the session cookie, from the database; refreshes display vars."""
        token = self._session_token()
        return self._resolved(token, await in_session(sessions.resolve, token=token))

    def _resolved(self, token: str, user: CurrentUser | None) -> CurrentUser | None:
        """After resolving ``token`` on the server: refresh the display vars; a dead cookie
        is cleared by the page (once)."""
        self._show(user)
        if user is None and token and token != self._dropped:
            self._dropped = token
            self.drop_session += 1
        return user

    async def _require_user(self) -> tuple[CurrentUser | None, EventSpec | None]:
        """For an on_load: ``(user, None)``, or ``(None, redirect)`` to /inloggen with the
        "log in first" flash."""
        self._ensure_device()
        user = await self._current_user()
        if user is None:
            self.flash = "error.login_required"
            return None, rx.redirect("/inloggen")
        return user, None

    def _show(self, user: CurrentUser | None) -> None:
        self.user_name = user.name if user else ""
        self.is_admin = bool(user and user.is_admin)
        self.restricted = bool(user and user.restricted)

    def _logged_out(self) -> None:
        """After the session ended on the server: forget the user, clear the cookie."""
        self._show(None)
        self.login_ticket = ""
        self.drop_session += 1

    def _t(self, key: str, **params) -> str:
        return translate(key, self._lang(), **params)

    def _err(self, exc: DomainError) -> str:
        return self._t(exc.key, **exc.params)

    # ---- events ----
    @event
    async def load(self):
        """on_load of every page: device id, language, who is logged in."""
        self._ensure_device()
        self.login_ticket = ""
        await self._current_user()

    @event
    async def switch_language(self):
        """Switch between Dutch and English; a logged-in user keeps the choice."""
        self.lang = "en" if self._lang() == "nl" else "nl"
        user = await self._current_user()
        if user is not None:
            await in_session(accounts.set_language, user_id=user.id, lang=self.lang)

    @event
    def dismiss_flash(self):
        """Close the flash message."""
        self.flash = ""

    @event
    def unexpected_error(self):
        """Sent by ``backend_exception_handler`` after a handler failed: say so, in words."""
        self.flash = "error.unexpected"

    @event
    async def logout(self):
        """End this session and go to /inloggen."""
        await in_session(sessions.end, token=self._session_token())
        self._logged_out()
        self.flash = "logout.done"
        return rx.redirect("/inloggen")

    @event
    async def logout_everywhere(self):
        """End every session of the user (all devices) and go to /inloggen."""
        user = await self._current_user()
        if user is not None:
            await in_session(sessions.end_all, user_id=user.id)
        self._logged_out()
        self.flash = "logout_all.done"
        return rx.redirect("/inloggen")


class LoggedInState(AppState):
    """Pages behind a login: ``on_load=LoggedInState.require_login``."""

    @event
    async def require_login(self):
        """on_load: a visitor who is not logged in goes to /inloggen."""
        self.login_ticket = ""
        _, redirect = await self._require_user()
        return redirect


def backend_exception_handler(exception: Exception) -> EventSpec:
    """An event handler raised: log it and show the translated flash.

    Reflex's default answer is a toast built by ``eval`` in the page, which the
    Content-Security-Policy refuses (no 'unsafe-eval'): the user would see nothing.
    """
    logging.getLogger("cloudcv.events").error("event handler failed", exc_info=exception)
    return AppState.unexpected_error()
