"""Cookie consent in a real browser: nothing optional before a choice, refusing leaves only
necessary cookies, accepting switches page views on, withdrawing from the footer deletes the
cookie and stops them, a new banner revision asks again, reject and accept look the same."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func
from sqlmodel import select

from cloudcv.models import AnalyticsEvent, ConsentRecord
from cloudcv.models.cookies import LOCAL_STORAGE_KEYS, SESSION_STORAGE_KEYS
from tests.browser.helpers import hydrated, login, register_and_verify, unique_email, wait_js

SHOTS = Path("/tmp/shots-consent")
NECESSARY = {"cloudcv_session", "cloudcv_device", "cloudcv_lang", "cloudcv_consent"}
# Written by Reflex itself and declared as necessary in models/cookies.py: the websocket
# client token of the tab and React Router's scroll positions (sessionStorage), and the
# colour scheme "light" (localStorage).
SESSION_KEYS = {"token", "react-router-scroll-positions"}
assert set(SESSION_STORAGE_KEYS) == SESSION_KEYS and set(LOCAL_STORAGE_KEYS) == {"theme"}


def _jar(page: Page) -> dict[str, dict]:
    return {c["name"]: c for c in page.context.cookies()}


def _assert_only_necessary_storage(page: Page) -> None:
    local, session = page.evaluate("[{...window.localStorage}, {...window.sessionStorage}]")
    assert local == {"theme": "light"}, local
    assert set(session) <= SESSION_KEYS and "token" in session, session


def _banner(page: Page):
    return page.get_by_role("region", name="Cookiekeuze")


def _open_fresh(page: Page, path: str = "/") -> None:
    page.goto(path)
    hydrated(page)
    expect(_banner(page)).to_be_visible()


def _views(server, consent_id: str) -> list[str]:
    with server.session() as s:
        return list(s.exec(select(AnalyticsEvent.path).where(AnalyticsEvent.consent_id == consent_id)
                           .order_by(AnalyticsEvent.id)).all())


def _wait_views(server, consent_id: str, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        views = _views(server, consent_id)
        if len(views) >= count:
            return views
        time.sleep(0.2)
    return _views(server, consent_id)


def _records(server, consent_id: str) -> list[ConsentRecord]:
    with server.session() as s:
        return list(s.exec(select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
                           .order_by(ConsentRecord.id)).all())


def _total_views(server) -> int:
    with server.session() as s:
        return s.exec(select(func.count()).select_from(AnalyticsEvent)).one()


def test_reject_all_leaves_only_necessary_cookies(page: Page, server):
    views_before = _total_views(server)
    _open_fresh(page)
    # before any click: only the device id (security), no consent id yet, nothing optional
    assert set(_jar(page)) == {"cloudcv_device"}
    _assert_only_necessary_storage(page)
    expect(_banner(page)).to_contain_text("Alles weigeren")

    _banner(page).get_by_role("button", name="Alles weigeren").click()
    expect(_banner(page)).to_have_count(0)
    jar = _jar(page)
    assert set(jar) == {"cloudcv_device", "cloudcv_consent"}
    assert jar["cloudcv_consent"]["sameSite"] == "Strict"
    [record] = _records(server, jar["cloudcv_consent"]["value"])
    assert (record.method, record.accepted, record.refused) == ("reject_all", [],
                                                                ["analytics", "marketing"])

    # refusing has no consequence: the site keeps working, the banner stays away
    page.get_by_role("link", name="Registreren").first.click()
    expect(page.get_by_label("Naam")).to_be_visible()
    hydrated(page)
    page.goto("/privacy")
    hydrated(page)
    expect(page.locator("#privacy-text")).to_be_visible()
    expect(_banner(page)).to_have_count(0)
    assert set(_jar(page)) <= NECESSARY
    _assert_only_necessary_storage(page)
    assert _total_views(server) == views_before  # no page view recorded for anyone


def test_accept_then_withdraw_from_the_footer(page: Page, server):
    _open_fresh(page, "/privacy")
    _banner(page).get_by_role("button", name="Alles accepteren").click()
    expect(_banner(page)).to_have_count(0)
    wait_js(page, "document.cookie.includes('cloudcv_analytics=')")
    expect(page.locator("#consent-status")).to_have_text("Je cookiekeuze is opgeslagen.")
    jar = _jar(page)
    consent_id = jar["cloudcv_consent"]["value"]
    assert {"cloudcv_analytics", "cloudcv_marketing"} <= set(jar)
    analytics_id = jar["cloudcv_analytics"]["value"]
    assert len(analytics_id) == 32 and analytics_id != consent_id

    page.goto("/registreren")
    assert _wait_views(server, consent_id, 1) == ["/registreren"]
    page.goto("/")
    assert _wait_views(server, consent_id, 2) == ["/registreren", "/"]
    assert _jar(page)["cloudcv_analytics"]["value"] == analytics_id  # stable between pages

    # withdraw: as easy as giving, from the footer of any page
    page.get_by_role("button", name="Cookie-instellingen").click()
    dialog = page.get_by_role("dialog", name="Cookie-instellingen")
    expect(dialog).to_be_visible()
    analytics = dialog.get_by_role("switch", name="Statistieken")
    expect(analytics).to_be_checked()
    expect(dialog.get_by_role("switch", name="Noodzakelijk Altijd aan")).to_be_disabled()
    analytics.click()
    expect(analytics).not_to_be_checked()
    dialog.get_by_role("button", name="Keuze opslaan").click()
    expect(dialog).to_have_count(0)
    wait_js(page, "!document.cookie.includes('cloudcv_analytics')")
    jar = _jar(page)
    assert "cloudcv_analytics" not in jar and "cloudcv_marketing" in jar
    expect(page.locator("#cookie-settings-link")).to_be_focused()
    assert _records(server, consent_id)[-1].method == "withdraw"
    assert _views(server, consent_id) == []  # deleted at once

    page.goto("/privacy")
    hydrated(page)
    expect(page.locator("#privacy-text")).to_be_visible()
    page.wait_for_timeout(500)
    assert _views(server, consent_id) == []  # and recording stopped
    assert "cloudcv_analytics" not in _jar(page)
    expect(_banner(page)).to_have_count(0)


def test_a_new_banner_revision_asks_again_and_keeps_the_old_record(page: Page, server):
    _open_fresh(page)
    _banner(page).get_by_role("button", name="Alles accepteren").click()
    expect(_banner(page)).to_have_count(0)
    # As if this visitor chose under the previous revision: records are append-only (also in
    # the database), so the old choice is a new record under a fresh consent id, and the
    # browser carries that id.
    cookie = _jar(page)["cloudcv_consent"]
    consent_id = secrets.token_hex(16)
    with server.session() as s:
        rec = s.exec(select(ConsentRecord).where(ConsentRecord.consent_id == cookie["value"])).one()
        s.add(ConsentRecord(**{**rec.model_dump(exclude={"id"}), "consent_id": consent_id,
                               "banner_revision": rec.banner_revision - 1}))
        s.commit()
    page.context.add_cookies([{**cookie, "value": consent_id}])
    views = len(_views(server, consent_id))
    page.reload()
    hydrated(page)
    expect(_banner(page)).to_be_visible()
    wait_js(page, "!document.cookie.includes('cloudcv_analytics')")
    assert not {"cloudcv_analytics", "cloudcv_marketing"} & set(_jar(page))
    page.wait_for_timeout(500)
    assert len(_views(server, consent_id)) == views  # no page view under an old choice
    assert len(_records(server, consent_id)) == 1  # the older choice stays on record


def test_login_links_the_visitors_consent_to_the_account(page: Page, server):
    email = unique_email("consent")
    register_and_verify(page, server, name="Cora Consent", email=email)
    page.get_by_role("button", name="Alles weigeren").click()
    wait_js(page, "document.cookie.includes('cloudcv_consent=')")
    consent_id = _jar(page)["cloudcv_consent"]["value"]
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Cora Consent")
    records = _records(server, consent_id)
    assert records and all(r.user_id is not None for r in records)


def test_banner_is_keyboard_operable_and_settings_start_unticked(page: Page, server):
    _open_fresh(page)
    page.keyboard.press("Tab")
    expect(page.locator("#consent-reject")).to_be_focused()  # the banner comes first
    page.keyboard.press("Tab")
    expect(page.locator("#consent-accept")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#consent-settings")).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Cookie-instellingen")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.getElementById('consent-dialog').contains(document.activeElement)")
    for name in ("Statistieken", "Marketing en tracking"):
        expect(dialog.get_by_role("switch", name=name)).not_to_be_checked()  # nothing pre-ticked
    for cookie in ("cloudcv_session", "cloudcv_device", "cloudcv_lang", "cloudcv_consent",
                   "cloudcv_analytics", "cloudcv_marketing"):
        expect(dialog).to_contain_text(cookie)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(_banner(page)).to_be_visible()  # closing is not a choice
    page.locator("#consent-accept").focus()
    page.keyboard.press("Enter")
    expect(_banner(page)).to_have_count(0)


STYLE = ["backgroundColor", "color", "fontSize", "fontWeight", "fontFamily", "paddingTop",
         "paddingLeft", "borderTopWidth", "borderRadius", "boxShadow", "height", "width"]


@pytest.mark.parametrize("width,height", [(1280, 720), (360, 740)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_reject_and_accept_have_equal_size_and_style(page: Page, server, width, height, lang):
    page.set_viewport_size({"width": width, "height": height})
    _open_fresh(page)
    if lang == "en":
        page.locator("#lang-switch").click()
        expect(page.locator("#consent-accept")).to_have_text("Accept all")
    reject, accept = page.locator("#consent-reject"), page.locator("#consent-accept")
    a, b = reject.bounding_box(), accept.bounding_box()
    assert abs(a["width"] - b["width"]) < 0.5 and abs(a["height"] - b["height"]) < 0.5, (a, b)
    styles = [el.evaluate(f"e => {{ const s = getComputedStyle(e); return {STYLE}.map(k => s[k]); }}")
              for el in (reject, accept)]
    assert styles[0] == styles[1]
    # the banner never covers the top of the page, and the page stays usable under it
    banner = page.locator("#cookie-banner").bounding_box()
    assert banner["y"] + banner["height"] <= height + 0.5 and banner["y"] > height * 0.3
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"banner-{lang}-{width}.png"))
    page.locator("#consent-settings").click()
    expect(page.locator("#consent-dialog")).to_be_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"settings-{lang}-{width}.png"))
    page.locator("#consent-save").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"settings-end-{lang}-{width}.png"))


def test_forms_stay_usable_while_the_banner_is_open(page: Page, server):
    """No cookie wall: at 1280x720 the login button is clear of the banner, and on a longer
    form scrolling to the end brings every control above it (the banner is in the flow)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    _open_fresh(page, "/inloggen")
    top = page.locator("#cookie-banner").bounding_box()["y"]
    button = page.locator("#login-form").get_by_role("button").bounding_box()
    assert button["y"] + button["height"] <= top
    page.goto("/registreren")
    hydrated(page)
    expect(_banner(page)).to_be_visible()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    top = page.locator("#cookie-banner").bounding_box()["y"]
    button = page.get_by_role("button", name="Account aanmaken").bounding_box()
    assert 0 <= button["y"] and button["y"] + button["height"] <= top
    page.screenshot(path=str(SHOTS / "register-with-banner-1280.png"))
