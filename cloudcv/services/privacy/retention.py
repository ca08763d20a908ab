"""The retention engine: every period of the personal-data registry, enforced.

It walks ``models.REGISTRY`` (no table list here) and applies each table's ``Retention``:

- ``collection`` / ``technical`` / ``consent_withdrawn``: rows whose ``from_field`` is older
  than the period go (for consent-based data this is the "never longer than" cap; deleting
  on withdrawal itself is the consent service's job, at the moment of withdrawal).
- ``handled`` / ``unsubscribe``: the clock starts when ``from_field`` is set (NULL = not
  handled yet / still subscribed); rows go that period later.
- ``unless="abuse_hold"``: rows of a user with an active ``AbuseHold`` stay until it is lifted.
- ``legal_period`` (with its documented ``legal_override``) wins over ``period``.
- Periods carry their unit (``models.registry.Period``): days are exact, months and years
  are counted on the calendar (``Period.cutoff``; docs/retention.md).
- ``agreement_end``: the clock is the account's (see ``agreement_start`` and
  docs/retention.md). 30 and 7 days before the erasure date the user gets a mail with a
  signed "keep my account" link; silence means ``erasure.erase_user(reason="retention")``,
  the same routine as "delete account", which removes every registered row of the user.

Deletes run in batches of ``BATCH`` rows, one transaction each, so the site stays
responsive and a crash loses nothing: the next sweep simply continues (the conditions are
the same, so a sweep is idempotent). Every rule of every sweep is logged in
``RetentionRun``. ``run_once`` wraps the sweep in a database lease, so of many workers only
one sweeps at a time; the lease expires when its holder dies.

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
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, delete, func, or_, type_coerce, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select
from sqlmodel.sql.sqltypes import UTCDateTime

from ...config import settings
from ...models import REGISTRY, AbuseHold, Lease, RetentionNotice, RetentionRun, User
from ...models.registry import Entry, Period
from ..core import append_only, audit, clock, mail, tokens
from ..core.authz import require_admin
from ..core.errors import Invalid
from . import erasure

log = logging.getLogger("cloudcv.retention")

BATCH = 10_000  # measured: 1M rows in 23 s vs 55 s at 1,000, with lower read latency (bench/retention.py)
LEASE_NAME = "retention"
LEASE_TTL = timedelta(minutes=5)          # a dead holder's lease frees up after this
PROMPTS = (("30d", 30), ("7d", 7))        # keep-account mails: kind, days before erasure
KEEP_PATH = "/account-behouden"
HOLDS = ("abuse_hold",)
RUN_LOG_DAYS = 400                        # the sweep log itself (no personal data)
SQLITE_CACHE_KIB = 65536                  # the sweep's own connection: 64 MB page cache
TABLE_KINDS = ("collection", "technical", "consent_withdrawn", "handled", "unsubscribe")


class LeaseLost(RuntimeError):
    """Another worker took the lease (ours expired mid-sweep): stop at once."""


@dataclass
class RuleReport:
    rule: str
    after: str
    period: Period | None = None
    deleted: int = 0
    anonymised: int = 0
    prompted: int = 0
    held: int = 0
    error: str = ""
    next_due: datetime | None = None
    details: dict[str, int] = field(default_factory=dict)


@dataclass
class SweepReport:
    run_id: str
    dry_run: bool
    rules: list[RuleReport]

    def rule(self, name: str) -> RuleReport:
        return next(r for r in self.rules if r.rule == name)


# ---------------------------------------------------------------- the lease
def holder_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(session: Session, *, holder: str, name: str = LEASE_NAME, ttl: timedelta = LEASE_TTL,
            force: bool = False, now: datetime | None = None) -> bool:
    """Take the lease when it is free: expired, or (``force``) resting between sweeps.

    One conditional UPDATE, or one INSERT for a lease that never existed: both are atomic
    on SQLite and PostgreSQL, so of two racing workers exactly one gets it.
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
    """Extend our lease; ``LeaseLost`` when another worker has taken it over."""
    kept = session.exec(update(Lease).where(Lease.name == name, Lease.holder == holder)
                        .values(expires_at=clock.now() + ttl))
    session.commit()
    if kept.rowcount != 1:
        raise LeaseLost(name)


def rest(session: Session, *, holder: str, until: datetime, name: str = LEASE_NAME) -> None:
    """Done: nobody sweeps again before ``until`` (the CLI may, with ``force``)."""
    session.exec(update(Lease).where(Lease.name == name, Lease.holder == holder)
                 .values(holder="", expires_at=until))
    session.commit()


