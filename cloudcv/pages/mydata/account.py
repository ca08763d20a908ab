"""The tabs that change the account: correct the name and e-mail address (Art. 16), delete it (Art. 17)."""

import reflex as rx

from ...components.i18n import t
from ...components.fields import field
from ...components.layout import card, link_button
from .parts import S, error, notice, submit_button


def correct() -> rx.Component:
    return rx.grid(
        card(
            rx.heading(t("mydata.correct.name_title"), size="4", as_="h2"),
            rx.form(
                rx.flex(
                    rx.flex(
                        rx.el.label(t("form.name"), html_for="field-name", class_name="cv-label"),
                        rx.input(dir="auto", id="field-name", name="name", default_value=S.account_name,
                                 key=S.account_name, size="3", width="100%",
                                 auto_complete="name", required=True),
                        rx.cond(S.errors.contains("name"),
                                rx.text(S.errors["name"], role="alert", size="2",
                                        color_scheme="red", id="field-name-error")),
                        direction="column", spacing="1",
                    ),
                    notice("name"),
                    submit_button("mydata.correct.save_name"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.save_name, id="name-form",
            ),
        ),
        card(
            rx.heading(t("mydata.correct.email_title"), size="4", as_="h2"),
            rx.text(t("mydata.correct.email_current").replace("{email}", S.account_email),
                    size="2", color_scheme="gray", id="current-email"),
            rx.form(
                rx.flex(
                    field(S, "new_email", "mydata.correct.new_email", type_="email",
                          autocomplete="email", hint_key="mydata.correct.email_hint",
                          required=True),
                    field(S, "email_password", "mydata.correct.email_password",
                          type_="password", autocomplete="current-password", required=True),
                    notice("email"),
                    submit_button("mydata.correct.send_link"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.change_email, key=S.form_key, id="email-form",
            ),
        ),
        card(
            rx.heading(t("mydata.correct.cv_title"), size="4", as_="h2"),
            rx.text(t("mydata.correct.cv_text"), size="2", color_scheme="gray"),
            rx.box(link_button(t("mydata.correct.cv_link"), "/cv", variant="soft", size="3")),
        ),
        columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
    )


def delete() -> rx.Component:
    return card(
        rx.heading(t("mydata.delete.title"), size="5", as_="h2"),
        rx.callout(t("mydata.delete.lead"), icon="triangle_alert", color_scheme="red"),
        rx.heading(t("mydata.delete.removed_title"), size="3", as_="h3"),
        rx.text(t("mydata.delete.removed"), size="2"),
        rx.heading(t("mydata.delete.kept_title"), size="3", as_="h3"),
        rx.text(t("mydata.delete.kept").replace("{email}", S.account_email), size="2"),
        rx.form(
            rx.flex(
                field(S, "delete_password", "mydata.delete.password", type_="password",
                      autocomplete="current-password", required=True),
                field(S, "confirmation", "mydata.delete.type_word", autocomplete="off",
                      required=True),
                error("delete"),
                rx.button(rx.icon("trash-2", size=16), t("mydata.delete.submit"), type="submit",
                          color_scheme="red", high_contrast=True, size="3", id="delete-account",
                          class_name="md-wrap-button"),
                direction="column", spacing="3", align="start",
            ),
            on_submit=S.delete_account, id="delete-form",
        ),
        max_width="46rem",
    )
