"""The recipient's side of a shared CV: ``/gedeeld/<token>`` (cloudcv/api_shared.py).

``open_link`` is the only way in. It counts the request per keyed hash of the IP
(``ShareHit``; at most ``MAX_HITS`` per ``WINDOW``, like ``/verzoek``; no IP is stored),
then accepts the token only when its signature and purpose are right (``sharing.nonce_of``),
its row exists (it is deleted with its recipient, its CV and the account), it is not revoked
or expired, and the owner has not restricted processing (``restriction.may(...,
"share_cv")``). Anything else raises ``NotFound`` whose key names the reason the page shows
(``shared.gone.*``); it never returns the CV. A page view and a PDF download are written to
the owner's access log (``ShareAccess``: time and coarse device class only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from ...models import CV, ShareAccess, ShareHit, ShareLink, ShareSnapshot, User
from ..core import clock, devices
from ..core.errors import NotFound, Throttled
from ..cv import letters, rendering
from . import restriction, sharing
from .data_requests import ip_hmac

WINDOW = timedelta(minutes=10)
MAX_HITS = 60  # a page view costs 2 (page + preview image), a download 1
KINDS = ("view", "preview", "pdf")


@dataclass(frozen=True)
class SharedCV:
    """What the recipient may see: the sender's name, the CV's language, the expiry date,
    the PDF (as sent, or as it is now for a link that follows edits) and its file name."""

    sender: str
    lang: str
    until: str
    filename: str
    pdf: bytes


def _throttle(session: Session, key: str) -> None:
    if not key:
        return
    now = clock.now()
    rows = session.exec(select(ShareHit.created_at).where(
        ShareHit.ip_hmac == key, ShareHit.created_at > now - WINDOW)
        .order_by(ShareHit.created_at)).all()
    if len(rows) >= MAX_HITS:
        wait = rows[len(rows) - MAX_HITS] + WINDOW - now
        raise Throttled("error.throttled", seconds=max(1, int(wait.total_seconds() + 0.999)))


def _link(session: Session, token) -> ShareLink:
    nonce = sharing.nonce_of(token)
    link = None if nonce is None else session.exec(
        select(ShareLink).where(ShareLink.token_hash == sharing.digest(nonce))).first()
    if link is None:
        raise NotFound("shared.gone.invalid")
    status = sharing.status_of(link, clock.now())
    if status != "live":
        raise NotFound(f"shared.gone.{status}")
    if not restriction.may(session, user_id=link.user_id, activity="share_cv"):
        raise NotFound("shared.gone.unavailable")
    return link


def open_link(session: Session, *, token, kind: str, ip: str = "",
              user_agent: str = "") -> SharedCV:
    """The shared CV behind ``token`` for a request of ``kind`` (view | preview | pdf).

    Anyone (no account): the token is the only key. Raises ``Throttled`` beyond
    ``MAX_HITS`` per IP in ``WINDOW``, and ``NotFound("shared.gone.<reason>")`` for an
    invalid, revoked or expired link or a restricted owner; ``ValueError`` for an unknown
    ``kind`` (a programming error). The request count and the access-log line commit
    before it returns or raises.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    key = ip_hmac(ip)
    _throttle(session, key)
    hit = ShareHit(ip_hmac=key, created_at=clock.now())
    session.add(hit)
    try:
        link = _link(session, token)
    except NotFound:
        session.commit()
        raise
    hit.user_id = link.user_id
    if link.follow_edits:
        filename, pdf = rendering.render_pdf(session, user_id=link.user_id, cv_id=link.cv_id,
                                             anonymous=link.anonymous)
        if link.letter_id is not None:  # the letter as it is now too, unless it was deleted
            try:
                pdf = letters.with_letter(session, user_id=link.user_id, letter_id=link.letter_id,
                                          cv_pdf=pdf, anonymous=link.anonymous)
            except NotFound:
                pass
    else:
        snapshot = session.exec(select(ShareSnapshot).where(
            ShareSnapshot.link_id == link.id)).first()
        cv = session.get(CV, link.cv_id)
        filename = rendering.pdf_filename(rendering.sender_name(cv, cv.full_name or cv.title,
                                                                link.anonymous))
        pdf = snapshot.pdf
    if kind != "preview":
        session.add(ShareAccess(user_id=link.user_id, cv_id=link.cv_id, link_id=link.id,
                                kind=kind, device=devices.device_class(user_agent or ""),
                                created_at=clock.now()))
    cv = session.get(CV, link.cv_id)
    owner = session.get(User, link.user_id)
    session.commit()
    return SharedCV(sender=rendering.sender_name(cv, owner.name, link.anonymous), lang=cv.lang,
                    filename=filename, pdf=pdf,
                    until=clock.format_date(link.expires_at, cv.lang))

