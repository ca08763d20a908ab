"""Request deadlines (§7): 4 weeks, one extension of 4 weeks before the deadline with a
reason and a mail at once; decisions recorded and mailed; upheld objections stop processing."""

import pytest
from sqlmodel import select

from cloudcv.models import AuditEvent, DataRequest, OutboxMail
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import request_admin
from cloudcv.services.core.errors import Forbidden, Invalid, NotFound
from cloudcv.services.privacy import data_requests, objections, restriction
from tests.factories import ADMIN_TOTP, verified_user


@pytest.fixture
def setup(session, frozen_clock):
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    anna = verified_user(session)
    row = data_requests.create_open(session, user=anna, kind="access", source="mijn_gegevens")
    session.commit()
    return admin.id, anna, row.id


def _mails(session, template):
    return session.exec(select(OutboxMail).where(OutboxMail.template == template)).all()


def test_a_request_is_due_four_weeks_after_receipt_and_then_overdue(session, setup, frozen_clock):
    admin_id, _, _ = setup
    frozen_clock.advance(days=27)
    [row] = request_admin.list_requests(session, admin_id=admin_id)
    assert not row.overdue
    frozen_clock.advance(days=1, minutes=1)
    [row] = request_admin.list_requests(session, admin_id=admin_id)
    assert row.overdue
    assert request_admin.counts(session) == (1, 1)


def test_one_extension_with_a_reason_mails_the_user_at_once(session, setup, frozen_clock):
    admin_id, _, request_id = setup
    with pytest.raises(Invalid, match="error.required"):
        request_admin.extend(session, admin_id=admin_id, request_id=request_id, reason=" ")
    session.rollback()
    frozen_clock.advance(days=20)
    request_admin.extend(session, admin_id=admin_id, request_id=request_id, reason="Veel gegevens")
    row = session.get(DataRequest, request_id)
    assert row.status == "extended" and (row.extended_until - row.due_at).days == 28
    [mail] = _mails(session, "request_extended")
    assert mail.to_addr == "anna@example.nl" and "Veel gegevens" in mail.body_text
    with pytest.raises(Invalid, match="requests.error.already_extended"):
        request_admin.extend(session, admin_id=admin_id, request_id=request_id, reason="Nog meer")
    session.rollback()
    frozen_clock.advance(days=20)  # day 40: past the first deadline, within the extension
    [listed] = request_admin.list_requests(session, admin_id=admin_id)
    assert listed.extended and not listed.overdue


def test_no_extension_after_the_first_deadline(session, setup, frozen_clock):
    admin_id, _, request_id = setup
    frozen_clock.advance(days=28, minutes=1)
    with pytest.raises(Invalid, match="requests.error.deadline_passed"):
        request_admin.extend(session, admin_id=admin_id, request_id=request_id, reason="te laat")
    session.rollback()
    assert _mails(session, "request_extended") == []


def test_an_upheld_objection_is_mailed_and_stops_that_processing(session, setup):
    admin_id, anna, _ = setup
    view = objections.object_to(session, user_id=anna.id, purpose="security",
                                motivation="Ik wil niet dat mijn IP-adres wordt bewaard.")
    session.commit()
    request_id = session.exec(select(DataRequest).where(DataRequest.kind == "objection")).one().id
    assert not objections.is_objected(session, anna.id, "security")
    with pytest.raises(Invalid):
        request_admin.decide(session, admin_id=admin_id, request_id=request_id, decision="done", reason="x")
    session.rollback()
    with pytest.raises(Invalid, match="error.required"):
        request_admin.decide(session, admin_id=admin_id, request_id=request_id, decision="upheld", reason="")
    session.rollback()
    request_admin.decide(session, admin_id=admin_id, request_id=request_id, decision="upheld",
                         reason="Na herweging: bezwaar gegrond.")
    assert objections.is_objected(session, anna.id, "security")
    [mail] = _mails(session, "request_decided")
    assert "Bezwaar toegewezen" in mail.body_text and "herweging" in mail.body_text
    with pytest.raises(NotFound):  # decided requests leave the queue
        request_admin.decide(session, admin_id=admin_id, request_id=request_id, decision="rejected", reason="x")
    assert view is not None


def test_an_upheld_service_improvement_objection_stops_exactly_that_processing(session, setup):
    """§3.2: after re-weighing, an upheld objection stops the processing it is about
    (asked of restriction.may, the check every such processing goes through)."""
    admin_id, anna, _ = setup
    objections.object_to(session, user_id=anna.id, purpose="service_improvement",
                         motivation="Gebruik mijn klikgedrag niet om de dienst te verbeteren.")
    session.commit()
    assert restriction.may(session, user_id=anna.id, activity="service_improvement")  # pending
    request_id = session.exec(select(DataRequest).where(DataRequest.kind == "objection")).one().id
    request_admin.decide(session, admin_id=admin_id, request_id=request_id, decision="upheld",
                         reason="Na herweging: bezwaar gegrond.")
    assert not restriction.may(session, user_id=anna.id, activity="service_improvement")
    assert restriction.may(session, user_id=anna.id, activity="analytics")  # only that purpose


def test_non_admins_cannot_extend_or_decide(session, setup):
    _, anna, request_id = setup
    for call in (lambda: request_admin.extend(session, admin_id=anna.id, request_id=request_id, reason="x"),
                 lambda: request_admin.decide(session, admin_id=anna.id, request_id=request_id,
                                              decision="done", reason="x"),
                 lambda: request_admin.list_requests(session, admin_id=anna.id)):
        with pytest.raises(Forbidden):
            call()
        session.rollback()
    assert session.get(DataRequest, request_id).status == "open"
    assert not session.exec(select(AuditEvent).where(AuditEvent.action.like("admin.request%"))).all()
