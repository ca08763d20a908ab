"""Admin services: the role is re-checked in every function, every action is audited,
authority requests notify the user unless a legal bar is recorded, breaches keep the
72-hour clock."""

import pytest
from sqlmodel import select

from cloudcv.models import AbuseHold, AuditEvent, AuthorityRequest, DataBreach, OutboxMail
from cloudcv.services.accounts import accounts, sessions
from cloudcv.services.admin import admin, admin_users, incidents
from cloudcv.services.core import clock
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Forbidden, Invalid
from tests.factories import ADMIN_TOTP, PASSWORD, last_link, login, verified_user

CLIENT = Client(ip="192.0.2.9", device_id="f" * 32, user_agent="Mozilla/5.0", connection="http/websocket")


@pytest.fixture
def people(session):
    admin_user, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    anna = verified_user(session)
    bob = verified_user(session, email="bob@example.nl", name="Bob")
    return admin_user.id, anna.id, bob.id


def _calls(target):
    return [
        lambda s, a: admin.overview(s, admin_id=a),
        lambda s, a: admin.outbox(s, admin_id=a),
        lambda s, a: admin.audit_log(s, admin_id=a),
        lambda s, a: admin_users.search(s, admin_id=a, query=""),
        lambda s, a: admin_users.detail(s, admin_id=a, user_id=target),
        lambda s, a: admin_users.set_abuse_hold(s, admin_id=a, user_id=target, reason="x"),
        lambda s, a: admin_users.lift_abuse_hold(s, admin_id=a, user_id=target),
        lambda s, a: admin_users.set_blocked(s, admin_id=a, user_id=target, blocked=True),
        lambda s, a: admin_users.set_role(s, admin_id=a, user_id=target, role="admin"),
        lambda s, a: incidents.register_authority_request(
            s, admin_id=a, authority="Politie", legal_basis="art. 126nd Sv", scope="alles",
            user_email="anna@example.nl", received_on="01-11-2026"),
        lambda s, a: incidents.register_breach(
            s, admin_id=a, discovered_at="01-11-2026 10:00", description="x", categories=["contact"],
            people_count="1", measures="", high_risk=False),
        lambda s, a: incidents.list_breaches(s, admin_id=a),
    ]


def test_every_admin_function_refuses_non_admins_and_changes_nothing(session, people):
    _, anna, bob = people
    for call in _calls(bob):
        for actor in (anna, None, "1", 10**9):
            with pytest.raises(Forbidden):
                call(session, actor)
            session.rollback()
    assert session.exec(select(AbuseHold)).all() == []
    assert session.exec(select(AuthorityRequest)).all() == []
    assert session.exec(select(DataBreach)).all() == []
    assert session.get(type(accounts.by_email(session, "bob@example.nl")), bob).role == "user"
    assert not session.exec(select(AuditEvent).where(AuditEvent.actor_role == "admin")).all()


def test_abuse_hold_needs_a_reason_and_is_audited(session, people):
    admin_id, anna, _ = people
    with pytest.raises(Invalid, match="error.required"):
        admin_users.set_abuse_hold(session, admin_id=admin_id, user_id=anna, reason="  ")
    session.rollback()
    admin_users.set_abuse_hold(session, admin_id=admin_id, user_id=anna, reason="credential stuffing")
    assert admin_users.detail(session, admin_id=admin_id, user_id=anna).user.on_hold
    assert admin_users.lift_abuse_hold(session, admin_id=admin_id, user_id=anna) == 1
    assert not admin_users.detail(session, admin_id=admin_id, user_id=anna).user.on_hold
    actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == anna))]
    assert {"admin.abuse_hold.set", "admin.abuse_hold.lift"} <= set(actions)


def test_blocking_ends_sessions_and_login(session, people):
    admin_id, anna, _ = people
    token = login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT).token
    admin_users.set_blocked(session, admin_id=admin_id, user_id=anna, blocked=True)
    assert sessions.resolve(session, token=token) is None
    with pytest.raises(Invalid, match="error.account_blocked"):
        login(session, email="anna@example.nl", password=PASSWORD, client=CLIENT)


def test_an_admin_cannot_demote_or_block_themselves(session, people):
    admin_id, _, _ = people
    for call in (lambda: admin_users.set_role(session, admin_id=admin_id, user_id=admin_id, role="user"),
                 lambda: admin_users.set_blocked(session, admin_id=admin_id, user_id=admin_id, blocked=True)):
        with pytest.raises(Invalid, match="admin.error.not_yourself"):
            call()
        session.rollback()


def test_authority_request_mails_the_user_at_once(session, people):
    admin_id, anna, _ = people
    incidents.register_authority_request(
        session, admin_id=admin_id, authority="Belastingdienst", legal_basis="art. 53 AWR",
        scope="naam en adres", user_email="anna@example.nl", received_on="20-11-2026")
    mail = session.exec(select(OutboxMail).where(OutboxMail.template == "authority_request")).one()
    assert mail.to_addr == "anna@example.nl" and "Belastingdienst" in mail.body_text
    row = session.exec(select(AuthorityRequest)).one()
    assert row.notified_at is not None and row.user_id == anna


