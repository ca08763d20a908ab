"""The audit log is append-only: there is no path to change or delete an event."""

import pytest
from sqlmodel import select

from cloudcv.models import AuditEvent
from cloudcv.services.core import audit


def test_events_are_recorded_with_the_action(session):
    audit.record(session, action="account.login", actor_user_id=1, subject_user_id=1, ip="192.0.2.1")
    session.commit()
    row = session.exec(select(AuditEvent)).one()
    assert (row.action, row.subject_user_id, row.ip) == ("account.login", 1, "192.0.2.1")


def test_an_event_cannot_be_updated(session):
    audit.record(session, action="x", subject_user_id=1)
    session.commit()
    row = session.exec(select(AuditEvent)).one()
    row.action = "rewritten"
    session.add(row)
    with pytest.raises(audit.AuditLogIsAppendOnly):
        session.commit()
    session.rollback()
    assert session.exec(select(AuditEvent)).one().action == "x"


def test_an_event_cannot_be_deleted(session):
    audit.record(session, action="x", subject_user_id=1)
    session.commit()
    session.delete(session.exec(select(AuditEvent)).one())
    with pytest.raises(audit.AuditLogIsAppendOnly):
        session.commit()
    session.rollback()
    assert len(session.exec(select(AuditEvent)).all()) == 1


def test_the_service_offers_no_mutation_function():
    public = {name for name in dir(audit) if not name.startswith("_")}
    assert not {n for n in public if any(w in n for w in ("update", "delete", "edit", "remove"))}
