"""The admin's "erase a recipient everywhere" form on the request queue
(state/admin_recipients.py)."""

from __future__ import annotations

import reflex as rx

from ..state.admin_recipients import AdminRecipientState as S
from .i18n import t


def forget_recipient_form() -> rx.Component:
    """One address in, every recipient row with it (and its links) erased."""
    return rx.card(rx.form(
        rx.flex(
            rx.heading(t("admin.forget_recipient.title"), size="4", as_="h2"),
            rx.text(t("admin.forget_recipient.lead"), size="2", color_scheme="gray"),
            rx.el.label(t("admin.forget_recipient.email"), html_for="forget-recipient-email",
                        class_name="cv-label"),
            rx.flex(
                rx.input(dir="auto", id="forget-recipient-email", name="email", type="email",
                         required=True, flex="1", min_width="12rem"),
                rx.button(t("admin.forget_recipient.submit"), type="submit", color_scheme="red",
                          variant="soft", id="forget-recipient"),
                spacing="2", wrap="wrap"),
            direction="column", spacing="2"),
        on_submit=S.forget, reset_on_submit=True), size="2")
