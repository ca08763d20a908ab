"""Delete account from Mijn gegevens: password + typed word, then nothing points to the user."""

import pytest
from sqlalchemy import Text, text
from sqlmodel import func, select

from cloudcv.models import REGISTRY, AuditEvent, ErasureTombstone, OutboxMail, Photo, User, metadata
from cloudcv.services.accounts import account_edit
from cloudcv.services.core.errors import Invalid
from cloudcv.services.privacy import export
from tests.factories import PASSWORD
from tests.mydata_factories import full_user


@pytest.fixture
def two(session):
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    bob, _ = full_user(session, "bob@example.nl", "Bob Bakker")
    return anna, bob


def _referencing(session, user_id: int) -> dict[str, int]:
    found = {}
    for name, entry in REGISTRY.items():
        column = metadata.tables[name].c[entry.subject]
        rows = session.execute(select(column).where(column == user_id)).all()
        if rows:
            found[name] = len(rows)
    return found


def _text_hits(session, needle: str) -> list[str]:
    hits = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if str(column.type).startswith(("VARCHAR", "TEXT", "JSON")):
                like = session.execute(select(func.count()).select_from(table).where(
                    column.cast(Text).like(f"%{needle}%"))).scalar()
                if like:
                    hits.append(f"{table.name}.{column.name}")
    return hits


def test_deleting_the_account_leaves_no_row_and_no_text_that_points_to_the_user(session, two):
    anna, bob = two
    anna_id = anna.id
    assert _referencing(session, anna_id)
    export.prepare(session, user_id=anna_id)  # a prepared download must not outlive the account
    account_edit.delete_account(session, user_id=anna_id, password=PASSWORD,
                                confirmation="verwijderen")
    assert _referencing(session, anna_id) == {}
    assert _text_hits(session, "anna@example.nl") == ["outbox_mail.to_addr"]  # the goodbye mail only
    goodbye = session.exec(select(OutboxMail).where(OutboxMail.to_addr == "anna@example.nl")).all()
    assert [m.template for m in goodbye] == ["account_erased"] and goodbye[0].user_id is None
    # the goodbye mail's body names her, but it is sealed (P28): no clear text anywhere
    assert _text_hits(session, "Anna de Vries") == []
    assert "Anna de Vries" in goodbye[0].body_text and "Anna de Vries" in goodbye[0].body_html
    assert session.exec(select(func.count(Photo.id))).one() == 1  # Bob's photo only
    assert session.execute(text("select count(*) from photo where user_id = :u"), {"u": anna_id}).scalar() == 0
    assert session.exec(select(ErasureTombstone)).one()
    assert _referencing(session, bob.id)  # Bob untouched
    assert session.get(User, bob.id).email == "bob@example.nl"


def test_a_wrong_confirmation_word_or_password_erases_nothing(session, two):
    anna, _ = two
    before = _referencing(session, anna.id)
    with pytest.raises(Invalid) as exc:
        account_edit.delete_account(session, user_id=anna.id, password=PASSWORD, confirmation="ja")
    assert exc.value.field == "confirmation"
    with pytest.raises(Invalid) as exc:
        account_edit.delete_account(session, user_id=anna.id, password="niet mijn wachtwoord",
                                    confirmation="VERWIJDEREN")
    assert exc.value.field == "delete_password"
    after = _referencing(session, anna.id)
    assert after.pop("audit_event") == before.pop("audit_event") + 1  # the failed check is logged
    assert after == before
    assert not session.exec(select(ErasureTombstone)).all()


def test_the_english_confirmation_word_works_too(session, two):
    anna, _ = two
    account_edit.delete_account(session, user_id=anna.id, password=PASSWORD, confirmation=" DELETE ")
    assert session.get(User, anna.id) is None


def test_the_erasure_is_recorded_anonymously(session, two):
    anna, _ = two
    account_edit.delete_account(session, user_id=anna.id, password=PASSWORD,
                                confirmation="VERWIJDEREN")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "account.erased")).one()
    assert event.subject_user_id is None and event.details["reason"] == "user_request"
