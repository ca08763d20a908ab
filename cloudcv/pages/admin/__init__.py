"""``/beheer/...``: the admin console. Shared shell: title, section navigation, messages."""

import reflex as rx

from ...components.i18n import t
from ...components.layout import page
from ...state.admin import AdminState

SECTIONS = (("dashboard", "/beheer"), ("requests", "/beheer/verzoeken"), ("users", "/beheer/gebruikers"),
            ("authority", "/beheer/overheid"), ("breaches", "/beheer/datalekken"),
            ("contact", "/beheer/contact"), ("register", "/beheer/register"),
            ("retention", "/beheer/bewaartermijnen"), ("processors", "/beheer/verwerkers"), ("mail", "/beheer/mail"),
            ("audit", "/beheer/audit"))


def admin_page(current: str, *children: rx.Component) -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("admin.title"), size="8", as_="h1"),
            rx.flex(
                *[rx.link(t(f"admin.nav.{key}"), href=href, size="2",
                          weight="bold" if key == current else "regular",
                          underline="always" if key == current else "hover",
                          aria_current="page" if key == current else None)
                  for key, href in SECTIONS],
                spacing="4", wrap="wrap", as_="nav", aria_label=t("admin.title"),
            ),
            direction="column", spacing="3",
        ),
        rx.cond(AdminState.is_admin, rx.flex(
            rx.cond(AdminState.notice != "",
                    rx.callout(AdminState.notice, icon="circle-check", color_scheme="green",
                               role="status", id="admin-notice")),
            rx.cond(AdminState.error != "",
                    rx.callout(AdminState.error, icon="triangle-alert", color_scheme="red",
                               role="alert", id="admin-error")),
            *children,
            direction="column", spacing="4", width="100%",
        )),
    )


def table(headers: list[str], rows, render_row, *, id_: str) -> rx.Component:
    """A scrollable table (usable at 360 px) with translated headers."""
    return rx.cond(
        rows.length() > 0,
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(h)) for h in headers])),
            rx.table.body(rx.foreach(rows, render_row)),
            variant="surface", size="1", width="100%",
        ), overflow_x="auto", width="100%", id=id_),
        rx.text(t("admin.empty"), color_scheme="gray"),
    )


def field(name: str, label_key: str, *, type_: str = "text", required: bool = False,
          multiline: bool = False) -> rx.Component:
    control = (rx.text_area(id=f"admin-{name}", name=name, rows="3", required=required, width="100%")
               if multiline else
               rx.input(id=f"admin-{name}", name=name, type=type_, required=required, width="100%"))
    return rx.flex(rx.el.label(t(label_key), html_for=f"admin-{name}", class_name="cv-label"),
                   control, direction="column", spacing="1", width="100%")
