"""/probeer end to end (issue 23): a visitor without an account fills the form, downloads the
PDF with what they typed, and the server keeps nothing of it: not in the database, not in the
Reflex state store, not in any file of the server's data directory; /privacy says so."""

import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import hydrated

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Wybrecht Zonderaccount"


def _holding(roots, needle: bytes) -> list[str]:
    found = []
    for root in roots:
        for path in Path(root).rglob("*"):
            try:
                if path.is_file() and needle in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    return found


def test_a_cv_without_an_account_downloads_and_leaves_nothing(page: Page, server, tmp_path, artifacts):
    page.goto(server.url + "/probeer")
    hydrated(page)
    expect(page.locator("#trial-privacy")).to_contain_text("Wij bewaren niets")
    page.locator("#trial-full_name").fill(MARKER)
    page.locator("#trial-headline").fill("Hovenier")
    page.locator("#trial-work0_title").fill("Boomverzorger")
    page.locator("#trial-work0_organisation").fill("Groen & Co")
    page.locator("#trial-work0_start").fill("2020-04")
    page.locator("#trial-work0_current").check()
    page.locator("#trial-skills").fill("Snoeien\nKlimmen")
    page.locator("#trial-template").select_option("sidebar")
    page.screenshot(path=str(artifacts / "probeer.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("#trial-download").click()
    pdf = tmp_path / "cv.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert MARKER in text and "Boomverzorger" in text and "apr 2020 – heden" in text and "Klimmen" in text

    # what was typed is still in the form (the tab keeps it), and nowhere on the server
    expect(page.locator("#trial-full_name")).to_have_value(MARKER)
    data_dir = Path(server.env["CLOUDCV_DATA_DIR"])
    assert _holding([data_dir, ROOT / ".states", ROOT / "uploaded_files"], MARKER.encode()) == []
    assert _holding([data_dir], pdf.read_bytes()[2000:2064]) == []

    page.goto(server.url + "/privacy")
    expect(page.locator("#privacy-trial")).to_contain_text("bewaart niets")
