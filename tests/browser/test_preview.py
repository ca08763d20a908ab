"""The editor's live preview follows a save: a new image, decodable, of the page size, and
different exactly where the changed text is printed."""

import io

from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email, wait_js

A4_AT_60_DPI = (497, 702)  # 210 × 297 mm at 60 dpi: one page of the CV
LOADED = ("() => { const i = document.querySelector('#preview');"
          " return i && i.complete && i.naturalWidth > 0; }")


def _shown(page: Page, server) -> tuple[str, Image.Image, bytes]:
    """The preview's address once the browser has loaded it, and the JPEG served there."""
    wait_js(page, LOADED, timeout=30)
    src = page.locator("#preview").get_attribute("src")
    size = page.evaluate("() => { const i = document.querySelector('#preview');"
                         " return [i.naturalWidth, i.naturalHeight]; }")
    assert tuple(size) == A4_AT_60_DPI
    response = page.request.get(server.url + src)
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    data = response.body()
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "JPEG" and image.size == A4_AT_60_DPI
    return src, image.convert("RGB"), data


def test_the_preview_shows_the_saved_text(page: Page, server):
    email = unique_email("preview")
    register_and_verify(page, server, name="Petra Preview", email=email)
    login(page, email)
    new_cv(page, "Cv met voorbeeld")
    before_src, before, before_bytes = _shown(page, server)

    headline = page.locator("#cv-headline")
    headline.fill("Hoofdkok in een sterrenrestaurant")
    headline.blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")
    expect(page.locator("#preview")).not_to_have_attribute("src", before_src)
    after_src, after, after_bytes = _shown(page, server)

    assert after_bytes != before_bytes
    changed = ImageChops.difference(before, after).getbbox()
    assert changed is not None
    # the headline is printed under the name at the top of the page: only that band changed
    assert changed[3] < A4_AT_60_DPI[1] * 0.3, changed
    # the same version is served again unchanged (cached or not, the same picture)
    assert page.request.get(server.url + after_src).body() == after_bytes
