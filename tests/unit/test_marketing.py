"""Marketing mail (§3.2.3, §3.3.1; P11, P13, P14): who gets it, one-click unsubscribe, and
that unsubscribing stops marketing for good while service mail keeps coming."""

import threading
from datetime import timedelta
from email.utils import getaddresses

import pytest
from itsdangerous import URLSafeSerializer
from sqlmodel import Session, select

from cloudcv.models import OutboxMail, User
from cloudcv.models.marketing import Campaign, CampaignSend, MarketingOptIn, MarketingSuppression
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import campaigns
from cloudcv.services.core import db, mail, suppression, tokens
from cloudcv.services.core.errors import Forbidden, Invalid
from cloudcv.services.privacy import erasure, marketing, objections, restriction
from tests.factories import ADMIN_TOTP, last_link, verified_user
from tests.smtp import SMTPServer, text_body

ADMIN_PASSWORD = "beheerder wachtwoord"


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def admin_id(session):
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password=ADMIN_PASSWORD)
    return admin.id


def _opted_in(session, email, name="Iemand"):
    user = verified_user(session, email=email, name=name)
    marketing.set_news(session, user_id=user.id, on=True)
    session.commit()
    return user


def _customer(session, admin_id, email, name="Klant"):
    user = verified_user(session, email=email, name=name)
    campaigns.set_customer(session, admin_id=admin_id, user_id=user.id, on=True)
    return user


def _unsubscribe(session, email):
    marketing.unsubscribe(session, token=marketing.unsubscribe_token(email))


def _campaign(session, admin_id, subject="Nieuw: sjablonen", lang="nl"):
    return campaigns.create(session, admin_id=admin_id, subject=subject,
                            body="We hebben drie nieuwe sjablonen.", lang=lang)


def _marketing_to(session, campaign_subject="Nieuw: sjablonen"):
    rows = session.exec(select(OutboxMail).where(OutboxMail.kind == "marketing",
                                                 OutboxMail.subject == campaign_subject)).all()
    return sorted(r.to_addr for r in rows)


# ---------------------------------------------------------------- tokens
def test_forged_expired_and_other_purpose_tokens_are_refused(session, frozen_clock):
    good = marketing.unsubscribe_token("anna@example.nl")
    assert marketing.check_unsubscribe(good) == suppression.address_hash("anna@example.nl")
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    user = verified_user(session, email="bob@example.nl")
    account_token = tokens.issue(session, user_id=user.id, purpose="reset_password")
    # a token signed with our key for another purpose, carrying a valid-looking hash
    other = URLSafeSerializer("test-secret-key-not-for-production", salt="cloudcv.marketing.confirm"
                              ).dumps({"p": "confirm", "i": 0, "h": "0" * 64})
    for bad in (forged, account_token, other, "", None, {"t": good}, "x" * 600):
        with pytest.raises(Invalid):
            marketing.check_unsubscribe(bad)
        with pytest.raises(Invalid):
            marketing.unsubscribe(session, token=bad)
    with pytest.raises(Invalid):  # and the unsubscribe token is no account token either
        tokens.peek(session, token=good, purpose="reset_password")
    frozen_clock.advance(days=366)
    with pytest.raises(Invalid):
        marketing.check_unsubscribe(good)
    assert session.exec(select(MarketingSuppression)).all() == []


def test_a_subject_with_a_line_break_is_refused_and_nothing_stored(session, admin_id):
    for subject in ("Nieuws\r\nBcc: iedereen@example.nl", "Nieuws\nBcc: x@example.nl", ""):
        with pytest.raises(Invalid):
            campaigns.create(session, admin_id=admin_id, subject=subject, body="tekst", lang="nl")
    with pytest.raises(Invalid):
        campaigns.create(session, admin_id=admin_id, subject="ok", body="tekst", lang="de")
    assert session.exec(select(Campaign)).all() == []


