"""Users with something in every table Mijn gegevens covers (real service calls where a
service exists; recipients have no service yet, so that row is added directly)."""

from __future__ import annotations

import io
import re

from PIL import Image
from sqlmodel import select

from cloudcv.models import OutboxMail, Recipient
from cloudcv.services import accounts, audit, cvs, objections
from cloudcv.services.devices import Client
from tests.factories import PASSWORD, login, verified_user


def client(n: int = 1) -> Client:
    return Client(ip=f"192.0.2.{n}", device_id=f"{n:032d}",
                  user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                             "Chrome/120.0 Safari/537.36", connection="https/websocket")


def jpeg(color=(10, 20, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), color).save(out, "JPEG")
    return out.getvalue()


def full_user(session, email: str, name: str):
    """A verified user with two logins, a CV (entry, photo, recipient), an audit event,
    a failed login and an objection; returns (user, token of the first login)."""
    user = verified_user(session, email=email, name=name)
    first = login(session, email=email, password=PASSWORD, client=client(1))
    login(session, email=email, password=PASSWORD, client=client(2))
    try:
        login(session, email=email, password="verkeerd wachtwoord", client=client(3))
    except Exception:
        pass
    cv_id = cvs.create_cv(session, user_id=user.id, title=f"Cv van {name}")
    cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="city", value="Groningen")
    entry = cvs.add_entry(session, user_id=user.id, cv_id=cv_id, section="work")
    cvs.set_entry_field(session, user_id=user.id, entry_id=entry, name="title", value="Bakker")
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=jpeg())
    session.add(Recipient(cv_id=cv_id, user_id=user.id, name=f"Recruiter van {name}",
                          email=f"hr-{email}", organisation="Werkgever BV"))
    audit.record(session, action="account.test", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    objections.object_to(session, user_id=user.id, purpose="marketing",
                         motivation="Ik wil geen reclame.")
    return user, first.token


def last_mail(session, to: str) -> OutboxMail:
    return session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                        .order_by(OutboxMail.id.desc())).first()


def code_from(session, to: str) -> str:
    return re.search(r"\b(\d{6})\b", last_mail(session, to).body_text).group(1)
