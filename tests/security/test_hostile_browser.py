"""Issue 19, in a real browser: a sample of the hostile corpus (``_corpus.CANARY``) stored in a
CV, its entries, a recipient and the account name, then shown in the editor and on the
shared page ``/gedeeld/...``. No payload may become markup: no element carries an inline
event handler or the payloads' ``src=x``, ``window.__xss`` (the canary the payloads set) stays
unset and no dialog opens. (The Content-Security-Policy would also stop inline handlers, so
the DOM is checked as well: an injection the policy happened to block still fails here.)
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from cloudcv.models import User
from cloudcv.services.cv import cvs, entries, recipients
from tests.browser.conftest import browser_type_launch_args  # noqa: F401
from tests.browser.helpers import login, new_cv, register_and_verify, unique_email
from tests.smtp import text_body

from ._corpus import CANARY

pytestmark = pytest.mark.browser
NAME = CANARY[0]  # the account name: the header, and "Cv van ..." on the shared page
CV_FIELDS = ("headline", "city", "street", "nationality", "profile", "other_info")
MARKUP = ("() => document.querySelectorAll('[onerror],[onload],[ontoggle],img[src=\"x\"],"
          "iframe[srcdoc]').length")


def _inert(page: Page, dialogs: list) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate(MARKUP) == 0
    assert dialogs == []


@pytest.fixture(scope="module")
def hostile_server():
    """A production server of this module's own, as in test_uploads.py: the shared
    tests/browser server has by then served every browser test."""
    from tests.browser.conftest import _start
    yield from _start()


def test_canary_payloads_stay_text_in_the_editor_and_on_the_shared_page(browser,
                                                                        hostile_server):
    server = hostile_server
    page = browser.new_context(base_url=server.url).new_page()
    dialogs: list = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    email, hr = unique_email("xss"), unique_email("hr")
    register_and_verify(page, server, name=NAME, email=email)
    login(page, email)
    expect(page.locator("#user-name")).to_contain_text(NAME)
    cv_id = new_cv(page, CANARY[1])
    with server.session() as s:
        uid = s.exec(select(User.id).where(User.email == email)).one()
        for name, payload in zip(CV_FIELDS, CANARY[2:]):
            cvs.set_field(s, user_id=uid, cv_id=cv_id, name=name, value=payload)
        entry = entries.add_entry(s, user_id=uid, cv_id=cv_id, section="work")
        for name, payload in zip(entries.ENTRY_FIELDS, CANARY[8:]):
            entries.set_entry_field(s, user_id=uid, entry_id=entry, name=name, value=payload)
        recipients.add_recipient(s, user_id=uid, cv_id=cv_id, name=CANARY[12], email=hr,
                                 note=CANARY[13])

    page.goto(f"/cv/{cv_id}")
    for name, payload in zip(CV_FIELDS, CANARY[2:]):
        expect(page.locator(f"#cv-{name}")).to_have_value(payload)
    for name, payload in zip(entries.ENTRY_FIELDS, CANARY[8:]):
        expect(page.locator(f"#entry-{name}-{entry}")).to_have_value(payload)
    expect(page.locator("#recipients-list")).to_contain_text(CANARY[12])
    _inert(page, dialogs)
    page.locator("#recipients-list .send-recipient").first.click()  # the server signs the link
    expect(page.locator("#recipients-message")).to_contain_text(CANARY[12])
    _inert(page, dialogs)
    msg = server.smtp.wait_for(hr, "deelt een cv met u")
    link = re.search(r"https?://\S+/gedeeld/[\w.\-]+", text_body(msg)).group(0)

    other = browser.new_context().new_page()  # the recipient: no account, no cookie
    other.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert other.goto(link).status == 200
    expect(other.locator("#shared-title")).to_contain_text(NAME)
    assert other.locator("img").count() == 1  # the preview, nothing from the payloads
    _inert(other, dialogs)
