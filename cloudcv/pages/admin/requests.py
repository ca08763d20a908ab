"""``/beheer/verzoeken``: the request queue with deadlines, one extension, decisions."""

import reflex as rx

from ...components.admin_recipients import forget_recipient_form
from ...components.i18n import t, t_prefixed
from ...state.admin import AdminRequestsState as R
from . import admin_page, card_list, open_or_all
from ..registry import route


def _decision_options(row) -> rx.Component:
    def radio(value: str) -> rx.Component:
        return rx.el.label(rx.el.input(type="radio", name="decision", value=value, required=True),
                           rx.text(t(f"requests.decision.{value}"), size="2"), class_name="cv-inline-check")
    return rx.cond(row["kind"] == "objection",
                   rx.flex(radio("upheld"), radio("rejected"), spacing="3", wrap="wrap"),
                   rx.flex(radio("done"), radio("rejected"), spacing="3", wrap="wrap"))


def _request(row) -> rx.Component:
    return rx.card(rx.flex(
        rx.flex(
            rx.text(t_prefixed("request.kind.", row["kind"]), weight="bold"),
            rx.cond(row["overdue"] == "1", rx.badge(t("requests.overdue"), color_scheme="red",
                                                     class_name="request-overdue")),
            rx.cond(row["extended"] == "1", rx.badge(t("requests.extended"), color_scheme="amber")),
            rx.spacer(),
            rx.text(t("requests.received"), " ", row["received"], " · ", t("requests.due"), " ", row["due"],
                    size="2", color_scheme="gray"),
            spacing="2", wrap="wrap", align="center"),
        rx.text(row["email"], size="2", color_scheme="gray"),
        rx.cond(row["motivation"] != "",
                rx.box(rx.text(t("requests.motivation"), size="1", weight="bold"),
                       rx.text(row["motivation"], size="2", white_space="pre-wrap"))),
        rx.cond(row["details"] != "",
                rx.box(rx.text(t("requests.details"), size="1", weight="bold"),
                       rx.text(row["details"], size="2", white_space="pre-wrap"))),
        rx.cond(row["extension_reason"] != "",
                rx.callout(row["extension_reason"], icon="clock", size="1", color_scheme="amber")),
        rx.cond(
            (row["status"] == "open") | (row["status"] == "extended"),
            rx.flex(
                rx.cond(row["extended"] == "",
                        rx.form(rx.flex(
                            rx.el.input(type="hidden", name="request_id", value=row["id"]),
                            rx.input(dir="auto", name="reason", placeholder=t("requests.extend_reason"),
                                     aria_label=t("requests.extend_reason"), flex="1", min_width="12rem"),
                            rx.button(t("requests.extend"), type="submit", variant="soft", class_name="extend"),
                            spacing="2", wrap="wrap"), on_submit=R.extend, reset_on_submit=True)),
                rx.form(rx.flex(
                    rx.el.input(type="hidden", name="request_id", value=row["id"]),
                    _decision_options(row),
                    rx.text_area(dir="auto", name="reason", rows="2", placeholder=t("requests.decision_reason"),
                                 aria_label=t("requests.decision_reason"), width="100%"),
                    rx.button(t("requests.decide"), type="submit", class_name="decide", align_self="start"),
                    direction="column", spacing="2"), on_submit=R.decide, reset_on_submit=True),
                direction="column", spacing="3"),
            rx.callout(t_prefixed("requests.decision.", row["decision"]) + " — " + row["decision_reason"],
                       icon="check", size="1", color_scheme="green"),
        ),
        direction="column", spacing="2"), size="2", class_name="request-card")


@route("/beheer/verzoeken", title="title.admin_requests", on_load=R.load)
def requests() -> rx.Component:
    return admin_page("requests", forget_recipient_form(),
                      open_or_all(R.open_only, R.show, "requests.open", "requests.all"),
                      card_list(R.rows, _request, id_="request-list"), lead="requests.lead")
