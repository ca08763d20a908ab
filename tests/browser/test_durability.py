"""An acknowledged save is never lost: kill -9 right after "Opgeslagen" keeps the text.

The editor answers a save only after the commit that holds it (group commit,
``services/core/group_commit.py``), and the badge says "Opslaan…" while typed text has no
acknowledged save yet (``components/cv_fields.TYPED``). So the moment the badge says
"Opgeslagen", the text is on disk: the server is killed with SIGKILL (no shutdown, no flush)
and the database must hold exactly the text typed last.
"""

import os
import signal
import tempfile

import pytest
from playwright.sync_api import expect

from cloudcv.models import CV
from tests.browser.conftest import _start
from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


@pytest.fixture(scope="module")
def doomed_server():
    """A server of its own, with its own frontend build (the build bakes in the event URL:
    rebuilding the shared .web would point the session server's pages at this one, which
    this test kills)."""
    yield from _start({"REFLEX_WEB_WORKDIR": tempfile.mkdtemp(prefix="cloudcv-doomed-web-")})


def test_text_saved_before_a_kill_9_is_there_after_it(browser, doomed_server):
    server = doomed_server
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    email = unique_email("crash")
    register_and_verify(page, server, name="Kim Crash", email=email)
    login(page, email)
    cv_id = new_cv(page, "Crashbestendig")
    status = page.locator("#save-status")
    headline = page.locator("#cv-headline")

    headline.press_sequentially("Eerste versie", delay=20)
    expect(status).to_have_text("Opgeslagen")
    # typing again: the badge must stop claiming "Opgeslagen" at once, before any answer
    headline.fill("")
    headline.press_sequentially("Tweede versie, na een crash nog hier", delay=20)
    expect(status).to_have_text("Opslaan…", timeout=500)
    expect(status).to_have_text("Opgeslagen")
    os.killpg(server.proc.pid, signal.SIGKILL)
    server.proc.wait(timeout=10)

    with server.session() as session:
        cv = session.get(CV, cv_id)
        assert cv.headline == "Tweede versie, na een crash nog hier"
    context.close()
