"""``/account-behouden`` (keep an unused account, from the mailed link) and
``/beheer/register`` (the Art. 30 processing register and the retention runs, admins)."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..state.base import AppState
from ..state.retention import KeepState, RegisterState
from .registry import route


@route("/account-behouden", title="title.keep", on_load=[AppState.load, KeepState.check])
def keep_account() -> rx.Component:
    return page(card(
        rx.heading(t("keep.title"), size="7", as_="h1"),
        rx.cond(
            KeepState.done_message != "",
            rx.flex(
                rx.callout(KeepState.done_message, icon="circle-check", color_scheme="green",
                           role="status", id="done-message", width="100%"),
                rx.cond(AppState.logged_in, link_button(t("nav.cvs"), "/cv", size="3"),
                        link_button(t("nav.login"), "/inloggen", size="3")),
                direction="column", spacing="3",
            ),
            rx.cond(
                KeepState.form_error != "",
                rx.callout(KeepState.form_error, icon="triangle_alert", color_scheme="red",
                           role="alert", id="link-error", width="100%"),
                rx.flex(
                    rx.text(t("keep.lead"), size="3"),
                    rx.cond(KeepState.account_name != "",
                            rx.text(t("keep.for"), " ", rx.text.strong(KeepState.account_name),
                                    size="2", color_scheme="gray", id="keep-account-name")),
                    rx.button(rx.icon("shield-check", size=18), t("keep.submit"), size="3",
                              width="100%", on_click=KeepState.keep, loading=KeepState.busy,
                              disabled=KeepState.account_name == "", id="keep-button"),
                    rx.text(t("keep.login_hint"), size="2", color_scheme="gray"),
                    direction="column", spacing="4",
                ),
            ),
        ),
    ), narrow=True)


def _runs() -> rx.Component:
    head = rx.table.header(rx.table.row(
        rx.table.column_header_cell(t("art30.run_rule")),
        rx.table.column_header_cell(t("art30.run_started")),
        rx.table.column_header_cell(t("art30.run_deleted")),
        rx.table.column_header_cell(t("art30.run_prompted")),
        rx.table.column_header_cell(t("art30.run_error")),
    ))
    body = rx.table.body(rx.foreach(RegisterState.runs, lambda r: rx.table.row(
        rx.table.row_header_cell(rx.text(r["rule"], " ",
                                         rx.cond(r["dry"] != "",
                                                 rx.badge(t("art30.run_dry"), color_scheme="gray"),
                                                 ""))),
        rx.table.cell(r["started"]),
        rx.table.cell(r["deleted"]),
        rx.table.cell(r["prompted"]),
        rx.table.cell(rx.text(r["error"], color_scheme="red")),
    )))
    return rx.flex(
        rx.heading(t("art30.runs"), size="5", as_="h2"),
        rx.cond(RegisterState.runs.length() > 0,
                rx.box(rx.table.root(head, body, variant="surface", size="1"),
                       overflow_x="auto", width="100%"),
                rx.text(t("art30.runs_empty"), color_scheme="gray")),
        direction="column", spacing="3", width="100%", id="retention-runs",
    )


@route("/beheer/register", title="title.admin_register",
       on_load=RegisterState.load_register)
def admin_register() -> rx.Component:
    text = rx.cond(AppState.lang == "en", RegisterState.register_en, RegisterState.register_nl)
    return page(rx.cond(
        AppState.is_admin,
        rx.flex(
            rx.heading(t("art30.title"), size=rx.breakpoints(initial="7", md="8"), as_="h1"),
            rx.text(t("art30.lead"), size="3", color_scheme="gray"),
            rx.box(rx.markdown(text), class_name="cv-prose cv-register", id="register-text",
                   width="100%"),
            _runs(),
            direction="column", spacing="5", width="100%",
        ),
        rx.text(t("error.forbidden")),
    ))
