"""Cookie consent: proof of every choice, and the ONE place that decides what may be processed.

Usage::

    consent.may_process(session, consent_id=cid, user_id=uid, purpose="analytics")  # -> bool
    consent.record_choice(session, consent_id=cid, user_id=uid, accepted=["analytics"],
                          button="custom", lang="nl", client=client)            # -> Choice
    consent.visit(session, consent_id=cid, ...)   # every page load: choice + page view
    consent.link_user(session, consent_id=cid, user_id=uid)                     # on login

- The consent id is random (``new_id``) and lives in the necessary ``cloudcv_consent`` cookie;
  the choice itself is always read from the database, never from the browser.
- ``ConsentRecord`` rows are append-only: an ORM guard refuses any UPDATE or DELETE through a
  Session. The only changes are explicit SQL statements: ``link_user`` fills an empty
  ``user_id`` once, erasure empties it (registry: ``on_erasure="anonymise"``). Database
  triggers enforce this against plain SQL too (``services/core/append_only.py``).
- A choice counts while it was made under the current ``BANNER_REVISION`` and less than
  ``CHOICE_VALID_DAYS`` ago; otherwise the visitor is asked again (older choices stay).
- ``may_process`` says no for everything optional when the account behind the visitor has
  restricted processing (Art. 18, ``User.restricted_at``); objections hook in there too.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import event, update
from sqlmodel import Session, delete, select

from ...i18n import LANGS, t
from ...models import AnalyticsEvent, ConsentRecord
from ...models.cookies import (ALWAYS_ON_KEY, BANNER_KEYS, BANNER_REVISION, CATEGORIES,
                               CHOICE_VALID_DAYS, OPTIONAL, RETENTION_LABEL_KEY, SETTINGS_END_KEYS,
                               SETTINGS_KEYS)
from ..core import clock
from ..core.devices import Client, country_code, device_class, truncate_ip
from ..core.errors import Invalid
from . import restriction

PURPOSES = tuple(c.key for c in CATEGORIES)
BUTTONS = ("accept_all", "reject_all", "custom")
_ID = re.compile(r"^[0-9a-f]{32}$")


class ConsentRecordsAreAppendOnly(RuntimeError):
    """Raised by the Session guard on any UPDATE or DELETE of a ``ConsentRecord`` row."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session, _ctx, _instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, ConsentRecord):
            raise ConsentRecordsAreAppendOnly("consent records cannot be changed or deleted")


def new_id() -> str:
    """A random identifier for the consent, analytics and marketing cookies. Any caller."""
    return secrets.token_hex(16)


def valid_id(value) -> bool:
    """True for a well-formed cookie id (32 hex digits); anything else (None, a forged value) is
    False. Any caller."""
    return isinstance(value, str) and bool(_ID.match(value))


# ---- the banner's text and its hash ----

def banner_text(lang: str) -> str:
    """Every text the banner and the settings dialog show in ``lang``, in display order (what a
    choice's ``text_sha256`` proves was shown). Any caller."""
    parts = [t(k, lang) for k in BANNER_KEYS + SETTINGS_KEYS]
    for cat in CATEGORIES:
        parts += [t(cat.title_key, lang)] + ([t(ALWAYS_ON_KEY, lang)] if cat.required else [])
        parts += [t(cat.purpose_key, lang), t(cat.data_key, lang)]
        for cookie in cat.cookies:
            parts += [cookie.name] + ([t(cookie.kind_key, lang)] if cookie.kind_key else [])
            parts += [t(cookie.purpose_key, lang),
                      f"{t(RETENTION_LABEL_KEY, lang)}: {t(cookie.retention_key, lang)}"]
    parts += [t(k, lang) for k in SETTINGS_END_KEYS]
    return "\n".join(parts)


def banner_hash(lang: str) -> str:
    """SHA-256 of ``banner_text(lang)``, stored with every choice. Any caller."""
    return hashlib.sha256(banner_text(lang).encode()).hexdigest()


# ---- reading the choice ----

@dataclass(frozen=True)
class Choice:
    """A visitor's consent choice as recorded: what was accepted, how, under which banner
    revision."""

    consent_id: str
    accepted: tuple[str, ...]
    method: str
    revision: int
    created_at: datetime


