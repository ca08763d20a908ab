"""``/beheer``: the admin console (reachable for admins only; content grows later)."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import link_button, page
from ..state.admin import AdminState


def _stat(label_key: str, value) -> rx.Component:
    return rx.card(rx.flex(rx.text(t(label_key), size="2", color_scheme="gray"),
                           rx.text(value, size="7", weight="bold"), direction="column", spacing="1"),
                   size="3")


def console() -> rx.Component:
    return page(
        rx.heading(t("admin.title"), size="8", as_="h1"),
        rx.cond(
            AdminState.is_admin,
            rx.grid(
                _stat("admin.users", AdminState.user_count),
                _stat("admin.outbox", AdminState.queued_mail),
                columns=rx.breakpoints(initial="1", sm="2", md="4"), spacing="4", width="100%",
                id="admin-stats",
            ),
            rx.text(t("error.forbidden")),
        ),
        rx.cond(AdminState.is_admin,
                rx.flex(link_button(t("art30.open"), "/beheer/register", variant="soft"),
                        spacing="3", wrap="wrap")),
    )