# ---------------------------------------------------------------- table rules
def table_rules() -> list[Entry]:
    """Registry entries the sweep deletes per table (account data goes per account)."""
    return [e for e in REGISTRY.values()
            if e.retention.after != "agreement_end" and e.retention.effective is not None]


def account_tables() -> list[str]:
    return [e.table for e in REGISTRY.values() if e.retention.after == "agreement_end"]


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
    """SQL condition: the row must go now."""
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


# ---------------------------------------------------------------- accounts
def agreement_period() -> Period:
    return REGISTRY["user_account"].retention.effective


def agreement_start(user: User) -> datetime:
    """When the agreement last showed life: the latest of sign-up, last login and a
    "keep my account" click. The agreement ends ``agreement_period()`` after it if nothing
    happens (docs/retention.md)."""
    return max(t for t in (user.created_at, user.last_login_at, user.kept_at) if t is not None)


def _start_sql():
    seen = func.coalesce(User.last_login_at, User.created_at)
    return type_coerce(case((and_(User.kept_at.is_not(None), User.kept_at > seen), User.kept_at),
                            else_=seen), UTCDateTime())


def erasure_due(user: User) -> datetime:
    return agreement_period().end(agreement_start(user))


def _fmt_date(moment: datetime, lang: str) -> str:
    """'5 januari 2027' / '5 January 2027': the Amsterdam date, spelled by babel (the
    server's C locale used to decide the month names of strftime's %B)."""
    return clock.format_long_date(moment, lang)


def _prompt(session: Session, user: User, *, kind: str, due: datetime, erase_at: datetime,
            now: datetime) -> None:
    token = tokens.issue(session, user_id=user.id, purpose="keep_account")
    mail.enqueue(session, to=user.email, template=f"keep_account_{kind}", lang=user.lang,
                 user_id=user.id, name=user.name, date=_fmt_date(erase_at, user.lang),
                 link=f"{settings().base_url}{KEEP_PATH}?token={token}")
    session.add(RetentionNotice(user_id=user.id, kind=kind, due_at=due, sent_at=now))
    session.commit()


def _account_step(session: Session, user: User, now: datetime, *, dry_run: bool) -> str | None:
    """One account: send the next keep-account prompt, erase it, or nothing yet.

    The user always gets both prompts before anything is erased: if a prompt went out late
    (the engine was down), the erasure moves so that the 30-day and 7-day notices hold.
    """
    due = erasure_due(user)
    sent = {n.kind: n.sent_at for n in session.exec(select(RetentionNotice).where(
        RetentionNotice.user_id == user.id, RetentionNotice.due_at == due))}
    erase_at = due
    for kind, days in PROMPTS:
        if kind not in sent:
            if now < erase_at - timedelta(days=days):
                return None
            if not dry_run:
                _prompt(session, user, kind=kind, due=due, now=now,
                        erase_at=max(erase_at, now + timedelta(days=days)))
            return f"prompt_{kind}"
        erase_at = max(erase_at, sent[kind] + timedelta(days=days))
    if now < erase_at:
        return None
    return "erase"


def _sweep_accounts(session: Session, report: RuleReport, now: datetime, *, dry_run: bool,
                    batch_size: int, on_batch, keepalive) -> None:
    period = agreement_period()
    # every account whose erasure is due within the first prompt's lead (a superset:
    # ``_account_step`` decides per account on ``erasure_due``)
    window = period.cutoff(now + timedelta(days=max(d for _, d in PROMPTS)))
    last_id = 0
    while True:
        ids = session.exec(select(User.id).where(_start_sql() <= window, User.id > last_id)
                           .order_by(User.id).limit(batch_size)).all()
        for user_id in ids:
            user = session.get(User, user_id)
            step = _account_step(session, user, now, dry_run=dry_run)
            if step is None:
                continue
            report.details[step] = report.details.get(step, 0) + 1
            if step.startswith("prompt"):
                report.prompted += 1
            elif dry_run:
                report.deleted += 1
            else:
                result = erasure.erase_user(session, user_id=user_id, reason="retention")
                report.deleted += 1
                report.anonymised += sum(result.anonymised.values())
        if ids:
            last_id = ids[-1]
            if on_batch is not None:
                on_batch("accounts", len(ids))
            if keepalive is not None:
                keepalive()
        if len(ids) < batch_size:
            break
    first = session.exec(select(func.min(_start_sql())).where(_start_sql() > window)).one()
    if first is not None:
        report.next_due = period.end(first) - timedelta(days=PROMPTS[0][1])


