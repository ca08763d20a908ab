"""Dates and times: UTC in the database, Europe/Amsterdam for what people type and read.

The expected instants are written out by hand (CET = UTC+1, CEST = UTC+2; in 2027 summer
time starts on 28 March at 02:00 and ends on 31 October at 03:00).
"""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from cloudcv.models import DataBreach
from cloudcv.services.accounts import accounts
from cloudcv.services.admin import admin, incidents
from cloudcv.services.core import clock
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import checks
from cloudcv.services.privacy import account_retention
from tests.factories import ADMIN_TOTP


@pytest.fixture
def admin_id(session):
    user, _ = accounts.create_admin(session, totp_secret=ADMIN_TOTP, email="beheer@example.nl", password="beheerder wachtwoord")
    return user.id


@pytest.fixture
def april_2027():
    clock.set(lambda: datetime(2027, 4, 2, 12, 0, tzinfo=UTC))
    yield
    clock.set(None)


def _breach(session, admin_id, discovered_at):
    return incidents.register_breach(
        session, admin_id=admin_id, discovered_at=discovered_at, description="Laptop gestolen",
        categories=["contact"], people_count="3", measures="", high_risk=False)


def test_breach_discovered_in_amsterdam_night_before_dst_switch(session, admin_id, april_2027):
    breach_id = _breach(session, admin_id, "28-03-2027 01:30")
    session.expire_all()
    stored = session.exec(select(DataBreach).where(DataBreach.id == breach_id)).one()
    assert clock._aware(stored.discovered_at) == datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    row = incidents.list_breaches(session, admin_id=admin_id)[0]
    assert row.discovered == "28-03-2027 01:30 CET"
    # 72 real hours later, and summer time by then: 02:30 CEST, not 01:30
    assert row.ap_deadline == "31-03-2027 02:30 CEST"


def test_breach_deadline_is_72_real_hours_across_the_switch(session, admin_id):
    clock.set(lambda: datetime(2027, 3, 28, 1, 0, tzinfo=UTC))
    try:
        _breach(session, admin_id, "28-03-2027 01:30")
        clock.set(lambda: datetime(2027, 3, 31, 0, 29, tzinfo=UTC))
        assert not incidents.list_breaches(session, admin_id=admin_id)[0].ap_overdue
        clock.set(lambda: datetime(2027, 3, 31, 0, 31, tzinfo=UTC))
        assert incidents.list_breaches(session, admin_id=admin_id)[0].ap_overdue
    finally:
        clock.set(None)


@pytest.mark.parametrize("typed, instant", [
    ("15-01-2027 12:00", datetime(2027, 1, 15, 11, 0, tzinfo=UTC)),     # winter, CET
    ("15-07-2026 12:00", datetime(2026, 7, 15, 10, 0, tzinfo=UTC)),     # summer, CEST
    ("2026-07-15T12:00", datetime(2026, 7, 15, 10, 0, tzinfo=UTC)),     # <input type=datetime-local>
    ("15-7-2026 9:05", datetime(2026, 7, 15, 7, 5, tzinfo=UTC)),
    ("15-01-2027", datetime(2027, 1, 14, 23, 0, tzinfo=UTC)),           # a date alone: midnight
    ("31-10-2027 02:30", datetime(2027, 10, 31, 0, 30, tzinfo=UTC)),    # twice that night: the earlier
])
def test_typed_amsterdam_time_becomes_the_utc_instant(typed, instant):
    assert clock.parse_local_datetime(typed, field="x") == instant


def test_time_that_does_not_exist_in_amsterdam_is_refused():
    with pytest.raises(Invalid) as err:
        clock.parse_local_datetime("28-03-2027 02:30", field="discovered_at")
    assert err.value.key == "error.time_nonexistent"
    for bad in ("31-02-2027 10:00", "28-03-2027 25:00", "morgen", "", None, 12):
        with pytest.raises(Invalid):
            clock.parse_local_datetime(bad, field="x")


