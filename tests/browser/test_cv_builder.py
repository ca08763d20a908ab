"""The CV builder end to end: create, fill, photo, live preview, PDF download; privacy
between users."""

import subprocess

from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email, wait_js


def _type(page: Page, selector: str, value: str) -> None:
    field = page.locator(selector)
    field.fill(value)
    field.blur()


def _wait_saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")


def _portrait_jpeg(tmp_path) -> str:
    path = tmp_path / "pasfoto.jpg"
    img = Image.new("RGB", (1200, 1600), (70, 110, 160))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhone"
    img.save(path, "JPEG", exif=exif)
    return str(path)


def _new_user(page: Page, server, name: str) -> str:
    email = unique_email(name.split()[0].lower())
    register_and_verify(page, server, name=name, email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text(name)
    return email


def test_build_a_cv_and_download_it_as_pdf(page: Page, server, tmp_path, artifacts):
    page.set_viewport_size({"width": 1400, "height": 900})
    _new_user(page, server, "Anna de Vries")
    page.goto("/cv")
    expect(page.locator("#cv-empty")).to_be_visible()
    page.get_by_label("Naam van het nieuwe cv").fill("Cv marketing")
    page.locator("#create-cv").click()
    expect(page.locator("#cv-title")).to_have_text("Cv marketing")
    cv_url = page.url
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Anna de Vries")

    _type(page, "#cv-headline", "Marketingspecialist")
    _type(page, "#cv-phone", "06-12345678")
    _type(page, "#cv-city", "Groningen")
    _type(page, "#cv-birth_date", "14-02-1990")
    _wait_saved(page)

    page.locator("#add-work").click()
    entry = page.locator("#entries-work .cv-entry").first
    expect(entry).to_be_visible()
    _type(page, "#entries-work [id^=entry-title-]", "Senior ontwikkelaar")
    _type(page, "#entries-work [id^=entry-organisation-]", "Acme BV")
    _type(page, "#entries-work [id^=entry-start-]", "03-2019")
    _type(page, "#entries-work [id^=entry-description-]", "Campagnes voor € 4.500 per maand opgezet.")
    _wait_saved(page)
    page.locator("#add-education").click()
    expect(page.locator("#entries-education .cv-entry")).to_have_count(1)
    _type(page, "#entries-education [id^=entry-title-]", "HBO Informatica")
    _type(page, "#entries-education [id^=entry-organisation-]", "Hanzehogeschool")
    _wait_saved(page)

    before = page.locator("#preview").get_attribute("data-src")
    page.locator("#photo input[type=file]").set_input_files(_portrait_jpeg(tmp_path))
    expect(page.locator("#remove-photo")).to_be_visible(timeout=20000)
    expect(page.locator("#preview")).not_to_have_attribute("data-src", before or "")
    wait_js(page, "() => { const i = document.querySelector('#preview');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=20)
    page.screenshot(path=str(artifacts / "cv-editor.png"), full_page=True)

    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    download = info.value
    assert download.suggested_filename == "Cv-marketing.pdf"
    pdf_path = tmp_path / "cv.pdf"
    download.save_as(pdf_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("Anna de Vries", "Marketingspecialist", "06-12345678", "Senior ontwikkelaar",
                     "Acme BV", "€ 4.500", "HBO Informatica", "Hanzehogeschool", "14-02-1990",
                     "Pagina 1 van 1"):
        assert expected in text, expected
    assert b"SecretPhone" not in pdf_path.read_bytes()

    # nothing typed is lost on reload
    page.goto(cv_url)
    expect(page.locator("#cv-phone")).to_have_value("06-12345678")
    expect(page.locator("#entries-work [id^=entry-title-]")).to_have_value("Senior ontwikkelaar")
    expect(page.locator("#cv-birth_date")).to_have_value("14-02-1990")


def test_bad_input_is_explained_next_to_the_field_and_kept(page: Page, server):
    _new_user(page, server, "Bart Bakker")
    new_cv(page, "Cv")
    _type(page, "#cv-email", "geen-email")
    expect(page.locator("#save-status")).to_have_text("Niet opgeslagen")
    expect(page.get_by_text("Vul een geldig e-mailadres in")).to_be_visible()
    expect(page.locator("#cv-email")).to_have_value("geen-email")
    _type(page, "#cv-birth_date", "01-01-2999")
    expect(page.get_by_text("kan niet in de toekomst liggen")).to_be_visible()
    _type(page, "#cv-headline", "<img src=x onerror=alert(1)>")
    _wait_saved(page)
    page.reload()
    expect(page.locator("#cv-headline")).to_have_value("<img src=x onerror=alert(1)>")


def test_another_user_cannot_open_or_download_my_cv(page: Page, server, browser):
    _new_user(page, server, "Carla Jansen")
    cv_id = new_cv(page, "Geheim cv")
    assert page.request.get(f"{server.url}/api/cv/{cv_id}/pdf").status == 200

    other = browser.new_context(base_url=server.url)
    intruder = other.new_page()
    _new_user(intruder, server, "Dirk Dief")
    intruder.goto(f"/cv/{cv_id}")
    expect(intruder.locator("#not-found")).to_be_visible()
    expect(intruder.get_by_text("Geheim cv")).to_have_count(0)
    assert intruder.request.get(f"{server.url}/api/cv/{cv_id}/pdf").status == 404
    assert intruder.request.get(f"{server.url}/api/cv/{cv_id}/preview.jpg").status == 404
    anonymous = browser.new_context(base_url=server.url)
    assert anonymous.request.get(f"{server.url}/api/cv/{cv_id}/pdf").status == 404
    other.close()
    anonymous.close()
