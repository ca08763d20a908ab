"""Passkeys end to end (issue 24) with Chromium's virtual authenticator (the DevTools
protocol's ``WebAuthn.addVirtualAuthenticator``): add one after the password, log in with
it and no password, remove it after the password; a passkey the site does not know (or
none) gets a clear refusal. The screens pass axe-core."""

import re

from playwright.sync_api import Page, expect

from tests.browser.axe import BLOCKING, run_axe
from tests.browser.helpers import PASSWORD, hydrated, login, register_and_verify, unique_email


def _virtual_authenticator(page: Page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    return cdp, found["authenticatorId"]


def test_add_a_passkey_log_in_with_it_and_remove_it(page: Page, server, artifacts):
    cdp, authenticator = _virtual_authenticator(page)
    email = unique_email("passkey")
    register_and_verify(page, server, name="Pieter Passkey", email=email)
    login(page, email)
    page.goto("/beveiliging")
    expect(page.locator("#passkeys-none")).to_be_visible()
    add = page.locator("#passkey-add-form")
    add.locator("#field-passkey_name").fill("Testtelefoon")
    add.locator("#field-passkey_password").fill("niet mijn wachtwoord")
    add.get_by_role("button").click()
    expect(page.locator("#field-passkey_password-error")).to_contain_text("klopt niet")
    add.locator("#field-passkey_name").fill("Testtelefoon")
    add.locator("#field-passkey_password").fill(PASSWORD)
    add.get_by_role("button").click()
    expect(page.locator("#passkey-list")).to_contain_text("Testtelefoon", timeout=20000)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1
    server.smtp.wait_for(email, "Nieuwe passkey")
    result = run_axe(page)
    assert not result.of_impact(*BLOCKING), result.message(*BLOCKING)
    page.screenshot(path=str(artifacts / "passkeys.png"), full_page=True)

    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Uitloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))
    hydrated(page)
    page.locator("#login-passkey").click()  # no address, no password
    expect(page.locator("#user-name")).to_have_text("Pieter Passkey", timeout=20000)

    page.goto("/beveiliging")
    remove = page.locator("#passkey-remove-form")
    remove.locator("#field-remove_password").fill(PASSWORD)
    remove.get_by_role("button").click()
    expect(page.locator("#passkeys-none")).to_be_visible()

    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Uitloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))
    hydrated(page)
    page.locator("#login-passkey").click()  # the authenticator still has it; the site does not
    expect(page.locator("#login-form [role=alert]")).to_contain_text("niet herkend", timeout=20000)
    expect(page.locator("#user-name")).to_have_count(0)
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator})
    page.locator("#login-passkey").click()  # none on this device at all
    expect(page.locator("#login-form [role=alert]")).to_contain_text("geen passkey", timeout=20000)
