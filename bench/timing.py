"""Timing of a known versus an unknown e-mail address at login and at the password reset.

    PYTHONPATH=. .venv/bin/python bench/timing.py [--tries 200] [--pg postgresql+psycopg://...]

Seeds a temporary SQLite database (migrated like production) with one verified account,
then times ``--tries`` login attempts with a wrong password and ``--tries`` reset requests
for that account and for addresses without one, interleaved (``tests/security/timing.py``,
which ``tests/security/test_brute_force.py`` also uses), and prints the medians. With
``--pg`` (a server URL; a temporary database is created and dropped) the same on PostgreSQL.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLOUDCV_DATA_DIR", tempfile.mkdtemp(prefix="cloudcv-bench-"))
os.environ.setdefault("CLOUDCV_SECRET_KEY", "bench-secret-key-not-for-production")

import sqlalchemy  # noqa: E402
from sqlmodel import Session  # noqa: E402

from cloudcv.services.core import db  # noqa: E402
from tests.factories import verified_user  # noqa: E402
from tests.security import timing  # noqa: E402


def measure(url: str, tries: int) -> None:
    db.migrate(url)
    with Session(db.engine(url), expire_on_commit=False) as session:
        verified_user(session, email=timing.KNOWN)
        print(f"{url.split(':')[0]:10}", timing.login_timing(session, tries))
        print(f"{url.split(':')[0]:10}", timing.reset_timing(session, tries))
    db.engine(url).dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=200)
    parser.add_argument("--pg", help="PostgreSQL server URL (…/postgres)")
    args = parser.parse_args()
    measure(f"sqlite:///{tempfile.mkdtemp(prefix='cloudcv-timing-')}/timing.db", args.tries)
    if args.pg:
        name = f"cloudcv_timing_{uuid.uuid4().hex[:8]}"
        server = sqlalchemy.create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
        try:
            measure(args.pg.rsplit("/", 1)[0] + f"/{name}", args.tries)
        finally:
            with server.connect() as conn:
                conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
