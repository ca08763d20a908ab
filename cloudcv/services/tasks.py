"""Background loops started by the app (one per backend worker).

Each loop does its blocking work in a thread and coordinates through the database
(mail rows are claimed atomically), so several workers can run them side by side.
"""

from __future__ import annotations

import asyncio
import logging
import os

from . import mail
from .db import in_session

log = logging.getLogger("cloudcv.tasks")
MAIL_INTERVAL = float(os.environ.get("CLOUDCV_MAIL_INTERVAL", "10"))


async def mail_sender(interval: float = MAIL_INTERVAL) -> None:
    while True:
        try:
            await in_session(mail.deliver_due)
        except Exception:  # keep the loop alive; the row keeps its state for the next run
            log.exception("mail delivery failed")
        await asyncio.sleep(interval)


async def warm_up_pdf() -> None:
    """Parse the PDF fonts once per worker at start, so the first user waits no longer."""
    from . import pdf

    try:
        await asyncio.to_thread(pdf.warm_up)
    except Exception:
        log.exception("PDF warm-up failed; the first render will load the fonts")
