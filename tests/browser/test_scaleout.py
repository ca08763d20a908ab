"""The scale-out path, selected by environment only: PostgreSQL + Redis + two workers,
same code. A user's whole journey must work and nothing may live in one worker's memory.

Which worker served what is read from the operating system (``tests/browser/workers.py``):
the app itself says nothing about it. Every test shares one 2-worker server; the one that
kills a worker runs last.
"""

import os
import signal
import subprocess
import time
import uuid
from collections import Counter

import pytest
import sqlalchemy
from playwright.sync_api import Page, expect

from cloudcv.models import CV, OutboxMail, RetentionRun
from cloudcv.services.core import mail
from tests.browser.conftest import scale_stack
from tests.browser.helpers import hydrated, login, new_cv, register_and_verify, unique_email
from tests.browser.workers import (LOGIN_STATE, Tab, browser_connections, owner,
                                   route_http_through_playwright, var, workers)
from tests.conftest import PG_SERVER, REDIS_URL, _pg_available, _redis_available

pytestmark = [
    pytest.mark.skipif(not _pg_available(), reason=f"PostgreSQL not reachable at {PG_SERVER}: "
                       "the 2-worker scale-out tests did not run"),
    pytest.mark.skipif(not _redis_available(), reason=f"Redis not reachable at {REDIS_URL}: "
                       "the 2-worker scale-out tests did not run"),
]
RETENTION_INTERVAL = 4.0  # seconds: short, so a test sees several sweeps
# The protocol-level tests take the browser_name parameter too, so pytest keeps this file's
# order (it groups parametrized tests): the worker-killing test must run last.
in_file_order = pytest.mark.usefixtures("browser_name")


@pytest.fixture(scope="module")
def scaleout_server():
    yield from scale_stack({"CLOUDCV_RETENTION_INTERVAL": str(RETENTION_INTERVAL),
                            "CLOUDCV_RETENTION_DELAY": "1"})


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


def _two_workers(server) -> tuple[int, int]:
    pids = workers(server)
    assert len(pids) == 2, f"expected 2 workers on the port, found {pids}"
    return tuple(sorted(pids))


@in_file_order
def test_reflex_state_follows_the_tab_to_the_other_worker(scaleout_server):
    """A failed login leaves its error in the tab's Reflex state (nothing in the database
    holds it). The same token reconnecting on the other worker must get it back."""
    server = scaleout_server
    first, second = _two_workers(server)
    tab = Tab.on_worker(server, first)
    tab.hydrate("/inloggen")
    delta = tab.login(unique_email("staat"), "niet het wachtwoord")
    assert var(delta, LOGIN_STATE, "errors") == {"password": "E-mailadres of wachtwoord klopt niet."}
    tab.close()
    again = Tab.on_worker(server, second, token=tab.token)
    assert again.worker != tab.worker
    delta = again.hydrate("/inloggen")
    assert var(delta, LOGIN_STATE, "errors") == {"password": "E-mailadres of wachtwoord klopt niet."}
    again.close()
    # a tab of its own on that worker starts clean: the error belongs to the token
    other = Tab.on_worker(server, second)
    assert var(other.hydrate("/inloggen"), LOGIN_STATE, "errors") == {}
    other.close()


@in_file_order
def test_failed_logins_on_both_workers_add_up_to_the_throttle(scaleout_server):
    """Three failures (the throttle's free allowance) spread over both workers, so neither
    saw three itself: the fourth attempt, on the worker that saw one, must wait."""
    server = scaleout_server
    first, second = _two_workers(server)
    email = unique_email("slot")
    # all four tabs connected and hydrated first: the fourth attempt must come within the
    # 2 s wait that three failures impose, however slow the machine is
    tabs = [Tab.on_worker(server, pid) for pid in (first, second, first, second)]
    for tab in tabs:
        tab.hydrate("/inloggen")
    for tab in tabs[:3]:
        delta = tab.login(email, "fout wachtwoord")
        assert var(delta, LOGIN_STATE, "errors") == {"password": "E-mailadres of wachtwoord klopt niet."}
    delta = tabs[3].login(email, "fout wachtwoord")
    for tab in tabs:
        tab.close()
    shown = " ".join(str(v) for v in var(delta, LOGIN_STATE, "errors").values()) + " " + str(
        var(delta, LOGIN_STATE, "form_error"))
    assert "Te veel pogingen" in shown, shown


@in_file_order
def test_each_outbox_mail_is_sent_once_by_two_senders(scaleout_server):
    """Both workers run the mail sender every 0.5 s; 60 mails queued at once are each
    delivered exactly once, and each row says sent after one attempt."""
    server = scaleout_server
    _two_workers(server)
    batch = uuid.uuid4().hex[:8]
    addresses = [f"post-{batch}-{i}@example.nl" for i in range(60)]
    with server.session() as s:
        for to in addresses:
            mail.enqueue(s, to=to, template="password_changed", lang="nl", name="Post")
        s.commit()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if sum(1 for m in list(server.smtp.messages) if m["To"] in addresses) >= len(addresses):
            break
        time.sleep(0.5)
    time.sleep(3)  # a second sender would deliver its duplicates within a few rounds
    counts = Counter(m["To"] for m in list(server.smtp.messages) if m["To"] in set(addresses))
    assert sorted(counts) == sorted(addresses), f"{len(counts)} of {len(addresses)} delivered"
    assert {to: n for to, n in counts.items() if n != 1} == {}
    with server.session() as s:
        rows = s.exec(sqlalchemy.select(OutboxMail.status, OutboxMail.attempts)
                      .where(OutboxMail.to_addr.in_(addresses))).all()  # to_addr is not sealed
    assert sorted(rows) == [("sent", 1)] * 60


