"""Cookie consent in the browser: the banner, the settings dialog and the optional ids.

The consent id lives in the necessary ``cloudcv_consent`` cookie (created on the first
choice); the choice itself is resolved from the database on every page (``sync``, fired
when the banner mounts), never trusted from the browser. The analytics and marketing ids
are set only when ``services.consent.may_process`` says yes and are expired at once when it
says no (withdrawal, a new banner revision, a restricted account).
"""

from __future__ import annotations

import reflex as rx

from ..models.cookies import ANALYTICS, MARKETING, NECESSARY, OPTIONAL
from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.privacy import consent
from .base import SECURE, AppState
from .events import event


def _cookie(decl) -> rx.Cookie:
    return rx.Cookie("", name=decl.name, same_site="strict", secure=SECURE, max_age=decl.max_age)


_CONSENT_COOKIE = next(c for c in NECESSARY.cookies if c.name == "cloudcv_consent")
_OPTIONAL_COOKIES = {"analytics": ANALYTICS.cookies[0].name, "marketing": MARKETING.cookies[0].name}


def _route(path: str) -> str:
    """The route pattern (never the query string: links carry tokens); Reflex calls / "/index"."""
    return "/" if path in ("/index", "index", "") else path


class ConsentState(AppState):
    """The cookie banner and settings: the visitor's choice, stored as server-side proof."""

    consent_id: str = _cookie(_CONSENT_COOKIE)
    analytics_id: str = _cookie(ANALYTICS.cookies[0])
    marketing_id: str = _cookie(MARKETING.cookies[0])

    banner_open: bool = False
    settings_open: bool = False
    allow_analytics: bool = False  # the dialog's switches: nothing pre-ticked
    allow_marketing: bool = False
    accepted: list[str] = []
    status: str = ""  # an i18n key for the screen-reader live region

    @rx.var
    def status_text(self) -> str:
        """``status`` in the UI language, for the live region ("" when none)."""
        return self._t(self.status) if self.status else ""
    # Cookies the page must delete now (names from the declaration; the compiled hook in
    # components/consent_bridge.py deletes only declared optional names), and whether closing
    # the dialog returns focus to the footer link it was opened from.
    expire_cookies: list[str] = []
    expire_seq: int = 0
    return_to_footer: bool = False

    # ---- helpers (not callable from the client) ----
    async def _user_id(self) -> int | None:
        user = await self._current_user()
        return user.id if user else None

    def _apply_ids(self, analytics_id: str, marketing_id: str):
        """Hold exactly the optional ids the server allows; expire the others now."""
        expire = []
        for purpose, value in (("analytics", analytics_id), ("marketing", marketing_id)):
            var = f"{purpose}_id"
            if value:
                if getattr(self, var) != value:
                    setattr(self, var, value)
            else:
                if getattr(self, var):  # never write an empty optional cookie into the jar
                    setattr(self, var, "")
                expire.append(_OPTIONAL_COOKIES[purpose])
        if expire != self.expire_cookies:
            self.expire_cookies = expire
        if expire:
            self.expire_seq += 1
        return None

    async def _link(self, user_id: int) -> None:
        """After a login: this browser's consent records now name the account."""
        await in_session(consent.link_user, consent_id=self.consent_id, user_id=user_id)

    async def _choose(self, button: str, accepted: list[str]):
        user_id = await self._user_id()
        try:
            choice = await in_session(consent.record_choice, consent_id=self.consent_id,
                                      user_id=user_id, accepted=accepted, button=button,
                                      lang=self.lang, client=self._client())
            a_id, m_id = await in_session(consent.optional_ids, consent_id=choice.consent_id,
                                          user_id=user_id, analytics_id=self.analytics_id,
                                          marketing_id=self.marketing_id)
        except DomainError as exc:
            self.status = exc.key
            return None
        self.consent_id = choice.consent_id
        self.accepted = list(choice.accepted)
        self.banner_open = self.settings_open = False
        self.status = "consent.saved"
        self._apply_ids(a_id, m_id)
        return None

    # ---- events ----
    @event
    async def sync(self, referrer: str = ""):
        """Banner mounted (every page): resolve the choice, record a page view if allowed."""
        user_id = await self._user_id()
        visit = await in_session(
            consent.visit, consent_id=self.consent_id, user_id=user_id,
            analytics_id=self.analytics_id, marketing_id=self.marketing_id,
            path=_route(self.router.route_id), referrer=referrer if isinstance(referrer, str) else "",
            site_host=self.router.headers.host, client=self._client())
        self.banner_open = visit.banner
        self.accepted = list(visit.accepted)
        return self._apply_ids(visit.analytics_id, visit.marketing_id)

    @event
    async def accept_all(self):
        """Accept analytics and marketing cookies."""
        return await self._choose("accept_all", list(OPTIONAL))

    @event
    async def reject_all(self):
        """Only the necessary cookies."""
        return await self._choose("reject_all", [])

    @event
    async def save_settings(self):
        """Store the choice made in the settings dialog."""
        accepted = [p for p, on in (("analytics", self.allow_analytics),
                                    ("marketing", self.allow_marketing)) if on]
        return await self._choose("custom", accepted)

    @event
    def set_allow_analytics(self, value: bool):
        """Tick or untick analytics in the settings dialog."""
        self.allow_analytics = value is True

    @event
    def set_allow_marketing(self, value: bool):
        """Tick or untick marketing in the settings dialog."""
        self.allow_marketing = value is True

    def _open(self, from_footer: bool) -> None:
        self.allow_analytics = "analytics" in self.accepted
        self.allow_marketing = "marketing" in self.accepted
        self.status = ""
        self.return_to_footer = from_footer
        self.settings_open = True

    @event
    def open_settings(self):
        """Open the settings dialog from the banner."""
        self._open(from_footer=False)

    @event
    def open_settings_from_footer(self):
        """Open the settings dialog from the footer link."""
        self._open(from_footer=True)

    @event
    def set_settings_open(self, value: bool):
        """The dialog's own close (Esc, the close button): nothing is chosen."""
        if value is True:
            return None
        self.settings_open = False
        return None
