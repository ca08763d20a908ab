"""``/registreren``, ``/inloggen``, ``/wachtwoord-vergeten``, ``/wachtwoord-herstellen``,
``/bevestigen`` and ``/e-mailadres-bevestigen`` (states: state/auth.py)."""

import reflex as rx

from ..components.fields import checkbox, field, form, form_error
from ..components.i18n import t
from ..components.passkey_bridge import passkey_bridge
from ..components.layout import card, link_button, page
from ..state.auth import (EmailConfirmState, ForgotState, LoginState, NotMeState, RegisterState,
                          ResetState, VerifyState)
from ..state.base import AppState
from .registry import route


def _done(state) -> rx.Component:
    return rx.callout(state.done_message, icon="circle-check", color_scheme="green",
                      role="status", id="done-message", width="100%")


def _form_card(title_key: str, state, done: rx.Component, form_: rx.Component) -> rx.Component:
    """A narrow card: the heading, then ``done`` once ``state.done``, else the form."""
    return page(card(rx.heading(t(title_key), size="7", as_="h1"), rx.cond(state.done, done, form_)),
                narrow=True)


def _done_then_login(state) -> rx.Component:
    return rx.flex(_done(state), link_button(t("nav.login"), "/inloggen", size="3"),
                   direction="column", spacing="3")


@route("/registreren", title="title.register", on_load=AppState.load)
def register() -> rx.Component:
    return _form_card(
        "register.title", RegisterState,
        rx.flex(rx.heading(t("register.done_title"), size="4", as_="h2"),
                _done(RegisterState), direction="column", spacing="3"),
        form(RegisterState, "register-form", "register.submit",
             rx.text(t("form.required_hint"), size="2", color_scheme="gray"),
             field(RegisterState, "name", "form.name", autocomplete="name", required=True),
             field(RegisterState, "email", "form.email", type_="email",
                   autocomplete="email", required=True),
             field(RegisterState, "password", "form.password", type_="password",
                   autocomplete="new-password", hint_key="form.password_hint", required=True),
             checkbox(t("marketing.optin.checkbox"), name="news", id="field-news",
                      default_checked=False),
             after=rx.link(t("register.have_account"), href="/inloggen", size="2")),
    )


def _code_form() -> rx.Component:
    """The second step of a login with a second factor."""
    return form(
        LoginState, "login-code-form", "login.code_submit",
        rx.text(t("login.code_lead"), size="3", color_scheme="gray"),
        field(LoginState, "code", "login.code", autocomplete="one-time-code", required=True,
              hint_key="login.code_hint"),
        after=rx.button(t("login.code_back"), type="button", variant="ghost", size="2",
                        on_click=LoginState.cancel_code, id="login-code-back"),
        on_submit=LoginState.submit_code,
    )


@route("/inloggen", title="title.login", on_load=LoginState.redirect_if_logged_in)
def login() -> rx.Component:
    return page(card(
        rx.heading(t("login.title"), size="7", as_="h1"),
        rx.cond(LoginState.code_step, _code_form(), rx.flex(form(
            LoginState, "login-form", "login.submit",
            field(LoginState, "email", "form.email", type_="email", autocomplete="username",
                  required=True),
            field(LoginState, "password", "form.password", type_="password",
                  autocomplete="current-password", required=True),
            after=rx.flex(
                rx.link(t("login.forgot"), href="/wachtwoord-vergeten", size="2"),
                rx.link(t("login.no_account"), href="/registreren", size="2"),
                justify="between", wrap="wrap", spacing="2",
            ),
        ),
            rx.separator(size="4"),
            rx.button(rx.icon("key-round", size=16), t("login.passkey"), type="button",
                      variant="outline", size="3", width="100%", id="login-passkey",
                      on_click=LoginState.start_passkey),
            direction="column", spacing="4",
        )),
        passkey_bridge("passkey-login", "get", LoginState.passkey_options, LoginState.passkey_answer),
    ), narrow=True)


@route("/wachtwoord-vergeten", title="title.forgot", on_load=AppState.load)
def forgot() -> rx.Component:
    return _form_card("forgot.title", ForgotState, _done(ForgotState),
                      form(ForgotState, "forgot-form", "forgot.submit",
                           rx.text(t("forgot.lead"), size="3", color_scheme="gray"),
                           field(ForgotState, "email", "form.email", type_="email",
                                 autocomplete="email", required=True)))


@route("/wachtwoord-herstellen", title="title.reset", on_load=AppState.load)
def reset() -> rx.Component:
    return _form_card("reset.title", ResetState, _done_then_login(ResetState),
                      form(ResetState, "reset-form", "reset.submit",
                           field(ResetState, "password", "form.new_password", type_="password",
                                 autocomplete="new-password", hint_key="form.password_hint",
                                 required=True)))


def _link_page(title_key: str, busy_key: str, state, done: rx.Component) -> rx.Component:
    """A page a mailed link opens: "busy" while the link is checked, then done or the error."""
    return page(card(
        rx.heading(t(title_key), size="7", as_="h1"),
        rx.cond(state.busy, rx.text(t(busy_key))),
        rx.cond(state.done, done),
        form_error(state),
    ), narrow=True)


@route("/bevestigen", title="title.verify", on_load=[AppState.load, VerifyState.verify])
def verify() -> rx.Component:
    return _link_page("verify.title", "verify.busy", VerifyState, _done_then_login(VerifyState))


@route("/niet-ik", title="title.not_me", on_load=[AppState.load, NotMeState.confirm])
def not_me() -> rx.Component:
    return _link_page("not_me.title", "not_me.busy", NotMeState,
                      rx.flex(_done(NotMeState),
                              link_button(t("not_me.reset"), "/wachtwoord-vergeten", size="3"),
                              direction="column", spacing="3"))


@route("/e-mailadres-bevestigen", title="title.email_confirm",
       on_load=[AppState.load, EmailConfirmState.confirm])
def email_confirm() -> rx.Component:
    return _link_page("email_confirm.title", "email_confirm.busy", EmailConfirmState,
                      _done(EmailConfirmState))
