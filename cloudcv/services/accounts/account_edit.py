"""Correct and erase the account from Mijn gegevens (§7: check, update, correct, delete).

- ``rename``: the account name.
- ``request_email_change`` → mail with a signed link to the NEW address (the address itself
  travels in the link, nothing is stored before the click); ``confirm_email_change`` makes
  the change and notifies the OLD address. An address that already has an account gets a
  notice instead of a link, and the page answers the same (no account probing).
- ``delete_account``: password + typed confirmation word, then the registry-driven
  erasure (services/privacy/erasure.py) in one transaction.
- ``change_password`` (on /beveiliging): the current password, a new one that passes the
  policy; every other session ends and the address gets a security mail (issue 24).

Each function is called for the logged-in user themselves (``user_id`` from
``sessions.resolve``), except ``confirm_email_change``, which trusts only its token.
"""

from __future__ import annotations

from sqlmodel import Session, select

from ...config import settings
from ...i18n import LANGS, t
from ...models import User
from ..core import audit, clock, fields, mail, tokens
from ..core.errors import Invalid, NotFound
from ..privacy import erasure
from . import my_sessions, passwords, sessions

CONFIRM_PATH = "/e-mailadres-bevestigen"


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    return user


def _taken(session: Session, email: str) -> bool:
    return session.exec(select(User.id).where(User.email == email)).first() is not None


def rename(session: Session, *, user_id: int, name, ip: str = "") -> str:
    """Correct the account name (audit-logged when it changes); returns the cleaned name.

    The user themselves. Raises NotFound for an unknown user, Invalid from ``fields.name``.
    """
    user = _user(session, user_id)
    name = fields.name(name)
    if name != user.name:
        user.name = name
        session.add(user)
        audit.record(session, action="account.corrected", actor_user_id=user_id,
                     subject_user_id=user_id, ip=ip, field="name")
        session.commit()
    return name


def request_email_change(session: Session, *, user_id: int, new_email, password, ip: str = "") -> str:
    """Mail a confirmation link to ``new_email``; returns the cleaned address.

    The user themselves, with their password. Raises Invalid("error.email_same") for the
    current address, and the errors of ``fields.email`` and ``my_sessions.check_password``
    (Invalid/Throttled). A taken address gets a notice mail instead, with the same answer.
    """
    user = _user(session, user_id)
    new_email = fields.email(new_email, field="new_email")
    if new_email == user.email:
        raise Invalid("error.email_same", field="new_email")
    my_sessions.check_password(session, user_id=user_id, password=password, ip=ip,
                               field="email_password")
    if _taken(session, new_email):
        mail.enqueue(session, to=new_email, template="email_change_taken", lang=user.lang)
    else:
        tokens.revoke_all(session, user_id=user_id, purpose="change_email")
        token = tokens.issue(session, user_id=user_id, purpose="change_email",
                             data={"e": new_email})
        mail.enqueue(session, to=new_email, template="email_change", lang=user.lang,
                     user_id=user_id, name=user.name,
                     link=f"{settings().base_url}{CONFIRM_PATH}?token={token}")
    audit.record(session, action="account.email_change_requested", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    session.commit()
    return new_email


def confirm_email_change(session: Session, *, token) -> str:
    """Apply a confirmed change; returns the account's language.

    Anyone holding the mailed link (no login needed). Raises Invalid("error.link_invalid")
    for a bad, used or expired link and Invalid("error.email_taken_now") when the address got
    an account in the meantime. The old address is told.
    """
    row = tokens.peek(session, token=token, purpose="change_email")
    new_email = tokens.data(token).get("e")
    user = session.get(User, row.user_id)
    if user is None or not isinstance(new_email, str):
        raise Invalid("error.link_invalid")
    new_email = fields.email(new_email)
    if _taken(session, new_email):
        raise Invalid("error.email_taken_now")
    tokens.consume(session, token=token, purpose="change_email")
    old = user.email
    user.email = new_email
    user.email_verified_at = clock.now()
    session.add(user)
    audit.record(session, action="account.corrected", actor_user_id=user.id,
                 subject_user_id=user.id, field="email")
    mail.enqueue(session, to=old, template="email_changed", lang=user.lang, user_id=user.id,
                 name=user.name, new_email=new_email)
    session.commit()
    return user.lang


def confirmation_words() -> set[str]:
    """The word to type before deleting, in every language (e.g. VERWIJDEREN, DELETE)."""
    return {t("mydata.delete.word", lang).upper() for lang in LANGS}


def delete_account(session: Session, *, user_id: int, password, confirmation, ip: str = "") -> None:
    """Erase the account and everything registered for it (one transaction).

    The user themselves, with their password and the typed word. Raises
    Invalid("error.confirmation_word", field="confirmation") and the errors of
    ``my_sessions.check_password``; the erasure itself is ``privacy.erasure.erase_user``.
    """
    if not isinstance(confirmation, str) or confirmation.strip().upper() not in confirmation_words():
        raise Invalid("error.confirmation_word", field="confirmation")
    my_sessions.check_password(session, user_id=user_id, password=password, ip=ip,
                               field="delete_password")
    erasure.erase_user(session, user_id=user_id, reason="user_request", notify=True)


def change_password(session: Session, *, user_id: int, current, new, keep_session: str = "",
                    ip: str = "") -> None:
    """Replace the password: the current one first (``my_sessions.check_password``: misses
    logged and limited), the new one through ``passwords.check_policy``. Every session but
    ``keep_session`` (this tab's public id) ends; the account's address gets a mail. Raises
    those functions' errors and Invalid("error.password_same", field="new_password")."""
    user = my_sessions.check_password(session, user_id=user_id, password=current, ip=ip,
                                      field="current_password")
    try:
        new = passwords.check_policy(new, name=user.name, email=user.email)
    except Invalid as exc:  # the policy names the field "password": here it is the new one
        raise Invalid(exc.key, field="new_password", **exc.params) from None
    if passwords.verify(new, user.password_hash)[0]:
        raise Invalid("error.password_same", field="new_password")
    user.password_hash = passwords.hash_password(new)
    session.add(user)
    sessions.end_all(session, user_id=user_id, commit=False, keep=keep_session)
    audit.record(session, action="account.password_changed", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    mail.enqueue(session, to=user.email, template="password_changed_here", lang=user.lang,
                 user_id=user_id, name=user.name)
    session.commit()
