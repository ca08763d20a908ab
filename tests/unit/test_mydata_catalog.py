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
