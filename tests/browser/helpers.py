"""Steps a user takes, shared by the browser tests."""

from __future__ import annotations

import re
import subprocess
import time
import uuid
from pathlib import Path

import pyotp
from playwright.sync_api import Page, expect

from tests.factories import ADMIN_TOTP
from tests.smtp import text_body

PASSWORD = "paarse olifant danst"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.nl"


def wait_js(page: Page, expression: str, timeout: float = 30.0) -> None:
    """Poll a JS expression until it is truthy.

    Playwright's ``wait_for_function`` compiles its predicate with ``eval`` inside the page,
    which our Content-Security-Policy (rightly) refuses; ``page.evaluate`` runs through the
    DevTools protocol instead, outside the page's script policy."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        time.sleep(0.1)


def hydrated(page: Page) -> None:
    """Wait until Reflex is connected (the device cookie is set by the first event)."""
    wait_js(page, "document.cookie.includes('cloudcv_device=')")


def register_and_verify(page: Page, server, *, name: str, email: str) -> None:
    page.goto("/registreren")
    hydrated(page)
    page.get_by_label("Naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("#done-message")).to_contain_text(email)
    msg = server.smtp.wait_for(email, "Bevestig")
    link = re.search(r"https?://\S+/bevestigen\?token=\S+", text_body(msg)).group(0)
    page.goto(link)
    expect(page.locator("#done-message")).to_contain_text("bevestigd")


def login(page: Page, email: str, password: str = PASSWORD, totp: str = ADMIN_TOTP) -> None:
    """Log in, and wait until it has either worked (the page reloaded with the HttpOnly
    cookie and shows the user) or been refused (an error next to the form). An account with
    two-step verification (the admins: ``create-admin`` with ``CLOUDCV_ADMIN_TOTP``) gets
    the code of ``totp``; a code already used in this 30 s step is refused (no replay), so
    then the next step's, which the server accepts a step early (clock skew)."""
    page.goto("/inloggen")
    hydrated(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("#login-form").get_by_role("button").click()
    code_form = page.locator("#login-code-form")
    expect(page.locator("#user-name").or_(page.locator("#login-form [role=alert]"))
           .or_(code_form).first).to_be_visible(timeout=20000)
    if code_form.count():
        for ahead in (0, 30):
            code_form.locator("#field-code").fill(pyotp.TOTP(totp).at(time.time() + ahead))
            code_form.get_by_role("button", name="Inloggen").click()
            expect(page.locator("#user-name").or_(code_form.locator("[role=alert]")).first
                   ).to_be_visible(timeout=20000)
            if page.locator("#user-name").count():
                break


def new_cv(page: Page, title: str) -> int:
    """Create a CV from /cv as a user does; returns its id (the editor is open)."""
    page.goto("/cv")
    page.get_by_label("Naam van het nieuwe cv").fill(title)
    page.locator("#create-cv").click()
    expect(page.locator("#cv-title")).to_have_text(title)
    return int(re.search(r"/cv/(\d+)", page.url).group(1))


def downloaded_pdf_text(page: Page, button: str, path: Path) -> str:
    """Click ``button`` (a selector), save the PDF it downloads at ``path`` and return its
    text as poppler's ``pdftotext`` reads it."""
    with page.expect_download() as info:
        page.locator(button).click()
    info.value.save_as(path)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

