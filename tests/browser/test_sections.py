"""The editor's section list end to end (issue 21): a section moved by keyboard (focus kept,
the move announced) and one by drag and drop, one renamed, a section of one's own added with
an entry and dragged up, template and font switched; the
order and the name survive a reload and the downloaded PDF has the sections in that order
under that name."""

import subprocess

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def _order(page: Page) -> list[str]:
    return page.eval_on_selector_all("#section-order > li", "rows => rows.map(r => r.dataset.sectionKey)")


def test_reorder_by_keyboard_and_by_drag_rename_and_the_pdf_follows(page: Page, server, tmp_path, artifacts):
    email = unique_email("secties")
    register_and_verify(page, server, name="Sanne Bakker", email=email)
    login(page, email)
    new_cv(page, "Secties")
    cv_url = page.url
    page.locator("#cv-profile").fill("Bakker met twintig jaar ervaring.")
    page.locator("#cv-profile").blur()
    _saved(page)
    for section, title in (("work", "Broodbakker"), ("education", "Mbo Bakkerij")):
        page.locator(f"#add-{section}").click()
        field = page.locator(f"#entries-{section} [id^=entry-title-]")
        field.fill(title)
        field.blur()
        _saved(page)
    expect(page.locator("#section-order > li")).to_have_count(6)
    assert _order(page) == ["profile", "work", "education", "skills", "languages", "other"]

    # keyboard: Enter on "up" of Opleidingen; the focus stays on that button
    up = page.locator("#section-up-education")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sections-announce")).to_have_text("Opleidingen staat nu op plaats 2 van 6.")
    assert _order(page) == ["profile", "education", "work", "skills", "languages", "other"]
    expect(up).to_be_focused()
    page.keyboard.press("Enter")  # the same key again moves it on: the focus really stayed
    expect(page.locator("#sections-announce")).to_have_text("Opleidingen staat nu op plaats 1 van 6.")

    # drag and drop: "Overige informatie" onto "Profiel"
    page.drag_and_drop("#section-row-other", "#section-row-profile")
    expect(page.locator("#section-order > li").nth(1)).to_have_attribute("data-section-key", "other")
    assert _order(page) == ["education", "other", "profile", "work", "skills", "languages"]

    # rename: the card's heading follows; the reset button appears
    name = page.locator("#section-name-work")
    name.fill("Loopbaan")
    name.blur()
    expect(page.locator("#section-reset-work")).to_be_visible()
    expect(page.get_by_role("heading", name="Loopbaan", exact=True)).to_be_visible()

    # a section of one's own, with an entry, dragged onto "Werkervaring" (renamed Loopbaan)
    page.locator("#new-section-title").fill("Publicaties")
    page.locator("#new-section-add").click()
    expect(page.locator("#section-order > li")).to_have_count(7)
    own = _order(page)[-1]
    page.locator(f"#add-{own}").click()
    field = page.locator(f"#entries-{own} [id^=entry-title-]")
    field.fill("Brood en banket, vakblad")
    field.blur()
    _saved(page)
    page.drag_and_drop(f"#section-row-{own}", "#section-row-work")
    expect(page.locator("#section-order > li").nth(3)).to_have_attribute("data-section-key", own)

    page.locator("#template-ats").click()
    _saved(page)
    page.select_option("#layout-font", "liberation_serif")
    _saved(page)
    page.locator("#sections-panel").screenshot(path=str(artifacts / "sections-panel.png"))

    page.goto(cv_url)
    expect(page.locator("#section-order > li")).to_have_count(7)
    assert _order(page) == ["education", "other", "profile", own, "work", "skills", "languages"]
    expect(page.locator("#section-name-work")).to_have_value("Loopbaan")

    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    pdf_path = tmp_path / "cv.pdf"
    info.value.save_as(pdf_path)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    # the ATS template prints headings as typed: Opleidingen, Profiel, Publicaties, Loopbaan
    where = [text.find(h) for h in ("Opleidingen", "Bakker met twintig", "Publicaties",
                                    "Brood en banket, vakblad", "Loopbaan", "Broodbakker")]
    assert -1 not in where and where == sorted(where), where
    assert "Werkervaring" not in text
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts

    # back to the default name
    page.locator("#section-reset-work").click()
    expect(page.locator("#section-reset-work")).to_have_count(0)
    expect(page.locator("#section-name-work")).to_have_value("")
    expect(page.locator("#section-name-work")).to_have_attribute("placeholder", "Werkervaring")
