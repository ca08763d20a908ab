"""Crash safety of ``cloudcv keys rotate`` (P28): the process is killed with SIGKILL in the
middle of a rotation; the half-rotated database still opens, a restart right away is refused
while the dead process's lease lasts, and once the lease has expired the restart finishes
the rotation. Afterwards every value opens with the new key alone."""

import os
import signal
import subprocess
import sys
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from cloudcv import keys
from cloudcv.models import CV, Lease, User
from cloudcv.services.core import clock, db
from cloudcv.services.privacy import key_rotation, retention

K1, K2 = keys.new_key_entry("old1"), keys.new_key_entry("new2")
ROWS = 1000
VALUES = ROWS * 5  # five sealed details per CV
BATCH = 10


def _seed(db_url: str) -> None:
    with Session(db.engine(db_url)) as s:
        user = User(email="crash@example.nl", name="Crash Test", password_hash="x")
        s.add(user)
        s.commit()
        s.add_all(CV(user_id=user.id, title=f"cv {i}", nationality=f"land-{i}", gender="x",
                     marital_status="", birth_date=date(1950, 1, 1) + timedelta(days=i),
                     driving_licence=["B"]) for i in range(ROWS))
        s.commit()


def _totals(db_url: str) -> dict[str, int]:
    with Session(db.engine(db_url)) as s:
        totals: dict[str, int] = {}
        for counts in key_rotation.status(s).values():
            for key_id, n in counts.items():
                totals[key_id] = totals.get(key_id, 0) + n
        return totals


def _cli(db_url: str, tmp_path, batch: int = BATCH) -> subprocess.Popen:
    env = {**os.environ, "REFLEX_DB_URL": db_url, "CLOUDCV_DATA_DIR": str(tmp_path),
           keys.ENV: f"{K2},{K1}"}
    return subprocess.Popen([sys.executable, "-m", "cloudcv.cli", "keys", "rotate",
                             "--batch", str(batch)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_a_rotation_killed_midway_completes_after_restart(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv(keys.ENV, K1)
    _seed(db_url)
    monkeypatch.setenv(keys.ENV, f"{K2},{K1}")

    proc = _cli(db_url, tmp_path)
    batches = 0
    for line in proc.stdout:  # kill it after its third committed batch
        if line.startswith("re-sealed "):
            batches += 1
            if batches == 3:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    half = _totals(db_url)
    assert half.get("new2", 0) >= 3 * BATCH and half.get("old1", 0) > 0, half  # really midway
    assert half["new2"] + half["old1"] == VALUES

    again = _cli(db_url, tmp_path)  # the dead process still holds the lease
    out, err = again.communicate(timeout=120)
    assert again.returncode == 3 and "busy" in err
    assert _totals(db_url) == half

    with Session(db.engine(db_url)) as s:  # what LEASE_TTL does after five minutes
        s.execute(sa.update(Lease).where(Lease.name == retention.LEASE_NAME)
                  .values(expires_at=clock.now() - timedelta(seconds=1)))
        s.commit()
    final = _cli(db_url, tmp_path, batch=500)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert f"done: {half['old1']} values re-sealed under new2" in out
    assert _totals(db_url) == {"new2": VALUES}

    monkeypatch.setenv(keys.ENV, K2)  # the old key removed: every value opens
    with Session(db.engine(db_url)) as s:
        cvs = s.exec(select(CV).order_by(CV.id)).all()
    assert len(cvs) == ROWS
    for i, cv in enumerate(cvs):
        assert (cv.nationality, cv.gender, cv.marital_status, cv.birth_date,
                cv.driving_licence) == (f"land-{i}", "x", "", date(1950, 1, 1) + timedelta(days=i),
                                        ["B"])
