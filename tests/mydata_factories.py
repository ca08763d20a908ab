"""Users with at least one row in EVERY table of the personal-data registry (real service
calls where a service exists). tests/unit/test_mydata_factories.py proves the "every table" part against the
registry and against a list written in that test, so a table added later without a row
here fails there, not silently in export or erasure tests."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import pyotp
from PIL import Image
from sqlmodel import select

from cloudcv.models import OutboxMail, User
from cloudcv.services.accounts import accounts, passkeys, two_factor
from cloudcv.services.admin import admin_users, contact, incidents
from cloudcv.services.core import audit, clock
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, entries, history, letters, recipients, sections, versions
from cloudcv.services.privacy import (account_retention, consent, data_requests, marketing,
                                      objections, shared_view, sharing, statement)
from tests.factories import ADMIN_TOTP, PASSWORD, last_link, login, verified_user
from tests.webauthn_soft import SoftPasskey

ADMIN_EMAIL = "beheer@example.nl"
ADMIN_PASSWORD = "beheerder wachtwoord"
WRONG_PASSWORD = "verkeerd wachtwoord"


def client(n: int = 1) -> Client:
    return Client(ip=f"192.0.2.{n}", device_id=f"{n:032d}",
                  user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                             "Chrome/120.0 Safari/537.36", connection="https/websocket")


def jpeg(color=(10, 20, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), color).save(out, "JPEG")
    return out.getvalue()


@dataclass
class Secrets:
    """Plain-text secrets the fixture used or received (never stored in plain text)."""

    password: str = PASSWORD
    session_tokens: list[str] = field(default_factory=list)
    link_tokens: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def full_user(session, email: str, name: str, secrets: Secrets | None = None):
    """A verified user with a row in every registered table:

    user_account, one_time_token (verify + reset + keep-account links), auth_session and
    login_event (two logins, one failed), cv / cv_entry / photo / cv_recipient,
    cv_section (an own section with an entry) / cv_history (an undo step) / cv_snapshot (a
    named version, and the version sending keeps) / cover_letter (a letter with a body),
    share_link / share_snapshot / share_access / share_hit (a link sent, viewed, downloaded),
    audit_event, data_request (an objection and an unverified /verzoek request),
    outbox_mail, consent_record + analytics_event (accepted banner, one page view),
    contact_question, marketing_opt_in (the news checkbox), authority_request and abuse_hold
    (registered / set and lifted by an admin), statement_notice (notice dismissed) and retention_notice (the 30-day
    keep-account mail of the retention engine), two_factor + recovery_code (two-step
    verification turned on) and passkey (one, made by a software authenticator), last.

    Returns (user, token of the first login). ``secrets`` collects the plain-text tokens
    and codes for tests that look for leaks."""
    secrets = secrets if secrets is not None else Secrets()
    user = verified_user(session, email=email, name=name)
    secrets.link_tokens.append(last_link(session, email, "/bevestigen"))
    first = login(session, email=email, password=PASSWORD, client=client(1))
    second = login(session, email=email, password=PASSWORD, client=client(2))
    secrets.session_tokens += [first.token, second.token]
    try:
        accounts.login(session, email=email, password=WRONG_PASSWORD, client=client(3))
    except Invalid as err:  # the one expected refusal; anything else fails the fixture
        assert err.key == "error.login_failed", err.key
    else:
        raise AssertionError("a wrong password logged in")
    cv_id = cvs.create_cv(session, user_id=user.id, title=f"Cv van {name}")
    cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="city", value="Groningen")
    cvs.set_field(session, user_id=user.id, cv_id=cv_id, name="private_note",
                  value=f"Privé van {name}: op 3 maart gestuurd naar Werkgever BV")
    entry = entries.add_entry(session, user_id=user.id, cv_id=cv_id, section="work")
    entries.set_entry_field(session, user_id=user.id, entry_id=entry, name="title", value="Bakker")
    own = sections.add_own_section(session, user_id=user.id, cv_id=cv_id, title=f"Vrijwilligerswerk van {name}")
    own_entry = entries.add_entry(session, user_id=user.id, cv_id=cv_id, section=own)
    history.record(session, user_id=user.id, cv_id=cv_id)  # an undo step, before this change:
    entries.set_entry_field(session, user_id=user.id, entry_id=own_entry, name="title",
                            value=f"Voorlezen in de bibliotheek ({name})")
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=jpeg())
    versions.save_named(session, user_id=user.id, cv_id=cv_id, name=f"Versie van {name}")
    letter = letters.create_letter(session, user_id=user.id, cv_id=cv_id)
    letters.set_letter_field(session, user_id=user.id, letter_id=letter, name="body",
                             value=f"Graag solliciteer ik, {name}, bij Werkgever BV.")
    recipient = recipients.add_recipient(session, user_id=user.id, cv_id=cv_id,
                                         name=f"Recruiter van {name}", email=f"hr-{email}",
                                         organisation="Werkgever BV", note="Beurs in Groningen")
    # a personal link, opened by the recipient on a phone and its PDF downloaded (share_link,
    # share_snapshot, share_access, share_hit)
    sharing.send(session, user_id=user.id, recipient_id=recipient.id, ip=client(1).ip)
    share_token = re.search(r"/gedeeld/([\w.\-]+)", last_mail(session, f"hr-{email}").body_text).group(1)
    secrets.link_tokens.append(share_token)
    phone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
             "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
    for kind in ("view", "pdf"):
        shared_view.open_link(session, token=share_token, kind=kind, ip="203.0.113.20",
                              user_agent=phone)
    audit.record(session, action="account.test", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    # cookie banner accepted while logged in, then one page view (consent-gated)
    choice = consent.record_choice(session, consent_id=None, user_id=user.id, button="accept_all",
                                   lang="nl", client=client(1))
    seen = consent.visit(session, consent_id=choice.consent_id, user_id=user.id, analytics_id="",
                         marketing_id="", path="/cv/[cv_id]", referrer="https://www.example.org/a?b=c",
                         site_host="cloudcv.nl", client=client(1))
    assert seen.recorded, "the page view was not recorded"
    contact.ask(session, name=name, email=email, organisation="Eigen BV",
                message=f"Vraag van {name} over mijn cv.", user_id=user.id)
    marketing.set_news(session, user_id=user.id, on=True, source="register")
    session.commit()
    objections.object_to(session, user_id=user.id, purpose="marketing",
                         motivation="Ik wil geen reclame.")
    data_requests.start(session, email=email, kind="access", details="Wat hebben jullie van mij?")
    secrets.codes.append(code_from(session, email))
    accounts.request_password_reset(session, email=email)
    secrets.link_tokens.append(last_link(session, email, "/wachtwoord-herstellen"))
    statement.dismiss(session, user_id=user.id, version=statement.current().number)
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    incidents.register_authority_request(
        session, admin_id=admin.id, authority="Politie Noord-Nederland",
        legal_basis="art. 126nd Sv", scope="accountgegevens", user_email=email,
        received_on=clock.now().strftime("%d-%m-%Y"))
    admin_users.set_abuse_hold(session, admin_id=admin.id, user_id=user.id,
                               reason="test: gedeelde inloggegevens")
    admin_users.lift_abuse_hold(session, admin_id=admin.id, user_id=user.id)
    # the engine's own step for one account: 30 days before the erasure date it mails the
    # keep-account link and records a RetentionNotice
    account = session.get(User, user.id)
    step = account_retention._account_step(session, account, account_retention.erasure_due(account) - timedelta(days=30),
                                   dry_run=False)
    assert step == "prompt_30d", step
    secrets.link_tokens.append(last_link(session, email, account_retention.KEEP_PATH))
    # two-step verification on (two_factor, recovery_code): the secret and the recovery
    # codes are secrets no export, log or erasure may leave behind
    setup = two_factor.begin(session, user_id=user.id)
    recovery = two_factor.confirm(session, user_id=user.id, code=pyotp.TOTP(setup.secret).at(clock.now()))
    secrets.codes += [setup.secret, *recovery]
    # a passkey (passkey), made by a software authenticator as a browser's would be
    rp_id, origin = passkeys.relying_party()
    ceremony = passkeys.registration(session, user_id=user.id, password=PASSWORD)
    passkeys.register(session, user_id=user.id, challenge=ceremony.challenge,
                      response=SoftPasskey(origin, rp_id).create(ceremony.options), name=f"Telefoon van {name}")
    return user, first.token


def last_mail(session, to: str) -> OutboxMail:
    return session.exec(select(OutboxMail).where(OutboxMail.to_addr == to)
                        .order_by(OutboxMail.id.desc())).first()


def code_from(session, to: str) -> str:
    return re.search(r"\b(\d{6})\b", last_mail(session, to).body_text).group(1)
