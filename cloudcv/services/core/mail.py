"""Mail: every message is an outbox row first (same transaction as the action that
caused it), then delivered over SMTP by ``deliver_due`` when ``CLOUDCV_SMTP_URL`` is set.

Nothing is lost when SMTP is down: a failed attempt is retried with exponential backoff
(1 min, 2 min, 4 min, ... up to 6 h) and marked ``failed`` after ``MAX_ATTEMPTS``; admins
can retry it. Rows are claimed with a conditional UPDATE, so several workers never send
the same mail twice.

Subjects and bodies come from the i18n catalogs (``mail.<template>.*``). The loop that calls
``deliver_due`` is ``services/tasks.py`` (and ``cloudcv send-mail``); the admin outbox view is
``services/admin/admin.py``; how long outbox rows are kept is on ``OutboxMail``'s registry
entry in ``models/mail.py``.
"""

from __future__ import annotations

import html
from string import Formatter
import re
import smtplib
import ssl
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

from sqlmodel import Session, select, update

from ...config import settings
from ...i18n import t
from ...models import OutboxMail
from . import clock, db, suppression

MAX_ATTEMPTS = 10
# Mail to someone who is no longer a user: once delivered, only template, kind, status and
# times stay (the erasure is in the audit log); address, subject and body are emptied.
SCRUB_AFTER_DELIVERY = frozenset({"account_erased"})
CLAIM = timedelta(minutes=5)
# Lines up to RFC 5322's hard limit: a List-Unsubscribe URL (RFC 8058) longer than 78
# characters must stay one <URI>, not be cut into encoded words that no client can parse.
POLICY = policy.default.clone(max_line_length=998)
_URL = re.compile(r"(https?://[^\s<>\"]+)")


def _to_html(text: str, lang: str) -> str:
    paragraphs = []
    for para in text.strip().split("\n\n"):
        escaped = html.escape(para)
        escaped = _URL.sub(r'<a href="\1">\1</a>', escaped).replace("\n", "<br>")
        paragraphs.append(f"<p>{escaped}</p>")
    return (f'<!doctype html><html lang="{lang}"><body style="font-family:sans-serif;'
            f'line-height:1.5;color:#1c2024">{"".join(paragraphs)}</body></html>')


def enqueue(session: Session, *, to: str, template: str, lang: str, user_id: int | None = None,
            kind: str = "service", headers: dict | None = None, **params) -> OutboxMail | None:
    """Queue a mail rendered from the i18n catalog ``mail.<template>.subject/body``.

    Any service, in the transaction of the action that causes the mail (it is sent only
    if that commits). ``params`` fill the placeholders (``contact`` is filled in); a missing
    one raises ValueError (a programming error, not a DomainError). A ``kind="marketing"``
    mail to an address on the suppression list is not queued: returns None (P13).
    """
    if kind == "marketing" and suppression.is_suppressed(session, to):
        return None
    params.setdefault("contact", settings().contact_email)
    for key in (f"mail.{template}.subject", f"mail.{template}.body", "mail.signature"):
        missing = {f for _, f, _, _ in Formatter().parse(t(key, lang)) if f} - params.keys()
        if missing:  # a mail with a literal {placeholder} must never go out
            raise ValueError(f"{key} needs {sorted(missing)}")
    body = t(f"mail.{template}.body", lang, **params) + "\n\n" + t("mail.signature", lang, **params)
    row = OutboxMail(
        user_id=user_id, to_addr=to, subject=t(f"mail.{template}.subject", lang, **params),
        body_text=body, body_html=_to_html(body, lang), kind=kind, template=template,
        headers=dict(headers or {}), next_attempt_at=clock.now(), created_at=clock.now(),
    )
    session.add(row)
    return row


def _message(row: OutboxMail) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = settings().mail_from
    msg["To"] = row.to_addr
    msg["Subject"] = row.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="cloudcv.nl")
    for key, value in (row.headers or {}).items():
        msg[key] = value
    msg.set_content(row.body_text)
    msg.add_alternative(row.body_html, subtype="html")
    return msg


def _send(msg: EmailMessage, smtp_url: str) -> None:
    url = urlsplit(smtp_url)
    port = url.port or (465 if url.scheme == "smtps" else 25)
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(url.hostname, port, timeout=20,
                                  context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(url.hostname, port, timeout=20)
    with client:
        if url.scheme == "smtp+starttls":
            client.starttls(context=ssl.create_default_context())
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(msg)


def deliver_due(session: Session, *, now: datetime | None = None, smtp_url: str | None = None,
                limit: int = 50) -> int:
    """Send queued mail that is due; returns how many were sent.

    Background task (``tasks.mail_sender``) and the CLI; commits per mail. Does nothing
    without an SMTP URL. SMTP and connection errors do not escape: they are counted on the row
    and retried.
    """
    smtp_url = smtp_url or settings().smtp_url
    if not smtp_url:
        return 0
    now = now or clock.now()
    ids = session.exec(select(OutboxMail.id).where(
        OutboxMail.status == "queued", OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.id).limit(limit)).all()
    sent, scrubbed = 0, False
    for mail_id in ids:
        claimed = session.exec(update(OutboxMail).where(
            OutboxMail.id == mail_id, OutboxMail.status == "queued",
            OutboxMail.next_attempt_at <= now).values(next_attempt_at=now + CLAIM))
        session.commit()
        if claimed.rowcount != 1:
            continue  # another worker has it
        row = session.get(OutboxMail, mail_id)
        if row.kind == "marketing" and suppression.is_suppressed(session, row.to_addr):
            row.status = "suppressed"  # unsubscribed after it was queued: never sent (P13)
            _scrub(row)
            session.add(row)
            session.commit()
            continue
        try:
            _send(_message(row), smtp_url)
        except (OSError, smtplib.SMTPException) as exc:
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
            else:
                row.next_attempt_at = now + timedelta(minutes=min(2 ** (row.attempts - 1), 360))
        else:
            row.attempts += 1
            row.status, row.sent_at, row.last_error = "sent", now, ""
            sent += 1
            if row.template in SCRUB_AFTER_DELIVERY:
                _scrub(row)
                scrubbed = True
        session.add(row)
        session.commit()
    if scrubbed:
        db.checkpoint_wal(session)
    return sent


def _scrub(row: OutboxMail) -> None:
    """Keep what the audit needs (template, kind, status, times), drop who and what."""
    row.to_addr = row.subject = row.body_text = row.body_html = ""
    row.headers = {}


# ---------------------------------------------------------------- admin views
def list_recent(session: Session, *, status: str | None = None, limit: int = 100) -> list[OutboxMail]:
    """The newest outbox rows, optionally one status. No guard: ``admin.outbox`` checks the role."""
    stmt = select(OutboxMail).order_by(OutboxMail.id.desc()).limit(limit)
    if status in ("queued", "sent", "failed"):
        stmt = stmt.where(OutboxMail.status == status)
    return list(session.exec(stmt).all())


def retry(session: Session, *, mail_id: int) -> None:
    """Put a failed mail back in the queue, due now; anything else is left alone.

    No guard here: ``admin.retry_mail`` checks the role and writes the audit event.
    """
    row = session.get(OutboxMail, mail_id)
    if row is not None and row.status == "failed":
        row.status, row.attempts, row.next_attempt_at = "queued", 0, clock.now()
        session.add(row)
        session.commit()