def test_campaign_functions_refuse_non_admins(session, admin_id):
    anna = verified_user(session, email="anna@example.nl")
    campaign_id = _campaign(session, admin_id)
    for call in (lambda: campaigns.create(session, admin_id=anna.id, subject="x", body="y", lang="nl"),
                 lambda: campaigns.count_eligible(session, admin_id=anna.id, campaign_id=campaign_id),
                 lambda: campaigns.send(session, admin_id=anna.id, campaign_id=campaign_id),
                 lambda: campaigns.set_customer(session, admin_id=anna.id, user_id=anna.id, on=True)):
        with pytest.raises(Forbidden):
            call()
    assert session.exec(select(OutboxMail).where(OutboxMail.kind == "marketing")).all() == []


# ---------------------------------------------------------------- eligibility
def test_eligibility_matrix(session, admin_id):
    _opted_in(session, "optin@example.nl")
    _customer(session, admin_id, "klant@example.nl")
    objector = _customer(session, admin_id, "bezwaar@example.nl")
    objections.object_to(session, user_id=objector.id, purpose="marketing", motivation="Liever niet")
    _opted_in(session, "afgemeld@example.nl")
    _unsubscribe(session, "afgemeld@example.nl")
    _customer(session, admin_id, "onderdrukt@example.nl")
    _unsubscribe(session, "onderdrukt@example.nl")
    restricted = _opted_in(session, "beperkt@example.nl")
    restriction.set_restricted(session, user_id=restricted.id, on=True)
    restricted_customer = _customer(session, admin_id, "beperkt-klant@example.nl")
    restriction.set_restricted(session, user_id=restricted_customer.id, on=True)
    verified_user(session, email="niks@example.nl")  # an account with neither basis
    english = _opted_in(session, "engels@example.nl")
    english.lang = "en"
    session.add(english)
    session.commit()
    marketing.request_news(session, email="bezoeker@example.nl", name="Bezoeker",
                           organisation="Stichting X")  # not confirmed: not eligible
    both = _opted_in(session, "beide@example.nl")  # opted in AND customer: one mail
    campaigns.set_customer(session, admin_id=admin_id, user_id=both.id, on=True)

    campaign_id = _campaign(session, admin_id)
    expected = ["beide@example.nl", "klant@example.nl", "optin@example.nl"]
    assert campaigns.count_eligible(session, admin_id=admin_id, campaign_id=campaign_id) == 3
    assert campaigns.send(session, admin_id=admin_id, campaign_id=campaign_id) == 3
    assert _marketing_to(session) == expected
    bases = {r.to_addr: r.template for r in session.exec(select(OutboxMail).where(
        OutboxMail.kind == "marketing"))}
    assert bases["klant@example.nl"] == "marketing_customer"
    assert bases["optin@example.nl"] == "marketing_consent"
    # the count before sending again leaves out everyone who has it
    assert campaigns.count_eligible(session, admin_id=admin_id, campaign_id=campaign_id) == 0


def test_a_visitor_gets_news_only_after_following_the_double_opt_in_link(session, admin_id):
    marketing.request_news(session, email="Bezoeker@Example.nl", name="Bea", organisation="Org")
    row = session.exec(select(OutboxMail).where(OutboxMail.to_addr == "bezoeker@example.nl")).one()
    assert row.kind == "service" and "/nieuwsbrief/bevestigen?token=" in row.body_text
    assert marketing.eligible(session) == []
    token = row.body_text.split("/nieuwsbrief/bevestigen?token=")[1].split()[0]
    with pytest.raises(Invalid):
        marketing.confirm_news(session, token=marketing.unsubscribe_token("bezoeker@example.nl"))
    marketing.confirm_news(session, token=token)
    marketing.confirm_news(session, token=token)  # twice is fine
    assert [a.email for a in marketing.eligible(session)] == ["bezoeker@example.nl"]
    opt_in = session.exec(select(MarketingOptIn)).one()
    assert (opt_in.name, opt_in.organisation, opt_in.source) == ("Bea", "Org", "visitor")
    assert len(opt_in.text_sha256) == 64