def test_authority_request_with_a_legal_bar_is_not_mailed(session, people):
    admin_id, _, _ = people
    incidents.register_authority_request(
        session, admin_id=admin_id, authority="OM", legal_basis="art. 126ng Sv", scope="alles",
        user_email="anna@example.nl", received_on="20-11-2026",
        legal_bar_reference="art. 126bb Sv: geheimhouding opgelegd")
    assert not session.exec(select(OutboxMail).where(OutboxMail.template == "authority_request")).all()
    row = session.exec(select(AuthorityRequest)).one()
    assert row.notified_at is None and row.legal_bar_reference.startswith("art. 126bb")
    listed = incidents.list_authority_requests(session, admin_id=admin_id)
    assert listed[0].notified == "" and listed[0].user_email == "anna@example.nl"


@pytest.mark.parametrize("field, value, key", [
    ("user_email", "nobody@example.nl", "admin.error.unknown_user"),
    ("received_on", "2999-01-01", "error.date_future_generic"),
    ("received_on", "gisteren", "error.date_invalid"),
    ("authority", "", "error.required"),
    ("legal_basis", " ", "error.required"),  # P23: only on legal grounds, so a basis is required
    ("scope", "", "error.required"),
])
def test_bad_authority_requests_are_refused(session, people, field, value, key):
    admin_id, _, _ = people
    form = dict(authority="OM", legal_basis="x", scope="y", user_email="anna@example.nl",
                received_on="01-11-2026")
    form[field] = value
    with pytest.raises(Invalid) as err:
        incidents.register_authority_request(session, admin_id=admin_id, **form)
    assert err.value.key == key
    session.rollback()
    assert session.exec(select(AuthorityRequest)).all() == []


def test_breach_is_overdue_after_72_hours_without_ap_notification(session, people, frozen_clock):
    admin_id, _, _ = people
    discovered = clock.format_datetime(frozen_clock.now)  # what an admin in Amsterdam types
    breach_id = incidents.register_breach(
        session, admin_id=admin_id, discovered_at=discovered, description="Laptop gestolen",
        categories=["contact"], people_count="12", measures="Wachtwoorden gereset", high_risk=True)
    frozen_clock.advance(hours=71)
    assert not incidents.list_breaches(session, admin_id=admin_id)[0].ap_overdue
    frozen_clock.advance(hours=2)
    assert incidents.list_breaches(session, admin_id=admin_id)[0].ap_overdue
    incidents.record_ap_notification(session, admin_id=admin_id, breach_id=breach_id, reference="AP-123")
    assert not incidents.list_breaches(session, admin_id=admin_id)[0].ap_overdue


def test_high_risk_breach_mails_every_user_once(session, people):
    admin_id, _, _ = people
    low = incidents.register_breach(session, admin_id=admin_id, discovered_at="01-11-2026 10:00",
                                    description="x", categories=["other"], people_count="0",
                                    measures="", high_risk=False)
    with pytest.raises(Invalid, match="admin.error.not_high_risk"):
        incidents.notify_users_of_breach(session, admin_id=admin_id, breach_id=low)
    session.rollback()
    high = incidents.register_breach(session, admin_id=admin_id, discovered_at="01-11-2026 10:00",
                                     description="Database gelekt", categories=["cv_content"],
                                     people_count="3", measures="Lek gedicht", high_risk=True)
    assert incidents.notify_users_of_breach(session, admin_id=admin_id, breach_id=high) == 3
    with pytest.raises(Invalid, match="admin.error.already_notified"):
        incidents.notify_users_of_breach(session, admin_id=admin_id, breach_id=high)
    session.rollback()
    assert len(session.exec(select(OutboxMail).where(OutboxMail.template == "breach")).all()) == 3


def test_admins_see_metadata_not_cv_content(session, people):
    from cloudcv.services.cv import cvs

    admin_id, anna, _ = people
    cv_id = cvs.create_cv(session, user_id=anna, title="Geheime titel")
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="profile", value="Mijn geheime profieltekst")
    detail = admin_users.detail(session, admin_id=admin_id, user_id=anna)
    assert detail.cv_count == 1
    assert "geheim" not in repr(detail).lower()


def test_an_admin_reading_a_mail_never_sees_the_link_it_carries(session, people):
    admin_id, _, _ = people
    accounts.request_password_reset(session, email="bob@example.nl")
    token = last_link(session, "bob@example.nl", "/wachtwoord-herstellen")
    mail_id = session.exec(select(OutboxMail.id).where(OutboxMail.to_addr == "bob@example.nl")
                           .order_by(OutboxMail.id.desc())).first()
    text = admin.read_mail(session, admin_id=admin_id, mail_id=mail_id)
    assert "/wachtwoord-herstellen?token=[verwijderd]" in text
    assert token not in text and len(token) > 20
