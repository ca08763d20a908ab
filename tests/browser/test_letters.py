"""Cover letters end to end (issue 23): from the editor a new letter opens on its own page,
its fields save as the user leaves them, and the PDF download holds the letter in the CV's
header; another user gets "not found"."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import downloaded_pdf_text, login, new_cv, register_and_verify, unique_email


def test_write_a_letter_and_download_it(page: Page, server, tmp_path, artifacts, browser):
    email = unique_email("brief")
    register_and_verify(page, server, name="Bram Brief", email=email)
    login(page, email)
    cv_id = new_cv(page, "Cv met brief")
    page.locator("#cv-headline").fill("Hovenier")
    page.locator("#cv-headline").blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")
    page.locator("#new-letter").click()
    expect(page).to_have_url(re.compile(r"/brief/\d+$"))
    letter_url = page.url
    expect(page.locator("#letter-salutation")).to_have_value("Geachte heer, mevrouw,")
    for name, value in (("subject", "Sollicitatie hovenier"), ("recipient_org", "Groen & Co"),
                        ("body", "Graag werk ik in uw tuinen.")):
        field = page.locator(f"#letter-{name}")
        field.fill(value)
        field.blur()
        expect(page.locator("#letter-saved")).to_be_visible()
    page.locator("#letter-letter_date").fill("31-02-2026")
    page.locator("#letter-letter_date").blur()
    expect(page.get_by_role("alert")).to_contain_text("datum")
    page.screenshot(path=str(artifacts / "letter.png"), full_page=True)
    text = downloaded_pdf_text(page, "#letter-download-pdf", tmp_path / "brief.pdf")
    assert "Bram Brief" in text and "Hovenier" in text and "Graag werk ik in uw tuinen." in text

    page.reload()  # saved: the page shows it again
    expect(page.locator("#letter-subject")).to_have_value("Sollicitatie hovenier")
    page.goto(f"{server.url}/cv/{cv_id}")
    expect(page.locator(".cv-letter")).to_have_count(1)

    other = browser.new_context(base_url=server.url).new_page()
    other_email = unique_email("nieuwsgierig")
    register_and_verify(other, server, name="Nora Nieuwsgierig", email=other_email)
    login(other, other_email)
    other.goto(letter_url)
    expect(other.locator("#not-found")).to_be_visible()
