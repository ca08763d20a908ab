"""Every retention period of the registry is enforced: just inside it a row stays, just past
it the row goes, and nothing else is touched. The clock moves; nobody waits."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, func, insert
from sqlmodel import select
from sqlmodel.sql.sqltypes import UTCDateTime

from cloudcv.models import PURPOSES, REGISTRY, AbuseHold, LoginEvent, RetentionRun
from cloudcv.models.registry import Entry, Period, Retention, days
from cloudcv.services.privacy import retention
from tests.factories import verified_user

MINUTE = timedelta(minutes=1)


# ---------------------------------------------------------------- helpers
def _value(session, column, *, user_id: int, now):
    if column.foreign_keys:
        (fk,) = column.foreign_keys
        parent = fk.column.table
        if parent.name == "user_account":
            return user_id
        # a row that hangs off another of the user's rows (a share link off its CV): make one
        return _insert(session, parent, user_id=user_id, now=now)
    impl = getattr(column.type, "impl_instance", column.type)
    kind = dict if isinstance(impl, JSON) else impl.python_type
    if kind is datetime:
        return now
    if kind is bool:
        return False
    if kind is int:
        return user_id if column.name.endswith("user_id") else 1
    if kind is date:
        return date.today()
    if kind is float:  # cv.font_size, cv.line_spacing (issue 21): a value inside their bounds
        return 1.15
    if kind in (dict, list):
        return kind()
    if kind is bytes:
        return b"x"
    if kind is str:
        return uuid.uuid4().hex[: getattr(column.type, "length", None) or 32]
    raise AssertionError(f"no test value for {column}")


def _insert(session, table, *, user_id: int, now, **values) -> int:
    row = {c.name: _value(session, c, user_id=user_id, now=now)
           for c in table.columns if not c.primary_key}
    row.update(values)
    result = session.execute(insert(table).values(row))
    session.commit()
    return result.inserted_primary_key[0]


def _ids(session, table) -> set[int]:
    return set(session.execute(select(table.c.id)).scalars())


def _mid_month(moment: datetime) -> datetime:
    """Away from month ends, where ``Period.cutoff`` may delete up to a day early."""
    return moment.replace(day=10)


class _Model:
    """Stand-in for a SQLModel class: the engine only needs ``__table__``."""

    def __init__(self, table):
        self.__table__ = table


def _synthetic_entry(name: str, rule: Retention, *, clause: str = "9.9") -> tuple[Entry, Table]:
    """A table that a later feature will add (marketing list, questions, tracking)."""
    table = Table(name, MetaData(), Column("id", Integer, primary_key=True),
                  Column("user_id", Integer, nullable=True),
                  Column("created_at", UTCDateTime(), nullable=False),
                  Column(rule.from_field, UTCDateTime(), nullable=True)
                  if rule.from_field != "created_at" else Column("note", String(10)))
    entry = Entry(table=name, model=_Model(table), categories=("email",), purpose="test",
                  clause=clause, basis="consent", retention=rule)
    return entry, table


@pytest.fixture
def create_table(session):
    """Create a synthetic table for one test and drop it after: on the shared PostgreSQL
    test database a leftover table would reach every later test that scans the schema."""
    created = []

    def create(table: Table) -> None:
        table.create(session.connection())
        session.commit()
        created.append(table)

    yield create
    session.rollback()
    for table in created:
        table.drop(session.connection(), checkfirst=True)
    session.commit()


# ---------------------------------------------------------------- one test per rule
TABLE_RULES = sorted(retention.table_rules(), key=lambda e: e.table)


@pytest.mark.parametrize("entry", TABLE_RULES, ids=[e.table for e in TABLE_RULES])
def test_a_row_stays_until_its_period_is_over_and_then_goes(session, frozen_clock, entry):
    """One test per table rule of the registry (a new rule gets its test automatically)."""
    user = verified_user(session)
    table = entry.model.__table__
    rule = entry.retention
    start = frozen_clock.now = _mid_month(frozen_clock.now)
    before = _ids(session, table)
    row = _insert(session, table, user_id=user.id, now=start, **{rule.from_field: start})
    kept = set()
    if rule.after in ("handled", "unsubscribe"):  # not handled yet: never goes
        kept.add(_insert(session, table, user_id=user.id, now=start - timedelta(days=3000),
                         **{rule.from_field: None}))
    frozen_clock.now = rule.effective.end(start) - MINUTE
    retention.sweep(session)
    assert row in _ids(session, table)
    frozen_clock.advance(minutes=2)
    fresh = _insert(session, table, user_id=user.id, now=frozen_clock.now,
                    **{rule.from_field: frozen_clock.now})
    retention.sweep(session)
    remaining = _ids(session, table)
    assert row not in remaining
    if rule.effective.amount == 0:  # "deleted on unsubscribe": a row's clock ends at once
        assert fresh not in remaining
        fresh = None
    assert kept | ({fresh} - {None}) <= remaining
    assert remaining - before - kept - {fresh} == set()


SYNTHETIC = {clause: p for clause, p in PURPOSES.items()
             if not any(e.clause == clause for e in REGISTRY.values())}


@pytest.mark.parametrize("clause", sorted(SYNTHETIC), ids=sorted(SYNTHETIC))
def test_purposes_without_a_table_yet_are_enforced_once_a_table_uses_their_rule(
        session, frozen_clock, monkeypatch, create_table, clause):
    """Marketing (until unsubscribe), questions (60 days after handled), tracking (cap):
    the engine applies the purpose's rule to the table a later feature registers."""
    rule = PURPOSES[clause].retention
    name = "t_" + clause.replace(".", "_")
    entry, table = _synthetic_entry(name, rule, clause=clause)
    create_table(table)
    monkeypatch.setitem(REGISTRY, name, entry)
    start = frozen_clock.now = _mid_month(frozen_clock.now)
    ended = _insert(session, table, user_id=1, now=start, **{rule.from_field: start})
    still_running = None
    if rule.from_field != "created_at":
        still_running = _insert(session, table, user_id=1, now=start - timedelta(days=4000),
                                **{rule.from_field: None})
    if rule.effective.amount:
        frozen_clock.now = rule.effective.end(start) - MINUTE
        retention.sweep(session)
        assert ended in _ids(session, table)
    frozen_clock.advance(minutes=2)
    retention.sweep(session)
    remaining = _ids(session, table)
    assert ended not in remaining
    if still_running is not None:
        assert remaining == {still_running}


