"""One retention round, shared by the background sweeper (``services/tasks.py``), the admin's
"run now" button and ``cloudcv retention run``: the registry-driven sweep
(``retention.run_once``) followed by the statement-change mails, under one lease.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from sqlmodel import Session

from . import marketing, retention, statement

log = logging.getLogger("cloudcv.tasks")

RETENTION_INTERVAL = float(os.environ.get("CLOUDCV_RETENTION_INTERVAL", "3600"))
RETENTION_FIRST_DELAY = float(os.environ.get("CLOUDCV_RETENTION_DELAY", "30"))


def retention_job(session: Session, *, interval: float = RETENTION_INTERVAL,
                  force: bool = False, **sweep_kw) -> retention.SweepReport | None:
    """One round: the sweep, the statement-change mails and the purge of unconfirmed news
    sign-ups (``marketing.purge_unconfirmed``), under the lease (``None`` when
    another worker holds it). Callers: the background task, ``cloudcv retention run`` and the
    admin's "run now" (``force=True``; the admin service checks the role). Raises
    ``retention.LeaseLost`` when the lease is taken over mid-round."""
    return retention.run_once(session, interval=timedelta(seconds=interval),
                              force=force, after_sweep=_announce, **sweep_kw)


def _announce(session: Session) -> None:
    queued = statement.announce(session)
    if queued:
        log.info("statement change mailed to %d users", queued)
    purged = marketing.purge_unconfirmed(session)
    if purged:
        log.info("%d unconfirmed news sign-ups deleted", purged)
