"""Restriction (Art. 18) stops everything but storage; objections (Art. 21) are honoured."""

import pytest
from sqlmodel import select

from cloudcv.models import AuditEvent, DataRequest, User
from cloudcv.services.core.errors import Forbidden, Invalid
from cloudcv.services.privacy import objections, restriction
from tests.factories import verified_user
from tests.mydata_factories import last_mail


@pytest.fixture
def anna(session):
    return verified_user(session, email="anna@example.nl", name="Anna")


def _actions(session, user_id):
    return [e.action for e in session.exec(select(AuditEvent).where(
        AuditEvent.subject_user_id == user_id).order_by(AuditEvent.id))]


def test_a_restricted_account_allows_no_analytics_marketing_or_sending(session, anna):
    for activity in restriction.BLOCKED:
        assert restriction.may(session, user_id=anna.id, activity=activity)
    restriction.set_restricted(session, user_id=anna.id, on=True)
    assert restriction.is_restricted(session, anna.id)
    for activity in ("analytics", "marketing", "service_improvement", "send_cv", "share_cv"):
        assert not restriction.may(session, user_id=anna.id, activity=activity), activity
    # the user's own rights and plain storage are not processing we stop
    assert restriction.may(session, user_id=anna.id, activity="export")


def test_lifting_the_restriction_allows_processing_again(session, anna):
    restriction.set_restricted(session, user_id=anna.id, on=True)
    restriction.set_restricted(session, user_id=anna.id, on=False)
    assert not restriction.is_restricted(session, anna.id)
    assert restriction.may(session, user_id=anna.id, activity="send_cv")
    assert _actions(session, anna.id) == ["account.restricted", "account.unrestricted"]


def test_switching_to_the_same_state_records_nothing(session, anna):
    restriction.set_restricted(session, user_id=anna.id, on=False)
    assert _actions(session, anna.id) == []


def test_a_blocked_action_of_a_restricted_user_is_refused_and_recorded(session, anna):
    restriction.set_restricted(session, user_id=anna.id, on=True)
    with pytest.raises(Forbidden) as exc:
        restriction.check(session, user_id=anna.id, activity="send_cv", ip="192.0.2.9")
    assert exc.value.key == "error.restricted"
    session.rollback()  # the caller's transaction is gone; the refusal was committed itself
    event = session.exec(select(AuditEvent).where(
        AuditEvent.action == "account.restriction_blocked")).one()
    assert event.details == {"activity": "send_cv"} and event.ip == "192.0.2.9"


def test_unknown_users_and_anonymous_visitors_are_not_restricted(session):
    assert not restriction.is_restricted(session, None)
    assert not restriction.is_restricted(session, 999)


def test_the_switch_refuses_anything_but_a_boolean(session, anna):
    with pytest.raises(Invalid):
        restriction.set_restricted(session, user_id=anna.id, on="true")
    assert session.get(User, anna.id).restricted_at is None


def test_a_marketing_objection_takes_effect_at_once(session, anna):
    view = objections.object_to(session, user_id=anna.id, purpose="marketing",
                                motivation="Geen reclame graag.")
    assert (view.status, view.decision) == ("done", "upheld")
    assert objections.is_objected(session, anna.id, "marketing")
    assert not restriction.may(session, user_id=anna.id, activity="marketing")
    assert restriction.may(session, user_id=anna.id, activity="send_cv")
    assert last_mail(session, "anna@example.nl").template == "objection_upheld"


def test_other_objections_wait_for_a_decision_with_a_due_date(session, anna):
    view = objections.object_to(session, user_id=anna.id, purpose="service_improvement",
                                motivation="Ik wil niet gevolgd worden.")
    row = session.get(DataRequest, view.id)
    assert row.status == "open" and row.decision == ""
    assert (row.due_at - row.received_at).days == 28
    assert not objections.is_objected(session, anna.id, "service_improvement")
    assert objections.pending_or_upheld(session, user_id=anna.id) == {"service_improvement": "open"}
    assert "account.objected" in _actions(session, anna.id)
    with pytest.raises(Invalid) as exc:
        objections.object_to(session, user_id=anna.id, purpose="service_improvement",
                             motivation="Nog een keer.")
    assert exc.value.key == "error.objection_exists"


def test_an_objection_needs_a_motivation_and_a_known_purpose(session, anna):
    for purpose, motivation in (("marketing", "   "), ("everything", "waarom niet"),
                                ("security", {"x": 1})):
        with pytest.raises(Invalid):
            objections.object_to(session, user_id=anna.id, purpose=purpose, motivation=motivation)
    assert session.exec(select(DataRequest)).all() == []
