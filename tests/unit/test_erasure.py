"""Erasure leaves nothing that points to the user, except what the law lets us keep."""

import io

from PIL import Image
from sqlalchemy import JSON, String, cast, text
from sqlmodel import select

from cloudcv.models import REGISTRY, AbuseHold, AuditEvent, LoginEvent, OutboxMail, metadata
from cloudcv.services.accounts import accounts
from cloudcv.services.core import audit
from cloudcv.services.core.devices import Client
from cloudcv.services.cv import cvs, entries
from cloudcv.services.privacy import erasure
from tests.factories import PASSWORD, verified_user
from tests.mydata_factories import full_user
from tests.unit.test_mydata_factories import PERSONAL_TABLES, rows_of

CLIENT = Client(ip="192.0.2.7", device_id="e" * 32, user_agent="Mozilla/5.0", connection="http/websocket")


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (1, 2, 3)).save(out, "JPEG")
    return out.getvalue()


def _full_user(session, email, name):
    user = verified_user(session, email=email, name=name)
    accounts.login(session, email=email, password=PASSWORD, client=CLIENT)
    cv_id = cvs.create_cv(session, user_id=user.id, title=f"cv van {name}")
    entry = entries.add_entry(session, user_id=user.id, cv_id=cv_id, section="work")
    entries.set_entry_field(session, user_id=user.id, entry_id=entry, name="title", value="Bakker")
    cvs.set_photo(session, user_id=user.id, cv_id=cv_id, raw=_jpeg())
    audit.record(session, action="test.touch", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    return user


def _rows_for(session, user_id):
    found = {}
    for name, entry in REGISTRY.items():
        column = metadata.tables[name].c[entry.subject]
        count = session.execute(select(column).where(column == user_id)).all()
        if count:
            found[name] = len(count)
    return found


def test_erasure_removes_every_registered_row_and_the_photo_bytes(session):
    anna = _full_user(session, "anna@example.nl", "Anna")
    bob = _full_user(session, "bob@example.nl", "Bob")
    assert _rows_for(session, anna.id)
    erasure.erase_user(session, user_id=anna.id)
    assert _rows_for(session, anna.id) == {}
    # nothing in any text or JSON column of any table still holds Anna's address
    for table in metadata.sorted_tables:
        if table.name == "outbox_mail":  # the goodbye mail, deleted after sending
            continue
        for column in table.columns:
            if isinstance(column.type, (String, JSON)):
                hits = session.execute(select(column).where(
                    cast(column, String).contains("anna@example.nl"))).all()
                assert not hits, f"{table.name}.{column.name}"
    assert session.execute(text("select count(*) from photo")).scalar() == 1  # Bob's only
    assert _rows_for(session, bob.id)  # Bob untouched


def test_erasure_sends_a_confirmation_to_the_erased_address(session):
    anna = _full_user(session, "anna@example.nl", "Anna")
    erasure.erase_user(session, user_id=anna.id)
    goodbye = session.exec(select(OutboxMail).where(OutboxMail.template == "account_erased")).one()
    assert goodbye.to_addr == "anna@example.nl" and goodbye.user_id is None


def test_the_audit_log_keeps_an_anonymous_record_of_the_erasure(session):
    anna = _full_user(session, "anna@example.nl", "Anna")
    report = erasure.erase_user(session, user_id=anna.id)
    events = session.exec(select(AuditEvent)).all()
    assert all(e.subject_user_id is None and e.actor_user_id in (None, anna.id) for e in events
               if e.action == "account.erased")
    assert any(e.action == "account.erased" and e.details["subject_hash"] == report.subject_hash
               for e in events)
    assert not session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == anna.id)).all()


def test_security_rows_under_an_abuse_hold_are_kept_anonymised(session):
    anna = _full_user(session, "anna@example.nl", "Anna")
    session.add(AbuseHold(user_id=anna.id, reason="credential stuffing from this account"))
    session.commit()
    before = len(session.exec(select(LoginEvent)).all())
    erasure.erase_user(session, user_id=anna.id)
    rows = session.exec(select(LoginEvent)).all()
    assert len(rows) == before and all(r.user_id is None for r in rows)


def test_tombstones_reapply_erasure_after_a_restore(session):
    anna = _full_user(session, "anna@example.nl", "Anna")
    anna_id = anna.id
    erasure.erase_user(session, user_id=anna_id, notify=False)
    # simulate a restore from a backup taken before the erasure: the account is back
    session.execute(text("insert into user_account (id, email, name, password_hash, lang, role, blocked, created_at) "
                         "values (:id, 'anna@example.nl', 'Anna', 'x', 'nl', 'user', false, '2026-01-01 00:00:00+00')"),
                    {"id": anna_id})
    session.commit()
    assert erasure.reapply_tombstones(session) == 1
    assert accounts.by_email(session, "anna@example.nl") is None


# ---------------------------------------------------------------- every table, from a full user
def test_erasure_leaves_no_row_of_the_user_in_any_personal_data_table(session):
    """The full user has rows in every table (tests/unit/test_mydata_factories.py proves
    it); afterwards none names them, counted over the registry AND the list written in
    test_mydata_factories (so a table the registry forgets is counted too)."""
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    bob, _ = full_user(session, "bob@example.nl", "Bob Bakker")
    before = rows_of(session, anna.id)
    assert all(before.values()), before
    bob_before = rows_of(session, bob.id)
    erasure.erase_user(session, user_id=anna.id)
    session.expire_all()
    after = rows_of(session, anna.id)
    assert {name: n for name, n in after.items() if n} == {}
    assert set(after) >= set(PERSONAL_TABLES)
    bob_after = rows_of(session, bob.id)
    assert bob_after == bob_before  # nothing of Bob went
