"""Sending a CV as a personal link, end to end: a real server, a real SMTP server on
loopback and a browser for the owner and another (cookieless) one for the recipient."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlmodel import select

from cloudcv.models import User
from cloudcv.services.privacy import restriction
from tests.browser.axe import run_axe
from tests.factories import ADMIN_TOTP
from tests.browser.helpers import login, new_cv, register_and_verify, unique_email
from tests.smtp import text_body

SHOTS = Path("/tmp/shots-sharing")


def _add_recipient(page: Page, name: str, email: str) -> None:
    page.locator("#recipient-name").fill(name)
    page.locator("#recipient-email").fill(email)
    page.locator("#add-recipient").click()
    expect(page.locator("#recipients-list")).to_contain_text(email)


def _link_from_mail(server, to: str) -> str:
    msg = server.smtp.wait_for(to, "deelt een cv met u")
    return re.search(r"https?://\S+/gedeeld/[\w.\-]+", text_body(msg)).group(0)


def _user_id(server, email: str) -> int:
    with server.session() as s:
        return s.exec(select(User.id).where(User.email == email)).one()


def test_a_sent_link_opens_is_logged_for_the_owner_and_dies_when_revoked(page: Page, server,
                                                                       browser):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 800})
    email = unique_email("anna")
    register_and_verify(page, server, name="Anna de Vries", email=email)
    login(page, email)
    new_cv(page, "Cv voor Acme")
    hr = unique_email("hr")
    _add_recipient(page, "Piet Jansen", hr)
    page.locator("#recipients-list .send-recipient").first.click()
    expect(page.locator("#recipients-message")).to_contain_text("Link verstuurd naar Piet Jansen")
    page.screenshot(path=str(SHOTS / "editor-recipients-360.png"), full_page=True)
    link = _link_from_mail(server, hr)

    recipient = browser.new_context()  # no cookies, no account
    other = recipient.new_page()
    response = other.goto(link)
    assert response.status == 200
    headers = response.headers
    assert headers["referrer-policy"] == "no-referrer"
    assert "noindex" in headers["x-robots-tag"]
    assert "no-store" in headers["cache-control"]
    expect(other.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    expect(other.locator("#shared-title")).to_have_text("Cv van Anna de Vries")
    assert other.evaluate("() => new Promise(r => { const i = document.querySelector"
                          "('#shared-preview'); if (i.complete) r(i.naturalWidth);"
                          " else i.onload = () => r(i.naturalWidth); })") > 0
    assert other.context.cookies() == []
    axe = run_axe(other)
    assert not axe.of_impact("serious", "critical"), axe.message("serious", "critical")
    with other.expect_download() as info:
        other.locator("#shared-pdf").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    other.screenshot(path=str(SHOTS / "shared-page.png"), full_page=True)

    page.reload()
    logs = page.locator("#share-links .link-accesses").first
    expect(logs).to_contain_text("bekeken op")
    expect(logs).to_contain_text("pdf gedownload op")
    page.locator("#share-links .revoke-link").first.click()
    expect(page.locator("#share-links")).to_contain_text("ingetrokken")

    gone = other.goto(link)
    assert gone.status == 410
    expect(other.locator("#shared-reason")).to_have_text("De afzender heeft deze link ingetrokken.")
    expect(other.locator("#shared-preview")).to_have_count(0)
    token = link.rsplit("/", 1)[-1]
    assert token not in server.log.read_text()
    recipient.close()


def test_a_restricted_account_can_neither_send_nor_keep_links_alive(page: Page, server, browser):
    page.set_viewport_size({"width": 1280, "height": 900})
    email = unique_email("bea")
    register_and_verify(page, server, name="Bea Bakker", email=email)
    login(page, email)
    new_cv(page, "Cv Bea")
    hr = unique_email("hr")
    _add_recipient(page, "Kees", hr)
    page.locator("#recipients-list .send-recipient").first.click()
    expect(page.locator("#recipients-message")).to_be_visible()
    link = _link_from_mail(server, hr)
    recipient = browser.new_context()
    other = recipient.new_page()
    assert other.goto(link).status == 200

    with server.session() as s:
        restriction.set_restricted(s, user_id=_user_id(server, email), on=True)
    dead = other.goto(link)
    assert dead.status == 410
    expect(other.locator("#shared-reason")).to_have_text("Dit cv is op dit moment niet beschikbaar.")
    page.reload()
    page.locator("#recipients-list .send-recipient").first.click()
    expect(page.locator("#recipients-error-list")).to_be_visible()
    assert len([m for m in server.smtp.messages if m["To"] == hr]) == 1
    recipient.close()


def test_an_admin_erases_a_recipient_everywhere_and_their_link_dies(page: Page, server, browser):
    page.set_viewport_size({"width": 1280, "height": 900})
    email = unique_email("cor")
    register_and_verify(page, server, name="Cor de Boer", email=email)
    login(page, email)
    new_cv(page, "Cv Cor")
    hr = unique_email("wis")
    _add_recipient(page, "Wim", hr)
    page.locator("#recipients-list .send-recipient").first.click()
    link = _link_from_mail(server, hr)

    admin = browser.new_context(base_url=server.url)
    console = admin.new_page()
    admin_email = unique_email("beheer")
    server.cli("create-admin", admin_email, "--name", "Beheerder",
               CLOUDCV_ADMIN_TOTP=ADMIN_TOTP, CLOUDCV_ADMIN_PASSWORD="paarse olifant danst")
    login(console, admin_email)
    console.goto("/beheer/verzoeken")
    expect(console.locator("#forget-recipient-email")).to_be_visible()
    axe = run_axe(console)
    assert not axe.of_impact("serious", "critical"), axe.message("serious", "critical")
    console.locator("#forget-recipient-email").fill(hr)
    console.locator("#forget-recipient").click()
    expect(console.get_by_text("1 ontvanger(s) gewist.")).to_be_visible()

    assert console.goto(link).status == 404
    page.reload()
    expect(page.locator("#recipients-list")).not_to_contain_text(hr)
    admin.close()
