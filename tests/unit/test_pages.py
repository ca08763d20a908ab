"""Every page is declared next to its function (``@route``) and found by discovery."""

from __future__ import annotations

import sys
import textwrap

import cloudcv.cloudcv as built
from cloudcv.pages.registry import discover, register

# Route (as Reflex keys it), Dutch title, on_load handlers: the app as it was registered by
# hand before pages declared themselves.
PAGES = {
    "index": ("CloudCV — jouw cv, jouw gegevens", ["AppState.load"]),
    "registreren": ("Registreren — CloudCV", ["AppState.load"]),
    "inloggen": ("Inloggen — CloudCV", ["LoginState.redirect_if_logged_in"]),
    "wachtwoord-vergeten": ("Wachtwoord vergeten — CloudCV", ["AppState.load"]),
    "wachtwoord-herstellen": ("Nieuw wachtwoord — CloudCV", ["AppState.load"]),
    "bevestigen": ("E-mailadres bevestigen — CloudCV", ["AppState.load", "VerifyState.verify"]),
    "beheer": ("Beheer — CloudCV", ["AdminState.load_console"]),
    "beheer/verzoeken": ("Verzoeken — Beheer", ["AdminRequestsState.load"]),
    "beheer/bewaartermijnen": ("Bewaartermijnen — Beheer", ["AdminOpsState.load"]),
    "beheer/verwerkers": ("Verwerkers — Beheer", ["AdminOpsState.load"]),
    "beheer/gebruikers": ("Gebruikers — Beheer", ["AdminUsersState.load"]),
    "beheer/overheid": ("Overheidsverzoeken — Beheer", ["AdminAuthorityState.load"]),
    "beheer/datalekken": ("Datalekken — Beheer", ["AdminBreachState.load"]),
    "beheer/contact": ("Contactvragen — Beheer", ["AdminContactState.load"]),
    "beheer/campagnes": ("Campagnes — Beheer", ["AdminCampaignsState.load"]),
    "nieuwsbrief": ("Nieuws — CloudCV", ["AppState.load"]),
    "nieuwsbrief/bevestigen": ("Aanmelding bevestigen — CloudCV",
                               ["AppState.load", "NewsConfirmState.confirm"]),
    "contact": ("Contact — CloudCV", ["AppState.load"]),
    "probeer": ("Probeer zonder account — CloudCV", ["AppState.load"]),
    "beheer/mail": ("Mail — Beheer", ["AdminMailState.load"]),
    "beheer/audit": ("Auditlog — Beheer", ["AdminAuditState.load"]),
    "cv": ("Mijn cv's — CloudCV", ["CVListState.load"]),
    "cv/[cv_id]": ("Cv bewerken — CloudCV", ["EditorState.load"]),
    "cv/importeren": ("Cv importeren — CloudCV", ["LoggedInState.require_login"]),
    "brief/[letter_id]": ("Sollicitatiebrief — CloudCV", ["LetterState.load_letter"]),
    "privacy": ("Privacyverklaring — CloudCV", ["AppState.load", "PrivacyState.load"]),
    "account-behouden": ("Account behouden — CloudCV", ["AppState.load", "KeepState.check"]),
    "beheer/register": ("Verwerkingsregister — CloudCV", ["RegisterState.load_register"]),
    "mijn-gegevens": ("Mijn gegevens — CloudCV", ["MyDataState.load"]),
    "verzoek": ("Verzoek over je gegevens — CloudCV", ["VerzoekState.load"]),
    "e-mailadres-bevestigen": ("Nieuw e-mailadres bevestigen — CloudCV",
                               ["AppState.load", "EmailConfirmState.confirm"]),
    "beveiliging": ("Beveiliging — CloudCV", ["SecurityState.load"]),
    "niet-ik": ("Dit was ik niet — CloudCV", ["AppState.load", "NotMeState.confirm"]),
}


def _handlers(on_load) -> list[str]:
    """``State.handler`` of each load event (an EventSpec names its handler)."""
    events = on_load if isinstance(on_load, list) else [on_load]
    return [getattr(e, "handler", e).fn.__qualname__ for e in events]


def test_the_app_registers_exactly_the_pages_with_their_titles_and_load_events():
    registered = {route: (page.title, _handlers(page.on_load))
                  for route, page in built.app._unevaluated_pages.items()}
    assert registered == PAGES


def test_the_privacy_page_loads_with_the_fingerprint_of_the_compiled_statement():
    from cloudcv.pages import privacy

    spec = built.app._unevaluated_pages["privacy"].on_load[1]
    assert spec.args[0][1]._var_value == privacy.fingerprint()


class _App:
    """Records what ``register`` adds, as ``rx.App.add_page`` would receive it."""

    def __init__(self):
        self.pages = []

    def add_page(self, component, *, route, title, on_load):
        self.pages.append((component.__name__, route, title, on_load))


def test_a_page_module_in_a_new_package_is_discovered_and_registered(tmp_path):
    package = tmp_path / "extra_pages"
    (package / "help").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "help" / "__init__.py").write_text("")
    (package / "help" / "faq.py").write_text(textwrap.dedent('''
        import reflex as rx

        from cloudcv.pages.home import index  # a page of another package: not this one's
        from cloudcv.pages.registry import route
        from cloudcv.state.base import AppState


        def _answer() -> rx.Component:  # no @route: not a page
            return rx.text("42")


        @route("/veelgestelde-vragen", title="title.contact", on_load=AppState.load)
        def faq() -> rx.Component:
            return _answer()
    '''))
    sys.path.insert(0, str(tmp_path))
    try:
        import extra_pages

        app = _App()
        declared = register(app, extra_pages)
        from cloudcv.state.base import AppState

        assert app.pages == [("faq", "/veelgestelde-vragen", "Contact — CloudCV", AppState.load)]
        assert [p.route for p in declared] == ["/veelgestelde-vragen"]
        assert [p.route for p in discover(extra_pages)] == ["/veelgestelde-vragen"]
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "extra_pages" or m.startswith("extra_pages.")]:
            del sys.modules[name]
