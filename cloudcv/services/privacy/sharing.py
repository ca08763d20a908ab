"""Sending a CV to a recipient as a personal link (§4.2: shared only on the user's own
action), and the owner's control over those links.

``send`` mails the recipient a link to ``/gedeeld/<token>`` (no attachment, no tracking
pixel). The token is an itsdangerous signature, with its own salt and purpose, over a random
nonce; only the SHA-256 of the nonce is stored (``ShareLink.token_hash``), so the token
cannot stand in for an account token (``core/tokens.py``: another salt) or the other way
round, a forged or altered token fails the signature, and the owner can revoke a link by its
row. A link expires after ``LIFETIME``. Unless the owner lets it follow later edits, the CV
is copied as a PDF at the moment it is sent (``ShareSnapshot``): the recipient sees what was
sent.

While processing is restricted (Art. 18) ``send`` is refused (``restriction.check``) and
every existing link is dead (``shared_view.open_link`` asks ``restriction.may``). Every
function acts for the owner only (``NotFound`` otherwise) and is one transaction. The
recipient's side is ``shared_view.py``; the tables are ``models/sharing.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, delete, func, select

from ...config import settings
from ...models import CV, Recipient, ShareAccess, ShareLink, ShareSnapshot, User
from ..core import audit, clock, fields, mail
from ..core.errors import Invalid, NotFound
from ..cv import letters, rendering, versions
from ..cv.checks import owned_cv
from ..cv.recipients import owned_recipient
from . import restriction

LIFETIME = timedelta(days=30)
PURPOSE = "share_cv"
SALT = "cloudcv.share-link"
MAX_SENDS_PER_DAY = 50  # per account: the outbox is not a mass mailer
PATH = "/gedeeld/"


# ---------------------------------------------------------------- tokens
def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings().secret_key(), salt=SALT)


def digest(nonce: str) -> str:
    """The stored SHA-256 of a link's nonce. Pure: any caller."""
    return hashlib.sha256(nonce.encode()).hexdigest()


def nonce_of(token) -> str | None:
    """The nonce of a well-formed, correctly signed share token of our purpose; None for
    anything else (forged, altered, an account token, not a string). Pure: any caller."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != PURPOSE or not isinstance(data.get("n"), str):
        return None
    return data["n"]


def link_url(token: str) -> str:
    """The public address of a share token. Pure: any caller."""
    return settings().base_url + PATH + token


# ---------------------------------------------------------------- views
@dataclass(frozen=True)
class AccessView:
    """One line of a link's access log: ``kind`` view | pdf, Amsterdam time, device class."""

    kind: str
    when: str
    device: str


@dataclass(frozen=True)
class LinkView:
    """A sent link as its owner sees it (no token: it was only in the mail)."""

    id: int
    recipient_id: int
    recipient: str
    sent: str
    until: str
    status: str  # live | expired | revoked
    follow_edits: bool
    accesses: tuple[AccessView, ...]


def status_of(link: ShareLink, now: datetime) -> str:
    """'revoked', 'expired' or 'live'. Pure: any caller."""
    if link.revoked_at is not None:
        return "revoked"
    return "expired" if link.expires_at <= now else "live"


