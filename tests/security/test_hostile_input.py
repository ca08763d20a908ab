"""Issue 19, the hostile input corpus: every payload of ``_corpus.py`` (the Big List of Naughty
Strings plus XSS, SQL and template injection, Unicode controls, bidi overrides, NUL, lone
surrogates, 1 MB strings, bad dates and wrong JSON types) goes through every form field.

The oracle for each attempt: the service raises a ``DomainError`` whose key exists in both
catalogs and nothing changed (the field's stored value and the row count are as before), or
the stored value is the input in the field's documented normal form (``NORMAL`` below:
trimmed, NFC for single-line text, lower case for addresses, line ends as ``\\n`` and control
characters dropped for free text) — and then it renders as inert text: in the PDF (every
template renders, and pdftotext finds the payload's words) and in the HTML of every mail it
caused (no markup but the mail's own). Anything else (a crash, a silent change) is a failure.

One database per backend for the whole module; each attempt runs in a SAVEPOINT that is
rolled back after its checks, so throttles and unique rows never carry over.
"""

from __future__ import annotations

import ast
import contextlib
import html.parser
import inspect
import json
import re
import subprocess
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from sqlalchemy import event as sa_event
from sqlmodel import Session, func, select

from cloudcv import i18n
from cloudcv.models import (CV, AbuseHold, AuthorityRequest, ContactQuestion, CoverLetter, CVEntry,
                            CVSection, CVSnapshot, DataBreach, DataRequest, OutboxMail, Passkey,
                            Processor, Recipient, User)
from cloudcv.models.marketing import Campaign, MarketingOptIn
from cloudcv.services.accounts import account_edit, accounts, passkeys
from cloudcv.services.admin import (admin, admin_users, campaigns, contact, incidents, ops_admin,
                                    recipient_erasure, request_admin)
from cloudcv.services.core import db
from cloudcv.services.core.errors import DomainError, NotFound
from cloudcv.services.cv import cvs, entries, letters, recipients, rendering, sections, versions
from cloudcv.services.cv.pdf import registry
from cloudcv.services.privacy import data_requests, marketing, objections
from tests.factories import ADMIN_TOTP, PASSWORD, verified_user
from tests.webauthn_soft import SoftPasskey, b64

from . import _corpus
from ._harness import run_async

STATE_DIR = Path(__file__).resolve().parents[2] / "cloudcv" / "state"
PAYLOADS = _corpus.strings()
MIN_PAYLOADS = 500
MIN_ATTEMPTS = {"sqlite": 35_000, "postgresql": 15_000}  # text fields alone


# ------------------------------------------------------------------ normal forms (the spec)
_MULTILINE_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _line(v: str) -> str:
    return unicodedata.normalize("NFC", v).strip()


NORMAL: dict[str, Callable[[str], str]] = {
    "line": _line,
    "email": lambda v: _line(v).lower(),
    "multiline": lambda v: _MULTILINE_DROPPED.sub("", v.replace("\r\n", "\n")).strip(),
}


