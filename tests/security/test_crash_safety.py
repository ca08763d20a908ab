"""Issue 19, crash safety: SIGKILL the process that runs an account erasure or a retention
sweep, at a chosen point; after a restart no half-erased user exists and the sweep completes.

The process is ``tests/security/crash_child.py`` (the real services against the test's
database, SQLite file or PostgreSQL). It signals through a pipe when it has reached the
point and then blocks; the test reads that line and kills it there (explicit
synchronisation: no sleep decides anything). The checks walk every table of the
personal-data registry.
"""

from __future__ import annotations

import os
import select as io_select
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, func
from sqlmodel import select as sql_select

from cloudcv.models import REGISTRY, ErasureTombstone, Lease, LoginEvent, metadata
from cloudcv.models.base import utcnow
from cloudcv.services.core import db
from cloudcv.services.privacy import erasure, retention
from tests.mydata_factories import full_user

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # seconds a child may take to reach its point (a bound on failure, not a wait)


class Child:
    """The child process with its two pipes: ``ready`` (child -> test), ``hold`` (never
    written: the child blocks reading it until it is killed)."""

    def __init__(self, *args: str):
        self.ready_r, ready_w = os.pipe()
        hold_r, self.hold_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.security.crash_child", args[0], args[1], args[2],
             args[3], str(ready_w), str(hold_r), *args[4:]],
            cwd=ROOT, pass_fds=(ready_w, hold_r), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        os.close(ready_w)
        os.close(hold_r)

    def reached(self) -> str:
        """The point the child reports (blocks until it does, or fails after TIMEOUT)."""
        readable, _, _ = io_select.select([self.ready_r], [], [], TIMEOUT)
        line = os.read(self.ready_r, 200).decode().strip() if readable else ""
        if not line:  # finished (or crashed) without reaching it
            out, err = self.proc.communicate(timeout=TIMEOUT)
            pytest.fail(f"the child never reached its point: {out} {err[-2000:]}")
        return line

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=TIMEOUT) == -signal.SIGKILL
        self.close()

    def finish(self) -> str:
        out, err = self.proc.communicate(timeout=TIMEOUT * 3)
        self.close()
        assert self.proc.returncode == 0, err[-3000:]
        return out.strip()

    def close(self) -> None:
        for fd in (self.ready_r, self.hold_w):
            try:
                os.close(fd)
            except OSError:
                pass


def held_rows(url: str, user_id: int) -> dict[str, int]:
    """Per registered table: the rows that point at the user (a fresh connection: what a
    restarted server sees)."""
    with Session(db.engine(url)) as s:
        found = {}
        for name, entry in REGISTRY.items():
            column = metadata.tables[name].c[entry.subject]
            found[name] = s.exec(sql_select(func.count()).select_from(metadata.tables[name])
                                 .where(column == user_id)).one()
        return found


def tombstoned(url: str, user_id: int) -> bool:
    with Session(db.engine(url)) as s:
        return s.exec(sql_select(ErasureTombstone.id).where(
            ErasureTombstone.subject_hash == erasure.tombstone_hash(user_id))).first() is not None


@pytest.fixture
def user_db(session, db_url):
    """A full user (a row in every registered table) in the test's database; the test's
    own session is closed so that only the child writes."""
    user, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    session.commit()
    session.close()
    db.engine(db_url).dispose()
    return db_url, user.id


# ---------------------------------------------------------------- erasure
@pytest.mark.parametrize("stop_at", ["stmt:1", "stmt:12", "commit"])
def test_a_kill_during_an_erasure_leaves_the_user_whole_and_a_restart_erases_all(user_db,
                                                                                 stop_at):
    url, user_id = user_db
    before = held_rows(url, user_id)
    assert all(before.values()), {t for t, n in before.items() if not n}  # every table filled
    child = Child("erase", url, str(user_id), stop_at)
    assert child.reached() == stop_at
    child.kill()
    after_kill = held_rows(url, user_id)
    assert after_kill == before, "a killed erasure left a half-erased user"
    assert not tombstoned(url, user_id)
    # restart: the user asks again (or the retention engine retries), and it completes
    assert Child("erase", url, str(user_id), "never").finish().startswith("erased")
    left = {t: n for t, n in held_rows(url, user_id).items() if n}
    # the audit log keeps an anonymised line, never the id: nothing may point at the user
    assert left == {}, f"still pointing at the erased user: {left}"
    assert tombstoned(url, user_id)


