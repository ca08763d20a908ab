"""Working comfort in the editor end to end (issue 21): a section of one's own with an entry,
"begin op nieuwe pagina", undo and redo by keyboard and by button, and the lock: a locked
CV's fields are disabled and the server refuses a change, while the PDF still downloads
with the own section on its own page."""

import subprocess

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def _pdf_pages(page: Page, tmp_path) -> list[str]:
    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    path = tmp_path / "cv.pdf"
    info.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def test_own_section_page_break_undo_redo_and_lock(page: Page, server, tmp_path, artifacts):
    email = unique_email("comfort")
    register_and_verify(page, server, name="Noor Visser", email=email)
    login(page, email)
    new_cv(page, "Comfort")
    page.locator("#template-ats").click()
    _saved(page)

    # a section of one's own, with an entry
    page.locator("#new-section-title").fill("Vrijwilligerswerk")
    page.locator("#new-section-add").click()
    expect(page.locator("#sections-announce")).to_have_text("Vrijwilligerswerk is toegevoegd, onderaan het cv.")
    expect(page.locator("#new-section-title")).to_have_value("")
    row = page.locator("#section-order > li").last
    key = row.get_attribute("data-section-key")
    assert key and key.startswith("c")
    page.locator(f"#add-{key}").click()
    title = page.locator(f"#entries-{key} [id^=entry-title-]")
    title.fill("Voorlezen in de bibliotheek")
    title.blur()
    _saved(page)

    # begin op nieuwe pagina, then undo and redo it from the keyboard (focus on no field)
    page.locator(f"#section-break-{key}").click()
    expect(page.locator(f"#section-break-{key}")).to_have_attribute("aria-pressed", "true")
    page.locator("#cv-title").click()
    page.keyboard.press("Control+z")
    expect(page.locator(f"#section-break-{key}")).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Control+Shift+z")
    expect(page.locator(f"#section-break-{key}")).to_have_attribute("aria-pressed", "true")

    # typing, then the undo button: the field shows the text from before
    headline = page.locator("#cv-headline")
    headline.fill("Bibliothecaris")
    headline.blur()
    _saved(page)
    headline.fill("Bibliothecaris en voorlezer")
    headline.blur()
    _saved(page)  # the same field again: one typing step, not two
    page.locator("#cv-undo").click()
    expect(page.locator("#cv-headline")).to_have_value("")
    page.locator("#cv-redo").click()
    expect(page.locator("#cv-headline")).to_have_value("Bibliothecaris en voorlezer")

    # lock: the notice, the fields disabled; the PDF still downloads
    page.locator("#cv-lock").click()
    expect(page.locator("#cv-locked-note")).to_be_visible()
    expect(page.locator("#cv-headline")).to_be_disabled()
    expect(page.locator("#cv-undo")).to_be_disabled()
    expect(page.locator(f"#add-{key}")).to_be_disabled()
    page.screenshot(path=str(artifacts / "editor-locked.png"), full_page=False)
    pages = _pdf_pages(page, tmp_path)
    assert "Vrijwilligerswerk" not in pages[0] and "Bibliothecaris en voorlezer" in pages[0]
    assert "Vrijwilligerswerk" in pages[1] and "Voorlezen in de bibliotheek" in pages[1]

    # a reload keeps the lock, and unlocking gives the fields back
    page.reload()
    expect(page.locator("#cv-locked-note")).to_be_visible()
    page.locator("#cv-lock").click()
    expect(page.locator("#cv-locked-note")).to_have_count(0)
    expect(page.locator("#cv-headline")).to_be_enabled()
    page.locator("#sections-panel").screenshot(path=str(artifacts / "sections-own.png"))
