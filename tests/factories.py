"""Test data builders: real service calls, no hand-made rows."""

import re

from sqlmodel import select

from cloudcv.models import OutboxMail
from cloudcv.services import accounts

PASSWORD = "paarse olifant danst"


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
