"""Marketing mail (§3.2.3, §3.3.1): who may get it, opting in, unsubscribing (P11, P13, P14).

Two bases, kept apart:

- **Customers** (``User.is_customer``, legitimate interest, §3.2.3) may get mail about similar
  services until they object (``objections``, purpose ``marketing``) or unsubscribe.
- **News on request** (consent, §3.3.1): an unticked checkbox for account holders, or the
  visitor form with a double opt-in link. Recorded in ``MarketingOptIn`` with the SHA-256 of
  the text they ticked.

In every case: not unsubscribed (``core.suppression``), not restricted and not objected
(``restriction.may(..., activity="marketing")``). Every marketing mail carries a visible
unsubscribe link and the RFC 8058 headers; ``unsubscribe`` puts the address's keyed hash on
the suppression list, deletes its opt-ins and journals it (``core/journal.py``: a restored
backup replays it, ``replay_unsubscribes``). The admin side (campaigns) is
``services/admin/campaigns.py``; the HTTP endpoint ``cloudcv/api_marketing.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete
from sqlmodel import Session, select

from ...config import settings
from ...i18n import LANGS, t
from ...models import User
from ...models.marketing import MarketingOptIn
from ..core import audit, clock, fields, journal, mail, suppression
from ..core.errors import Invalid, NotFound
from . import restriction

UNSUBSCRIBE_LIFETIME = timedelta(days=365)  # RFC 8058: a link in an old mail keeps working
CONFIRM_LIFETIME = timedelta(hours=48)
SOURCES = ("register", "mijn_gegevens", "visitor")
ORGANISATION_MAX = 120
# The texts a person ticks or submits; their SHA-256 (in the person's language) is recorded.
OPT_IN_TEXT = {"register": "marketing.optin.checkbox", "mijn_gegevens": "marketing.optin.checkbox",
               "visitor": "marketing.visitor.consent"}


# ---------------------------------------------------------------- signed links
def _serializer(purpose: str) -> URLSafeSerializer:
    """Its own salt per purpose: an unsubscribe link is no account, share or confirm token."""
    return URLSafeSerializer(settings().secret_key(), salt=f"cloudcv.marketing.{purpose}")


def _sign(purpose: str, **data) -> str:
    return _serializer(purpose).dumps({"p": purpose, "i": int(clock.now().timestamp()), **data})


def _read(token, purpose: str, lifetime: timedelta) -> dict:
    if not isinstance(token, str) or not token or len(token) > 512:
        raise Invalid("error.link_invalid")
    try:
        data = _serializer(purpose).loads(token)
    except BadSignature:
        raise Invalid("error.link_invalid") from None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("i"), int):
        raise Invalid("error.link_invalid")
    if clock.now().timestamp() - data["i"] > lifetime.total_seconds():
        raise Invalid("error.link_invalid")
    return data


def unsubscribe_token(address: str, lang: str = "nl") -> str:
    """The signed one-click token for this address: its keyed hash (no address) and the
    language of the mail, for the confirmation page. Any caller."""
    return _sign("unsubscribe", h=suppression.address_hash(address), l=lang)


def unsubscribe_url(address: str, lang: str = "nl") -> str:
    """``<base>/api/afmelden?t=<token>``: the link in the text and in List-Unsubscribe."""
    return f"{settings().base_url}/api/afmelden?t={unsubscribe_token(address, lang)}"


def token_lang(token) -> str:
    """The mail's language a valid unsubscribe token carries (``nl`` when none or invalid).
    Any caller; raises nothing."""
    try:
        found = _read(token, "unsubscribe", UNSUBSCRIBE_LIFETIME).get("l")
    except Invalid:
        return "nl"
    return found if found in LANGS else "nl"


def check_unsubscribe(token) -> str:
    """The keyed hash a valid unsubscribe token names; ``Invalid("error.link_invalid")`` for a
    forged, expired or other-purpose token. Any caller (the confirmation page)."""
    digest = _read(token, "unsubscribe", UNSUBSCRIBE_LIFETIME).get("h")
    if not isinstance(digest, str) or len(digest) != 64:
        raise Invalid("error.link_invalid")
    return digest


def unsubscribe(session: Session, *, token) -> None:
    """One click: suppress the address for good and delete its opt-ins (idempotent, committed).

    Anyone holding the link (no login: RFC 8058). Raises ``Invalid("error.link_invalid")``
    like ``check_unsubscribe``; then nothing changes.
    """
    digest = check_unsubscribe(token)
    new = suppression.suppress_hash(session, digest)
    removed = session.exec(delete(MarketingOptIn).where(MarketingOptIn.email_hash == digest))
    if new or removed.rowcount:
        audit.record(session, action="marketing.unsubscribed", actor_role="anonymous",
                     opt_ins_deleted=removed.rowcount or 0)
        journal.append("unsubscribe", address_hash=digest)  # before the commit: core/journal.py
    session.commit()


def replay_unsubscribes(session: Session, entries) -> int:
    """After a restore: every address an ``unsubscribe`` journal line names is suppressed again
    and its opt-ins deleted; returns how many were not suppressed in the restored data. For
    the restore (``privacy/backups.py``) only; leaves the commit to it."""
    count = 0
    for entry in entries:
        digest = entry.data.get("address_hash") if entry.kind == "unsubscribe" else None
        if not isinstance(digest, str) or len(digest) != 64:
            continue
        count += suppression.suppress_hash(session, digest)
        session.exec(delete(MarketingOptIn).where(MarketingOptIn.email_hash == digest))
    return count


# ---------------------------------------------------------------- opting in
def _text_hash(source: str, lang: str) -> str:
    return hashlib.sha256(t(OPT_IN_TEXT[source], lang).encode()).hexdigest()


def opted_in(session: Session, *, user_id: int) -> bool:
    """Whether the account asked for news. The user themselves (Mijn gegevens); raises nothing."""
    return session.exec(select(MarketingOptIn.id).where(
        MarketingOptIn.user_id == user_id)).first() is not None


def set_news(session: Session, *, user_id: int, on, source: str = "mijn_gegevens") -> bool:
    """Tick (record the consent with its text hash) or untick (delete it) the news checkbox.

    The user themselves, at registration or in Mijn gegevens, in the transaction of that
    action (the caller commits). ``Invalid`` for a non-bool or unknown source, ``NotFound``
    for an unknown user. Returns the new state.
    """
    if not isinstance(on, bool):
        raise Invalid("error.invalid_input")
    source = fields.choice(source, ("register", "mijn_gegevens"))
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    if not on:
        session.exec(delete(MarketingOptIn).where(MarketingOptIn.user_id == user_id))
        return False
    if not opted_in(session, user_id=user_id):
        session.add(MarketingOptIn(
            user_id=user_id, email=user.email, email_hash=suppression.address_hash(user.email),
            name=user.name, lang=user.lang, source=source, text_sha256=_text_hash(source, user.lang),
            created_at=clock.now(), confirmed_at=clock.now()))
    return True


def request_news(session: Session, *, email, name, organisation, lang: str = "nl") -> None:
    """A visitor asks for news: store it unconfirmed and mail the double opt-in link.

    Anyone (the /nieuwsbrief form). Raises ``Invalid`` for a bad address, name or
    organisation (control characters included). An address that unsubscribed before gets
    nothing and no error (no one learns who is on the list). Committed.
    """
    email = fields.email(email)
    name = fields.name(name)
    organisation = fields.text(organisation, field="organisation", max_len=ORGANISATION_MAX)
    lang = lang if lang in LANGS else "nl"
    digest = suppression.address_hash(email)
    if suppression.is_hash_suppressed(session, digest):
        return
    pending = session.exec(select(MarketingOptIn.id).where(
        MarketingOptIn.email_hash == digest, MarketingOptIn.source == "visitor",
        MarketingOptIn.confirmed_at.is_(None),
        MarketingOptIn.created_at > clock.now() - CONFIRM_LIFETIME)).first()
    if pending is not None:  # one confirmation mail per address while its link is valid:
        return               # the form cannot be used to flood a stranger's inbox
    row = MarketingOptIn(email=email, email_hash=digest, name=name, organisation=organisation,
                         lang=lang, source="visitor", text_sha256=_text_hash("visitor", lang),
                         created_at=clock.now())
    session.add(row)
    session.flush()
    link = f"{settings().base_url}/nieuwsbrief/bevestigen?token=" + _sign(
        "confirm", o=row.id, h=digest, n=secrets.token_urlsafe(8))
    mail.enqueue(session, to=email, template="news_confirm", lang=lang, name=name, link=link)
    session.commit()


def confirm_news(session: Session, *, token) -> None:
    """Follow the double opt-in link: the visitor's opt-in counts from now (idempotent).

    Anyone with the link. ``Invalid("error.link_invalid")`` for a forged, expired or
    other-purpose token, or an opt-in deleted since (unsubscribed). Committed.
    """
    data = _read(token, "confirm", CONFIRM_LIFETIME)
    row = session.get(MarketingOptIn, data.get("o")) if fields.is_id(data.get("o")) else None
    if row is None or row.email_hash != data.get("h"):
        raise Invalid("error.link_invalid")
    if row.confirmed_at is None:
        row.confirmed_at = clock.now()
        session.add(row)
        session.commit()


def purge_unconfirmed(session: Session) -> int:
    """Delete visitors' sign-ups whose confirmation link has expired unused: without the
    double opt-in there is no consent to keep them for. The retention round calls it;
    returns how many went. Committed."""
    result = session.exec(delete(MarketingOptIn).where(
        MarketingOptIn.source == "visitor", MarketingOptIn.confirmed_at.is_(None),
        MarketingOptIn.created_at <= clock.now() - CONFIRM_LIFETIME))
    session.commit()
    return result.rowcount or 0


# ---------------------------------------------------------------- who gets it
@dataclass(frozen=True)
class Addressee:
    """One address a campaign may go to, with the language and name to mail it in."""

    email: str
    digest: str
    name: str
    lang: str
    user_id: int | None
    basis: str  # consent | customer


def eligible(session: Session, *, lang: str | None = None) -> list[Addressee]:
    """Everyone a campaign (in ``lang``, or any) may reach, one per address.

    Opted in (and confirmed, and for accounts a verified address) or a customer; in every
    case not suppressed, not restricted, not objected. For the campaign service; raises
    nothing.
    """
    found: dict[str, Addressee] = {}

    def consider(email, name, row_lang, user_id, basis):
        digest = suppression.address_hash(email)
        if digest in found or (lang and row_lang != lang):
            return
        if suppression.is_hash_suppressed(session, digest):
            return
        if user_id is not None and not restriction.may(session, user_id=user_id,
                                                       activity="marketing"):
            return
        found[digest] = Addressee(email, digest, name, row_lang, user_id, basis)

    rows = session.exec(select(MarketingOptIn).where(MarketingOptIn.confirmed_at.is_not(None),
                                                     MarketingOptIn.unsubscribed_at.is_(None)))
    for row in list(rows):
        if row.user_id is None:
            consider(row.email, row.name, row.lang, None, "consent")
            continue
        user = session.get(User, row.user_id)
        if user is not None and not user.blocked and user.email_verified_at is not None:
            consider(user.email, user.name, user.lang, user.id, "consent")
    for user in session.exec(select(User).where(User.is_customer.is_(True),
                                                User.blocked.is_(False))).all():
        consider(user.email, user.name, user.lang, user.id, "customer")
    return list(found.values())


def enqueue_mail(session: Session, *, to: Addressee, subject: str, body: str):
    """Queue one marketing mail with its unsubscribe link and RFC 8058 headers (or None when
    the outbox refuses a suppressed address). The campaign service, in its transaction."""
    url = unsubscribe_url(to.email, to.lang)
    headers = {
        "List-Unsubscribe": f"<{url}>, <mailto:{settings().contact_email}?subject=afmelden>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return mail.enqueue(session, to=to.email, template=f"marketing_{to.basis}", lang=to.lang,
                        user_id=to.user_id, kind="marketing", headers=headers, subject=subject,
                        body=body, name=to.name, unsubscribe_url=url)
