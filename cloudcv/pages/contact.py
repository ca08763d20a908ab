"""``/contact``: the contact form (§8)."""

import reflex as rx

from ..components.fields import field, form
from ..components.i18n import t
from ..components.layout import card, page
from ..config import settings
from ..state.base import AppState
from ..state.contact import ContactState
from .registry import route


@route("/contact", title="title.contact", on_load=AppState.load)
def contact() -> rx.Component:
    return page(card(
        rx.heading(t("contact.title"), size="7", as_="h1"),
        rx.text(t("contact.lead").replace("{email}", settings().contact_email),
                color_scheme="gray"),
        rx.cond(
            ContactState.done,
            rx.callout(ContactState.done_message, icon="circle-check", color_scheme="green",
                       role="status", id="done-message"),
            form(
                ContactState, "contact-form", "contact.submit",
                field(ContactState, "name", "form.name", autocomplete="name", required=True),
                field(ContactState, "email", "form.email", type_="email", autocomplete="email",
                      required=True),
                field(ContactState, "organisation", "contact.organisation", autocomplete="organization"),
                rx.flex(
                    rx.el.label(t("contact.message"), html_for="field-message", class_name="cv-label"),
                    rx.text_area(dir="auto", id="field-message", name="message", rows="6", required=True, width="100%"),
                    rx.cond(ContactState.errors.contains("message"),
                            rx.text(ContactState.errors["message"], color_scheme="red", size="2",
                                    role="alert", id="field-message-error")),
                    direction="column", spacing="1"),
                rx.el.input(name="website", tab_index=-1, auto_complete="off", aria_hidden="true",
                            class_name="cv-honeypot"),
                rx.text(t("contact.privacy"), size="1", color_scheme="gray"),
            ),
        ),
    ), narrow=True)
