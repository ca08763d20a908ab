"""Two-step verification end to end (issue 24), in Chromium: turn it on with a code computed
from the secret the page shows, log in with a code and with a recovery code, turn it off;
the new-device mail and its "this wasn't me" link; an admin without a second factor is sent
to set one up. Every new screen passes axe-core."""

import re
import time

import pyotp
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import BLOCKING, run_axe
from tests.browser.helpers import PASSWORD, hydrated, login, register_and_verify, unique_email
from tests.smtp import text_body


def _axe_clean(page: Page) -> None:
    result = run_axe(page)
    assert not result.of_impact(*BLOCKING), result.message(*BLOCKING)


def _logout(page: Page) -> None:
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Uitloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))


def _password_step(page: Page, email: str) -> None:
    page.goto("/inloggen")
    hydrated(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("#login-form").get_by_role("button").click()
    expect(page.locator("#login-code-form")).to_be_visible()


def _code_step(page: Page, code: str) -> None:
    form = page.locator("#login-code-form")
    form.locator("#field-code").fill(code)
    form.get_by_role("button", name="Inloggen").click()


def test_turn_on_log_in_with_a_code_and_a_recovery_code_then_turn_off(page: Page, server, artifacts):
    email = unique_email("tweestap")
    register_and_verify(page, server, name="Tara Tweestap", email=email)
    login(page, email)
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Beveiliging").click()
    expect(page).to_have_url(re.compile(r"/beveiliging/?$"))
    expect(page.locator("#totp-status")).to_have_text("Uit")
    page.locator("#totp-start").click()
    expect(page.locator("#totp-qr path")).to_have_attribute("d", re.compile(r"^M\d"))
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    _axe_clean(page)
    page.screenshot(path=str(artifacts / "two-factor-setup.png"), full_page=True)
    totp = pyotp.TOTP(secret)

    page.locator("#field-code").fill("000000")
    page.locator("#totp-confirm-form").get_by_role("button").click()
    expect(page.locator("#field-code-error")).to_contain_text("klopt niet")
    page.locator("#field-code").fill(totp.now())
    page.locator("#totp-confirm-form").get_by_role("button").click()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    recovery = [codes.nth(n).inner_text().strip() for n in range(3)]
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in recovery)
    _axe_clean(page)
    page.locator("#codes-saved").click()
    expect(page.locator("#recovery-codes")).to_have_count(0)  # shown once
    expect(page.locator("#totp-status")).to_have_text("Aan")
    expect(page.locator("#codes-left")).to_have_text("10")
    server.smtp.wait_for(email, "Tweestapsverificatie staat aan")

    _logout(page)
    _password_step(page, email)
    _axe_clean(page)
    page.screenshot(path=str(artifacts / "login-code.png"), full_page=True)
    _code_step(page, "000000")
    expect(page.locator("#field-code-error")).to_contain_text("klopt niet")
    # the confirm used this step's code (no replay): the next step's, one step early (skew)
    _code_step(page, totp.at(time.time() + 30))
    expect(page.locator("#user-name")).to_have_text("Tara Tweestap")

    _logout(page)
    _password_step(page, email)
    _code_step(page, recovery[0])
    expect(page.locator("#user-name")).to_have_text("Tara Tweestap")
    _logout(page)
    _password_step(page, email)
    _code_step(page, recovery[0])  # a recovery code works once
    expect(page.locator("#field-code-error")).to_contain_text("klopt niet")
    _code_step(page, recovery[1])
    expect(page.locator("#user-name")).to_have_text("Tara Tweestap")

    page.goto("/beveiliging")
    expect(page.locator("#codes-left")).to_have_text("8")
    off = page.locator("#totp-off-form")
    for code in ("000000", recovery[0]):  # wrong, and spent
        off.locator("#field-password").fill(PASSWORD)
        off.locator("#field-off_code").fill(code)
        off.get_by_role("button").click()
        expect(page.locator("#field-off_code-error")).to_contain_text("klopt niet")
        expect(page.locator("#totp-status")).to_have_text("Aan")
    off.locator("#field-password").fill(PASSWORD)
    off.locator("#field-off_code").fill(recovery[2])
    off.get_by_role("button").click()
    expect(page.locator("#totp-status")).to_have_text("Uit")
    server.smtp.wait_for(email, "Tweestapsverificatie staat uit")
    _logout(page)
    login(page, email)  # the password alone again
    expect(page.locator("#user-name")).to_have_text("Tara Tweestap")


def test_a_new_device_is_mailed_and_this_wasnt_me_ends_every_session(browser: Browser, server):
    email = unique_email("apparaat")
    first = browser.new_context(base_url=server.url).new_page()
    register_and_verify(first, server, name="Dirk Apparaat", email=email)
    login(first, email)
    expect(first.locator("#user-name")).to_have_text("Dirk Apparaat")
    stranger = browser.new_context(base_url=server.url).new_page()  # another device cookie
    login(stranger, email)
    expect(stranger.locator("#user-name")).to_have_text("Dirk Apparaat")
    body = text_body(server.smtp.wait_for(email, "Nieuwe login"))
    assert "Browser:" in body and "Tijd:" in body
    link = re.search(r"https?://\S+/niet-ik\?token=\S+", body).group(0)
    first.goto(link)
    expect(first.locator("#done-message")).to_contain_text("alle apparaten uitgelogd")
    _axe_clean(first)
    stranger.goto("/cv")
    expect(stranger).to_have_url(re.compile(r"/inloggen/?$"))  # the stranger is out
    first.goto("/cv")
    expect(first).to_have_url(re.compile(r"/inloggen/?$"))
    stranger.context.close()
    first.context.close()


def test_an_admin_without_a_second_factor_is_sent_to_set_it_up(page: Page, server):
    email = unique_email("beheer2fa")
    server.cli("create-admin", email, "--name", "Nieuwe Beheerder", CLOUDCV_ADMIN_PASSWORD=PASSWORD)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Nieuwe Beheerder")
    page.goto("/beheer")
    expect(page).to_have_url(re.compile(r"/beveiliging/?$"))
    expect(page.locator("#flash")).to_contain_text("tweestapsverificatie")
    expect(page.locator("#admin-needs")).to_be_visible()
    expect(page.locator("#admin-stats")).to_have_count(0)
    _axe_clean(page)
