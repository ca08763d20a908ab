"""The retention engine: every period of the personal-data registry, enforced.

Where the periods live: on each table's registry entry, the ``@personal_data(retention=...)``
decorator right above its model class in ``cloudcv/models/<domain>.py`` (login events:
``models/accounts.py``, above ``LoginEvent``); what the statement promises per clause is in
``models/purposes.py``. This module has no table list: it walks ``models.REGISTRY`` and
applies each table's ``Retention``:

- ``collection`` / ``technical`` / ``consent_withdrawn``: rows whose ``from_field`` is older
  than the period go (for consent-based data this is the "never longer than" cap; deleting
  on withdrawal itself is the consent service's job, at the moment of withdrawal).
- ``handled`` / ``unsubscribe``: the clock starts when ``from_field`` is set (NULL = not
  handled yet / still subscribed); rows go that period later.
- ``unless="abuse_hold"``: rows of a user with an active ``AbuseHold`` stay until it is lifted.
- ``legal_period`` (with its documented ``legal_override``) wins over ``period``.
- Periods carry their unit (``models.registry.Period``): days are exact, months and years
  are counted on the calendar (``Period.cutoff``; docs/retention.md).
- ``agreement_end``: the account's clock, with the 30/7-day keep-account mails, is one rule
  of the sweep, in ``services/privacy/account_retention.py``.
- a table's ``trash`` (CVs: 30 days after ``trashed_at``): the rows and everything hanging
  off them go through ``services/privacy/trash.py``, one rule of the sweep.

Deletes run in batches of ``BATCH`` rows, one transaction each, so the site stays
responsive and a crash loses nothing: the next sweep simply continues (the conditions are
the same, so a sweep is idempotent). Every rule of every sweep is logged in
``RetentionRun`` (``services/privacy/retention_runs.py``, which also serves the admins'
view). ``run_once`` wraps the sweep in a database lease, so of many workers only one sweeps
at a time; the lease expires when its holder dies. Who runs it: the background task
(``services/tasks.py`` through ``rounds.retention_job``), ``cloudcv retention run`` and the
admin's "run now" (``services/admin/ops_admin.py``); nothing here checks a role.

Time comes from ``clock.now()`` (or ``now=``), so tests move the clock instead of waiting.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, type_coerce, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from sqlmodel.sql.sqltypes import UTCDateTime

from ...models import REGISTRY, AbuseHold, Lease
from ...models.registry import Entry
from ..core import append_only, clock
from ...models.cv import TRASH_RETENTION
from . import account_retention, retention_runs, trash
from .retention_runs import RuleReport

log = logging.getLogger("cloudcv.retention")

BATCH = 10_000  # measured: 1M rows in 23 s vs 55 s at 1,000, with lower read latency (bench/retention.py)
TRASH_BATCH = 100  # CVs erased per transaction (each with its entries, photo, links…)
LEASE_NAME = "retention"
LEASE_TTL = timedelta(minutes=5)          # a dead holder's lease frees up after this
HOLDS = ("abuse_hold",)
SQLITE_CACHE_KIB = 65536                  # the sweep's own connection: 64 MB page cache
TABLE_KINDS = ("collection", "technical", "consent_withdrawn", "handled", "unsubscribe")


class LeaseLost(RuntimeError):
    """Another worker took the lease (ours expired mid-sweep): stop at once."""


@dataclass
class SweepReport:
    """What one sweep did, rule by rule (the CLI prints it, the admin view previews it)."""

    run_id: str
    dry_run: bool
    rules: list[RuleReport]

    def rule(self, name: str) -> RuleReport:
        """The report of one rule (a table name, or "accounts"); StopIteration if none."""
        return next(r for r in self.rules if r.rule == name)


# ---------------------------------------------------------------- the lease
def holder_id() -> str:
    """This worker's name on the lease: host, process id and a random part."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(session: Session, *, holder: str, name: str = LEASE_NAME, ttl: timedelta = LEASE_TTL,
            force: bool = False, now: datetime | None = None) -> bool:
    """Take the lease when it is free: expired, or (``force``) resting between sweeps.

    One conditional UPDATE, or one INSERT for a lease that never existed: both are atomic
    on SQLite and PostgreSQL, so of two racing workers exactly one gets it. Background task
    and CLI (through ``run_once``); commits; raises nothing on a lost race (False).
    """
    now = now or clock.now()
    free = Lease.expires_at <= now
    if force:
        free = or_(free, Lease.holder == "")
    taken = session.exec(update(Lease).where(Lease.name == name, free)
                         .values(holder=holder, expires_at=now + ttl))
    session.commit()
    if taken.rowcount == 1:
        return True
    if session.get(Lease, name) is not None:
        return False
    try:
        session.add(Lease(name=name, holder=holder, expires_at=now + ttl))
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def renew(session: Session, *, holder: str, name: str = LEASE_NAME, ttl: timedelta = LEASE_TTL) -> None:
    """Extend our lease (the sweep's keepalive); raises ``LeaseLost`` when another worker
    has taken it over. Commits."""
    kept = session.exec(update(Lease).where(Lease.name == name, Lease.holder == holder)
                        .values(expires_at=clock.now() + ttl))
    session.commit()
    if kept.rowcount != 1:
        raise LeaseLost(name)