# ------------------------------------------------------------------ the database
def _sqlite_engine(url: str) -> sqlalchemy.Engine:
    """pysqlite with real SAVEPOINTs (SQLAlchemy's documented recipe) and foreign keys."""
    eng = sqlalchemy.create_engine(url, connect_args={"check_same_thread": False})

    @sa_event.listens_for(eng, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    @sa_event.listens_for(eng, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return eng


@dataclass
class World:
    """The module's database: one connection in one transaction that is never committed."""

    conn: sqlalchemy.Connection
    session: Session
    backend: str
    ids: dict[str, int] = field(default_factory=dict)
    attempts: int = 0
    commits: int = 0
    refused: int = 0
    stored: int = 0

    @contextlib.contextmanager
    def attempt(self):
        """One attempt in a SAVEPOINT, rolled back (with whatever it stored) afterwards."""
        # Plain SQL, not begin_nested(): ROLLBACK TO keeps a savepoint open, and 30,000
        # unreleased ones make every statement slower; RELEASE also ends the Session's own.
        self.conn.exec_driver_sql("SAVEPOINT hostile_attempt")
        try:
            yield self.session
        finally:
            self.session.rollback()
            self.session.expunge_all()
            self.conn.exec_driver_sql("ROLLBACK TO SAVEPOINT hostile_attempt")
            self.conn.exec_driver_sql("RELEASE SAVEPOINT hostile_attempt")


def _seed(s: Session) -> dict[str, int]:
    """An admin, a user with a CV (an entry per section), and one row for every admin form."""
    anna = verified_user(s, email="anna@example.nl", name="Anna de Vries")
    beheer, _ = accounts.create_admin(s, totp_secret=ADMIN_TOTP, email="beheer@example.nl", name="Beheer",
                                      password="beheerder wachtwoord")
    cv_id = cvs.create_cv(s, user_id=anna.id, title="Mijn cv")
    ids = {"anna": anna.id, "admin": beheer.id, "cv": cv_id}
    for section in entries.ENTRY_SECTIONS:
        ids[f"entry.{section}"] = entries.add_entry(s, user_id=anna.id, cv_id=cv_id,
                                                    section=section)
    own = sections.add_own_section(s, user_id=anna.id, cv_id=cv_id, title="Vrijwilligerswerk")
    ids["own"] = int(own[1:])
    ids["entry.own"] = entries.add_entry(s, user_id=anna.id, cv_id=cv_id, section=own)
    ids["recipient"] = recipients.add_recipient(s, user_id=anna.id, cv_id=cv_id, name="Piet",
                                                email="piet@werkgever.nl").id
    ids["letter"] = letters.create_letter(s, user_id=anna.id, cv_id=cv_id)
    ids["question"] = contact.ask(s, name="Vrager", email="vrager@example.nl", organisation="",
                                  message="Een vraag")
    user = s.get(User, anna.id)
    ids["request"] = data_requests.create_open(s, user=user, kind="access", source="verzoek").id
    ids["objection"] = data_requests.create_open(s, user=user, kind="objection", source="verzoek",
                                                 purpose="security", motivation="Omdat").id
    ids["breach"] = incidents.register_breach(
        s, admin_id=beheer.id, discovered_at="01-11-2026 10:00", description="Lek",
        categories=["contact"], people_count="1", measures="", high_risk=True)
    ids["processor"] = s.exec(select(Processor.id)).first()
    s.commit()
    return ids


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    """The module's database on each backend, seeded once, rolled back at the end."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.db'}"
        db.migrate(url)
        eng = _sqlite_engine(url)
    else:
        eng = db.engine(request.getfixturevalue("pg_url"))
    conn = eng.connect()
    outer = conn.begin()
    if request.param == "postgresql":  # rows other tests left behind; back after the rollback
        names = ", ".join(f'"{t}"' for t in sqlalchemy.inspect(conn).get_table_names()
                          if t not in ("processor", "alembic_version"))
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    w = World(conn=conn, session=session, backend=request.param)

    @sa_event.listens_for(session, "after_commit")
    def _committed(_session):
        w.commits += 1

    w.ids = _seed(session)
    yield w
    session.close()
    outer.rollback()
    conn.close()
    if request.param == "sqlite":
        eng.dispose()


# ------------------------------------------------------------------ the fields
@dataclass(frozen=True)
class Target:
    """One form field: ``call(session, ids, value)`` submits the form with ``value`` in this
    field (valid values in the others); ``read(session, ids)`` is the field's stored value in
    the newest row of ``table`` (None when there is none)."""

    name: str
    kind: str  # line | email | multiline | query (searches: nothing is stored)
    call: Callable[[Session, dict, Any], Any]
    table: type | None = None
    column: str = ""
    where: Callable[[dict], Any] | None = None
    mails: bool = False
    pdf: bool = False
    commits_on_refusal: bool = False  # a wrong password is counted (login throttle) first
    twin: bool = False  # the same code as another target: a quarter of blns is enough
    key: str = ""  # the column is a JSON object: the field is this key of it

    def read(self, s: Session, ids: dict) -> Any:
        if self.table is None:
            return None
        # the whole row, re-read from the database (populate_existing), so sealed columns
        # are opened as their owner sees them (models/sealed.py)
        stmt = select(self.table).execution_options(populate_existing=True)
        if self.where is not None:
            stmt = stmt.where(self.where(ids))
        row = s.exec(stmt.order_by(self.table.id.desc()).limit(1)).first()
        if row is None:
            return None
        value = getattr(row, self.column)
        return (value or {}).get(self.key, "") if self.key else value


def _cv_field(name: str, kind: str) -> Target:
    return Target(f"cv.{name}", "multiline" if kind == "multiline" else
                  "email" if kind == "email" else "line",
                  lambda s, ids, v: cvs.set_field(s, user_id=ids["anna"], cv_id=ids["cv"],
                                                  name=name, value=v),
                  CV, name, lambda ids: CV.id == ids["cv"],
                  pdf=name not in cvs.PRIVATE_FIELDS + cvs.ANONYMOUS_FIELDS)


def _entry_field(section: str, name: str, kind: str) -> Target:
    return Target(f"entry.{section}.{name}", kind,
                  lambda s, ids, v: entries.set_entry_field(
                      s, user_id=ids["anna"], entry_id=ids[f"entry.{section}"], name=name, value=v),
                  CVEntry, name, lambda ids: CVEntry.id == ids[f"entry.{section}"],
                  # the PDF must show what the editor shows (pages/editor.py: skills and
                  # languages have a title only); the service also stores the rest
                  pdf=section in ("work", "education", "own") or name == "title",
                  twin=section != "work")


def _recipient(name: str) -> Target:
    base = {"name": "Piet", "email": "piet@werkgever.nl", "organisation": "", "note": ""}
    return Target(f"recipient.{name}", "email" if name == "email" else "line",
                  lambda s, ids, v: recipients.add_recipient(
                      s, user_id=ids["anna"], cv_id=ids["cv"], **{**base, name: v}),
                  Recipient, name)


def _contact(name: str) -> Target:
    base = {"name": "Jan", "email": "jan@example.nl", "organisation": "", "message": "Hallo"}
    kind = {"email": "email", "message": "multiline"}.get(name, "line")
    return Target(f"contact.{name}", kind,
                  lambda s, ids, v: contact.ask(s, **{**base, name: v}, lang="nl"),
                  ContactQuestion, name, mails=True)


def _letter(name: str, kind: str) -> Target:
    return Target(f"letter.{name}", kind, lambda s, ids, v: letters.set_letter_field(
        s, user_id=ids["anna"], letter_id=ids["letter"], name=name, value=v), CoverLetter, name,
        lambda ids: CoverLetter.id == ids["letter"])


def _verzoek(name: str) -> Target:
    base = {"email": "anna@example.nl", "kind": "objection", "details": "",
            "purpose": "security", "motivation": "Ik wil dit niet"}
    kind = "email" if name == "email" else "multiline"
    return Target(f"verzoek.{name}", kind,
                  lambda s, ids, v: data_requests.start(s, **{**base, name: v}, lang="nl"),
                  DataRequest, name, lambda ids: DataRequest.status == "unverified", mails=True)


def _news(name: str) -> Target:
    base = {"email": "nieuws@example.nl", "name": "Lezer", "organisation": ""}
    return Target(f"news.{name}", "email" if name == "email" else "line",
                  lambda s, ids, v: marketing.request_news(s, **{**base, name: v}, lang="nl"),
                  MarketingOptIn, name, mails=True)


def _authority(name: str) -> Target:
    base = {"authority": "Politie", "legal_basis": "art. 126nd Sv", "scope": "gegevens",
            "user_email": "anna@example.nl", "received_on": "01-11-2026",
            "legal_bar_reference": ""}
    column = {"user_email": "user_id"}.get(name, name)
    return Target(f"authority.{name}", "email" if name == "user_email" else "line",
                  lambda s, ids, v: incidents.register_authority_request(
                      s, admin_id=ids["admin"], **{**base, name: v}),
                  AuthorityRequest, column, mails=True)


def _breach(name: str) -> Target:
    base = {"discovered_at": "01-11-2026 10:00", "description": "Lek", "categories": ["contact"],
            "people_count": "3", "measures": "", "high_risk": False}
    return Target(f"breach.{name}", "line",
                  lambda s, ids, v: incidents.register_breach(
                      s, admin_id=ids["admin"], **{**base, name: v}),
                  DataBreach, name)


def _processor(name: str) -> Target:
    base = {"name": "Hoster", "agreement_date": "", "data_received": "alles"}
    return Target(f"processor.{name}", "line",
                  lambda s, ids, v: ops_admin.update_processor(
                      s, admin_id=ids["admin"], processor_id=ids["processor"], **{**base, name: v}),
                  Processor, name, lambda ids: Processor.id == ids["processor"])


_PASSKEY_CHALLENGE = b"hostile-input: one challenge for every attempt"


def _passkey_named(s: Session, ids: dict, value: Any) -> None:
    """/beveiliging's passkey form: a new passkey (a software authenticator's, in WebAuthn's
    format) stored under the name typed in."""
    rp_id, origin = passkeys.relying_party()
    options = json.dumps({"challenge": b64(_PASSKEY_CHALLENGE), "user": {"id": b64(b"cloudcv-1")}})
    passkeys.register(s, user_id=ids["anna"], challenge=_PASSKEY_CHALLENGE,
                      response=SoftPasskey(origin, rp_id).create(options), name=value)


def _targets() -> list[Target]:
    a = "admin"
    found = [_cv_field(n, kind) for n, (_limit, kind) in cvs.TEXT_FIELDS.items()]
    found.append(Target("cv.title", "line", lambda s, ids, v: cvs.rename_cv(
        s, user_id=ids["anna"], cv_id=ids["cv"], title=v), CV, "title",
        lambda ids: CV.id == ids["cv"], pdf=True))
    found.append(Target("cv.section_title", "line", lambda s, ids, v: sections.rename_section(
        s, user_id=ids["anna"], cv_id=ids["cv"], section="work", title=v), CV, "section_titles",
        lambda ids: CV.id == ids["cv"], pdf=True, key="work"))
    found.append(Target("cv.new_title", "line", lambda s, ids, v: cvs.create_cv(
        s, user_id=ids["anna"], title=v), CV, "title", twin=True))
    found.append(Target("cv.own_section_title", "line", lambda s, ids, v: sections.rename_section(
        s, user_id=ids["anna"], cv_id=ids["cv"], section=f"c{ids['own']}", title=v), CVSection,
        "title", lambda ids: CVSection.id == ids["own"], pdf=True))
    found.append(Target("cv.new_own_section", "line", lambda s, ids, v: sections.add_own_section(
        s, user_id=ids["anna"], cv_id=ids["cv"], title=v), CVSection, "title", twin=True))
    for section in (*entries.ENTRY_SECTIONS, "own"):
        found += [_entry_field(section, n, kind) for n, (_l, kind) in entries.ENTRY_FIELDS.items()]
    found += [_recipient(n) for n in recipients.LIMITS]
    found.append(Target("recipient.edit.name", "line", lambda s, ids, v: recipients.edit_recipient(
        s, user_id=ids["anna"], recipient_id=ids["recipient"], name=v, email="piet@werkgever.nl"),
        Recipient, "name", lambda ids: Recipient.id == ids["recipient"], twin=True))
    found.append(Target("passkey.name", "line", _passkey_named, Passkey, "name", twin=True))
    found.append(Target("version.name", "line", lambda s, ids, v: versions.save_named(
        s, user_id=ids["anna"], cv_id=ids["cv"], name=v), CVSnapshot, "name", twin=True))
    found += [_letter(n, kind) for n, (_limit, kind) in letters.LETTER_FIELDS.items()]
    found += [_contact(n) for n in ("name", "email", "organisation", "message")]
    found += [_verzoek(n) for n in ("email", "details", "motivation")]
    found += [_news(n) for n in ("email", "name", "organisation")]
    found.append(Target("account.name", "line", lambda s, ids, v: account_edit.rename(
        s, user_id=ids["anna"], name=v), User, "name", lambda ids: User.id == ids["anna"]))
    found.append(Target("account.new_email", "query", lambda s, ids, v:
                        account_edit.request_email_change(s, user_id=ids["anna"], new_email=v,
                                                          password="fout wachtwoord"),
                        commits_on_refusal=True))
    found.append(Target("objection.motivation", "multiline", lambda s, ids, v: objections.object_to(
        s, user_id=ids["anna"], purpose="service_improvement", motivation=v), DataRequest,
        "motivation", lambda ids: DataRequest.purpose == "service_improvement", mails=True))
    found.append(Target("delete.confirmation", "query", lambda s, ids, v:
                        account_edit.delete_account(s, user_id=ids["anna"], password="fout",
                                                    confirmation=v), commits_on_refusal=True))
    found += [_authority(n) for n in ("authority", "legal_basis", "scope", "user_email",
                                      "legal_bar_reference")]
    found += [_breach(n) for n in ("description", "measures")]
    found.append(Target("breach.reference", "line", lambda s, ids, v:
                        incidents.record_ap_notification(s, admin_id=ids[a],
                                                         breach_id=ids["breach"], reference=v),
                        DataBreach, "ap_reference", lambda ids: DataBreach.id == ids["breach"]))
    found.append(Target("request.extend.reason", "line", lambda s, ids, v: request_admin.extend(
        s, admin_id=ids[a], request_id=ids["request"], reason=v), DataRequest, "extension_reason",
        lambda ids: DataRequest.id == ids["request"], mails=True))
    found.append(Target("request.decide.reason", "line", lambda s, ids, v: request_admin.decide(
        s, admin_id=ids[a], request_id=ids["objection"], decision="rejected", reason=v),
        DataRequest, "decision_reason", lambda ids: DataRequest.id == ids["objection"], mails=True))
    found.append(Target("contact.answer", "multiline", lambda s, ids, v: contact.answer(
        s, admin_id=ids[a], question_id=ids["question"], text=v), ContactQuestion, "answer",
        lambda ids: ContactQuestion.id == ids["question"], mails=True))
    found.append(Target("user.hold_reason", "line", lambda s, ids, v: admin_users.set_abuse_hold(
        s, admin_id=ids[a], user_id=ids["anna"], reason=v), AbuseHold, "reason"))
    found.append(Target("user.query", "query", lambda s, ids, v: admin_users.search(
        s, admin_id=ids[a], query=v)))
    found.append(Target("audit.action", "query", lambda s, ids, v: admin.audit_log(
        s, admin_id=ids[a], action=v)))
    found.append(Target("campaign.subject", "line", lambda s, ids, v: campaigns.create(
        s, admin_id=ids[a], subject=v, body="Tekst", lang="nl"), Campaign, "subject"))
    found.append(Target("campaign.body", "multiline_strict", lambda s, ids, v: campaigns.create(
        s, admin_id=ids[a], subject="Nieuws", body=v, lang="nl"), Campaign, "body"))
    found += [_processor(n) for n in ("name", "data_received")]
    found.append(Target("forget.email", "query", lambda s, ids, v:
                        recipient_erasure.forget_recipient(s, admin_id=ids[a], email=v)))
    return found


TARGETS = _targets()
BY_NAME = {t.name: t for t in TARGETS}
# A campaign body with a control character is refused (it is mailed to many people), not
# cleaned: its normal form is the multi-line one without the dropping.
NORMAL["multiline_strict"] = lambda v: v.replace("\r\n", "\n").strip()

# Fields of a choice or a date: every payload is refused unless it is one of these literals.
CHOICES: dict[str, tuple[Callable[[Session, dict, Any], Any], tuple[str, ...]]] = {
    "cv.template": (lambda s, ids, v: cvs.set_layout(s, user_id=ids["anna"], cv_id=ids["cv"],
                                                     template=v), registry.names()),
    "cv.accent": (lambda s, ids, v: cvs.set_layout(s, user_id=ids["anna"], cv_id=ids["cv"],
                                                   accent=v), ()),
    "cv.lang": (lambda s, ids, v: cvs.set_layout(s, user_id=ids["anna"], cv_id=ids["cv"], lang=v),
                ("nl", "en", "de", "fr")),
    "cv.section": (lambda s, ids, v: sections.rename_section(
        s, user_id=ids["anna"], cv_id=ids["cv"], section=v, title="Eigen naam"),
        ("profile", "work", "education", "skills", "languages", "other")),
    "cv.section_move": (lambda s, ids, v: sections.move_section(
        s, user_id=ids["anna"], cv_id=ids["cv"], section=v, direction=1),
        ("profile", "work", "education", "skills", "languages", "other")),
    "cv.page_break": (lambda s, ids, v: sections.set_page_break(
        s, user_id=ids["anna"], cv_id=ids["cv"], section=v, on=True),
        ("profile", "work", "education", "skills", "languages", "other")),
    "entry.level": (lambda s, ids, v: entries.set_entry_field(
        s, user_id=ids["anna"], entry_id=ids["entry.languages"], name="level", value=v),
        ("", "A1", "A2", "B1", "B2", "C1", "C2", "native")),
    "verzoek.kind": (lambda s, ids, v: data_requests.start(
        s, email="anna@example.nl", kind=v, details="", purpose="security", motivation="x"),
        ("access", "correction", "erasure", "restriction", "portability", "objection")),
    "verzoek.purpose": (lambda s, ids, v: data_requests.start(
        s, email="anna@example.nl", kind="objection", purpose=v, motivation="x"),
        ("service_improvement", "security", "marketing")),
    "objection.purpose": (lambda s, ids, v: objections.object_to(
        s, user_id=ids["anna"], purpose=v, motivation="x"), ("service_improvement", "marketing")),
    "request.decision": (lambda s, ids, v: request_admin.decide(
        s, admin_id=ids["admin"], request_id=ids["request"], decision=v, reason="r"),
        ("done", "rejected")),
    "campaign.lang": (lambda s, ids, v: campaigns.create(
        s, admin_id=ids["admin"], subject="s", body="b", lang=v), ("nl", "en")),
    "breach.people_count": (lambda s, ids, v: incidents.register_breach(
        s, admin_id=ids["admin"], discovered_at="01-11-2026 10:00", description="d",
        categories=["contact"], people_count=v, measures="", high_risk=False), ()),
    "user.role": (lambda s, ids, v: admin_users.set_role(
        s, admin_id=ids["admin"], user_id=ids["anna"], role=v), ("admin", "user")),
}
DATES: dict[str, Callable[[Session, dict, Any], Any]] = {
    "cv.birth_date": lambda s, ids, v: cvs.set_birth_date(
        s, user_id=ids["anna"], cv_id=ids["cv"], value=v),
    "entry.start": lambda s, ids, v: entries.set_entry_field(
        s, user_id=ids["anna"], entry_id=ids["entry.work"], name="start", value=v),
    "entry.end": lambda s, ids, v: entries.set_entry_field(
        s, user_id=ids["anna"], entry_id=ids["entry.work"], name="end", value=v),
    "authority.received_on": lambda s, ids, v: incidents.register_authority_request(
        s, admin_id=ids["admin"], authority="Politie", legal_basis="wet", scope="alles",
        user_email="anna@example.nl", received_on=v),
    "breach.discovered_at": lambda s, ids, v: incidents.register_breach(
        s, admin_id=ids["admin"], discovered_at=v, description="d", categories=["contact"],
        people_count="1", measures="", high_risk=False),
    "processor.agreement_date": lambda s, ids, v: ops_admin.update_processor(
        s, admin_id=ids["admin"], processor_id=ids["processor"], name="Hoster",
        agreement_date=v, data_received=""),
}
# Strings a date field accepts: the documented forms, ASCII digits only.
_DATE_FORM = re.compile(r"\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{4}"
                        r"|\d{4}[-/.]\d{1,2}|\d{4})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*",
                        re.ASCII)

# Each (state class, form key) a handler reads with ``form.get("...")``, and where it goes.
FORM_FIELDS: dict[tuple[str, str], str] = {
    ("CVListState", "title"): "cv.new_title|cv.title",
    ("SectionsState", "title"): "cv.new_own_section",
    ("VersionsState", "name"): "version.name",
    ("ContactState", "name"): "contact.name", ("ContactState", "email"): "contact.email",
    ("ContactState", "organisation"): "contact.organisation",
    ("ContactState", "message"): "contact.message",
    ("VerzoekState", "email"): "verzoek.email", ("VerzoekState", "kind"): "verzoek.kind",
    ("VerzoekState", "details"): "verzoek.details", ("VerzoekState", "purpose"): "verzoek.purpose",
    ("VerzoekState", "motivation"): "verzoek.motivation",
    ("NewsState", "email"): "news.email", ("NewsState", "name"): "news.name",
    ("NewsState", "organisation"): "news.organisation",
    ("MyDataState", "name"): "account.name", ("MyDataState", "new_email"): "account.new_email",
    ("MyDataState", "purpose"): "objection.purpose",
    ("MyDataState", "motivation"): "objection.motivation",
    ("MyDataState", "confirmation"): "delete.confirmation",
    ("AdminAuthorityState", "authority"): "authority.authority",
    ("AdminAuthorityState", "legal_basis"): "authority.legal_basis",
    ("AdminAuthorityState", "scope"): "authority.scope",
    ("AdminAuthorityState", "user_email"): "authority.user_email",
    ("AdminAuthorityState", "received_on"): "authority.received_on",
    ("AdminAuthorityState", "legal_bar_reference"): "authority.legal_bar_reference",
    ("AdminBreachState", "discovered_at"): "breach.discovered_at",
    ("AdminBreachState", "description"): "breach.description",
    ("AdminBreachState", "people_count"): "breach.people_count",
    ("AdminBreachState", "measures"): "breach.measures",
    ("AdminBreachState", "reference"): "breach.reference",
    ("AdminRequestsState", "reason"): "request.extend.reason|request.decide.reason",
    ("AdminRequestsState", "decision"): "request.decision",
    ("AdminContactState", "answer"): "contact.answer",
    ("AdminUsersState", "reason"): "user.hold_reason", ("AdminUsersState", "query"): "user.query",
    ("AdminAuditState", "action"): "audit.action",
    ("AdminCampaignsState", "subject"): "campaign.subject",
    ("AdminCampaignsState", "body"): "campaign.body",
    ("AdminCampaignsState", "lang"): "campaign.lang",
    ("AdminOpsState", "name"): "processor.name",
    ("AdminOpsState", "agreement_date"): "processor.agreement_date",
    ("AdminOpsState", "data_received"): "processor.data_received",
    ("AdminRecipientState", "email"): "forget.email",
    ("SecurityState", "passkey_name"): "passkey.name",
}
# Form keys that are not free text, with the test that covers them instead.
NOT_TEXT: dict[tuple[str, str], str] = {
    **{(c, k): "passwords: tests/unit/test_accounts.py (policy); hashed, never shown" for c, k in (
        ("RegisterState", "password"), ("LoginState", "password"), ("ResetState", "password"),
        ("MyDataState", "email_password"), ("MyDataState", "password"),
        ("MyDataState", "delete_password"), ("SecurityState", "password"),
        ("SecurityState", "passkey_password"), ("SecurityState", "remove_password"),
        ("SecurityState", "current_password"), ("SecurityState", "new_password"))},
    **{(c, k): "a one-time code: tests/unit/test_two_factor.py (junk, replay, skew)" for c, k in (
        ("LoginState", "code"), ("SecurityState", "code"), ("SecurityState", "off_code"),
        ("SecurityState", "new_code"))},
    ("SecurityState", "passkey_id"): "an id: tests/unit/test_passkeys.py::test_another_users_passkey_cannot_be_removed",
    ("FormState", "website"): "the honeypot (contact, news): tests/unit/test_forms.py",
    **{(c, k): "an id: test_ids_from_the_client_never_name_a_row" for c, k in (
        ("AdminContactState", "question_id"), ("AdminBreachState", "breach_id"),
        ("AdminRequestsState", "request_id"), ("AdminOpsState", "processor_id"),
        ("AdminAuditState", "user_id"))},
    ("RegisterState", "news"): "a checkbox: only the exact value 'on' ticks it",
    ("AdminBreachState", "high_risk"): "a checkbox: only the exact value 'on' ticks it",
    ("VerzoekState", "code"): "a one-time code: tests/unit/test_mydata_verzoek.py",
    **{(c, k): "an account form: test_account_forms_with_the_corpus" for c, k in (
        ("RegisterState", "name"), ("RegisterState", "email"), ("LoginState", "email"),
        ("ForgotState", "email"))},
}


def _form_reads() -> set[tuple[str, str]]:
    """(class, key) of every ``form.get("key")`` in a state handler, from the source."""
    found = set()
    for path in STATE_DIR.glob("*.py"):
        for cls in ast.walk(ast.parse(path.read_text())):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "get" and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "form" and node.args
                        and isinstance(node.args[0], ast.Constant)):
                    found.add((cls.name, node.args[0].value))
    return found


def test_every_form_field_of_every_state_is_in_the_corpus_run():
    reads = _form_reads()
    assert len(reads) >= 50  # the parser still finds the forms
    missing = reads - FORM_FIELDS.keys() - NOT_TEXT.keys()
    assert not missing, f"form fields without a hostile-input target: {sorted(missing)}"
    stale = (FORM_FIELDS.keys() | NOT_TEXT.keys()) - reads
    assert not stale, f"listed here but no handler reads them: {sorted(stale)}"
    for targets in FORM_FIELDS.values():
        for name in targets.split("|"):
            assert name in BY_NAME or name in CHOICES or name in DATES, name
    # the editor's own field lists, read from the code, not typed here
    from cloudcv.state import recipients as recipients_state

    assert {f"cv.{n}" for n in cvs.TEXT_FIELDS} <= BY_NAME.keys()
    assert {f"entry.{s}.{n}" for s in entries.ENTRY_SECTIONS for n in entries.ENTRY_FIELDS} \
        <= BY_NAME.keys()
    assert {f"recipient.{n}" for n in recipients_state.FIELDS} <= BY_NAME.keys()
    assert len(TARGETS) + len(CHOICES) + len(DATES) >= 60


def test_the_corpus_is_big_and_has_every_category():
    assert len(PAYLOADS) >= MIN_PAYLOADS
    assert len(_corpus.blns()) >= 400
    for part in (_corpus.XSS, _corpus.SQL, _corpus.TEMPLATE, _corpus.CONTROLS, _corpus.BIDI,
                 _corpus.NUL, _corpus.SURROGATES, _corpus.HUGE):
        assert set(part) <= set(PAYLOADS)
    assert any(len(p) >= 1_000_000 for p in PAYLOADS)


# ------------------------------------------------------------------ the oracle
def _translated(key: str) -> bool:
    return key in i18n.NL and key in i18n.EN


class _Markup(html.parser.HTMLParser):
    """The tags and attributes of a mail's HTML part."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


_MAIL_TAGS = {"html": {"lang"}, "body": {"style"}, "p": set(), "br": set(), "a": {"href"}}


def _inert_mail(body_html: str) -> str | None:
    """None when the HTML holds only the mail's own markup; otherwise what is wrong."""
    parser = _Markup()
    parser.feed(body_html)
    for tag, attrs in parser.tags:
        if tag not in _MAIL_TAGS:
            return f"<{tag}>"
        for name, value in attrs:
            if name not in _MAIL_TAGS[tag]:
                return f"<{tag} {name}>"
            if tag == "a" and not re.match(r"https?://", value or ""):
                return f"<a href={value!r}>"
    return None


def _new_mails(s: Session, since: int) -> list[OutboxMail]:
    return list(s.exec(select(OutboxMail).where(OutboxMail.id > since)).all())


def _count(s: Session, table) -> int:
    return s.exec(select(func.count(table.id))).one()


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _run_target(w: World, target: Target, values, failures: list, accepted: dict) -> None:
    """Every value through one field, each in its own rolled-back attempt.

    A refusal must come without a commit (the Session's ``after_commit`` count): the user
    action is then rolled back whole, so no table changed. Baselines are read once: every
    attempt starts from the same rolled-back database.
    """
    with w.attempt() as s:
        last_mail = s.exec(select(func.max(OutboxMail.id))).one() or 0
    for value in values:
        w.attempts += 1
        with w.attempt() as s:
            commits = w.commits
            try:
                target.call(s, w.ids, value)
            except DomainError as exc:
                w.refused += 1
                if not _translated(exc.key):
                    failures.append((target.name, _short(value), f"untranslated {exc.key}"))
                if w.commits != commits and not target.commits_on_refusal:
                    failures.append((target.name, _short(value), f"{exc.key} but committed"))
                continue
            except Exception as exc:  # noqa: BLE001 - the finding: reported, not raised
                failures.append((target.name, _short(value), f"{type(exc).__name__}: {exc}"[:200]))
                continue
            w.stored += 1
            if target.kind == "query":
                continue
            stored = target.read(s, w.ids)
            if target.column == "user_id":  # the address names the account it is about
                expected = w.ids["anna"]
            elif isinstance(value, str):
                expected = NORMAL[target.kind](value)
            else:
                expected = "" if value is None else object()  # a non-string is never stored
            if stored != expected:
                failures.append((target.name, _short(value), f"stored {_short(stored)}"))
                continue
            for mail in _new_mails(s, last_mail) if target.mails else ():
                if (wrong := _inert_mail(mail.body_html)) is not None:
                    failures.append((target.name, _short(value), f"mail HTML has {wrong}"))
            if target.pdf and isinstance(value, str) and stored:
                accepted.setdefault(target.name, []).append(stored)


def _report(w: World, failures: list, what: str) -> None:
    print(f"\n[{w.backend}] {what}: tried {w.attempts}, refused {w.refused}, stored {w.stored}; "
          f"got through {len(failures)}")
    assert not failures, "\n".join(" | ".join(f) for f in failures[:40])


OURS = frozenset(p for p in PAYLOADS if p not in frozenset(_corpus.blns()))


def _values(backend: str, index: int, twin: bool = False) -> list:
    """Our own payloads always; of blns all, or every 4th for a twin field, and a third of
    that on PostgreSQL (the backend-sensitive payloads, NUL and surrogates, are ours)."""
    step = (4 if twin else 1) * (3 if backend == "postgresql" else 1)
    return [v for i, v in enumerate(PAYLOADS) if v in OURS or (i + index) % step == 0] + \
        list(_corpus.WRONG_TYPES)


def test_every_text_payload_through_every_text_field(world, pdf_inputs):
    failures: list = []
    for index, target in enumerate(TARGETS):
        _run_target(world, target, _values(world.backend, index, target.twin), failures,
                    pdf_inputs)
    _report(world, failures, "text fields")
    assert world.attempts >= MIN_ATTEMPTS[world.backend]


def _stored(world, failures: list, name: str, value, call) -> bool:
    """One attempt in its own savepoint: False when it was refused with a translated message
    (or failed, which is recorded), True when the value was stored and must be checked."""
    world.attempts += 1
    with world.attempt() as s:
        try:
            call(s, world.ids, value)
        except DomainError as exc:
            world.refused += 1
            if not _translated(exc.key):
                failures.append((name, _short(value), f"untranslated {exc.key}"))
            return False
        except Exception as exc:  # noqa: BLE001
            failures.append((name, _short(value), f"{type(exc).__name__}: {exc}"[:200]))
            return False
    world.stored += 1
    return True


def test_choices_take_only_their_own_values(world):
    failures: list = []
    for name, (call, allowed) in CHOICES.items():
        for value in _values(world.backend, 0, twin=True):
            if not _stored(world, failures, name, value, call):
                continue
            ok = value in allowed or (name.startswith("cv.") and value is None) or (
                name == "breach.people_count" and isinstance(value, int)
                and not isinstance(value, bool)) or (
                name == "cv.accent" and isinstance(value, str)
                and re.fullmatch(r"#[0-9a-fA-F]{6}", value)) or (
                name == "breach.people_count" and isinstance(value, str)
                and re.fullmatch(r"\s*\d{1,8}\s*", value, re.ASCII))
            if not ok:
                failures.append((name, _short(value), "accepted"))
    _report(world, failures, "choice fields")


def test_dates_take_only_real_dates_in_the_documented_forms(world):
    failures: list = []
    bad = [*_corpus.BAD_DATES, *_corpus.BAD_MONTHS]
    for name, call in DATES.items():
        for value in [*_values(world.backend, 1, twin=True), *bad]:
            if not _stored(world, failures, name, value, call):
                continue
            empty = value is None or (isinstance(value, str) and not value.strip())
            empty_ok = empty and name in ("entry.start", "entry.end", "cv.birth_date",
                                          "processor.agreement_date")
            month_ok = name.startswith("entry.") or value not in _corpus.BAD_MONTHS
            if not empty_ok and not (isinstance(value, str) and _DATE_FORM.fullmatch(value)
                                     and value not in _corpus.BAD_DATES and month_ok):
                failures.append((name, _short(value), "accepted"))
    _report(world, failures, "date fields")


def test_bad_dates_are_refused_with_the_date_message(world):
    """The literal bad dates, each through the Dutch date parsers: never a crash, never a date."""
    failures: list = []
    for name, values, key in (("cv.birth_date", _corpus.BAD_DATES, "date"),
                              ("breach.discovered_at", _corpus.BAD_DATES, "date"),
                              ("entry.start", _corpus.BAD_MONTHS, "date")):
        for value in values:
            world.attempts += 1
            with world.attempt() as s:
                try:
                    DATES[name](s, world.ids, value)
                except DomainError as exc:
                    if key not in exc.key and exc.key not in ("error.birth_date_range",
                                                              "error.invalid_input"):
                        failures.append((name, _short(value), exc.key))
                    continue
                failures.append((name, _short(value), "accepted"))
    assert not failures, failures


# ------------------------------------------------------------------ the PDF
@pytest.fixture(scope="module")
def pdf_inputs():
    """Stored values of the CV's fields, filled by the text-field run, rendered afterwards."""
    return {}


def _pdftotext(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", "-", "-"], input=pdf,
                         capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


# Fields a template may cut: the name is wrapped to at most 3 lines, the last ending in "…"
# (``pdf/rows.text_rows(max_lines=3)`` in the accent template's band).
CAPPED = {"cv.full_name"}
# Section names are headings: several templates set them in capitals (classic, compact, …)
HEADINGS = {"cv.section_title", "cv.own_section_title"}


def _cut(value: str, text: str) -> bool:
    """Whether the PDF shows the start of ``value`` (10+ characters) followed by "…"."""
    squashed = "".join(value.split())
    return any(squashed[:n] + "\u2026" in text for n in range(10, len(squashed)))


def _words(value: str) -> list[str]:
    """The parts of ``value`` between spaces that are plain printable ASCII: the PDF must show
    these exactly (other characters may be dropped or drawn as □ when the fonts lack them)."""
    return [w for w in re.split(r"\s+", value) if len(w) >= 2 and re.fullmatch(r"[!-~]+", w)]


def test_every_stored_payload_renders_in_every_template_and_reads_back(world, pdf_inputs):
    """Batches: one CV holding a stored payload in every field at once, in every template."""
    if not pdf_inputs:
        pytest.fail("run with test_every_text_payload_through_every_text_field (it fills this)")
    names = sorted(pdf_inputs)
    batches = max(len(v) for v in pdf_inputs.values())
    renders, missing = 0, []
    for i in range(0, batches, 3):  # every third batch: each payload of a field is in one
        with world.attempt() as s:
            expected = []
            for name in names:
                values = pdf_inputs[name]
                value = values[i % len(values)]
                BY_NAME[name].call(s, world.ids, value)
                if name not in ("cv.title",):  # the title is the file name, not printed
                    expected += [(name, value, w) for w in _words(value)]
            for template in registry.names():
                cvs.set_layout(s, user_id=world.ids["anna"], cv_id=world.ids["cv"],
                               template=template)
                _, pdf = rendering.render_pdf(s, user_id=world.ids["anna"], cv_id=world.ids["cv"])
                renders += 1
                assert pdf.startswith(b"%PDF")
                text = _pdftotext(pdf)
                missing += [(template, name, _short(v), w) for name, v, w in expected
                            if w not in text and not (name in CAPPED and _cut(v, text))
                            and not (name in HEADINGS and w.upper() in text)]
    print(f"\n[{world.backend}] PDF: {renders} renders of {len(names)} fields; "
          f"words missing {len(missing)}")
    assert renders >= 3 * len(registry.names())
    assert not missing, missing[:20]


@pytest.mark.parametrize("payload", _corpus.XSS + _corpus.TEMPLATE[:8] + _corpus.BIDI[:4])
def test_a_single_payload_renders_alone(world, payload):
    """One payload in the profile only: markup and placeholders are printed as written, bidi
    controls dropped (the text around them stays)."""
    with world.attempt() as s:
        cvs.set_field(s, user_id=world.ids["anna"], cv_id=world.ids["cv"], name="profile",
                      value=payload)
        _, pdf = rendering.render_pdf(s, user_id=world.ids["anna"], cv_id=world.ids["cv"])
    text = _pdftotext(pdf)
    words = _words(_MULTILINE_DROPPED.sub("", payload))
    assert words
    for word in words:
        assert word in text


# ------------------------------------------------------------------ wrong JSON types, ids
def _handlers():
    """Every ``@event`` handler of every state, with its type hints."""
    import importlib
    import pkgutil

    import reflex as rx

    import cloudcv.state
    from cloudcv.state import events

    for info in pkgutil.iter_modules(cloudcv.state.__path__):
        importlib.import_module(f"cloudcv.state.{info.name}")

    seen = []
    for cls in _all_states(rx.State):
        for name, handler in cls.event_handlers.items():
            fn = handler.fn
            if getattr(fn, events.CHECKED, False) and (cls.__name__, name) not in {
                    (c, n) for c, n, _ in seen}:
                seen.append((cls.__name__, name, fn))
    return seen


def _all_states(root):
    for sub in root.__subclasses__():
        yield sub
        yield from _all_states(sub)


def _wrong_for(hint) -> list:
    """Values of ``_corpus.WRONG_TYPES`` that do not fit ``hint`` (a literal table)."""
    wrong = []
    for value in _corpus.WRONG_TYPES:
        fits = {
            str: isinstance(value, str),
            bool: isinstance(value, bool),
            int: isinstance(value, int) and not isinstance(value, bool),
            dict: isinstance(value, dict)
            and all(not isinstance(v, (dict, list)) for v in value.values()),
        }.get(hint)
        if fits is False:
            wrong.append(value)
    return wrong


def test_wrong_json_types_are_refused_before_any_handler_runs():
    """Each handler argument hinted str/bool/int/dict gets every wrong type: the handler body
    never runs (the stand-in state has none of its vars) and the flash says "invalid"."""
    tried = 0
    for cls, name, fn in _handlers():
        signature = inspect.signature(fn)
        hints = typing.get_type_hints(fn)
        params = list(signature.parameters.values())[1:]
        for i, param in enumerate(params):
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            good = [{"str": "x", "bool": True, "int": 1, "dict": {}}.get(
                getattr(hints.get(p.name), "__name__", ""), "x") for p in params]
            for value in _wrong_for(hints.get(param.name)):
                args = [*good[:i], value, *good[i + 1:]]
                stand_in = types.SimpleNamespace(flash="")
                result = fn(stand_in, *args)
                if inspect.isasyncgen(result):
                    async def drain(gen):
                        return [x async for x in gen]

                    run_async(drain(result))
                elif inspect.iscoroutine(result):
                    run_async(result)  # a thread of its own: Playwright may hold this loop
                tried += 1
                background = getattr(fn, "_background", False)
                assert stand_in.flash == ("" if background else "error.invalid_input"), \
                    (cls, name, param.name, value)
    print(f"\nwrong JSON types: tried {tried}, got through 0")
    assert tried >= 300


def test_ids_from_the_client_never_name_a_row(world):
    from cloudcv.state.ids import any_id, client_id, required_id

    payloads = [*_corpus.BAD_IDS, *PAYLOADS, *_corpus.WRONG_TYPES]
    for value in payloads:
        digits = isinstance(value, str) and re.fullmatch(r"[0-9]{1,11}", value) is not None
        number = isinstance(value, int) and not isinstance(value, bool)
        expected = int(value) if digits or number else None
        assert client_id(value) == expected, value
        assert any_id(value) == (-1 if expected is None else expected), value
        if expected is None:
            with pytest.raises(NotFound):
                required_id(value)
        with world.attempt() as s:
            for call in (lambda: cvs.get_cv(s, user_id=world.ids["anna"], cv_id=value),
                         lambda: contact.mark_handled(s, admin_id=world.ids["admin"],
                                                      question_id=value)):
                try:
                    call()
                except DomainError as exc:
                    assert exc.key == "error.not_found"
                else:
                    assert value == world.ids["cv"] or value == world.ids["question"], value


# ------------------------------------------------------------------ account forms (sampled)
def test_account_forms_with_the_corpus(world):
    """Register and forgot-password: each hashes a password (~90 ms), so every 7th payload."""
    failures: list = []
    for value in [*PAYLOADS[::7], *_corpus.NUL, *_corpus.SURROGATES, *_corpus.WRONG_TYPES]:
        for field_name, call in (
                ("register.name", lambda s: accounts.register(
                    s, name=value, email="nieuw@example.nl", password=PASSWORD)),
                ("register.email", lambda s: accounts.register(
                    s, name="Nieuw", email=value, password=PASSWORD)),
                ("forgot.email", lambda s: accounts.request_password_reset(s, email=value))):
            world.attempts += 1
            with world.attempt() as s:
                users = _count(s, User)
                try:
                    call(s)
                except DomainError as exc:
                    if not _translated(exc.key) or _count(s, User) != users:
                        failures.append((field_name, _short(value), exc.key))
                    continue
                except Exception as exc:  # noqa: BLE001
                    failures.append((field_name, _short(value), f"{type(exc).__name__}: {exc}"))
                    continue
                if field_name == "register.name":
                    name = s.exec(select(User.name).where(User.email == "nieuw@example.nl")).one()
                    if name != NORMAL["line"](value):
                        failures.append((field_name, _short(value), f"stored {_short(name)}"))
    assert not failures, failures[:20]
