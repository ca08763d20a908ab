"""The contact form: questions stored, confirmed by mail, answered by admins; abuse limited."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from cloudcv.models import ContactQuestion, OutboxMail
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import contact
from cloudcv.services.core.errors import Forbidden, Invalid, Throttled
from cloudcv.services.privacy import retention
from tests.factories import ADMIN_TOTP, verified_user


def _ask(session, **kw):
    form = dict(name="Eva", email="eva@example.nl", organisation="", message="Kan ik mijn cv in het Engels maken?")
    form.update(kw)
    return contact.ask(session, **form)


def test_a_question_is_stored_and_both_sides_get_a_mail(session):
    _ask(session)
    row = session.exec(select(ContactQuestion)).one()
    assert row.email == "eva@example.nl" and row.handled_at is None
    templates = {m.template: m.to_addr for m in session.exec(select(OutboxMail))}
    assert templates == {"contact_received": "eva@example.nl", "contact_staff": "info@cloudcv.nl"}


@pytest.mark.parametrize("kw, key", [
    ({"message": "  "}, "error.required"), ({"message": "x" * 5001}, "error.too_long"),
    ({"email": "nee"}, "error.email_invalid"), ({"name": ""}, "error.required"),
    ({"message": {"a": 1}}, "error.invalid_input"),
])
def test_bad_questions_are_refused_and_nothing_stored(session, kw, key):
    with pytest.raises(Invalid) as err:
        _ask(session, **kw)
    assert err.value.key == key
    session.rollback()
    assert session.exec(select(ContactQuestion)).all() == []


def test_one_address_cannot_flood_the_form(session):
    for _ in range(contact.PER_ADDRESS_PER_HOUR):
        _ask(session)
    with pytest.raises(Throttled):
        _ask(session)


def test_admin_answer_mails_the_asker_and_starts_the_retention_clock(session):
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    qid = _ask(session)
    contact.answer(session, admin_id=admin.id, question_id=qid, text="Ja, kies Engels als taal van het cv.")
    row = session.get(ContactQuestion, qid)
    assert row.handled_at is not None and row.answer.startswith("Ja")
    mail = session.exec(select(OutboxMail).where(OutboxMail.template == "contact_answer")).one()
    assert mail.to_addr == "eva@example.nl" and "kies Engels" in mail.body_text
    assert contact.list_questions(session, admin_id=admin.id) == []


def test_non_admins_cannot_read_or_answer_questions(session):
    user = verified_user(session)
    qid = _ask(session)
    with pytest.raises(Forbidden):
        contact.list_questions(session, admin_id=user.id)
    with pytest.raises(Forbidden):
        contact.answer(session, admin_id=user.id, question_id=qid, text="x")


# ---------------------------------------------------------------- handled → 2 months (§3.3.2)
def test_mark_handled_sets_handled_at_and_handled_by(session, frozen_clock):
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    qid = _ask(session)
    frozen_clock.advance(hours=3)
    contact.mark_handled(session, admin_id=admin.id, question_id=qid)
    session.expire_all()
    row = session.get(ContactQuestion, qid)
    assert row.handled_at == frozen_clock.now and row.handled_by == admin.id
    assert contact.list_questions(session, admin_id=admin.id) == []


def test_a_non_admin_cannot_mark_a_question_handled(session):
    user = verified_user(session)
    qid = _ask(session)
    with pytest.raises(Forbidden):
        contact.mark_handled(session, admin_id=user.id, question_id=qid)
    session.rollback()
    session.expire_all()
    assert session.get(ContactQuestion, qid).handled_at is None


# The statement: "tot maximaal 2 maanden nadat uw verzoek of vraag is afgehandeld".
# Dates are written out (no period is read from the registry). 15 January → 15 March
# is exactly 2 calendar months.
HANDLED = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)
TWO_MONTHS_LATER = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("via", ["mark_handled", "answer"])
def test_a_handled_question_is_deleted_2_months_after_handling_and_kept_just_before(
        session, frozen_clock, via):
    admin, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    frozen_clock.now = HANDLED - timedelta(days=400)
    never_handled = _ask(session, email="oud@example.nl")  # asked long ago, never handled
    frozen_clock.now = HANDLED - timedelta(days=2)
    qid = _ask(session)
    frozen_clock.now = HANDLED
    if via == "mark_handled":
        contact.mark_handled(session, admin_id=admin.id, question_id=qid)
    else:
        contact.answer(session, admin_id=admin.id, question_id=qid, text="Ja, dat kan.")

    def present():
        session.expire_all()
        return set(session.exec(select(ContactQuestion.id)).all())

    retention.sweep(session, now=TWO_MONTHS_LATER - timedelta(days=1))  # 2 months − 1 day
    assert present() == {qid, never_handled}
    retention.sweep(session, now=TWO_MONTHS_LATER + timedelta(days=1))  # 2 months + 1 day
    assert present() == {never_handled}