def rest(session: Session, *, holder: str, until: datetime, name: str = LEASE_NAME) -> None:
    """Done: nobody sweeps again before ``until`` (the CLI may, with ``force``). Commits."""
    session.exec(update(Lease).where(Lease.name == name, Lease.holder == holder)
                 .values(holder="", expires_at=until))
    session.commit()


# ---------------------------------------------------------------- table rules
def table_rules() -> list[Entry]:
    """Registry entries the sweep deletes per table (account data goes per account, in
    ``account_retention``). Any code may call it; it reads only the registry."""
    return [e for e in REGISTRY.values()
            if e.retention.after != "agreement_end" and e.retention.effective is not None]


def _table(entry: Entry):
    return entry.model.__table__


def _held_subjects():
    return select(AbuseHold.user_id).where(AbuseHold.lifted_at.is_(None))


def _due(entry: Entry, now: datetime):
    """SQL condition: the row is past its period (holds not yet applied)."""
    rule = entry.retention
    if rule.after not in TABLE_KINDS:
        raise ValueError(f"{entry.table}: no table sweep for after={rule.after!r}")
    col = _table(entry).c[rule.from_field]
    cutoff = _cutoff(entry, now)
    if rule.after in ("handled", "unsubscribe"):
        return and_(col.is_not(None), col <= cutoff)
    return col < cutoff


def _cutoff(entry: Entry, now: datetime) -> datetime:
    return entry.retention.effective.cutoff(now)


def _not_held(entry: Entry):
    if entry.retention.unless is None:
        return None
    if entry.retention.unless not in HOLDS:
        raise ValueError(f"{entry.table}: unknown hold {entry.retention.unless!r}")
    subject = _table(entry).c[entry.subject]
    return or_(subject.is_(None), subject.not_in(_held_subjects()))


def expired(entry: Entry, now: datetime):
    """SQL condition: the row must go now (past its period, not under a hold). ValueError
    for a rule the table sweep does not know (an ``after`` or ``unless`` it has no case for)."""
    cond, free = _due(entry, now), _not_held(entry)
    return cond if free is None else and_(cond, free)


def _sweep_table(session: Session, entry: Entry, report: RuleReport, now: datetime, *,
                 batch_size: int, on_batch: Callable[[str, int], None] | None,
                 keepalive: Callable[[], None] | None) -> None:
    table = _table(entry)
    pk = table.c.id
    while True:
        # no ORDER BY: SQLite then walks the index of ``from_field`` instead of the table
        ids = select(pk).where(expired(entry, now)).limit(batch_size)
        with append_only.deleting_expired(session, entry.table, _cutoff(entry, now)):
            gone = session.exec(delete(table).where(pk.in_(ids))).rowcount or 0
        session.commit()
        report.deleted += gone
        if on_batch is not None:
            on_batch(entry.table, gone)
        if keepalive is not None:
            keepalive()
        if gone < batch_size:
            return


def _inspect_table(session: Session, entry: Entry, report: RuleReport, now: datetime) -> None:
    """Dry run: count what would go and what is held; when the next row falls due."""
    table = _table(entry)
    rule = entry.retention
    col = table.c[rule.from_field]
    report.deleted = session.exec(select(func.count()).select_from(table)
                                  .where(expired(entry, now))).one()
    if rule.unless:
        report.held = session.exec(select(func.count()).select_from(table)
                                   .where(_due(entry, now), ~_not_held(entry))).one()
    first = session.exec(select(type_coerce(func.min(col), UTCDateTime()))
                         .where(col.is_not(None), ~_due(entry, now))).one()
    report.next_due = rule.effective.end(first) if first else None


