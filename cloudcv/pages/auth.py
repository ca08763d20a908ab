"""``/registreren``, ``/inloggen``, ``/wachtwoord-vergeten``, ``/wachtwoord-herstellen``,
``/bevestigen``."""

import reflex as rx

from ..components.fields import field, form_error, submit
from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..state.auth import ForgotState, LoginState, RegisterState, ResetState, VerifyState


def _done(state) -> rx.Component:
    return rx.callout(state.done_message, icon="circle-check", color_scheme="green",
                      role="status", id="done-message", width="100%")


def register() -> rx.Component:
    return page(card(
        rx.heading(t("register.title"), size="7", as_="h1"),
        rx.cond(
            RegisterState.done,
            rx.flex(rx.heading(t("register.done_title"), size="4", as_="h2"),
                    _done(RegisterState), direction="column", spacing="3"),
            rx.form(
                rx.flex(
                    rx.text(t("form.required_hint"), size="2", color_scheme="gray"),
                    field(RegisterState, "name", "form.name", autocomplete="name", required=True),
                    field(RegisterState, "email", "form.email", type_="email",
                          autocomplete="email", required=True),
                    field(RegisterState, "password", "form.password", type_="password",
                          autocomplete="new-password", hint_key="form.password_hint",
                          required=True),
                    form_error(RegisterState),
                    submit(RegisterState, "register.submit"),
                    rx.link(t("register.have_account"), href="/inloggen", size="2"),
                    direction="column", spacing="4",
                ),
                on_submit=RegisterState.submit, id="register-form",
            ),
        ),
    ), narrow=True)


def login() -> rx.Component:
    return page(card(
        rx.heading(t("login.title"), size="7", as_="h1"),
        rx.form(
            rx.flex(
                field(LoginState, "email", "form.email", type_="email", autocomplete="username",
                      required=True),
                field(LoginState, "password", "form.password", type_="password",
                      autocomplete="current-password", required=True),
                form_error(LoginState),
                submit(LoginState, "login.submit"),
                rx.flex(
                    rx.link(t("login.forgot"), href="/wachtwoord-vergeten", size="2"),
                    rx.link(t("login.no_account"), href="/registreren", size="2"),
                    justify="between", wrap="wrap", spacing="2",
                ),
                direction="column", spacing="4",
            ),
            on_submit=LoginState.submit, id="login-form",
        ),
    ), narrow=True)


def forgot() -> rx.Component:
    return page(card(
        rx.heading(t("forgot.title"), size="7", as_="h1"),
        rx.cond(
            ForgotState.done,
            _done(ForgotState),
            rx.form(
                rx.flex(
                    rx.text(t("forgot.lead"), size="3", color_scheme="gray"),
                    field(ForgotState, "email", "form.email", type_="email",
                          autocomplete="email", required=True),
                    form_error(ForgotState),
                    submit(ForgotState, "forgot.submit"),
                    direction="column", spacing="4",
                ),
                on_submit=ForgotState.submit, id="forgot-form",
            ),
        ),
    ), narrow=True)


def reset() -> rx.Component:
    return page(card(
        rx.heading(t("reset.title"), size="7", as_="h1"),
        rx.cond(
            ResetState.done,
            rx.flex(_done(ResetState),
                    link_button(t("nav.login"), "/inloggen", size="3"),
                    direction="column", spacing="3"),
            rx.form(
                rx.flex(
                    field(ResetState, "password", "form.new_password", type_="password",
                          autocomplete="new-password", hint_key="form.password_hint",
                          required=True),
                    form_error(ResetState),
                    submit(ResetState, "reset.submit"),
                    direction="column", spacing="4",
                ),
                on_submit=ResetState.submit, id="reset-form",
            ),
        ),
    ), narrow=True)


def verify() -> rx.Component:
    return page(card(
        rx.heading(t("verify.title"), size="7", as_="h1"),
        rx.cond(VerifyState.busy, rx.text(t("verify.busy"))),
        rx.cond(VerifyState.done,
                rx.flex(_done(VerifyState),
                        link_button(t("nav.login"), "/inloggen", size="3"),
                        direction="column", spacing="3")),
        form_error(VerifyState),
    ), narrow=True)
