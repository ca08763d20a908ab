"""Retention in a real browser: /privacy shows the registry's periods, the keep-account
link keeps an account, the statement-change notice, the Art. 30 register for admins."""

from __future__ import annotations

import re
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from cloudcv.models import PURPOSES, REGISTRY, Period, User
from cloudcv.services.privacy import backups, statement
from tests.factories import ADMIN_TOTP
from tests.browser.helpers import PASSWORD, hydrated, login, unique_email
from tests.factories import verified_user
from tests.smtp import text_body

SHOTS = Path("/tmp/shots-retention")
DURATION = re.compile(r"(\d+) (jaar|maanden|maand|dagen|dag|years|year|months|month|days|day)\b")
UNIT = {"jaar": "years", "years": "years", "year": "years", "maanden": "months",
        "maand": "months", "months": "months", "month": "months", "dagen": "days", "dag": "days",
        "days": "days", "day": "days"}


def _shots(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _retention_run(server, *args) -> subprocess.CompletedProcess:
    for _ in range(5):  # the server's own sweep may hold the lease for a moment
        try:
            return server.cli("retention", "run", *args)
        except subprocess.CalledProcessError as exc:
            if exc.returncode != 3:
                raise
            time.sleep(1)
    raise AssertionError("the retention lease stayed busy")


def _user(server, *, email: str, name: str, **columns) -> int:
    with server.session() as s:
        user = verified_user(s, email=email, name=name)
        for key, value in columns.items():
            setattr(user, key, value)
        s.add(user)
        s.commit()
        return user.id


def test_privacy_page_shows_exactly_the_registrys_periods_in_both_languages(page: Page, server):
    page.goto("/privacy")
    hydrated(page)
    body = page.locator("#privacy-text")
    expect(body).to_contain_text("3.3.3")
    expect(body).to_contain_text("QTS Datahotel Groningen")
    for lang in ("nl", "en"):
        text = body.inner_text()
        for purpose in PURPOSES.values():
            assert statement.purpose_retention_text(purpose.retention, lang,
                                                    wording=purpose.wording) in text
        for entry in REGISTRY.values():
            assert statement.table_retention_text(entry.retention, lang) in text, entry.table
        allowed = {p.retention.effective for p in PURPOSES.values()} | {
            e.retention.effective for e in REGISTRY.values()} | {backups.rotation()}  # §5, P27
        shown = {Period(int(n), UNIT[u]) for n, u in DURATION.findall(text)}
        assert shown and shown <= allowed
        _shots(page, f"privacy-{lang}")
        if lang == "nl":
            page.locator("#lang-switch").click()
            expect(body).to_contain_text("Retention periods per data set")


def test_the_keep_link_from_the_mail_keeps_an_unused_account(page: Page, server):
    email = unique_email("slapend")
    # the first keep-account mail goes 30 days before the erasure date: 20 days before it
    now = datetime.now(UTC)
    long_ago = REGISTRY["user_account"].retention.effective.cutoff(now + timedelta(days=20))
    user_id = _user(server, email=email, name="Sanne Slaap", created_at=long_ago)
    out = _retention_run(server)
    assert "accounts" in out.stdout
    msg = server.smtp.wait_for(email, "behouden")
    link = re.search(r"https?://\S+/account-behouden\?token=\S+", text_body(msg)).group(0)
    page.goto(link)
    hydrated(page)
    expect(page.locator("#keep-account-name")).to_contain_text("Sanne Slaap")
    _shots(page, "keep-account")
    page.locator("#keep-button").click()
    expect(page.locator("#done-message")).to_contain_text("blijft bewaard")
    _shots(page, "keep-account-done")
    with server.session() as s:
        assert s.get(User, user_id).kept_at is not None
    page.goto(link)  # single use
    expect(page.locator("#link-error")).to_be_visible()


def test_a_changed_statement_shows_a_notice_until_dismissed_and_is_mailed(page: Page, server):
    version = statement.current()
    email = unique_email("oud")
    _user(server, email=email, name="Olga Oud",
          created_at=version.published_at - timedelta(days=3))
    _retention_run(server)
    msg = server.smtp.wait_for(email, "privacyverklaring")
    assert "/privacy" in text_body(msg)
    login(page, email)
    notice = page.locator("#statement-notice")
    expect(notice).to_contain_text("gewijzigd")
    _shots(page, "statement-notice")
    page.locator("#notice-dismiss").click()
    expect(notice).to_have_count(0)
    page.goto("/cv")
    hydrated(page)
    expect(page.locator("#user-name")).to_have_text("Olga Oud")
    expect(page.locator("#statement-notice")).to_have_count(0)


def test_admins_see_the_processing_register_and_retention_runs(page: Page, server, tmp_path):
    email = unique_email("beheer")
    server.cli("create-admin", email, "--name", "Beheer", CLOUDCV_ADMIN_TOTP=ADMIN_TOTP, CLOUDCV_ADMIN_PASSWORD=PASSWORD)
    dry = _retention_run(server, "--dry-run")
    assert "login_event" in dry.stdout and "next due" in dry.stdout
    server.cli("register", "export", "--out", str(tmp_path))
    assert (tmp_path / "verwerkingsregister.md").read_text().startswith("# Register")
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Beheer")
    page.goto("/beheer/register")
    expect(page.locator("#register-text")).to_contain_text("3.2.2")
    expect(page.locator("#register-text")).to_contain_text("NL DC Westpoort")
    expect(page.locator("#retention-runs")).to_contain_text("login_event")
    _shots(page, "register")


def test_the_register_is_refused_to_plain_users(page: Page, server):
    email = unique_email("gewoon")
    _user(server, email=email, name="Gewone Gebruiker")
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Gewone Gebruiker")
    page.goto("/beheer/register")
    expect(page).to_have_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("#register-text")).to_have_count(0)
