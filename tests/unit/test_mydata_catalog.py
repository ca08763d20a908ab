"""The overview names every registered table, category, purpose and basis in both
languages, and computes deletion dates from each table's retention rule."""

from datetime import timedelta

import pytest

from cloudcv.i18n import CATALOGS, EN, NL
from cloudcv.models import REGISTRY
from cloudcv.services.accounts import accounts
from cloudcv.services.core import clock
from cloudcv.services.privacy import holdings
from tests.factories import PASSWORD, verified_user
from tests.mydata_factories import client


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_registry_name_has_a_translation(lang):
    source = NL if lang == "nl" else EN
    missing = []
    for entry in REGISTRY.values():
        keys = [f"table.{entry.table}", f"purpose.{entry.purpose}",
                f"basis.{entry.basis}"] + [f"cat.{c}" for c in entry.categories]
        missing += [k for k in keys if k not in source]
    assert not missing, missing


def test_an_unknown_name_still_renders_as_its_raw_key():
    assert holdings.label("category", "shoe_size", "nl") == "shoe size"
    assert holdings.label("category", "email", "en") == CATALOGS["en"]["cat.email"]


def test_deletion_dates_follow_each_retention_rule(session, frozen_clock):
    frozen_clock.now = frozen_clock.now.replace(day=10)  # no 29 February
    anna = verified_user(session, email="anna@example.nl", name="Anna")
    accounts.login(session, email="anna@example.nl", password=PASSWORD, client=client(1))
    login_at = frozen_clock.now
    frozen_clock.advance(days=3)
    found = {h.table: h for h in holdings.holdings(session, user_id=anna.id)}
    # 1 and 2 calendar years (the statement's "1 jaar", "2 jaar"), not 365 / 730 days, and
    # the dates people read are Amsterdam dates
    assert found["login_event"].deletion == clock.local_date(login_at.replace(year=login_at.year + 1))
    assert found["user_account"].deletion == clock.local_date(login_at.replace(year=login_at.year + 2))
    assert found["cv"].deletion == found["user_account"].deletion  # the agreement's clock
    assert found["cv"].count == 0 and holdings.deletion_text(found["cv"], "nl") == ""
    assert "1 jaar" in holdings.retention_text(found["login_event"], "nl")
    assert clock.format_date(login_at + timedelta(days=365))[:6] in holdings.deletion_text(found["login_event"], "nl")
    assert found["data_request"].count == 0 and found["data_request"].deletion is None


def test_an_open_request_has_no_deletion_date_until_it_is_decided(session):
    from cloudcv.services.privacy import objections

    anna = verified_user(session, email="anna@example.nl", name="Anna")
    objections.object_to(session, user_id=anna.id, purpose="security", motivation="Te veel.")
    request = {h.table: h for h in holdings.holdings(session, user_id=anna.id)}["data_request"]
    assert request.waiting and request.deletion is None
    assert holdings.deletion_text(request, "en") == CATALOGS["en"]["mydata.deletion.waiting"]


def test_the_account_comes_first_in_the_overview():
    assert holdings.order()[0].table == "user_account"


def test_the_account_deletion_date_is_the_engines_keep_click_and_late_prompt_included(session, frozen_clock):
    # Mijn gegevens must show the date the retention engine will act on (P04, P05): two
    # calendar years after the latest of sign-up, login and a "keep my account" click
    from datetime import UTC, date, datetime

    from cloudcv.models import RetentionNotice
    from cloudcv.services.privacy import account_retention

    frozen_clock.now = datetime(2024, 1, 10, 11, 0, tzinfo=UTC)
    anna = verified_user(session, email="anna@example.nl", name="Anna")
    anna.last_login_at = datetime(2024, 3, 1, 11, 0, tzinfo=UTC)
    anna.kept_at = datetime(2025, 6, 1, 11, 0, tzinfo=UTC)
    session.add(anna)
    session.commit()
    frozen_clock.now = datetime(2025, 6, 2, 11, 0, tzinfo=UTC)

    def account_deletion():
        return {h.table: h for h in holdings.holdings(session, user_id=anna.id)}["user_account"].deletion

    assert account_deletion() == date(2027, 6, 1)
    # the engine was down: the 30-day prompt went out only 10 days before that date, so the
    # account stays 30 days after the prompt (and the overview says so)
    frozen_clock.now = datetime(2027, 5, 22, 11, 0, tzinfo=UTC)
    session.add(RetentionNotice(user_id=anna.id, kind="30d", due_at=account_retention.erasure_due(anna),
                                sent_at=frozen_clock.now))
    session.commit()
    assert account_deletion() == date(2027, 6, 21)