def test_every_kind_of_rule_in_the_registry_has_a_test():
    tested = {"collection", "technical", "handled", "unsubscribe", "consent_withdrawn",
              "agreement_end"}  # agreement_end: tests/unit/test_retention_accounts.py
    kinds = {e.retention.after for e in REGISTRY.values()} | {
        p.retention.after for p in PURPOSES.values()}
    assert kinds <= tested, kinds - tested


# ---------------------------------------------------------------- holds and statutory periods
def _login_event(session, *, user_id, at) -> int:
    row = LoginEvent(user_id=user_id, email_hmac="h" * 64, ip="192.0.2.1", created_at=at)
    session.add(row)
    session.commit()
    return row.id


def test_an_abuse_hold_keeps_security_rows_past_a_year_and_lifting_it_lets_them_go(
        session, frozen_clock):
    held_user = verified_user(session, email="held@example.nl", name="Held")
    other = verified_user(session, email="other@example.nl", name="Other")
    start = frozen_clock.now
    held_row = _login_event(session, user_id=held_user.id, at=start)
    other_row = _login_event(session, user_id=other.id, at=start)
    anonymous_row = _login_event(session, user_id=None, at=start)
    hold = AbuseHold(user_id=held_user.id, reason="credential stuffing from 198.51.100.0/24",
                     created_at=start)
    session.add(hold)
    session.commit()
    frozen_clock.advance(days=365 + 30)
    report = retention.sweep(session)
    remaining = set(session.exec(select(LoginEvent.id)).all())
    assert held_row in remaining
    assert other_row not in remaining and anonymous_row not in remaining
    assert report.rule("login_event").deleted == 2
    dry = retention.sweep(session, dry_run=True)
    assert dry.rule("login_event").held == 1 and dry.rule("login_event").deleted == 0
    hold.lifted_at = frozen_clock.now
    session.add(hold)
    session.commit()
    retention.sweep(session)
    assert session.get(LoginEvent, held_row) is None
    assert session.get(AbuseHold, hold.id) is not None  # the record of the hold stays a year


