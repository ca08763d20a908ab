"""/privacy paints the statement at once: the text is in the server's first HTML response
(no JavaScript needed), it is the statement's own wording, and hydration changes nothing."""

from __future__ import annotations

import html
import re
import urllib.request

from playwright.sync_api import Page, expect
from sqlmodel import select

from cloudcv.models import Processor
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


def _rename_crm(server, name: str) -> str:
    with server.session() as s:
        row = s.exec(select(Processor).where(Processor.category == "crm")).one()
        old, row.name = row.name, name
        s.add(row)
        s.commit()
    return old


def test_a_statement_changed_since_the_build_is_drawn_without_markdown_in_the_browser(
        page: Page, server):
    """An admin renamed a processor after the build: the live text replaces the compiled one,
    drawn from the server's blocks as headings, lists, bold text and real links, with no
    Markdown syntax left over and no Markdown library loaded."""
    old = _rename_crm(server, "Relatiebeheer Noord B.V.")
    try:
        page.goto("/privacy")
        hydrated(page)
        text = page.locator("#privacy-text")
        expect(text).to_contain_text("Relatiebeheer Noord B.V.")
        expect(page.locator("#privacy-compiled-nl")).to_have_count(0)
        expect(text.locator("h1")).to_have_text("Privacyverklaring CloudCV.nl")
        expect(text.locator("h2", has_text="8. Contact")).to_have_count(1)
        assert text.locator("ul li, ol li").count() >= 5
        assert text.locator("strong").count() >= 3
        expect(text.locator("a[href='mailto:info@cloudcv.nl']").first).to_be_visible()
        body = text.inner_text()
        assert "**" not in body and "](" not in body and "\n#" not in body
        page.locator("#lang-switch").click()
        expect(text).to_contain_text("Retention periods per data set")
        expect(text).to_contain_text("Relatiebeheer Noord B.V.")
        scripts = page.evaluate("performance.getEntriesByType('resource')"
                                ".filter(e => e.initiatorType === 'script' || e.name.endsWith('.js'))"
                                ".map(e => e.name)")
        assert scripts
        for url in scripts:  # react-markdown's parser is micromark
            with urllib.request.urlopen(url, timeout=10) as resp:
                assert b"micromark" not in resp.read(), url
    finally:
        _rename_crm(server, old)
