"""The Reflex app: theme, pages and background tasks."""

import reflex as rx

from .api import api
from .pages import admin, auth, cvs, editor, home, mydata, privacy
from .services import tasks
from .state.admin import AdminState
from .state.auth import LoginState, VerifyState
from .state.base import AppState
from .state.cvs import CVListState, EditorState
from .state.mydata import EmailConfirmState, MyDataState, VerzoekState

app = rx.App(
    html_lang="nl",
    stylesheets=["/cloudcv.css"],
    api_transformer=api,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
)

app.add_page(home.index, route="/", title="CloudCV — jouw cv, jouw gegevens", on_load=AppState.load)
app.add_page(auth.register, route="/registreren", title="Registreren — CloudCV",
             on_load=AppState.load)
app.add_page(auth.login, route="/inloggen", title="Inloggen — CloudCV",
             on_load=LoginState.redirect_if_logged_in)
app.add_page(auth.forgot, route="/wachtwoord-vergeten", title="Wachtwoord vergeten — CloudCV",
             on_load=AppState.load)
app.add_page(auth.reset, route="/wachtwoord-herstellen", title="Nieuw wachtwoord — CloudCV",
             on_load=AppState.load)
app.add_page(auth.verify, route="/bevestigen", title="E-mailadres bevestigen — CloudCV",
             on_load=[AppState.load, VerifyState.verify])
app.add_page(admin.console, route="/beheer", title="Beheer — CloudCV",
             on_load=AdminState.load_console)
app.add_page(cvs.cv_list, route="/cv", title="Mijn cv's — CloudCV", on_load=CVListState.load)
app.add_page(editor.editor, route="/cv/[cv_id]", title="Cv bewerken — CloudCV",
             on_load=EditorState.load)
app.add_page(privacy.privacy, route="/privacy", title="Privacyverklaring — CloudCV",
             on_load=AppState.load)
app.add_page(mydata.mydata, route="/mijn-gegevens", title="Mijn gegevens — CloudCV",
             on_load=MyDataState.load)
app.add_page(mydata.verzoek, route="/verzoek", title="Verzoek over je gegevens — CloudCV",
             on_load=VerzoekState.load)
app.add_page(mydata.email_confirm, route="/e-mailadres-bevestigen",
             title="Nieuw e-mailadres bevestigen — CloudCV",
             on_load=[AppState.load, EmailConfirmState.confirm])

app.register_lifespan_task(tasks.mail_sender)
app.register_lifespan_task(tasks.warm_up_pdf)
