"""The audit log and consent records are append-only in the database itself: plain SQL
cannot change or delete them (triggers, migration 0009), while erasure (anonymising the
link column), login (linking consent to the account) and retention (deleting rows past
their period) keep working. Runs on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import exc, text
from sqlmodel import select

from cloudcv.models import REGISTRY, AuditEvent, ConsentRecord
from cloudcv.services.core import append_only, audit, clock
from cloudcv.services.core.devices import Client
from cloudcv.services.privacy import consent, erasure, retention
from tests.factories import verified_user

CLIENT = Client(ip="192.0.2.7", device_id="e" * 32, user_agent="Mozilla/5.0", connection="http/websocket")


def _raw(session, sql, **params):
    with pytest.raises(exc.IntegrityError, match="append-only"):
        session.exec(text(sql), params=params)
    session.rollback()


def _event(session, subject=7):
    audit.record(session, action="account.login", actor_user_id=subject, subject_user_id=subject, ip="192.0.2.7")
    session.commit()
    return session.exec(select(AuditEvent)).all()[-1].id


def _consent(session, user_id=None):
    choice = consent.record_choice(session, consent_id="", user_id=user_id, accepted=["analytics"],
                                   button="custom", lang="nl", client=CLIENT)
    return choice.consent_id


def test_plain_sql_cannot_rewrite_or_delete_the_audit_log(session):
    event_id = _event(session)
    _raw(session, "UPDATE audit_event SET action = 'account.nothing' WHERE id = :i", i=event_id)
    _raw(session, "UPDATE audit_event SET subject_user_id = 8 WHERE id = :i", i=event_id)
    _raw(session, "UPDATE audit_event SET subject_user_id = NULL, ip = '' WHERE id = :i", i=event_id)
    _raw(session, "DELETE FROM audit_event WHERE id = :i", i=event_id)
    _raw(session, "DELETE FROM audit_event")
    row = session.exec(select(AuditEvent)).one()
    assert (row.action, row.subject_user_id, row.ip) == ("account.login", 7, "192.0.2.7")


def test_plain_sql_cannot_rewrite_or_delete_consent_records(session):
    consent_id = _consent(session, user_id=None)
    _raw(session, "UPDATE consent_record SET accepted = '[]' WHERE consent_id = :c", c=consent_id)
    _raw(session, "UPDATE consent_record SET banner_revision = banner_revision - 1")
    _raw(session, "UPDATE consent_record SET user_id = 5, method = 'reject_all'")
    _raw(session, "DELETE FROM consent_record WHERE consent_id = :c", c=consent_id)
    row = session.exec(select(ConsentRecord)).one()
    assert (row.accepted, row.method) == (["analytics"], "custom")


def test_a_linked_consent_cannot_be_moved_to_another_account(session):
    consent_id = _consent(session, user_id=None)
    assert consent.link_user(session, consent_id=consent_id, user_id=3) == 1  # login still links
    _raw(session, "UPDATE consent_record SET user_id = 4 WHERE consent_id = :c", c=consent_id)
    assert session.exec(select(ConsentRecord.user_id)).one() == 3


def test_erasure_still_anonymises_both_tables(session):
    anna = verified_user(session, email="anna@example.nl", name="Anna")
    consent_id = _consent(session, user_id=None)
    consent.link_user(session, consent_id=consent_id, user_id=anna.id)
    _event(session, subject=anna.id)
    erasure.erase_user(session, user_id=anna.id)
    session.expire_all()
    assert session.exec(select(ConsentRecord.user_id).where(ConsentRecord.consent_id == consent_id)).all() == [None]
    assert session.exec(select(AuditEvent).where(AuditEvent.subject_user_id == anna.id)).all() == []
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "account.login")).one().actor_user_id == anna.id


def test_retention_still_deletes_rows_past_their_period_and_nothing_newer(session):
    audit = REGISTRY["audit_event"].retention.effective
    consent = REGISTRY["consent_record"].retention.effective
    now = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
    clock.set(lambda: consent.cutoff(now) - timedelta(days=1))
    try:
        old_consent = _consent(session)
        _event(session, subject=1)                       # older than both periods
    finally:
        clock.set(lambda: now - timedelta(days=1))
    try:
        new_consent = _consent(session)
        _event(session, subject=2)
    finally:
        clock.set(None)
    assert audit.cutoff(now) > consent.cutoff(now)  # the audit period is the shorter one
    retention.sweep(session, now=now)
    session.expire_all()
    assert [r.consent_id for r in session.exec(select(ConsentRecord)).all()] == [new_consent]
    assert old_consent != new_consent
    assert [e.subject_user_id for e in session.exec(select(AuditEvent).where(
        AuditEvent.action == "account.login")).all()] == [2]


def test_a_retention_grant_covers_only_rows_before_its_cutoff(session):
    _event(session, subject=1)
    created = session.exec(select(AuditEvent.created_at)).one()
    with pytest.raises(exc.IntegrityError, match="append-only"):
        with append_only.deleting_expired(session, "audit_event", created - timedelta(seconds=1)):
            session.exec(text("DELETE FROM audit_event"))
    session.rollback()
    with append_only.deleting_expired(session, "audit_event", created + timedelta(seconds=1)):
        assert session.exec(text("DELETE FROM audit_event")).rowcount == 1
    session.commit()
    assert session.exec(text("SELECT count(*) FROM append_only_grant")).one()[0] == 0
    _event(session, subject=1)
    _raw(session, "DELETE FROM audit_event")  # the grant did not outlive its batch


def test_the_sqlite_triggers_check_every_column(session):
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL compares whole rows (jsonb), new columns included")
    for table, model in (("audit_event", AuditEvent), ("consent_record", ConsentRecord)):
        sql = session.exec(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
                           params={"n": f"{table}_append_only_update"}).one()[0]
        link = append_only.APPEND_ONLY[table][0]
        missing = [c.name for c in model.__table__.columns
                   if c.name != link and f"NEW.{c.name} IS OLD.{c.name}" not in sql]
        assert missing == [], f"{table}: update the trigger for {missing}"
