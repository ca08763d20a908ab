"""The periods of the privacy statement, as dates written here (not read from the registry,
whatever unit it uses): just before the period ends the data is there, just after it is
gone. 1 March 2029 → 1 March 2031 holds no 29 February, so "2 years" is 730 days and
"1 year" 365 whichever way the engine counts.

- §3.1: "maximaal tot 2 jaar na het eindigen van de overeenkomst" (P04), after asking (P05)
- §3.2.1: "maximaal gedurende 2 jaar nadat zij zijn verzameld" (P09)
- §3.2.2: "tot 1 jaar nadat zij zijn verzameld" (P10)
- §3.3.2: "tot maximaal 2 maanden nadat uw verzoek of vraag is afgehandeld" (P15):
  tests/unit/test_contact.py::test_a_handled_question_is_deleted_2_months_after_handling_and_kept_just_before
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from cloudcv.models import PURPOSES, REGISTRY, LoginEvent, OutboxMail, User
from cloudcv.services.accounts import accounts
from cloudcv.services.privacy import retention
from tests.factories import PASSWORD, verified_user
from tests.mydata_factories import client
from tests.unit.test_retention import _insert, _synthetic_entry

START = datetime(2029, 3, 1, 12, 0, tzinfo=UTC)
ONE_YEAR_LATER = datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
TWO_YEARS_LATER = datetime(2031, 3, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def test_an_account_goes_2_years_after_the_last_login_after_being_asked(session, frozen_clock):
    frozen_clock.now = START - timedelta(days=10)
    user_id = verified_user(session, email="lars@example.nl", name="Lars").id
    frozen_clock.now = START
    accounts.login(session, email="lars@example.nl", password=PASSWORD, client=client(1))
    for moment in (TWO_YEARS_LATER - timedelta(days=30), TWO_YEARS_LATER - timedelta(days=7)):
        frozen_clock.now = moment  # the two keep-account mails (§3.1: "zullen wij u vragen")
        retention.sweep(session)
    asked = session.exec(select(OutboxMail.template).where(
        OutboxMail.to_addr == "lars@example.nl", OutboxMail.template.startswith("keep_account"))).all()
    assert sorted(asked) == ["keep_account_30d", "keep_account_7d"]
    frozen_clock.now = TWO_YEARS_LATER - DAY
    retention.sweep(session)
    session.expire_all()
    assert session.get(User, user_id) is not None
    frozen_clock.now = TWO_YEARS_LATER + DAY
    retention.sweep(session)
    session.expire_all()
    assert session.get(User, user_id) is None


def test_security_data_goes_1_year_after_collection(session, frozen_clock):
    user = verified_user(session)
    frozen_clock.now = START
    try:
        accounts.login(session, email=user.email, password="niet het wachtwoord", client=client(2))
    except accounts.Invalid as err:
        assert err.key == "error.login_failed"
    [event] = session.exec(select(LoginEvent.id).where(LoginEvent.user_id == user.id)).all()
    retention.sweep(session, now=ONE_YEAR_LATER - DAY)
    assert session.exec(select(LoginEvent.id)).all() == [event]
    retention.sweep(session, now=ONE_YEAR_LATER + DAY)
    assert session.exec(select(LoginEvent.id)).all() == []


def test_service_improvement_data_goes_2_years_after_collection(session, frozen_clock, monkeypatch):
    """§3.2.1 has no table yet: the engine applies the purpose's rule to one that a later
    feature registers under the clause."""
    entry, table = _synthetic_entry("t_improvement", PURPOSES["3.2.1"].retention, clause="3.2.1")
    table.create(session.connection())
    session.commit()
    monkeypatch.setitem(REGISTRY, "t_improvement", entry)
    row = _insert(session, table, user_id=1, now=START)
    retention.sweep(session, now=TWO_YEARS_LATER - DAY)
    assert session.execute(select(table.c.id)).scalars().all() == [row]
    retention.sweep(session, now=TWO_YEARS_LATER + DAY)
    assert session.execute(select(table.c.id)).scalars().all() == []
