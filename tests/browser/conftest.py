"""A real CloudCV server (production build, one port) for browser tests.

Started once per test session the way ``make run`` starts it, on a free port, with its
own data dir (SQLite, secret key) and a real SMTP server on loopback for its mail.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy
from playwright.sync_api import expect
from sqlmodel import Session

from cloudcv import keys
from cloudcv.services.core import db
from tests.smtp import SMTPServer, free_port

ROOT = Path(__file__).resolve().parents[2]
# A check still fails when the page never gets there; it only waits longer than Playwright's
# 5 s for steps that hash a password (argon2) on a 2-core CI machine under full load.
expect.set_options(timeout=15_000)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Server:
    def __init__(self, url: str, db_url: str, env: dict, smtp: SMTPServer, log: Path,
                 proc: subprocess.Popen | None = None):
        self.url, self.db_url, self.env, self.smtp, self.log = url, db_url, env, smtp, log
        self.proc = proc  # `reflex run`, leader of the process group of the server's workers

    def session(self) -> Session:
        return Session(db.engine(self.db_url), expire_on_commit=False)

    def cli(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(ROOT / ".venv/bin/cloudcv"), *args], env={**self.env, **env},
                              capture_output=True, text=True, timeout=60, check=True)


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server did not answer on {url}:\n{log.read_text()[-4000:]}")


def _start(extra_env: dict | None = None, db_url: str | None = None):
    """Start a production server; yields a Server. Extra env selects the scale-out path."""
    smtp = SMTPServer().start()
    data = Path(tempfile.mkdtemp(prefix="cloudcv-browser-"))
    port = free_port()
    db_url = db_url or f"sqlite:///{data / 'cloudcv.db'}"
    keys.keyring()  # makes sure the test process's key exists
    sealing_keys = os.environ.get(keys.ENV) or keys.key_file().read_text().strip()
    env = {
        **os.environ,
        "CLOUDCV_DATA_DIR": str(data),
        "REFLEX_DB_URL": db_url,
        "CLOUDCV_SECRET_KEY": "browser-test-secret",
        # the server seals with the test process's keys, so tests can read what it stored
        keys.ENV: sealing_keys,
        "CLOUDCV_BASE_URL": f"http://localhost:{port}",
        "CLOUDCV_SMTP_URL": smtp.url,
        "CLOUDCV_MAIL_INTERVAL": "0.5",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{os.environ['PATH']}",
        "REFLEX_TELEMETRY_ENABLED": "false",
        **(extra_env or {}),
    }
    db.migrate(db_url)
    log = data / "server.log"
    try:
        with reflex_prod(ROOT, env, port, log) as proc:
            yield Server(f"http://localhost:{port}", db_url, env, smtp, log, proc)
    finally:
        smtp.stop()
        print(f"server log: {log}", file=sys.stderr)


@contextmanager
def reflex_prod(app_dir: Path, env: dict, port: int, log: Path):
    """``reflex run --env prod`` of the app in ``app_dir`` on one port, until it answers;
    stopped (its whole process group) on exit. Also starts bench/lighthouse.py's blank app."""
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/reflex"), "run", "--env", "prod",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=app_dir, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(f"http://localhost:{port}/", proc, log)
        _wait_http(f"http://localhost:{port}/ping", proc, log)
        yield proc
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except ProcessLookupError:  # a test killed it already (kill -9 tests)
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def scale_stack(extra_env: dict | None = None):
    """The scale-out path: a scratch PostgreSQL database, Reflex state in Redis, 2 workers.

    Its own frontend build: the build bakes in the event URL (this server's port), and
    rebuilding the shared .web would point the session server's pages at this one."""
    from tests.conftest import PG_SERVER, REDIS_URL

    name = f"cloudcv_scaleout_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    web = tempfile.mkdtemp(prefix="cloudcv-scaleout-web-")
    try:
        yield from _start({"REFLEX_REDIS_URL": f"{REDIS_URL}/9", "GRANIAN_WORKERS": "2",
                           "REFLEX_WEB_WORKDIR": web, **(extra_env or {})}, db_url=url)
    finally:
        db.engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def server():
    """The embedded default: SQLite file, Reflex state on disk, one worker. With
    ``CLOUDCV_TEST_STACK=scale`` (``make test`` runs the journeys again so) the same tests
    run on PostgreSQL + Redis + 2 workers."""
    if os.environ.get("CLOUDCV_TEST_STACK") == "scale":
        yield from scale_stack()
    else:
        yield from _start()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(server):
    return server.url


@pytest.fixture
def artifacts():
    path = ROOT / "artifacts"
    path.mkdir(exist_ok=True)
    return path