def _choice(row: ConsentRecord) -> Choice:
    return Choice(consent_id=row.consent_id, accepted=tuple(row.accepted or ()),
                  method=row.method, revision=row.banner_revision, created_at=row.created_at)


def _latest(session: Session, consent_id: str) -> ConsentRecord | None:
    return session.exec(select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
                        .order_by(ConsentRecord.id.desc())).first()


def _in_force(row: ConsentRecord | None) -> bool:
    if row is None or row.banner_revision != BANNER_REVISION:
        return False
    return clock.now() - row.created_at < timedelta(days=CHOICE_VALID_DAYS)


def current_choice(session: Session, *, consent_id) -> Choice | None:
    """The choice in force for this consent id, or None: the banner must ask.

    Any visitor, for the consent id in their own cookie (an invalid id gives None).
    """
    if not valid_id(consent_id):
        return None
    row = _latest(session, consent_id)
    return _choice(row) if _in_force(row) else None


def _accounts(session: Session, *, consent_id, user_id) -> set[int]:
    """The accounts behind the visitor: the logged-in user and any linked via the consent id."""
    ids = {user_id} if isinstance(user_id, int) else set()
    if valid_id(consent_id):
        ids |= set(session.exec(select(ConsentRecord.user_id).distinct().where(
            ConsentRecord.consent_id == consent_id, ConsentRecord.user_id.is_not(None))).all())
    return ids


def may_process(session: Session, *, consent_id, user_id, purpose: str) -> bool:
    """May we process ``purpose`` ('necessary' | 'analytics' | 'marketing') for this visitor?

    Necessary processing needs no consent. Anything else needs a choice in force that accepts
    it, and an account that has not restricted processing or objected (see ``restriction.may``).
    Any code that is about to process optional data asks here first. Raises ValueError for an
    unknown ``purpose`` (a programming error, not user input).
    """
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    if purpose == "necessary":
        return True
    choice = current_choice(session, consent_id=consent_id)
    if choice is None or purpose not in choice.accepted:
        return False
    # Art. 18 restriction and upheld objections (§3.2): decided in services/privacy/restriction.
    return all(restriction.may(session, user_id=uid, activity=purpose)
               for uid in _accounts(session, consent_id=consent_id, user_id=user_id))


# ---- recording a choice ----

def _accepted(button, accepted) -> tuple[str, ...]:
    if button == "accept_all":
        return OPTIONAL
    if button == "reject_all":
        return ()
    if button != "custom" or not isinstance(accepted, list | tuple):
        raise Invalid("error.invalid_input")
    if not all(isinstance(a, str) and a in OPTIONAL for a in accepted):
        raise Invalid("error.invalid_input")
    return tuple(k for k in OPTIONAL if k in accepted)


def record_choice(session: Session, *, consent_id, user_id: int | None, accepted=(), button,
                  lang, client: Client) -> Choice:
    """Store a choice as a new record (proof of consent) and apply it.

    ``button`` is what the visitor pressed: accept_all, reject_all or custom (the settings'
    "save"). A choice that takes back a category the visitor had accepted is recorded with
    method "withdraw", and that category's server-side data is deleted at once. A consent id is
    reused only when it already has records; otherwise a new one is made, so a client cannot
    pick its own. Any visitor, for their own cookie id; raises
    ``Invalid("error.invalid_input")`` for an unknown button or category. Commits.
    """
    accepted_now = _accepted(button, accepted)
    lang = lang if lang in LANGS else "nl"
    previous = _latest(session, consent_id) if valid_id(consent_id) else None
    if previous is None:
        consent_id = new_id()
    withdrawn = set(previous.accepted or ()) - set(accepted_now) if previous else set()
    if "analytics" in withdrawn:
        session.exec(delete(AnalyticsEvent).where(AnalyticsEvent.consent_id == consent_id))
    linked = previous.user_id if previous else None
    row = ConsentRecord(
        consent_id=consent_id,
        user_id=user_id if isinstance(user_id, int) else linked,
        accepted=list(accepted_now), refused=[k for k in OPTIONAL if k not in accepted_now],
        method="withdraw" if withdrawn else button, banner_revision=BANNER_REVISION,
        text_sha256=banner_hash(lang), lang=lang, ip_truncated=truncate_ip(client.ip),
        user_agent=client.user_agent[:255], created_at=clock.now(),
    )
    session.add(row)
    session.commit()
    return _choice(row)


