"""Benchmark of the retention sweep: 1,000,000 expired login events on SQLite.

    PYTHONPATH=. .venv/bin/python bench/retention.py [--rows 1000000] [--readers 2] [--batch 10000]

Seeds a temporary SQLite database (migrated like production, WAL) with ``--rows`` login
events older than their 1-year period plus a logged-in user, then runs the real sweep
(``services.retention.sweep``, batches of ``BATCH`` rows per transaction) while ``--readers``
threads keep doing what every page request does first: resolve the session cookie
(``services.sessions.resolve``: an indexed lookup of the session and the user). Prints the
sweep time and the p50 / p95 / max latency of those reads during the sweep.
Goal: sweep <= 30 s. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLOUDCV_DATA_DIR", tempfile.mkdtemp(prefix="cloudcv-bench-"))

from sqlmodel import Session, func, select  # noqa: E402

from cloudcv.models import LoginEvent, User  # noqa: E402
from cloudcv.services.accounts import sessions  # noqa: E402
from cloudcv.services.core import db
from cloudcv.services.core.devices import Client  # noqa: E402
from cloudcv.services.privacy import retention


def seed(url: str, rows: int) -> str:
    """Bulk-insert ``rows`` expired login events (one transaction, raw executemany) and
    return the session token of a logged-in user."""
    old = (datetime.now(UTC) - timedelta(days=400)).replace(tzinfo=None)
    stamp = old.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DateTime format
    raw = db.engine(url).raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO login_event (user_id, email_hmac, ip, device_id, session_public_id, os,"
            " browser, place, connection, success, reason, created_at)"
            " VALUES (?, ?, ?, '', '', 'Linux', 'Firefox', '', 'https/websocket', 0,"
            " 'bad_credentials', ?)",
            ((None, f"{i % 5000:064x}", f"192.0.2.{i % 250}", stamp) for i in range(rows)))
        raw.commit()
    finally:
        raw.close()
    with Session(db.engine(url), expire_on_commit=False) as s:
        user = User(name="Bench", email="bench@example.nl", password_hash="x",
                    email_verified_at=datetime.now(UTC), created_at=datetime.now(UTC))
        s.add(user)
        s.flush()
        client = Client(ip="192.0.2.1", device_id="b" * 32, user_agent="bench",
                        connection="http/websocket")
        token, _ = sessions.create(s, user=user, client=client, now=datetime.now(UTC))
        s.commit()
        return token


def reader(url: str, token: str, stop: threading.Event, out: list[float]) -> None:
    with Session(db.engine(url), expire_on_commit=False) as s:
        while not stop.is_set():
            started = time.perf_counter()
            assert sessions.resolve(s, token=token) is not None
            s.rollback()  # end the read transaction, as a request would
            out.append(time.perf_counter() - started)
            time.sleep(0.002)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=retention.BATCH)
    args = parser.parse_args()
    url = f"sqlite:///{Path(os.environ['CLOUDCV_DATA_DIR']) / 'bench.db'}"
    db.migrate(url)
    t0 = time.perf_counter()
    token = seed(url, args.rows)
    print(f"seeded {args.rows:,} expired login events in {time.perf_counter() - t0:.1f} s")

    idle: list[float] = []
    stop = threading.Event()
    probe = threading.Thread(target=reader, args=(url, token, stop, idle))
    probe.start()
    time.sleep(2)
    stop.set()
    probe.join()

    busy: list[float] = []
    stop = threading.Event()
    threads = [threading.Thread(target=reader, args=(url, token, stop, busy))
               for _ in range(args.readers)]
    for t in threads:
        t.start()
    with Session(db.engine(url), expire_on_commit=False) as s:
        started = time.perf_counter()
        report = retention.sweep(s, batch_size=args.batch)
        elapsed = time.perf_counter() - started
        left = s.exec(select(func.count(LoginEvent.id))).one()
    stop.set()
    for t in threads:
        t.join()

    deleted = report.rule("login_event").deleted
    print(f"sweep (batches of {args.batch:,}): {deleted:,} rows deleted in {elapsed:.1f} s "
          f"({deleted / elapsed:,.0f} rows/s, {left} left) — goal <= 30 s: "
          f"{'OK' if elapsed <= 30 and left == 0 else 'MISSED'}")
    print(f"session lookups idle:        n={len(idle)}  p50={pct(idle, .5):.2f} ms  "
          f"p95={pct(idle, .95):.2f} ms")
    print(f"session lookups during sweep: n={len(busy)}  p50={pct(busy, .5):.2f} ms  "
          f"p95={pct(busy, .95):.2f} ms  max={max(busy) * 1000:.1f} ms  "
          f"(mean {statistics.mean(busy) * 1000:.2f} ms)")
    return 0 if elapsed <= 30 and left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
