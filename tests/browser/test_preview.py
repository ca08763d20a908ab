"""The editor's live preview follows a save: a new image, decodable, of the page size, and
different exactly where the changed text is printed; while one preview loads, saves do not
start more requests, and the newest version is the one shown at the end."""

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
    src = page.locator("#preview").get_attribute("data-src")  # the shown version's address
    assert page.locator("#preview").get_attribute("src").startswith("blob:")
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
    expect(page.locator("#preview")).not_to_have_attribute("data-src", before_src)
    after_src, after, after_bytes = _shown(page, server)

    assert after_bytes != before_bytes
    changed = ImageChops.difference(before, after).getbbox()
    assert changed is not None
    # the headline is printed under the name at the top of the page: only that band changed
    assert changed[3] < A4_AT_60_DPI[1] * 0.3, changed
    # the same version is served again unchanged (cached or not, the same picture)
    assert page.request.get(server.url + after_src).body() == after_bytes


def test_fast_saves_fetch_one_preview_at_a_time_and_end_on_the_newest(page: Page, server):
    """Five saves in quick succession: a plain <img> started a request for each (five
    renders on the server); the page keeps one in flight and then asks for the newest."""
    email = unique_email("preview-burst")
    register_and_verify(page, server, name="Bram Burst", email=email)
    login(page, email)
    new_cv(page, "Cv met veel wijzigingen")
    _shown(page, server)
    started, in_flight, most = [0], [0], [0]

    def on_start(request):
        if "/preview.jpg" in request.url:
            started[0] += 1
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])

    def on_end(request):
        if "/preview.jpg" in request.url:
            in_flight[0] -= 1

    answers = []
    page.on("response", lambda r: "/preview.jpg" in r.url and answers.append(r))

    # every HTTP request takes 2 s more (the websocket's saves do not): the saves below all
    # answer while the first preview request is still in flight
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 2000,
                                                  "downloadThroughput": -1, "uploadThroughput": -1})
    page.on("request", on_start)
    page.on("requestfinished", on_end)
    page.on("requestfailed", on_end)
    headline = page.locator("#cv-headline")
    for word in ("Kok", "Chef-kok", "Souschef", "Hoofdkok", "Patissier"):
        headline.fill(word)
        headline.blur()
    expect(page.locator("#save-status")).to_have_text("Opgeslagen")
    page.wait_for_timeout(7000)  # let the last preview land (two requests of 2 s + renders)
    assert in_flight[0] == 0
    # the image on screen came from the last answer, and that is the newest version's
    last = answers[-1]
    assert last.url.endswith(page.locator("#preview").get_attribute("data-src"))
    cv_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    newest = page.request.get(f"{server.url}/api/cv/{cv_id}/preview.jpg?v=check")
    # the ETag is the digest of the document the image shows
    assert last.headers["etag"] == newest.headers["etag"], "the preview shown is not the newest"
    assert most[0] == 1, f"{most[0]} preview requests were in flight at once"
    assert 1 <= started[0] <= 3, f"{started[0]} preview requests for 5 quick saves"
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                  "downloadThroughput": -1, "uploadThroughput": -1})
