"""Admin operations on retention (§3) and processors (§4.1).

- ``retention_overview``: the last logged runs per rule plus a dry-run preview of what
  the next sweep would delete and when the next items fall due.
- ``run_retention_now``: the same sweep as the background task, under the same lease
  (``None`` when another worker is sweeping right now).
- Processors: record the processing agreement date and the data each one receives; this
  feeds /privacy, the Art. 30 register and the access overview.

The retention rules themselves are the registry entries in ``models/``; the sweep is
``services/privacy/retention.py``, its lease and round ``services/privacy/rounds.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from ...models import Processor
from ..core import audit, clock, fields
from ..core.authz import require_admin
from ..core.errors import Invalid, NotFound
from ..privacy import retention, retention_runs
from ..privacy.rounds import retention_job  # the background task's own round: one code path


@dataclass(frozen=True)
class RuleLine:
    """One retention rule: what the next sweep would delete, what is held, the last run."""

    rule: str
    would_delete: int
    held: int
    next_due: str
    last_run: str
    last_deleted: int
    last_error: str


@dataclass(frozen=True)
class ProcessorLine:
    """One processor or hosting site as the admin form shows it."""

    id: int
    category: str
    role: str
    name: str
    applicable: bool
    agreement_date: str
    data_received: str


def _fmt(dt: datetime | None) -> str:
    return clock.format_datetime(dt, zone=True)


def retention_overview(session: Session, *, admin_id: int) -> list[RuleLine]:
    """Per rule: a dry-run preview of the next sweep and the last real run.

    Admin only: ``require_admin`` raises Forbidden otherwise. Deletes nothing;
    the dry run is logged as a run, like ``cloudcv retention run --dry-run``.
    """
    require_admin(session, admin_id)
    preview = retention.sweep(session, dry_run=True)
    last: dict[str, retention_runs.RunView] = {}
    for run in retention_runs.recent_runs(session, admin_id=admin_id, limit=500):
        if not run.dry_run and run.rule not in last:
            last[run.rule] = run
    return [RuleLine(rule=r.rule, would_delete=r.deleted + r.anonymised, held=r.held,
                     next_due=_fmt(r.next_due),
                     last_run=_fmt(last[r.rule].finished_at or last[r.rule].started_at) if r.rule in last else "",
                     last_deleted=last[r.rule].deleted + last[r.rule].anonymised if r.rule in last else 0,
                     last_error=last[r.rule].error if r.rule in last else "")
            for r in preview.rules]


def run_retention_now(session: Session, *, admin_id: int) -> int | None:
    """Sweep now; returns rows deleted/anonymised, or None when another worker holds the lease.

    Admin only: ``require_admin`` raises Forbidden otherwise. Audit-logged when it ran.
    """
    require_admin(session, admin_id)
    report = retention_job(session, force=True)
    if report is None:
        return None
    total = sum(r.deleted + r.anonymised for r in report.rules)
    audit.record(session, action="admin.retention.run", actor_user_id=admin_id, actor_role="admin",
                 run_id=report.run_id, rows=total)
    session.commit()
    return total


def processors(session: Session, *, admin_id: int) -> list[ProcessorLine]:
    """Every processor and hosting site, in the statement's order.

    Admin only: ``require_admin`` raises Forbidden otherwise.
    """
    require_admin(session, admin_id)
    rows = session.exec(select(Processor).order_by(Processor.position, Processor.id)).all()
    return [ProcessorLine(id=p.id, category=p.category, role=p.role, name=p.name, applicable=p.applicable,
                          agreement_date=clock.format_date(p.agreement_date),
                          data_received=p.data_received) for p in rows]


def update_processor(session: Session, *, admin_id: int, processor_id, name, agreement_date,
                     data_received) -> None:
    """Change a processor's name, agreement date (empty: none) and data received (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown id; Invalid
    for too long text, a bad date or one in the future (``error.date_future_generic``).
    """
    require_admin(session, admin_id)
    row = session.get(Processor, processor_id) if fields.is_id(processor_id) else None
    if row is None:
        raise NotFound("error.not_found")
    row.name = fields.text(name, field="name", max_len=120)
    row.data_received = fields.text(data_received, field="data_received", max_len=200)
    text = fields.text(agreement_date, field="agreement_date", max_len=10)
    if text:
        parsed = clock.parse_date(text, field="agreement_date")
        if parsed > clock.local_today():
            raise Invalid("error.date_future_generic", field="agreement_date")
        row.agreement_date = parsed
    else:
        row.agreement_date = None
    session.add(row)
    audit.record(session, action="admin.processor.update", actor_user_id=admin_id, actor_role="admin",
                 processor_id=row.id, category=row.category)
    session.commit()
