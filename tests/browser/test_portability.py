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
