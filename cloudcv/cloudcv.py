"""The Reflex app: theme, pages and background tasks."""

import reflex as rx

from .api import api
from .pages import auth, contact, cvs, editor, home, mydata, privacy, retention
from .pages.admin import contact as admin_contact
from .pages.admin import dashboard, incidents, operations, ops, requests, users
from .services import tasks
from .state.admin import (AdminAuditState, AdminAuthorityState, AdminBreachState, AdminMailState,
                          AdminOpsState, AdminRequestsState, AdminState, AdminUsersState)
from .state.auth import LoginState, VerifyState
from .state.base import AppState, backend_exception_handler
from .state.contact import AdminContactState
from .state.cvs import CVListState, EditorState
from .state.retention import KeepState, RegisterState
from .state.mydata import EmailConfirmState, MyDataState, VerzoekState

app = rx.App(
    html_lang="nl",
    stylesheets=["/cloudcv.css"],
    api_transformer=api,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
    backend_exception_handler=backend_exception_handler,
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
app.add_page(dashboard.dashboard, route="/beheer", title="Beheer — CloudCV",
             on_load=AdminState.load_console)
app.add_page(requests.requests, route="/beheer/verzoeken", title="Verzoeken — Beheer",
             on_load=AdminRequestsState.load)
app.add_page(ops.retention, route="/beheer/bewaartermijnen", title="Bewaartermijnen — Beheer",
             on_load=AdminOpsState.load)
app.add_page(ops.processors, route="/beheer/verwerkers", title="Verwerkers — Beheer", on_load=AdminOpsState.load)
app.add_page(users.users, route="/beheer/gebruikers", title="Gebruikers — Beheer",
             on_load=AdminUsersState.load)
app.add_page(incidents.authority, route="/beheer/overheid", title="Overheidsverzoeken — Beheer",
             on_load=AdminAuthorityState.load)
app.add_page(incidents.breaches, route="/beheer/datalekken", title="Datalekken — Beheer",
             on_load=AdminBreachState.load)
app.add_page(admin_contact.contact, route="/beheer/contact", title="Contactvragen — Beheer",
             on_load=AdminContactState.load)
app.add_page(contact.contact, route="/contact", title="Contact — CloudCV", on_load=AppState.load)
app.add_page(operations.mail, route="/beheer/mail", title="Mail — Beheer", on_load=AdminMailState.load)
app.add_page(operations.audit, route="/beheer/audit", title="Auditlog — Beheer",
             on_load=AdminAuditState.load)
app.add_page(cvs.cv_list, route="/cv", title="Mijn cv's — CloudCV", on_load=CVListState.load)
app.add_page(editor.editor, route="/cv/[cv_id]", title="Cv bewerken — CloudCV",
             on_load=EditorState.load)
app.add_page(privacy.privacy, route="/privacy", title="Privacyverklaring — CloudCV",
             on_load=privacy.on_load())
app.add_page(retention.keep_account, route="/account-behouden", title="Account behouden — CloudCV",
             on_load=[AppState.load, KeepState.check])
app.add_page(retention.admin_register, route="/beheer/register",
             title="Verwerkingsregister — CloudCV", on_load=RegisterState.load_register)
app.add_page(mydata.mydata, route="/mijn-gegevens", title="Mijn gegevens — CloudCV",
             on_load=MyDataState.load)
app.add_page(mydata.verzoek, route="/verzoek", title="Verzoek over je gegevens — CloudCV",
             on_load=VerzoekState.load)
app.add_page(mydata.email_confirm, route="/e-mailadres-bevestigen",
             title="Nieuw e-mailadres bevestigen — CloudCV",
             on_load=[AppState.load, EmailConfirmState.confirm])

app.register_lifespan_task(tasks.mail_sender)
app.register_lifespan_task(tasks.warm_up_pdf)
app.register_lifespan_task(tasks.retention_sweeper)
