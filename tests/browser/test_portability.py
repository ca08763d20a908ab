"""JSON Resume end to end (issue 22): the published sample imported on /cv (what had no
place is listed), opened in the editor, downloaded again as resume.json that validates
against the published schema, then as the anonymous PDF; a broken file is refused with its
reason and creates nothing."""

import json
import re
import subprocess

import jsonschema
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, register_and_verify, unique_email
from tests.interop import interop



def test_import_the_sample_open_it_and_download_it_as_json(page: Page, server, tmp_path, artifacts):
    email = unique_email("jsonresume")
    register_and_verify(page, server, name="Richard Hendriks", email=email)
    login(page, email)
    page.goto(server.url + "/cv")

    broken = tmp_path / "kapot.json"
    broken.write_text('{"basics": "geen object"}')
    page.locator("#resume input[type=file]").set_input_files(str(broken))
    expect(page.locator("#import-error")).to_contain_text("volgt het JSON Resume-schema niet")
    expect(page.locator("#import-error")).to_contain_text("$.basics")
    expect(page.locator(".cv-row")).to_have_count(0)

    page.locator("#resume input[type=file]").set_input_files(str(interop("jsonresume/sample.resume.json")))
    expect(page.locator("#import-done")).to_contain_text("Geïmporteerd als nieuw cv.")
    expect(page.locator("#import-done")).to_contain_text("$.basics.profiles[0]")
    expect(page.locator(".cv-row")).to_have_count(1)
    page.locator("#import-card").screenshot(path=str(artifacts / "import-done.png"))

    page.locator("#import-open").click()
    expect(page.locator("#cv-headline")).to_have_value("Programmer")
    expect(page.get_by_role("heading", name="Vrijwilligerswerk", exact=True)).to_be_visible()
    with page.expect_download() as info:
        page.locator("#download-json").click()
    assert info.value.suggested_filename.endswith(".resume.json")
    path = tmp_path / "cv.json"
    info.value.save_as(path)
    doc = json.loads(path.read_text())
    jsonschema.Draft7Validator(json.loads(interop("jsonresume/schema.json").read_text()),
                               format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["basics"]["name"] == "Richard Hendriks"
    assert doc["work"][0]["position"] == "CEO/President"

    # Word and Markdown, named after the CV
    for link, suffix in (("#download-docx", ".docx"), ("#download-markdown", ".md")):
        with page.expect_download() as info:
            page.locator(link).click()
        assert info.value.suggested_filename.endswith(suffix), info.value.suggested_filename
        assert "Richard Hendriks" in info.value.suggested_filename.replace("-", " ")

    # anonymous: the switch turns the preview and the downloads into the anonymous CV
    page.locator("#cv-anonymous").click()
    expect(page.locator("#cv-anonymous-hint")).to_be_visible()
    expect(page.locator("#download-pdf")).to_have_attribute("href", re.compile(r"anoniem=1"))
    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    pdf = tmp_path / "anoniem.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    meta = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "R. H." in text and "CEO/President" in text
    # (the sample's own profile text says "Richard hails from Tulsa": free text stays the
    # user's; the name, contact details and address fields are what the switch removes)
    for who in ("Hendriks", "richard.hendriks@mail.com", "San Francisco", "(912) 555-4321"):
        assert who not in text and who not in meta, who
    assert "Richard" not in meta


def _our_pdf(path) -> str:
    """The gallery's sample CV (Sanne de Vries) printed by our engine in the sidebar template."""
    import dataclasses

    from cloudcv.services.cv import gallery
    from cloudcv.services.cv.pdf import render

    path.write_bytes(render(dataclasses.replace(gallery.sample("nl", "sidebar"), template="sidebar")))
    return str(path)


def test_import_a_pdf_review_it_and_get_the_cv(page: Page, server, tmp_path, artifacts):
    email = unique_email("pdfimport")
    register_and_verify(page, server, name="Sanne de Vries", email=email)
    login(page, email)
    page.goto(server.url + "/cv")

    # a file that is no CV document is refused with its reason, and nothing is created
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"%PDF-1.4\n%garbage\n")
    page.locator("#resume input[type=file]").set_input_files(str(fake))
    expect(page.locator("#import-error")).to_contain_text("beschadigd of onleesbaar")
    expect(page.locator(".cv-row")).to_have_count(0)

    page.locator("#resume input[type=file]").set_input_files(_our_pdf(tmp_path / "mijn-oude-cv.pdf"))
    expect(page).to_have_url(re.compile(r"/cv/importeren$"), timeout=20000)
    expect(page.locator("#import-f-full_name")).to_have_value("Sanne de Vries")
    expect(page.locator("#import-f-email")).to_have_value("s.devries@example.com")
    expect(page.locator("#import-f-birth_date")).to_have_value("14-05-1990")
    entries = page.locator(".import-entry")
    expect(entries.first).to_be_visible()
    page.screenshot(path=str(artifacts / "import-review.png"), full_page=True)

    # edit the headline, drop the phone number and the first job, then create the CV
    headline = page.locator("#import-f-headline")
    headline.fill("Lead designer")
    headline.blur()
    page.get_by_role("checkbox", name="Overnemen: Telefoonnummer").click()
    job = entries.filter(has=page.locator("input[value='Senior productontwerper']"))
    page.get_by_role("checkbox", name="Overnemen: Werkervaring Senior productontwerper").click()
    expect(job).to_have_css("opacity", "0.6")
    page.locator("#import-create").click()

    expect(page).to_have_url(re.compile(r"/cv/\d+$"), timeout=20000)
    expect(page.locator("#cv-headline")).to_have_value("Lead designer")
    expect(page.locator("#cv-phone")).to_have_value("")
    expect(page.locator("#cv-city")).to_have_value("Utrecht")
    titles = page.locator("#entries-work [id^=entry-title-]")
    expect(titles).to_have_count(2)
    expect(titles.first).to_have_value("Interactieontwerper")
    expect(page.locator("#entries-education [id^=entry-title-]").first).to_have_value(
        "Master Human-Technology Interaction")
    page.goto(server.url + "/cv")
    expect(page.locator(".cv-row")).to_have_count(1)
    expect(page.locator(".cv-row")).to_contain_text("mijn-oude-cv")