def test_the_news_checkbox_records_who_what_when_and_the_text(session):
    import hashlib

    from cloudcv.i18n import t

    user = verified_user(session, email="anna@example.nl")
    assert marketing.set_news(session, user_id=user.id, on=True) is True
    session.commit()
    row = session.exec(select(MarketingOptIn)).one()
    assert row.user_id == user.id and row.created_at is not None and row.source == "mijn_gegevens"
    assert row.text_sha256 == hashlib.sha256(t("marketing.optin.checkbox", "nl").encode()).hexdigest()
    assert marketing.set_news(session, user_id=user.id, on=False) is False
    session.commit()
    assert session.exec(select(MarketingOptIn)).all() == []
    with pytest.raises(Invalid):
        marketing.set_news(session, user_id=user.id, on="yes")


# ---------------------------------------------------------------- one per address
def test_two_concurrent_sends_mail_each_address_once(session, admin_id, db_url):
    for n in range(8):
        _opted_in(session, f"lezer{n}@example.nl", name=f"Lezer {n}")
    campaign_id = _campaign(session, admin_id)
    results, errors = [], []
    start = threading.Barrier(2)

    def worker():
        try:
            with Session(db.engine(db_url), expire_on_commit=False) as own:
                start.wait()
                results.append(campaigns.send(own, admin_id=admin_id, campaign_id=campaign_id))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert sum(results) == 8
    assert _marketing_to(session) == sorted(f"lezer{n}@example.nl" for n in range(8))
    assert len(session.exec(select(CampaignSend)).all()) == 8


# ---------------------------------------------------------------- unsubscribe
def test_headers_parse_as_rfc_8058_and_the_text_shows_the_same_link(session, admin_id, smtp):
    _opted_in(session, "anna@example.nl")
    mail.deliver_due(session, smtp_url=smtp.url)  # the address verification
    campaigns.send(session, admin_id=admin_id, campaign_id=_campaign(session, admin_id))
    assert mail.deliver_due(session, smtp_url=smtp.url) == 1
    msg = smtp.wait_for("anna@example.nl", "Nieuw: sjablonen")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    raw = " ".join(msg["List-Unsubscribe"].split())
    uris = [part.strip().strip("<>") for part in raw.split(",")]
    assert len(uris) == 2 and raw.startswith("<") and raw.endswith(">")
    https_uri, mailto = uris
    assert https_uri.startswith("http://localhost:3000/api/afmelden?t=")
    assert mailto.startswith("mailto:") and getaddresses([mailto[7:].split("?")[0]])[0][1]
    assert https_uri in text_body(msg)
    token = https_uri.split("?t=")[1]
    assert marketing.check_unsubscribe(token) == suppression.address_hash("anna@example.nl")


def test_after_unsubscribing_campaigns_skip_the_address_but_service_mail_arrives(
        session, admin_id, smtp):
    anna = _opted_in(session, "anna@example.nl")
    _opted_in(session, "bob@example.nl")
    mail.deliver_due(session, smtp_url=smtp.url)  # the address verifications
    smtp.messages.clear()
    _unsubscribe(session, "anna@example.nl")
    _unsubscribe(session, "anna@example.nl")  # twice is fine
    assert len(session.exec(select(MarketingSuppression)).all()) == 1
    assert session.exec(select(MarketingOptIn).where(MarketingOptIn.user_id == anna.id)).all() == []
    assert campaigns.send(session, admin_id=admin_id, campaign_id=_campaign(session, admin_id)) == 1
    # even a marketing mail queued by hand is refused at the door
    assert marketing.enqueue_mail(session, to=marketing.Addressee(
        "ANNA@example.nl ", "x", "Anna", "nl", anna.id, "consent"), subject="x", body="y") is None
    accounts.request_password_reset(session, email="anna@example.nl")
    mail.deliver_due(session, smtp_url=smtp.url)
    smtp.wait_for("anna@example.nl")  # the reset mail
    to_anna = [m for m in smtp.messages if m["To"] == "anna@example.nl"]
    assert len(to_anna) == 1 and "List-Unsubscribe" not in to_anna[0]
    assert smtp.wait_for("bob@example.nl", "Nieuw: sjablonen")


