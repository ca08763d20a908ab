"""Temporary (not committed): screenshots of what the a11y fixes changed."""
from pathlib import Path
from playwright.sync_api import expect
from tests.browser.test_accessibility import roles, _settle, _cv_menu_item, _admin_user_dialog, _button  # noqa

OUT = Path("/tmp/a11y-shots"); OUT.mkdir(exist_ok=True)


def shot(page, name, full=True, clip_sel=None):
    for w in (1280, 360):
        page.set_viewport_size({"width": w, "height": 900 if w > 400 else 780})
        page.wait_for_timeout(400)
        if clip_sel:
            page.locator(clip_sel).first.screenshot(path=str(OUT / f"{name}-{w}.png"))
        else:
            page.screenshot(path=str(OUT / f"{name}-{w}.png"), full_page=full)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_shots(roles):
    pages, cv_id = roles
    a, u, ad = pages["anonymous"], pages["user"], pages["admin"]
    a.goto("/"); _settle(a); shot(a, "home-anon", full=False)
    u.goto("/"); _settle(u); u.locator("#user-name").click(); u.wait_for_timeout(300)
    shot(u, "home-user-menu", full=False); u.keyboard.press("Escape")
    u.goto(f"/cv/{cv_id}"); _settle(u); shot(u, "editor")
    u.goto("/privacy"); _settle(u); u.locator('a[href$="mailto:info@cloudcv.nl"]').first.scroll_into_view_if_needed()
    u.screenshot(path=str(OUT / "privacy-1280.png"))
    u.goto("/cv"); _settle(u); _cv_menu_item("Verwijderen", "alertdialog")(u); u.wait_for_timeout(300)
    u.screenshot(path=str(OUT / "cv-delete-1280.png")); _button("Annuleren")(u)
    u.goto("/mijn-gegevens"); _settle(u); shot(u, "mydata", full=False)
    ad.goto("/beheer/mail"); _settle(ad); ad.screenshot(path=str(OUT / "admin-mail-1280.png"), full_page=True)
    ad.goto("/beheer/datalekken"); _settle(ad); shot(ad, "admin-breaches")
    ad.goto("/beheer/gebruikers"); _settle(ad); _admin_user_dialog(ad); ad.wait_for_timeout(300)
    ad.screenshot(path=str(OUT / "admin-user-dialog-1280.png"))
