"""The cookie declaration: every cookie and identifier the site sets, per consent category.

ONE source for the cookie banner, the settings dialog, the decision helper
(``services/privacy/consent.may_process``) and the privacy statement page: a cookie that is not
listed here is not set. Texts are i18n keys (catalog ``i18n/catalogs/consent.py``).

Usage::

    from cloudcv.models.cookies import CATEGORIES, BANNER_REVISION, category

    for cat in CATEGORIES:
        t(cat.title_key), [c.name for c in cat.cookies]

Changing a category, a cookie or any text the banner shows changes the banner's text hash;
``tests/unit/test_consent.py`` then fails until ``BANNER_REVISION`` is bumped and the new
hashes are recorded in ``REVISION_HASHES``. A stored choice made under an older revision no
longer counts: everyone is asked again, and the older choices stay on record.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY = 24 * 3600
YEAR = 365 * DAY

# A choice counts for this long; then (like after a revision bump) the banner asks again.
CHOICE_VALID_DAYS = 365


@dataclass(frozen=True)
class CookieDecl:
    """A first-party cookie (or browser storage key): its name, purpose and lifetime."""

    name: str
    purpose_key: str
    retention_key: str
    max_age: int  # seconds (0: not a cookie, see kind)
    kind: str = "cookie"  # cookie | local_storage | session_storage

    @property
    def kind_key(self) -> str | None:
        """The label shown next to browser storage that is not a cookie."""
        return None if self.kind == "cookie" else f"consent.kind.{self.kind}"


@dataclass(frozen=True)
class Category:
    """One consent category of the banner with its texts (i18n keys) and its cookies."""

    key: str                  # the purpose name used by may_process(purpose=...)
    title_key: str
    purpose_key: str
    data_key: str             # what is stored server-side and how long
    required: bool            # necessary: always on, not a consent choice
    cookies: tuple[CookieDecl, ...]
    tables: tuple[str, ...] = ()  # registry tables filled only under this category


NECESSARY = Category(
    key="necessary", title_key="consent.cat.necessary.title",
    purpose_key="consent.cat.necessary.purpose", data_key="consent.cat.necessary.data",
    required=True,
    cookies=(
        CookieDecl("cloudcv_session", "consent.cookie.session", "consent.keep.month", 30 * DAY),
        CookieDecl("cloudcv_device", "consent.cookie.device", "consent.keep.year", YEAR),
        CookieDecl("cloudcv_lang", "consent.cookie.lang", "consent.keep.year", YEAR),
        CookieDecl("cloudcv_consent", "consent.cookie.consent", "consent.keep.year", YEAR),
        # Written by the Reflex framework itself, not by our code: the websocket client
        # token of this tab, React Router's scroll positions for the back button, and the
        # colour scheme ("light"; no identifier).
        CookieDecl("token", "consent.storage.token", "consent.keep.tab", 0, "session_storage"),
        CookieDecl("react-router-scroll-positions", "consent.storage.scroll", "consent.keep.tab",
                   0, "session_storage"),
        CookieDecl("theme", "consent.storage.theme", "consent.keep.cleared", 0, "local_storage"),
    ),
)
ANALYTICS = Category(
    key="analytics", title_key="consent.cat.analytics.title",
    purpose_key="consent.cat.analytics.purpose", data_key="consent.cat.analytics.data",
    required=False,
    cookies=(CookieDecl("cloudcv_analytics", "consent.cookie.analytics", "consent.keep.year",
                        YEAR),),
    tables=("analytics_event",),
)
MARKETING = Category(
    key="marketing", title_key="consent.cat.marketing.title",
    purpose_key="consent.cat.marketing.purpose", data_key="consent.cat.marketing.data",
    required=False,
    cookies=(CookieDecl("cloudcv_marketing", "consent.cookie.marketing", "consent.keep.year",
                        YEAR),),
)

CATEGORIES: tuple[Category, ...] = (NECESSARY, ANALYTICS, MARKETING)
OPTIONAL: tuple[str, ...] = tuple(c.key for c in CATEGORIES if not c.required)
COOKIE_NAMES: tuple[str, ...] = tuple(k.name for c in CATEGORIES for k in c.cookies
                                      if k.kind == "cookie")
LOCAL_STORAGE_KEYS: tuple[str, ...] = tuple(k.name for c in CATEGORIES for k in c.cookies
                                            if k.kind == "local_storage")
SESSION_STORAGE_KEYS: tuple[str, ...] = tuple(k.name for c in CATEGORIES for k in c.cookies
                                              if k.kind == "session_storage")

# The texts the banner and the settings dialog show, in the order they show them.
BANNER_KEYS: tuple[str, ...] = (
    "consent.banner.title", "consent.banner.text", "consent.reject_all", "consent.accept_all",
    "consent.settings",
)
SETTINGS_KEYS: tuple[str, ...] = ("consent.dialog.title", "consent.dialog.lead")
ALWAYS_ON_KEY = "consent.always_on"  # next to a required category's title
SETTINGS_END_KEYS: tuple[str, ...] = ("consent.reject_all", "consent.save", "consent.accept_all")
RETENTION_LABEL_KEY = "consent.col.retention"  # shown before each cookie's retention

# revision -> SHA-256 of the exact banner + settings texts per language (see
# services/privacy/consent.banner_text). Add a line, never change one.
REVISION_HASHES: dict[int, dict[str, str]] = {
    1: {"nl": "42ea2906e49378b40fddca3c196963927ca6cfc5418ff24df14a2ef6bce04fa1",
        "en": "b9eaf1d67c42cd3d2443e9765e9a3a3f87e37b28f51ef653ae7e1b2cedf079e9"},
    # 2: page views kept at most 1 year (was 2), matching the §3.3.3 rule of the registry
    2: {"nl": "f7dba08735c40d2cd6e16391f564d9313c325863cbdb28f06e448d69fa3ce13e",
        "en": "e3c093d2902fb57f746f5ce12d105c537e03757600334de802d7cf4cb8acfaab"},
}
BANNER_REVISION: int = max(REVISION_HASHES)


def category(key: str) -> Category:
    """The category with this key; KeyError for an unknown key. Any caller."""
    for cat in CATEGORIES:
        if cat.key == key:
            return cat
    raise KeyError(key)
