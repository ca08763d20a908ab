"""Admin retention and processor operations."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from cloudcv.models import LoginEvent, Processor
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import ops_admin
from cloudcv.services.core.errors import Forbidden, Invalid
from tests.factories import ADMIN_TOTP, verified_user


@pytest.fixture
def admin_id(session):
    return accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")[0].id


def _old_event(session, now):
    session.add(LoginEvent(email_hmac="x" * 64, created_at=now - timedelta(days=400)))
    session.commit()


def test_preview_changes_nothing_and_run_now_deletes_what_is_due(session, admin_id, frozen_clock):
    _old_event(session, frozen_clock.now)
    lines = {line.rule: line for line in ops_admin.retention_overview(session, admin_id=admin_id)}
    assert lines["login_event"].would_delete == 1
    assert len(session.exec(select(LoginEvent)).all()) == 1
    assert ops_admin.run_retention_now(session, admin_id=admin_id) >= 1
    assert session.exec(select(LoginEvent)).all() == []
    lines = {line.rule: line for line in ops_admin.retention_overview(session, admin_id=admin_id)}
    assert lines["login_event"].last_deleted == 1 and lines["login_event"].would_delete == 0


def test_non_admins_cannot_preview_or_run_retention(session, frozen_clock):
    user = verified_user(session)
    _old_event(session, frozen_clock.now)
    for call in (ops_admin.retention_overview, ops_admin.run_retention_now, ops_admin.processors):
        with pytest.raises(Forbidden):
            call(session, admin_id=user.id)
        session.rollback()
    assert len(session.exec(select(LoginEvent)).all()) == 1


def test_processor_agreement_is_recorded_and_validated(session, admin_id):
    first = ops_admin.processors(session, admin_id=admin_id)[0]
    with pytest.raises(Invalid, match="error.date_invalid"):
        ops_admin.update_processor(session, admin_id=admin_id, processor_id=first.id, name="X",
                                   agreement_date="31-02-2026", data_received="")
    session.rollback()
    ops_admin.update_processor(session, admin_id=admin_id, processor_id=first.id, name="Hostingbedrijf BV",
                               agreement_date="01-03-2026", data_received="alle accountgegevens")
    row = session.get(Processor, first.id)
    assert (row.name, row.agreement_date.isoformat(), row.data_received) == (
        "Hostingbedrijf BV", "2026-03-01", "alle accountgegevens")


def test_a_processing_agreement_cannot_be_dated_in_the_future(session, admin_id):
    """§4.1: processors work under an agreement we HAVE concluded, so no date to come."""
    first = ops_admin.processors(session, admin_id=admin_id)[0]
    with pytest.raises(Invalid, match="error.date_future_generic"):
        ops_admin.update_processor(session, admin_id=admin_id, processor_id=first.id, name="X",
                                   agreement_date="01-01-2999", data_received="")
    session.rollback()
    assert session.get(Processor, first.id).agreement_date != date(2999, 1, 1)
