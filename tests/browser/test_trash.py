"""The trash end to end (issue 23): deleting a CV asks first and moves it to the trash on
/cv, where it can be restored with one click, erased for good, or the trash emptied; the
editor of a CV in the trash is not reachable."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import login, new_cv, register_and_verify, unique_email


def _delete(page: Page, title: str) -> None:
    row = page.locator(".cv-row").filter(has_text=title)
    row.get_by_role("button", name=re.compile("^Menu")).click()
    page.get_by_role("menuitem", name="Verwijderen").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("prullenbak")
    page.locator("#confirm-delete").click()
    expect(page.locator(".cv-row").filter(has_text=title)).to_have_count(0)


def test_delete_restore_and_empty_the_trash(page: Page, server, artifacts):
    email = unique_email("prullenbak")
    register_and_verify(page, server, name="Pim Prullenbak", email=email)
    login(page, email)
    first = new_cv(page, "Cv voor de bakker")
    new_cv(page, "Cv voor de slager")
    page.goto("/cv")
    expect(page.locator(".cv-row")).to_have_count(2)

    _delete(page, "Cv voor de bakker")
    trash = page.locator("#trash-card")
    expect(trash.locator(".trash-row")).to_have_count(1)
    expect(trash).to_contain_text("Cv voor de bakker")
    expect(trash).to_contain_text("(30 dagen)")
    trash.screenshot(path=str(artifacts / "trash.png"))
    page.goto(f"/cv/{first}")  # a CV in the trash has no editor
    expect(page.locator("#cv-title")).to_have_count(0)

    page.goto("/cv")
    page.get_by_role("button", name="Terugzetten: Cv voor de bakker").click()
    expect(page.locator(".cv-row").filter(has_text="Cv voor de bakker")).to_have_count(1)
    expect(page.locator("#trash-card")).to_have_count(0)

    _delete(page, "Cv voor de bakker")
    _delete(page, "Cv voor de slager")
    expect(page.locator("#trash-card .trash-row")).to_have_count(2)
    page.locator("#empty-trash").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Prullenbak legen?")
    page.locator("#confirm-erase").click()
    expect(page.locator("#trash-card")).to_have_count(0)
    expect(page.locator("#cv-empty")).to_be_visible()
