"""Test data builders: real service calls, no hand-made rows."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from sqlmodel import select

from cloudcv.models import OutboxMail
from cloudcv.services.accounts import accounts, sessions
from cloudcv.services.accounts.sessions import CurrentUser
from cloudcv.services.core import clock
from cloudcv.services.core.errors import Invalid

PASSWORD = "paarse olifant danst"
# The second factor of the admins the tests create (cloudcv create-admin with
# CLOUDCV_ADMIN_TOTP): /beheer opens only for admins with one (issue 24).
ADMIN_TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def last_link(session, to: str, path: str) -> str:
    """The token from the newest mail to ``to`` that links to ``path``."""
    mails = session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                         .order_by(OutboxMail.id.desc())).all()
    for m in mails:
        found = re.search(re.escape(path) + r"\?token=([\w.\-]+)", m.body_text)
        if found:
            return found.group(1)
    raise AssertionError(f"no mail to {to} with a link to {path}")


def verified_user(session, email="anna@example.nl", name="Anna de Vries", password=PASSWORD):
    accounts.register(session, name=name, email=email, password=password)
    accounts.verify_email(session, token=last_link(session, email, "/bevestigen"))
    return accounts.by_email(session, email)


@dataclass(frozen=True)
class Login:
    token: str  # the session cookie's value, as the browser gets it from /api/session/start
    user: CurrentUser


def login(session, totp: str = ADMIN_TOTP, **kwargs) -> Login:
    """Log in as the browser does: password → ticket → exchanged once for the session token.
    An account with two-step verification (the admins) gets the code of ``totp``; one of a
    step already used is refused (no replay), then the next step's (accepted a step early)."""
    result = accounts.login(session, **kwargs)
    for ahead in (0, 30) if result.challenge else ():
        code = pyotp.TOTP(totp).at(clock.now() + timedelta(seconds=ahead))
        try:
            result = accounts.login_code(session, challenge=result.challenge, code=code,
                                         client=kwargs["client"])
            break
        except Invalid:
            continue
    token = sessions.exchange(session, ticket=result.ticket)
    assert token is not None
    return Login(token=token, user=result.user)
