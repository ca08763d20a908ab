"""Shared fixtures. Settings are read once per process, so the data dir is set first.

Every service test runs on BOTH backends: the embedded default (SQLite file) and the
scale-out database (PostgreSQL, ``CLOUDCV_TEST_PG``, default the local server on
127.0.0.1:5432). In CI (``CI=true``) a missing PostgreSQL is an error, not a skip.
"""

import functools
import os
import tempfile
import uuid

os.environ.setdefault("CLOUDCV_DATA_DIR", tempfile.mkdtemp(prefix="cloudcv-test-"))
os.environ.setdefault("CLOUDCV_SECRET_KEY", "test-secret-key-not-for-production")

import pytest  # noqa: E402
import sqlalchemy  # noqa: E402
from sqlmodel import Session  # noqa: E402

from cloudcv.models import metadata  # noqa: E402
from cloudcv.services.core import clock, db  # noqa: E402

PG_SERVER = os.environ.get("CLOUDCV_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("CLOUDCV_TEST_REDIS", "redis://127.0.0.1:6379")


@functools.cache
def _pg_available() -> bool:
    try:
        engine = sqlalchemy.create_engine(PG_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        if os.environ.get("CI") == "true":
            raise
        return False


@functools.cache
def _redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return True
    except Exception:
        if os.environ.get("CI") == "true":
            raise
        return False


def _answers(check) -> bool:
    try:
        return check()
    except Exception:  # CI=true: the check raises; the tests that need it fail on their own
        return False


def _scale_path_missing() -> list[str]:
    """What of the scale-out path this run could not test, and why (empty: all of it)."""
    missing = []
    if not _answers(_pg_available):
        missing.append(f"PostgreSQL not reachable at {PG_SERVER}: the service tests ran on SQLite "
                       "only, the 2-worker scale-out tests did not run")
    if not _answers(_redis_available):
        missing.append(f"Redis not reachable at {REDIS_URL}: the 2-worker scale-out tests "
                       "(tests/browser/test_scaleout.py) did not run")
    return missing


def pytest_report_header(config):
    return [f"scale-out path: {m}" for m in _scale_path_missing()] or [
        "scale-out path: PostgreSQL and Redis answer (tests run on SQLite and PostgreSQL, "
        "and on PostgreSQL + Redis + 2 workers)"]


def pytest_terminal_summary(terminalreporter):
    """``make test`` says it plainly when the PostgreSQL / Redis part did not run: a missing
    backend drops the ``postgresql`` parameter (no skip line of its own would show it)."""
    missing = _scale_path_missing()
    if missing:
        terminalreporter.section("scale-out path NOT tested", sep="=", yellow=True, bold=True)
        for line in missing:
            terminalreporter.write_line(f"SKIPPED: {line}", yellow=True)
        terminalreporter.write_line("Start them (docs/deploy.md, ../shared/spec/stack-notes.md) or "
                                    "set CLOUDCV_TEST_PG / CLOUDCV_TEST_REDIS; CI=true makes this an error.")


SEEDED_TABLES = ("processor",)
_PG_SEEDS: dict[str, dict[str, list[dict]]] = {}
BACKENDS = ["sqlite"] + (["postgresql"] if _pg_available() else [])


@pytest.fixture(scope="session")
def pg_url():
    """A fresh PostgreSQL database for this test run, migrated once, dropped at the end."""
    name = f"cloudcv_test_{uuid.uuid4().hex[:10]}"
    server = sqlalchemy.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    db.migrate(url)
    with db.engine(url).connect() as conn:  # rows the migrations seed, restored per test
        seeds = {t: [dict(r._mapping) for r in conn.execute(metadata.tables[t].select())]
                 for t in SEEDED_TABLES}
    _PG_SEEDS[url] = seeds
    yield url
    db.engine(url).dispose()
    with server.connect() as conn:
        conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        db.migrate(url)
        return url
    url = request.getfixturevalue("pg_url")
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with db.engine(url).begin() as conn:
        conn.execute(sqlalchemy.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table, rows in _PG_SEEDS[url].items():
            if rows:
                conn.execute(metadata.tables[table].insert(), rows)
                conn.execute(sqlalchemy.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    return url


def alembic_config(url: str):
    """Alembic's configuration of this project, pointed at ``url`` (what ``db.migrate`` uses)."""
    from alembic.config import Config

    from cloudcv.config import ROOT

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["url"] = url
    return cfg


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path):
    """An empty database on each backend (no migration applied), dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    name = f"cloudcv_mig_{uuid.uuid4().hex[:10]}"
    server = sqlalchemy.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    yield url
    db.engine(url).dispose()
    with server.connect() as conn:
        conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def session(db_url):
    with Session(db.engine(db_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture
def frozen_clock():
    """A clock the test moves: ``frozen_clock.advance(minutes=5)``."""
    from datetime import timedelta

    from cloudcv.models.base import utcnow

    class Clock:
        def __init__(self):
            self.now = utcnow()

        def __call__(self):
            return self.now

        def advance(self, **kw):
            self.now += timedelta(**kw)

    c = Clock()
    clock.set(c)
    yield c
    clock.set(None)
