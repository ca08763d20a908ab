"""The trash (issue 23): deleting a CV moves it here for ``TRASH_RETENTION`` (30 days, in the
registry: ``models/cv.py``), with one-click restore; then the retention engine erases it
like any other data (:func:`sweep`, one rule of every sweep). "Prullenbak legen" erases at
once. A CV in the trash is gone for every other service: ``cv/checks.owned_cv`` refuses it,
so it cannot be edited, downloaded or sent, and its personal links die the moment it goes
in (``sharing.kill_links``, the same transaction); restoring does not revive them. It stays
in the user's "Mijn gegevens" export until it is erased: it is still held. The owner only
(``NotFound`` otherwise), one transaction per action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from ...models import CV
from ...models.cv import TRASH_RETENTION
from ..core import audit, clock, fields
from ..core.errors import NotFound
from ..cv.checks import owned_cv
from ..cv.cvs import remove_cv
from . import sharing
from .retention_runs import RuleReport


@dataclass(frozen=True)
class TrashedCV:
    """One CV in the trash, as the list shows it."""

    id: int
    title: str
    trashed: str       # the day it went in (Europe/Amsterdam, dd-mm-jjjj)
    erased_on: str     # the day it will be erased
    days_left: int


def _trashed(session: Session, user_id: int, cv_id) -> CV:
    if not fields.is_id(cv_id):
        raise NotFound("error.not_found")
    cv = session.get(CV, cv_id)
    if cv is None or cv.user_id != user_id or cv.trashed_at is None:
        raise NotFound("error.not_found")
    return cv


def erase_on(trashed_at: datetime) -> datetime:
    """When a CV that went into the trash at ``trashed_at`` is erased."""
    return TRASH_RETENTION.effective.end(trashed_at)


def trash_cv(session: Session, *, user_id: int, cv_id, ip: str = "") -> int:
    """Move one of the user's CVs to the trash; its links die at once. Returns how many
    links were still live. A locked CV may be trashed too (the lock guards its content)."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    live = sharing.kill_links(session, cv_id=cv.id)
    cv.trashed_at = clock.now()
    session.add(cv)
    audit.record(session, action="cv.trashed", actor_user_id=user_id, subject_user_id=user_id,
                 ip=ip, cv_id=cv.id, links=live)
    session.commit()
    return live


def restore_cv(session: Session, *, user_id: int, cv_id) -> None:
    """Take a CV out of the trash, as it was (its links stay dead)."""
    cv = _trashed(session, user_id, cv_id)
    cv.trashed_at = None
    cv.updated_at = clock.now()
    session.add(cv)
    audit.record(session, action="cv.restored", actor_user_id=user_id, subject_user_id=user_id,
                 cv_id=cv.id)
    session.commit()


def erase_cv(session: Session, *, user_id: int, cv_id) -> None:
    """Erase one CV of the trash now, with everything that hangs off it."""
    remove_cv(session, _trashed(session, user_id, cv_id))
    session.commit()


def empty_trash(session: Session, *, user_id: int) -> int:
    """Erase every CV in the user's trash now; returns how many."""
    rows = session.exec(select(CV).where(CV.user_id == user_id, CV.trashed_at.is_not(None))).all()
    for cv in rows:
        remove_cv(session, cv)
    if rows:
        audit.record(session, action="cv.trash_emptied", actor_user_id=user_id,
                     subject_user_id=user_id, count=len(rows))
    session.commit()
    return len(rows)


def list_trash(session: Session, *, user_id: int) -> list[TrashedCV]:
    """The user's trash, most recently deleted first, with the day each goes for good."""
    rows = session.exec(select(CV).where(CV.user_id == user_id, CV.trashed_at.is_not(None))
                        .order_by(CV.trashed_at.desc())).all()
    today = clock.local_today()
    out = []
    for cv in rows:
        end = erase_on(cv.trashed_at)
        out.append(TrashedCV(id=cv.id, title=cv.title, trashed=clock.format_date(cv.trashed_at),
                             erased_on=clock.format_date(end),
                             days_left=max((clock.local_date(end) - today).days, 0)))
    return out


def sweep(session: Session, report: RuleReport, now: datetime, *, dry_run: bool,
          batch_size: int, on_batch, keepalive) -> None:
    """The trash rule of one retention sweep: erase every CV whose time in the trash is up
    (``dry_run``: only count). Called by the engine only; commits per batch."""
    cutoff = TRASH_RETENTION.effective.cutoff(now)
    while True:
        rows = session.exec(select(CV).where(CV.trashed_at.is_not(None), CV.trashed_at <= cutoff)
                            .order_by(CV.id).limit(batch_size)).all()
        if dry_run:
            report.deleted += session.exec(select(func.count(CV.id)).where(
                CV.trashed_at.is_not(None), CV.trashed_at <= cutoff)).one()
            break
        for cv in rows:
            remove_cv(session, cv)
        session.commit()
        report.deleted += len(rows)
        if rows and on_batch is not None:
            on_batch("cv_trash", len(rows))
        if rows and keepalive is not None:
            keepalive()
        if len(rows) < batch_size:
            break
    first = session.exec(select(func.min(CV.trashed_at)).where(CV.trashed_at > cutoff)).one()
    if first is not None:
        report.next_due = erase_on(first)
