"""The contact form: questions stored, confirmed by mail, answered by admins; abuse limited."""

import pytest
from sqlmodel import select

from cloudcv.models import ContactQuestion, OutboxMail
from cloudcv.services import accounts, contact
from cloudcv.services.errors import Forbidden, Invalid, Throttled
from tests.factories import verified_user


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
    admin, _ = accounts.create_admin(session, email="beheer@example.nl", password="beheerder wachtwoord")
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
