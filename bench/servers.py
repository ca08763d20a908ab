"""The servers a benchmark measures: CloudCV from this checkout and the blank Reflex app.

    with servers.cloudcv("sqlite") as app, servers.baseline("sqlite") as blank: ...

Both start the way production does (``reflex run --env prod``, frontend and backend on one free
port) in one of two set-ups chosen by environment only:

- ``"sqlite"``: one worker; CloudCV on a SQLite file in its own data dir.
- ``"pg"``: Redis state and ``GRANIAN_WORKERS=2``; CloudCV on a scratch PostgreSQL database
  (created, migrated with ``services.core.db.migrate``, dropped afterwards). Each app gets a
  Redis database number of its own, flushed before and after.

CloudCV is started by ``tests/browser/conftest._start`` (the browser tests' server: its own
data dir, the SMTP server on loopback, this process's sealing keys, so the benchmark can read
what the server stored through ``Server.session()``). Every server builds its frontend in a
web directory of its own (``REFLEX_WEB_WORKDIR``), kept between runs under the system temp
dir so only the first run downloads the npm packages; the build bakes in the port, so two
servers never share one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BASELINE_DIR = ROOT / "bench" / "baseline"
REDIS_URL = os.environ.get("CLOUDCV_BENCH_REDIS", "redis://127.0.0.1:6379")
PG_SERVER = os.environ.get("CLOUDCV_BENCH_PG",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
# Redis database numbers of the benchmarks' own (the scale-out browser test uses 9)
REDIS_DB = {"cloudcv": 12, "baseline": 13}
SCALES = ("sqlite", "pg")
# The blank app's state path and its one handler (bench/baseline/baseline/baseline.py)
BLANK_STATE = "reflex___state____state.baseline___baseline____blank_state"
BLANK_HANDLER = f"{BLANK_STATE}.set_text"


@dataclass
class Running:
    """A started server: its URL, its process group, the set-up it runs in."""

    name: str
    scale: str
    url: str
    pgid: int
    workers: int
    web_dir: Path
    log: Path
    app: object = None  # CloudCV: the tests' Server (db_url, session())
    extra: dict = field(default_factory=dict)

    def alive(self) -> bool:
        """Whether the server still answers ``/ping``."""
        try:
            with urllib.request.urlopen(f"{self.url}/ping", timeout=5) as resp:
                return resp.status == 200
        except OSError:
            return False

    def pids(self) -> list[int]:
        """Every process of the server's process group (granian's workers among them)."""
        out = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == self.pgid:
                        out.append(int(entry.name))
                except OSError:
                    pass
        return sorted(out)

    def busiest_pid(self, over: float = 1.0) -> int:
        """The group's process that used the most CPU in the next ``over`` seconds: under
        load, the app's worker (not the ``reflex run`` parent, whose CPU went into the build).
        What to profile."""
        def cpu(pid: int) -> int:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                return int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                return -1
        before = {pid: cpu(pid) for pid in self.pids()}
        time.sleep(over)
        return max(before, key=lambda pid: cpu(pid) - before[pid])


def web_dir(name: str) -> Path:
    """A web directory kept between runs, one per checkout, app and set-up."""
    tag = hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]
    path = Path(tempfile.gettempdir()) / "cloudcv-bench-web" / f"{tag}-{name}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _reachable(probe) -> bool:
    try:
        probe()
        return True
    except Exception:
        return False


def redis_available() -> bool:
    import redis

    return _reachable(lambda: redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())


def pg_available() -> bool:
    import sqlalchemy

    def probe():
        engine = sqlalchemy.create_engine(PG_SERVER, connect_args={"connect_timeout": 3})
        try:
            engine.connect().close()
        finally:
            engine.dispose()
    return _reachable(probe)


def scale_available(scale: str) -> bool:
    return scale == "sqlite" or (redis_available() and pg_available())


def available(scales: list[str], notes: list[str]) -> Iterator[str]:
    """The set-ups of ``scales`` that can run here; a note for each one skipped."""
    for scale in scales:
        if scale_available(scale):
            yield scale
        else:
            notes.append(f"{scale}: skipped (PostgreSQL or Redis does not answer)")


def _flush_redis(db: int) -> None:
    import redis

    client = redis.Redis.from_url(f"{REDIS_URL}/{db}", socket_connect_timeout=2)
    client.flushdb()
    client.close()


def _scale_env(app: str, scale: str, web: Path) -> dict[str, str]:
    env = {"REFLEX_WEB_WORKDIR": str(web)}
    if scale == "pg":
        env |= {"REFLEX_REDIS_URL": f"{REDIS_URL}/{REDIS_DB[app]}", "GRANIAN_WORKERS": "2"}
    return env


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def baseline(scale: str = "sqlite") -> Iterator[Running]:
    """The blank Reflex app (``bench/baseline``), production build, on a free port."""
    from tests.browser.conftest import _wait_http
    from tests.smtp import free_port

    port = free_port()
    web = web_dir(f"baseline-{scale}")
    data = Path(tempfile.mkdtemp(prefix="cloudcv-bench-blank-"))
    log = data / "server.log"
    env = {**os.environ, "REFLEX_TELEMETRY_ENABLED": "false",
           "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{os.environ['PATH']}",
           **_scale_env("baseline", scale, web)}
    for key in ("REFLEX_DB_URL", *(() if scale == "pg" else ("REFLEX_REDIS_URL", "GRANIAN_WORKERS"))):
        env.pop(key, None)
    if scale == "pg":
        _flush_redis(REDIS_DB["baseline"])
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/reflex"), "run", "--env", "prod",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=BASELINE_DIR, env=env, stdout=fh, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        url = f"http://localhost:{port}"
        _wait_http(f"{url}/", proc, log)
        _wait_http(f"{url}/ping", proc, log)
        yield Running("baseline", scale, url, proc.pid, 2 if scale == "pg" else 1, web, log)
    finally:
        _stop(proc)
        if scale == "pg":
            _flush_redis(REDIS_DB["baseline"])


@contextlib.contextmanager
def scratch_pg() -> Iterator[str]:
    """A PostgreSQL database of its own (``CREATE DATABASE``), dropped afterwards; yields
    its URL. Not migrated: ``_start`` (or the caller) migrates it."""
    import sqlalchemy

    from cloudcv.services.core import db

    name = f"cloudcv_bench_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        db.engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextlib.contextmanager
def cloudcv(scale: str = "sqlite", extra_env: dict | None = None) -> Iterator[Running]:
    """CloudCV from this checkout, production build, through the browser tests' ``_start``
    (``extra_env``: more environment for the server)."""
    from tests.browser.conftest import _start

    with contextlib.ExitStack() as stack:
        db_url = None
        if scale == "pg":
            db_url = stack.enter_context(scratch_pg())
            _flush_redis(REDIS_DB["cloudcv"])
            stack.callback(_flush_redis, REDIS_DB["cloudcv"])
        web = web_dir(f"cloudcv-{scale}")
        gen = _start({**_scale_env("cloudcv", scale, web), **(extra_env or {})}, db_url=db_url)
        server = next(gen)
        stack.callback(gen.close)  # runs _start's finally: stops the server and its SMTP server
        port = int(server.url.rsplit(":", 1)[1])
        yield Running("cloudcv", scale, server.url, _pgid_on_port(port),
                      2 if scale == "pg" else 1, web, server.log, app=server)


def _pgid_on_port(port: int) -> int:
    """The process group of the server listening on ``port`` (``_start`` does not hand its
    process out): the group whose command line names that port."""
    needle = f"--backend-port {port}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if needle in cmd and b"reflex" in cmd:
            return os.getpgid(int(entry.name))
    raise RuntimeError(f"no server process for port {port}")
