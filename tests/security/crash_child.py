"""The "server" that ``test_crash_safety.py`` kills with SIGKILL at a chosen point.

    python -m tests.security.crash_child erase <db_url> <user_id> <stop_at> <ready_fd> <hold_fd>
    python -m tests.security.crash_child sweep <db_url> <batch_size> <stop_at> <ready_fd> <hold_fd>
        [<clock_offset_seconds>]

It runs the real service (``erasure.erase_user`` / ``rounds.retention_job``) against the
database. At the point ``stop_at`` names it writes one line to the pipe ``ready_fd`` and
blocks reading ``hold_fd``, which the parent never writes to: the parent reads the line and
kills it there, so the kill lands at exactly that point every time (no sleeps, no races).
``stop_at`` "never" runs to the end and prints a summary line on stdout.

- erase: ``stmt:<k>`` stops before the k-th SQL statement of the erasure's transaction;
  ``commit`` stops when the connection is about to COMMIT (every statement sent).
- sweep: ``batch:<k>`` stops after the k-th committed batch, inside ``on_batch``.

The hooks are SQLAlchemy events and the services' own ``on_batch`` parameter: production
code has no test seam for this.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from sqlalchemy import event

from cloudcv.models.base import utcnow
from cloudcv.services.core import clock, db
from cloudcv.services.privacy import erasure, rounds


def _stop(ready_fd: int, hold_fd: int, where: str) -> None:
    os.write(ready_fd, f"{where}\n".encode())
    os.read(hold_fd, 1)  # blocks until killed (the parent keeps the write end, silent)
    raise SystemExit("released: the parent should have killed this process")


def erase(url: str, user_id: str, stop_at: str, ready_fd: int, hold_fd: int) -> None:
    engine = db.engine(url)
    count = [0]
    target = int(stop_at.split(":")[1]) if stop_at.startswith("stmt:") else None

    @event.listens_for(engine, "before_cursor_execute")
    def _before(_conn, _cursor, statement, *_):
        if statement.lstrip().upper().startswith(("DELETE", "UPDATE", "INSERT")):
            count[0] += 1
            if count[0] == target:
                _stop(ready_fd, hold_fd, f"stmt:{target}")

    if stop_at == "commit":
        @event.listens_for(engine, "commit")
        def _commit(_conn):
            _stop(ready_fd, hold_fd, "commit")
    with db.session_scope(url) as session:
        report = erasure.erase_user(session, user_id=int(user_id), notify=True)
    print(f"erased {sum(report.deleted.values())} rows in {count[0]} writes", flush=True)


def sweep(url: str, batch_size: str, stop_at: str, ready_fd: int, hold_fd: int,
          offset: str = "0") -> None:
    shift = timedelta(seconds=float(offset))
    clock.set(lambda: utcnow() + shift)
    batches = [0]
    target = int(stop_at.split(":")[1]) if stop_at.startswith("batch:") else None

    def on_batch(table: str, gone: int) -> None:
        if gone:
            batches[0] += 1
        if batches[0] == target:
            _stop(ready_fd, hold_fd, f"batch:{target}:{table}")

    with db.session_scope(url) as session:
        report = rounds.retention_job(session, batch_size=int(batch_size), on_batch=on_batch)
    if report is None:
        print("lease busy", flush=True)
    else:
        print(f"swept {sum(r.deleted for r in report.rules)} rows "
              f"errors={[r.rule for r in report.rules if r.error]}", flush=True)


if __name__ == "__main__":
    mode, url, arg, stop, ready, hold, *rest = sys.argv[1:]
    {"erase": erase, "sweep": sweep}[mode](url, arg, stop, int(ready), int(hold), *rest)
