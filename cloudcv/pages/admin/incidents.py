"""``/beheer/overheid`` (authority requests, §4.3) and ``/beheer/datalekken`` (Art. 33/34)."""

import reflex as rx

from ...components.fields import checkbox
from ...components.i18n import t
from ...services.admin.incidents import BREACH_CATEGORIES
from ...state.admin import AdminAuthorityState as A
from ...state.admin import AdminBreachState as B
from . import admin_page, field, field_grid, form_card, table
from ..registry import route


def _authority_row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["received_on"]), rx.table.cell(row["authority"]),
        rx.table.cell(row["legal_basis"]), rx.table.cell(row["user_email"]),
        rx.table.cell(rx.cond(row["notified"] != "",
                              rx.badge(t("admin.authority.notified"), " ", row["notified"], color_scheme="green"),
                              rx.badge(t("admin.authority.not_notified"), " — ", row["legal_bar"],
                                       color_scheme="amber"))),
    )


@route("/beheer/overheid", title="title.admin_authority", on_load=A.load)
def authority() -> rx.Component:
    return admin_page(
        "authority",
        form_card(A.register,
                  field_grid(field("authority", "admin.authority.authority", required=True),
                             field("legal_basis", "admin.authority.legal_basis", required=True),
                             field("user_email", "admin.authority.user_email", type_="email",
                                   required=True),
                             field("received_on", "admin.authority.received_on", required=True)),
                  field("scope", "admin.authority.scope", required=True, multiline=True),
                  field("legal_bar_reference", "admin.authority.legal_bar"),
                  rx.button(t("admin.authority.submit"), type="submit", id="register-authority")),
        table(["admin.authority.received_on", "admin.authority.authority", "admin.authority.legal_basis",
               "admin.authority.user_email", "admin.col.status"], A.rows, _authority_row,
              id_="authority-table"),
        lead="admin.authority.lead",
    )


def _breach_row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["discovered"]), rx.table.cell(row["description"]),
        rx.table.cell(row["categories"]), rx.table.cell(row["people_count"]),
        rx.table.cell(rx.flex(
            rx.cond(row["ap_notified"] != "",
                    rx.badge(t("admin.breach.ap_done"), " ", row["ap_notified"], color_scheme="green"),
                    rx.form(rx.flex(
                        rx.el.input(type="hidden", name="breach_id", value=row["id"]),
                        rx.input(dir="auto", name="reference", placeholder=t("admin.breach.ap_reference"),
                                 aria_label=t("admin.breach.ap_reference"), size="1", required=True),
                        rx.button(t("admin.breach.record_ap"), size="1", type="submit"),
                        spacing="1", wrap="wrap"), on_submit=B.record_ap)),
            rx.cond(row["ap_notified"] == "",
                    rx.text(t("admin.breach.deadline"), " ", row["ap_deadline"], size="1",
                            class_name="breach-deadline")),
            rx.cond(row["ap_overdue"] == "1",
                    rx.badge(rx.icon("alarm-clock", size=12), t("admin.breach.overdue"), color_scheme="red",
                             class_name="breach-overdue")),
            rx.cond((row["high_risk"] == "1") & (row["users_notified"] == ""),
                    rx.button(t("admin.breach.notify_users"), size="1", color_scheme="red", variant="soft",
                              on_click=B.notify_users(row["id"]))),
            rx.cond(row["users_notified"] != "",
                    rx.badge(t("admin.breach.users_notified"), " ", row["users_notified"])),
            direction="column", spacing="1")),
    )


@route("/beheer/datalekken", title="title.admin_breaches", on_load=B.load)
def breaches() -> rx.Component:
    return admin_page(
        "breaches",
        form_card(
            B.register,
            field_grid(field("discovered_at", "admin.breach.discovered_at", required=True),
                       field("people_count", "admin.breach.people_count", type_="number")),
            field("description", "admin.breach.description", required=True, multiline=True),
            rx.el.fieldset(
                rx.el.legend(t("admin.breach.categories"), class_name="cv-label"),
                rx.flex(*[checkbox(t(f"admin.breach.cat.{c}"), checked=B.categories.contains(c),
                                   on_change=lambda on, c=c: B.toggle_category(c, on))
                          for c in BREACH_CATEGORIES],
                        spacing="3", wrap="wrap"),
                class_name="cv-fieldset"),
            field("measures", "admin.breach.measures", multiline=True),
            checkbox(t("admin.breach.high_risk"), name="high_risk"),
            rx.button(t("admin.breach.submit"), type="submit", id="register-breach")),
        table(["admin.breach.discovered_at", "admin.breach.description", "admin.breach.categories",
               "admin.breach.people_count", "admin.col.status"], B.rows, _breach_row, id_="breach-table"),
        lead="admin.breach.lead",
    )