@pytest.mark.parametrize("instant, nl", [
    (datetime(2027, 1, 15, 11, 0, tzinfo=UTC), "15-01-2027 12:00 CET"),
    (datetime(2026, 7, 15, 10, 0, tzinfo=UTC), "15-07-2026 12:00 CEST"),
    (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "01-01-2027 00:30 CET"),
    (datetime(2026, 7, 15, 10, 0), "15-07-2026 12:00 CEST"),  # naive from SQLite = UTC
])
def test_display_is_amsterdam_time_with_zone(instant, nl):
    assert clock.format_datetime(instant, "nl", zone=True) == nl
    assert clock.format_datetime(instant, "en") == nl.rsplit(" ", 1)[0]


def test_long_dates_come_from_babel_in_both_languages():
    late_evening_utc = datetime(2027, 1, 4, 23, 30, tzinfo=UTC)  # already 5 January in Amsterdam
    assert clock.format_long_date(late_evening_utc, "nl") == "5 januari 2027"
    assert clock.format_long_date(late_evening_utc, "en") == "5 January 2027"
    assert account_retention._fmt_date(late_evening_utc, "nl") == "5 januari 2027"
    assert account_retention._fmt_date(late_evening_utc, "en") == "5 January 2027"


def test_authority_request_received_date_is_amsterdam_today(session, admin_id):
    from tests.factories import verified_user

    verified_user(session)
    # 23:30 UTC on 1 March is already 2 March in Amsterdam: "today" may be typed
    clock.set(lambda: datetime(2027, 3, 1, 23, 30, tzinfo=UTC))
    try:
        incidents.register_authority_request(
            session, admin_id=admin_id, authority="OM", legal_basis="x", scope="y",
            user_email="anna@example.nl", received_on="02-03-2027")
        assert incidents.list_authority_requests(session, admin_id=admin_id)[0].received_on == "02-03-2027"
    finally:
        clock.set(None)


# ---- CV dates keep their behaviour (month/year, birth date)

@pytest.mark.parametrize("typed, parsed", [
    ("03-2027", date(2027, 3, 1)), ("3-2027", date(2027, 3, 1)), ("2027-03", date(2027, 3, 1)),
    ("2027", date(2027, 1, 1)), ("03/2027", date(2027, 3, 1)), (" 12.1999 ", date(1999, 12, 1)),
    ("", None), (None, None),
])
def test_cv_months_parse_as_before(typed, parsed):
    assert checks.parse_month(typed, name="start") == parsed


@pytest.mark.parametrize("bad", ["13-2027", "00-2027", "03-1899", "maart 2027", "2027-03-01", 2027])
def test_cv_months_refuse_as_before(bad):
    with pytest.raises(Invalid) as err:
        checks.parse_month(bad, name="start")
    assert err.value.key == "error.date_invalid" and err.value.field == "start"


def test_cv_dates_format_as_before():
    assert checks.format_month(date(2027, 3, 1)) == "03-2027"
    assert checks.format_date(date(1990, 1, 5)) == "05-01-1990"
    assert checks.format_month(None) == "" and checks.format_date(None) == ""
    today = date(2026, 12, 1)
    assert checks.parse_birth_date("5-1-1990", today=today) == date(1990, 1, 5)
    assert checks.parse_birth_date("1990-01-05", today=today) == date(1990, 1, 5)
    assert checks.parse_birth_date("05/01/1990", today=today) == date(1990, 1, 5)
    for bad, key in (("31-02-1990", "error.date_invalid"), ("01-01-2027", "error.date_future"),
                     ("01-01-1899", "error.birth_date_range"), ("01-01-2020", "error.birth_date_range")):
        with pytest.raises(Invalid) as err:
            checks.parse_birth_date(bad, today=today)
        assert err.value.key == key


def test_admin_chart_counts_registrations_on_the_amsterdam_day(session, admin_id):
    from tests.factories import verified_user

    clock.set(lambda: datetime(2027, 1, 4, 23, 30, tzinfo=UTC))  # 00:30 on 5 January in Amsterdam
    try:
        verified_user(session, email="laat@example.nl", name="Laat")
        clock.set(lambda: datetime(2027, 1, 10, 12, 0, tzinfo=UTC))
        series = {d["day"]: d["registrations"] for d in admin.overview(session, admin_id=admin_id).series}
    finally:
        clock.set(None)
    assert (series["04-01"], series["05-01"], series["10-01"]) == (0, 1, 0)
