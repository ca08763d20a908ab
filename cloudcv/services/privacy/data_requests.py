"""The §7 request queue: requests by people who cannot log in (``/verzoek``) and the
requests made in Mijn gegevens (objections, see services/privacy/objections.py).

``/verzoek`` proves identity with a one-time code sent to the account's own address:

    ref = start(session, email=..., kind="erasure", details="...", lang="nl")
    # the page always says "if an account exists, a code is on its way" and shows the code
    # field — for an unknown address too (a request row with no account and a code nobody
    # knows), so the page never reveals whether an address has an account.
    view = verify(session, public_id=ref, code="123456")

A code lives ``CODE_TTL`` and allows ``MAX_ATTEMPTS`` tries; an unverified request never
acts, never reaches ``open_queue`` and is purged after ``UNVERIFIED_TTL``. A verified
request is ``open`` with ``due_at`` = receipt + 4 weeks (§7) and a confirmation mail.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, delete, func, select

from ...config import settings
from ...i18n import LANGS, t
from ...models import DataRequest, User
from ...models.requests import KINDS, OBJECTION_PURPOSES
from ..core import audit, clock, fields, mail
from ..core.errors import Invalid, Throttled

CODE_TTL = timedelta(minutes=15)
MAX_ATTEMPTS = 3
DUE = timedelta(weeks=4)
UNVERIFIED_TTL = timedelta(days=1)
MAX_CODES_PER_HOUR = 3   # per account: more requests are accepted silently, without mail
MAX_STARTS_PER_IP = 5    # per hour, like the login limit per IP: at most 15 code guesses an hour
IP_WINDOW = timedelta(hours=1)
TEXT_MAX = 5000


@dataclass(frozen=True)
class RequestView:
    """A request as the UI may show it (no code hash, no other person's data)."""

    id: int
    kind: str
    purpose: str
    source: str
    status: str
    decision: str
    received: str   # dd-mm-jjjj
    due: str        # dd-mm-jjjj (the extended date when extended)

    @classmethod
    def from_row(cls, row: DataRequest) -> RequestView:
        """The view of one request row (due: the extended date when extended)."""
        due = row.extended_until or row.due_at
        return cls(id=row.id, kind=row.kind, purpose=row.purpose, source=row.source,
                   status=row.status, decision=row.decision, received=day(row.received_at),
                   due=day(due))


def day(value: datetime | None) -> str:
    """A moment as the dd-mm-jjjj date people read (Amsterdam); "" for None. Any caller."""
    return clock.format_date(value)


def multiline(value, *, field: str, required: bool = False, max_len: int = TEXT_MAX) -> str:
    """A free-text field: control characters dropped, trimmed, length-checked. Any caller;
    raises ``Invalid`` (``error.invalid_input`` for a non-string, ``error.required``,
    ``error.too_long``) naming ``field``."""
    return fields.multiline(value, field=field, max_len=max_len, required=required)


def kind_of(value) -> str:
    """``value`` when it is one of the §7 request kinds (``models.requests.KINDS``); raises
    ``Invalid("error.request_kind", field="kind")`` otherwise. Any caller."""
    if value not in KINDS:
        raise Invalid("error.request_kind", field="kind")
    return value


def objection_purpose(value) -> str:
    """``value`` when it is a purpose one may object to
    (``models.requests.OBJECTION_PURPOSES``); raises ``Invalid("error.objection_purpose",
    field="purpose")`` otherwise. Any caller."""
    if value not in OBJECTION_PURPOSES:
        raise Invalid("error.objection_purpose", field="purpose")
    return value


def _code_hash(public_id: str, code: str) -> str:
    return hmac.new(settings().secret_key().encode(), f"request:{public_id}:{code}".encode(),
                    hashlib.sha256).hexdigest()


def purge_unverified(session: Session) -> int:
    """Delete unverified requests older than ``UNVERIFIED_TTL`` (in the caller's transaction;
    returns how many). Called by ``start``; raises nothing."""
    cutoff = clock.now() - UNVERIFIED_TTL
    result = session.exec(delete(DataRequest).where(DataRequest.status == "unverified",
                                                    DataRequest.created_at < cutoff))
    return result.rowcount or 0


def ip_hmac(ip: str) -> str:
    """A keyed hash of the IP: enough to count requests per address, not to read it back. Any
    caller; "" for no IP."""
    return hmac.new(settings().secret_key().encode(), f"request-ip:{ip}".encode(),
                    hashlib.sha256).hexdigest() if ip else ""


def _check_ip(session: Session, *, key: str, now: datetime) -> None:
    if not key:
        return
    rows = session.exec(select(DataRequest.created_at).where(
        DataRequest.ip_hmac == key, DataRequest.source == "verzoek",
        DataRequest.created_at > now - IP_WINDOW).order_by(DataRequest.created_at)).all()
    if len(rows) >= MAX_STARTS_PER_IP:
        wait = rows[len(rows) - MAX_STARTS_PER_IP] + IP_WINDOW - now
        raise Throttled("error.throttled", seconds=max(1, int(wait.total_seconds() + 0.999)))


def start(session: Session, *, email, kind, details="", purpose="", motivation="",
          lang="nl", ip: str = "") -> str:
    """Record an unverified ``/verzoek`` request and mail its code to the account's address.

    Returns the request's public handle. Answers the same for unknown addresses (a row without
    an account whose code can never match); nothing is mailed to them. Anyone, without logging
    in (the page for people who cannot log in). Raises ``Invalid`` for a bad address, kind,
    purpose or text, and ``Throttled`` after ``MAX_STARTS_PER_IP`` requests from one IP within
    an hour. Commits.
    """
    email = fields.email(email)
    kind = kind_of(kind)
    details = multiline(details, field="details")
    if kind == "objection":
        purpose = objection_purpose(purpose)
        motivation = multiline(motivation, field="motivation", required=True)
    else:
        purpose, motivation = "", ""
    lang = lang if lang in LANGS else "nl"
    now = clock.now()
    key = ip_hmac(ip)
    _check_ip(session, key=key, now=now)
    purge_unverified(session)
    user = session.exec(select(User).where(User.email == email)).first()
    public_id = secrets.token_hex(16)
    code = f"{secrets.randbelow(10 ** 6):06d}"
    row = DataRequest(
        public_id=public_id, user_id=user.id if user else None,
        email=user.email if user else "", lang=user.lang if user else lang, kind=kind,
        purpose=purpose, motivation=motivation, details=details, source="verzoek",
        status="unverified", created_at=now, code_hash=_code_hash(public_id, code),
        code_expires_at=now + CODE_TTL, ip_hmac=key,
    )
    mailed = False
    if user is not None:
        recent = session.exec(select(func.count(DataRequest.id)).where(
            DataRequest.user_id == user.id, DataRequest.source == "verzoek",
            DataRequest.created_at > now - timedelta(hours=1))).one()
        if recent < MAX_CODES_PER_HOUR:
            mail.enqueue(session, to=user.email, template="request_code", lang=user.lang,
                         user_id=user.id, name=user.name, code=code,
                         minutes=int(CODE_TTL.total_seconds() // 60),
                         right=t(f"request.kind.{kind}", user.lang))
            mailed = True
    if not mailed:
        row.code_hash = ""  # no code went out, so none can ever match (no silent guessing)
    session.add(row)
    session.commit()
    return public_id


def verify(session: Session, *, public_id, code) -> RequestView:
    """Check the code; a correct one turns the request ``open`` with a due date.

    Anyone holding the request's handle (the code proves they read the account's mail). Raises
    ``Invalid`` (field ``code``): ``error.code_wrong`` (with ``left`` tries),
    ``error.code_locked`` after ``MAX_ATTEMPTS``, ``error.code_expired`` (also for an unknown
    handle). Commits every try.
    """
    row = None
    if isinstance(public_id, str) and 0 < len(public_id) <= 32:
        row = session.exec(select(DataRequest).where(DataRequest.public_id == public_id,
                                                     DataRequest.source == "verzoek")).first()
    if row is None or row.status != "unverified":
        raise Invalid("error.code_expired", field="code")
    if row.code_attempts >= MAX_ATTEMPTS:
        raise Invalid("error.code_locked", field="code")
    now = clock.now()
    if row.code_expires_at is None or row.code_expires_at <= now:
        raise Invalid("error.code_expired", field="code")
    typed = code.strip().replace(" ", "") if isinstance(code, str) else ""
    row.code_attempts += 1
    ok = (row.user_id is not None and row.code_hash != "" and re.fullmatch(r"\d{6}", typed) is not None
          and hmac.compare_digest(_code_hash(row.public_id, typed), row.code_hash))
    if not ok:
        session.add(row)
        session.commit()
        left = MAX_ATTEMPTS - row.code_attempts
        if left <= 0:
            raise Invalid("error.code_locked", field="code")
        raise Invalid("error.code_wrong", field="code", left=left)
    row.status, row.received_at, row.due_at = "open", now, now + DUE
    row.code_hash, row.code_expires_at = "", None
    session.add(row)
    session.flush()
    audit.record(session, action="account.request_received", actor_user_id=row.user_id,
                 subject_user_id=row.user_id, request_id=row.id, kind=row.kind,
                 source=row.source)
    user = session.get(User, row.user_id)
    mail.enqueue(session, to=user.email, template="request_received", lang=user.lang,
                 user_id=user.id, name=user.name, reference=row.id, due=day(row.due_at),
                 right=t(f"request.kind.{row.kind}", user.lang))
    session.commit()
    return RequestView.from_row(row)


def create_open(session: Session, *, user: User, kind: str, source: str, purpose: str = "",
                motivation: str = "", details: str = "") -> DataRequest:
    """A request by a logged-in user: received now, due in 4 weeks (caller commits). For
    services acting for the user themselves (``objections.object_to``); raises nothing."""
    now = clock.now()
    row = DataRequest(public_id=secrets.token_hex(16), user_id=user.id, email=user.email,
                      lang=user.lang, kind=kind, purpose=purpose, motivation=motivation,
                      details=details, source=source, status="open", created_at=now,
                      received_at=now, due_at=now + DUE)
    session.add(row)
    session.flush()
    return row


def for_user(session: Session, *, user_id: int) -> list[RequestView]:
    """The requests a user made (verified ones only), newest first. The user themselves ("Mijn
    gegevens"); raises nothing."""
    rows = session.exec(select(DataRequest).where(DataRequest.user_id == user_id,
                                                  DataRequest.status != "unverified")
                        .order_by(DataRequest.id.desc())).all()
    return [RequestView.from_row(r) for r in rows]


def open_queue(session: Session) -> list[DataRequest]:
    """The admin queue: open and extended requests, most urgent first. Never unverified. Checks
    no role: only admin services call it, after ``require_admin``."""
    rows = session.exec(select(DataRequest).where(DataRequest.status.in_(("open", "extended"))))
    return sorted(rows, key=lambda r: r.extended_until or r.due_at)
