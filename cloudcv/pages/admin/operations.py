"""``/beheer/mail`` (the outbox) and ``/beheer/audit`` (the append-only audit log)."""

import reflex as rx

from ...components.i18n import t
from ...state.admin import AdminAuditState as AU
from ...state.admin import AdminMailState as M
from . import admin_page, table
from ..registry import route


def _mail_row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["created"]), rx.table.cell(row["to"]), rx.table.cell(row["subject"]),
        rx.table.cell(rx.badge(row["status"], color_scheme=rx.match(
            row["status"], ("sent", "green"), ("failed", "red"), "gray"))),
        rx.table.cell(row["attempts"]),
        rx.table.cell(rx.flex(
            rx.button(t("admin.mail.read"), size="1", variant="soft", on_click=M.read(row["id"])),
            rx.cond(row["status"] == "failed",
                    rx.button(t("admin.mail.retry"), size="1", on_click=M.retry(row["id"]))),
            spacing="1")),
    )


@route("/beheer/mail", title="title.admin_mail", on_load=M.load)
def mail() -> rx.Component:
    return admin_page(
        "mail",
        rx.select.root(
            rx.select.trigger(aria_label=t("admin.col.status")),
            rx.select.content(*[rx.select.item(t(f"admin.mail.{s}"), value=s)
                                for s in ("all", "queued", "sent", "failed")]),
            value=M.status_filter, on_change=M.set_filter),
        rx.cond(M.reading != "",
                rx.card(rx.flex(rx.el.pre(M.reading, class_name="admin-mail-body"),
                                rx.button(t("admin.user.close"), variant="soft", size="1",
                                          on_click=M.close_mail, align_self="end"),
                                direction="column", spacing="2"), id="mail-body")),
        table(["admin.col.created", "admin.col.to", "admin.col.subject_line", "admin.col.status",
               "admin.col.attempts", "admin.col.action"], M.rows, _mail_row, id_="mail-table"),
    )


def _audit_row(row) -> rx.Component:
    return rx.table.row(rx.table.cell(row["when"]), rx.table.cell(row["actor"]),
                        rx.table.cell(rx.code(row["action"])), rx.table.cell(row["subject"]),
                        rx.table.cell(rx.text(row["details"], size="1")))


@route("/beheer/audit", title="title.admin_audit", on_load=AU.load)
def audit() -> rx.Component:
    return admin_page(
        "audit",
        rx.form(rx.flex(
            rx.input(dir="auto", name="action", placeholder=t("admin.audit.filter_action"),
                     aria_label=t("admin.audit.filter_action"), flex="1", min_width="10rem"),
            rx.input(dir="auto", name="user_id", placeholder=t("admin.audit.filter_user"),
                     aria_label=t("admin.audit.filter_user"), width="9rem", input_mode="numeric"),
            rx.button(t("admin.audit.filter"), type="submit"),
            spacing="2", wrap="wrap"), on_submit=AU.filter),
        table(["admin.col.when", "admin.col.actor", "admin.col.action", "admin.col.subject",
               "admin.col.details"], AU.rows, _audit_row, id_="audit-table"),
    )