# ---------------------------------------------------------------- the sweep
def _log_start(session: Session, run_id: str, report: RuleReport, *, dry_run: bool,
               holder: str, now: datetime) -> RetentionRun:
    row = RetentionRun(run_id=run_id, rule=report.rule, after=report.after, started_at=now,
                       dry_run=dry_run, holder=holder)
    session.add(row)
    session.commit()
    return row


def _log_end(session: Session, row: RetentionRun, report: RuleReport, started: float) -> None:
    row = session.merge(row)
    row.finished_at = clock.now()
    row.duration_ms = int((time.perf_counter() - started) * 1000)
    row.deleted, row.anonymised, row.prompted = report.deleted, report.anonymised, report.prompted
    row.error = report.error
    session.add(row)
    session.commit()


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
    """Apply every rule once. A failing rule is logged (class name only) and the sweep
    goes on with the next; an interruption (crash, kill) is picked up by the next sweep."""
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
    accounts = RuleReport(rule="accounts", after="agreement_end", period=agreement_period())
    rules.append((accounts, lambda r: _sweep_accounts(
        session, r, now, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch,
        keepalive=keepalive)))
    for report, apply in rules:
        started = time.perf_counter()
        row = _log_start(session, run_id, report, dry_run=dry_run, holder=holder, now=now)
        try:
            apply(report)
        except LeaseLost:
            session.rollback()
            raise
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            session.rollback()
            report.error = type(exc).__name__
            log.exception("retention rule %s failed", report.rule)
        _log_end(session, row, report, started)
        reports.append(report)
    if not dry_run:
        session.exec(delete(RetentionRun).where(
            RetentionRun.started_at < now - timedelta(days=RUN_LOG_DAYS)))
        session.commit()
    return SweepReport(run_id=run_id, dry_run=dry_run, rules=reports)


def run_once(session: Session, *, interval: timedelta, force: bool = False,
             holder: str | None = None, after_sweep: Callable[[Session], None] | None = None,
             **sweep_kw) -> SweepReport | None:
    """Sweep if this worker gets the lease; ``None`` when another worker has it.

    After a sweep the lease rests until ``interval`` has passed, so N workers waking up
    every interval still sweep once per interval. ``force`` (the CLI) also takes a
    resting lease, never a running one.
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


# ---------------------------------------------------------------- keep my account
@dataclass(frozen=True)
class KeepResult:
    name: str
    next_due: datetime


def check_keep_link(session: Session, *, token) -> str:
    """The name of the account behind a live keep-account link (Invalid otherwise)."""
    row = tokens.peek(session, token=token, purpose="keep_account")
    user = session.get(User, row.user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    return user.name


def keep_account(session: Session, *, token) -> KeepResult:
    """The user clicked "keep my account": the agreement clock starts again today."""
    user_id = tokens.consume(session, token=token, purpose="keep_account")
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.link_invalid")
    now = clock.now()
    user.kept_at = now
    session.add(user)
    tokens.revoke_all(session, user_id=user.id, purpose="keep_account")
    audit.record(session, action="account.kept", actor_user_id=user.id, subject_user_id=user.id)
    session.commit()
    return KeepResult(name=user.name, next_due=erasure_due(user))


# ---------------------------------------------------------------- for admins
@dataclass(frozen=True)
class RunView:
    run_id: str
    rule: str
    after: str
    started_at: datetime
    finished_at: datetime | None
    duration_ms: int
    deleted: int
    anonymised: int
    prompted: int
    error: str
    dry_run: bool


def recent_runs(session: Session, *, admin_id: int, limit: int = 100) -> list[RunView]:
    """The newest logged rules of recent sweeps (an unfinished one has no ``finished_at``)."""
    require_admin(session, admin_id)
    rows = session.exec(select(RetentionRun).order_by(RetentionRun.id.desc())
                        .limit(max(1, min(int(limit), 1000)))).all()
    return [RunView(run_id=r.run_id, rule=r.rule, after=r.after, started_at=r.started_at,
                    finished_at=r.finished_at, duration_ms=r.duration_ms, deleted=r.deleted,
                    anonymised=r.anonymised, prompted=r.prompted, error=r.error,
                    dry_run=r.dry_run) for r in rows]