# ---------------------------------------------------------------- the sweep
@contextmanager
def _working_session(session: Session) -> Iterator[Session]:
    """The sweep's own connection. On SQLite it gets a large page cache for the duration:
    deleting a million rows updates every index of the table, and with the default 2 MB
    cache most of that time goes to re-reading index pages (60 s vs. 37 s here)."""
    with session.get_bind().connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            conn.commit()
        try:
            with Session(bind=conn, expire_on_commit=False) as work:
                yield work
        finally:
            if sqlite:  # back to the default before the connection returns to the pool
                conn.rollback()
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.commit()


def sweep(session: Session, *, now: datetime | None = None, dry_run: bool = False,
          batch_size: int = BATCH, holder: str = "",
          on_batch: Callable[[str, int], None] | None = None,
          keepalive: Callable[[], None] | None = None) -> SweepReport:
    """Apply every rule once (``dry_run``: only count what would go). A failing rule is
    logged (class name only) and the sweep goes on with the next; an interruption (crash,
    kill) is picked up by the next sweep. Callers: ``run_once`` (background task, CLI, the
    admin's "run now") and the dry-run preview for admins; raises ``LeaseLost`` only."""
    with _working_session(session) as work:
        return _sweep(work, now=now or clock.now(), dry_run=dry_run, batch_size=batch_size,
                      holder=holder, on_batch=on_batch, keepalive=keepalive)


def _sweep(session: Session, *, now: datetime, dry_run: bool, batch_size: int, holder: str,
           on_batch, keepalive) -> SweepReport:
    run_id = uuid.uuid4().hex
    reports: list[RuleReport] = []
    rules: list[tuple[RuleReport, Callable[[RuleReport], None]]] = []
    for entry in sorted(table_rules(), key=lambda e: e.table):
        report = RuleReport(rule=entry.table, after=entry.retention.after,
                            period=entry.retention.effective)
        if dry_run:
            rules.append((report, lambda r, e=entry: _inspect_table(session, e, r, now)))
        else:
            rules.append((report, lambda r, e=entry: _sweep_table(
                session, e, r, now, batch_size=batch_size, on_batch=on_batch,
                keepalive=keepalive)))
    trashed = RuleReport(rule="cv_trash", after="handled", period=TRASH_RETENTION.effective)
    rules.append((trashed, lambda r: trash.sweep(
        session, r, now, dry_run=dry_run, batch_size=min(batch_size, TRASH_BATCH),
        on_batch=on_batch, keepalive=keepalive)))
    accounts = RuleReport(rule="accounts", after="agreement_end",
                          period=account_retention.agreement_period())
    rules.append((accounts, lambda r: account_retention.sweep_accounts(
        session, r, now, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch,
        keepalive=keepalive)))
    for report, apply in rules:
        started = time.perf_counter()
        row = retention_runs.log_start(session, run_id, report, dry_run=dry_run, holder=holder,
                                       now=now)
        try:
            apply(report)
        except LeaseLost:
            session.rollback()
            raise
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            session.rollback()
            report.error = type(exc).__name__
            log.exception("retention rule %s failed", report.rule)
        retention_runs.log_end(session, row, report, started)
        reports.append(report)
    if not dry_run:
        retention_runs.prune(session, now=now)
    return SweepReport(run_id=run_id, dry_run=dry_run, rules=reports)


def run_once(session: Session, *, interval: timedelta, force: bool = False,
             holder: str | None = None, after_sweep: Callable[[Session], None] | None = None,
             **sweep_kw) -> SweepReport | None:
    """Sweep if this worker gets the lease; ``None`` when another worker has it.

    After a sweep the lease rests until ``interval`` has passed, so N workers waking up
    every interval still sweep once per interval. ``force`` (the CLI, the admin's "run
    now") also takes a resting lease, never a running one. Raises ``LeaseLost`` when the
    lease is taken over mid-sweep (the next round continues the work).
    """
    holder = holder or holder_id()
    if not acquire(session, holder=holder, force=force):
        return None
    last_renewal = time.monotonic()

    def keepalive() -> None:
        nonlocal last_renewal
        if time.monotonic() - last_renewal > LEASE_TTL.total_seconds() / 3:
            renew(session, holder=holder)
            last_renewal = time.monotonic()

    rested = False
    try:
        report = sweep(session, holder=holder, keepalive=keepalive, **sweep_kw)
        if after_sweep is not None:
            after_sweep(session)
        rest(session, holder=holder, until=clock.now() + interval)
        rested = True
        return report
    finally:
        if not rested:  # failed: let another worker retry after the short lease
            session.rollback()
