"""/verzoek: a one-time code to the account's own address proves identity; unverified
requests never act and never reach the admin queue."""

import pytest
from sqlmodel import func, select

from cloudcv.models import AuditEvent, DataRequest, OutboxMail
from cloudcv.services.core.errors import Invalid
from cloudcv.services.privacy import data_requests
from tests.factories import verified_user
from tests.mydata_factories import code_from, last_mail


@pytest.fixture
def anna(session):
    return verified_user(session, email="anna@example.nl", name="Anna")


def _mails(session):
    return session.exec(select(func.count(OutboxMail.id))).one()


def test_a_correct_code_puts_the_request_in_the_queue_due_in_four_weeks(session, anna, frozen_clock):
    ref = data_requests.start(session, email="Anna@Example.nl ", kind="erasure",
                              details="Ik kan niet meer inloggen.")
    assert last_mail(session, "anna@example.nl").template == "request_code"
    assert data_requests.open_queue(session) == []
    frozen_clock.advance(minutes=5)
    view = data_requests.verify(session, public_id=ref, code=code_from(session, "anna@example.nl"))
    row = session.get(DataRequest, view.id)
    assert (row.status, row.kind, row.user_id, row.source) == ("open", "erasure", anna.id, "verzoek")
    assert row.received_at == frozen_clock.now and row.due_at == frozen_clock.now + data_requests.DUE
    assert row.code_hash == ""
    assert [r.id for r in data_requests.open_queue(session)] == [row.id]
    confirmation = last_mail(session, "anna@example.nl")
    assert confirmation.template == "request_received" and str(row.id) in confirmation.subject
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "account.request_received")).one()


def test_an_unknown_address_gets_the_same_answer_but_no_mail_and_can_never_verify(session):
    before = _mails(session)
    ref = data_requests.start(session, email="nobody@example.nl", kind="access")
    assert isinstance(ref, str) and len(ref) == 32
    assert _mails(session) == before
    row = session.exec(select(DataRequest)).one()
    assert row.user_id is None and row.email == ""  # nothing about the stranger is kept
    for code in ("000000", "123456", "999999"):
        with pytest.raises(Invalid):
            data_requests.verify(session, public_id=ref, code=code)
    assert data_requests.open_queue(session) == []


def test_three_wrong_codes_lock_the_request_even_for_the_right_code(session, anna):
    ref = data_requests.start(session, email="anna@example.nl", kind="access")
    right = code_from(session, "anna@example.nl")
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(Invalid) as first:
        data_requests.verify(session, public_id=ref, code=wrong)
    assert first.value.key == "error.code_wrong" and first.value.params == {"left": 2}
    with pytest.raises(Invalid):
        data_requests.verify(session, public_id=ref, code="abc")
    with pytest.raises(Invalid) as third:
        data_requests.verify(session, public_id=ref, code=wrong)
    assert third.value.key == "error.code_locked"
    with pytest.raises(Invalid) as after:
        data_requests.verify(session, public_id=ref, code=right)
    assert after.value.key == "error.code_locked"
    assert data_requests.open_queue(session) == []
    assert session.exec(select(DataRequest)).one().status == "unverified"


def test_an_expired_code_does_not_verify(session, anna, frozen_clock):
    ref = data_requests.start(session, email="anna@example.nl", kind="portability")
    frozen_clock.advance(minutes=16)
    with pytest.raises(Invalid) as exc:
        data_requests.verify(session, public_id=ref, code=code_from(session, "anna@example.nl"))
    assert exc.value.key == "error.code_expired"
    assert data_requests.open_queue(session) == []


def test_a_verified_code_cannot_be_used_twice(session, anna):
    ref = data_requests.start(session, email="anna@example.nl", kind="access")
    code = code_from(session, "anna@example.nl")
    data_requests.verify(session, public_id=ref, code=code)
    with pytest.raises(Invalid):
        data_requests.verify(session, public_id=ref, code=code)
    assert len(data_requests.open_queue(session)) == 1


def test_unverified_requests_are_purged_after_a_day(session, anna, frozen_clock):
    data_requests.start(session, email="anna@example.nl", kind="access")
    data_requests.start(session, email="nobody@example.nl", kind="access")
    frozen_clock.advance(days=1, minutes=1)
    data_requests.start(session, email="anna@example.nl", kind="correction")
    rows = session.exec(select(DataRequest)).all()
    assert [r.kind for r in rows] == ["correction"]


def test_at_most_three_codes_an_hour_are_mailed(session, anna):
    for _ in range(5):
        data_requests.start(session, email="anna@example.nl", kind="access")
    sent = session.exec(select(OutboxMail).where(OutboxMail.template == "request_code")).all()
    assert len(sent) == data_requests.MAX_CODES_PER_HOUR


def test_bad_input_stores_nothing(session, anna):
    for kwargs in ({"email": "anna@example.nl", "kind": "everything"},
                   {"email": "geen-adres", "kind": "access"},
                   {"email": {"$ne": ""}, "kind": "access"},
                   {"email": "anna@example.nl", "kind": "objection", "purpose": "marketing",
                    "motivation": ""},
                   {"email": "anna@example.nl", "kind": "objection", "purpose": "alles",
                    "motivation": "waarom"}):
        with pytest.raises(Invalid):
            data_requests.start(session, **kwargs)
    assert session.exec(select(DataRequest)).all() == []


def test_an_objection_by_email_keeps_its_purpose_and_motivation(session, anna):
    ref = data_requests.start(session, email="anna@example.nl", kind="objection",
                              purpose="security", motivation="Ik vind dit te veel.")
    view = data_requests.verify(session, public_id=ref, code=code_from(session, "anna@example.nl"))
    row = session.get(DataRequest, view.id)
    assert (row.purpose, row.motivation, row.decision) == ("security", "Ik vind dit te veel.", "")


def test_verzoek_is_limited_per_ip_like_login(session, anna, frozen_clock):
    from cloudcv.services.core.errors import Throttled

    for n in range(5):  # five requests an hour from one address are fine
        data_requests.start(session, email=f"iemand{n}@example.nl", kind="access", ip="203.0.113.9")
    with pytest.raises(Throttled):
        data_requests.start(session, email="anna@example.nl", kind="access", ip="203.0.113.9")
    # another IP is not affected, and the IP itself is not stored, only a keyed hash
    data_requests.start(session, email="anna@example.nl", kind="access", ip="198.51.100.7")
    stored = session.exec(select(DataRequest)).all()
    assert all("203.0.113.9" not in r.ip_hmac and r.ip_hmac for r in stored)
    frozen_clock.advance(hours=1, seconds=1)
    data_requests.start(session, email="anna@example.nl", kind="access", ip="203.0.113.9")


def test_a_request_whose_code_was_never_mailed_can_never_be_verified(session, anna):
    for _ in range(data_requests.MAX_CODES_PER_HOUR):
        data_requests.start(session, email="anna@example.nl", kind="erasure")
    silent = data_requests.start(session, email="anna@example.nl", kind="erasure")
    row = session.exec(select(DataRequest).where(DataRequest.public_id == silent)).one()
    assert row.code_hash == ""
    with pytest.raises(Invalid):
        data_requests.verify(session, public_id=silent, code="000000")