def link_user(session: Session, *, consent_id, user_id: int) -> int:
    """On login: the visitor's consent records (and page views) now name the account.

    Only empty links are filled; a choice is never changed. Returns the records linked. Called
    by the login flow for the user who just logged in; raises nothing. Commits.
    """
    if not valid_id(consent_id):
        return 0
    linked = session.exec(update(ConsentRecord).where(
        ConsentRecord.consent_id == consent_id, ConsentRecord.user_id.is_(None))
        .values(user_id=user_id)).rowcount or 0
    session.exec(update(AnalyticsEvent).where(
        AnalyticsEvent.consent_id == consent_id, AnalyticsEvent.user_id.is_(None))
        .values(user_id=user_id))
    session.commit()
    return linked


def history(session: Session, *, user_id: int) -> list[Choice]:
    """The account's choices, newest first (for "Mijn gegevens"). The user themselves
    (``user_id`` from their session); raises nothing."""
    rows = session.exec(select(ConsentRecord).where(ConsentRecord.user_id == user_id)
                        .order_by(ConsentRecord.id.desc()))
    return [_choice(r) for r in rows]


# ---- every page load ----

@dataclass(frozen=True)
class Visit:
    """What the page needs to know: ask or not, and which optional ids the browser holds."""

    banner: bool
    accepted: tuple[str, ...]
    analytics_id: str   # "" = the browser must not hold one
    marketing_id: str
    recorded: bool      # a page view was stored


def clean_referrer(referrer, *, site_host: str) -> str:
    """Our own pages: the path only; another site: its host only; never a query string. Any
    caller; malformed input gives ""."""
    if not isinstance(referrer, str) or not referrer or len(referrer) > 2000:
        return ""
    try:
        parts = urlsplit(referrer)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host:
        return ""
    if parts.netloc.lower() == site_host.lower():
        return (parts.path or "/")[:200]
    return host[:200]


def optional_ids(session: Session, *, consent_id, user_id: int | None, analytics_id,
                 marketing_id) -> tuple[str, str]:
    """The analytics and marketing ids the browser should hold: its own (or a new one) where
    ``may_process`` allows the purpose, "" (delete it) where it does not. Any visitor, for
    their own cookies."""
    ids = []
    for purpose, held in (("analytics", analytics_id), ("marketing", marketing_id)):
        allowed = may_process(session, consent_id=consent_id, user_id=user_id, purpose=purpose)
        ids.append((held if valid_id(held) else new_id()) if allowed else "")
    return ids[0], ids[1]


def visit(session: Session, *, consent_id, user_id: int | None, analytics_id, marketing_id,
          path: str, referrer, site_host: str, client: Client) -> Visit:
    """A page was loaded: resolve the choice, keep the optional ids in line with it and, only
    when ``may_process`` allows analytics, record the page view. Any visitor, on every page
    load; raises nothing for bad cookie values (they count as none). Commits a page view."""
    choice = current_choice(session, consent_id=consent_id)
    a_id, m_id = optional_ids(session, consent_id=consent_id, user_id=user_id,
                              analytics_id=analytics_id, marketing_id=marketing_id)
    if a_id:
        linked = user_id if isinstance(user_id, int) else _latest(session, consent_id).user_id
        session.add(AnalyticsEvent(
            consent_id=consent_id, analytics_id=a_id, user_id=linked,
            path=path[:200] if isinstance(path, str) and path.startswith("/") else "/",
            referrer=clean_referrer(referrer, site_host=site_host),
            country=country_code(client.ip), device_class=device_class(client.user_agent),
            created_at=clock.now(),
        ))
        session.commit()
    return Visit(banner=choice is None, accepted=choice.accepted if choice else (),
                 analytics_id=a_id, marketing_id=m_id, recorded=bool(a_id))
