"""The contact form (§8, P38) and its admin side. A question is kept at most 2 months
after it is handled (§3.3.2; the rule is on ``ContactQuestion``'s registry entry in
``models/contact.py``, and the retention engine in services/privacy/retention.py deletes it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, func, select

from ...config import settings
from ...i18n import LANGS
from ...models import ContactQuestion
from ..core import audit, clock, fields, mail
from ..core.authz import require_admin
from ..core.errors import NotFound, Throttled

PER_ADDRESS_PER_HOUR = 5


@dataclass(frozen=True)
class QuestionRow:
    """One contact question in the admin list, with its answer once handled."""

    id: int
    name: str
    organisation: str
    email: str
    message: str
    received: str
    handled: str
    answer: str


def ask(session: Session, *, name, email, organisation, message, lang="nl",
        user_id: int | None = None) -> int:
    """Store a question from the contact form, confirm it to the asker and notify staff.

    Anyone (logged in or not: ``user_id`` links it to the account). Returns the question id.
    Raises Invalid for a bad name, address, organisation or message (``error.required``,
    ``error.too_long`` above 5000 characters) and Throttled("error.throttled") after
    ``PER_ADDRESS_PER_HOUR`` questions from one address in an hour.
    """
    name = fields.name(name)
    email = fields.email(email)
    organisation = fields.text(organisation, field="organisation", max_len=120)
    message = fields.multiline(message, field="message", max_len=5000, required=True)
    now = clock.now()
    recent = session.exec(select(func.count(ContactQuestion.id)).where(
        ContactQuestion.email == email, ContactQuestion.created_at >= now - timedelta(hours=1))).one()
    if recent >= PER_ADDRESS_PER_HOUR:
        raise Throttled("error.throttled", seconds=3600)
    row = ContactQuestion(name=name, email=email, organisation=organisation, message=message,
                          lang=lang if lang in LANGS else "nl", user_id=user_id, created_at=now)
    session.add(row)
    session.flush()
    mail.enqueue(session, to=email, template="contact_received", lang=row.lang, user_id=user_id,
                 name=name)
    # The staff notice names the asker: it belongs to their account (user_id), so export
    # shows it and erasure deletes it like every other row about them.
    mail.enqueue(session, to=settings().contact_email, template="contact_staff", lang="nl",
                 user_id=user_id, name=name, email=email, question_id=row.id)
    session.commit()
    return row.id


def _fmt(dt) -> str:
    return clock.format_datetime(dt, zone=True)


def list_questions(session: Session, *, admin_id: int, open_only: bool = True) -> list[QuestionRow]:
    """The newest 200 questions, only unhandled ones unless ``open_only`` is False.

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    stmt = select(ContactQuestion).order_by(ContactQuestion.created_at.desc()).limit(200)
    if open_only:
        stmt = stmt.where(ContactQuestion.handled_at.is_(None))
    return [QuestionRow(id=q.id, name=q.name, organisation=q.organisation, email=q.email,
                        message=q.message, received=_fmt(q.created_at), handled=_fmt(q.handled_at),
                        answer=q.answer) for q in session.exec(stmt).all()]


def answer(session: Session, *, admin_id: int, question_id, text) -> None:
    """Mail the answer to the asker and mark the question handled (starts its 2 months).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown question;
    Invalid("error.required") for an empty answer, Invalid("error.too_long") above 5000 characters.
    Audit-logged.
    """
    require_admin(session, admin_id)
    row = session.get(ContactQuestion, question_id) if fields.is_id(question_id) else None
    if row is None:
        raise NotFound("error.not_found")
    text = fields.multiline(text, field="answer", max_len=5000, required=True)
    row.answer, row.handled_at, row.handled_by = text, clock.now(), admin_id
    session.add(row)
    mail.enqueue(session, to=row.email, template="contact_answer", lang=row.lang, user_id=row.user_id,
                 name=row.name, answer=row.answer, question=row.message[:500])
    audit.record(session, action="admin.contact.answer", actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=row.user_id, question_id=row.id)
    session.commit()


def mark_handled(session: Session, *, admin_id: int, question_id) -> None:
    """Mark a question handled without mailing an answer (starts its 2 months; audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown question.
    """
    require_admin(session, admin_id)
    row = session.get(ContactQuestion, question_id) if fields.is_id(question_id) else None
    if row is None:
        raise NotFound("error.not_found")
    row.handled_at, row.handled_by = clock.now(), admin_id
    session.add(row)
    audit.record(session, action="admin.contact.handled", actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=row.user_id, question_id=row.id)
    session.commit()
