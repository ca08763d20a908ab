"""The root app state: language, device id, the session cookie and the current user.

Every handler that acts for a user calls ``await self.current_user()``, which resolves the
client-held token against the database *each time*; the display vars (``user_name``,
``is_admin``) are only for rendering and are never trusted.
"""

from __future__ import annotations

import secrets

import reflex as rx

from ..config import settings
from ..i18n import LANGS, catalog
from ..services import accounts, sessions
from ..services.db import in_session
from ..services.devices import Client
from ..services.errors import DomainError
from ..services.sessions import CurrentUser

SECURE = settings().https
YEAR = 365 * 24 * 3600


class AppState(rx.State):
    # Necessary first-party cookies (§3.2.2 device ID, the session, the language).
    session_token: str = rx.Cookie("", name="cloudcv_session", same_site="strict",
                                   secure=SECURE, max_age=30 * 24 * 3600)
    device_id: str = rx.Cookie("", name="cloudcv_device", same_site="strict",
                               secure=SECURE, max_age=YEAR)
    lang: str = rx.Cookie("nl", name="cloudcv_lang", same_site="lax", secure=SECURE,
                          max_age=YEAR)

    user_name: str = ""
    is_admin: bool = False
    restricted: bool = False  # Art. 18: the banner on every page (components/layout.py)
    flash: str = ""  # an i18n key shown once at the top of the page

    @rx.var
    def tr(self) -> dict[str, str]:
        return catalog(self.lang if self.lang in LANGS else "nl")

    @rx.var
    def logged_in(self) -> bool:
        return self.user_name != ""

    @rx.var
    def other_lang(self) -> str:
        return "en" if self.lang == "nl" else "nl"

    # ---- helpers (underscore: not callable from the client) ----
    def _client(self) -> Client:
        url = self.router.url
        scheme = url.scheme or ("https" if SECURE else "http")
        transport = "websocket" if self.router.headers.upgrade.lower() == "websocket" else "polling"
        return Client(ip=self.router.session.client_ip or "", device_id=self.device_id,
                      user_agent=self.router.headers.user_agent or "",
                      connection=f"{scheme}/{transport}")

    def _ensure_device(self) -> None:
        if not isinstance(self.device_id, str) or len(self.device_id) != 32:
            self.device_id = secrets.token_hex(16)

    async def current_user(self) -> CurrentUser | None:
        """The user behind the session cookie, from the database; refreshes display vars."""
        user = await in_session(sessions.resolve, token=self.session_token)
        self._show(user)
        return user

    def _show(self, user: CurrentUser | None) -> None:
        self.user_name = user.name if user else ""
        self.is_admin = bool(user and user.is_admin)
        self.restricted = bool(user and user.restricted)
        if user is None and self.session_token:
            self.session_token = ""

    def _t(self, key: str, **params) -> str:
        from ..i18n import t

        return t(key, self.lang if self.lang in LANGS else "nl", **params)

    def _err(self, exc: DomainError) -> str:
        return self._t(exc.key, **exc.params)

    # ---- events ----
    @rx.event
    async def load(self):
        """on_load of every page: device id, language on <html>, who is logged in."""
        self._ensure_device()
        await self.current_user()
        lang = self.lang if self.lang in LANGS else "nl"
        return rx.call_script(f"document.documentElement.lang = '{lang}'")

    @rx.event
    async def switch_language(self):
        self.lang = "en" if self.lang == "nl" else "nl"
        user = await self.current_user()
        if user is not None:
            await in_session(accounts.set_language, user_id=user.id, lang=self.lang)
        return rx.call_script(f"document.documentElement.lang = '{self.lang}'")

    @rx.event
    def dismiss_flash(self):
        self.flash = ""

    @rx.event
    async def logout(self):
        await in_session(sessions.end, token=self.session_token)
        self.session_token = ""
        self._show(None)
        self.flash = "logout.done"
        return rx.redirect("/inloggen")

    @rx.event
    async def logout_everywhere(self):
        user = await self.current_user()
        if user is not None:
            await in_session(sessions.end_all, user_id=user.id)
        self.session_token = ""
        self._show(None)
        self.flash = "logout_all.done"
        return rx.redirect("/inloggen")


class LoggedInState(AppState):
    """Pages behind a login: ``on_load=LoggedInState.require_login``."""

    @rx.event
    async def require_login(self):
        self._ensure_device()
        if await self.current_user() is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        return rx.call_script(f"document.documentElement.lang = '{self.lang}'")