def test_a_mail_queued_before_the_unsubscribe_is_never_delivered(session, admin_id, smtp):
    _opted_in(session, "anna@example.nl")
    mail.deliver_due(session, smtp_url=smtp.url)  # the address verification
    smtp.messages.clear()
    campaigns.send(session, admin_id=admin_id, campaign_id=_campaign(session, admin_id))
    _unsubscribe(session, "anna@example.nl")
    assert mail.deliver_due(session, smtp_url=smtp.url) == 0
    row = session.exec(select(OutboxMail).where(OutboxMail.kind == "marketing")).one()
    session.refresh(row)
    assert row.status == "suppressed" and row.to_addr == "" and row.body_text == ""
    assert smtp.messages == []


def test_erasure_keeps_only_the_suppression_hash(session, admin_id):
    anna = _customer(session, admin_id, "anna@example.nl", name="Anna")
    marketing.set_news(session, user_id=anna.id, on=True)
    session.commit()
    _unsubscribe(session, "anna@example.nl")
    bob = _opted_in(session, "bob@example.nl")
    erasure.erase_user(session, user_id=anna.id, notify=False)
    erasure.erase_user(session, user_id=bob.id, notify=False)
    assert session.exec(select(MarketingOptIn)).all() == []  # registry-driven: bob's went too
    assert session.exec(select(User).where(User.email == "anna@example.nl")).first() is None
    assert [s.address_hash for s in session.exec(select(MarketingSuppression))] == [
        suppression.address_hash("anna@example.nl")]
    # and she stays unsubscribed if she comes back with the same address
    _opted_in(session, "anna@example.nl")
    assert suppression.is_suppressed(session, " Anna@Example.NL")
    assert marketing.eligible(session) == []


def test_the_registration_checkbox_is_off_unless_ticked_and_counts_once_verified(session):
    accounts.register(session, name="Zonder", email="zonder@example.nl",
                      password="paarse olifant danst")
    accounts.register(session, name="Met", email="met@example.nl",
                      password="paarse olifant danst", news=True)
    rows = session.exec(select(MarketingOptIn)).all()
    assert [(r.email, r.source) for r in rows] == [("met@example.nl", "register")]
    assert marketing.eligible(session) == []  # not verified yet
    accounts.verify_email(session, token=last_link(session, "met@example.nl", "/bevestigen"))
    assert [a.email for a in marketing.eligible(session)] == ["met@example.nl"]


def test_the_sign_up_form_mails_one_address_once_while_its_link_is_valid(session, frozen_clock):
    # the form takes any address: it must not be a way to flood a stranger's inbox
    for _ in range(3):
        marketing.request_news(session, email="vreemde@example.nl", name="Vreemde", organisation="")
    mails = session.exec(select(OutboxMail).where(OutboxMail.to_addr == "vreemde@example.nl")).all()
    assert len(mails) == 1 and len(session.exec(select(MarketingOptIn)).all()) == 1
    frozen_clock.advance(hours=49)  # the 48-hour link has expired: asking again is fine
    marketing.request_news(session, email="vreemde@example.nl", name="Vreemde", organisation="")
    assert len(session.exec(select(OutboxMail).where(
        OutboxMail.to_addr == "vreemde@example.nl")).all()) == 2


def test_an_unconfirmed_sign_up_is_deleted_once_its_link_has_expired(session, frozen_clock):
    from cloudcv.services.privacy import rounds

    marketing.request_news(session, email="vergeten@example.nl", name="Vergeten", organisation="")
    marketing.request_news(session, email="bevestigd@example.nl", name="Bevestigd", organisation="")
    link = session.exec(select(OutboxMail).where(OutboxMail.to_addr == "bevestigd@example.nl")).one()
    marketing.confirm_news(session, token=link.body_text.split("bevestigen?token=")[1].split()[0])
    frozen_clock.advance(hours=47)
    rounds.retention_job(session, force=True)
    assert len(session.exec(select(MarketingOptIn)).all()) == 2  # within 48 hours: kept
    frozen_clock.advance(hours=2)
    rounds.retention_job(session, force=True)
    assert [r.email for r in session.exec(select(MarketingOptIn))] == ["bevestigd@example.nl"]
