"""/privacy paints the statement at once: the text is in the server's first HTML response
(no JavaScript needed), it is the statement's own wording, and hydration changes nothing."""

from __future__ import annotations

import html
import re
import urllib.request

from playwright.sync_api import Page, expect

from tests.browser.helpers import hydrated
from tests.unit.test_statement_spec import PROMISES


def _initial_text(url: str) -> str:
    """The page as a plain HTTP client sees it: no scripts run."""
    with urllib.request.urlopen(url, timeout=10) as resp:
        assert resp.status == 200
        body = resp.read().decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return re.sub(r"\s+", " ", text)


def test_the_statement_is_in_the_initial_html_in_its_own_words(server):
    text = _initial_text(server.url + "/privacy")
    assert "Privacyverklaring CloudCV.nl" in text
    for promise in PROMISES:  # read from the statement itself
        assert f"{promise.heading} {promise.sentence}" in text, promise.clause
    for needle in ("QTS Datahotel Groningen", "Zernikelaan 16", "8. Contact",
                   "info@cloudcv.nl"):
        assert needle in text, needle
    assert "Retention periods per data set" not in text  # Dutch is the first paint


def test_hydration_keeps_the_compiled_statement_and_english_still_works(page: Page, server):
    page.goto("/privacy")
    compiled = page.locator("#privacy-compiled-nl")
    expect(compiled).to_be_visible()
    box = compiled.bounding_box()
    hydrated(page)
    page.wait_for_timeout(500)  # the live check has answered: the compiled page is current
    expect(compiled).to_be_visible()
    assert compiled.bounding_box() == box
    page.locator("#lang-switch").click()
    expect(page.locator("#privacy-compiled-en")).to_contain_text("Retention periods per data set")
    expect(page.locator("#privacy-compiled-en")).to_contain_text(
        "we keep these personal data for no longer than 2 months after your request")