def test_the_kill_points_are_inside_one_transaction(user_db):
    """The statement kill points above are real points of the erasure: it sends more than
    twice 12 writes, all before its one commit (so "stmt:12" is in the middle)."""
    url, user_id = user_db
    out = Child("erase", url, str(user_id), "never").finish()
    writes = int(out.split(" in ")[1].split()[0])
    assert writes > 2 * 12, out
    assert writes >= len(REGISTRY)  # one statement per registered table at least


# ---------------------------------------------------------------- retention sweep
EXPIRED = 1000
FRESH = 7
BATCH = 100


@pytest.fixture
def expired_db(session, db_url):
    """``EXPIRED`` login events past their 1-year period (400 days old) and ``FRESH`` ones
    of today, no user needed (login events of unknown addresses are kept the same way)."""
    old = utcnow() - timedelta(days=400)
    session.add_all(LoginEvent(email_hmac=f"{i:064x}", ip="192.0.2.1", reason="bad_credentials",
                               created_at=old + timedelta(seconds=i)) for i in range(EXPIRED))
    session.add_all(LoginEvent(email_hmac=f"{i:064x}", ip="192.0.2.1", reason="bad_credentials",
                               created_at=utcnow()) for i in range(FRESH))
    session.commit()
    session.close()
    db.engine(db_url).dispose()
    return db_url


def login_events(url: str) -> tuple[int, int]:
    """(expired, fresh) login events still in the database."""
    cutoff = utcnow() - timedelta(days=200)
    with Session(db.engine(url)) as s:
        old = s.exec(sql_select(func.count()).select_from(LoginEvent)
                     .where(LoginEvent.created_at < cutoff)).one()
        new = s.exec(sql_select(func.count()).select_from(LoginEvent)
                     .where(LoginEvent.created_at >= cutoff)).one()
        return old, new


def test_a_kill_during_a_sweep_loses_nothing_and_the_next_worker_completes_it(expired_db):
    url = expired_db
    child = Child("sweep", url, str(BATCH), "batch:3")
    assert child.reached() == "batch:3:login_event"
    child.kill()
    old, new = login_events(url)
    assert old == EXPIRED - 3 * BATCH and new == FRESH  # three batches committed, no more
    with Session(db.engine(url)) as s:
        lease = s.get(Lease, retention.LEASE_NAME)
        assert lease.holder != ""  # the dead worker still holds it
    # a restarted worker at once: the dead one's lease has not expired, so nobody sweeps
    assert Child("sweep", url, str(BATCH), "never").finish() == "lease busy"
    assert login_events(url) == (EXPIRED - 3 * BATCH, FRESH)
    # once the lease has expired (LEASE_TTL, 5 minutes: the child's clock is 6 minutes on),
    # the next worker takes it over and completes the sweep
    out = Child("sweep", url, str(BATCH), "never", str(6 * 60)).finish()
    assert out.startswith("swept") and out.endswith("errors=[]"), out
    assert login_events(url) == (0, FRESH)
    with Session(db.engine(url)) as s:
        assert s.get(Lease, retention.LEASE_NAME).holder == ""  # rested, released


def test_a_sweep_killed_in_its_first_batch_still_completes(expired_db):
    """A kill right after the first committed batch, then a takeover: the same end state."""
    child = Child("sweep", expired_db, str(BATCH), "batch:1")
    assert child.reached().startswith("batch:1:")
    child.kill()
    assert login_events(expired_db)[0] == EXPIRED - BATCH
    out = Child("sweep", expired_db, str(BATCH), "never", str(6 * 60)).finish()
    assert out.endswith("errors=[]"), out
    assert login_events(expired_db) == (0, FRESH)