@in_file_order
def test_the_retention_lease_lets_one_worker_sweep_per_interval(scaleout_server):
    """Both workers start the sweeper and poll the lease every interval (4 s here); the
    sweep log must show one sweep at a time, each at least an interval after the last."""
    server = scaleout_server
    _two_workers(server)
    time.sleep(6 * RETENTION_INTERVAL)
    with server.session() as s:
        rows = s.exec(sqlalchemy.select(RetentionRun.run_id, RetentionRun.holder,
                                        RetentionRun.started_at, RetentionRun.finished_at)
                      .where(RetentionRun.dry_run.is_(False))).all()
    runs: dict[str, dict] = {}
    for run_id, holder, started, finished in rows:
        run = runs.setdefault(run_id, {"holders": set(), "start": started, "end": finished})
        run["holders"].add(holder)
        run["start"] = min(run["start"], started)
        if finished is not None and (run["end"] is None or finished > run["end"]):
            run["end"] = finished
    ordered = sorted(runs.values(), key=lambda r: r["start"])
    assert len(ordered) >= 4, f"only {len(ordered)} sweeps in {6 * RETENTION_INTERVAL:.0f} s"
    assert all(len(r["holders"]) == 1 for r in ordered)
    for before, after in zip(ordered, ordered[1:]):
        # the lease rests for an interval after a sweep ends (both clocks are the DB's rows)
        gap = (after["start"] - before["end"]).total_seconds()
        assert gap >= RETENTION_INTERVAL - 0.05, (
            f"a sweep started {gap:.2f} s after the previous one ended: {before}, {after}")
    # holder = host:pid:random; which worker wins is free (the last sweeper usually does)
    print("sweeps per worker pid:", Counter(next(iter(r["holders"])).split(":")[1] for r in ordered))


def _editor_tab(context, server, cv_id: int, title: str, taken: set[int]) -> tuple[Page, int]:
    """Open the editor of ``cv_id`` in a new tab; returns it and its websocket's client port
    (the one Chromium connection to the server that is not in ``taken``)."""
    page = context.new_page()
    page.goto(f"/cv/{cv_id}")
    hydrated(page)
    expect(page.locator("#cv-title")).to_have_text(title)
    deadline = time.monotonic() + 10
    while True:
        fresh = set(browser_connections(server)) - taken
        if len(fresh) == 1 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(fresh) == 1, f"expected one new websocket, Chromium opened {fresh}"
    return page, fresh.pop()


def _save(page: Page, field: str, text: str) -> None:
    page.locator(f"#cv-{field}").fill(text)
    page.locator(f"#cv-{field}").blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def test_killing_a_worker_mid_typing_loses_no_saved_text_and_the_tabs_reconnect(browser, scaleout_server):
    """Two editor tabs, one on each worker. Tab A saves ("Opgeslagen"), then the worker holding
    A's websocket gets SIGKILL: the saved text is in the database, A reconnects to a live worker
    and keeps saving, B (on the other worker) never stops, a reload shows every text. The
    other worker keeps serving and the dead one is respawned."""
    server = scaleout_server
    before = set(_two_workers(server))
    setup = browser.new_context(base_url=server.url)
    page: Page = setup.new_page()
    email = unique_email("kill")
    register_and_verify(page, server, name="Kim Kill", email=email)
    login(page, email)
    cv_a, cv_b = new_cv(page, "Cv A voor de kill"), new_cv(page, "Cv B voor de kill")
    logged_in = setup.storage_state()
    setup.close()  # its HTTP connections go with it

    context = browser.new_context(base_url=server.url, storage_state=logged_in)
    route_http_through_playwright(context)
    tab_a, port_a = _editor_tab(context, server, cv_a, "Cv A voor de kill", set())
    victim = owner(server, port_a)
    assert victim in before
    for _ in range(20):  # tab B on the other worker (reloading until it lands there)
        tab_b, port_b = _editor_tab(context, server, cv_b, "Cv B voor de kill", {port_a})
        if owner(server, port_b) != victim:
            break
        tab_b.close()
    survivor = owner(server, port_b)
    assert survivor in before - {victim}

    _save(tab_b, "headline", "B voor de kill")
    _save(tab_a, "headline", "A voor de kill")
    os.kill(victim, signal.SIGKILL)
    with server.session() as s:  # acknowledged, so durable
        assert s.get(CV, cv_a).headline == "A voor de kill"
        assert s.get(CV, cv_b).headline == "B voor de kill"

    deadline = time.monotonic() + 30  # tab A reconnects to a live worker
    while time.monotonic() < deadline:
        fresh = set(browser_connections(server)) - {port_a, port_b}
        if fresh and owner(server, fresh.pop()) != victim:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("tab A did not reconnect")
    assert port_b in browser_connections(server)  # B's websocket was never cut
    _save(tab_a, "city", "A na de kill")
    _save(tab_b, "city", "B na de kill")
    for tab, cv_id, who in ((tab_a, cv_a, "A"), (tab_b, cv_b, "B")):
        tab.reload()
        expect(tab.locator("#cv-headline")).to_have_value(f"{who} voor de kill")
        expect(tab.locator("#cv-city")).to_have_value(f"{who} na de kill")
        with server.session() as s:
            cv = s.get(CV, cv_id)
            assert (cv.headline, cv.city) == (f"{who} voor de kill", f"{who} na de kill")
    context.close()
    # the other worker never went down; Granian respawns the dead one
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers(server) - {victim}) < 2:
        time.sleep(0.5)
    assert survivor in workers(server)
    assert len(workers(server) - {victim}) == 2, workers(server)
