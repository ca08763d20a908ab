"""§3.1: account data goes 2 years after the agreement ends, but only after asking twice
(30 and 7 days ahead) whether the user wants to keep it; a click or a login keeps it.
And: of many workers, only one sweeps."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from cloudcv.models import CV, REGISTRY, AuditEvent, OutboxMail, RetentionNotice, RetentionRun, User
from cloudcv.services.accounts import accounts
from cloudcv.services.core import db
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs
from cloudcv.services.privacy import account_retention, retention, rounds
from tests.factories import PASSWORD, last_link, verified_user

PERIOD = REGISTRY["user_account"].retention.effective  # 2 years, on the calendar


def END(start):
    return PERIOD.end(start)
CLIENT = Client(ip="192.0.2.9", device_id="d" * 32, user_agent="Mozilla/5.0",
                connection="http/websocket")


def _mails(session, email, template_prefix="keep_account"):
    return session.exec(select(OutboxMail).where(OutboxMail.to_addr == email,
                                                 OutboxMail.template.startswith(template_prefix))
                        .order_by(OutboxMail.id)).all()


def _at(frozen_clock, start, **delta):
    frozen_clock.now = start + timedelta(**delta)


@pytest.fixture
def anna(session, frozen_clock):
    user = verified_user(session)
    cvs.create_cv(session, user_id=user.id, title="Mijn cv")
    return user


def test_the_user_is_asked_30_and_7_days_ahead_and_silence_erases_the_account(
        session, frozen_clock, anna):
    anna_id = anna.id
    start = account_retention.agreement_start(anna)
    _at(frozen_clock, END(start), days=-30, minutes=-1)
    retention.sweep(session)
    assert _mails(session, anna.email) == []
    _at(frozen_clock, END(start), days=-30, minutes=1)
    retention.sweep(session)
    retention.sweep(session)  # a second sweep does not ask again
    first = _mails(session, anna.email)
    assert [m.template for m in first] == ["keep_account_30d"]
    assert "/account-behouden?token=" in first[0].body_text
    _at(frozen_clock, END(start), days=-7, minutes=1)
    retention.sweep(session)
    assert [m.template for m in _mails(session, anna.email)] == ["keep_account_30d",
                                                                  "keep_account_7d"]
    _at(frozen_clock, END(start), minutes=-1)
    retention.sweep(session)
    assert session.get(User, anna.id) is not None
    _at(frozen_clock, END(start), minutes=1)
    report = retention.sweep(session)
    session.expire_all()
    assert session.get(User, anna_id) is None
    assert session.exec(select(CV).where(CV.user_id == anna_id)).all() == []
    assert session.exec(select(RetentionNotice)).all() == []
    assert report.rule("accounts").deleted == 1
    erased = session.exec(select(AuditEvent).where(AuditEvent.action == "account.erased")).one()
    assert erased.details["reason"] == "retention"


def test_clicking_the_keep_link_keeps_the_account_and_restarts_the_clock(
        session, frozen_clock, anna):
    start = account_retention.agreement_start(anna)
    _at(frozen_clock, END(start), days=-29)
    retention.sweep(session)
    token = last_link(session, anna.email, "/account-behouden")
    assert account_retention.check_keep_link(session, token=token) == anna.name
    kept = account_retention.keep_account(session, token=token)
    assert kept.next_due == END(frozen_clock.now)
    with pytest.raises(Invalid):  # single use
        account_retention.keep_account(session, token=token)
    _at(frozen_clock, END(start), days=10)
    retention.sweep(session)
    assert session.get(User, anna.id) is not None
    assert session.exec(select(RetentionNotice.kind)).all() == ["30d"]  # no reminder followed
    kept_event = session.exec(select(AuditEvent).where(AuditEvent.action == "account.kept")).one()
    assert kept_event.subject_user_id == anna.id


def test_logging_in_keeps_the_account_too(session, frozen_clock, anna):
    start = account_retention.agreement_start(anna)
    _at(frozen_clock, END(start), days=-20)
    retention.sweep(session)
    accounts.login(session, email=anna.email, password=PASSWORD, client=CLIENT)
    _at(frozen_clock, END(start), days=1)
    retention.sweep(session)
    assert session.get(User, anna.id) is not None
    assert session.exec(select(RetentionNotice.kind)).all() == ["30d"]  # no reminder followed


def test_nobody_is_erased_without_having_been_asked_30_days_before(session, frozen_clock, anna):
    """If the engine was down (or is new), the erasure moves: the promise to ask holds."""
    anna_id = anna.id
    start = account_retention.agreement_start(anna)
    _at(frozen_clock, END(start), days=100)
    retention.sweep(session)
    assert session.get(User, anna.id) is not None
    assert [m.template for m in _mails(session, anna.email)] == ["keep_account_30d"]
    frozen_clock.advance(days=23, minutes=1)
    retention.sweep(session)
    assert [m.template for m in _mails(session, anna.email)][-1] == "keep_account_7d"
    frozen_clock.advance(days=6)
    retention.sweep(session)
    assert session.get(User, anna.id) is not None
    frozen_clock.advance(days=1)
    retention.sweep(session)
    session.expire_all()
    assert session.get(User, anna_id) is None


def test_a_forged_or_foreign_keep_link_is_refused(session, frozen_clock, anna):
    for token in ("", "x" * 40, {"u": anna.id}, None):
        with pytest.raises(Invalid):
            account_retention.keep_account(session, token=token)
    reset = accounts.request_password_reset(session, email=anna.email)  # noqa: F841
    reset_token = last_link(session, anna.email, "/wachtwoord-herstellen")
    with pytest.raises(Invalid):  # a token for another purpose
        account_retention.keep_account(session, token=reset_token)
    assert session.get(User, anna.id).kept_at is None


def test_a_dry_run_reports_what_the_account_rule_would_do(session, frozen_clock, anna):
    start = account_retention.agreement_start(anna)
    _at(frozen_clock, END(start), days=-10)
    report = retention.sweep(session, dry_run=True)
    assert report.rule("accounts").details == {"prompt_30d": 1}
    assert _mails(session, anna.email) == []


# ---------------------------------------------------------------- the lease
def test_two_workers_racing_for_the_lease_sweep_once(db_url, frozen_clock):
    with Session(db.engine(db_url)) as s:
        verified_user(s)
    barrier = threading.Barrier(2)
    results = []

    def worker():
        with Session(db.engine(db_url), expire_on_commit=False) as s:
            barrier.wait()
            results.append(rounds.retention_job(s, interval=3600))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r is None for r in results) == [False, True]
    with Session(db.engine(db_url)) as s:
        run_ids = set(s.exec(select(RetentionRun.run_id)).all())
    assert len(run_ids) == 1


def test_after_a_sweep_the_lease_rests_for_the_interval_but_the_cli_may_force_it(
        session, frozen_clock):
    assert rounds.retention_job(session, interval=3600) is not None
    assert rounds.retention_job(session, interval=3600) is None
    assert rounds.retention_job(session, interval=3600, force=True) is not None
    frozen_clock.advance(hours=1, seconds=1)
    assert rounds.retention_job(session, interval=3600) is not None


def test_a_running_sweep_is_never_joined_even_by_the_cli(session, frozen_clock):
    assert retention.acquire(session, holder="busy-worker")
    assert not retention.acquire(session, holder="cli", force=True)
    frozen_clock.advance(minutes=4)
    retention.renew(session, holder="busy-worker")
    frozen_clock.advance(minutes=4)
    assert not retention.acquire(session, holder="cli")
    frozen_clock.advance(minutes=2)  # the busy worker died: its lease runs out
    assert retention.acquire(session, holder="cli")
    with pytest.raises(retention.LeaseLost):
        retention.renew(session, holder="busy-worker")
