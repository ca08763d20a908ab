"""An attacker's browser: planted cookies, page scripts after the session, CSP, bad payloads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from cloudcv.models import CV
from tests.browser.helpers import (hydrated, login, new_cv, register_and_verify, unique_email,
                                   wait_js)

# Every route a visitor or a user can open (the admin ones redirect a plain user away).
PUBLIC = ["/", "/registreren", "/inloggen", "/wachtwoord-vergeten", "/wachtwoord-herstellen",
          "/bevestigen", "/contact", "/privacy", "/account-behouden", "/verzoek",
          "/e-mailadres-bevestigen", "/niet-ik"]
PRIVATE = ["/cv", "/mijn-gegevens", "/beheer", "/beheer/verzoeken", "/beheer/gebruikers",
           "/beveiliging"]

# Watch for any script that was not ours: a planted payload sets __pwned or opens a dialog;
# every CSP violation is recorded (init scripts run outside the page's policy).
WATCH = """
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
        (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
PAYLOADS = [
    "nl';window.__pwned=1;'",
    "nl\";window.__pwned=1;//",
    "</script><img src=x onerror=window.__pwned=1>",
    "${window.__pwned=1}",
]

HIJACK = """
    window.__reflex_otel = { onEventSend: (ev) => {
        if (window.__hijack && !ev.name.endsWith('hydrate')) {
            const h = window.__hijack; window.__hijack = null;
            ev.name = h.name; ev.payload = h.payload;
        } } };
"""
EDITOR = ("reflex___state____state.cloudcv___state___base____app_state."
          "cloudcv___state___base____logged_in_state.cloudcv___state___cvs____editor_state")


def _plant(page: Page, server, lang: str, device: str) -> None:
    """Plant cookies the way a script or another subdomain could; percent-encoded, as the
    frontend's cookie library decodes them before the values reach the server."""
    host = re.sub(r"^https?://", "", server.url).split(":")[0]
    page.context.add_cookies([
        {"name": "cloudcv_lang", "value": quote(lang, safe=""), "domain": host, "path": "/"},
        {"name": "cloudcv_device", "value": quote(device, safe=""), "domain": host, "path": "/"},
    ])


def _visit_all(page: Page, routes: list[str]) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for route in routes:
        page.goto(route)
        hydrated(page)
        page.wait_for_timeout(300)  # on_load handlers have answered
        assert page.evaluate("window.__pwned") is None, f"planted script ran on {route}"
        assert page.evaluate("document.documentElement.lang") in ("nl", "en"), route
        assert page.evaluate("window.__csp") == [], f"CSP violation on {route}"
    assert dialogs == []


def test_planted_language_and_device_cookies_run_no_script_anywhere(page: Page, server):
    page.add_init_script(WATCH)
    _plant(page, server, PAYLOADS[0], PAYLOADS[1])
    _visit_all(page, PUBLIC)
    email = unique_email("plant")
    register_and_verify(page, server, name="Piet Plant", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Piet Plant")
    editor = f"/cv/{new_cv(page, 'Plant cv')}"
    _plant(page, server, PAYLOADS[2], PAYLOADS[3])
    _visit_all(page, PUBLIC + PRIVATE + [editor])
    _plant(page, server, PAYLOADS[1], PAYLOADS[0])
    page.locator("#lang-switch").click()  # switching from a planted value lands on an allowed one
    _visit_all(page, ["/cv", "/mijn-gegevens", "/verzoek"])
    # the refused values were replaced by allowed ones
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["cloudcv_lang"] in ("nl", "en")
    assert re.fullmatch(r"[0-9a-f]{32}", cookies["cloudcv_device"])


def test_the_session_cookie_is_httponly_and_every_page_still_works(page: Page, server, browser):
    page.add_init_script(WATCH)
    email = unique_email("http")
    register_and_verify(page, server, name="Hanna Http", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Hanna Http")
    jar = {c["name"]: c for c in page.context.cookies()}
    session = jar["cloudcv_session"]
    assert session["httpOnly"] is True and session["sameSite"] == "Strict"
    assert session["path"] == "/" and len(session["value"]) >= 40
    assert "cloudcv_session" not in page.evaluate("document.cookie")
    assert page.evaluate("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)") \
        .find(session["value"]) == -1

    # pages, handlers and the HTTP routes all resolve the user from the cookie header
    cv_id = new_cv(page, "Http cv")
    assert page.request.get(f"{server.url}/api/cv/{cv_id}/pdf").status == 200
    page.goto("/mijn-gegevens")
    expect(page.locator("#user-name")).to_have_text("Hanna Http")
    assert page.evaluate("window.__csp") == []

    # a second tab of the same browser shares the cookie; "log out everywhere" in the first
    # ends it: its next page is anonymous and its next action is refused
    other = page.context.new_page()
    other.goto("/cv")
    hydrated(other)
    expect(other.locator("#user-name")).to_have_text("Hanna Http")
    second = browser.new_context(base_url=server.url)  # another device
    elsewhere = second.new_page()
    login(elsewhere, email)
    expect(elsewhere.locator("#user-name")).to_have_text("Hanna Http")
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Overal uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/?$"))
    wait_js(page, "true")
    page.wait_for_timeout(500)
    assert "cloudcv_session" not in {c["name"] for c in page.context.cookies()}
    elsewhere.goto("/cv")
    expect(elsewhere).to_have_url(re.compile(r"/inloggen/?$"))
    assert elsewhere.request.get(f"{server.url}/api/cv/{cv_id}/pdf").status == 404
    other.goto("/mijn-gegevens")
    expect(other).to_have_url(re.compile(r"/inloggen/?$"))
    second.close()


def test_logout_clears_the_cookie_and_a_stale_ticket_is_refused(page: Page, server):
    email = unique_email("uit")
    register_and_verify(page, server, name="Uma Uit", email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_have_text("Uma Uit")
    page.locator("#user-name").click()
    page.get_by_role("menuitem", name="Uitloggen", exact=True).click()
    expect(page.locator("#flash")).to_contain_text("uitgelogd")
    page.wait_for_timeout(500)
    assert "cloudcv_session" not in {c["name"] for c in page.context.cookies()}
    page.reload()
    hydrated(page)
    expect(page.locator("#user-name")).to_have_count(0)
    # the session routes refuse other sites and unknown tickets
    api = page.request
    assert api.post(f"{server.url}/api/session/start", data="nope",
                    headers={"Origin": server.url}).status == 400
    assert api.post(f"{server.url}/api/session/start", data="nope",
                    headers={"Origin": "https://evil.example"}).status == 403


def test_every_response_has_a_strict_content_security_policy(page: Page, server):
    for path in ("/", "/privacy/", "/api/cv/1/pdf"):
        response = page.request.get(f"{server.url}{path}")
        policy = dict(p.split(" ", 1) for p in response.headers["content-security-policy"].split("; "))
        assert policy["frame-ancestors"] == "'none'"
        assert "'unsafe-eval'" not in policy["script-src"]
        assert "'unsafe-inline'" not in policy["script-src"]
    # and the policy is enforced: an inline script of our own choosing does not run
    page.goto("/")
    hydrated(page)
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline = 1'; document.body.appendChild(s); }""")
    assert page.evaluate("window.__inline") is None


def test_a_dict_where_a_field_name_belongs_is_refused_with_a_message_and_stores_nothing(
        page: Page, server):
    page.add_init_script(HIJACK)
    email = unique_email("typ")
    register_and_verify(page, server, name="Tim Type", email=email)
    login(page, email)
    cv_id = new_cv(page, "Type cv")
    log = Path(server.log)
    before = log.read_text()
    for payload in ({"name": {"x": 1}, "value": "Hacker"}, {"name": ["city"], "value": "Hacker"},
                    {"name": "city", "value": {"$gt": ""}}):
        page.evaluate(f"window.__hijack = {json.dumps({'name': EDITOR + '.save_field', 'payload': payload})}")
        page.locator("#lang-switch").click()
        expect(page.locator("#flash")).to_contain_text(re.compile("ongeldig|not valid"))
        page.locator("#lang-switch").click()
    with server.session() as s:
        cv = s.get(CV, cv_id)
        assert "Hacker" not in json.dumps(cv.model_dump(mode="json"))
    new_log = log.read_text()[len(before):]
    assert new_log.count("refused EditorState.save_field") == 3
    assert "Traceback" not in new_log and "TypeError" not in new_log
