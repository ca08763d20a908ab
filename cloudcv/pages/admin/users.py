"""``/beheer/gebruikers``: search users; per user status, holds and actions."""

import reflex as rx

from ...components.i18n import t
from ...state.admin import AdminUsersState as S
from . import admin_page, table
from ..registry import route


def _status(row) -> rx.Component:
    return rx.flex(
        rx.cond(row["verified"] == "", rx.badge(t("admin.status.unverified"), color_scheme="gray")),
        rx.cond(row["blocked"] == "1", rx.badge(t("admin.status.blocked"), color_scheme="red")),
        rx.cond(row["restricted"] == "1", rx.badge(t("admin.status.restricted"), color_scheme="amber")),
        rx.cond(row["on_hold"] == "1", rx.badge(t("admin.status.on_hold"), color_scheme="orange")),
        spacing="1", wrap="wrap",
    )


def _row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.button(row["name"], on_click=S.open_user(row["id"]), variant="ghost",
                                size="1", class_name="admin-user-link")),
        rx.table.cell(row["email"]),
        rx.table.cell(row["role"]),
        rx.table.cell(_status(row)),
        rx.table.cell(row["created"]),
        rx.table.cell(row["last_login"]),
    )


def _detail() -> rx.Component:
    sel = S.selected
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(sel["name"]),
        rx.flex(
            rx.text(sel["email"], color_scheme="gray"),
            _status(sel),
            rx.text(t("admin.user.cvs"), ": ", S.cv_count, size="2"),
            rx.text(t("admin.user.metadata_only"), size="1", color_scheme="gray"),
            rx.separator(size="4"),
            rx.foreach(S.holds, lambda h: rx.callout(h["created"] + " — " + h["reason"],
                                                     icon="shield-alert", color_scheme="orange", size="1")),
            rx.form(rx.flex(
                rx.el.label(t("admin.user.hold_reason"), html_for="hold-reason", class_name="cv-label"),
                rx.input(dir="auto", id="hold-reason", name="reason", width="100%"),
                rx.button(t("admin.user.set_hold"), type="submit", color_scheme="orange",
                          high_contrast=True, id="set-hold"),
                direction="column", spacing="2"), on_submit=S.set_hold, reset_on_submit=True),
            rx.flex(
                rx.cond(S.holds.length() > 0,
                        rx.button(t("admin.user.lift_hold"), variant="soft", on_click=S.lift_hold,
                                  id="lift-hold")),
                rx.cond(sel["blocked"] == "1",
                        rx.button(t("admin.user.unblock"), variant="soft", on_click=S.set_blocked(False)),
                        rx.button(t("admin.user.block"), variant="soft", color_scheme="red",
                                  on_click=S.set_blocked(True), id="block-user")),
                rx.cond(sel["verified"] == "",
                        rx.button(t("admin.user.resend"), variant="soft", on_click=S.resend)),
                rx.cond(sel["role"] == "admin",
                        rx.button(t("admin.user.make_user"), variant="soft", on_click=S.set_role("user")),
                        rx.button(t("admin.user.make_admin"), variant="soft", on_click=S.set_role("admin"))),
                spacing="2", wrap="wrap",
            ),
            rx.cond(S.error != "", rx.text(S.error, color_scheme="red", role="alert", size="2")),
            rx.cond(S.notice != "", rx.text(S.notice, color_scheme="green", role="status", size="2")),
            rx.flex(rx.dialog.close(rx.button(t("admin.user.close"), variant="soft", color_scheme="gray",
                                              on_click=S.close_user)), justify="end"),
            direction="column", spacing="3",
        ),
    ), open=S.selected.contains("id"))


@route("/beheer/gebruikers", title="title.admin_users", on_load=S.load)
def users() -> rx.Component:
    return admin_page(
        "users",
        rx.form(rx.flex(
            rx.input(dir="auto", name="query", placeholder=t("admin.search"), aria_label=t("admin.search"),
                     default_value=S.query, flex="1", min_width="12rem", id="user-search"),
            rx.button(t("admin.search_button"), type="submit"),
            spacing="2", wrap="wrap"), on_submit=S.search),
        table(["admin.col.name", "admin.col.email", "admin.col.role", "admin.col.status",
               "admin.col.created", "admin.col.last_login"], S.rows, _row, id_="user-table"),
        _detail(),
    )