def test_a_documented_statutory_period_wins_over_the_stated_one(session, frozen_clock,
                                                                 monkeypatch, create_table):
    rule = Retention(days(30), after="collection", legal_override="Test Act art. 1",
                     legal_period=days(90))
    entry, table = _synthetic_entry("t_legal", rule)
    create_table(table)
    monkeypatch.setitem(REGISTRY, "t_legal", entry)
    row = _insert(session, table, user_id=1, now=frozen_clock.now)
    frozen_clock.advance(days=89)
    retention.sweep(session)
    assert row in _ids(session, table)
    frozen_clock.advance(days=2)
    retention.sweep(session)
    assert row not in _ids(session, table)


def test_a_statutory_period_without_its_legal_source_is_refused():
    with pytest.raises(ValueError):
        Retention(days(30), after="collection", legal_period=days(90))


# ---------------------------------------------------------------- batches, crashes, dry runs
class Killed(BaseException):
    """A worker dying mid-sweep (not an Exception: nothing may swallow it)."""


def _seed_events(session, now, *, expired: int, fresh: int) -> set[int]:
    old = now - timedelta(days=400)
    rows = [{"email_hmac": "h" * 64, "created_at": old} for _ in range(expired)]
    rows += [{"email_hmac": "f" * 64, "created_at": now} for _ in range(fresh)]
    session.execute(insert(LoginEvent.__table__), [
        {**r, "ip": "", "device_id": "", "session_public_id": "", "os": "", "browser": "",
         "place": "", "connection": "", "success": False, "reason": ""} for r in rows])
    session.commit()
    return set(session.exec(select(LoginEvent.id).where(LoginEvent.email_hmac == "f" * 64)).all())


def test_deletes_go_in_batches_of_at_most_the_batch_size(session, frozen_clock):
    _seed_events(session, frozen_clock.now, expired=2500, fresh=3)
    batches = []
    retention.sweep(session, batch_size=1000, on_batch=lambda rule, n: batches.append((rule, n)))
    assert [n for rule, n in batches if rule == "login_event"] == [1000, 1000, 500]
    assert session.exec(select(func.count(LoginEvent.id))).one() == 3


def test_a_sweep_killed_halfway_and_restarted_ends_in_the_same_state(session, frozen_clock):
    fresh = _seed_events(session, frozen_clock.now, expired=2500, fresh=5)

    def die_after_first_batch(rule, n):
        if rule == "login_event":
            raise Killed

    with pytest.raises(Killed):
        retention.run_once(session, interval=timedelta(hours=1), holder="worker-a",
                           on_batch=die_after_first_batch, batch_size=1000)
    assert session.exec(select(func.count(LoginEvent.id))).one() == 1505  # one batch went
    unfinished = session.exec(select(RetentionRun).where(RetentionRun.rule == "login_event")).one()
    assert unfinished.finished_at is None  # the log shows the interrupted run
    # the dead worker's lease blocks others until it expires, then the sweep resumes
    assert retention.run_once(session, interval=timedelta(hours=1), holder="worker-b") is None
    frozen_clock.advance(minutes=6)
    report = retention.run_once(session, interval=timedelta(hours=1), holder="worker-b",
                                batch_size=1000)
    assert report is not None and report.rule("login_event").deleted == 1500
    assert set(session.exec(select(LoginEvent.id)).all()) == fresh
    again = retention.run_once(session, interval=timedelta(hours=1), holder="worker-b",
                               force=True)
    assert again.rule("login_event").deleted == 0  # idempotent


