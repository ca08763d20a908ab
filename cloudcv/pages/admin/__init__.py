"""``/beheer/...``: the admin console. Shared shell: title, section navigation, messages."""

import reflex as rx

from ...components.i18n import t
from ...components.layout import page
from ...state.admin import AdminState

SECTIONS = (("dashboard", "/beheer"), ("requests", "/beheer/verzoeken"), ("users", "/beheer/gebruikers"),
            ("authority", "/beheer/overheid"), ("breaches", "/beheer/datalekken"),
            ("contact", "/beheer/contact"), ("register", "/beheer/register"),
            ("retention", "/beheer/bewaartermijnen"), ("processors", "/beheer/verwerkers"), ("mail", "/beheer/mail"),
            ("campaigns", "/beheer/campagnes"),
            ("audit", "/beheer/audit"))


def admin_page(current: str, *children: rx.Component, lead: str | None = None) -> rx.Component:
    """An admin page: the title, the section navigation (``current`` marked), the saved or
    error message, the ``lead`` text (a catalog key), then ``children`` (admins only)."""
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
            *([rx.text(t(lead), color_scheme="gray")] if lead else []),
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
    """A labelled input (or text area) of an admin form."""
    control = (rx.text_area(dir="auto", id=f"admin-{name}", name=name, rows="3", required=required, width="100%")
               if multiline else
               rx.input(dir="auto", id=f"admin-{name}", name=name, type=type_, required=required, width="100%"))
    return rx.flex(rx.el.label(t(label_key), html_for=f"admin-{name}", class_name="cv-label"),
                   control, direction="column", spacing="1", width="100%")


def open_or_all(open_only, on_change, open_key: str, all_key: str) -> rx.Component:
    """The "open / all" switch over a list (``open_only`` is the state's flag)."""
    return rx.segmented_control.root(
        rx.segmented_control.item(t(open_key), value="open"),
        rx.segmented_control.item(t(all_key), value="all"),
        value=rx.cond(open_only, "open", "all"), on_change=on_change, width="fit-content")


def card_list(rows, render_row, *, id_: str) -> rx.Component:
    """One card per row, or "nothing here" when there are none."""
    return rx.cond(rows.length() > 0,
                   rx.flex(rx.foreach(rows, render_row), direction="column", spacing="3", id=id_),
                   rx.text(t("admin.empty"), color_scheme="gray"))


def form_card(on_submit, *children: rx.Component) -> rx.Component:
    """A registration form in a card; the inputs are emptied after it is sent."""
    return rx.card(rx.form(rx.flex(*children, direction="column", spacing="3"),
                           on_submit=on_submit, reset_on_submit=True), size="3")


def field_grid(*fields: rx.Component) -> rx.Component:
    """Short fields side by side from 520 px, stacked below."""
    return rx.grid(*fields, columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%")


def open_list_page(current: str, state, render_row, *, open_key: str, all_key: str, id_: str,
                   lead: str | None = None) -> rx.Component:
    """An admin page that is one list of cards with the "open / all" switch above it
    (``state`` uses ``AdminList``, state/admin.py)."""
    return admin_page(current, open_or_all(state.open_only, state.show, open_key, all_key),
                      card_list(state.rows, render_row, id_=id_), lead=lead)
