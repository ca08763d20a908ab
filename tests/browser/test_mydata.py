"""Mijn gegevens and /verzoek in a real browser against a real server."""

import io
import json
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import hydrated, login, register_and_verify, unique_email
from tests.export_schema import validate
from tests.smtp import text_body

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "export-schema.json").read_text())
SHOTS = Path("/tmp/shots-mydata")


def _open_mydata(page: Page) -> None:
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Mijn gegevens").click()
    expect(page).to_have_url(re.compile(r"/mijn-gegevens/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.locator(".md-holding").first).to_be_visible()


def _tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def test_download_revoke_delete_and_fail_to_log_in(page: Page, server, browser):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    email = unique_email("anna")
    register_and_verify(page, server, name="Anna de Vries", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Anna de Vries")

    # a second device
    other_context = browser.new_context()
    other = other_context.new_page()
    other.goto(server.url + "/inloggen")
    hydrated(other)
    other.get_by_label("E-mailadres").fill(email)
    other.get_by_label("Wachtwoord").fill("paarse olifant danst")
    other.locator("#login-form").get_by_role("button").click()
    expect(other.locator("#user-name")).to_have_text("Anna de Vries")

    _open_mydata(page)
    tables = page.locator(".md-holding").evaluate_all("els => els.map(e => e.dataset.table)")
    assert {"user_account", "cv", "login_event", "auth_session", "audit_event"} <= set(tables)
    login_card = page.locator('.md-holding[data-table="login_event"]')
    expect(login_card).to_contain_text("1 jaar nadat het is vastgelegd")
    expect(login_card).to_contain_text("worden verwijderd op")
    page.screenshot(path=str(SHOTS / "overview-1280.png"), full_page=True)

    # download: logged in just now, so no password is asked
    _tab(page, "Downloaden")
    page.locator("#prepare-export").click()
    expect(page.locator("#download-zip")).to_be_visible(timeout=60000)
    page.screenshot(path=str(SHOTS / "download-ready-1280.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("#download-zip").click()
    data = Path(info.value.path()).read_bytes()
    zf = zipfile.ZipFile(io.BytesIO(data))
    doc = json.loads(zf.read("data.json"))
    validate(doc, SCHEMA)
    assert doc["tables"]["user_account"]["rows"][0]["email"] == email
    assert "password_hash" not in doc["tables"]["user_account"]["rows"][0]
    assert len(doc["tables"]["auth_session"]["rows"]) == 2
    assert "overzicht.pdf" in zf.namelist()

    # revoke the other device
    _tab(page, "Apparaten")
    devices = page.locator(".md-device")
    expect(devices).to_have_count(2)
    expect(page.locator('.md-device[data-current="1"]')).to_contain_text("Dit apparaat")
    page.screenshot(path=str(SHOTS / "devices-1280.png"), full_page=True)
    page.locator(".md-revoke").click()
    expect(devices).to_have_count(1)
    expect(page.locator("#notice-devices")).to_contain_text("uitgelogd")
    other.goto(server.url + "/mijn-gegevens")
    expect(other).to_have_url(re.compile(r"/inloggen/?$"))
    other_context.close()

    # delete the account
    _tab(page, "Account verwijderen")
    page.screenshot(path=str(SHOTS / "delete-1280.png"), full_page=True)
    page.get_by_label("Je wachtwoord").fill("paarse olifant danst")
    page.get_by_label("Typ VERWIJDEREN om te bevestigen").fill("ja")
    page.locator("#delete-account").click()
    expect(page.locator("#field-confirmation-error")).to_contain_text("Typ precies")
    page.get_by_label("Typ VERWIJDEREN om te bevestigen").fill("VERWIJDEREN")
    page.locator("#delete-account").click()
    expect(page).to_have_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("#flash")).to_contain_text("verwijderd")
    expect(page.locator("#user-name")).to_have_count(0)
    goodbye = server.smtp.wait_for(email, "verwijderd")
    assert "Anna de Vries" in text_body(goodbye)

    login(page, email)
    expect(page.locator("#field-password-error")).to_have_text("E-mailadres of wachtwoord klopt niet.")
    expect(page.locator("#user-name")).to_have_count(0)


def test_restriction_shows_on_every_page_until_lifted(page: Page, server):
    email = unique_email("rita")
    register_and_verify(page, server, name="Rita Beperkt", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Rita Beperkt")
    page.goto("/mijn-gegevens")
    _tab(page, "Beperken en bezwaar")
    expect(page.locator("#restriction-banner")).to_have_count(0)
    page.locator("#restrict-switch").click()
    expect(page.locator("#restriction-banner")).to_be_visible()
    page.goto("/cv")
    expect(page.locator("#restriction-banner")).to_contain_text("beperkt")
    page.goto("/mijn-gegevens")
    _tab(page, "Beperken en bezwaar")
    # a marketing objection takes effect at once
    form = page.locator("#object-marketing")
    form.get_by_label("Je motivering").fill("Ik wil geen reclame ontvangen.")
    form.get_by_role("button").click()
    expect(page.locator("#notice-object_marketing")).to_contain_text("direct verwerkt")
    expect(page.locator("#requests")).to_contain_text("Afgehandeld")
    page.locator("#restrict-switch").click()
    expect(page.locator("#restriction-banner")).to_have_count(0)
    # the overview follows the language switch
    _tab(page, "Overzicht")
    page.locator("#lang-switch").click()
    expect(page.locator('.md-holding[data-table="user_account"]')).to_contain_text("Account")
    page.locator("#lang-switch").click()
    expect(page.locator('.md-holding[data-table="user_account"]')).to_contain_text("Account")


def test_a_request_by_email_is_confirmed_with_the_mailed_code(page: Page, server):
    email = unique_email("vera")
    register_and_verify(page, server, name="Vera Verzoek", email=email)
    page.context.clear_cookies()
    page.goto("/verzoek")
    hydrated(page)
    page.locator("#kind-erasure").click()
    page.get_by_label("E-mailadres van je account").fill(email)
    page.get_by_label("Toelichting (niet verplicht)").fill("Ik kan niet meer inloggen.")
    page.get_by_role("button", name="Code aanvragen").click()
    expect(page.locator("#code-sent")).to_contain_text(email)
    code = re.search(r"\b(\d{6})\b", text_body(server.smtp.wait_for(email, "code"))).group(1)
    wrong = "000000" if code != "000000" else "111111"
    page.get_by_label("Code uit de e-mail").fill(wrong)
    page.get_by_role("button", name="Verzoek bevestigen").click()
    expect(page.locator("#field-code-error")).to_contain_text("nog 2 keer")
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Verzoek bevestigen").click()
    expect(page.locator("#verzoek-done")).to_contain_text("uiterlijk op")
    server.smtp.wait_for(email, "ontvangen")


def test_mijn_gegevens_fits_a_phone_screen(page: Page, server):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 780})
    email = unique_email("kim")
    register_and_verify(page, server, name="Kim Klein", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Kim Klein")
    page.goto("/mijn-gegevens")
    expect(page.locator(".md-holding").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 361, "header too wide"
    for name, slug in (("Overzicht", "overview"), ("Wijzigen", "correct"), ("Apparaten", "devices"),
                       ("Downloaden", "download"), ("Beperken en bezwaar", "restrict"),
                       ("Account verwijderen", "delete")):
        tab = page.get_by_role("tab", name=name)
        tab.scroll_into_view_if_needed()
        tab.click()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SHOTS / f"{slug}-360.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 361, f"{name}: page is {width}px wide"
    page.context.clear_cookies()
    page.goto("/verzoek")
    hydrated(page)
    page.screenshot(path=str(SHOTS / "verzoek-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 361


def test_change_email_confirm_by_link_and_log_in_with_the_new_address(page: Page, server):
    old = unique_email("eva")
    new = unique_email("eva-nieuw")
    register_and_verify(page, server, name="Eva Verhuist", email=old)
    login(page, old)
    expect(page.locator("#user-name")).to_have_text("Eva Verhuist")

    _open_mydata(page)
    _tab(page, "Wijzigen")
    expect(page.locator("#current-email")).to_have_text(f"Huidig e-mailadres: {old}")
    form = page.locator("#email-form")
    form.get_by_label("Nieuw e-mailadres").fill(new)
    form.get_by_label("Je wachtwoord").fill("paarse olifant danst")
    form.get_by_role("button", name="Bevestigingslink sturen").click()
    expect(page.locator("#notice-email")).to_contain_text(f"Kijk in de inbox van {new}")

    msg = server.smtp.wait_for(new, "Bevestig je nieuwe e-mailadres")
    link = re.search(r"https?://\S+/e-mailadres-bevestigen\?token=\S+", text_body(msg)).group(0)
    page.goto(link)
    expect(page.locator("#done-message")).to_have_text(
        "Je e-mailadres is gewijzigd. Je oude adres heeft een bericht gekregen.")
    changed = server.smtp.wait_for(old, "is gewijzigd")
    assert new in text_body(changed)

    # a fresh browser state: only the new address logs in now
    page.context.clear_cookies()
    login(page, old)
    expect(page.locator("#field-password-error")).to_have_text("E-mailadres of wachtwoord klopt niet.")
    expect(page.locator("#user-name")).to_have_count(0)
    login(page, new)
    expect(page.locator("#user-name")).to_have_text("Eva Verhuist")
    page.goto("/mijn-gegevens")
    hydrated(page)
    _tab(page, "Wijzigen")
    expect(page.locator("#current-email")).to_have_text(f"Huidig e-mailadres: {new}")
