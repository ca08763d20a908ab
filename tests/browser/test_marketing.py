"""Marketing mail end to end (P11, P13): an admin sends a campaign from /beheer/campagnes,
the mail arrives over real SMTP with RFC 8058 headers, a POST to its List-Unsubscribe URL
(no cookie) unsubscribes with a 2xx and no redirect, twice is fine, the next campaign skips
the address, and a service mail still arrives."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from sqlmodel import select

from cloudcv.models import User
from cloudcv.services.accounts import accounts
from tests.factories import ADMIN_TOTP
from tests.browser.helpers import PASSWORD, hydrated, login, unique_email
from tests.factories import verified_user
from tests.smtp import text_body


def _customer(server, prefix: str) -> str:
    email = unique_email(prefix)
    with server.session() as s:
        user = verified_user(s, email=email, name=prefix.capitalize())
        user = s.exec(select(User).where(User.id == user.id)).one()
        user.is_customer = True
        s.add(user)
        s.commit()
    return email


def _campaign(page: Page, subject: str, expected_count: int) -> None:
    page.goto("/beheer/campagnes")
    hydrated(page)
    page.locator("#admin-subject").fill(subject)
    page.locator("#admin-body").fill("Er zijn drie nieuwe sjablonen.")
    page.locator("#campaign-create").click()
    expect(page.locator("#campaign-count")).to_have_text(
        f"Deze campagne gaat naar {expected_count} adressen.")


def test_one_click_unsubscribe_stops_campaigns_but_not_service_mail(page: Page, server, browser):
    anna, bob = _customer(server, "anna"), _customer(server, "bob")
    admin = unique_email("beheer")
    server.cli("create-admin", admin, "--name", "Beheerder", CLOUDCV_ADMIN_TOTP=ADMIN_TOTP, CLOUDCV_ADMIN_PASSWORD=PASSWORD)
    login(page, admin)

    first = f"Nieuws {uuid.uuid4().hex[:6]}"
    _campaign(page, first, 2)
    page.locator("#campaign-send").click()
    expect(page.locator("#admin-notice")).to_contain_text("2 mails")
    msg = server.smtp.wait_for(anna, first)
    server.smtp.wait_for(bob, first)

    # RFC 8058: one https (here http on loopback) URI and one mailto, and the one-click flag
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    uris = re.findall(r"<([^<>]+)>", msg["List-Unsubscribe"])
    assert len(uris) == 2 and uris[1].startswith("mailto:")
    url = uris[0]
    assert url.startswith(f"{server.url}/api/afmelden?t=") and url in text_body(msg)

    stranger = browser.new_context()  # no cookie of anyone
    try:
        shown = stranger.new_page()
        shown.goto(url)  # the visible link: a confirmation page, nothing changes yet
        expect(shown.get_by_role("button", name="Afmelden")).to_be_visible()
        for _ in range(2):  # one click, and again: both fine
            answer = stranger.request.post(url, form={"List-Unsubscribe": "One-Click"},
                                           max_redirects=0)
            assert answer.status == 200, answer.status
            assert "afgemeld" in answer.text()
        forged = stranger.request.post(url[:-2] + "xx", max_redirects=0)
        assert forged.status == 400
    finally:
        stranger.close()

    second = f"Nieuws {uuid.uuid4().hex[:6]}"
    _campaign(page, second, 1)
    page.locator("#campaign-send").click()
    expect(page.locator("#admin-notice")).to_contain_text("1 mails")
    server.smtp.wait_for(bob, second)
    with server.session() as s:
        accounts.request_password_reset(s, email=anna)
    reset = server.smtp.wait_for(anna, "wachtwoord")
    assert "List-Unsubscribe" not in reset
    assert not [m for m in server.smtp.messages if m["To"] == anna and m["Subject"] == second]


def test_a_visitor_signs_up_for_news_and_confirms_by_the_mailed_link(page: Page, server):
    from cloudcv.models.marketing import MarketingOptIn

    email = unique_email("bezoeker")
    page.goto("/nieuwsbrief")
    hydrated(page)
    page.get_by_label("Naam").fill("Bea Bezoeker")
    page.get_by_label("Organisatie (niet verplicht)").fill("Stichting Lezen")
    page.get_by_label("E-mailadres").fill(email)
    page.locator("#news-form").get_by_role("button").click()
    expect(page.locator("#done-message")).to_contain_text("bevestig")
    with server.session() as s:
        row = s.exec(select(MarketingOptIn).where(MarketingOptIn.email == email)).one()
        assert row.confirmed_at is None and row.organisation == "Stichting Lezen"
    msg = server.smtp.wait_for(email, "Bevestig je aanmelding")
    link = re.search(r"https?://\S+/nieuwsbrief/bevestigen\?token=\S+", text_body(msg)).group(0)
    page.goto(link)
    expect(page.locator("#done-message")).to_contain_text("bevestigd")
    with server.session() as s:
        row = s.exec(select(MarketingOptIn).where(MarketingOptIn.email == email)).one()
        assert row.confirmed_at is not None and len(row.text_sha256) == 64


def test_the_news_checkbox_in_mijn_gegevens_starts_unticked_and_records_the_tick(page: Page, server):
    from cloudcv.models.marketing import MarketingOptIn

    email = unique_email("lezer")
    with server.session() as s:
        user_id = verified_user(s, email=email, name="Lezer").id
    login(page, email)
    page.goto("/mijn-gegevens")
    hydrated(page)
    page.locator("#tab-beperken").click()
    box = page.locator("#news-checkbox")
    expect(box).to_have_attribute("aria-checked", "false")
    box.click()
    expect(box).to_have_attribute("aria-checked", "true")
    with server.session() as s:
        rows = s.exec(select(MarketingOptIn).where(MarketingOptIn.user_id == user_id)).all()
        assert [r.source for r in rows] == ["mijn_gegevens"]
    box.click()
    expect(box).to_have_attribute("aria-checked", "false")
    with server.session() as s:
        assert s.exec(select(MarketingOptIn).where(MarketingOptIn.user_id == user_id)).all() == []
