"""Every script in the editor (issue 23): inputs follow the direction of what is typed
(``dir="auto"``), a name in Arabic and a profile in Chinese reach the downloaded PDF as
typed, and a character that no shipped font has is named in a warning before it becomes
a □ in the PDF."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import downloaded_pdf_text, login, new_cv, register_and_verify, unique_email

_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _type(page: Page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.blur()


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text("Opgeslagen", timeout=15000)


def test_names_in_every_script_reach_the_pdf_and_unprintable_ones_are_named(page: Page, server, tmp_path, artifacts):
    email = unique_email("schrift")
    register_and_verify(page, server, name="Salma Schrift", email=email)
    login(page, email)
    new_cv(page, "Cv in het Arabisch")

    for selector in ("#cv-full_name", "#cv-headline", "#cv-profile"):
        expect(page.locator(selector)).to_have_attribute("dir", "auto")
    _type(page, "#cv-full_name", "سلمى العلي")
    _type(page, "#cv-headline", "مهندسة برمجيات")
    _type(page, "#cv-profile", "我在阿姆斯特丹工作。")
    _saved(page)
    expect(page.locator("#unprintable-warning")).to_have_count(0)
    # the browser lays the Arabic out right to left in its input (dir="auto")
    direction = page.locator("#cv-full_name").evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"

    _type(page, "#cv-headline", "مهندسة برمجيات ᠮᠣᠩ")  # Mongolian: in no shipped font
    _saved(page)
    warning = page.locator("#unprintable-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("□")
    expect(warning.locator(".cv-unprintable")).to_have_text("ᠮ ᠣ ᠩ")
    page.screenshot(path=str(artifacts / "editor-scripts.png"), full_page=True)

    text = _BIDI_MARKS.sub("", downloaded_pdf_text(page, "#download-pdf", tmp_path / "cv.pdf"))
    assert "سلمى العلي" in text
    assert "我在阿姆斯特丹工作。" in text
    assert "□□□" in text  # the three Mongolian letters, as the warning said

    _type(page, "#cv-headline", "مهندسة برمجيات")  # taken out again: the warning goes
    _saved(page)
    expect(page.locator("#unprintable-warning")).to_have_count(0)
    page.reload()  # and it is worked out anew from what is stored
    expect(page.locator("#cv-full_name")).to_have_value("سلمى العلي")
    expect(page.locator("#unprintable-warning")).to_have_count(0)