def test_a_dry_run_changes_nothing_and_says_when_the_next_rows_fall_due(session, frozen_clock):
    now = frozen_clock.now
    _seed_events(session, now, expired=7, fresh=2)
    report = retention.sweep(session, dry_run=True)
    rule = report.rule("login_event")
    assert rule.deleted == 7
    assert abs(rule.next_due - (now + timedelta(days=365))) < MINUTE
    assert session.exec(select(func.count(LoginEvent.id))).one() == 9
    logged = session.exec(select(RetentionRun).where(RetentionRun.run_id == report.run_id)).all()
    assert logged and all(r.dry_run and r.finished_at for r in logged)


def test_every_sweep_is_logged_per_rule_and_a_failing_rule_does_not_stop_the_others(
        session, frozen_clock, monkeypatch):
    _seed_events(session, frozen_clock.now, expired=3, fresh=0)
    broken = replace(REGISTRY["auth_session"],
                     retention=Retention(days(1), after="collection", from_field="no_such_col"))
    monkeypatch.setitem(REGISTRY, "auth_session", broken)
    report = retention.sweep(session)
    rows = {r.rule: r for r in session.exec(select(RetentionRun)
                                            .where(RetentionRun.run_id == report.run_id))}
    assert set(rows) == {e.table for e in retention.table_rules()} | {"accounts", "cv_trash"}
    assert rows["auth_session"].error == "KeyError"
    assert rows["login_event"].deleted == 3 and rows["login_event"].error == ""
    assert all(r.finished_at is not None for r in rows.values())


# ---------------------------------------------------------------- periods on the calendar
def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("period", "start", "end", "kept_until_end"), [
    (Period(2, "months"), _utc(2026, 3, 15, 9), _utc(2026, 5, 15, 9), True),
    (Period(2, "months"), _utc(2026, 12, 31, 9), _utc(2027, 2, 28, 9), False),  # clamped
    (Period(1, "years"), _utc(2028, 2, 29, 9), _utc(2029, 2, 28, 9), False),    # leap day
    (Period(2, "years"), _utc(2026, 12, 1, 9), _utc(2028, 12, 1, 9), True),
    (Period(30, "days"), _utc(2026, 1, 31, 9), _utc(2026, 3, 2, 9), True),
])
def test_months_and_years_are_calendar_months_and_years(period, start, end, kept_until_end):
    assert period.end(start) == end
    assert start < period.cutoff(end + MINUTE)  # past its end: due
    if kept_until_end:  # just inside: kept
        assert not start < period.cutoff(end - MINUTE)
    else:  # its end is a month's last day: due from that day's start, never later
        assert start < period.cutoff(end - MINUTE)
        assert not start < period.cutoff(end - timedelta(days=1))


@pytest.mark.parametrize("period", [Period(1, "months"), Period(2, "months"), Period(1, "years"),
                                    Period(2, "years"), Period(60, "days")])
def test_the_cutoff_never_keeps_a_row_past_its_end(period):
    """Moments every 22 hours over two years against sweeps every 65 hours over three: a
    row whose end has passed is always before the cutoff (the engine is never late)."""
    starts = [_utc(2027, 1, 1) + timedelta(hours=22 * i) for i in range(800)]
    for now in (_utc(2027, 1, 1) + timedelta(hours=65 * i) for i in range(400)):
        cutoff = period.cutoff(now)
        for start in starts:
            if period.end(start) < now:
                assert start < cutoff, (period, start, now)
            elif start < cutoff:  # early only on a month's last day, by less than a day
                assert period.end(start) - now < timedelta(days=1), (period, start, now)


def test_a_period_refuses_unknown_units_and_bare_numbers():
    with pytest.raises(ValueError):
        Period(2, "weeks")
    with pytest.raises(ValueError):
        Period(-1, "days")
    with pytest.raises(TypeError):
        Retention(60, after="handled")
