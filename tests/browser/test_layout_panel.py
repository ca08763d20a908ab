"""The editor's "Opmaak" panel end to end: font and size chosen, a low-contrast text colour
warned about and fixed with the suggested colour, the choices kept on reload, and the
downloaded PDF in that font and colour."""

import re
import subprocess
import zlib

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def test_font_size_and_a_fixed_low_contrast_colour_reach_the_pdf(page: Page, server, tmp_path, artifacts):
    email = unique_email("opmaak")
    register_and_verify(page, server, name="Łukasz Nowak", email=email)
    login(page, email)
    new_cv(page, "Opmaak")
    cv_url = page.url
    profile = page.locator("#cv-profile")  # body text, printed in the text colour
    profile.fill("Ervaren ontwikkelaar uit Groningen.")
    profile.blur()
    _saved(page)

    page.select_option("#layout-font", "liberation_serif")
    _saved(page)
    page.select_option("#layout-size", "11")
    _saved(page)
    expect(page.locator("#layout-text-fix")).to_have_count(0)

    page.locator("#layout-text-color").fill("#aaaaaa")  # 2.32:1 on white
    warning = page.locator("#layout-contrast")
    expect(warning).to_contain_text("2,32:1")
    expect(warning).to_contain_text("4,5:1")
    expect(page.locator("#layout-text-fix")).to_have_text("Gebruik #767676")
    page.screenshot(path=str(artifacts / "layout-warning.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 780})  # a phone: nothing sticks out
    page.locator("#layout-panel").scroll_into_view_if_needed()
    page.locator("#layout-panel").screenshot(path=str(artifacts / "layout-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size(size)

    page.locator("#layout-text-fix").click()
    expect(page.locator("#layout-text-fix")).to_have_count(0)
    expect(page.locator("#layout-text-color")).to_have_value("#767676")

    page.goto(cv_url)
    expect(page.locator("#layout-font")).to_have_value("liberation_serif")
    expect(page.locator("#layout-size")).to_have_value("11")
    expect(page.locator("#layout-text-color")).to_have_value("#767676")
    expect(page.locator("#layout-text-fix")).to_have_count(0)

    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    pdf_path = tmp_path / "cv.pdf"
    info.value.save_as(pdf_path)
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    embedded = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert "LiberationSerif" in embedded and not any(f.startswith("DejaVu") for f in embedded)
    streams = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf_path.read_bytes(), re.S):
        try:
            streams.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            pass
    assert "0.4627 0.4627 0.4627 rg" in "\n".join(streams)  # #767676 = 118/255 per channel
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True).stdout
    assert "Łukasz Nowak" in text and "Ervaren ontwikkelaar uit Groningen." in text


def test_a_tampered_size_is_refused_with_a_translated_error(page: Page, server):
    email = unique_email("opmaak2")
    register_and_verify(page, server, name="Anna de Vries", email=email)
    login(page, email)
    new_cv(page, "Opmaak 2")
    # A tampered event: an option the server never offered, added in the page.
    page.evaluate("""() => { const s = document.querySelector('#layout-size');
        const o = document.createElement('option'); o.value = '30'; o.text = '30'; s.add(o); }""")
    page.select_option("#layout-size", "30")
    expect(page.locator("#layout-panel [role=alert]")).to_have_text(
        "Kies een lettergrootte van 9 tot en met 12 punt.")
    page.reload()
    expect(page.locator("#layout-size")).to_have_value("9.5")
