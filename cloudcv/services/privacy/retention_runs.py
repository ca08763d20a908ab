"""The retention sweep's log: one ``RetentionRun`` row per rule per sweep.

The engine (``services/privacy/retention.py``) writes it through ``log_start`` / ``log_end``
and prunes it with ``prune``; admins read it with ``recent_runs`` (``/beheer/register``,
``services/admin/ops_admin.py``). A row holds counters and an exception class name, never
row values (``models/retention.py`` declares the table free of personal data).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from ...models import RetentionRun
from ...models.registry import Period
from ..core import clock
from ..core.authz import require_admin

RUN_LOG_DAYS = 400  # the sweep log itself (no personal data)


@dataclass
class RuleReport:
    """What one rule did in one sweep (a table, or "accounts" for the agreement rule);
    ``next_due`` and ``held`` are filled by a dry run."""

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


def log_start(session: Session, run_id: str, report: RuleReport, *, dry_run: bool,
              holder: str, now: datetime) -> RetentionRun:
    """Log that a rule starts (an unfinished row shows a sweep that died). Background task
    and CLI only, through the sweep; commits."""
    row = RetentionRun(run_id=run_id, rule=report.rule, after=report.after, started_at=now,
                       dry_run=dry_run, holder=holder)
    session.add(row)
    session.commit()
    return row


def log_end(session: Session, row: RetentionRun, report: RuleReport, started: float) -> None:
    """Log the rule's counters, error class name and duration (``started``: a
    ``time.perf_counter()`` value). Called by the sweep only; commits."""
    row = session.merge(row)
    row.finished_at = clock.now()
    row.duration_ms = int((time.perf_counter() - started) * 1000)
    row.deleted, row.anonymised, row.prompted = report.deleted, report.anonymised, report.prompted
    row.error = report.error
    session.add(row)
    session.commit()


def prune(session: Session, *, now: datetime) -> None:
    """Delete log rows older than ``RUN_LOG_DAYS``. Called by a real (not dry) sweep."""
    session.exec(delete(RetentionRun).where(
        RetentionRun.started_at < now - timedelta(days=RUN_LOG_DAYS)))
    session.commit()


@dataclass(frozen=True)
class RunView:
    """One logged rule of one sweep, as admins see it."""

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
    """The newest logged rules of recent sweeps (an unfinished one has no ``finished_at``),
    at most ``limit`` (1-1000). Admins only: Forbidden for anyone else."""
    require_admin(session, admin_id)
    rows = session.exec(select(RetentionRun).order_by(RetentionRun.id.desc())
                        .limit(max(1, min(int(limit), 1000)))).all()
    return [RunView(run_id=r.run_id, rule=r.rule, after=r.after, started_at=r.started_at,
                    finished_at=r.finished_at, duration_ms=r.duration_ms, deleted=r.deleted,
                    anonymised=r.anonymised, prompted=r.prompted, error=r.error,
                    dry_run=r.dry_run) for r in rows]
