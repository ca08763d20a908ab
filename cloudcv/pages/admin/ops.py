"""``/beheer/bewaartermijnen`` (retention runs, preview, run now) and ``/beheer/verwerkers``."""

import reflex as rx

from ...components.i18n import t, t_prefixed
from ...state.admin import AdminOpsState as O
from . import admin_page, table
from ..registry import route


def _table_label(rule):
    """The table's label, or its raw name for a table without one."""
    return t_prefixed("table.", rule, default=rule)


def _rule(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(_table_label(row["rule"])), rx.table.cell(row["would_delete"]), rx.table.cell(row["held"]),
        rx.table.cell(row["next_due"]), rx.table.cell(row["last_run"]), rx.table.cell(row["last_deleted"]),
        rx.table.cell(rx.cond(row["last_error"] != "", rx.badge(row["last_error"], color_scheme="red"))),
    )


@route("/beheer/bewaartermijnen", title="title.admin_retention",
       on_load=O.load)
def retention() -> rx.Component:
    return admin_page(
        "retention",
        rx.button(rx.icon("play", size=16), t("ops.run_now"), on_click=O.run_now, loading=O.running,
                  id="run-retention", align_self="start"),
        table(["ops.rule", "ops.would_delete", "ops.held", "ops.next_due", "ops.last_run",
               "ops.last_deleted", "admin.col.status"], O.rules, _rule, id_="retention-table"),
        lead="ops.lead",
    )


def _processor(row) -> rx.Component:
    return rx.card(rx.form(rx.flex(
        rx.el.input(type="hidden", name="processor_id", value=row["id"]),
        rx.flex(rx.text(t_prefixed("proc.", row["category"], default=row["category"]), weight="bold"),
                rx.cond(row["applicable"] == "", rx.badge(t("ops.not_applicable"), color_scheme="gray")),
                rx.badge(row["role"], variant="soft"), spacing="2", align="center", wrap="wrap"),
        rx.grid(
            rx.input(dir="auto", name="name", default_value=row["name"], placeholder=t("ops.processor_name"),
                     aria_label=t("ops.processor_name")),
            rx.input(dir="auto", name="agreement_date", default_value=row["agreement_date"], placeholder="dd-mm-jjjj",
                     aria_label=t("ops.agreement_date")),
            rx.input(dir="auto", name="data_received", default_value=row["data_received"],
                     placeholder=t("ops.data_received"), aria_label=t("ops.data_received")),
            columns=rx.breakpoints(initial="1", md="3"), spacing="2", width="100%"),
        rx.button(t("cvs.save"), type="submit", size="1", variant="soft", align_self="start"),
        direction="column", spacing="2"), on_submit=O.save_processor), size="2", class_name="processor-card")


@route("/beheer/verwerkers", title="title.admin_processors",
       on_load=O.load)
def processors() -> rx.Component:
    return admin_page(
        "processors",
        rx.flex(rx.foreach(O.processors, _processor), direction="column", spacing="3", id="processor-list"),
        lead="ops.processors_lead",
    )