def links_for_cv(session: Session, *, user_id: int, cv_id, lang: str = "nl") -> list[LinkView]:
    """Every link sent for the CV, newest first, each with its access log (newest first).
    The owner only (``NotFound``); raises nothing else."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    now = clock.now()
    rows = session.exec(select(ShareLink, Recipient).where(
        ShareLink.cv_id == cv.id, ShareLink.recipient_id == Recipient.id)
        .order_by(ShareLink.id.desc())).all()
    access = session.exec(select(ShareAccess).where(ShareAccess.cv_id == cv.id)
                          .order_by(ShareAccess.id.desc())).all()
    out = []
    for link, who in rows:
        lines = tuple(AccessView(kind=a.kind, when=clock.format_datetime(a.created_at, lang),
                                 device=a.device) for a in access if a.link_id == link.id)
        out.append(LinkView(id=link.id, recipient_id=who.id, recipient=who.name,
                            sent=clock.format_datetime(link.created_at, lang),
                            until=clock.format_date(link.expires_at, lang),
                            status=status_of(link, now), follow_edits=link.follow_edits,
                            accesses=lines))
    return out


# ---------------------------------------------------------------- the owner's actions
def send(session: Session, *, user_id: int, recipient_id, follow_edits=False,
         ip: str = "", anonymous=False, letter_id=None) -> int:
    """Mail the recipient a personal link to the CV; returns the link's id. ``anonymous``:
    the link shows the anonymous CV (``rendering.document_for``), and the mail and the page
    name the sender by the CV's alias (or initials) instead of the account's name.
    ``letter_id``: one of the CV's cover letters goes first in the same PDF (issue 23).

    The owner only (``NotFound`` for another user's recipient). Raises ``Forbidden
    ("error.restricted")`` while processing is restricted (the refusal is audit-logged),
    ``Invalid("error.invalid_input")`` when ``follow_edits`` is not a bool,
    ``Invalid("error.too_many_sends")`` after ``MAX_SENDS_PER_DAY`` links in 24 hours, and
    what rendering the PDF raises. Link, copy, mail and audit line commit together.
    """
    recipient = owned_recipient(session, user_id=user_id, recipient_id=recipient_id)
    if not isinstance(follow_edits, bool) or not isinstance(anonymous, bool):
        raise Invalid("error.invalid_input")
    restriction.check(session, user_id=user_id, activity="send_cv", ip=ip)
    now = clock.now()
    sent_today = session.exec(select(func.count(ShareLink.id)).where(
        ShareLink.user_id == user_id, ShareLink.created_at > now - timedelta(days=1))).one()
    if sent_today >= MAX_SENDS_PER_DAY:
        raise Invalid("error.too_many_sends", max=MAX_SENDS_PER_DAY)
    cv = session.get(CV, recipient.cv_id)
    owner = session.get(User, user_id)
    if letter_id is not None:  # only a letter of this very CV
        letter = letters.owned_letter(session, user_id=user_id, letter_id=letter_id)
        if letter.cv_id != cv.id:
            raise NotFound("error.not_found")
        letter_id = letter.id
    _, pdf = rendering.render_pdf(session, user_id=user_id, cv_id=cv.id, anonymous=anonymous)
    if letter_id is not None:
        pdf = letters.with_letter(session, user_id=user_id, letter_id=letter_id, cv_pdf=pdf,
                                  anonymous=anonymous)
    versions.keep(session, cv, "send")  # the CV as sent, in the same transaction (issue 23)
    nonce = secrets.token_urlsafe(24)
    link = ShareLink(user_id=user_id, cv_id=cv.id, recipient_id=recipient.id,
                     token_hash=digest(nonce), follow_edits=follow_edits, anonymous=anonymous,
                     letter_id=letter_id, created_at=now,
                     expires_at=now + LIFETIME)
    session.add(link)
    session.flush()
    if not follow_edits:
        session.add(ShareSnapshot(user_id=user_id, cv_id=cv.id, link_id=link.id, pdf=pdf,
                                  created_at=now, expires_at=link.expires_at))
    token = _serializer().dumps({"p": PURPOSE, "n": nonce})
    mail.enqueue(session, to=recipient.email, template="cv_shared", lang=cv.lang,
                 user_id=user_id, recipient=recipient.name,
                 sender=rendering.sender_name(cv, owner.name, anonymous),
                 link=link_url(token), until=clock.format_date(link.expires_at, cv.lang))
    audit.record(session, action="cv.sent", actor_user_id=user_id, subject_user_id=user_id,
                 ip=ip, cv_id=cv.id, link_id=link.id, follow_edits=follow_edits,
                 anonymous=anonymous)
    session.commit()
    return link.id


def _owned_link(session: Session, user_id: int, link_id) -> ShareLink:
    if not fields.is_id(link_id):
        raise NotFound("error.not_found")
    link = session.get(ShareLink, link_id)
    if link is None or link.user_id != user_id:
        raise NotFound("error.not_found")
    return link


def _kill(session: Session, link: ShareLink, now: datetime) -> None:
    if link.revoked_at is None:
        link.revoked_at = now
        session.add(link)
    session.exec(delete(ShareSnapshot).where(ShareSnapshot.link_id == link.id))


def revoke(session: Session, *, user_id: int, link_id, ip: str = "") -> None:
    """Revoke one link at once (its copy of the CV is deleted); idempotent. The owner only
    (``NotFound``). Audit-logged; commits."""
    link = _owned_link(session, user_id, link_id)
    _kill(session, link, clock.now())
    audit.record(session, action="cv.link_revoked", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, link_id=link.id)
    session.commit()


def kill_links(session: Session, *, cv_id: int) -> int:
    """Revoke every link of a CV the caller checked (its copies go); returns how many were
    still live. No commit: the caller's transaction (``revoke_all``, ``trash.trash_cv``)."""
    now = clock.now()
    links = session.exec(select(ShareLink).where(ShareLink.cv_id == cv_id)).all()
    live = sum(1 for link in links if status_of(link, now) == "live")
    for link in links:
        _kill(session, link, now)
    return live


def revoke_all(session: Session, *, user_id: int, cv_id, ip: str = "") -> int:
    """Revoke every link of the CV; returns how many were still live. The owner only
    (``NotFound``). Audit-logged; commits."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    live = kill_links(session, cv_id=cv.id)
    audit.record(session, action="cv.links_revoked", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, cv_id=cv.id, count=live)
    session.commit()
    return live
