"""Versions end to end (issue 23): a named version and a download each keep a version in the
editor's list, a version opens as its PDF, and restoring one puts its text back in the
editor's fields (the current CV is kept as a version first, unless it is one already)."""

import re
import subprocess

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


def _type(page: Page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def test_save_download_view_and_restore_a_version(page: Page, server, artifacts):
    email = unique_email("versies")
    register_and_verify(page, server, name="Vera Versie", email=email)
    login(page, email)
    cv_id = new_cv(page, "Cv met versies")
    _type(page, "#cv-headline", "Bakker")
    page.locator("#version-name").fill("Voor De Korf")
    page.locator("#save-version").click()
    expect(page.locator("#version-done")).to_have_text("Versie opgeslagen.")
    rows = page.locator(".cv-version")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Voor De Korf")

    _type(page, "#cv-headline", "Patissier")
    with page.expect_download():
        page.locator("#download-pdf").click()
    page.reload()
    expect(page.locator("#cv-headline")).to_have_value("Patissier")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Gedownload")
    page.locator("#versions-card").screenshot(path=str(artifacts / "versions.png"))

    # the named version opens as its own PDF, with the text it had
    href = rows.nth(1).get_by_role("link").get_attribute("href")
    assert re.fullmatch(rf"/api/cv/{cv_id}/versie/\d+\.pdf", href), href
    response = page.request.get(server.url + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.body(), capture_output=True,
                          check=True).stdout.decode()
    assert "Bakker" in text and "Patissier" not in text

    rows.nth(1).get_by_role("button", name=re.compile("^Terugzetten")).click()
    expect(page.locator("#version-done")).to_contain_text("Versie teruggezet")
    expect(page.locator("#cv-headline")).to_have_value("Bakker")
    # the CV as it was (Patissier) is the downloaded version already: no second copy of it
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Gedownload")
