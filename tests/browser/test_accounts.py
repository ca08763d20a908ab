"""Accounts in a real browser: register -> mail -> verify -> login -> logout, and refusals."""

import re

from playwright.sync_api import Page, expect

from tests.factories import ADMIN_TOTP
from tests.browser.helpers import PASSWORD, hydrated, login, register_and_verify, unique_email


def test_register_verify_login_and_logout(page: Page, server, artifacts):
    email = unique_email("anna")
    register_and_verify(page, server, name="Anna de Vries", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Anna de Vries")
    expect(page.locator("#welcome")).to_contain_text("Anna de Vries")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["cloudcv_session"]["sameSite"] == "Strict"
    page.screenshot(path=str(artifacts / "home-logged-in.png"), full_page=True)
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Uitloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))
    expect(page.locator("#flash")).to_contain_text("uitgelogd")
    expect(page.locator("#user-name")).to_have_count(0)
    page.goto("/")
    hydrated(page)
    expect(page.locator("#welcome")).to_have_count(0)


def test_wrong_password_shows_a_message_next_to_the_field(page: Page, server):
    email = unique_email("bob")
    register_and_verify(page, server, name="Bob", email=email)
    login(page, email, password="helemaal verkeerd")
    expect(page.locator("#field-password-error")).to_have_text("E-mailadres of wachtwoord klopt niet.")
    expect(page.locator("#user-name")).to_have_count(0)


def test_weak_password_is_refused_with_a_translated_message(page: Page, server):
    page.goto("/registreren")
    hydrated(page)
    page.get_by_label("Naam").fill("Carla")
    page.get_by_label("E-mailadres").fill(unique_email("carla"))
    page.get_by_label("Wachtwoord").fill("password123")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("#field-password-error")).to_contain_text("veel gebruikt")
    expect(page.get_by_label("Naam")).to_have_value("Carla")  # nothing typed is lost


def test_admin_console_is_refused_to_anonymous_and_plain_users(page: Page, server):
    page.goto("/beheer")
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))
    expect(page.locator("#admin-stats")).to_have_count(0)
    email = unique_email("plain")
    register_and_verify(page, server, name="Plain User", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Plain User")
    page.goto("/beheer")
    expect(page).to_have_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("#flash")).to_contain_text("geen toegang")
    expect(page.locator("#admin-stats")).to_have_count(0)


def test_admin_reaches_the_console(page: Page, server):
    email = unique_email("admin")
    server.cli("create-admin", email, "--name", "Beheerder", CLOUDCV_ADMIN_TOTP=ADMIN_TOTP, CLOUDCV_ADMIN_PASSWORD=PASSWORD)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Beheerder")
    page.goto("/beheer")
    expect(page.locator("#admin-stats")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/beheer/?$"))


def test_language_switch_changes_text_and_is_remembered(page: Page, server, artifacts):
    page.goto("/")
    hydrated(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Een sterk cv")
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.locator("#lang-switch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("A strong CV")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    hydrated(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("A strong CV")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.screenshot(path=str(artifacts / "home-en.png"), full_page=True)
    page.locator("#lang-switch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Een sterk cv")


def test_every_response_carries_security_headers(page: Page, server):
    for path in ("/", "/inloggen", "/api/cv/1/pdf"):
        response = page.request.get(f"{server.url}{path}")
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "strict-transport-security" not in headers  # only when served over https


def test_one_forms_message_does_not_show_on_another_form(page: Page, server):
    # each form keeps its own busy/done/error vars: the "check your inbox" of /registreren
    # must not greet the visitor on /wachtwoord-vergeten or /contact
    email = unique_email("eigen")
    page.goto("/registreren")
    hydrated(page)
    page.get_by_label("Naam").fill("Eigen Formulier")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("#done-message")).to_contain_text(email)
    for path in ("/wachtwoord-vergeten", "/contact"):
        page.goto(path)  # same tab: Reflex keeps this visitor's state across the load
        hydrated(page)
        expect(page.locator("main form")).to_be_visible()
        page.wait_for_timeout(500)  # the state's first delta has arrived by now
        expect(page.locator("#done-message")).to_have_count(0)
