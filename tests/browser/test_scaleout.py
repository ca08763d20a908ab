"""The scale-out path, selected by environment only: PostgreSQL + Redis + two workers,
same code. A user's whole journey must work and nothing may live in one worker's memory."""

import os
import subprocess
import tempfile
import uuid

import pytest
import sqlalchemy
from playwright.sync_api import Page, expect

from tests.browser.conftest import _start
from tests.browser.helpers import login, new_cv, register_and_verify, unique_email
from tests.conftest import PG_SERVER

REDIS_URL = os.environ.get("CLOUDCV_TEST_REDIS", "redis://127.0.0.1:6379")


def _redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return True
    except Exception:
        if os.environ.get("CI") == "true":
            raise
        return False


pytestmark = pytest.mark.skipif(not _redis_available(), reason="Redis not reachable")


@pytest.fixture(scope="module")
def scaleout_server():
    name = f"cloudcv_scaleout_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    redis_db = 9
    # Its own frontend build: the build bakes in the event URL (this server's port), and
    # rebuilding the shared .web would point the session server's pages at this one.
    web = tempfile.mkdtemp(prefix="cloudcv-scaleout-web-")
    try:
        yield from _start({"REFLEX_REDIS_URL": f"{REDIS_URL}/{redis_db}", "GRANIAN_WORKERS": "2",
                           "REFLEX_WEB_WORKDIR": web}, db_url=url)
    finally:
        from cloudcv.services.core import db

        db.engine(url).dispose()
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_journey_on_postgresql_redis_and_two_workers(browser, scaleout_server, tmp_path):
    server = scaleout_server
    context = browser.new_context(base_url=server.url)
    page: Page = context.new_page()
    email = unique_email("schaal")
    register_and_verify(page, server, name="Sam Schaal", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Sam Schaal")
    cv_id = new_cv(page, "Cv op Postgres")
    page.locator("#cv-headline").fill("Schaalbare ontwikkelaar")
    page.locator("#cv-headline").blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")
    # reloads open new connections that may land on the other worker: the session
    # (database) and the UI state (Redis) must follow
    for _ in range(3):
        page.reload()
        expect(page.locator("#cv-headline")).to_have_value("Schaalbare ontwikkelaar")
        expect(page.locator("#user-name")).to_have_text("Sam Schaal")
    response = page.request.get(f"{server.url}/api/cv/{cv_id}/pdf")
    assert response.status == 200
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Schaalbare ontwikkelaar" in text and "Sam Schaal" in text
    with server.session() as s:
        assert s.get_bind().dialect.name == "postgresql"
    context.close()
