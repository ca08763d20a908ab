"""Background loops started by the app (one per backend worker).

Each loop does its blocking work in a thread and coordinates through the database
(mail rows are claimed atomically), so several workers can run them side by side.
``cloudcv.py`` registers them as Reflex lifespan tasks. What they run lives elsewhere:
mail delivery in ``core/mail.py``, the retention round and its lease in
``privacy/rounds.py`` (the CLI and the admin "run now" use the same round), the scheduled
backup and its lease in ``privacy/backups.py`` (``cloudcv backup`` uses the same job).
"""

from __future__ import annotations

import asyncio
import logging
import os

from ..config import settings
from .core import mail
from .core.db import in_session
from .privacy import backups
from .privacy.rounds import RETENTION_FIRST_DELAY, RETENTION_INTERVAL, retention_job

log = logging.getLogger("cloudcv.tasks")
MAIL_INTERVAL = float(os.environ.get("CLOUDCV_MAIL_INTERVAL", "10"))


async def mail_sender(interval: float = MAIL_INTERVAL) -> None:
    """Background task: deliver due mail every ``interval`` seconds, forever.

    A failing round is logged and the loop goes on; it never raises.
    """
    while True:
        try:
            await in_session(mail.deliver_due)
        except Exception:  # keep the loop alive; the row keeps its state for the next run
            log.exception("mail delivery failed")
        await asyncio.sleep(interval)


async def warm_up_pdf() -> None:
    """Parse the PDF fonts once per worker at start, then render the template gallery's
    thumbnails (``cv/gallery.py``), so the first user waits for neither."""
    from .cv import gallery, pdf

    try:
        await asyncio.to_thread(pdf.warm_up)
        await asyncio.to_thread(gallery.warm_up)
    except Exception:
        log.exception("PDF warm-up failed; the first render will load the fonts")


async def retention_sweeper(interval: float = RETENTION_INTERVAL,
                            first_delay: float = RETENTION_FIRST_DELAY) -> None:
    """Every worker polls the lease (at most every 5 minutes); whoever gets it sweeps, and
    the lease then rests for ``interval``, so there is one sweep per interval in total."""
    poll = min(interval, 300.0)
    await asyncio.sleep(first_delay)
    while True:
        try:
            report = await in_session(retention_job, interval=interval)
            if report is not None:
                log.info("retention sweep %s: %s", report.run_id,
                         {r.rule: r.deleted for r in report.rules if r.deleted})
        except Exception:  # keep the loop alive; the next round continues where this stopped
            log.exception("retention sweep failed")
        await asyncio.sleep(poll)


async def backup_scheduler(first_delay: float = backups.FIRST_DELAY) -> None:
    """Every worker polls the ``backup`` lease (at most every 5 minutes); whoever gets it takes
    the backup and the lease rests for ``CLOUDCV_BACKUP_INTERVAL``: one backup per interval
    for the whole cluster. A failed backup is logged; the next poll after the lease expires
    retries."""
    await asyncio.sleep(first_delay)
    while True:
        try:
            path = await in_session(backups.backup_job)
            if path is not None:
                log.info("backup written: %s", path.name)
        except Exception:  # keep the loop alive; the lease expires and another round retries
            log.exception("backup failed")
        await asyncio.sleep(min(settings().backup_interval, 300.0))
